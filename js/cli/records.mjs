// `waihu records` (every 小A CRM record of a range, streamed to CSV or JSON
// lines) and `waihu recordings` (each call's recording downloaded once,
// partial files resumed).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { XiaoAClient, parseTalkInfo } from 'waihu';
import { CliError, EXIT, dateOption, deadline, intOption, jsonOptions, passwordFromStdin, platformConfig, transport, write } from './common.mjs';
import { createProgress, duration } from './progress.mjs';
import { csvCell } from './sheet.mjs';

const PAGE = 500;

/** The CSV columns of a record; `talk_*` flatten its conversation. */
export const RECORD_COLUMNS = [
  'id',
  'created_at',
  'phone',
  'name',
  'address',
  'unit',
  'status',
  'labelling',
  'score',
  'asks_count',
  'connected_at',
  'disconnected_at',
  'talktimes',
  'endreason',
  'project_caption',
  'project_sn',
  'dial_task_main_sn',
  'source',
  'mark',
  'ai_user_name',
  'ai_user_sn',
  'user_name',
  'team_name',
  'sn',
  'cdr_sn',
  'recordpath',
  'recordfile',
  'talk_turns',
  'talk_answers',
  'talk_fragments',
];

/** The turns of a record's conversation, or null when its talk_info cannot be read. */
function turnsOf(r) {
  try {
    return parseTalkInfo(r.talk_info ?? null);
  } catch {
    return null;
  }
}

/** talk_info flattened for CSV: how many turns, the answers, the answers' recordings. */
function talkColumns(r) {
  const turns = turnsOf(r) ?? [];
  return { talk_turns: turns.length, talk_answers: turns.map((t) => t.answer).join(' | '), talk_fragments: turns.map((t) => t.fenduanluyin).join(' | ') };
}

async function xiaoaClient(values, io) {
  const conf = await platformConfig('xiaoa', values, io, { stdinPassword: await passwordFromStdin(values, io) });
  return new XiaoAClient({ baseUrl: conf.baseUrl, username: conf.login, password: conf.password, json: jsonOptions(values['json-flags']) ?? conf.extra.json, ...transport(values) });
}

function range(values) {
  const since = dateOption(values, 'since');
  if (!since) throw new CliError('--since is required: the first day (YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS", today or yesterday)');
  const until = dateOption(values, 'until');
  return { start_create_at: since, ...(until ? { end_create_at: until } : {}) };
}

/** How many records the range holds (one small request), for the progress total. */
async function countOf(client, query, signal) {
  const first = await client.crmList({ ...query, pageIndex: 0, pageSize: 1 }, { signal });
  return Number(first.total) || 0;
}

export const recordsCommand = {
  summary: 'every 小A CRM record of a date range, streamed to CSV or JSON lines',
  usage: 'waihu records --since DATE [--until DATE] [--format csv|jsonl] [--out FILE] [--columns a,b,…]',
  details: `Pages through crmList ${PAGE} records a request and writes each page as it
arrives: memory stays the same for any count. CSV columns: ${RECORD_COLUMNS.slice(0, 6).join(', ')}, …
(--columns chooses), talk_info flattened into talk_turns, talk_answers and
talk_fragments. JSON lines keep every field and add "talk" (the parsed turns).
Without --out the records go to stdout; progress and the summary to stderr.

Options:
  --since DATE       first day: YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS", today, yesterday
  --until DATE       last day (default: no end)
  --format F         csv (default) or jsonl (--json is the same as --format jsonl)
  --out FILE         write there instead of stdout
  --columns LIST     the CSV columns, comma-separated
  --bom              start the CSV with a UTF-8 BOM (Excel on Windows)
  --quiet            no progress`,
  example: 'waihu records --since 2026-11-01 --until 2026-11-30 --out november.csv',
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    columns: { type: 'string' },
    bom: { type: 'boolean' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  async run({ values, io, signal }) {
    const format = values.json ? 'jsonl' : (values.format ?? 'csv');
    if (format !== 'csv' && format !== 'jsonl') throw new CliError(`--format must be csv or jsonl (got ${JSON.stringify(format)})`);
    const columns = values.columns
      ? values.columns
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : RECORD_COLUMNS;
    const query = range(values);
    const client = await xiaoaClient(values, io);
    let sink = io.stdout;
    if (values.out) {
      // Opened now, so a bad path is a usage error before any request.
      let fd;
      try {
        fd = fs.openSync(values.out, 'w');
      } catch (e) {
        throw new CliError(`cannot write ${values.out}: ${e.code === 'ENOENT' ? 'its directory does not exist' : e.message}`);
      }
      sink = fs.createWriteStream(null, { fd });
    }
    // A write that fails later (a full disk) stops the export with that error.
    let sinkError;
    sink.on('error', (e) => (sinkError ??= e));
    const total = await countOf(client, query, signal);
    const progress = createProgress({ stream: io.stderr, label: 'records', unit: 'records', total, quiet: values.quiet });
    const started = Date.now();
    let n = 0;
    try {
      if (format === 'csv') await write(sink, `${values.bom ? '\ufeff' : ''}${columns.map(csvCell).join(',')}\r\n`);
      for await (const r of client.crmRecords({ ...query, pageSize: PAGE }, { signal })) {
        if (format === 'csv') {
          const talk = talkColumns(r);
          await write(sink, `${columns.map((c) => csvCell(c in talk ? talk[c] : r[c])).join(',')}\r\n`);
        } else await write(sink, `${JSON.stringify({ ...r, talk: turnsOf(r) })}\n`);
        if (sinkError) throw new CliError(`writing ${values.out ?? 'stdout'} failed: ${sinkError.message}`, { exit: EXIT.FAILED });
        n++;
        if (n % PAGE === 0) progress.update(n, { newTotal: Math.max(total, n) });
      }
    } catch (e) {
      progress.stop();
      io.stderr.write(`records: ${n} written${values.out ? ` to ${values.out}` : ''} before the error\n`);
      throw e;
    } finally {
      if (values.out) await new Promise((resolve) => sink.end(resolve));
    }
    if (sinkError) throw new CliError(`writing ${values.out ?? 'stdout'} failed: ${sinkError.message}`, { exit: EXIT.FAILED });
    progress.finish();
    const rss = process.resourceUsage().maxRSS / 1024;
    io.stderr.write(`records: ${n} written${values.out ? ` to ${values.out}` : ''} in ${duration(Date.now() - started)}; peak memory ${rss.toFixed(0)} MB\n`);
    return EXIT.OK;
  },
};

/** A recording's file name: the platform's, without directories or characters a file system refuses. */
export function recordingName(recordfile) {
  const base = path.basename(String(recordfile).replace(/\\/g, '/'));
  const safe = base.replace(/[^\w.\-\u4e00-\u9fff]/g, '_').replace(/^\.+/, '_');
  return safe || '_';
}

const MAX_RECORDING = 1024 * 1024 * 1024;

/** Downloads one recording into `file` (through `file.part`, resumed with Range). */
async function download(client, r, file, signal, timeoutMs) {
  const d = deadline(signal, timeoutMs);
  try {
    return await fetchInto(client, r, file, d.signal, signal);
  } finally {
    d.dispose();
  }
}

async function fetchInto(client, r, file, signal, outer) {
  const part = `${file}.part`;
  for (let attempt = 0; ; attempt++) {
    const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
    const url = client.recordingUrl(r);
    const res = await fetch(url, { headers: have ? { Range: `bytes=${have}-` } : {}, signal });
    const type = res.headers.get('content-type') || '';
    if (/json/i.test(type)) {
      // The platform's error instead of audio, e.g. the api_key expired during a long run: log in again once.
      const text = (await res.text()).slice(0, 4096);
      let code;
      try {
        code = JSON.parse(text).code;
      } catch {
        // not JSON after all
      }
      if (attempt === 0 && [20005, 20006, 40001].includes(Number(code))) {
        await client.login({ signal: outer });
        continue;
      }
      throw new Error(`the platform answered ${code === undefined ? `HTTP ${res.status}` : `code ${code}`} instead of audio`);
    }
    if (res.status === 416 && have > 0) {
      // Already whole.
      await res.body?.cancel();
      fs.renameSync(part, file);
      return { bytes: 0, resumed: true };
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status}`);
    }
    const append = res.status === 206 && have > 0;
    const out = fs.createWriteStream(part, { flags: append ? 'a' : 'w' });
    let bytes = 0;
    try {
      for await (const chunk of Readable.fromWeb(res.body)) {
        bytes += chunk.length;
        if (bytes + (append ? have : 0) > MAX_RECORDING) throw new Error('over 1 GiB: not a recording');
        await write(out, chunk);
      }
    } finally {
      await new Promise((resolve) => out.end(resolve));
    }
    fs.renameSync(part, file);
    return { bytes, resumed: append };
  }
}

export const recordingsCommand = {
  summary: 'download the recording of every 小A call of a date range (once; partial files resumed)',
  usage: 'waihu recordings --since DATE [--until DATE] --dir DIR [--concurrency 4]',
  details: `Each recording goes to DIR under the platform's file name. A file that is
there is skipped; a partial one (NAME.part, left by an interrupted run) is
resumed with an HTTP Range request. Failed downloads are listed at the end
(exit 1): run the same command again to retry them.

Options:
  --since DATE       first day: YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS", today, yesterday
  --until DATE       last day (default: no end)
  --dir DIR          where the files go (created if missing)
  --concurrency N    downloads at a time (default 4, at most 16)
  --quiet            no progress`,
  example: 'waihu recordings --since yesterday --dir ./recordings --concurrency 4',
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    dir: { type: 'string' },
    concurrency: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run({ values, io, signal }) {
    if (!values.dir) throw new CliError('--dir is required: where the recordings go');
    const concurrency = intOption(values, 'concurrency', 4, { min: 1, max: 16 });
    const timeoutMs = intOption(values, 'timeout-ms', 300000, { min: 1, max: 3600000 });
    const query = range(values);
    try {
      fs.mkdirSync(values.dir, { recursive: true });
      fs.accessSync(values.dir, fs.constants.W_OK);
    } catch (e) {
      throw new CliError(`cannot write into ${values.dir}: ${e.code ?? e.message}`);
    }
    const client = await xiaoaClient(values, io);
    const total = await countOf(client, query, signal);
    const progress = createProgress({ stream: io.stderr, label: 'recordings', unit: 'records', total, quiet: values.quiet });
    const counts = { downloaded: 0, resumed: 0, skipped: 0, none: 0, failed: 0, bytes: 0 };
    const failures = [];
    let seen = 0;
    const records = client.crmRecords({ ...query, pageSize: PAGE }, { signal })[Symbol.asyncIterator]();
    const taken = new Set();
    // Workers pull from the one pager: at most `concurrency` downloads and one page in memory.
    let next = Promise.resolve();
    const pull = () => {
      const p = next.then(() => records.next());
      next = p.then(
        () => undefined,
        () => undefined,
      );
      return p;
    };
    async function worker() {
      for (;;) {
        const { value: r, done } = await pull();
        if (done) return;
        seen++;
        if (!r.recordfile || !r.connected_at) counts.none++;
        else {
          const file = path.join(values.dir, recordingName(r.recordfile));
          if (taken.has(file) || fs.existsSync(file)) counts.skipped++;
          else {
            taken.add(file);
            try {
              const d = await download(client, r, file, signal, timeoutMs);
              counts.bytes += d.bytes;
              if (d.resumed) counts.resumed++;
              else counts.downloaded++;
            } catch (e) {
              if (signal.aborted) throw e;
              counts.failed++;
              failures.push({ id: r.id, recordfile: r.recordfile, error: e.message });
              progress.log(`recording of record ${r.id} (${r.recordfile}) failed: ${e.message}`);
            }
          }
        }
        progress.update(seen, { note: `${counts.downloaded + counts.resumed} downloaded, ${counts.skipped} already there` });
      }
    }
    const started = Date.now();
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } catch (e) {
      progress.stop();
      throw e;
    }
    progress.finish();
    io.stderr.write(
      `recordings: ${counts.downloaded} downloaded, ${counts.resumed} resumed, ${counts.skipped} already there, ${counts.none} calls without a recording, ${counts.failed} failed; ${(counts.bytes / 1048576).toFixed(1)} MB in ${duration(Date.now() - started)}\n`,
    );
    if (failures.length) {
      io.stderr.write('  → run the same command again to retry the failed ones (finished files are skipped)\n');
      return EXIT.FAILED;
    }
    return EXIT.OK;
  },
};

export const projectsCommand = {
  summary: 'the 小A projects (templates, with their columns) and AI accounts an import needs',
  usage: 'waihu projects [--json]',
  details: `Lists what \`waihu import\` takes: each project's sn (--project) with the columns
of its template, and each AI account's sn (--ai-user) with its calling hours.`,
  example: 'waihu projects',
  options: { json: { type: 'boolean' } },
  async run({ values, io, signal }) {
    const client = await xiaoaClient(values, io);
    const [projects, aiUsers] = await Promise.all([client.projects({ signal }), client.aiUsers({ signal })]);
    const withColumns = await Promise.all(
      projects.map(async (p) => {
        let columns = null;
        try {
          const fields = await client.templateFields(p.sn, { signal });
          columns = fields.flatMap((row) => Object.values(row));
        } catch {
          // a template the platform cannot describe: listed without columns
        }
        return { sn: p.sn, name: p.project_name, caption: p.project_caption, columns };
      }),
    );
    const ais = aiUsers.map((a) => ({
      sn: a.user_sn,
      name: a.user_name,
      hours: [a.start_at_one && `${a.start_at_one}–${a.end_at_one}`, a.start_at_two && `${a.start_at_two}–${a.end_at_two}`].filter(Boolean).join(', '),
    }));
    if (values.json) io.stdout.write(`${JSON.stringify({ projects: withColumns, aiUsers: ais })}\n`);
    else {
      const lines = ['Projects (--project):'];
      for (const p of withColumns) lines.push(`  ${p.sn}  ${p.name}${p.columns ? `  columns: ${p.columns.join(', ')}` : ''}`);
      lines.push('AI accounts (--ai-user):');
      for (const a of ais) lines.push(`  ${a.sn}  ${a.name}${a.hours ? `  calls ${a.hours}` : ''}`);
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT.OK;
  },
};
