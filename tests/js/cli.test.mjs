// The `waihu` command (pkg/cli/waihu.mjs), run as a user runs it: a child
// process with a clean environment, against the sandbox on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pkgDir, waihu } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { writeXlsx } from '../../js/sandbox/formats.mjs';

const CLI = path.join(pkgDir, 'cli', 'waihu.mjs');
const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';
let tmp;
let sb;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-cli-'));
  sb = await startSandbox({ xiaoa: { records: 12 } });
});
after(async () => {
  await sb.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The environment of a user who configured 小A for `url` (no other WAIHU_*, a HOME without config). */
function envFor(url, extra = {}) {
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home, { recursive: true });
  return { PATH: process.env.PATH, HOME: home, WAIHU_XIAOA_BASE_URL: url, WAIHU_XIAOA_USERNAME: 'demo', WAIHU_XIAOA_PASSWORD: 'demo123', ...extra };
}

/** Runs the CLI; resolves { code, stdout, stderr }. `onSpawn` gets the child (to kill it). */
function cli(args, { env = envFor(sb.url), input, cwd = tmp, onSpawn, argv0 = [process.execPath, CLI] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv0[0], [...argv0.slice(1), ...args], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input ?? '');
    onSpawn?.(child);
  });
}

const ids = () => {
  const s = sb.xiaoa.state;
  return { project: s.projects[0].sn, ai: s.aiUsers[0].user_sn };
};
const waitFor = async (what, cond, ms = 60000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** A loopback port nothing listens on. */
async function closedPort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}
const tasksOf = (source) => sb.xiaoa.state.tasks.filter((t) => t.source === source && !t.deleted);
const addJsonCount = () => sb.requests.filter((r) => r.path === '/api/addJson').length;

function leadsCsv(file, n, { from = 0, extra = '' } = {}) {
  const lines = ['姓名,电话,地址'];
  for (let i = from; i < from + n; i++) lines.push(`客户${i},138${String(i).padStart(8, '0')},"北京, 朝阳 ""${i}"""`);
  fs.writeFileSync(file, lines.join('\r\n') + extra);
  return file;
}

test('help, usage errors and exit codes', async () => {
  const main = await cli(['--help'], { env: { PATH: process.env.PATH } });
  assert.equal(main.code, 0);
  for (const c of ['import', 'records', 'recordings', 'doctor', 'sign', 'url', 'sandbox', 'projects']) {
    assert.match(main.stdout, new RegExp(`\\n  ${c} `), c);
    const h = await cli([c, '--help'], { env: { PATH: process.env.PATH } });
    assert.equal(h.code, 0, c);
    assert.match(h.stdout, /Example:\n {2}\S/, `${c} --help has an example`);
    assert.match(h.stdout, /Exit codes: 0 success/, c);
  }
  const none = await cli([], { env: { PATH: process.env.PATH } });
  assert.equal(none.code, 2);
  const unknown = await cli(['imprt'], { env: { PATH: process.env.PATH } });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "imprt"/);
  const badOption = await cli(['records', '--sinse', 'today']);
  assert.equal(badOption.code, 2);
  assert.match(badOption.stderr, /--sinse/);
  // A password on the command line is refused before anything else.
  for (const args of [
    ['doctor', '--password', 'demo123'],
    ['import', 'x.csv', '--password=demo123'],
  ]) {
    const r = await cli(args);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /never taken from the command line/);
    assert.doesNotMatch(r.stderr, /demo123/);
  }
  // Nothing configured: the message names the variable and the flag.
  const bare = await cli(['records', '--since', 'today'], { env: { PATH: process.env.PATH, HOME: path.join(tmp, 'home') } });
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /WAIHU_XIAOA_BASE_URL/);
  assert.match(bare.stderr, /--base-url/);
  const noPassword = await cli(['records', '--since', 'today'], { env: { PATH: process.env.PATH, HOME: path.join(tmp, 'home'), WAIHU_XIAOA_BASE_URL: sb.url, WAIHU_XIAOA_USERNAME: 'demo' } });
  assert.equal(noPassword.code, 2);
  assert.match(noPassword.stderr, /WAIHU_XIAOA_PASSWORD[\s\S]*--password-stdin/);
  // Output that cannot be written is a usage error before any request.
  const badOut = await cli(['records', '--since', 'today', '--out', path.join(tmp, 'no-such-dir', 'x.csv')]);
  assert.equal(badOut.code, 2);
  assert.match(badOut.stderr, /cannot write .*x\.csv: its directory does not exist/);
  fs.writeFileSync(path.join(tmp, 'a-file'), '');
  const badDir = await cli(['recordings', '--since', 'today', '--dir', path.join(tmp, 'a-file', 'sub')]);
  assert.equal(badDir.code, 2);
  assert.match(badDir.stderr, /cannot write into .*a-file\/sub: ENOTDIR/);
  const badDate = await cli(['records', '--since', '2026-13-01']);
  assert.equal(badDate.code, 2);
  assert.match(badDate.stderr, /--since must be YYYY-MM-DD/);
  // A platform error: code, message, what to do; exit 1.
  const wrong = await cli(['projects'], { env: envFor(sb.url, { WAIHU_XIAOA_PASSWORD: 'wrong-password' }) });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /^waihu projects: (SESSION|API): /m);
  assert.doesNotMatch(wrong.stderr, /wrong-password/);
});

test('configuration: flags, --password-stdin, a config file (warned when others can read it)', async () => {
  const viaStdin = await cli(['projects', '--json', '--base-url', sb.url, '--username', 'demo', '--password-stdin'], {
    env: { PATH: process.env.PATH, HOME: path.join(tmp, 'home') },
    input: 'demo123\n',
  });
  assert.equal(viaStdin.code, 0, viaStdin.stderr);
  const listed = JSON.parse(viaStdin.stdout);
  assert.equal(listed.projects[0].sn, ids().project);
  assert.deepEqual(listed.projects[0].columns.slice(0, 2), ['姓名', '电话']);
  assert.equal(listed.aiUsers[0].sn, ids().ai);
  const conf = path.join(tmp, 'conf.json');
  fs.writeFileSync(conf, JSON.stringify({ xiaoa: { baseUrl: sb.url, username: 'demo', password: 'demo123' } }));
  fs.chmodSync(conf, 0o644);
  const loose = await cli(['projects', '--config', conf], { env: { PATH: process.env.PATH, HOME: path.join(tmp, 'home') } });
  assert.equal(loose.code, 0, loose.stderr);
  assert.match(loose.stderr, /holds a password and other users can read it: chmod 600/);
  assert.match(loose.stdout, /AI accounts \(--ai-user\):/);
  fs.chmodSync(conf, 0o600);
  const tight = await cli(['projects', '--config', conf], { env: { PATH: process.env.PATH, HOME: path.join(tmp, 'home') } });
  assert.equal(tight.code, 0);
  assert.equal(tight.stderr, '');
  // Flags win over the environment.
  const flagWins = await cli(['projects', '--base-url', `http://127.0.0.1:${await closedPort()}`], { env: envFor(sb.url, { WAIHU_XIAOA_BASE_URL: sb.url }) });
  assert.equal(flagWins.code, 1);
  assert.match(flagWins.stderr, /NETWORK/);
});

test('waihu sandbox: accounts printed, one platform, faults, stops on SIGTERM', async () => {
  let child;
  const run = cli(['sandbox', '--port', '0', '--json', '--platform', 'xiaoa', '--records', '5', '--seed', '7'], { onSpawn: (c) => (child = c) });
  const line = await new Promise((resolve) => {
    let buf = '';
    const onData = (d) => {
      buf += d;
      if (buf.includes('\n')) {
        child.stdout.off('data', onData);
        resolve(buf.split('\n')[0]);
      }
    };
    child.stdout.on('data', onData);
  });
  const info = JSON.parse(line);
  assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(info.accounts.xiaoa.username, 'demo');
  const client = new waihu.XiaoAClient({ baseUrl: info.url, username: info.accounts.xiaoa.username, password: info.accounts.xiaoa.password });
  const page = await client.crmList();
  assert.equal(page.total, 5, 'the --records of today');
  const other = await fetch(`${info.url}/openapi/V2.0.6/getAgentInfo`, { method: 'POST', body: '{}' });
  assert.equal(other.status, 404);
  child.kill('SIGTERM');
  const done = await run;
  assert.equal(done.code, 0);

  // Human output lists the three platforms' accounts.
  let child2;
  const run2 = cli(['sandbox', '--port', '0'], { onSpawn: (c) => (child2 = c) });
  const text = await new Promise((resolve) => {
    let buf = '';
    child2.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('Ctrl-C')) resolve(buf);
    });
  });
  assert.match(text, /WAIHU_XIAOA_USERNAME=demo WAIHU_XIAOA_PASSWORD=demo123/);
  assert.match(text, /WAIHU_SCCC_CUSTOMER=C2/);
  assert.match(text, /WAIHU_BAIBAIHU_USER=100008800/);
  child2.kill('SIGINT');
  assert.equal((await run2).code, 0);

  const busy = await cli(['sandbox', '--port', String(sb.port)]);
  assert.equal(busy.code, 2);
  assert.match(busy.stderr, /port \d+ is in use/);
});

test('the sandbox fault rate and latency: reads are retried through faults, the same seed gives the same faults', async () => {
  const a = await startSandbox({ faultRate: 0.3, seed: 42, xiaoa: { records: 40 } });
  const b = await startSandbox({ faultRate: 0.3, seed: 42 });
  try {
    const out = path.join(tmp, 'faulty.csv');
    const r = await cli(['records', '--since', 'today', '--out', out, '--quiet'], { env: envFor(a.url) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(out, 'utf8').trim().split('\r\n').length, 41);
    const faulted = a.requests.filter((q) => q.path === '/api/crmList').length;
    assert.ok(faulted > 2, `faults met and retried (${faulted} crmList requests for 2 answers)`);
    // The same seed, the same sequence of answers.
    const answers = async (sandbox) => {
      const seen = [];
      for (let i = 0; i < 30; i++) {
        try {
          const res = await fetch(`${sandbox.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
          seen.push(`${res.status} ${(await res.text()).slice(0, 15)}`);
        } catch {
          seen.push('reset');
        }
      }
      return seen;
    };
    // --latency: every platform answer waits.
    const slow = await startSandbox({ latency: 300 });
    try {
      const t0 = Date.now();
      await fetch(`${slow.url}/api/login`, { method: 'POST', body: '{}' });
      assert.ok(Date.now() - t0 >= 290, `${Date.now() - t0} ms`);
    } finally {
      await slow.close();
    }
    const c = await startSandbox({ faultRate: 0.3, seed: 42 });
    try {
      const [x, y] = [await answers(b), await answers(c)];
      assert.deepEqual(x, y);
      assert.ok(
        x.some((s) => !s.startsWith('200 {"code"')),
        'some faults',
      );
      assert.ok(
        x.some((s) => s.startsWith('200 {"code"')),
        'some answers',
      );
    } finally {
      await c.close();
    }
  } finally {
    await a.close();
    await b.close();
  }
});

test('import: a 65,000-row .xlsx killed during its second request resumes to exactly 65,000 rows in one task', { timeout: 240000 }, async (t) => {
  const rows = [['姓名', '电话', '地址', '公司名称']];
  for (let i = 0; i < 65000; i++) rows.push([`客户${i}`, 13900000000 + i, `地址${i % 97}`, i % 3 ? '' : `公司${i}`]);
  const file = path.join(tmp, 'leads65k.xlsx');
  fs.writeFileSync(file, writeXlsx(rows));
  const { project, ai } = ids();
  const args = ['import', file, '--project', project, '--ai-user', ai, '--source', 'xlsx-65k', '--json'];
  // The second request is handled by the server, its answer never arrives: the process dies waiting.
  sb.fault({ path: '/api/addJson', kind: 'stall', after: 1 });
  const before = addJsonCount();
  const journal = `${file}.waihu-import.json`;
  let child;
  const first = cli(args, { onSpawn: (c) => (child = c) });
  await waitFor('the second request to be applied', () => tasksOf('xlsx-65k')[0]?.rows.length === 60000, 120000);
  const j1 = JSON.parse(fs.readFileSync(journal, 'utf8'));
  assert.equal(j1.chunks.length, 1);
  assert.equal(j1.pending.index, 1);
  child.kill('SIGKILL');
  const killed = await first;
  assert.equal(killed.signal, 'SIGKILL');
  sb.clearFaults();

  const second = await cli(args);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /request 2 \(rows 30001–60000\) was applied before the interruption/);
  const result = JSON.parse(second.stdout);
  assert.equal(result.total, 65000);
  assert.equal(result.success, 65000);
  assert.deepEqual(result.recovered, [2]);
  const tasks = tasksOf('xlsx-65k');
  assert.equal(tasks.length, 1, 'one task');
  assert.equal(tasks[0].rows.length, 65000);
  assert.equal(new Set(tasks[0].rows.map((r) => r.phone)).size, 65000, 'no row twice');
  assert.equal(result.dial_task_main_sn, tasks[0].sn);
  assert.equal(addJsonCount() - before, 3, 'requests 1 and 2 in the first run, only 3 in the second');
  assert.deepEqual(tasks[0].rows[64998].data, { 姓名: '客户64998', 电话: '13900064998', 地址: `地址${64998 % 97}`, 公司名称: '公司64998' }, 'cells as text, numbers without exponent');
  t.diagnostic(`first run killed after ${j1.chunks.length} confirmed request(s); the second sent 1 request`);

  // The same file with other options: the journal is not mixed with them.
  const other = await cli(['import', file, '--project', project, '--ai-user', sb.xiaoa.state.aiUsers[1].user_sn, '--source', 'xlsx-65k']);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /belongs to another import \(--ai-user differs\)/);
  // Run again: nothing more is sent.
  const third = await cli(args);
  assert.equal(third.code, 0);
  assert.match(third.stderr, /was imported already/);
  assert.equal(addJsonCount() - before, 3);
});

test('import: a request that never reached the server is sent again; a lost first answer finds its task', async () => {
  const { project, ai } = ids();
  // (a) The second request is held before the server handles it; the process is killed.
  const file = leadsCsv(path.join(tmp, 'delay.csv'), 2500);
  const args = ['import', file, '--project', project, '--ai-user', ai, '--source', 'delay-test', '--chunk-size', '1000', '--json'];
  sb.fault({ path: '/api/addJson', kind: 'delay', ms: 5000, after: 1 });
  let child;
  const before = addJsonCount();
  const first = cli(args, { onSpawn: (c) => (child = c) });
  await waitFor('the second request', () => addJsonCount() - before === 2);
  child.kill('SIGKILL');
  await first;
  await new Promise((r) => setTimeout(r, 5200)); // the held request finds its client gone and is dropped
  sb.clearFaults();
  assert.equal(tasksOf('delay-test')[0].rows.length, 1000);
  const second = await cli(args);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /request 2 \(rows 1001–2000\) was not applied .*: sending it again/);
  assert.equal(JSON.parse(second.stdout).total, 2500);
  assert.equal(tasksOf('delay-test').length, 1);
  assert.equal(tasksOf('delay-test')[0].rows.length, 2500);

  // (b) The first request's answer is lost: the task is found by its remark, not created twice.
  const file2 = leadsCsv(path.join(tmp, 'first.csv'), 1500, { from: 5000 });
  const args2 = ['import', file2, '--project', project, '--ai-user', ai, '--source', 'first-lost', '--chunk-size', '1000', '--json'];
  sb.fault({ path: '/api/addJson', kind: 'stall' });
  let child2;
  const run = cli(args2, { onSpawn: (c) => (child2 = c) });
  await waitFor('the first request to be applied', () => tasksOf('first-lost').length === 1);
  child2.kill('SIGKILL');
  await run;
  sb.clearFaults();
  const again = await cli(args2);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout).recovered, [1]);
  assert.equal(tasksOf('first-lost').length, 1);
  assert.equal(tasksOf('first-lost')[0].rows.length, 1500);

  // (c) OUTCOME_UNKNOWN (the answer cut off): exit 1, the journal keeps the request pending, the next run settles it.
  const file3 = leadsCsv(path.join(tmp, 'reset.csv'), 1200, { from: 9000 });
  const args3 = ['import', file3, '--project', project, '--ai-user', ai, '--source', 'reset-test', '--chunk-size', '1000'];
  sb.fault({ path: '/api/addJson', kind: 'reset', after: 1 });
  const cut = await cli(args3);
  assert.equal(cut.code, 1);
  assert.match(cut.stderr, /OUTCOME_UNKNOWN/);
  assert.match(cut.stderr, /run the same command again/);
  sb.clearFaults();
  const settled = await cli([...args3, '--json']);
  assert.equal(settled.code, 0, settled.stderr);
  assert.equal(tasksOf('reset-test')[0].rows.length, 1200);
});

test('import: the rows are checked first; --dry-run stops there; --skip-invalid imports the others; GB18030 CSV', async () => {
  const { project, ai } = ids();
  const file = path.join(tmp, 'bad.csv');
  fs.writeFileSync(file, '地址,电话,姓名\r\n北京,13800000001,张三\r\n上海,,李四\r\n,,\r\n广州,13800000003,王五\r\n');
  const dry = await cli(['import', file, '--dry-run']);
  assert.equal(dry.code, 3);
  assert.match(dry.stderr, /1 row\(s\) will not import/);
  assert.match(dry.stderr, /line 3: INVALID_ROW: rows\[1\]: 电话 must be a non-empty phone number/);
  const dryJson = await cli(['import', file, '--dry-run', '--json']);
  assert.equal(dryJson.code, 3);
  assert.deepEqual(
    JSON.parse(dryJson.stdout).problems.map((p) => [p.line, p.code]),
    [[3, 'INVALID_ROW']],
  );
  const refused = await cli(['import', file, '--project', project, '--ai-user', ai]);
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /--skip-invalid/);
  assert.ok(!fs.existsSync(`${file}.waihu-import.json`), 'nothing started');
  const skipped = await cli(['import', file, '--project', project, '--ai-user', ai, '--source', 'skip-test', '--skip-invalid', '--json']);
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal(JSON.parse(skipped.stdout).total, 2);
  const task = tasksOf('skip-test')[0];
  assert.deepEqual(Object.keys(task.rows[0].data), ['姓名', '电话', '地址'], '姓名 and 电话 first');
  assert.deepEqual(
    task.rows.map((r) => r.data.姓名),
    ['张三', '王五'],
  );

  const gbk = path.join(tmp, 'gbk.csv');
  // 姓名,电话 / 张三,13800000009 in GB18030 (what Excel saves on a Chinese Windows).
  fs.writeFileSync(gbk, Buffer.from('d0d5c3fb2cb5e7bbb00d0ad5c5c8fd2c31333830303030303030390d0a', 'hex'));
  const ok = await cli(['import', gbk, '--dry-run']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /1 rows pass the check/);
  const wrongCols = path.join(tmp, 'cols.csv');
  fs.writeFileSync(wrongCols, 'name,phone\r\na,1\r\n');
  const cols = await cli(['import', wrongCols, '--dry-run']);
  assert.equal(cols.code, 2);
  assert.match(cols.stderr, /姓名 and 电话 among them \(got name, phone\)/);
  const xls = await cli(['import', path.join(tmp, 'x.xls'), '--dry-run']);
  assert.equal(xls.code, 2);
  assert.match(xls.stderr, /no such file|only \.csv and \.xlsx/);
});

/** Runs `args` under a pseudo-terminal (Python's pty): what a user at a terminal sees. */
function underTerminal(args, env) {
  const py = 'import os, pty, sys\nsys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';
  return cli(args, { env, argv0: ['python3', '-c', py, process.execPath, CLI] });
}

test('progress: a bar redrawn in place under a terminal, plain lines without one', async (t) => {
  const { project, ai } = ids();
  const file = leadsCsv(path.join(tmp, 'progress.csv'), 6000, { from: 20000 });
  const tty = await underTerminal(['import', file, '--project', project, '--ai-user', ai, '--source', 'tty-test', '--chunk-size', '1000'], envFor(sb.url));
  assert.equal(tty.code, 0, tty.stdout);
  // stderr and stdout both go to the terminal here.
  // Each redraw: carriage return, erase the line (ESC [2K), the bar.
  const out = tty.stdout;
  const ERASE = '\r\u001b[2K';
  const draws = out.split(ERASE).slice(1);
  assert.ok(draws.length >= 3, out);
  assert.ok(
    draws.some((d) => /^import \[█+░+\] +\d+% · [\d,]+\/6,000 rows/.test(d)),
    out,
  );
  assert.ok(
    draws.some((d) => /^import \[█{10,}\] 100% · 6,000\/6,000 rows · [\d,]+ rows\/s/.test(d)),
    out,
  );
  assert.match(out, /ETA \d+s/);
  t.diagnostic(`terminal capture: ${JSON.stringify(draws.at(-2))}`);

  const file2 = leadsCsv(path.join(tmp, 'plain.csv'), 3000, { from: 30000 });
  const plain = await cli(['import', file2, '--project', project, '--ai-user', ai, '--source', 'plain-test', '--chunk-size', '1000']);
  assert.equal(plain.code, 0, plain.stderr);
  assert.ok(!plain.stderr.includes('\u001b') && !plain.stderr.includes('\r'), 'no control characters in a log');
  // Every line is a progress line; one at the start, one per request, the last at 100%.
  // (A request slower than 5 s would add a line between: a slow machine is allowed that.)
  const lines = plain.stderr.trim().split('\n');
  const pct = lines.map((l) => /^import (\d+)% · ([\d,]+)\/3,000 rows/.exec(l)?.[1]);
  assert.ok(!pct.includes(undefined), plain.stderr);
  assert.equal(pct[0], '0');
  assert.equal(pct.at(-1), '100');
  assert.match(plain.stderr, /^import 33% · 1,000\/3,000 rows · .* · request 1\/3 done$/m);
  assert.match(plain.stderr, /^import 67% · 2,000\/3,000 rows · .* · request 2\/3 done$/m);
  assert.match(plain.stderr, /^import 100% · 3,000\/3,000 rows · .* · done in \d+s$/m);
  assert.match(plain.stdout, /^imported 3000 rows into dial_task_main_sn\|[0-9a-f]{32}: 3000 added, 0 failed, 0 repeated$/m);
});

test('records: 100,000 records streamed to CSV in constant memory; JSON lines keep every field', { timeout: 240000 }, async (t) => {
  const big = await startSandbox({ seed: 1, xiaoa: { records: 100000 } });
  try {
    const out = path.join(tmp, 'records.csv');
    const started = Date.now();
    const r = await cli(['records', '--since', 'today', '--out', out], { env: envFor(big.url) });
    assert.equal(r.code, 0, r.stderr);
    const m = /records: 100000 written to .* peak memory (\d+) MB/.exec(r.stderr);
    assert.ok(m, r.stderr);
    const text = fs.readFileSync(out, 'utf8');
    const lines = text.split('\r\n').filter(Boolean);
    assert.equal(lines.length, 100001);
    assert.match(lines[0], /^id,created_at,phone,name,/);
    assert.equal(new Set(lines.slice(1).map((l) => l.split(',')[0])).size, 100000, 'each record once');
    const first = lines[1].split(',');
    assert.equal(first[0], String(big.xiaoa.state.records.at(-1).id), 'newest first');
    assert.match(lines[1], /,3,[^,|]+ \| [^,|]+ \| [^,|]+,\/home\/record\//, 'talk_info flattened');
    t.diagnostic(`100,000 records → ${(text.length / 1048576).toFixed(1)} MB CSV in ${Date.now() - started} ms; the CLI's peak RSS ${m[1]} MB`);
    // Constant memory: far below what holding 100,000 records (~150 MB of JSON objects) would take.
    assert.ok(Number(m[1]) < 250, `peak RSS ${m[1]} MB`);

    const jl = await cli(['records', '--since', 'today', '--until', 'today', '--json', '--quiet'], { env: envFor(sb.url) });
    assert.equal(jl.code, 0, jl.stderr);
    const recs = jl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.ok(recs.length >= 12);
    assert.ok(recs.every((x) => 'talk_info' in x && Array.isArray(x.talk)));
    assert.ok(recs.find((x) => x.talk.length).talk[0].vocfile.endsWith('question01.wav'));
    assert.ok(
      recs.every((x) => !('_talk' in x)),
      'only what the platform sends',
    );
  } finally {
    await big.close();
  }
});

test('recordings: each downloaded once, the rest skipped, a partial file resumed with Range', async () => {
  const dir = path.join(tmp, 'recordings');
  const r = await cli(['recordings', '--since', 'today', '--dir', dir, '--concurrency', '3']);
  assert.equal(r.code, 0, r.stderr);
  const answered = sb.xiaoa.state.records.filter((x) => x._connected).length;
  const files = fs.readdirSync(dir);
  assert.equal(files.length, answered);
  assert.match(r.stderr, new RegExp(`recordings: ${answered} downloaded, 0 resumed, 0 already there`));
  const whole = fs.readFileSync(path.join(dir, files[0]));
  assert.ok(whole.length > 1000);
  // Cut one short, as an interrupted run leaves it.
  fs.writeFileSync(path.join(dir, `${files[0]}.part`), whole.subarray(0, 700));
  fs.rmSync(path.join(dir, files[0]));
  const n = sb.requests.length;
  const again = await cli(['recordings', '--since', 'today', '--dir', dir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`0 downloaded, 1 resumed, ${answered - 1} already there`));
  assert.deepEqual(fs.readFileSync(path.join(dir, files[0])), whole);
  assert.ok(sb.requests.slice(n).some((q) => q.range === 'bytes=700-'));
  assert.ok(!fs.existsSync(path.join(dir, `${files[0]}.part`)));
  // A download that fails is listed; the command exits 1 and says what to do.
  fs.rmSync(path.join(dir, files[1]));
  sb.fault({ path: '/api/cdrDownload', kind: 'status', status: 404 });
  const failed = await cli(['recordings', '--since', 'today', '--dir', dir]);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /1 failed/);
  assert.match(failed.stderr, /run the same command again/);
});

test('doctor: passes against the sandbox, with no secret in its report', async () => {
  const env = {
    ...envFor(sb.url),
    WAIHU_SCCC_BASE_URL: sb.url,
    WAIHU_SCCC_CUSTOMER: 'C2',
    WAIHU_SCCC_PASSWORD: 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762',
    WAIHU_BAIBAIHU_BASE_URL: sb.url,
    WAIHU_BAIBAIHU_USER: '100008800',
    WAIHU_BAIBAIHU_PASSWORD: '02367073578',
  };
  const r = await cli(['doctor', '--origin', 'https://crm.example.com'], { env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const title of ['小A/95AI', 'SCCC', '八百呼']) assert.match(r.stdout, new RegExp(`^${title} {2}${sb.url.replace(/\./g, '\\.')}`, 'm'));
  for (const check of ['reachable', 'clock', 'signature', 'cors', 'recording']) assert.equal((r.stdout.match(new RegExp(`✓ ${check} `, 'g')) || []).length, 3, check);
  assert.match(r.stdout, /✓ login +logged in as demo .* valid for (1 h 59|2 h 00) min/);
  assert.match(r.stdout, /Every check passed\./);
  const key = sb.xiaoa.state.accounts[0].key.api_key;
  for (const secret of ['demo123', 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762', '02367073578', key, sb.xiaoa.state.accounts[0].user_sn]) {
    assert.ok(!r.stdout.includes(secret), `the report holds ${secret}`);
  }
  const j = await cli(['doctor', '--platform', 'sccc', '--json'], { env });
  assert.equal(j.code, 0);
  const doc = JSON.parse(j.stdout);
  assert.equal(doc.ok, true);
  assert.deepEqual(
    doc.platforms[0].checks.map((c) => [c.check, c.status]),
    [
      ['reachable', 'pass'],
      ['tls', 'warn'],
      ['clock', 'pass'],
      ['signature', 'pass'],
      ['cors', 'skip'],
      ['recording', 'pass'],
    ],
  );
});

test('doctor: a server hashing with other escape options, a clock 10 minutes off, an unreachable one', async () => {
  const escapes = await startSandbox({ xiaoa: { jsonFlags: ['unescaped-unicode', 'unescaped-slashes'] } });
  const skewed = await startSandbox({ clockOffsetMs: 600_000 });
  try {
    const r = await cli(['doctor', '--platform', 'xiaoa'], { env: envFor(escapes.url) });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /✗ signature +the server refused the signature made with PHP's default escapes \(10001 url 验证失败\); it hashes with JSON_UNESCAPED_UNICODE \| JSON_UNESCAPED_SLASHES/);
    assert.match(r.stdout, /→ create the client with json: \{ escapeUnicode: false, escapeSlashes: false \} \(CLI: --json-flags unescaped-slashes,unescaped-unicode\)/);
    assert.match(r.stdout, /1 check\(s\) failed\./);
    // With the flags it names, everything passes.
    const fixed = await cli(['doctor', '--platform', 'xiaoa', '--json-flags', 'unescaped-slashes,unescaped-unicode'], { env: envFor(escapes.url) });
    assert.equal(fixed.code, 0, fixed.stdout);

    const env = { PATH: process.env.PATH, HOME: path.join(tmp, 'home'), WAIHU_SCCC_BASE_URL: skewed.url, WAIHU_SCCC_CUSTOMER: 'C2', WAIHU_SCCC_PASSWORD: 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762' };
    const c = await cli(['doctor'], { env });
    assert.equal(c.code, 1, c.stdout);
    assert.match(c.stdout, /✗ clock +the server's clock is (599|600|601) s ahead of ours/);
    assert.match(c.stdout, /SCCC refuses requests stamped more than 5 min off/);
    assert.match(c.stdout, /✗ signature +getAgentInfo was refused: API E_S_AUTH_FAIL/);
    assert.match(c.stdout, /→ the clocks differ by (599|600|601) s: fix the clock first/);
    const j = JSON.parse((await cli(['doctor', '--json'], { env })).stdout);
    assert.equal(j.ok, false);
    assert.ok(Math.abs(j.platforms[0].checks.find((x) => x.check === 'clock').skewS - 600) <= 1);

    const refused = await cli(['doctor', '--platform', 'xiaoa'], { env: envFor(sb.url, { WAIHU_XIAOA_PASSWORD: 'not-the-password' }) });
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /✗ login +API .*20004/);
    assert.match(refused.stdout, /→ the username or password is wrong/);
    assert.ok(!refused.stdout.includes('not-the-password'));
    const port = await closedPort();
    const down = await cli(['doctor', '--platform', 'xiaoa', '--base-url', `http://127.0.0.1:${port}`], { env: envFor(sb.url) });
    assert.equal(down.code, 1);
    assert.match(down.stdout, new RegExp(`✗ reachable +GET http://127\\.0\\.0\\.1:${port}/ failed after \\d+ ms: ECONNREFUSED`));
  } finally {
    await escapes.close();
    await skewed.close();
  }
});

test('sign and url: the documents’ vectors from stdin', async () => {
  const s = await cli(['sign', 'login'], { input: '{"username":"xxx","password":"xxx","from":2}' });
  assert.equal(s.code, 0, s.stderr);
  assert.deepEqual(JSON.parse(s.stdout), { url: '1dbe80df', username: 'xxx', password: 'xxx', from: 2 });
  // addJson's exclusions: client_info_json and source are sent, not hashed.
  const excluded = await cli(['sign', 'addJson'], { input: JSON.stringify({ user_sn: SN, api_key: 'k', project_sn: 'p', ai_user_sn: 'a', client_info_json: 'x', source: 's' }) });
  assert.equal(excluded.code, 0, excluded.stderr);
  assert.equal(JSON.parse(excluded.stdout).url, waihu.urlHash({ user_sn: SN, api_key: 'k', project_sn: 'p', ai_user_sn: 'a' }));
  const missing = await cli(['sign', 'addJson'], { input: JSON.stringify({ user_sn: SN, api_key: 'k' }) });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /INVALID_ARGUMENT: addJson requires `project_sn`/);
  const bad = await cli(['sign', 'login'], { input: 'not json' });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /stdin is not JSON/);
  const badParams = await cli(['sign', 'login'], { input: '{"username":1e999}' });
  assert.equal(badParams.code, 1);
  assert.match(badParams.stderr, /^waihu sign: INVALID_NUMBER: params.username is Infinity/m);

  const env = { PATH: process.env.PATH, HOME: path.join(tmp, 'home'), WAIHU_SCCC_CUSTOMER: 'C2', WAIHU_SCCC_PASSWORD: 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762' };
  const sccc = await cli(['sign', '--platform', 'sccc'], { env, input: '{"timestamp":1471918933001,"seq":5271}' });
  assert.equal(sccc.code, 0, sccc.stderr);
  assert.deepEqual(JSON.parse(sccc.stdout), { customer: 'C2', timestamp: '1471918933001', seq: '5271', digest: 'ae62e11cab746436b64a26f4ed8e41a3' });
  assert.doesNotMatch(sccc.stdout, /E416D0F8/);

  const recordfile = '/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3';
  const u = await cli(['url', 'cdrDownload'], {
    env: { PATH: process.env.PATH, HOME: path.join(tmp, 'home'), WAIHU_XIAOA_BASE_URL: 'http://120.77.61.117:8088' },
    input: JSON.stringify({ session: { user_sn: SN, api_key: 'Kpd2vKYC' }, params: { recordpath: '/home/record', recordfile } }),
  });
  assert.equal(u.code, 0, u.stderr);
  assert.equal(
    u.stdout,
    `http://120.77.61.117:8088/api/cdrDownload?url=3e415b12&user_sn=${encodeURIComponent(SN)}&api_key=Kpd2vKYC&recordpath=${encodeURIComponent('/home/record')}&recordfile=${encodeURIComponent(recordfile)}\n`,
  );
  // Logged in with the configured account: URLs that play.
  const rec = sb.xiaoa.state.records.find((x) => x._connected);
  const live = await cli(['url', 'cdrDownload'], {
    input: JSON.stringify([
      { recordpath: rec.recordpath, recordfile: rec.recordfile },
      { recordpath: rec.recordpath, recordfile: rec.recordfile },
    ]),
  });
  assert.equal(live.code, 0, live.stderr);
  const urls = live.stdout.trim().split('\n');
  assert.equal(urls.length, 2);
  const audio = await fetch(urls[0]);
  assert.equal(audio.status, 200);
  assert.equal(audio.headers.get('content-type'), 'audio/mpeg');
});

test('doctor over https: an untrusted certificate is named; trusted (NODE_EXTRA_CA_CERTS), every check passes', async () => {
  const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
  const cert = fs.readFileSync(path.join(fixtures, 'tls-127.0.0.1.crt.pem'));
  const secure = await startSandbox({ tls: { cert, key: fs.readFileSync(path.join(fixtures, 'tls-127.0.0.1.key.pem')) }, xiaoa: { records: 3 } });
  try {
    assert.match(secure.url, /^https:/);
    const untrusted = await cli(['doctor', '--platform', 'xiaoa'], { env: envFor(secure.url) });
    assert.equal(untrusted.code, 1, untrusted.stdout);
    assert.match(untrusted.stdout, /✗ reachable +GET https:\/\/127\.0\.0\.1:\d+\/ failed after \d+ ms: /);
    assert.match(untrusted.stdout, /✗ tls +the certificate of 127\.0\.0\.1 is not trusted: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    assert.match(untrusted.stdout, /NODE_EXTRA_CA_CERTS/);
    const trusted = await cli(['doctor', '--platform', 'xiaoa'], { env: envFor(secure.url, { NODE_EXTRA_CA_CERTS: path.join(fixtures, 'tls-127.0.0.1.crt.pem') }) });
    assert.equal(trusted.code, 0, trusted.stdout);
    assert.match(trusted.stdout, /✓ tls +certificate of 127\.0\.0\.1 by waihu test, valid until /);
    assert.match(trusted.stdout, /✓ recording /);
  } finally {
    await secure.close();
  }
});
