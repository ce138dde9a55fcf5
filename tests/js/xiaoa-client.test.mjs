// XiaoAClient against the local sandbox of the platform (real HTTP on
// loopback): every method, success and failure, sessions, faults.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import util from 'node:util';
import { waihu, rejects } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { writeXlsx, readXlsx } from '../../js/sandbox/formats.mjs';

const { XiaoAClient, WaihuError, parseTalkInfo, parsePush } = waihu;
const PASSWORD = 'demo123';
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

const client = (extra = {}) => new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: PASSWORD, retries: 0, ...extra });
const rows = (n, offset = 0) => Array.from({ length: n }, (_, i) => ({ 姓名: `客户${offset + i}`, 电话: String(13800000001 + offset + i), 地址: '深圳/南山', 公司名称: '一号互联' }));
const count = (endpoint) => sb.xiaoa.state.log.filter((l) => l.endpoint === endpoint).length;

async function setup(c) {
  const [project] = await c.projects();
  const [ai] = await c.aiUsers();
  return { project, ai };
}

test('login: the session, from = 2 as a number, and a wrong password', async () => {
  const c = client();
  const s = await c.login();
  for (const k of ['user_sn', 'api_key', 'api_key_expire', 'user_name', 'team_name', 'expired', 'ai_count', 'caller_group', 'parent_sn']) assert.ok(k in s, k);
  assert.match(s.user_sn, /^SYSUSER\|[0-9a-f]{32}$/);
  assert.deepEqual(c.session, s);
  const e = await rejects(client({ password: 'wrong' }).login(), { code: 'API', apiCode: 20004, apiName: 'BAD_CREDENTIALS', endpoint: 'login' });
  assert.match(e.message, /wrong username or password/);
  await rejects(client({ username: 'nobody' }).listTasks(), { code: 'API', apiCode: 20004 });
});

test('every read: tasks, AI users, projects, CRM records, CDRs, call detail, call times, template', async () => {
  const c = client();
  const { project, ai } = await setup(c);
  assert.ok(project.sn.startsWith('project|') && ai.user_sn.startsWith('SYSUSER|'));
  const imported = await c.importLeads({ project_sn: project.sn, source: '读取测试', ai_user_sn: ai.user_sn, rows: rows(25, 1000) });
  const page = await c.listTasks({ dial_task_main_sn: imported.dial_task_main_sn });
  assert.equal(page.total, 1);
  const task = page.list[0];
  assert.equal(task.status, '暂停发送');
  assert.equal(task.total_count, 25);
  await c.operateTask(task.dial_task_main_id, 'keepOn');
  assert.equal((await c.listTasks({ dial_task_main_sn: task.dial_task_main_sn, status: 1 })).total, 1, 'all dialled → 已发送');

  const crm = await c.crmList({ dial_task_main_sn: task.dial_task_main_sn, pageSize: 10, pageIndex: 0 });
  assert.equal(crm.total, 25);
  assert.equal(crm.list.length, 10);
  const second = await c.crmList({ dial_task_main_sn: task.dial_task_main_sn, pageSize: 10, pageIndex: 2 });
  assert.equal(second.list.length, 5, 'pageIndex is a page number');
  let all = 0;
  for await (const r of c.crmRecords({ dial_task_main_sn: task.dial_task_main_sn, pageSize: 4 })) {
    assert.ok(r.sn);
    all++;
  }
  assert.equal(all, 25);
  let taskCount = 0;
  for await (const t of c.tasks({ pageSize: 1 })) taskCount += t.dial_task_main_sn ? 1 : 0;
  assert.ok(taskCount >= 1);

  const filtered = await c.crmList({ dial_task_main_sn: task.dial_task_main_sn, status: ['A', 'B'], talktimes_min: 1 });
  assert.ok(filtered.list.every((r) => ['A', 'B'].includes(r.status) && r.talktimes >= 1));
  const rec = crm.list.find((r) => r.talk_info);
  const turns = parseTalkInfo(rec.talk_info);
  assert.equal(turns.length, 3);
  const detail = await c.callDetail({ accounts_sn: rec.sn, recordpath: rec.recordpath, recordfile: rec.recordfile, connected_at: rec.connected_at });
  assert.deepEqual(
    parseTalkInfo(detail.fragment).map((t) => [t.answer, t.fenduanluyin]),
    turns.map((t) => [t.answer, t.fenduanluyin]),
  );
  const byCdr = await c.callDetail({ cdr_sn: rec.cdr_sn, recordpath: rec.recordpath, recordfile: rec.recordfile, connected_at: rec.connected_at });
  assert.equal(byCdr.cdr_sn, rec.cdr_sn);

  const cdrs = await c.cdrList({ dial_task_main_sn: task.dial_task_main_sn, pageSize: 50 });
  assert.ok(cdrs.total > 0 && cdrs.list.every((x) => x.asr_a !== undefined && x.callee));

  const audio = await fetch(c.recordingUrl(rec));
  assert.equal(audio.status, 200);
  assert.equal(audio.headers.get('content-type'), 'audio/mpeg');
  assert.ok((await audio.arrayBuffer()).byteLength > 1000);
  const frag = await fetch(c.fragmentUrl({ recordfile: turns[0].fenduanluyin }));
  assert.equal(frag.status, 200);
  const xlsx = await fetch(c.templateUrl(project.sn));
  assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.deepEqual(readXlsx(Buffer.from(await xlsx.arrayBuffer()))[0].slice(0, 2), ['姓名', '电话']);
  const fields = await c.templateFields(project.sn);
  assert.equal(fields[0]['0'], '姓名');
  assert.equal(fields[0]['1'], '电话');

  const times = await c.callTimes();
  assert.equal(times.length, 4);
  const saved = await c.saveCallTimes([{ ...times[0], start_at: '09:00:00' }]);
  assert.equal(saved.rst, 0);
  assert.equal((await c.callTimes())[0].start_at, '09:00:00');
});

test('operateTask: stop, keepOn, failRe, delete — and unknown tasks', async () => {
  const c = client();
  const { project, ai } = await setup(c);
  // Numbers ending in 0 do not answer the first time in the sandbox.
  const r = await c.importLeads({ project_sn: project.sn, source: '操作测试', ai_user_sn: ai.user_sn, autoStart: true, rows: rows(20, 2000) });
  const [task] = (await c.listTasks({ dial_task_main_sn: r.dial_task_main_sn })).list;
  assert.equal(task.status, '已发送');
  assert.equal(Number(task.fail), 2);
  await c.operateTask(task.dial_task_main_id, 'failRe');
  const [redialled] = (await c.listTasks({ dial_task_main_sn: r.dial_task_main_sn })).list;
  assert.equal(Number(redialled.fail), 0);
  await c.operateTask([task.dial_task_main_id], 'stop');
  assert.equal((await c.listTasks({ dial_task_main_sn: r.dial_task_main_sn })).list[0].status, '暂停发送');
  await c.operateTask(String(task.dial_task_main_id), 'delete');
  assert.equal((await c.listTasks({ dial_task_main_sn: r.dial_task_main_sn })).total, 0);
  await rejects(c.operateTask(task.dial_task_main_id, 'delete'), { code: 'API', apiCode: 30011, apiName: 'TASK_NOT_FOUND' });
  await rejects(c.operateTask(task.dial_task_main_id, 'pause'), { code: 'INVALID_ARGUMENT', path: 'oper' });
  await rejects(c.operateTask(r.dial_task_main_sn, 'stop'), { code: 'INVALID_ARGUMENT', path: 'pkeys' });
});

test('importLeads: 65,000 rows go as 3 requests with progress and totals; plain JSON works too', async () => {
  const c = client();
  const { project, ai } = await setup(c);
  const progress = [];
  const before = count('addJson');
  const r = await c.importLeads({ project_sn: project.sn, source: '大批量', ai_user_sn: ai.user_sn, rows: rows(65000, 100000) }, { onProgress: (p) => progress.push(p) });
  assert.equal(count('addJson') - before, 3);
  assert.deepEqual([r.total, r.success, r.fail, r.out_repeat], [65000, 65000, 0, 0]);
  assert.deepEqual(
    r.chunks.map((x) => [x.from, x.to, x.success]),
    [
      [0, 30000, 30000],
      [30000, 60000, 30000],
      [60000, 65000, 5000],
    ],
  );
  assert.ok(r.chunks.every((x) => x.dial_task_main_sn === r.dial_task_main_sn));
  assert.deepEqual(
    progress.map((p) => [p.chunk, p.chunks, p.rowsSent, p.rowsTotal, p.imported.success]),
    [
      [1, 3, 30000, 65000, 30000],
      [2, 3, 60000, 65000, 60000],
      [3, 3, 65000, 65000, 65000],
    ],
  );
  assert.equal((await c.listTasks({ dial_task_main_sn: r.dial_task_main_sn })).list[0].total_count, 65000);

  const plain = await c.importLeads({
    project_sn: project.sn,
    source: '明文',
    ai_user_sn: ai.user_sn,
    encrypt: false,
    rows: [...rows(3, 300), { 姓名: '重复', 电话: '13800000301' }, { 姓名: '坏号', 电话: 'n/a' }],
  });
  assert.deepEqual([plain.total, plain.success, plain.out_repeat, plain.fail], [5, 3, 1, 1]);
  const appended = await c.importLeads({ project_sn: project.sn, source: '明文', ai_user_sn: ai.user_sn, dial_task_main_sn: plain.dial_task_main_sn, rows: rows(2, 400) });
  assert.equal(appended.dial_task_main_sn, plain.dial_task_main_sn);
});

test('importLeads: rows are checked before anything is sent; a failed chunk says what was imported', async () => {
  const c = client();
  const { project, ai } = await setup(c);
  const base = { project_sn: project.sn, source: '校验', ai_user_sn: ai.user_sn };
  const before = count('addJson');
  await rejects(c.importLeads({ ...base, rows: [{ 电话: '13800000000', 姓名: 'x' }] }), { code: 'INVALID_ROW', row: 0, path: 'rows[0]' });
  await rejects(c.importLeads({ ...base, rows: [...rows(3), { 姓名: 'x', 电话: '' }] }), { code: 'INVALID_ROW', row: 3, path: 'rows[3].电话' });
  await rejects(c.importLeads({ ...base, rows: [{ 姓名: 'x', 电话: NaN }] }), { code: 'INVALID_NUMBER', path: 'rows[0].电话' });
  await rejects(c.importLeads({ ...base, rows: [] }), { code: 'INVALID_ARGUMENT', path: 'rows' });
  await rejects(c.importLeads({ ...base, source: undefined, rows: rows(1) }), { code: 'INVALID_ARGUMENT', path: 'options.source' });
  await rejects(c.importLeads({ ...base, rows: rows(1), timed_started_at: '明天' }), { code: 'INVALID_ARGUMENT', path: 'options.timed_started_at' });
  assert.equal(count('addJson'), before, 'nothing was sent');
  await rejects(c.importLeads({ ...base, ai_user_sn: 'SYSUSER|nobody', rows: rows(1) }), { code: 'API', apiCode: 30009 });

  // The second request fails: the first 30,000 rows are in, the rest are not.
  let n = 0;
  const failing = client({
    fetch: async (req) => {
      if (req.url.endsWith('/api/addJson') && ++n === 2) return new Response(JSON.stringify({ code: 30004, msg: '待呼叫数据过多' }), { headers: { 'Content-Type': 'application/json' } });
      return fetch(req);
    },
  });
  const e = await rejects(failing.importLeads({ ...base, rows: rows(65000, 500000) }), { code: 'IMPORT_INCOMPLETE', apiCode: 30004 });
  assert.deepEqual(e.notImported, { from: 30000, to: 65000 });
  assert.equal(e.imported.success, 30000);
  assert.equal(e.imported.chunks.length, 1);
  assert.match(e.message, /rows 0–29999 were imported/);
  assert.equal(e.cause.apiCode, 30004);
});

test('importExcel: a real .xlsx upload; wrong files are refused', async () => {
  const c = client();
  const { project, ai } = await setup(c);
  const template = readXlsx(Buffer.from(await (await fetch((await c.login(), c.templateUrl(project.sn)))).arrayBuffer()))[0];
  const sheet = [template, ...Array.from({ length: 40 }, (_, i) => [`表格${i}`, String(13900000001 + i), '上海', '公司', ''])];
  const file = writeXlsx(sheet);
  const r = await c.importExcel({ project_sn: project.sn, source: 'Excel 导入', ai_user_sn: ai.user_sn, upload: new Uint8Array(file) });
  assert.deepEqual([r.total, r.success], [40, 40]);
  const asBlob = await c.importExcel({
    project_sn: project.sn,
    source: 'Excel 导入',
    ai_user_sn: ai.user_sn,
    upload: new Blob([file]),
    filename: '第二批.xlsx',
    dial_task_main_sn: r.dial_task_main_sn,
  });
  assert.equal(asBlob.out_repeat, 40);
  await rejects(c.importExcel({ project_sn: project.sn, source: 's', ai_user_sn: ai.user_sn, upload: Buffer.from('not a zip'), filename: 'x.xlsx' }), { code: 'API', apiCode: 30002 });
  await rejects(c.importExcel({ project_sn: project.sn, source: 's', ai_user_sn: ai.user_sn, upload: new Uint8Array(0) }), { code: 'INVALID_ARGUMENT' });
  await rejects(c.importExcel({ project_sn: project.sn, source: 's', ai_user_sn: ai.user_sn, upload: file, filename: 'x.csv' }), { code: 'INVALID_ARGUMENT', path: 'options.filename' });
  await rejects(c.importExcel({ project_sn: project.sn, source: 's', ai_user_sn: ai.user_sn, upload: 'x' }), { code: 'INVALID_ARGUMENT', path: 'options.upload' });
});

test('sessions: expired key → one transparent re-login; 50 concurrent calls → exactly one login', async () => {
  const c = client();
  await c.login();
  sb.xiaoa.expireKeys();
  // The client knows the expiry time: it renews before sending.
  const s0 = sb.xiaoa.state.logins;
  await Promise.all(Array.from({ length: 50 }, () => c.aiUsers()));
  assert.equal(sb.xiaoa.state.logins - s0, 1);

  // The server invalidated the key without the client knowing (another login): 20005 → one re-login.
  await client().login();
  const s1 = sb.xiaoa.state.logins;
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? c.projects() : c.listTasks())));
  assert.equal(results.length, 50);
  assert.equal(sb.xiaoa.state.logins - s1, 1);
  assert.equal(c.loginCount, 3);

  // A key that the server says expired (20006, or 40001 in the login section) with a clock that disagrees.
  const skewed = client();
  await skewed.login();
  const acct = sb.xiaoa.account('demo');
  acct.key.expire = Math.floor(Date.now() / 1000) - 5; // expired on the server only
  const s2 = sb.xiaoa.state.logins;
  await skewed.callTimes();
  assert.equal(sb.xiaoa.state.logins - s2, 1);
});

test('sessions: persisted with onSession, reused with `session`, renewed before expiry, cleared by logout', async () => {
  const seen = [];
  const a = client({ onSession: (s) => seen.push(s) });
  const s = await a.login();
  assert.deepEqual(seen, [s]);
  const logins = sb.xiaoa.state.logins;
  const b = client({ session: s });
  await b.projects();
  assert.equal(b.loginCount, 0);
  assert.equal(sb.xiaoa.state.logins, logins, 'the saved session was reused');
  const c = client({ session: JSON.stringify(s) });
  assert.equal(c.session.api_key, s.api_key);
  assert.ok(c.recordingUrl({ recordpath: '/home/record', recordfile: '/a.mp3' }).includes(`api_key=${s.api_key}`));

  sb.xiaoa.setKeyLifetime(60); // shorter than the 120 s renewal margin
  try {
    const d = client();
    await d.login();
    await d.projects();
    assert.equal(d.loginCount, 2, 'renewed before the request instead of waiting for 20006');
  } finally {
    sb.xiaoa.setKeyLifetime(7200);
  }
  a.logout();
  assert.equal(a.session, null);
  assert.deepEqual(seen.at(-1), null);
  assert.throws(() => a.recordingUrl({ recordpath: '/a', recordfile: '/b' }), { code: 'NO_SESSION' });
  assert.throws(() => client().templateUrl('p'), { code: 'NO_SESSION' });
  assert.throws(() => client({ session: { user_sn: 'x' } }), { code: 'INVALID_ARGUMENT', path: 'options.session' });
});

test('a tampered or differently-escaped request is refused with 10001', async () => {
  const unescaped = client({ json: { escapeSlashes: false } });
  await unescaped.login(); // no slash in the login params: same hash either way
  await rejects(unescaped.setCallback({ open: false, url: 'http://127.0.0.1/push' }), { code: 'API', apiCode: 10001, apiName: 'URL_CHECK_FAILED' });
  const tampering = client({
    fetch: async (req) => {
      if (!req.url.endsWith('/api/index')) return fetch(req);
      const body = JSON.parse(await req.text());
      body.pageSize = 99;
      return fetch(req.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    },
  });
  await rejects(tampering.listTasks({ pageSize: 5 }), { code: 'API', apiCode: 10001 });
});

test('faults: timeout, HTTP 500, HTML, truncated and empty bodies, connection reset and refused — typed, retried for reads only', async () => {
  const c = client({ timeoutMs: 300 });
  await c.login();
  sb.fault({ path: '/api/getProjects', kind: 'delay', ms: 1500 });
  await rejects(c.projects(), { code: 'TIMEOUT', endpoint: 'getProjects' });
  sb.fault({ path: '/api/getProjects', kind: 'status', status: 500 });
  await rejects(c.projects(), { code: 'HTTP', httpStatus: 500 });
  sb.fault({ path: '/api/getProjects', kind: 'html' });
  const html = await rejects(c.projects(), { code: 'BAD_RESPONSE', httpStatus: 200 });
  assert.match(html.message, /HTML page/);
  sb.fault({ path: '/api/getProjects', kind: 'truncated' });
  await rejects(c.projects(), { code: 'BAD_RESPONSE' });
  sb.fault({ path: '/api/getProjects', kind: 'empty' });
  await rejects(c.projects(), { code: 'BAD_RESPONSE' });
  sb.fault({ path: '/api/getProjects', kind: 'reset' });
  await rejects(c.projects(), { code: 'NETWORK' });
  sb.fault({ path: '/api/getProjects', kind: 'api', code: 500 });
  await rejects(c.projects(), { code: 'API', apiCode: 500, apiName: 'SERVER_ERROR' });
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const closedPort = closed.address().port;
  await new Promise((r) => closed.close(r));
  const refused = new XiaoAClient({ baseUrl: `http://127.0.0.1:${closedPort}`, username: 'u', password: 'p', retries: 0 });
  const e = await rejects(refused.login(), { code: 'NETWORK' });
  assert.match(e.message, /ECONNREFUSED/);

  // Reads retry with backoff, reported to onRetry.
  const retries = [];
  const r = client({ retries: 2, onRetry: (info) => retries.push(info) });
  await r.login();
  sb.fault({ path: '/api/getAiUsers', kind: 'status', status: 503, times: 2 });
  assert.ok((await r.aiUsers()).length > 0);
  assert.deepEqual(
    retries.map((x) => [x.endpoint, x.attempt, x.error.httpStatus]),
    [
      ['getAiUsers', 1, 503],
      ['getAiUsers', 2, 503],
    ],
  );
  assert.ok(retries.every((x) => x.delayMs >= 0 && x.delayMs <= 5000));

  // Writes are not repeated after an ambiguous failure: the outcome is unknown.
  const { project, ai } = await setup(r);
  retries.length = 0;
  const before = count('addJson');
  sb.fault({ path: '/api/addJson', kind: 'status', status: 502 });
  const w = await rejects(r.importLeads({ project_sn: project.sn, source: '写入', ai_user_sn: ai.user_sn, rows: rows(5) }), { code: 'OUTCOME_UNKNOWN' });
  assert.equal(w.cause.httpStatus, 502);
  assert.match(w.message, /listTasks/);
  assert.deepEqual(w.notImported, { from: 0, to: 5 });
  assert.equal(retries.length, 0);
  assert.equal(count('addJson'), before, 'the sandbox answered from the fault; no second attempt reached it');
  sb.fault({ path: '/api/setCallback', kind: 'delay', ms: 2000 });
  await rejects(client({ timeoutMs: 200 }).setCallback({ open: true, url: 'http://127.0.0.1:9/x' }), { code: 'OUTCOME_UNKNOWN' });
});

test('push: setCallback, the platform posts each finished call, parsePush types it', async () => {
  const received = [];
  const receiver = http.createServer(async (req, res) => {
    let body = '';
    for await (const ch of req) body += ch;
    received.push(parsePush(body));
    res.end(waihu.XIAOA_PUSH_ACK);
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    const c = client();
    const { project, ai } = await setup(c);
    await c.setCallback({ open: true, url: `http://127.0.0.1:${receiver.address().port}/push` });
    await c.importLeads({ project_sn: project.sn, source: '推送', ai_user_sn: ai.user_sn, autoStart: true, rows: rows(3, 7000) });
    for (let i = 0; i < 50 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(received.length, 3);
    const p = received.find((x) => x.talk_info.length);
    assert.equal(p.talk_info.length, 3);
    assert.equal(typeof p.talk_info[0].caption, 'string');
    assert.equal(typeof p.rec_sex, 'number');
    assert.ok(sb.xiaoa.state.pushes.slice(-3).every((x) => x.acked));
    await c.setCallback({ open: false, url: `http://127.0.0.1:${receiver.address().port}/push` });
  } finally {
    receiver.close();
  }
  assert.throws(() => parsePush('SUCCESS'), { code: 'INVALID_JSON' });
  assert.throws(() => parsePush({ id: 1 }), { code: 'INVALID_ARGUMENT', path: 'sn' });
  assert.equal(parsePush(Buffer.from(JSON.stringify({ sn: 'account|1', talk_info: '##v@@a#@r' }))).talk_info[0].answer, 'a');
});

test('parseTalkInfo: the document string and the array form give the same turns', () => {
  const doc =
    '##20180411093029cLp@@noinput#@/home/record/20180508/fenduan_a.wav##/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based20180411202040cXy.wav@@儿子吗#@/home/record/20180508/fenduan_b.wav';
  const t = parseTalkInfo(doc);
  assert.deepEqual(
    t.map((x) => x.answer),
    ['noinput', '儿子吗'],
  );
  assert.deepEqual(t[1], {
    vocfile: '/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based20180411202040cXy.wav',
    caption: null,
    title: null,
    answer: '儿子吗',
    fenduanluyin: '/home/record/20180508/fenduan_b.wav',
    outType: null,
  });
  const arr = parseTalkInfo(t.map(({ vocfile, answer, fenduanluyin }) => ({ vocfile, answer, fenduanluyin })));
  assert.deepEqual(arr, t);
  assert.deepEqual(parseTalkInfo(null), []);
  assert.throws(() => parseTalkInfo({}), { code: 'INVALID_ARGUMENT' });
});

test('arguments are checked before sending, and reject the Promise', async () => {
  const c = client();
  const sent = sb.requests.length;
  await rejects(c.listTasks({ pageindex: 1 }), { code: 'INVALID_ARGUMENT', path: 'query.pageindex' });
  await rejects(c.listTasks({ status: 2 }), { code: 'INVALID_ARGUMENT', path: 'query.status' });
  await rejects(c.crmList({ start_create_at: '2024/01/01' }), { code: 'INVALID_ARGUMENT', path: 'query.start_create_at' });
  await rejects(c.listTasks('x'), { code: 'INVALID_ARGUMENT', path: 'query' });
  // open: true/false, or the document's 1/0 and "1"/"0" (issue 13); anything else is refused.
  await rejects(c.setCallback({ open: 'maybe', url: 'http://x' }), { code: 'INVALID_ARGUMENT', path: 'args.open' });
  await rejects(c.setCallback({ open: true, url: 'ftp://x' }), { code: 'INVALID_ARGUMENT', path: 'args.url' });
  await rejects(c.saveCallTimes([{ id: 1, start_at: '9:00', end_at: '10:00:00', disable: 0 }]), { code: 'INVALID_ARGUMENT', path: 'rows[0].start_at' });
  await rejects(c.callDetail({ recordpath: 'a', recordfile: 'b', connected_at: 'c' }), { code: 'INVALID_ARGUMENT' });
  await rejects(c.importLeads({ rows: 'x' }), { code: 'INVALID_ARGUMENT', path: 'options.rows' });
  assert.equal(sb.requests.length, sent, 'nothing reached the server');
  assert.throws(() => new XiaoAClient({ baseUrl: sb.url, username: 'u' }), { code: 'INVALID_ARGUMENT', path: 'options.password' });
  assert.throws(() => new XiaoAClient({ baseUrl: sb.url + '/api', username: 'u', password: 'p' }), { code: 'INVALID_ARGUMENT', path: 'baseUrl' });
  assert.throws(
    () => new XiaoAClient({ baseUrl: sb.url, username: 'u', password: 'p', timeout: 5 }),
    (e) => e.code === 'INVALID_ARGUMENT' && /timeoutMs/.test(e.message),
  );
  assert.throws(() => new XiaoAClient({ baseUrl: sb.url, username: 'u', password: 'p', retries: -1 }), { code: 'INVALID_ARGUMENT', path: 'options.retries' });
});

test('the password never shows: errors, stacks, inspect, JSON, URLs', async () => {
  const secret = 'S3cret-密码-42';
  const c = new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: secret, retries: 0 });
  const seen = [];
  seen.push(util.inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c), String(c));
  for (const p of [c.login(), c.listTasks(), c.importLeads({ project_sn: 'p', source: 's', ai_user_sn: 'a', rows: rows(1) })]) {
    try {
      await p;
    } catch (e) {
      seen.push(e.message, e.stack, JSON.stringify(e), util.inspect(e, { depth: 10 }));
    }
  }
  sb.fault({ path: '/api/login', kind: 'status', status: 500 });
  try {
    await c.login();
  } catch (e) {
    seen.push(e.message, e.stack, util.inspect(e));
  }
  const good = client();
  await good.login();
  seen.push(good.recordingUrl({ recordpath: '/a', recordfile: '/b' }), util.inspect(good, { depth: 10 }), JSON.stringify(good));
  for (const text of seen) {
    assert.ok(!text.includes(secret), `password leaked: ${text.slice(0, 200)}`);
    assert.ok(!text.includes(PASSWORD), `password leaked: ${text.slice(0, 200)}`);
  }
  assert.match(util.inspect(good), /XiaoAClient \{/);
});

test('every response code of the document comes back named and explained', async () => {
  const { XIAOA_CODES } = await import('../../js/sandbox/xiaoa.mjs');
  const c = client();
  await c.login();
  for (const code of XIAOA_CODES.filter((x) => x !== 0)) {
    sb.fault({ path: '/api/getProjects', kind: 'api', code });
    if ([20005, 20006, 40001].includes(code)) {
      // A key error: the client logs in again and the retried request succeeds.
      const logins = c.loginCount;
      assert.ok((await c.projects()).length > 0, `${code}`);
      assert.equal(c.loginCount, logins + 1, `${code} → one re-login`);
      continue;
    }
    const e = await rejects(c.projects(), { code: 'API', apiCode: code, endpoint: 'getProjects' });
    assert.notEqual(e.apiName, 'UNKNOWN', `${code} has a name`);
    assert.match(e.message, new RegExp(`getProjects failed with ${code} ${e.apiName}: .{10,}`));
  }
  sb.fault({ path: '/api/getProjects', kind: 'api', code: 12345 });
  await rejects(c.projects(), { code: 'API', apiCode: 12345, apiName: 'UNKNOWN' });
});

test('checkLeads lists every problem for a preview', () => {
  const r = waihu.checkLeads([
    { 姓名: 'a', 电话: '1' },
    { 电话: '2', 姓名: 'b' },
    { 姓名: 'c', 电话: '' },
    { 姓名: 'd', 电话: 4 },
  ]);
  assert.equal(r.rows, 4);
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.row, p.path]),
    [
      ['INVALID_ROW', 1, 'rows[1]'],
      ['INVALID_ROW', 2, 'rows[2].电话'],
    ],
  );
  assert.ok(r.problems.every((p) => p instanceof WaihuError));
  assert.equal(waihu.checkLeads(Array(10).fill({ x: 1 }), { maxProblems: 3 }).problems.length, 3);
  assert.throws(() => waihu.checkLeads('x'), { code: 'INVALID_ARGUMENT' });
});
