// BaiBaiHuClient against the sandbox (real HTTP on loopback): every method of
// the 八百呼 document's chapters 2.1–2.11, success and failure (-2 wrong password,
// -11 unknown id, -10 duplicate, -5 not allowed…), paging, uploads, URLs,
// and the 2.10.4 push.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import util from 'node:util';
import { waihu, rejects } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { BBH_USER as USER, BBH_PASSWORD as PASSWORD } from '../../js/sandbox/baibaihu.mjs';

const { BaiBaiHuClient, parseBaiBaiHuPush, BAIBAIHU_PUSH_ACK } = waihu;
let sb;
let receiver;
const pushes = [];
const callbacks = [];

before(async () => {
  sb = await startSandbox();
  receiver = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    try {
      if (url.pathname === '/cb') callbacks.push(Object.fromEntries(url.searchParams));
      else pushes.push(parseBaiBaiHuPush(req.url));
      res.end(BAIBAIHU_PUSH_ACK);
    } catch (e) {
      pushes.push({ error: e });
      res.statusCode = 400;
      res.end(JSON.stringify({ code: -3, message: e.message }));
    }
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  sb.baibaihu.setPush(`http://127.0.0.1:${receiver.address().port}/api/voip.json`);
});

after(async () => {
  receiver.close();
  await sb.close();
});

beforeEach(() => sb.clearFaults());

const client = (extra = {}) => new BaiBaiHuClient({ baseUrl: sb.url, user: USER, password: PASSWORD, retries: 0, ...extra });
const lastCall = () => sb.baibaihu.state.log.at(-1);

test('authentication: the MD5 of the password, never the password; -2 when wrong', async () => {
  const c = client();
  const me = await c.getExtension();
  assert.equal(me.extension, USER);
  const sent = lastCall().params;
  assert.equal(sent.sa_user, USER);
  assert.equal(sent.sa_password, crypto.createHash('md5').update(PASSWORD).digest('hex').toUpperCase());
  assert.ok(!JSON.stringify(sb.baibaihu.state.log).includes(PASSWORD), 'the plain password never reached the server');
  const byHash = client({ password: undefined, passwordMd5: crypto.createHash('md5').update(PASSWORD).digest('hex') });
  assert.equal((await byHash.getExtension()).extension, USER);
  await rejects(client({ password: 'wrong' }).getExtension(), { code: 'API', apiCode: -2, apiName: 'AUTH_FAILED', endpoint: 'getExtension' });
  const staff = client({ user: '100008801', password: 'staff-pass' });
  await rejects(staff.addExtension({ exteExtension: 455, exteName: 'x' }), { code: 'API', apiCode: -5, apiName: 'NO_PERMISSION' });
});

test('2.1 everyday: extensions, messages, CDR and SMS records, task phone, check-in, register', async () => {
  const c = client();
  assert.ok((await c.getExtensions()).extension.length >= 2);
  await c.sendMsg({ kind: 1, client: 2, phone: '13002311111', content: { status: 0, talkTimes: 10 }, time: Date.now(), lostTime: 100, extension: '100355800', loginType: 2 });
  assert.equal(lastCall().params.content, '{"status":0,"talkTimes":10}');
  const msgs = await c.recvMsg({ client: 2, waterLine: 0, limit: 10 });
  assert.equal(msgs.msgs.at(-1).phone, '13002311111');
  await c.addCdrRecord({ dialId: 77, dialPhoneNum: '13800000099', dialStartTime: '2024-01-02 03:04:05', dialSmsSendStatus: 1 });
  await c.addSmsRecord({ kind: 3, phone: '13800000099', content: '您好', time: Date.now() });
  await rejects(c.getTaskDetailPhone(), { code: 'API', apiCode: -11, apiName: 'NOT_FOUND' });
  await c.setUserCheckInOut({ exten: '100008801', status: 0 });
  const reg = await c.registerExtension();
  assert.match(reg.extension, /^\d+$/);
  await rejects(c.sendMsg({ kind: 9, client: 2, phone: '1', time: 1, lostTime: 0 }), { code: 'INVALID_ARGUMENT', path: 'kind' });
  await rejects(c.addSmsRecord({ phone: '13800000099' }), { code: 'INVALID_ARGUMENT', path: 'time' });
});

test('2.1.5 and 2.1.10 uploads: base64 name, MD5 of the content, device status codes', async () => {
  const c = client();
  const wav = new Uint8Array([82, 73, 70, 70, 1, 2, 3, 4]);
  const r = await c.uploadRecordFile({ fileName: '2024/录音 1.wav', file: wav });
  assert.equal(r.fileName, '2024/录音 1.wav');
  const p = lastCall().params;
  assert.equal(p.fileName, Buffer.from('2024/录音 1.wav').toString('base64'));
  assert.equal(p.fileMd5, crypto.createHash('md5').update(wav).digest('hex'));
  assert.equal(p.isBase, 'true');
  assert.deepEqual(new Uint8Array(sb.baibaihu.state.files.get('2024/录音 1.wav')), wav);
  await rejects(c.uploadRecordFile({ fileName: 'x.wav', file: new Uint8Array(0) }), { code: 'INVALID_ARGUMENT', path: 'file' });

  const status = await c.uploadRecord({ cmd: 'channelstatus', satellite: '00:00:00:00:01', status: { diskUsagePercent: '5', channels: [] } });
  assert.equal(status.status, 0);
  const up = await c.uploadRecord({
    cmd: 'upload',
    satellite: '00:00:00:00:01',
    direction: 'out',
    callid_dialed: '13800000123',
    duration_secs: 30,
    recorded: 1,
    file: new Blob(['RIFF....']),
    filename: 'a.wav',
  });
  assert.match(up.callid, /^\d+$/);
  await rejects(c.uploadRecord({ cmd: 'channelstatus', satellite: 'ff:ff' }), { code: 'API', apiCode: 3001, apiName: 'DEVICE_NOT_REGISTERED' });
  await rejects(c.uploadRecord({ cmd: 'getMessageList', satellite: '00:00:00:00:01' }), { code: 'API', apiCode: 3003 });
});

test('2.2 system: channels, SMS (≤ 70 characters), display number, IVR, blacklists', async () => {
  const c = client();
  assert.equal((await c.systemChannels({ CompNumber: '100008' })).totalNum, 30);
  assert.equal((await c.getChannelList({ queueSize: 1 })).rows.length, 1);
  await c.smsSend({ phoneNum: ['13800000001', '13800000002'], memo: '好'.repeat(70), listId: 3 });
  assert.equal(lastCall().params.phoneNum, '13800000001,13800000002');
  await rejects(c.smsSend({ phoneNum: '13800000001', memo: '好'.repeat(71) }), { code: 'INVALID_ARGUMENT', path: 'memo' });
  await c.setShowPhone({ extension: '100008801', phone: '02368888888' });
  await rejects(c.setShowPhone({ extension: '999', phone: '02368888888' }), { code: 'API', apiCode: -11 });
  await c.setIvrDialing({ sourcePhone: '02368888888', descPhone: '13800000001', dialPhone: '8001', saveTimes: 60 });
  await c.addBlacklists({ phones: '13000000000, 13000000001' });
  await rejects(c.addBlacklists({ phones: ['13000000000'] }), { code: 'API', apiCode: -10, apiName: 'ALREADY_EXISTS' });
  assert.deepEqual((await c.getBlacklists()).blaPhone, ['13000000000', '13000000001']);
  await c.delBlacklists({ phones: ['13000000000', '13000000001'] });
  await rejects(c.delBlacklists({ phones: '13000000000' }), { code: 'API', apiCode: -11 });
  await rejects(c.addBlacklists({ phones: 'abc' }), { code: 'INVALID_ARGUMENT', path: 'phones' });
});

test('2.3 call-backs: callbackUrl sent base64-encoded and called back; the list pages', async () => {
  const c = client();
  const port = receiver.address().port;
  const r = await c.callbackPhone({ sourcePhone: '02368888888', descPhone: '13800000088', callbackUrl: `http://127.0.0.1:${port}/cb?cbkId={cbkId}` });
  assert.equal(lastCall().params.callbackUrl, Buffer.from(`http://127.0.0.1:${port}/cb?cbkId={cbkId}`).toString('base64'));
  await sb.baibaihu.settle();
  assert.equal(callbacks.at(-1).cbkId, String(r.id), 'the decoded URL was called with the call id');
  for (let i = 0; i < 4; i++) await c.callbackPhone({ sourcePhone: '02368888888', descPhone: `1380000020${i}` });
  const page = await c.getCallbackList({ start: 0, limit: 2 });
  assert.equal(page.total, 5);
  assert.equal(page.rows.length, 2);
  const all = [];
  for await (const cb of c.callbacks({ limit: 2 })) all.push(cb.cbkId);
  assert.equal(new Set(all).size, 5);
  await rejects(c.callbackPhone({ sourcePhone: '02368888888', descPhone: '13800000088', callbackUrl: 'ftp://x' }), { code: 'INVALID_ARGUMENT', path: 'callbackUrl' });
});

test('2.4 records and voice codes: findDialrecord paging, phoneAudit, getPhoneAudit, getAreaPhone; 2.5 sendTelCall', async () => {
  const c = client();
  const first = await c.findDialrecord({ extension: ['100008801'], start: 0, limit: 20 });
  assert.equal(first.rows.length, 20);
  const ids = [];
  for await (const r of c.dialRecords({ extension: '100008801', limit: 25 })) ids.push(r.cdrId);
  assert.equal(ids.length, new Set(ids).size);
  assert.ok(ids.length >= 57, `${ids.length}`);
  const long = [];
  for await (const r of c.dialRecords({ talktimeSql: 0, talktime: 30 })) long.push(r.cdrTalktime);
  assert.ok(long.length > 0 && long.every((t) => t > 30));
  await rejects(c.findDialrecord({ startTime: '2014-02-21' }), { code: 'INVALID_ARGUMENT', path: 'startTime' });

  const audit = await c.phoneAudit({ yzm: '重庆决明科技有限公司', type: 4, phone: '13002367525', isRecord: 2 });
  assert.equal(lastCall().params.yzm, '重庆决明科技有限公司');
  assert.equal((await c.getPhoneAudit({ id: audit.id })).rows[0].wsValue, '重庆决明科技有限公司');
  for (let i = 0; i < 3; i++) await c.phoneAudit({ yzm: String(1000 + i), type: 1, phone: `1390000000${i + 1}` });
  const audits = [];
  for await (const a of c.phoneAudits({ rows: 2 })) audits.push(a.wsId);
  assert.equal(audits.length, 4);
  await rejects(c.phoneAudit({ yzm: '1', type: 2, phone: '13900000000' }), { code: 'INVALID_ARGUMENT', path: 'type' });
  assert.equal((await c.getAreaPhone({ phone: '02368888888' })).area, '重庆');
  await rejects(c.getAreaPhone({ phone: '99900000000' }), { code: 'API', apiCode: -11 });
  await c.sendTelCall({ mac: '00:00:00:00:01', channel: 1, phone: '13800000321' });
  await rejects(c.sendTelCall({ mac: 'aa', channel: 1, phone: '13800000321' }), { code: 'API', apiCode: -11 });
});

test('2.6–2.9 customers, sales and memos', async () => {
  const c = client();
  const saved = await c.saveCustomer({
    custName: '李四',
    custCorpName: '一号互联',
    custBirthday: '1990-01-31',
    custBirthdayType: 1,
    phones: [
      { cpPhone: '13800000777', cpLinkMan: '李四' },
      { cpPhone: '02388888777', cpType: '座机' },
    ],
  });
  const sent = lastCall().params;
  assert.equal(sent['cpPhone[1]'], '02388888777');
  assert.equal(sent.recordCount_voip_customer_phone, '2');
  await rejects(c.saveCustomer({ custName: '重复', phones: [{ cpPhone: '13800000777' }] }), { code: 'API', apiCode: -10 });
  await rejects(c.saveCustomer({ custId: '424242', custName: 'x' }), { code: 'API', apiCode: -11 });
  await c.saveCustomer({ custId: saved.custId, custStatus: '意向客户' });
  const one = await c.getCustomer({ phoneNum: '02388888777' });
  assert.deepEqual([one.customer.custName, one.customer.custStatus], ['李四', '意向客户']);
  await rejects(c.getCustomer({ phoneNum: '13811112222' }), { code: 'API', apiCode: -11 });
  for (let i = 0; i < 5; i++) await c.saveCustomer({ custName: `客户${i}`, cpPhone: `1370000000${i}` });
  const listed = [];
  for await (const cust of c.customers({ findType: 'custName', sqlwhere: '客户', limit: 2 })) listed.push(cust.custName);
  assert.equal(listed.length, 5);
  await rejects(c.getCustomersPage({ sqlwhere: "x' or '1'='1" }), { code: 'API', apiCode: -6, apiName: 'SQL_ERROR' });
  assert.equal((await c.getTableFields({ chinesename: 1 })).rows[0].label, '联系人');
  assert.equal((await c.getCodes({ codeType: 'custStatus' })).ROWS.length, 3);
  await rejects(c.getCodes({ codeType: 'nope' }), { code: 'API', apiCode: -11 });
  await c.setCustomerLock({ custId: saved.custId, custIsLock: 1 });
  assert.equal((await c.getCustomersPage({ custIsLock: 1 })).recordTotal, 1);
  await c.setCustomerSales({ custId: saved.custId, status: 1, phone: '13800000777', extension: '100008801' });
  assert.equal((await c.getCustomerSales({ phoneNum: '13800000777' })).customersales.length, 1);
  await rejects(c.setCustomerSales({ csId: '1', status: 0 }), { code: 'API', apiCode: -11 });
  for (let i = 0; i < 3; i++) await c.addMemo({ cdrMemo: `跟进 ${i}`, cdrPhone: '13800000777', nhtIsHint: 0 });
  const memos = [];
  for await (const memo of c.memos({ phoneNum: '13800000777', limit: 2 })) memos.push(memo.cmmMemo);
  assert.deepEqual(memos, ['跟进 0', '跟进 1', '跟进 2']);
  await c.delCustomer({ custId: saved.custId });
  await rejects(c.delCustomer({ custId: saved.custId }), { code: 'API', apiCode: -11, apiName: 'NOT_FOUND' });
});

test('2.10 voice tasks: findCallFlow, addTask (data as a JSON array), findTaskMx paging, pushes', async () => {
  const c = client();
  const [flow] = (await c.findCallFlow()).callflow;
  pushes.length = 0;
  const data = Array.from({ length: 7 }, (_, i) => ({ phone: `1350000000${i}`, key: `k${i}`, memo: `您好，第 ${i} 位客户` }));
  const t = await c.addTask({ data, addType: 1, name: '自动外呼', cflName: flow.cfName, sendTime: '2024-01-01 00:00:00', repeatSend: 0 });
  assert.deepEqual(JSON.parse(lastCall().params.data), data);
  await rejects(c.addTask({ data, addType: 2, name: '自动外呼' }), { code: 'API', apiCode: -10 });
  await rejects(c.addTask({ data, addType: 1, name: 'x', cflName: '没有这个流程' }), { code: 'API', apiCode: -11 });
  await rejects(c.addTask({ data: [{ phone: '1' }], addType: 2, name: 'y' }), { code: 'INVALID_ARGUMENT', path: 'data[0].phone' });
  const mx = await c.findTaskMx({ cflId: flow.cfId, ctkId: t.id, start: 0, limit: 3 });
  assert.deepEqual([mx.count, mx.data.length], [7, 3]);
  const details = [];
  for await (const d of c.taskDetails({ cflId: flow.cfId, ctkId: t.id, limit: 3 })) details.push(d.ctdPhone);
  assert.equal(details.length, 7);
  // 2.10.4: every finished call was pushed; the hang-up carries the record with our key.
  await sb.baibaihu.settle();
  assert.deepEqual(
    pushes.filter((p) => p.error),
    [],
    'every push parsed',
  );
  const hangups = pushes.filter((p) => p.type === 3);
  assert.equal(hangups.length, 7);
  assert.deepEqual(hangups.map((p) => p.memo.paramvalue).sort(), data.map((d) => d.key).sort());
  assert.equal(typeof hangups[0].memo.cdrId, 'number');
  // Paused tasks give out their numbers one by one.
  await c.addTask({ data: [{ phone: '13600000001' }], addType: 2, name: '手工拨号' });
  assert.equal((await c.getTaskDetailPhone()).phone, '13600000001');
});

test('2.11 extensions: add (-10 on a duplicate), edit, reset password, delete (-11 when unknown)', async () => {
  const c = client();
  const a = await c.addExtension({ exteExtension: 455, exteName: '王五', extePassword: 'init-pass', exteMobile: '13800000455', exteStatus: 0, exteIsRecord: 1, exteLoginType: 2 });
  await rejects(c.addExtension({ exteExtension: 455, exteName: '王五' }), { code: 'API', apiCode: -10, apiName: 'ALREADY_EXISTS' });
  await c.editExtension({ exteId: a.exteId, exteName: '王五五' });
  assert.ok((await c.getExtensions()).extension.some((e) => e.exteName === '王五五'));
  assert.match((await c.initExtensionPassword({ exteId: a.exteId })).password, /^[0-9a-f]{8}$/);
  await c.delExtension({ exteId: a.exteId });
  await rejects(c.delExtension({ exteId: a.exteId }), { code: 'API', apiCode: -11, apiName: 'NOT_FOUND' });
  await rejects(c.editExtension({ exteId: 999999, exteName: 'x' }), { code: 'API', apiCode: -11 });
  await rejects(c.addExtension({ exteStatus: 3 }), { code: 'INVALID_ARGUMENT', path: 'exteStatus' });
});

test('call(): any method by name; recording URLs; long requests go as a form body', async () => {
  const c = client();
  assert.deepEqual((await c.call('getBlacklists')).code, 0);
  await rejects(c.call('getcustomer', { phoneNum: '10000000000' }), { code: 'API', apiCode: -11, endpoint: 'getcustomer' });
  await rejects(c.call('noSuchMethod'), { code: 'API', apiCode: -3, apiName: 'METHOD_ERROR' });
  await rejects(c.call('bad name!'), { code: 'INVALID_ARGUMENT', path: 'method' });
  const rec = (await c.findDialrecord({ limit: 60 })).rows.find((r) => r.cdrRecordFile);
  const wav = await fetch(c.recordUrl(rec.cdrRecordFile));
  assert.equal(wav.status, 200);
  const mp3 = await fetch(c.recordMp3Url(rec.cdrId));
  assert.equal(mp3.headers.get('content-type'), 'audio/mpeg');
  assert.equal(c.recordMp3Url(282982852097151), `${sb.url}/voip/api/client/download/record.json?id=282982852097151&ismp3=1`);
  assert.throws(() => c.recordMp3Url('abc'), { code: 'INVALID_ARGUMENT' });
  const big = Array.from({ length: 300 }, (_, i) => ({ phone: String(13100000000 + i), memo: '长长的语音文本'.repeat(3) }));
  await c.addTask({ data: big, addType: 2, name: '大任务' });
  assert.equal(JSON.parse(lastCall().params.data).length, 300, 'sent in a POST form body');
});

test('2.10.4 push parsing from a URL, URLSearchParams or an object', () => {
  const memo = JSON.stringify({ cdrId: '23', cdrExtension: '2323232', cdrTalktime: '15', cdrRecordFile: '201810/17/a.wav', paramvalue: 'k1' });
  const fromUrl = parseBaiBaiHuPush(`http://127.0.0.1/api/voip.json?type=3&phone=13688888888&peer=1&memo=${encodeURIComponent(memo)}`);
  assert.deepEqual(fromUrl, { type: 3, peer: 1, phone: '13688888888', memo: { cdrId: 23, cdrExtension: '2323232', cdrTalktime: 15, cdrRecordFile: '201810/17/a.wav', paramvalue: 'k1' } });
  assert.deepEqual(parseBaiBaiHuPush(new URLSearchParams({ type: '1', peer: '2', phone: '1' })), { type: 1, peer: 2, phone: '1', memo: null });
  assert.equal(parseBaiBaiHuPush({ type: 3, phone: '1', memo: { cdrId: 5 } }).memo.cdrId, 5);
  assert.throws(() => parseBaiBaiHuPush('type=7'), { code: 'INVALID_ARGUMENT', path: 'type' });
  assert.throws(() => parseBaiBaiHuPush('type=3&memo={oops'), { code: 'INVALID_JSON' });
  assert.equal(BAIBAIHU_PUSH_ACK, '{"code":0,"message":"OK"}');
});

test('checks before sending, faults, and the password never shows', async () => {
  const c = client({ timeoutMs: 300 });
  const before = sb.baibaihu.state.log.length;
  await rejects(c.getCustomer({ phone: '1' }), { code: 'INVALID_ARGUMENT', path: 'phone' });
  await rejects(c.smsSend({ memo: 'x' }), { code: 'INVALID_ARGUMENT', path: 'phoneNum' });
  await rejects(c.setCustomerLock({ custId: 1, custIsLock: 2 }), { code: 'INVALID_ARGUMENT', path: 'custIsLock' });
  assert.equal(sb.baibaihu.state.log.length, before, 'nothing was sent');
  assert.throws(() => new BaiBaiHuClient({ baseUrl: sb.url, user: USER }), { code: 'INVALID_ARGUMENT', path: 'password' });
  assert.throws(() => new BaiBaiHuClient({ baseUrl: sb.url, user: USER, passwordMd5: 'abc' }), { code: 'INVALID_ARGUMENT', path: 'passwordMd5' });

  sb.fault({ path: '/voip/api/jsondata.html', kind: 'delay', ms: 1500 });
  await rejects(c.getBlacklists(), { code: 'TIMEOUT' });
  sb.fault({ path: '/voip/api/jsondata.html', kind: 'html' });
  await rejects(c.getBlacklists(), { code: 'BAD_RESPONSE' });
  sb.fault({ path: '/voip/api/jsondata.html', kind: 'api', code: -1 });
  await rejects(c.getBlacklists(), { code: 'API', apiCode: -1, apiName: 'NETWORK_ERROR' });
  sb.fault({ path: '/voip/api/jsondata.html', kind: 'api', code: -14 });
  await rejects(c.getBlacklists(), { code: 'API', apiCode: -14, apiName: 'GROUP_CHECK_FAILED' });
  const retried = [];
  const r = client({ retries: 2, onRetry: (i) => retried.push(i.attempt) });
  sb.fault({ path: '/voip/api/jsondata.html', kind: 'status', status: 503, times: 2 });
  assert.equal((await r.getBlacklists()).code, 0);
  assert.deepEqual(retried, [1, 2]);
  retried.length = 0;
  sb.fault({ path: '/voip/api/jsondata.html', kind: 'status', status: 502 });
  const e = await rejects(r.smsSend({ phoneNum: '13800000001', memo: 'hi' }), { code: 'OUTCOME_UNKNOWN' });
  assert.match(e.message, /SMS/);
  assert.deepEqual(retried, [], 'the SMS was not sent twice');

  const secret = 'pA55-八百呼';
  const s = new BaiBaiHuClient({ baseUrl: sb.url, user: USER, password: secret, retries: 0 });
  const seen = [util.inspect(s, { depth: 5, showHidden: true }), JSON.stringify(s), s.recordUrl('a/b.wav')];
  try {
    await s.getExtension();
  } catch (err) {
    seen.push(err.message, err.stack, util.inspect(err));
  }
  assert.ok(seen.every((t) => !t.includes(secret)));
  assert.ok(!JSON.stringify(sb.baibaihu.state.log).includes(secret), 'the plain password was never sent');
});
