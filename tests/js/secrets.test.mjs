// Secret hygiene (issue 8): everything the SDK can emit, captured across the
// flows of all three clients — results, errors (message, stack, cause chain,
// JSON, inspect), console output (SCCC debug mode included), hook arguments,
// util.inspect / JSON.stringify / String of every client, every URL the SDK
// builds — must not contain a password: not the 小A password, not the SCCC
// password, neither the 八百呼 password nor its MD5. On the wire: the 小A
// password only in the login body (never a URL), the SCCC password never (a
// digest instead), the 八百呼 plain password never (its MD5 as sa_password,
// the platform's design).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import util from 'node:util';
import { waihu } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';
import { SCCC_CUSTOMER, SCCC_PASSWORD } from '../../js/sandbox/sccc.mjs';
import { BBH_USER, BBH_PASSWORD } from '../../js/sandbox/baibaihu.mjs';

const { XiaoAClient, ScccClient, BaiBaiHuClient, downloadUrl, downloadUrls } = waihu;
const XIAOA_PASSWORD = 'demo123';
const WRONG = 'wr0ng-Pässwörd-密码';
const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
const SECRETS = {
  '小A password': [XIAOA_PASSWORD, WRONG],
  'SCCC password': [SCCC_PASSWORD, SCCC_PASSWORD.toLowerCase()],
  '八百呼 password': [BBH_PASSWORD, md5(BBH_PASSWORD).toUpperCase(), md5(BBH_PASSWORD), md5(WRONG).toUpperCase()],
};

test('no password in anything the SDK emits, across every flow of the three clients', async () => {
  const sb = await startSandbox();
  const emitted = []; // [where, text]
  const wire = []; // { url, body }
  const emit = (where, v) => emitted.push([where, typeof v === 'string' ? v : util.inspect(v, { depth: Infinity, showHidden: true, getters: true })]);
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
  const saved = consoleMethods.map((m) => console[m]);
  for (const m of consoleMethods) console[m] = (...args) => emit(`console.${m}`, util.format(...args));
  const spy = async (request) => {
    const body = request.method === 'POST' ? await request.clone().text() : '';
    wire.push({ url: request.url, body });
    return fetch(request);
  };
  const errors = [];
  const capture = async (where, f) => {
    try {
      emit(`${where} → result`, JSON.stringify(await f()) ?? 'undefined');
    } catch (e) {
      errors.push([where, e]);
    }
  };
  const hooks = { onRetry: (i) => emit('onRetry', i), onSession: (s) => emit('onSession', s) };
  const clients = [];
  try {
    // ---- 小A ----
    const x = new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: XIAOA_PASSWORD, fetch: spy, retries: 1, ...hooks });
    clients.push(x);
    await capture('xiaoa.login', () => x.login());
    const [project] = await x.projects();
    await capture('xiaoa.listTasks', () => x.listTasks({}));
    await capture('xiaoa.importLeads', () => x.importLeads({ project_sn: project.sn, source: 's', ai_user_sn: 'x', rows: [{ 姓名: 'a', 电话: '13800000001' }] }));
    await capture('xiaoa.operateTask', () => x.operateTask(999999, 'stop'));
    sb.fault({ path: '/api/getAiUsers', kind: 'status', status: 503, times: 3 });
    await capture('xiaoa.aiUsers (503 ×3)', () => x.aiUsers());
    sb.fault({ path: '/api/setCallback', kind: 'html' });
    await capture('xiaoa.setCallback (HTML)', () => x.setCallback({ open: false, url: 'http://127.0.0.1:9/cb' }));
    sb.xiaoa.expireKeys();
    await capture('xiaoa.callTimes (expired key)', () => x.callTimes());
    emit('xiaoa urls', [x.recordingUrl({ recordpath: '/home/record', recordfile: '/a.mp3' }), x.fragmentUrl({ recordfile: '/a.mp3' }), x.templateUrl(project.sn)].join('\n'));
    const sess = JSON.parse(JSON.stringify(await x.login()));
    emit('downloadUrl', downloadUrl(sb.url, 'cdrDownload', sess, { recordpath: '/r', recordfile: 'f' }));
    emit('downloadUrls', downloadUrls(sb.url, 'cdrDownload', sess, [{ recordpath: '/r', recordfile: 'f' }]).join('\n'));
    const bad = new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: WRONG, fetch: spy, retries: 0 });
    clients.push(bad);
    await capture('xiaoa.login (wrong password)', () => bad.login());
    await capture('xiaoa.projects (wrong password)', () => bad.projects());
    const restored = new XiaoAClient({ baseUrl: sb.url, username: 'demo', password: XIAOA_PASSWORD, session: sess, fetch: spy });
    clients.push(restored);
    await capture('xiaoa (restored session)', () => restored.callTimes());

    // ---- SCCC (debug mode logs every request and the server's logs) ----
    const s = new ScccClient({ baseUrl: sb.url, customer: SCCC_CUSTOMER, password: SCCC_PASSWORD, debug: true, fetch: spy, retries: 1, onRetry: hooks.onRetry });
    clients.push(s);
    await capture('sccc.agentLogin', () => s.agentLogin({ agent: '1000' }));
    await capture('sccc.agentStatus', () => s.agentStatus({ agent: '1000' }));
    await capture('sccc.callNumber', () => s.callNumber({ agent: '1001', callee: '13800000001' }));
    await capture('sccc.batch', () => s.batch('getAgentStatus', [{ agent: '1000' }, { agent: '99999999' }]));
    await capture('sccc.recordsList', () => s.recordsList({ startKey: 0 }));
    sb.fault({ path: '/openapi/', kind: 'truncated', times: 2 });
    await capture('sccc.agentInfo (truncated ×2)', () => s.agentInfo());
    sb.fault({ path: '/openapi/', kind: 'status', status: 500 });
    await capture('sccc.hangupCall (500)', () => s.hangupCall({ agent: '1001' }));
    emit('sccc url', s.recordFileUrl('20180910/a.wav'));
    const sBad = new ScccClient({ baseUrl: sb.url, customer: SCCC_CUSTOMER, password: WRONG, debug: true, fetch: spy, retries: 0 });
    clients.push(sBad);
    await capture('sccc (wrong password)', () => sBad.agentInfo());

    // ---- 八百呼 ----
    const b = new BaiBaiHuClient({ baseUrl: sb.url, user: BBH_USER, password: BBH_PASSWORD, fetch: spy, retries: 1, onRetry: hooks.onRetry });
    clients.push(b);
    await capture('bbh.getExtension', () => b.getExtension());
    await capture('bbh.getBlacklists', () => b.getBlacklists());
    await capture('bbh.smsSend (too long)', () => b.smsSend({ phoneNum: ['13800000001'], memo: '好'.repeat(71) }));
    await capture('bbh.call', () => b.call('getExtensions'));
    sb.fault({ path: '/voip/', kind: 'reset' });
    await capture('bbh.addBlacklists (reset)', () => b.addBlacklists({ phones: '13000000000' }));
    sb.fault({ path: '/voip/', kind: 'api', code: -14 });
    await capture('bbh.getCodes (-14)', () => b.getCodes({ codeType: 'custStatus' }));
    emit('bbh urls', [b.recordUrl('2024/a.wav'), b.recordMp3Url('123')].join('\n'));
    const byMd5 = new BaiBaiHuClient({ baseUrl: sb.url, user: BBH_USER, passwordMd5: md5(BBH_PASSWORD).toUpperCase(), fetch: spy });
    clients.push(byMd5);
    await capture('bbh (passwordMd5)', () => byMd5.getExtension());
    const bBad = new BaiBaiHuClient({ baseUrl: sb.url, user: BBH_USER, password: WRONG, fetch: spy, retries: 0 });
    clients.push(bBad);
    await capture('bbh (wrong password)', () => bBad.getExtension());
    // Constructor errors.
    for (const [where, f] of [
      ['new XiaoAClient(bad baseUrl)', () => new XiaoAClient({ baseUrl: 'ftp://x', username: 'u', password: XIAOA_PASSWORD })],
      ['new ScccClient(bad customer)', () => new ScccClient({ baseUrl: sb.url, customer: 'C 2', password: SCCC_PASSWORD })],
      ['new BaiBaiHuClient(bad passwordMd5)', () => new BaiBaiHuClient({ baseUrl: sb.url, user: BBH_USER, passwordMd5: BBH_PASSWORD })],
    ]) {
      try {
        f();
      } catch (e) {
        errors.push([where, e]);
      }
    }
  } finally {
    consoleMethods.forEach((m, i) => {
      console[m] = saved[i];
    });
    await sb.close();
  }

  // Errors, every way they can be shown.
  for (const [where, e] of errors) {
    for (let c = e, depth = 0; c && depth < 5; c = c.cause, depth++) {
      emit(`${where} error`, `${c.message}\n${c.stack}\n${JSON.stringify(c)}\n${String(c)}`);
      emit(`${where} error (inspect)`, c);
    }
  }
  // The clients themselves.
  for (const [i, c] of clients.entries()) {
    emit(`client ${i} inspect`, c);
    emit(`client ${i} JSON`, JSON.stringify(c));
    emit(`client ${i} String`, String(c));
    emit(`client ${i} keys`, [...Object.getOwnPropertyNames(c), ...Object.getOwnPropertySymbols(c).map(String)].join(','));
  }

  let checked = 0;
  for (const [name, values] of Object.entries(SECRETS)) {
    for (const secret of values) {
      for (const [where, text] of emitted) {
        assert.ok(!text.includes(secret), `${name} (${secret.slice(0, 3)}…) in ${where}: ${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 40)}`);
        checked++;
      }
    }
  }
  assert.ok(errors.length >= 12, `the flows produced errors to check (${errors.length})`);
  assert.ok(
    emitted.some(([w]) => w.startsWith('console.')),
    'SCCC debug mode printed something',
  );

  // On the wire.
  const xiaoaLogins = wire.filter((w) => new URL(w.url).pathname === '/api/login');
  for (const w of wire) {
    for (const p of [XIAOA_PASSWORD, WRONG, SCCC_PASSWORD, SCCC_PASSWORD.toLowerCase(), BBH_PASSWORD])
      assert.ok(!w.url.includes(encodeURIComponent(p)) && !w.url.includes(p), `a password in a URL: ${w.url}`);
    assert.ok(!w.body.includes(SCCC_PASSWORD) && !w.body.toLowerCase().includes(SCCC_PASSWORD.toLowerCase()), 'the SCCC password sent');
    assert.ok(!w.body.includes(BBH_PASSWORD), 'the 八百呼 plain password sent');
    if (!xiaoaLogins.includes(w)) assert.ok(!w.body.includes(XIAOA_PASSWORD) && !w.body.includes(WRONG), `the 小A password outside login: ${w.url}`);
  }
  assert.ok(xiaoaLogins.length >= 3 && xiaoaLogins.every((w) => w.body.includes('"password"')), 'the 小A login sends its password in the body');
  const bbh = wire.filter((w) => new URL(w.url).pathname.startsWith('/voip/'));
  assert.ok(
    bbh.length > 5 && bbh.every((w) => /^[0-9A-F]{32}$/.test(new URL(w.url).searchParams.get('sa_password') ?? new URLSearchParams(w.body).get('sa_password') ?? '')),
    '八百呼 sends the MD5 as sa_password',
  );
  console.log(
    `secrets: ${emitted.length} emitted texts (results, ${errors.length} errors with causes, console, hooks, ${clients.length} clients inspected, URLs) × ${Object.values(SECRETS).flat().length} secret forms = ${checked} checks, 0 leaks; ${wire.length} requests on the wire checked`,
  );
});
