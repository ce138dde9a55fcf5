// The fault matrix (issue 8): every I/O method of the three clients against
// the sandbox, under each fault — HTTP 500 (an nginx page), an HTML page with
// 200, truncated JSON, an empty body, an answer slower than timeoutMs,
// connection refused, connection reset mid-body. Each must end in its
// documented typed error: reads HTTP / BAD_RESPONSE / TIMEOUT / NETWORK;
// writes OUTCOME_UNKNOWN when the request may have reached the server (and
// NETWORK when it provably did not: refused). Then retries: a read recovers
// from one fault with `retries: 1`; a write is sent exactly once even with
// `retries: 3`. No unhandled rejection, no timer left behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { waihu } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { SCCC_CUSTOMER, SCCC_PASSWORD } from '../../js/sandbox/sccc.mjs';
import { BBH_USER, BBH_PASSWORD } from '../../js/sandbox/baibaihu.mjs';

const { XiaoAClient, ScccClient, BaiBaiHuClient, WaihuError } = waihu;
const TIMEOUT = 120;
const FAULTS = [
  { name: 'HTTP 500 page', fault: { kind: 'status', status: 500 }, read: 'HTTP', write: 'OUTCOME_UNKNOWN' },
  { name: 'HTML with 200', fault: { kind: 'html' }, read: 'BAD_RESPONSE', write: 'OUTCOME_UNKNOWN' },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, read: 'BAD_RESPONSE', write: 'OUTCOME_UNKNOWN' },
  { name: 'empty body', fault: { kind: 'empty' }, read: 'BAD_RESPONSE', write: 'OUTCOME_UNKNOWN' },
  { name: 'slower than timeoutMs', fault: { kind: 'delay', ms: TIMEOUT * 3 }, read: 'TIMEOUT', write: 'OUTCOME_UNKNOWN' },
  { name: 'connection reset mid-body', fault: { kind: 'reset' }, read: 'NETWORK', write: 'OUTCOME_UNKNOWN' },
  { name: 'connection refused', refused: true, read: 'NETWORK', write: 'NETWORK' },
];

let sb;
let deadUrl;
let unhandled = 0;
const onUnhandled = () => unhandled++;
const figures = { cells: 0, byPlatform: {} };

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  sb = await startSandbox();
  // A port that refuses connections: bound, then closed.
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${s.address().port}`;
  await new Promise((r) => s.close(r));
});

after(async () => {
  await sb.close();
  process.off('unhandledRejection', onUnhandled);
  assert.equal(unhandled, 0, 'unhandled promise rejections');
  // Let the sandbox's delayed answers and the clients' aborted requests finish.
  await new Promise((r) => setTimeout(r, TIMEOUT * 4));
  const timers = process.getActiveResourcesInfo().filter((t) => t === 'Timeout');
  assert.deepEqual(timers, [], 'timers left behind');
  console.log(
    `fault matrix: ${figures.cells} method × fault cells (${FAULTS.length} faults; cells per platform ${JSON.stringify(figures.byPlatform)}), each the documented error; retries: reads recovered, writes sent once; 0 unhandled rejections, 0 timers left`,
  );
});

/** Calls a method; iterators (pagers) are asked for their first page. */
function invoke(client, [method, ...args]) {
  const out = client[method](...args);
  if (out && typeof out.next === 'function' && typeof out.then !== 'function') return out.next();
  return out;
}

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return null;
}

/**
 * Runs every (method × fault) cell for one platform. `calls` are
 * [label, write?, [method, ...args]]; `make(baseUrl, extra)` builds a client;
 * `prepare(client)` runs before a fault is queued (小A logs in, so the fault
 * hits the method's own request).
 */
async function matrix(platform, calls, make, prepare, faultPath) {
  let cells = 0;
  for (const f of FAULTS) {
    for (const [label, write, call] of calls) {
      sb.clearFaults();
      const client = make(f.refused ? deadUrl : sb.url, { retries: 0, timeoutMs: TIMEOUT });
      if (!f.refused) {
        await prepare(client);
        sb.fault({ path: faultPath, ...f.fault });
      }
      const e = await failure(invoke(client, call));
      const want = write ? f.write : f.read;
      assert.ok(e instanceof WaihuError, `${platform}.${label} under ${f.name}: ${e ? `${e.constructor.name}: ${e.message}` : 'resolved'}`);
      assert.equal(e.code, want, `${platform}.${label} under ${f.name}: ${e.code} ${e.message}`);
      if (want === 'OUTCOME_UNKNOWN') {
        assert.ok(e.cause instanceof WaihuError, `${platform}.${label}: OUTCOME_UNKNOWN without a cause`);
        assert.match(e.message, /check|compare|list|query|again/i, `${platform}.${label}: no way to check in "${e.message}"`);
      }
      cells++;
    }
  }
  figures.cells += cells;
  figures.byPlatform[platform] = (figures.byPlatform[platform] || 0) + cells;
}

/**
 * Retries: each read recovers from one transient fault with `retries: 1`
 * (jittered backoff, `onRetry` told); each write reaches the server exactly
 * once with `retries: 3`.
 */
async function retries(platform, calls, make, prepare, faultPath, countPath) {
  for (const [label, write, call] of calls) {
    sb.clearFaults();
    const seen = [];
    const client = make(sb.url, { retries: write ? 3 : 1, timeoutMs: 2000, onRetry: (info) => seen.push(info) });
    await prepare(client);
    sb.fault({ path: faultPath, kind: 'status', status: 503 });
    const before = sb.requests.filter((r) => r.path.startsWith(countPath) && r.method !== 'OPTIONS').length;
    const e = await failure(invoke(client, call));
    const sent = sb.requests.filter((r) => r.path.startsWith(countPath) && r.method !== 'OPTIONS').length - before;
    if (write) {
      assert.equal(e && e.code, 'OUTCOME_UNKNOWN', `${platform}.${label}: a write after a 503`);
      assert.equal(sent, 1, `${platform}.${label}: a write was sent ${sent} times`);
      assert.equal(seen.length, 0, `${platform}.${label}: onRetry for a write`);
    } else {
      // The first answer was the fault; the retry may still meet an API error
      // for these sample arguments, but never the transient one again.
      assert.ok(!e || !['HTTP', 'TIMEOUT', 'NETWORK', 'BAD_RESPONSE'].includes(e.code), `${platform}.${label}: not recovered: ${e && e.message}`);
      assert.equal(seen.length, 1, `${platform}.${label}: onRetry calls`);
      assert.equal(sent, 2, `${platform}.${label}: ${sent} requests`);
      assert.ok(seen[0].delayMs >= 0 && seen[0].attempt === 1 && seen[0].error instanceof WaihuError);
    }
  }
}

test('小A: every I/O method × every fault', async () => {
  const helper = new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: 'demo123', retries: 0 });
  const [project] = await helper.projects();
  const [ai] = await helper.aiUsers();
  const times = await helper.callTimes();
  const rows = [{ 姓名: '张三', 电话: '13800000001' }];
  const upload = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  const calls = [
    ['listTasks', false, ['listTasks', {}]],
    ['tasks()', false, ['tasks', { pageSize: 5 }]],
    ['aiUsers', false, ['aiUsers']],
    ['projects', false, ['projects']],
    ['callTimes', false, ['callTimes']],
    ['cdrList', false, ['cdrList', { pageSize: 5 }]],
    ['crmList', false, ['crmList', { pageSize: 5 }]],
    ['crmRecords()', false, ['crmRecords', { pageSize: 5 }]],
    ['callDetail', false, ['callDetail', { accounts_sn: 'account|x', recordpath: '/home/record', recordfile: '/a.mp3', connected_at: '2026-11-01 10:00:00' }]],
    ['templateFields', false, ['templateFields', project.sn]],
    ['operateTask', true, ['operateTask', 1, 'stop']],
    ['saveCallTimes', true, ['saveCallTimes', [{ ...times[0], start_at: '09:00:00' }]]],
    ['setCallback', true, ['setCallback', { open: false, url: 'http://127.0.0.1:9/cb' }]],
    ['importLeads', true, ['importLeads', { project_sn: project.sn, source: 'fault', ai_user_sn: ai.user_sn, rows }]],
    ['importExcel', true, ['importExcel', { project_sn: project.sn, source: 'fault', ai_user_sn: ai.user_sn, upload }]],
  ];
  const make = (baseUrl, extra) => new XiaoAClient({ baseUrl, username: 'demo', password: 'demo123', ...extra });
  const login = (c) => c.login();
  await matrix('小A', calls, make, login, '/api/');
  // login itself: its fault hits the first request.
  await matrix('小A', [['login', false, ['login']]], make, async () => {}, '/api/login');
  await retries('小A', calls, make, login, '/api/', '/api/');
});

test('SCCC: every I/O method × every fault', async () => {
  const calls = [
    ['voiceVerify', true, ['voiceVerify', { callee: '13800000002', verifyCode: '8341' }]],
    ['agentQueryStatus', false, ['agentQueryStatus', { agent: '1000' }]],
    ['agentStatus', false, ['agentStatus', { agent: '1000' }]],
    ['agentInfo', false, ['agentInfo']],
    ['agentLogin', true, ['agentLogin', { agent: '1000' }]],
    ['agentLogout', true, ['agentLogout', { agent: '1000' }]],
    ['agentSetBusy', true, ['agentSetBusy', { agent: '1000' }]],
    ['agentSetIdle', true, ['agentSetIdle', { agent: '1000' }]],
    ['callNumber', true, ['callNumber', { agent: '1001', callee: '13800000001' }]],
    ['hangupCall', true, ['hangupCall', { agent: '1001' }]],
    ['createCallTask', true, ['createCallTask', { agent: '1001', callees: ['13800000011'], mode: 2 }]],
    ['queryCallTask', false, ['queryCallTask', { agent: '1001' }]],
    ['controlCallTask', true, ['controlCallTask', { taskID: '1', action: 'stop' }]],
    ['addCallTaskNumbers', true, ['addCallTaskNumbers', { taskID: '1', agent: '1001', callees: ['13800000013'] }]],
    ['recordsList', false, ['recordsList', { startKey: 0 }]],
    ['records()', false, ['records']],
    ['cdrList', false, ['cdrList', { startTime: '2018-09-10 00:00:00' }]],
    ['batch (reads)', false, ['batch', 'getAgentStatus', [{ agent: '1000' }, { agent: '1001' }]]],
    ['batch (writes)', true, ['batch', 'AgentLogin', [{ agent: '1000' }]]],
  ];
  const make = (baseUrl, extra) => new ScccClient({ baseUrl, customer: SCCC_CUSTOMER, password: SCCC_PASSWORD, ...extra });
  await matrix('SCCC', calls, make, async () => {}, '/openapi/');
  await retries('SCCC', calls, make, async () => {}, '/openapi/', '/openapi/');
});

test('八百呼: every I/O method × every fault', async () => {
  const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0]);
  const calls = [
    ['getExtension', false, ['getExtension']],
    ['getExtensions', false, ['getExtensions']],
    ['sendMsg', true, ['sendMsg', { kind: 1, client: 2, phone: '13800000001', time: 1, lostTime: 0 }]],
    ['recvMsg', false, ['recvMsg', { client: 2, waterLine: 0, limit: 10 }]],
    ['uploadRecordFile', true, ['uploadRecordFile', { fileName: '2024/a.wav', file: wav }]],
    ['addCdrRecord', true, ['addCdrRecord', { dialId: 77, dialPhoneNum: '13800000099', dialStartTime: '2024-01-02 03:04:05', dialSmsSendStatus: 1 }]],
    ['addSmsRecord', true, ['addSmsRecord', { kind: 3, phone: '13800000099', content: '您好', time: 1700000000000 }]],
    ['getTaskDetailPhone', false, ['getTaskDetailPhone']],
    ['saveCustomer', true, ['saveCustomer', { custName: '李四', phones: [{ cpPhone: '13800000777' }] }]],
    ['uploadRecord', true, ['uploadRecord', { cmd: 'channelstatus', satellite: '00:00:00:00:01', status: { diskUsagePercent: '5', channels: [] } }]],
    ['setUserCheckInOut', true, ['setUserCheckInOut', { exten: '100008801', status: 0 }]],
    ['registerExtension', true, ['registerExtension']],
    ['systemChannels', false, ['systemChannels', { CompNumber: '100008' }]],
    ['getChannelList', false, ['getChannelList', { queueSize: 1 }]],
    ['smsSend', true, ['smsSend', { phoneNum: ['13800000001'], memo: '好', listId: 3 }]],
    ['setShowPhone', true, ['setShowPhone', { extension: '100008801', phone: '02368888888' }]],
    ['setIvrDialing', true, ['setIvrDialing', { sourcePhone: '02368888888', descPhone: '13800000001', dialPhone: '8001', saveTimes: 60 }]],
    ['addBlacklists', true, ['addBlacklists', { phones: '13000000000' }]],
    ['delBlacklists', true, ['delBlacklists', { phones: ['13000000000'] }]],
    ['getBlacklists', false, ['getBlacklists']],
    ['callbackPhone', true, ['callbackPhone', { sourcePhone: '02368888888', descPhone: '13800000088' }]],
    ['getCallbackList', false, ['getCallbackList', { start: 0, limit: 2 }]],
    ['callbacks()', false, ['callbacks', { limit: 2 }]],
    ['findDialrecord', false, ['findDialrecord', { start: 0, limit: 20 }]],
    ['dialRecords()', false, ['dialRecords', { limit: 5 }]],
    ['phoneAudit', true, ['phoneAudit', { yzm: '重庆决明科技有限公司', type: 4, phone: '13002367525', isRecord: 2 }]],
    ['getPhoneAudit', false, ['getPhoneAudit', { id: 1 }]],
    ['phoneAudits()', false, ['phoneAudits', { rows: 2 }]],
    ['getAreaPhone', false, ['getAreaPhone', { phone: '02368888888' }]],
    ['sendTelCall', true, ['sendTelCall', { mac: '00:00:00:00:01', channel: 1, phone: '13800000321' }]],
    ['getCustomersPage', false, ['getCustomersPage', { findType: 'custName', sqlwhere: '客户' }]],
    ['customers()', false, ['customers', { findType: 'custName', sqlwhere: '客户', limit: 2 }]],
    ['getCustomer', false, ['getCustomer', { phoneNum: '02388888777' }]],
    ['getTableFields', false, ['getTableFields', { chinesename: 1 }]],
    ['delCustomer', true, ['delCustomer', { custId: 1 }]],
    ['getCodes', false, ['getCodes', { codeType: 'custStatus' }]],
    ['setCustomerLock', true, ['setCustomerLock', { custId: 1, custIsLock: 1 }]],
    ['getCustomerSales', false, ['getCustomerSales', { phoneNum: '13800000777' }]],
    ['setCustomerSales', true, ['setCustomerSales', { custId: 1, status: 1, phone: '13800000777', extension: '100008801' }]],
    ['getMemos', false, ['getMemos', { phoneNum: '13800000777' }]],
    ['memos()', false, ['memos', { phoneNum: '13800000777', limit: 2 }]],
    ['addMemo', true, ['addMemo', { cdrMemo: '跟进', cdrPhone: '13800000777', nhtIsHint: 0 }]],
    ['findCallFlow', false, ['findCallFlow']],
    ['addTask', true, ['addTask', { data: [{ phone: '13800000001' }], addType: 1, name: '外呼', cflName: '流程', sendTime: '2024-01-01 00:00:00', repeatSend: 0 }]],
    ['findTaskMx', false, ['findTaskMx', { cflId: 1, ctkId: 1, start: 0, limit: 3 }]],
    ['taskDetails()', false, ['taskDetails', { cflId: 1, ctkId: 1, limit: 3 }]],
    ['addExtension', true, ['addExtension', { exteExtension: 455, exteName: '王五', extePassword: 'init-pass' }]],
    ['editExtension', true, ['editExtension', { exteId: 1, exteName: '王五五' }]],
    ['delExtension', true, ['delExtension', { exteId: 1 }]],
    ['initExtensionPassword', true, ['initExtensionPassword', { exteId: 1 }]],
    ['call() (a read by name)', false, ['call', 'getBlacklists']],
  ];
  const make = (baseUrl, extra) => new BaiBaiHuClient({ baseUrl, user: BBH_USER, password: BBH_PASSWORD, ...extra });
  await matrix('八百呼', calls, make, async () => {}, '/voip/');
  await retries('八百呼', calls, make, async () => {}, '/voip/', '/voip/');
});
