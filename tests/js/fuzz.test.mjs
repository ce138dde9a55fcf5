// Boundary fuzz: random JS values of every kind into every export, in every
// argument position. Each call must return normally or throw a WaihuError
// with a known code — never a wasm trap (RuntimeError) or a stray TypeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waihu, rng, randomJson, randomString } from './helpers.mjs';

const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';
const CALLS = 40_000;

// Values that run user code (Proxies, getters, toJSON): only these may yield
// a WaihuError with a `cause`.
const HOSTILE = Symbol('hostile');

function hostile(v) {
  v[HOSTILE] = true;
  return v;
}

function randomValue(r, depth = 0) {
  switch (r.below(34)) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return r.pick([true, false]);
    case 3:
      return r.pick([0, -0, NaN, Infinity, -Infinity, 1e308, -1e-308, 2 ** 53 + 2, 2 ** 63, -1, 30001, 4294967296]);
    case 4:
      return r.below(2 ** 31) * (r.chance(0.5) ? 1 : -1);
    case 5:
      return BigInt(r.below(1e9)) * 10n ** 20n;
    case 6:
      return randomString(r, 40);
    case 7:
      return r.pick(['', 'addJson', 'cdrDownload', 'exportModel', 'login', SN, 'SYSUSER|', 'http://h', 'http://h/api?x', '/api/index']);
    case 8:
      return 'x'.repeat(r.below(3) === 0 ? 200_000 : 1000) + randomString(r, 5);
    case 9:
      return r.pick(['\ud800', 'a\udc00b', '\udbff\udfff', 'ok']);
    case 10:
      return Symbol('s');
    case 11:
      return () => 1;
    case 12:
      return new Map(Array.from({ length: r.below(4) }, () => [r.pick([randomString(r, 5), 1, {}, null]), randomValue(r, depth + 1)]));
    case 13:
      return new Set([1, 2]);
    case 14:
      return r.pick([new Date(0), new Date(NaN)]);
    case 15:
      return new Uint8Array(r.below(10));
    case 16:
      return new ArrayBuffer(8);
    case 17:
      return new Blob(['x']);
    case 18:
      return Promise.resolve(1);
    case 19:
      return /re/g;
    case 20:
      return new Error('e');
    case 21:
      return Object.create(null);
    case 22:
      return hostile({
        toJSON() {
          throw new Error('toJSON');
        },
      });
    case 23:
      return hostile(
        new Proxy(
          {},
          {
            ownKeys() {
              throw new Error('ownKeys');
            },
            get() {
              throw new Error('get');
            },
          },
        ),
      );
    case 24: {
      let d = 1;
      for (let i = 0, n = r.pick([100, 510, 511, 512, 2000]); i < n; i++) d = r.chance(0.5) ? [d] : { a: d };
      return d;
    }
    case 25: {
      const o = { a: 1 };
      o.o = o;
      return o;
    }
    case 26:
      return Array.from({ length: r.below(4) }, () => [randomString(r, 4), randomValue(r, depth + 1)]);
    case 27:
      return { user_sn: r.pick([SN, 1, null, '', 'SYSUSER|x']), api_key: r.pick(['k', 2, undefined]) };
    case 28:
      return { data: r.pick([[], [{ 姓名: 'a', 电话: '1' }], 'x', null]) };
    case 29:
      return { escapeSlashes: r.pick([true, false, 1]), escapeUnicode: r.pick([undefined, false]), [r.pick(['x', 'escapeLineTerminators'])]: false };
    case 30:
      return new (class Lead {
        constructor() {
          this.姓名 = 'a';
          this.电话 = 1;
        }
      })();
    case 31:
      return new String('boxed');
    default: {
      if (depth > 3) return randomJson(r, 3);
      const o = {};
      for (let i = 0, n = r.below(5); i < n; i++) o[r.pick(['user_sn', 'api_key', 'url', 'recordpath', 'recordfile', 'project_sn', randomString(r, 4)])] = randomValue(r, depth + 1);
      return o;
    }
  }
}

function isHostile(v, seen = new Set()) {
  if (typeof v !== 'object' || v === null || seen.has(v)) return false;
  seen.add(v);
  try {
    if (v[HOSTILE]) return true;
  } catch {
    return true;
  }
  if (v instanceof Map) return [...v].some(([k, x]) => isHostile(k, seen) || isHostile(x, seen));
  try {
    return Object.values(v).some((x) => isHostile(x, seen));
  } catch {
    return true;
  }
}

test(`${CALLS} random calls across every export: no traps, only WaihuErrors with known codes`, () => {
  const r = rng(20261122);
  const exports = [
    ['phpJsonEncode', 2],
    ['urlHash', 2],
    ['signRequest', 3],
    ['downloadUrl', 5],
    ['downloadUrls', 5],
    ['encryptClientInfo', 2],
    ['decryptClientInfo', 2],
    ['scccDigest', 4],
    ['parseTalkInfo', 1],
    ['parsePush', 1],
    ['new XiaoAClient', 1],
    ['verifyScccNotification', 2],
    ['checkLeads', 2],
    ['new ScccClient', 1],
    ['parseBaiBaiHuPush', 1],
    ['new BaiBaiHuClient', 1],
  ];
  const codes = new Set(waihu.errorCodes);
  const tally = { ok: 0, errors: 0, byCode: {} };
  for (let i = 0; i < CALLS; i++) {
    const [name, arity] = exports[i % exports.length];
    const args = Array.from({ length: r.below(arity + 2) }, () => randomValue(r));
    // Half the time, keep the leading arguments plausible so deeper paths run.
    if (r.chance(0.5)) {
      if (name === 'signRequest') args[0] = r.pick(['addJson', 'login', 'index', 'addExcel', 'cdrshow', 'timeSave']);
      if (name === 'downloadUrls') {
        args[0] = 'http://127.0.0.1:1';
        args[1] = r.pick(['cdrDownload', 'cdrFragmentDownload', 'exportModel']);
        args[2] = { user_sn: SN, api_key: 'k' };
        args[3] = Array.from({ length: r.below(4) }, () => randomValue(r));
      }
      if (name === 'downloadUrl') {
        args[0] = 'http://127.0.0.1:1';
        args[1] = r.pick(['cdrDownload', 'cdrFragmentDownload', 'exportModel']);
        args[2] = { user_sn: SN, api_key: 'k' };
      }
      if (name === 'decryptClientInfo' || name === 'encryptClientInfo') args[1] = SN;
    }
    if (name === 'new ScccClient' && r.chance(0.5)) {
      args[0] = {
        baseUrl: r.pick(['http://127.0.0.1:9', args[1]]),
        customer: r.pick(['C2', args[2], 'C 2']),
        password: r.pick(['p', args[3]]),
        [r.pick(['version', 'agent', 'lang', 'debug', 'retries'])]: args[4],
      };
    }
    if (name === 'new BaiBaiHuClient' && r.chance(0.5)) {
      args[0] = {
        baseUrl: r.pick(['http://127.0.0.1:9', args[1]]),
        user: r.pick(['100008800', args[2]]),
        [r.pick(['password', 'passwordMd5'])]: r.pick(['p', args[3], '92868F142BE5DD78DD0ACF4370B4EB94']),
        [r.pick(['retries', 'timeoutMs', 'fetch'])]: args[4],
      };
    }
    if (name === 'verifyScccNotification' && r.chance(0.5)) args[1] = { password: r.pick(['p', args[2]]), [r.pick(['customer', 'maxSkewMs', 'replayWindowMs'])]: args[3] };
    if (name === 'new XiaoAClient' && r.chance(0.5)) {
      args[0] = {
        baseUrl: r.pick(['http://127.0.0.1:9', args[1], 'x']),
        username: r.pick(['u', args[2], '']),
        password: r.pick(['p', args[3]]),
        [r.pick(['timeoutMs', 'retries', 'session', 'json', 'fetch', 'onSession'])]: args[4],
      };
    }
    try {
      if (name === 'new XiaoAClient') new waihu.XiaoAClient(...args);
      else if (name === 'new ScccClient') new waihu.ScccClient(...args);
      else if (name === 'new BaiBaiHuClient') new waihu.BaiBaiHuClient(...args);
      else waihu[name](...args);
      tally.ok++;
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError) && e.code !== 'INTERNAL', `${name} trapped: ${e && e.message}`);
      assert.ok(e instanceof waihu.WaihuError, `${name} threw ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
      assert.ok(codes.has(e.code), `unknown code ${e.code}`);
      assert.equal(typeof e.message, 'string');
      assert.ok(e.message.length > 10, `unhelpful message for ${e.code}: ${e.message}`);
      if (e.cause !== undefined) {
        assert.ok(
          args.some((a) => isHostile(a)),
          `${name}: a cause (${e.cause && e.cause.message}) without hostile input: ${e.message}`,
        );
      }
      tally.errors++;
      tally.byCode[e.code] = (tally.byCode[e.code] || 0) + 1;
    }
  }
  assert.equal(tally.ok + tally.errors, CALLS);
  assert.ok(tally.ok > 300, `too few successful calls (${tally.ok}): the fuzz does not reach deep paths`);
  console.log(`boundary fuzz: ${CALLS} calls, ${tally.ok} returned, ${tally.errors} WaihuErrors ${JSON.stringify(tally.byCode)}, 0 traps`);
});
