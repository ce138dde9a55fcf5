// `waihu import FILE`: leads from a .csv or .xlsx into one 小A task, 30,000
// rows a request, resumable.
//
// The journal (FILE.waihu-import.json, next to the file) records the file's
// SHA-256, the options, the task and each request: `pending` before it is
// sent, confirmed with the platform's counts once it is answered. After a
// crash, a network failure or OUTCOME_UNKNOWN the same command reads it and,
// before sending the pending request again, asks the platform how many rows
// the task holds: if the count grew by the request, it was applied and is
// confirmed instead, so no row is ever imported twice.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { XiaoAClient, checkLeads } from 'waihu';
import { CliError, EXIT, dayOf, intOption, jsonOptions, passwordFromStdin, platformConfig, transport } from './common.mjs';
import { createProgress, duration } from './progress.mjs';
import { leadsOf, readSheet } from './sheet.mjs';

export const CHUNK = 30000;
const JOURNAL_VERSION = 1;

const sum = (chunks, k) => chunks.reduce((n, c) => n + (c[k] ?? 0), 0);

function saveJournal(file, journal) {
  // Written whole to a temporary file, flushed, then renamed over the old one:
  // a crash leaves the old journal or the new one, never half of one.
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(journal, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function loadJournal(file) {
  if (!fs.existsSync(file)) return undefined;
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (j.version !== JOURNAL_VERSION) throw new Error(`version ${j.version}`);
    return j;
  } catch (e) {
    throw new CliError(`the journal ${file} cannot be read (${e.message})`, { hint: 'if no import is half done, delete it and run again' });
  }
}

/** The task the journal's import writes to, as the platform lists it now. */
async function findTask(client, journal, signal) {
  const since = dayOf(new Date(journal.createdAt - 86_400_000));
  for await (const t of client.tasks({ dial_task_main_sn: journal.task, start_create_at: since }, { signal })) {
    if (t.dial_task_main_sn === journal.task) return t;
  }
  return undefined;
}

/** After a first request whose answer was lost: the task it created, if any. */
async function findCreatedTask(client, journal, signal) {
  const since = dayOf(new Date(journal.pending.startedAt - 86_400_000));
  const found = [];
  for await (const t of client.tasks({ start_create_at: since }, { signal })) {
    if (t.mark === journal.options.mark && t.project_sn === journal.options.project && String(t.source) === journal.options.source) found.push(t);
  }
  return found;
}

/** Settles the request the journal left pending; returns a note for the log. */
async function settlePending(client, journal, journalFile, signal) {
  const p = journal.pending;
  if (!p) return undefined;
  if (!journal.task) {
    const found = await findCreatedTask(client, journal, signal);
    if (found.length > 1) {
      throw new CliError(`the first request's answer was lost and ${found.length} tasks match it (${found.map((t) => t.dial_task_main_sn).join(', ')})`, {
        exit: EXIT.FAILED,
        hint: `put the right one in ${journalFile} as "task" and run again`,
      });
    }
    if (found.length === 0) {
      journal.pending = null;
      saveJournal(journalFile, journal);
      return `request 1 (rows 1–${p.to}) never reached the platform: sending it again`;
    }
    journal.task = found[0].dial_task_main_sn;
  }
  const task = await findTask(client, journal, signal);
  if (!task) throw new CliError(`the task ${journal.task} is gone from the platform (deleted?)`, { exit: EXIT.FAILED, hint: `delete ${journalFile} to import into a new task` });
  const count = Number(task.total_count);
  const confirmed = sum(journal.chunks, 'success');
  if (count === confirmed) {
    journal.pending = null;
    saveJournal(journalFile, journal);
    return `request ${p.index + 1} (rows ${p.from + 1}–${p.to}) was not applied (the task holds ${count} rows): sending it again`;
  }
  if (count < confirmed) {
    throw new CliError(`the task ${journal.task} holds ${count} rows, fewer than the ${confirmed} this journal confirmed`, {
      exit: EXIT.FAILED,
      hint: `rows were removed on the platform; delete ${journalFile} to start a new task`,
    });
  }
  const rows = p.to - p.from;
  journal.chunks.push({ index: p.index, from: p.from, to: p.to, total: rows, success: count - confirmed, fail: null, out_repeat: null, recovered: true, at: Date.now() });
  journal.pending = null;
  saveJournal(journalFile, journal);
  return `request ${p.index + 1} (rows ${p.from + 1}–${p.to}) was applied before the interruption (the task grew by ${count - confirmed} rows): not sending it again`;
}

export const importCommand = {
  summary: 'import a spreadsheet of leads into a 小A task (checked, 30,000 rows a request, resumable)',
  usage: 'waihu import FILE.xlsx|FILE.csv --project SN --ai-user SN [--source NAME] [--mark TEXT] [--auto-start] [--dry-run] [--skip-invalid] [--json]',
  details: `Every row is checked first (--dry-run stops there and prints the problems).
The first line of the file names the columns; 姓名 and 电话 must be among them.
Progress goes to stderr: a bar on a terminal, plain lines otherwise.
A journal next to the file (FILE.waihu-import.json) records each request as it
is confirmed: after a crash, a network failure or OUTCOME_UNKNOWN, run the same
command again. It checks the task's row count before sending anything again,
so no row is imported twice. Without --auto-start the task stays paused.

Options:
  --project SN        the project (template) sn (see the platform's projects)
  --ai-user SN        the AI account that dials
  --source NAME       the task's source (default: the file's name)
  --mark TEXT         the task's remark (default: "waihu import <id>")
  --auto-start        start dialling once every row is in
  --dry-run           check the rows and stop
  --skip-invalid      import the rows that pass the check, list the others
  --chunk-size N      rows per request (default and maximum 30000)
  --json              print one JSON object: total, success, fail, out_repeat, dial_task_main_sn
  --quiet             no progress`,
  example: `export WAIHU_XIAOA_BASE_URL=http://120.77.61.117:8088 WAIHU_XIAOA_USERNAME=demo
read -rs WAIHU_XIAOA_PASSWORD && export WAIHU_XIAOA_PASSWORD
waihu import leads.xlsx --project 'project|1b7e…' --ai-user 'SYSUSER|9ad0…' --auto-start`,
  options: {
    project: { type: 'string' },
    'ai-user': { type: 'string' },
    source: { type: 'string' },
    mark: { type: 'string' },
    'auto-start': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    'chunk-size': { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  positionals: 1,
  async run({ values, positionals, io, signal }) {
    const file = positionals[0];
    if (!file) throw new CliError('which file? waihu import FILE.xlsx|FILE.csv …', { hint: 'see --help' });
    const dryRun = Boolean(values['dry-run']);
    if (!dryRun && (!values.project || !values['ai-user'])) throw new CliError('--project and --ai-user are required (the template and the AI account of the task)');
    const chunkSize = intOption(values, 'chunk-size', CHUNK, { min: 1, max: CHUNK });
    const out = io.stdout;
    const err = io.stderr;

    // 1. Read and check every row before anything is sent.
    const { bytes, rows: cells } = await readSheet(file);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    let { rows, lines } = leadsOf(cells, file);
    if (rows.length === 0) throw new CliError(`${file} has no rows under its first line`, { exit: EXIT.ROWS });
    const { problems } = checkLeads(rows, { maxProblems: 1000 });
    if (problems.length) {
      const shown = problems.slice(0, 20);
      err.write(`${file}: ${problems.length}${problems.length >= 1000 ? '+' : ''} row(s) will not import:\n`);
      for (const p of shown) err.write(`  line ${lines[p.row] ?? '?'}: ${p.code}: ${p.message}\n`);
      if (problems.length > shown.length) err.write(`  … and ${problems.length - shown.length} more\n`);
      if (dryRun || !values['skip-invalid']) {
        if (!dryRun) err.write('  → fix them, or pass --skip-invalid to import the other rows\n');
        if (values.json) out.write(`${JSON.stringify({ dryRun, rows: rows.length, problems: problems.map((p) => ({ line: lines[p.row] ?? null, code: p.code, message: p.message })) })}\n`);
        return EXIT.ROWS;
      }
      if (problems.length >= 1000) throw new CliError('1,000 rows or more fail the check: fix the file first', { exit: EXIT.ROWS });
      const bad = new Set(problems.map((p) => p.row));
      lines = lines.filter((_, i) => !bad.has(i));
      rows = rows.filter((_, i) => !bad.has(i));
    }
    const requests = Math.ceil(rows.length / chunkSize);
    if (dryRun) {
      const msg = `${file}: ${rows.length} rows pass the check; they would go in ${requests} request(s) of up to ${chunkSize} rows`;
      if (values.json) out.write(`${JSON.stringify({ dryRun: true, rows: rows.length, requests, problems: [] })}\n`);
      else out.write(`${msg}\n`);
      return EXIT.OK;
    }

    // 2. The journal: a new one, or the one a previous run left.
    const conf = await platformConfig('xiaoa', values, io, { stdinPassword: await passwordFromStdin(values, io) });
    const journalFile = `${file}.waihu-import.json`;
    const options = {
      project: values.project,
      aiUser: values['ai-user'],
      source: values.source ?? path.basename(file),
      mark: values.mark,
      chunkSize,
      autoStart: Boolean(values['auto-start']),
      skipInvalid: Boolean(values['skip-invalid']),
    };
    let journal = loadJournal(journalFile);
    if (journal) {
      const differs = [];
      if (journal.sha256 !== sha256) differs.push('the file changed');
      const flags = { project: '--project', aiUser: '--ai-user', source: '--source', chunkSize: '--chunk-size', skipInvalid: '--skip-invalid' };
      for (const [k, flag] of Object.entries(flags)) if (journal.options[k] !== options[k]) differs.push(`${flag} differs`);
      if (values.mark !== undefined && values.mark !== journal.options.mark) differs.push('--mark differs');
      if (journal.baseUrl !== conf.baseUrl || journal.username !== conf.login) differs.push('another server or account');
      if (differs.length) {
        throw new CliError(`${journalFile} belongs to another import (${differs.join(', ')})`, {
          hint: 'run with the options of that import to finish it, or delete the journal to start over',
        });
      }
    } else {
      const id = crypto.randomBytes(4).toString('hex');
      options.mark ??= `waihu import ${id}`;
      journal = {
        version: JOURNAL_VERSION,
        id,
        file: path.basename(file),
        sha256,
        rows: rows.length,
        baseUrl: conf.baseUrl,
        username: conf.login,
        options,
        createdAt: Date.now(),
        task: null,
        chunks: [],
        pending: null,
        done: false,
      };
    }
    const result = () => ({
      total: sum(journal.chunks, 'total'),
      success: sum(journal.chunks, 'success'),
      fail: sum(journal.chunks, 'fail'),
      out_repeat: sum(journal.chunks, 'out_repeat'),
      dial_task_main_sn: journal.task,
      rows: rows.length,
      requests: journal.chunks.length,
      recovered: journal.chunks.filter((c) => c.recovered).map((c) => c.index + 1),
      started: Boolean(journal.started),
      journal: journalFile,
    });
    const finish = () => {
      const r = result();
      if (values.json) out.write(`${JSON.stringify(r)}\n`);
      else {
        out.write(
          `imported ${r.total} rows into ${r.dial_task_main_sn}: ${r.success} added, ${r.fail} failed, ${r.out_repeat} repeated${r.recovered.length ? ` (request ${r.recovered.join(', ')} recovered after an interruption: its failed/repeated counts are unknown)` : ''}\n`,
        );
        if (r.started) out.write('the task is dialling\n');
      }
      return EXIT.OK;
    };
    if (journal.done) {
      err.write(`${file} was imported already (${journalFile}); delete the journal to import it again\n`);
      return finish();
    }

    const client = new XiaoAClient({ baseUrl: conf.baseUrl, username: conf.login, password: conf.password, json: jsonOptions(values['json-flags']) ?? conf.extra.json, ...transport(values) });
    const resumed = journal.chunks.length > 0 || journal.pending;
    saveJournal(journalFile, journal);
    const note = await settlePending(client, journal, journalFile, signal);
    if (note) err.write(`${note}\n`);
    if (resumed) err.write(`resuming ${file}: ${journal.chunks.length} of ${requests} request(s) confirmed (${journal.chunks.reduce((n, c) => n + (c.to - c.from), 0)} rows)\n`);

    // 3. The requests, each journaled before it is sent and when it is answered.
    const sentBefore = journal.chunks.reduce((n, c) => n + (c.to - c.from), 0);
    const progress = createProgress({ stream: err, label: 'import', unit: 'rows', total: rows.length, initial: sentBefore, quiet: values.quiet });
    progress.update(sentBefore, { step: true });
    const started = Date.now();
    for (let index = journal.chunks.length; index < requests; index++) {
      const from = index * chunkSize;
      const to = Math.min(rows.length, from + chunkSize);
      journal.pending = { index, from, to, startedAt: Date.now() };
      saveJournal(journalFile, journal);
      progress.update(from, { note: `request ${index + 1}/${requests}` });
      let r;
      try {
        r = await client.importLeads(
          {
            rows: rows.slice(from, to),
            project_sn: options.project,
            ai_user_sn: options.aiUser,
            source: options.source,
            mark: journal.options.mark,
            dial_task_main_sn: journal.task ?? undefined,
          },
          { signal },
        );
      } catch (e) {
        progress.stop();
        const unknown = ['OUTCOME_UNKNOWN', 'NETWORK', 'TIMEOUT', 'ABORTED'].includes(e.code);
        if (!unknown) {
          // A definite refusal: nothing of this request was applied.
          journal.pending = null;
          saveJournal(journalFile, journal);
        }
        err.write(
          `stopped at request ${index + 1}/${requests} (rows ${from + 1}–${to}, file lines ${lines[from]}–${lines[to - 1]}); ${journal.chunks.length} request(s) confirmed in ${journalFile}\n`,
        );
        if (unknown) err.write('  → run the same command again: it checks the task before sending this request again\n');
        throw e;
      }
      journal.task ??= r.dial_task_main_sn;
      journal.chunks.push({ index, from, to, total: r.total, success: r.success, fail: r.fail, out_repeat: r.out_repeat, at: Date.now() });
      journal.pending = null;
      saveJournal(journalFile, journal);
      // (The last request's line is the summary finish() draws.)
      progress.update(to, { step: to < rows.length, note: `request ${index + 1}/${requests} done` });
    }
    progress.finish(`done in ${duration(Date.now() - started)}`);

    // 4. Start dialling once every row is in (one task, never half started).
    // --auto-start given to this run or to the one that began the import.
    if ((options.autoStart || journal.options.autoStart) && !journal.started) {
      const task = await findTask(client, journal, signal);
      if (!task) throw new CliError(`the task ${journal.task} is not listed by the platform; start it there`, { exit: EXIT.FAILED });
      await client.operateTask(task.dial_task_main_id, 'keepOn', { signal });
      journal.started = true;
    }
    journal.done = true;
    saveJournal(journalFile, journal);
    return finish();
  },
};
