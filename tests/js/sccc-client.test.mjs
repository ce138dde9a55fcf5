// ScccClient and the SCCC notifications against the sandbox (real HTTP on
// loopback): every API of the SCCC document, batches, paging past 500 records, every
// notification type through createScccNotificationHandler, signatures.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import util from 'node:util';
import { waihu, rejects } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { SCCC_CUSTOMER as CUSTOMER, SCCC_PASSWORD as PASSWORD } from '../../js/sandbox/sccc.mjs';

const { ScccClient, verifyScccNotification, createScccNotificationHandler, scccDigest } = waihu;
let sb;
let receiver;
const received = [];
let unhandled = 0;
const onUnhandled = () => unhandled++;

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  sb = await startSandbox();
  const handle = createScccNotificationHandler({ customer: CUSTOMER, password: PASSWORD, replayWindowMs: 60_000, onNotification: (n) => received.push(n) });
  receiver = http.createServer((req, res) => handle(req, res));
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  sb.sccc.setPush({ url: `http://127.0.0.1:${receiver.address().port}/sccc` });
});

after(async () => {
  receiver.close();
  await sb.close();
  process.off('unhandledRejection', onUnhandled);
  assert.equal(unhandled, 0, 'unhandled promise rejections');
});

beforeEach(() => sb.clearFaults());

const client = (extra = {}) => new ScccClient({ baseUrl: sb.url, customer: CUSTOMER, password: PASSWORD, retries: 0, ...extra });

test('scccDigest: the document example', () => {
  assert.equal(scccDigest('C2', 1471918933001, 5271, PASSWORD), 'ae62e11cab746436b64a26f4ed8e41a3');
});

test('agents: login, status, info, busy, idle, logout, query', async () => {
  const c = client({ agent: '1000', lang: 'zh_CN' });
  const r = await c.agentLogin({ agent: '1000', userData: 'crm-user-7' });
  assert.equal(r.result.error, 0);
  assert.equal(r.userData, 'crm-user-7');
  assert.deepEqual([(await c.agentStatus({ agent: 1000 })).workStatus, (await c.agentStatus({ agent: '1000' })).serverStatus], ['ONLINE', 'IDLE']);
  await c.agentSetBusy({ agent: '1000' });
  assert.equal((await c.agentStatus({ agent: '1000' })).workStatus, 'BUSY');
  await c.agentSetIdle({ agent: '1000' });
  assert.equal((await c.agentStatus({ agent: '1000' })).workStatus, 'ONLINE');
  const info = await c.agentInfo();
  assert.deepEqual(
    info.data.map((a) => a.staffNo),
    ['1000', '1001', '8000'],
  );
  assert.equal((await c.agentQueryStatus({ agent: '1000' })).result.error, 0);
  await c.agentLogout({ agent: '1000' });
  assert.equal((await c.agentStatus({ agent: '1000' })).workStatus, 'OFFLINE');
  const e = await rejects(c.agentSetBusy({ agent: '1000' }), { code: 'API', apiCode: 0xf100000e, apiName: 'E_G_INVALID_OPT', endpoint: 'AgentSetBusy' });
  assert.match(e.message, /command failed/);
  await rejects(c.agentStatus({ agent: '4242' }), { code: 'API', apiName: 'E_G_STAFF_NO_EXIST' });
});

test('calls and call tasks, with every notification type pushed and verified', async () => {
  const c = client();
  received.length = 0;
  await c.agentLogin({ agent: '1001' });
  await c.callNumber({ agent: '1001', callee: '13800000001', userData: 'ticket-99' });
  await c.hangupCall({ agent: '1001' });
  await c.voiceVerify({ callee: '13800000002', verifyCode: '8341', playTimes: 2 });
  const task = await c.createCallTask({ agent: '1001', taskName: '回访', callees: ['13800000011', '13800000012', '13800000012', '1x'].slice(0, 3), mode: 5, multiplier: 2 });
  assert.deepEqual(task.report, { total: '3', error: '0', repeat: '1' });
  const added = await c.addCallTaskNumbers({ taskID: task.taskID, agent: '1001', callees: ['13800000013', '13800000011'] });
  assert.deepEqual(added.report, { total: '2', error: '0', repeat: '1' });
  assert.equal((await c.queryCallTask({ agent: '1001' })).taskID, task.taskID);
  assert.equal((await c.controlCallTask({ taskID: task.taskID, action: 'start' })).taskID, task.taskID);
  await c.controlCallTask({ taskID: Number(task.taskID), action: 'stop', agent: '1001' });
  await rejects(c.controlCallTask({ taskID: 1, action: 'start' }), { code: 'API', apiName: 'E_G_RES_NOT_EXIST' });
  await rejects(c.queryCallTask({ agent: '8000' }), { code: 'API', apiName: 'E_G_RES_NOT_EXIST' });
  await sb.sccc.settle();
  const types = new Set(received.map((n) => n.type));
  assert.deepEqual([...types].sort(), ['billing', 'callend', 'callin', 'callout', 'callstart', 'popup', 'taskinfo']);
  const start = received.find((n) => n.type === 'callstart' && n.notify.userData === 'ticket-99');
  assert.deepEqual([start.notify.agent, start.notify.number, start.notify.call_type], ['1001', '13800000001', 1]);
  const billing = received.find((n) => n.type === 'billing' && n.notify.callee === '13800000001');
  assert.ok(billing.notify.recordFile.startsWith('record/'));
  const info = received.filter((n) => n.type === 'taskinfo');
  // Pushes travel concurrently: compare as a set (running, ended, paused).
  assert.deepEqual(info.map((n) => n.notify.status).sort(), [0, 1, 2]);
  assert.ok(info.every((n) => n.notify.calleeAmount === 3));
  assert.ok(sb.sccc.state.pushes.every((p) => p.status === 200 && JSON.parse(p.answer).result.error === 0));
});

test('checks before sending: limits of call tasks, mode, multiplier, fields', async () => {
  const c = client();
  const sent = sb.requests.length;
  const callees = Array.from({ length: 1001 }, (_, i) => String(13800000000 + i));
  await rejects(c.createCallTask({ agent: '1000', callees, mode: 2 }), { code: 'INVALID_ARGUMENT', path: 'callees' });
  await rejects(c.createCallTask({ agent: '1000', callees: ['13800000000'], callers: callees.slice(0, 101), mode: 2 }), { code: 'INVALID_ARGUMENT', path: 'callers' });
  await rejects(c.createCallTask({ agent: '1000', callees: ['13800000000'], mode: 3 }), { code: 'INVALID_ARGUMENT', path: 'mode' });
  await rejects(c.createCallTask({ agent: '1000', callees: ['13800000000'], mode: 2, multiplier: 6 }), { code: 'INVALID_ARGUMENT', path: 'multiplier' });
  await rejects(c.addCallTaskNumbers({ taskID: 1, agent: '1000', callees }), { code: 'INVALID_ARGUMENT', path: 'callees' });
  await rejects(c.callNumber({ agent: '1000', calee: '1' }), { code: 'INVALID_ARGUMENT', path: 'calee' });
  await rejects(c.controlCallTask({ taskID: 1, action: 'pause' }), { code: 'INVALID_ARGUMENT', path: 'action' });
  await rejects(c.voiceVerify({ callee: '13800000000', verifyCode: '12' }), { code: 'INVALID_ARGUMENT', path: 'verifyCode' });
  await rejects(c.agentLogin({ agent: '123456789' }), { code: 'INVALID_ARGUMENT', path: 'agent' });
  await rejects(c.cdrList({ startTime: '2018-09-10' }), { code: 'INVALID_ARGUMENT', path: 'startTime' });
  await rejects(c.agentLogin({ agent: '1000', userData: 'x'.repeat(101) }), { code: 'INVALID_ARGUMENT', path: 'userData' });
  await rejects(c.batch('AgentLogin', [{ agent: '1000' }, { agent: 'abc' }]), { code: 'INVALID_ARGUMENT', path: 'commands[1].agent' });
  await rejects(c.batch('Nope', [{}]), { code: 'INVALID_ARGUMENT', path: 'apiName' });
  assert.equal(sb.requests.length, sent, 'nothing reached the server');
  assert.throws(() => new ScccClient({ baseUrl: sb.url, customer: 'C 2', password: 'p' }), { code: 'INVALID_ARGUMENT', path: 'customer' });
  assert.throws(() => new ScccClient({ baseUrl: sb.url, customer: 'C2', password: 'p', version: '2.0.6' }), { code: 'INVALID_ARGUMENT', path: 'version' });
  assert.throws(() => new ScccClient({ baseUrl: sb.url, customer: 'C2', password: 'p', lang: 'fr_FR' }), { code: 'INVALID_ARGUMENT', path: 'lang' });
});

test('batch: several commands of one type; per-command results; the request as a whole can fail', async () => {
  const c = client();
  const responses = await c.batch('AgentLogin', [{ agent: '1000', userData: 'a' }, { agent: '9999', userData: 'b' }, { agent: '8000' }]);
  assert.deepEqual(
    responses.map((r) => [r.userData, r.result.error]),
    [
      ['a', 0],
      ['b', 0xf1000013],
      ['', 0],
    ],
  );
  assert.ok(new Set(responses.map((r) => r.seq)).size === 3, 'each command has its own seq');
  const statuses = await c.batch('getAgentStatus', [
    { agent: '1000', seq: 1 },
    { agent: '8000', seq: 2 },
  ]);
  assert.deepEqual(
    statuses.map((s) => [s.seq, s.workStatus]),
    [
      ['1', 'ONLINE'],
      ['2', 'ONLINE'],
    ],
  );
  await rejects(client({ password: 'wrong' }).batch('AgentLogin', [{ agent: '1000' }]), { code: 'API', apiCode: 1, apiName: 'E_S_AUTH_FAIL' });
});

test('recordings: paging past 500 by key, file URLs, and the CDR filters', async () => {
  const c = client();
  const page = await c.recordsList({ startKey: 0 });
  assert.equal(page.record.length, 500);
  assert.equal(page.result.error, 0);
  const keys = [];
  for await (const r of c.records()) keys.push(Number(r.key));
  assert.ok(keys.length > 1200, `${keys.length} records`);
  assert.deepEqual(
    keys,
    [...keys].sort((a, b) => a - b),
  );
  assert.equal(new Set(keys).size, keys.length, 'no record twice');
  const after = [];
  for await (const r of c.records({ startKey: keys[keys.length - 3] })) after.push(Number(r.key));
  assert.deepEqual(after, keys.slice(-2));
  const withFile = (await c.recordsList({ startKey: 0 })).record.find((r) => r.filename);
  const url = c.recordFileUrl(withFile.filename);
  assert.equal(url, `${sb.url}/${withFile.filename}`);
  const audio = await fetch(url);
  assert.equal(audio.status, 200);
  assert.match(audio.headers.get('content-type'), /^audio\//);

  await c.agentLogin({ agent: '1000' });
  await c.callNumber({ agent: '1000', callee: '13700000005' });
  const today = await c.cdrList({ agent: ['1000'] });
  assert.equal(Number(today.total), today.cdr.length);
  assert.ok(today.cdr.some((x) => x.callee === '13700000005'));
  const old = await c.cdrList({ agent: '8000', startTime: '2000-01-01 00:00:00', endTime: '2099-01-01 00:00:00', serviceType: '1', timeLengthMin: 30 });
  assert.ok(old.cdr.length > 0 && old.cdr.every((x) => x.agent === '8000' && Number(x.timeLength) >= 30));
});

test('wrong password (error 1), an unsupported version (10), reused request seqs are refused by the server', async () => {
  await rejects(client({ password: 'wrong' }).agentInfo(), { code: 'API', apiCode: 1, apiName: 'E_S_AUTH_FAIL' });
  await rejects(client({ version: 'V2.0.5' }).agentInfo(), { code: 'API', apiCode: 10, apiName: 'E_C_UNSUPPORT_API_VERSION' });
  await rejects(client({ version: 'V2.0.1' }).recordsList({ startKey: 0 }), { code: 'API', apiCode: 11, apiName: 'E_C_UNSUPPORT_API_REQUEST' });
  // 200 requests from one client: every request seq is new.
  const c = client();
  await Promise.all(Array.from({ length: 200 }, () => c.agentInfo()));
});

test('faults: timeouts, HTML, truncated and empty bodies; reads retry, writes are not repeated', async () => {
  const c = client({ timeoutMs: 300 });
  sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'delay', ms: 1500 });
  await rejects(c.agentInfo(), { code: 'TIMEOUT', endpoint: 'getAgentInfo' });
  sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'html' });
  await rejects(c.agentInfo(), { code: 'BAD_RESPONSE' });
  sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'truncated' });
  await rejects(c.agentInfo(), { code: 'BAD_RESPONSE' });
  sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'empty' });
  await rejects(c.agentInfo(), { code: 'BAD_RESPONSE' });
  sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'status', status: 503 });
  await rejects(c.agentInfo(), { code: 'HTTP', httpStatus: 503 });
  const retries = [];
  const r = client({ retries: 2, onRetry: (i) => retries.push(i.attempt) });
  sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'status', status: 500, times: 2 });
  assert.equal((await r.agentInfo()).result.error, 0);
  assert.deepEqual(retries, [1, 2]);
  retries.length = 0;
  sb.fault({ path: '/openapi/V2.0.6/CallNumber', kind: 'status', status: 502 });
  const e = await rejects(r.callNumber({ agent: '1000', callee: '13800000009' }), { code: 'OUTCOME_UNKNOWN' });
  assert.match(e.message, /cdrList or recordsList/);
  assert.equal(e.cause.httpStatus, 502);
  assert.deepEqual(retries, [], 'the call was not placed twice');
});

test('notifications: digests, customer, clock skew, replays, the handler answers', async () => {
  const sign = (notify, { customer = CUSTOMER, password = PASSWORD, timestamp = Date.now(), seq = String(crypto.randomInt(1e9)) } = {}) => ({
    authentication: { customer, digest: crypto.createHash('md5').update(`${customer}@${timestamp}@${seq}@${password}`).digest('hex'), seq, timestamp: String(timestamp) },
    notify,
    param: { debug: '', lang: '' },
  });
  const opts = { customer: CUSTOMER, password: PASSWORD };
  const n = verifyScccNotification(JSON.stringify(sign({ type: 'callend', customer: 'C2', agent: '1000', number: '1380', call_type: '0', seq: '5' })), opts);
  assert.deepEqual([n.type, n.notify.call_type, n.customer], ['callend', 0, 'C2']);
  const upper = sign({ type: 'callin', number: '1', call_type: 1, seq: '1' });
  upper.authentication.digest = upper.authentication.digest.toUpperCase();
  assert.equal(verifyScccNotification(upper, opts).type, 'callin');
  assert.equal(verifyScccNotification(Buffer.from(JSON.stringify(sign({ customer: 'C2', number: '1', call_type: '1', seq: '2' }))), opts).type, 'popup');
  assert.throws(() => verifyScccNotification(sign({ type: 'callend' }, { password: 'forged' }), opts), { code: 'BAD_SIGNATURE' });
  assert.throws(() => verifyScccNotification(sign({ type: 'callend' }, { customer: 'C3', password: PASSWORD }), opts), { code: 'BAD_SIGNATURE' });
  assert.throws(() => verifyScccNotification(sign({ type: 'callend' }, { timestamp: Date.now() - 3_600_000 }), opts), { code: 'CLOCK_SKEW' });
  assert.equal(verifyScccNotification(sign({ type: 'callend' }, { timestamp: Date.now() - 3_600_000 }), { ...opts, maxSkewMs: null }).type, 'callend');
  const once = sign({ type: 'billing', seq: '9' }, { seq: '424242' });
  verifyScccNotification(once, { ...opts, replayWindowMs: 60_000 });
  assert.throws(() => verifyScccNotification(once, { ...opts, replayWindowMs: 60_000 }), { code: 'REPLAY' });
  assert.throws(() => verifyScccNotification('not json', opts), { code: 'INVALID_JSON' });
  assert.throws(() => verifyScccNotification({ notify: {} }, opts), { code: 'BAD_SIGNATURE' });
  assert.throws(() => verifyScccNotification(once, { customer: 'C2' }), { code: 'INVALID_ARGUMENT', path: 'options.password' });

  // The HTTP handler: 200 {"result":{"error":0}} or the right error.
  const port = receiver.address().port;
  const post = async (body) => {
    const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
    return [r.status, (await r.json()).result.error];
  };
  assert.deepEqual(await post(sign({ type: 'taskinfo', taskID: '1', status: '2', seq: '1' })), [200, 0]);
  assert.deepEqual(await post(sign({ type: 'taskinfo' }, { password: 'forged' })), [401, 1]);
  assert.deepEqual(await post('{'), [400, 8]);
  const replayed = sign({ type: 'callend', seq: '3' });
  assert.deepEqual(await post(replayed), [200, 0]);
  assert.deepEqual(await post(replayed), [401, 1]);
  const failing = createScccNotificationHandler({
    password: PASSWORD,
    onNotification: () => {
      throw new Error('db down');
    },
  });
  const res = {
    statusCode: 0,
    headers: {},
    body: '',
    setHeader(k, v) {
      this.headers[k] = v;
    },
    end(b) {
      this.body = b;
    },
  };
  await failing({ body: JSON.stringify(sign({ type: 'callend' })), [Symbol.asyncIterator]: async function* () {} }, res);
  assert.equal(res.statusCode, 500);
  assert.equal(JSON.parse(res.body).result.error, -1);
});

test('the password never shows; debug mode logs requests and server logs without it', async () => {
  const logs = [];
  const original = console.debug;
  console.debug = (...args) => logs.push(args.join(' '));
  try {
    const c = client({ debug: true });
    await c.agentInfo();
    await c.agentStatus({ agent: '4242' }).catch((e) => logs.push(e.message, e.stack, util.inspect(e)));
    logs.push(util.inspect(c, { depth: 5, showHidden: true }), JSON.stringify(c));
  } finally {
    console.debug = original;
  }
  assert.ok(logs.some((l) => l.includes('waihu SCCC →') && l.includes('"digest"')));
  assert.ok(logs.some((l) => l.includes('logs:') && l.includes('handled getAgentInfo')));
  for (const l of logs) assert.ok(!l.includes(PASSWORD), `password leaked: ${l.slice(0, 200)}`);
});

test('every error code of the table comes back named', async () => {
  const { CODES } = { CODES: [-1, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, ...Array.from({ length: 25 }, (_, i) => 0xf1000001 + i).filter((x) => x <= 0xf1000019), 0xf1000020, 0xf1000021] };
  const c = client();
  for (const code of CODES) {
    sb.fault({ path: '/openapi/V2.0.6/getAgentInfo', kind: 'api', code });
    const e = await rejects(c.agentInfo(), { code: 'API', apiCode: code });
    assert.notEqual(e.apiName, 'UNKNOWN', `${code}`);
  }
});
