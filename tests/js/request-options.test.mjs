// Per-request options, Retry-After, hooks and raw responses, against the
// sandbox for the three clients:
//   - `{ signal }` cancels at once with ABORTED (mid-request, before it,
//     during a retry's wait, while waiting for the shared login) and nothing
//     is repeated after it; `{ timeoutMs, retries }` replace the client's;
//   - Retry-After (seconds or an HTTP date) is honoured for 429/503 on
//     reads, capped by maxRetryDelayMs (a longer wait fails with it);
//     SCCC's E_G_API_TO_FREQUENTLY backs off at least 1 s;
//   - onRequest/onResponse and `logger` see method, URL, status, duration,
//     attempt — and no secret, for every client;
//   - `.withResponse()` gives the status, headers, duration and URL.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { waihu, rejects } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { SCCC_CUSTOMER, SCCC_PASSWORD } from '../../js/sandbox/sccc.mjs';
import { BBH_USER, BBH_PASSWORD } from '../../js/sandbox/baibaihu.mjs';

const { XiaoAClient, ScccClient, BaiBaiHuClient } = waihu;
const XA_PASSWORD = 'demo123';
let sb;
let unhandled = 0;
const onUnhandled = () => unhandled++;

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  sb = await startSandbox();
});

after(async () => {
  await sb.close();
  process.off('unhandledRejection', onUnhandled);
  assert.equal(unhandled, 0, 'unhandled promise rejections');
});

beforeEach(() => sb.clearFaults());

const xiaoa = (extra = {}) => new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: XA_PASSWORD, ...extra });
const sccc = (extra = {}) => new ScccClient({ baseUrl: sb.url, customer: SCCC_CUSTOMER, password: SCCC_PASSWORD, ...extra });
const bbh = (extra = {}) => new BaiBaiHuClient({ baseUrl: sb.url, user: BBH_USER, password: BBH_PASSWORD, ...extra });
const sent = (path) => sb.requests.filter((r) => r.path === path).length;
const abortAfter = (ms) => {
  const c = new AbortController();
  setTimeout(() => c.abort(), ms);
  return c.signal;
};

test('signal: a request under way stops at once with ABORTED, is not repeated, and the client goes on', async () => {
  const xa = xiaoa({ retries: 2 });
  await xa.login();
  sb.fault({ path: '/api/index', kind: 'delay', ms: 3000 });
  const before = sent('/api/index');
  const t0 = performance.now();
  const e = await rejects(xa.listTasks({}, { signal: abortAfter(100) }), { code: 'ABORTED', endpoint: 'index' });
  assert.ok(performance.now() - t0 < 1000, 'stopped at once');
  assert.match(e.message, /AbortSignal/);
  assert.equal(sent('/api/index') - before, 1, 'sent once, not retried');
  assert.equal((await xa.listTasks({})).list.length >= 0, true, 'the client still works');
});

test('signal: already aborted → nothing is sent; aborted during a retry wait → nothing more is sent', async () => {
  const xa = xiaoa({ retries: 3 });
  await xa.login();
  const before = sent('/api/index');
  await rejects(xa.listTasks({}, { signal: AbortSignal.abort() }), { code: 'ABORTED' });
  assert.equal(sent('/api/index'), before);
  // The first attempt fails with a 429 asking for 5 s; the abort comes during that wait.
  sb.fault({ path: '/api/index', kind: 'status', status: 429, retryAfter: 5 });
  const t0 = performance.now();
  await rejects(xa.listTasks({}, { signal: abortAfter(200) }), { code: 'ABORTED' });
  assert.ok(performance.now() - t0 < 2000, 'did not wait the 5 s');
  assert.equal(sent('/api/index') - before, 1, 'only the first attempt was sent');
});

test('signal: a call waiting for the shared login gives up alone; the login goes on for the others', async () => {
  const xa = xiaoa();
  sb.fault({ path: '/api/login', kind: 'delay', ms: 600 });
  const logins = sb.xiaoa.state.logins;
  const patient = xa.projects();
  const impatient = xa.aiUsers({ signal: abortAfter(50) });
  await rejects(impatient, { code: 'ABORTED' });
  assert.ok(Array.isArray(await patient), 'the other call got its answer after the login');
  assert.equal(sb.xiaoa.state.logins - logins, 1, 'one login');
  assert.equal(xa.loginCount, 1);
});

test('timeoutMs and retries per request replace the client’s', async () => {
  const xa = xiaoa({ timeoutMs: 30000, retries: 0 });
  await xa.login();
  sb.fault({ path: '/api/index', kind: 'delay', ms: 800 });
  const t0 = performance.now();
  await rejects(xa.listTasks({}, { timeoutMs: 100 }), { code: 'TIMEOUT' });
  assert.ok(performance.now() - t0 < 700);
  sb.clearFaults();
  sb.fault({ path: '/api/index', kind: 'status', status: 500 });
  await rejects(xa.listTasks({}), { code: 'HTTP', httpStatus: 500 });
  sb.fault({ path: '/api/index', kind: 'status', status: 500 });
  assert.ok(await xa.listTasks({}, { retries: 1 }), 'retried once when asked');
  for (const bad of [{ timeout: 5 }, { signal: {} }, { retries: 99 }, 'fast']) {
    await rejects(xa.listTasks({}, bad), { code: 'INVALID_ARGUMENT' });
  }
});

test('Retry-After: seconds and HTTP dates honoured on reads; longer than maxRetryDelayMs fails with the wait', async () => {
  const retries = [];
  const xa = xiaoa({ retries: 2, onRetry: (i) => retries.push(i) });
  await xa.login();
  sb.fault({ path: '/api/index', kind: 'status', status: 429, retryAfter: 1 });
  let t0 = performance.now();
  await xa.listTasks({});
  assert.ok(performance.now() - t0 >= 950, 'waited the second asked for');
  assert.equal(retries.at(-1).delayMs, 1000);
  sb.fault({ path: '/api/index', kind: 'status', status: 503, retryAfter: new Date(Date.now() + 2000).toUTCString() });
  t0 = performance.now();
  await xa.listTasks({});
  assert.ok(performance.now() - t0 >= 900, 'waited until the date (to the second)');
  const strict = xiaoa({ retries: 2, maxRetryDelayMs: 1000 });
  await strict.login();
  const before = sent('/api/index');
  sb.fault({ path: '/api/index', kind: 'status', status: 429, retryAfter: 60 });
  t0 = performance.now();
  const e = await rejects(strict.listTasks({}), { code: 'HTTP', httpStatus: 429, retryAfterMs: 60000 });
  assert.ok(performance.now() - t0 < 500, 'failed at once');
  assert.match(e.message, /wait 60 s .*maxRetryDelayMs \(1000 ms\)/);
  assert.equal(sent('/api/index') - before, 1);
  // A 429 without Retry-After: at least 1 s.
  sb.fault({ path: '/api/index', kind: 'status', status: 429 });
  t0 = performance.now();
  await xa.listTasks({});
  assert.ok(performance.now() - t0 >= 950);
});

test('SCCC: E_G_API_TO_FREQUENTLY backs off at least 1 s, then the read succeeds', async () => {
  const retries = [];
  const c = sccc({ retries: 1, onRetry: (i) => retries.push(i) });
  sb.fault({ path: '/openapi/', kind: 'api', code: 0xf1000021, msg: 'API 请求太频繁' });
  const t0 = performance.now();
  const r = await c.agentInfo();
  assert.equal(r.result.error, 0);
  assert.ok(performance.now() - t0 >= 950);
  assert.equal(retries.length, 1);
  assert.equal(retries[0].error.apiName, 'E_G_API_TO_FREQUENTLY');
});

test('hooks and logger: every request and answer of the three clients, without a secret', async () => {
  const events = [];
  const lines = [];
  const observe = {
    onRequest: (e) => events.push({ kind: 'request', ...e }),
    onResponse: (e) => events.push({ kind: 'response', ...e, error: e.error && { code: e.error.code, message: e.error.message } }),
    logger: { debug: (fields, msg) => lines.push(['debug', fields, msg]), warn: (fields, msg) => lines.push(['warn', fields, msg]) },
  };
  const xa = xiaoa(observe);
  await xa.projects();
  const s = sccc(observe);
  await s.agentInfo();
  const b = bbh(observe);
  await b.getExtension();
  sb.fault({ path: '/voip/', kind: 'status', status: 500 });
  await rejects(b.getExtension(undefined, { retries: 0 }), { code: 'HTTP' });
  const requests = events.filter((e) => e.kind === 'request');
  const responses = events.filter((e) => e.kind === 'response');
  assert.equal(requests.length, responses.length);
  assert.deepEqual(
    requests.map((e) => e.endpoint),
    ['login', 'getProjects', 'getAgentInfo', 'getExtension', 'getExtension'],
  );
  for (const e of responses) {
    assert.ok(['GET', 'POST'].includes(e.method));
    assert.ok(e.url.startsWith(sb.url));
    assert.ok(e.durationMs >= 0 && e.attempt >= 1);
  }
  assert.deepEqual(
    responses.map((e) => e.status),
    [200, 200, 200, 200, 500],
  );
  assert.ok(
    responses.some((e) => e.url.includes('sa_password=***')),
    '八百呼 URLs keep their parameters with the password masked',
  );
  assert.ok(
    lines.some(([level, f]) => level === 'warn' && f.status === 500 && f.event === 'waihu.response'),
    'a failure is a warn line',
  );
  const text = JSON.stringify({ events, lines });
  const md5 = crypto.createHash('md5').update(BBH_PASSWORD).digest('hex');
  const session = xa.session;
  for (const secret of [XA_PASSWORD, SCCC_PASSWORD, SCCC_PASSWORD.toLowerCase(), BBH_PASSWORD, md5, md5.toUpperCase(), session.api_key]) {
    assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 3)}…) appears in the hooks' events or the log lines`);
  }
});

test('withResponse(): the data and the HTTP answer it came from, for each client', async () => {
  const xa = xiaoa();
  const { data, response } = await xa.projects().withResponse();
  assert.ok(Array.isArray(data));
  assert.equal(response.status, 200);
  assert.match(response.headers['content-type'], /json/);
  assert.ok(response.durationMs >= 0);
  assert.equal(response.url, `${sb.url}/api/getProjects`);
  const plain = await xa.projects();
  assert.deepEqual(plain, data, 'awaiting the promise gives the data as before');
  const s = sccc();
  const r = await s.agentInfo().withResponse();
  assert.equal(r.data.result.error, 0);
  assert.equal(r.response.status, 200);
  const b = bbh();
  const x = await b.getExtension().withResponse();
  assert.equal(x.data.code, 0);
  assert.match(x.response.url, /sa_password=\*\*\*/);
  assert.ok(!x.response.url.includes(BBH_PASSWORD));
  // A failed call rejects withResponse() too, with the same error.
  await rejects(xa.listTasks({}, { signal: AbortSignal.abort() }).withResponse(), { code: 'ABORTED' });
});

test('examples/metrics.mjs: Prometheus-style counters from onResponse, against the sandbox', async () => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { root } = await import('./helpers.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, ['examples/metrics.mjs', sb.url], { cwd: root, env: { ...process.env, XA_PASSWORD } });
  for (const endpoint of ['login', 'getProjects', 'getAiUsers', 'index', 'exportModel']) {
    assert.match(stdout, new RegExp(`^waihu_requests_total\\{endpoint="${endpoint}",status="200"\\} 1$`, 'm'));
    assert.match(stdout, new RegExp(`^waihu_request_duration_ms_count\\{endpoint="${endpoint}"\\} 1$`, 'm'));
  }
});
