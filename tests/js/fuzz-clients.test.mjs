// Boundary fuzz of the three clients (issue 8): random constructor options
// and random arguments into every method, against an injected fetch that
// answers at random — the platform's own success shapes, errors, HTML, empty
// and cut-off bodies, thrown errors, non-Promises, answers that never come
// (honouring the abort signal or ignoring it). Every call must settle, every
// failure must be a WaihuError with a known code, nothing may trap, no
// rejection may go unhandled, and the process must exit on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waihu, rng, randomString } from './helpers.mjs';

const CALLS = Number(process.env.WAIHU_FUZZ_CLIENT_CALLS || 60_000);
const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';
const FAR = Math.floor(Date.now() / 1000) + 7200;

const ANSWERS = {
  xiaoa: [
    JSON.stringify({ code: 0, msg: '登录成功', data: { user_name: 'u', user_sn: SN, team_name: 't', api_key: 'k1', api_key_expire: FAR } }),
    JSON.stringify({ code: 0, msg: 'ok', data: { list: [{ id: 1 }], total: 3 } }),
    JSON.stringify({ code: 0, msg: 'ok', data: { list: [], total: 0 } }),
    JSON.stringify({ code: 0, msg: 'ok', data: { total: 2, success: 2, fail: 0, out_repeat: 0, dial_task_main_sn: 'DTM1' } }),
    JSON.stringify({ code: 0, msg: 'ok', data: {} }),
    JSON.stringify({ code: 0, msg: 'ok', rst: [] }),
    JSON.stringify({ code: 20005, msg: 'api_key 失效' }),
    JSON.stringify({ code: 30006, msg: '字段不匹配' }),
    JSON.stringify({ code: 10001, msg: 'url 验证失败' }),
  ],
  sccc: [
    JSON.stringify({ result: { error: 0, msg: '' }, data: { response: { seq: '1', result: { error: 0 }, agent: '1001', status: 1 } } }),
    JSON.stringify({ result: { error: 0 }, data: { responses: [{ seq: '1', result: { error: 0 } }] } }),
    JSON.stringify({ result: { error: 0 }, data: { response: { seq: '1', result: { error: 0 }, records: [{ key: 5, filename: 'a.wav' }], total: 1 } } }),
    JSON.stringify({ result: { error: 1, msg: 'auth' } }),
    JSON.stringify({ result: { error: '0xF1000005' } }),
    JSON.stringify({ result: { error: 0 }, data: null }),
  ],
  baibaihu: [
    JSON.stringify({ code: 0, message: '', data: [] }),
    JSON.stringify({ code: 0, message: '', data: { list: [{ id: 1 }], total: 1 }, total: 1 }),
    JSON.stringify({ code: 0, message: 'ok' }),
    JSON.stringify({ code: -2, message: '密码错误' }),
    JSON.stringify({ code: -11, message: '不存在' }),
    JSON.stringify({ code: '0', message: '', data: { extension: '8001' } }),
  ],
  any: ['', '<html><body>502 Bad Gateway</body></html>', '{"code":', 'null', '[]', '{"code":"x"}', '{"result":{}}', 'not json', '\u0000\u0001'],
};

/** A fetch that answers at random (bodies from `pool`). */
function fakeFetch(r, pool) {
  return (request) => {
    const roll = r.below(100);
    if (roll < 3) return Promise.reject(new TypeError('fetch failed', { cause: { code: r.pick(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']) } }));
    if (roll < 4) throw new Error('fetch threw synchronously');
    if (roll < 5) return 'not a promise';
    if (roll < 7) {
      // Never answers, but honours the abort signal like real fetch.
      return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    if (roll < 8) return new Promise(() => {}); // never answers, ignores the signal
    if (roll < 9) return Promise.resolve({ not: 'a Response' });
    const body = r.chance(0.7) ? r.pick(pool) : r.pick(ANSWERS.any);
    const status = r.chance(0.85) ? 200 : r.pick([201, 204, 301, 400, 401, 404, 408, 429, 500, 502, 503]);
    const init = { status, headers: { 'Content-Type': r.pick(['application/json', 'text/html', 'text/plain']) } };
    return Promise.resolve(status === 204 ? new Response(null, init) : new Response(body, init));
  };
}

function plausible(r) {
  return r.pick([
    '13800000000',
    '1001',
    '8001',
    'stop',
    'keepOn',
    'failRe',
    'delete',
    'DTM1',
    'project|abc',
    SN,
    'http://127.0.0.1:9/cb',
    '2026-11-01',
    '2026-11-01 10:00:00',
    'a.wav',
    'getExtension',
    'CallNumber',
    1,
    2,
    10,
    0,
    -1,
    true,
    false,
    undefined,
    null,
    { pageIndex: 1, pageSize: 10 },
    { agent: '1001' },
    { callee: '13800000000', caller: '1001' },
    { phone: '13800000000' },
    { extension: '8001' },
    { start_at: '2026-11-01', end_at: '2026-11-02' },
    { project_sn: 'p', ai_user_sn: 'a', name: 'n' },
    { mode: 2, callees: ['13800000000'] },
    [{ 姓名: '张三', 电话: '13800000000' }],
    [1, 2],
    ['13800000000'],
    { data: [{ 姓名: 'a', 电话: '1' }] },
    new Blob(['PK']),
    new Uint8Array([80, 75]),
    { onProgress: () => {} },
    { cdrId: '12', cdrRecordFile: 'a.wav' },
  ]);
}

function randomArg(r) {
  if (r.chance(0.55)) return plausible(r);
  switch (r.below(12)) {
    case 0:
      return randomString(r, 30);
    case 1:
      return NaN;
    case 2:
      return 10n;
    case 3:
      return Symbol('s');
    case 4:
      return () => 1;
    case 5:
      return new Map([['a', 1]]);
    case 6:
      return '\ud800';
    case 7:
      return 'x'.repeat(5000);
    case 8:
      return {
        toJSON() {
          throw new Error('toJSON');
        },
      };
    case 9:
      return new Proxy(
        {},
        {
          get() {
            throw new Error('get');
          },
          ownKeys() {
            throw new Error('ownKeys');
          },
        },
      );
    case 10:
      return [[1, [2, [3]]], { a: { b: { c: {} } } }];
    default:
      return {};
  }
}

const methodsOf = (C) =>
  Object.entries(Object.getOwnPropertyDescriptors(C.prototype))
    .filter(([m, d]) => m !== 'constructor' && typeof d.value === 'function')
    .map(([m]) => m);
const METHODS = { xiaoa: methodsOf(waihu.XiaoAClient), sccc: methodsOf(waihu.ScccClient), baibaihu: methodsOf(waihu.BaiBaiHuClient) };

function makeClient(kind, r) {
  const common = { fetch: fakeFetch(r, ANSWERS[kind]), timeoutMs: r.pick([15, 30, 60]), retries: r.pick([0, 0, 1]) };
  if (r.chance(0.2))
    common.onRetry = r.pick([
      () => {},
      () => {
        throw new Error('hook threw');
      },
    ]);
  if (kind === 'xiaoa') return new waihu.XiaoAClient({ baseUrl: 'http://127.0.0.1:9', username: 'u', password: 'secret-pw', ...common });
  if (kind === 'sccc') return new waihu.ScccClient({ baseUrl: 'http://127.0.0.1:9', customer: 'C2', password: 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762', agent: '1001', ...common });
  return new waihu.BaiBaiHuClient({ baseUrl: 'http://127.0.0.1:9', user: '100008800', password: 'secret-pw', ...common });
}

test(`${CALLS} random calls into every method of the three clients: all settle, only WaihuErrors, no traps, nothing unhandled`, async () => {
  const r = rng(0x5eed);
  const codes = new Set(waihu.errorCodes);
  let unhandled = 0;
  const onUnhandled = () => unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const warn = console.warn;
  console.warn = () => {}; // hooks that throw are reported with console.warn
  const clients = { xiaoa: [], sccc: [], baibaihu: [] };
  for (const kind of Object.keys(clients)) for (let i = 0; i < 12; i++) clients[kind].push(makeClient(kind, r));
  const tally = { resolved: 0, rejected: 0, thrown: 0, byCode: {}, methods: new Set() };
  const check = (e, where) => {
    assert.ok(!(e instanceof WebAssembly.RuntimeError) && e.code !== 'INTERNAL', `${where} trapped: ${e && e.message}`);
    assert.ok(e instanceof waihu.WaihuError, `${where}: ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    assert.ok(codes.has(e.code), `${where}: unknown code ${e.code}`);
    assert.ok(!/secret-pw/.test(e.message + (e.stack || '')), `${where}: the password in an error`);
    tally.byCode[e.code] = (tally.byCode[e.code] || 0) + 1;
  };
  const BATCH = 2000;
  try {
    for (let done = 0; done < CALLS; done += BATCH) {
      const pending = [];
      for (let i = 0; i < BATCH && done + i < CALLS; i++) {
        const kind = r.pick(['xiaoa', 'sccc', 'baibaihu']);
        const client = r.chance(0.02) ? makeClient(kind, r) : r.pick(clients[kind]);
        const method = r.pick(METHODS[kind]);
        tally.methods.add(`${kind}.${method}`);
        const args = Array.from({ length: r.below(4) }, () => randomArg(r));
        const where = `${kind}.${method}`;
        let out;
        try {
          out = client[method](...args);
        } catch (e) {
          check(e, where);
          tally.thrown++;
          continue;
        }
        // Async iterators (pagers): take up to two pages.
        if (out && typeof out.next === 'function' && typeof out.then !== 'function') {
          const it = out;
          out = it.next().then((first) => (first.done || r.chance(0.5) ? first : it.next()));
        }
        if (out && typeof out.then === 'function') {
          pending.push(
            out.then(
              () => tally.resolved++,
              (e) => {
                check(e, where);
                tally.rejected++;
              },
            ),
          );
        } else {
          tally.resolved++;
        }
      }
      await Promise.all(pending);
    }
    // Let late rejections (if any) surface before counting.
    await new Promise((res) => setTimeout(res, 100));
  } finally {
    process.off('unhandledRejection', onUnhandled);
    console.warn = warn;
  }
  assert.equal(unhandled, 0, 'unhandled rejections');
  assert.equal(tally.resolved + tally.rejected + tally.thrown, CALLS);
  assert.ok(tally.resolved > CALLS / 50, `too few calls got through (${tally.resolved}): the fuzz does not reach the network paths`);
  const all = Object.values(METHODS).reduce((n, m) => n + m.length, 0);
  assert.equal(tally.methods.size, all, 'every method was called');
  console.log(
    `client fuzz: ${CALLS} calls over ${all} methods: ${tally.resolved} resolved, ${tally.rejected} rejected, ${tally.thrown} thrown, 0 traps, 0 unhandled; codes ${JSON.stringify(tally.byCode)}`,
  );
});
