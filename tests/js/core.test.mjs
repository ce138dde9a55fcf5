// The npm package (pkg/) through its public JS API: both module systems,
// the documents' test vectors (docs/signing.md), php-cli and node:crypto cross-checks, error shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { waihu, pkgDir, rng, phpEncodeLines, randomJson } from './helpers.mjs';

const { urlHash, signRequest, downloadUrl, downloadUrls, phpJsonEncode, encryptClientInfo, decryptClientInfo, WaihuError } = waihu;
const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';

test('require and import both resolve the package by name, through its exports map', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-consumer-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'waihu'), 'dir');
    const cjs = execFileSync(process.execPath, ['-e', "const w = require('waihu'); console.log(w.urlHash({username:'xxx',password:'xxx',from:2}), typeof w.WaihuError)"], { cwd: dir });
    assert.equal(cjs.toString().trim(), '1dbe80df function');
    const esm = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import init, { urlHash, WaihuError } from 'waihu'; await init(); console.log(urlHash({username:'xxx',password:'xxx',from:2}), typeof WaihuError)"],
      { cwd: dir },
    );
    assert.equal(esm.toString().trim(), '1dbe80df function');
    // Both module systems share one instance (one WaihuError class).
    const same = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createRequire } from 'node:module'; import * as m from 'waihu'; const c = createRequire(process.cwd() + '/x.js')('waihu'); console.log(m.WaihuError === c.WaihuError)",
      ],
      { cwd: dir },
    );
    assert.equal(same.toString().trim(), 'true');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// What each subpath offers besides the shared names (in Node, each is the instance of waihu).
const SHARED = ['WaihuError', 'init', 'initSync', 'errorCodes', 'version'];
const XIAOA = ['phpJsonEncode', 'urlHash', 'signRequest', 'downloadUrl', 'downloadUrls', 'encryptClientInfo', 'decryptClientInfo', 'parseTalkInfo', 'checkLeads', 'parsePush', 'XIAOA_PUSH_ACK'];
const SCCC = ['scccDigest', 'verifyScccNotification', 'createScccNotificationHandler'];
const BAIBAIHU = ['parseBaiBaiHuPush', 'BAIBAIHU_PUSH_ACK'];
const SUBPATHS = {
  core: [...SHARED, ...XIAOA, ...SCCC, ...BAIBAIHU],
  xiaoa: [...SHARED, ...XIAOA, 'XiaoAClient'],
  sccc: [...SHARED, ...SCCC, 'ScccClient'],
  baibaihu: [...SHARED, ...BAIBAIHU, 'BaiBaiHuClient'],
};

test('waihu/core, waihu/xiaoa, waihu/sccc, waihu/baibaihu in Node: the instance of waihu, offering exactly their names', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-consumer-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'waihu'), 'dir');
    for (const [sub, want] of Object.entries(SUBPATHS)) {
      const script = (kind) =>
        (kind === 'cjs' ? `const full = require('waihu'); const sub = require('waihu/${sub}');` : `import * as full from 'waihu'; import * as sub from 'waihu/${sub}'; await sub.default();`) +
        "const names = Object.keys(sub).filter((n) => n !== 'default').sort();" +
        'console.log(JSON.stringify({ names, same: names.filter((n) => sub[n] !== full[n]), init: typeof sub.default }))';
      for (const kind of ['cjs', 'esm']) {
        const args = kind === 'cjs' ? ['-e', script(kind)] : ['--input-type=module', '-e', script(kind)];
        const out = JSON.parse(execFileSync(process.execPath, args, { cwd: dir }).toString());
        assert.deepEqual(out, { names: [...want].sort(), same: [], init: 'function' }, `waihu/${sub} (${kind})`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the documents' url vectors through every params shape", () => {
  assert.equal(urlHash({ username: 'xxx', password: 'xxx', from: 2 }), '1dbe80df');
  assert.equal(
    urlHash(
      new Map([
        ['username', 'xxx'],
        ['password', 'xxx'],
        ['from', 2],
      ]),
    ),
    '1dbe80df',
  );
  assert.equal(
    urlHash([
      ['username', 'xxx'],
      ['password', 'xxx'],
      ['from', 2],
    ]),
    '1dbe80df',
  );
  assert.notEqual(urlHash({ username: 'xxx', password: 'xxx', from: '2' }), '1dbe80df');
  assert.equal(urlHash({ username: 'xxx', skipped: undefined, password: 'xxx', alsoSkipped: null, from: 2 }), '1dbe80df');
  const cdr = { user_sn: SN, api_key: 'Kpd2vKYC', recordpath: '/home/record', recordfile: '/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3' };
  assert.equal(urlHash(cdr), '3e415b12');
  assert.equal(
    urlHash({ user_sn: SN, api_key: 'Kpd2vKYC', recordfile: '/home/record/20180419/fenduan_20180419154651_asr_ques_keya_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3' }),
    '229daa6c',
  );
  assert.equal(urlHash({ user_sn: SN, api_key: '6TRJCuQg', project_sn: 'project|8ac1cebd6407f30fb4f618615de41990' }), 'fde3faaf');
  // The md5 of the document's login example.
  assert.equal(crypto.createHash('md5').update('{"username":"xxx","password":"xxx","from":2}').digest('hex'), '21dbe80df90f3be318cb7afda69b4f78');
});

test('a Map or pairs keep integer-like keys where they are; a plain object cannot', () => {
  const pairs = [
    ['b', 1],
    ['1', 2],
  ];
  assert.equal(urlHash(pairs), urlHash(new Map(pairs)));
  assert.notEqual(urlHash(pairs), urlHash({ b: 1, 1: 2 }));
  assert.equal(
    urlHash({ b: 1, 1: 2 }),
    urlHash([
      ['1', 2],
      ['b', 1],
    ]),
  );
});

test('signRequest adds url, drops nulls, applies exclusions, keeps the shape', () => {
  const login = signRequest('login', { username: 'xxx', password: 'xxx', from: 2, extra: undefined });
  assert.deepEqual(login, { url: '1dbe80df', username: 'xxx', password: 'xxx', from: 2 });
  assert.deepEqual(Object.keys(login), ['url', 'username', 'password', 'from']);

  const cipher = encryptClientInfo([{ 姓名: '张三', 电话: '13800000000' }], SN);
  const addJson = signRequest('addJson', { user_sn: SN, api_key: 'k', project_sn: 'p', source: '任务', ai_user_sn: 'a', is_zidong: 'on', client_info_json: cipher, aes: true });
  assert.equal(addJson.url, urlHash({ user_sn: SN, api_key: 'k', project_sn: 'p', ai_user_sn: 'a', is_zidong: 'on' }));
  assert.equal(addJson.client_info_json, cipher);

  const file = new Blob([new Uint8Array([80, 75, 3, 4])]);
  const excel = signRequest('addExcel', { user_sn: SN, api_key: 'k', project_sn: 'p', source: 's', upload: file, ai_user_sn: 'a', mark: 7 });
  assert.equal(excel.upload, file);
  assert.equal(excel.url, urlHash({ user_sn: SN, api_key: 'k', project_sn: 'p', ai_user_sn: 'a', mark: '7' }), 'multipart values are hashed as strings');

  const m = signRequest(
    'login',
    new Map([
      ['username', 'xxx'],
      ['password', 'xxx'],
      ['from', 2],
    ]),
  );
  assert.ok(m instanceof Map);
  assert.deepEqual([...m.keys()], ['url', 'username', 'password', 'from']);
  const p = signRequest('login', [
    ['username', 'xxx'],
    ['password', 'xxx'],
    ['from', 2],
  ]);
  assert.deepEqual(p[0], ['url', '1dbe80df']);

  assert.throws(() => signRequest('operateTask', { user_sn: SN, api_key: 'k', pkeys: 1, oper: 'stop' }), { code: 'INVALID_ARGUMENT', path: 'project_type', endpoint: 'operateTask' });
  assert.throws(
    () => signRequest('cdrList', {}),
    (e) => e.code === 'INVALID_ARGUMENT' && /did you mean "cdrlist"/.test(e.message),
  );
});

test('downloadUrl reproduces the document and encodes like encodeURIComponent', () => {
  const session = { user_sn: SN, api_key: 'Kpd2vKYC' };
  const recordfile = '/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3';
  const u = downloadUrl('http://120.77.61.117:8088', 'cdrDownload', session, { recordpath: '/home/record', recordfile });
  assert.equal(
    u,
    `http://120.77.61.117:8088/api/cdrDownload?url=3e415b12&user_sn=${encodeURIComponent(SN)}&api_key=Kpd2vKYC&recordpath=${encodeURIComponent('/home/record')}&recordfile=${encodeURIComponent(recordfile)}`,
  );
  const parsed = new URL(u);
  assert.deepEqual([...parsed.searchParams.keys()], ['url', 'user_sn', 'api_key', 'recordpath', 'recordfile']);
  assert.equal(parsed.searchParams.get('recordfile'), recordfile);
  const t = downloadUrl(new URL('http://120.77.61.117:8088/'), 'exportModel', { user_sn: SN, api_key: '6TRJCuQg' }, { project_sn: 'project|8ac1cebd6407f30fb4f618615de41990' });
  assert.match(t, /^http:\/\/120\.77\.61\.117:8088\/api\/exportModel\?url=fde3faaf&/);
  const odd = "a b&c=d?e#f/测试😀-_.!~*'()";
  assert.ok(downloadUrl('http://h', 'cdrFragmentDownload', session, { recordfile: odd }).endsWith('&recordfile=' + encodeURIComponent(odd)));
  assert.throws(() => downloadUrl('http://h', 'cdrDownload', { user_sn: SN }, { recordpath: 'a', recordfile: 'b' }), { code: 'NO_SESSION' });
  assert.throws(() => downloadUrl('http://h', 'addJson', session, {}), { code: 'INVALID_ARGUMENT' });
});

test('downloadUrl per row: the remembered base/endpoint/session never outlive a change; long URLs come back whole', () => {
  const session = { user_sn: SN, api_key: 'Kpd2vKYC' };
  const p = { recordpath: '/home/record', recordfile: 'a.mp3' };
  const a = downloadUrl('http://h', 'cdrDownload', session, p);
  // The same session object with another key (a renewed login): a new URL.
  session.api_key = 'NEWKEY01';
  const b = downloadUrl('http://h', 'cdrDownload', session, p);
  assert.notEqual(a, b);
  assert.equal(b, downloadUrls('http://h', 'cdrDownload', { user_sn: SN, api_key: 'NEWKEY01' }, [p])[0]);
  assert.match(b, /&api_key=NEWKEY01&/);
  // Another base, endpoint or escape option: each its own URL.
  assert.match(downloadUrl('http://other:9', 'cdrDownload', session, p), /^http:\/\/other:9\/api\/cdrDownload\?/);
  assert.match(downloadUrl('http://h', 'cdrFragmentDownload', session, { recordfile: 'a.mp3' }), /^http:\/\/h\/api\/cdrFragmentDownload\?/);
  assert.notEqual(
    downloadUrl('http://h', 'cdrDownload', session, { recordpath: '/x', recordfile: '测' }),
    downloadUrl('http://h', 'cdrDownload', session, { recordpath: '/x', recordfile: '测' }, { escapeUnicode: false }),
  );
  // A URL far longer than its input (9 bytes per CJK character) and than the buffer: whole, then the next small one too.
  const long = '录音'.repeat(40000);
  const u = downloadUrl('http://h', 'cdrDownload', session, { recordpath: '/r', recordfile: long });
  assert.ok(u.endsWith('&recordfile=' + encodeURIComponent(long)), 'the whole long URL');
  assert.equal(downloadUrl('http://h', 'cdrDownload', session, p), b);
  // The parts are separated by NUL in the buffer: a NUL in them is refused, not misread.
  assert.throws(() => downloadUrl('http://h\u0000cdrDownload', 'cdrDownload', session, p), { code: 'INVALID_ARGUMENT', path: 'baseUrl' });
  assert.throws(() => downloadUrl('http://h', 'cdrDownload\u0000', session, p), { code: 'INVALID_ARGUMENT', path: 'endpoint' });
  // Values the streamed path leaves to the members path: the same URLs either way.
  const q = { recordpath: '/r', recordfile: 5, extra: null };
  assert.equal(downloadUrl('http://h', 'cdrDownload', session, q), downloadUrls('http://h', 'cdrDownload', session, [q])[0]);
  assert.match(downloadUrl('http://h', 'cdrDownload', session, q), /&recordfile=5$/);
  assert.throws(() => downloadUrl('http://h', 'cdrDownload', session, { recordpath: '/r', recordfile: true }), { code: 'INVALID_ARGUMENT' });
});

test('downloadUrls: the same URLs as downloadUrl for each params object, errors name the row', () => {
  const session = { user_sn: SN, api_key: 'Kpd2vKYC' };
  const list = [
    { recordpath: '/home/record', recordfile: '/20180419/a.mp3' },
    { recordpath: '/home/record/2026', recordfile: "a b&c=d?e#f/测试😀-_.!~*'()", extra: null },
    new Map([
      ['recordpath', '/p'],
      ['recordfile', 12],
    ]),
    [
      ['recordpath', '/q'],
      ['recordfile', 'x.mp3'],
    ],
  ];
  const urls = downloadUrls('http://120.77.61.117:8088/', 'cdrDownload', session, list);
  assert.deepEqual(
    urls,
    list.map((p) => downloadUrl('http://120.77.61.117:8088/', 'cdrDownload', session, p)),
  );
  assert.match(urls[0], /^http:\/\/120\.77\.61\.117:8088\/api\/cdrDownload\?url=[0-9a-f]{8}&user_sn=/);
  const many = Array.from({ length: 2000 }, (_, i) => ({ recordpath: `/r/${i % 7}`, recordfile: `${i}.mp3` }));
  const all = downloadUrls('http://h', 'cdrDownload', session, many);
  assert.equal(all.length, 2000);
  assert.equal(all[1234], downloadUrl('http://h', 'cdrDownload', session, many[1234]));
  assert.deepEqual(downloadUrls('http://h', 'cdrDownload', session, []), []);
  assert.throws(
    () => downloadUrls('http://h', 'cdrDownload', session, [many[0], { recordpath: '/r' }]),
    (e) => e instanceof WaihuError && e.code === 'INVALID_ARGUMENT' && e.row === 1 && e.path === 'params[1].recordfile',
  );
  assert.throws(
    () => downloadUrls('http://h', 'cdrDownload', session, [many[0], { recordpath: '/r', recordfile: NaN }]),
    (e) => e.code === 'INVALID_NUMBER' && e.path === 'params[1].recordfile',
  );
  assert.throws(
    () => downloadUrls('http://h', 'cdrDownload', session, [{ recordpath: '/r', recordfile: 'f', api_key: 'x' }]),
    (e) => e.path === 'params[0].api_key',
  );
  assert.throws(() => downloadUrls('http://h', 'cdrDownload', { user_sn: SN }, many), { code: 'NO_SESSION' });
  assert.throws(() => downloadUrls('http://h', 'cdrDownload', session, many[0]), { code: 'INVALID_ARGUMENT', path: 'params' });
  assert.throws(
    () => downloadUrls('http://h', 'exportModel', session, [{ project_sn: { a: 1 } }]),
    (e) => e.code === 'INVALID_ARGUMENT' && e.path === 'params[0].project_sn',
  );
});

test('the fast checks let nothing through that the full walk refuses', () => {
  // Values the quick `clean` walk must hand to the full check, each refused with its path.
  const cases = [
    [{ a: NaN }, 'INVALID_NUMBER', 'params.a'],
    [{ a: Infinity }, 'INVALID_NUMBER', 'params.a'],
    [{ a: 1n }, 'INVALID_NUMBER', 'params.a'],
    [{ a: () => 1 }, 'INVALID_ARGUMENT', 'params.a'],
    [{ a: Symbol('s') }, 'INVALID_ARGUMENT', 'params.a'],
    [{ a: new Map() }, 'INVALID_ARGUMENT', 'params.a'],
    [{ a: [1, { b: 'x\ud800' }] }, 'INVALID_UNICODE', 'params.a[1].b'],
    [{ 'k\udc00': 1 }, 'INVALID_UNICODE', undefined],
  ];
  for (const [params, code, path] of cases) {
    assert.throws(
      () => urlHash(params),
      (e) => e.code === code && (path === undefined || e.path === path),
      `${code} ${path}`,
    );
    assert.throws(
      () => encryptClientInfo([{ 姓名: 'a', 电话: '1', x: params.a ?? 1, ...params }], SN),
      (e) => e.code === code,
    );
  }
  // What needs no closer look still hashes like before: Dates (toJSON), nested plain data, undefined dropped.
  assert.equal(urlHash({ a: 1, b: undefined, c: { d: [true, null, 'x'] } }), urlHash({ a: 1, c: { d: [true, null, 'x'] } }));
  assert.equal(urlHash({ when: new Date(0) }), urlHash({ when: '1970-01-01T00:00:00.000Z' }));
});

test('phpJsonEncode agrees with php-cli on 2,000 random JS values, escapes on and off', () => {
  const r = rng(7);
  const values = Array.from({ length: 2000 }, () => randomJson(r));
  const lines = values.map((v) => JSON.stringify(v));
  for (const [flags, options] of [
    [0, undefined],
    [64 | 256, { escapeSlashes: false, escapeUnicode: false }],
    [64 | 256 | 2048, { escapeSlashes: false, escapeUnicode: false, escapeLineTerminators: false }],
  ]) {
    const php = phpEncodeLines(lines, flags);
    values.forEach((v, i) => {
      assert.equal(phpJsonEncode(v, options), php[i], `value #${i} ${lines[i]} flags ${flags}`);
    });
  }
  assert.equal(
    phpJsonEncode(
      new Map([
        ['b', 1],
        ['a', '/'],
      ]),
    ),
    '{"b":1,"a":"\\/"}',
  );
  assert.equal(phpJsonEncode(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  assert.equal(phpJsonEncode({ a: {}, b: { 0: 'x', 1: 'y' } }), '{"a":[],"b":["x","y"]}');
});

test('what JSON.stringify would silently corrupt is refused with a path', () => {
  const cases = [
    [{ a: NaN }, 'INVALID_NUMBER', 'value.a'],
    [{ a: [1, Infinity] }, 'INVALID_NUMBER', 'value.a[1]'],
    [{ n: 10n }, 'INVALID_NUMBER', 'value.n'],
    [{ f() {} }, 'INVALID_ARGUMENT', 'value.f'],
    [{ m: new Map() }, 'INVALID_ARGUMENT', 'value.m'],
    [{ b: new Uint8Array(2) }, 'INVALID_ARGUMENT', 'value.b'],
    [{ s: 'ok\ud800' }, 'INVALID_UNICODE', 'value.s'],
    [{ 'k\udc00': 1 }, 'INVALID_UNICODE', 'value'],
    [{ 'a b': [{ x: Symbol('s') }] }, 'INVALID_ARGUMENT', 'value["a b"][0].x'],
  ];
  for (const [v, code, p] of cases) {
    assert.throws(
      () => phpJsonEncode(v),
      (e) => e instanceof WaihuError && e.code === code && e.path.startsWith(p),
      `${p}`,
    );
  }
  const circular = { a: 1 };
  circular.self = circular;
  assert.throws(() => phpJsonEncode(circular), { code: 'TOO_DEEP' });
  let deep = 1;
  for (let i = 0; i < 511; i++) deep = [deep];
  assert.equal(phpJsonEncode(deep).length, 511 * 2 + 1);
  assert.throws(() => phpJsonEncode([deep]), { code: 'TOO_DEEP' });
  assert.throws(() => phpJsonEncode(undefined), { code: 'INVALID_ARGUMENT' });
  assert.throws(
    () => phpJsonEncode({}, { escapeSlash: false }),
    (e) => e.code === 'INVALID_ARGUMENT' && /escapeSlashes/.test(e.message),
  );
  assert.throws(() => phpJsonEncode({}, { escapeSlashes: 'no' }), { code: 'INVALID_ARGUMENT', path: 'options.escapeSlashes' });
});

test('encryptClientInfo is byte-identical to node:crypto and round-trips', () => {
  const r = rng(99);
  for (let i = 0; i < 300; i++) {
    const sn = 'SYSUSER|' + crypto.randomBytes(16).toString('hex');
    const rows = Array.from({ length: r.below(50) }, (_, j) => ({
      姓名: `客户${j}`,
      电话: String(13800000000 + r.below(99999999)),
      地址: r.pick(['深圳', 'a/b', '"q"', '😀']),
      金额: r.below(1000) / 10,
    }));
    const payload = r.pick([rows, { data: rows }, JSON.stringify({ data: rows })]);
    const ours = encryptClientInfo(payload, sn);
    const plain = typeof payload === 'string' ? payload : JSON.stringify(Array.isArray(payload) ? { data: payload } : payload);
    const c = crypto.createCipheriv('aes-128-cbc', Buffer.from(sn.slice(8, 24), 'latin1'), Buffer.from('1234567890123456'));
    assert.equal(ours, Buffer.concat([c.update(plain, 'utf8'), c.final()]).toString('base64'));
    assert.equal(decryptClientInfo(ours, sn), plain);
  }
  assert.throws(() => encryptClientInfo([], 'SYSUSER|short'), { code: 'INVALID_USER_SN' });
  assert.throws(() => encryptClientInfo([], 42), { code: 'INVALID_USER_SN' });
  assert.throws(() => encryptClientInfo(Array(30001).fill({ 姓名: 'a', 电话: '1' }), SN), { code: 'TOO_MANY_ROWS' });
  assert.throws(() => encryptClientInfo('not json', SN), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => decryptClientInfo('AAAA', SN), { code: 'BAD_CIPHERTEXT' });
  assert.throws(() => decryptClientInfo(encryptClientInfo([], SN), 'SYSUSER|0000000000000000ffff'), { code: 'BAD_CIPHERTEXT' });
});

test('big payloads: 30,000 rows, mostly non-ASCII texts past the scratch estimate, the Rust base64 fallback', async () => {
  const nodeRef = (plain, sn) => {
    const c = crypto.createCipheriv('aes-128-cbc', Buffer.from(sn.slice(8, 24), 'latin1'), Buffer.from('1234567890123456'));
    return Buffer.concat([c.update(plain, 'utf8'), c.final()]).toString('base64');
  };
  const rows = Array.from({ length: 30000 }, (_, i) => ({ 姓名: `客户${i}`, 电话: String(13800000000 + i), 备注: i % 3 ? '意向客户回访' : 'a/b' }));
  assert.equal(encryptClientInfo(rows, SN), nodeRef(JSON.stringify({ data: rows }), SN));
  // 3 bytes per character: more than the 1.5 bytes/char first reserved for big texts.
  const cjk = Array.from({ length: 500 }, (_, i) => ({ 姓名: '王'.repeat(200) + i, 电话: '13800000000', 地址: '😀'.repeat(50) }));
  const plain = JSON.stringify({ data: cjk });
  assert.ok(plain.length > 1 << 16 && Buffer.byteLength(plain) > plain.length * 2);
  const ours = encryptClientInfo(cjk, SN);
  assert.equal(ours, nodeRef(plain, SN));
  assert.equal(decryptClientInfo(ours, SN), plain);
  // Runtimes without a native base64 (older browsers) use the module's own.
  const { createRequire } = await import('node:module');
  const glue = createRequire(import.meta.url)(path.join(pkgDir, 'node', 'waihu.js'));
  for (const n of [0, 1, 2, 3, 47, 1000, 65537]) {
    const bytes = crypto.randomBytes(n);
    const ptr = glue.__scratch(n);
    new Uint8Array(glue.__memory().buffer, ptr, n).set(bytes);
    assert.equal(glue.__base64Scratch(n), bytes.toString('base64'), `${n} bytes`);
  }
});

test('WaihuError is a real Error with stable fields', () => {
  let err;
  try {
    urlHash({ a: NaN });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof WaihuError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'WaihuError');
  assert.match(err.stack, /WaihuError: params\.a is NaN/);
  assert.deepEqual(JSON.parse(JSON.stringify(err)), { name: 'WaihuError', code: 'INVALID_NUMBER', message: err.message, path: 'params.a' });
  const fromWasm = (() => {
    try {
      decryptClientInfo('AAAA', SN);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(fromWasm instanceof WaihuError, 'errors raised in Rust are WaihuError instances too');
  for (const c of ['INVALID_ARGUMENT', 'INVALID_NUMBER', 'BAD_CIPHERTEXT', 'INVALID_USER_SN', 'NO_SESSION', 'TOO_DEEP']) {
    assert.ok(waihu.errorCodes.includes(c), c);
  }
  assert.equal(typeof waihu.version, 'string');
});

test('arguments that run user code that throws become WaihuErrors with a cause', () => {
  const hostile = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('nope');
      },
    },
  );
  assert.throws(
    () => urlHash(hostile),
    (e) => e instanceof WaihuError && e.code === 'INVALID_ARGUMENT' && e.cause.message === 'nope',
  );
  const getter = {
    get a() {
      throw new TypeError('boom');
    },
  };
  assert.throws(
    () => phpJsonEncode(getter),
    (e) => e instanceof WaihuError && e.cause instanceof TypeError,
  );
  assert.throws(
    () =>
      phpJsonEncode({
        toJSON() {
          throw new Error('x');
        },
      }),
    { code: 'INVALID_ARGUMENT' },
  );
});

test('the public type definitions never use `any`', () => {
  const dts = fs.readFileSync(path.join(pkgDir, 'index.d.ts'), 'utf8');
  const code = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\bany\b/);
  for (const name of Object.keys(waihu).filter((k) => k !== 'default')) {
    assert.match(code, new RegExp(`\\b(function|class|const) ${name}\\b`), `${name} has no type definition`);
  }
});

test("scccDigest: the document's vector, numbers or strings, parts checked", () => {
  const { scccDigest } = waihu;
  assert.equal(scccDigest('C2', 1471918933001, 5271, 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762'), 'ae62e11cab746436b64a26f4ed8e41a3');
  assert.equal(scccDigest('C2', '1471918933001', '5271', 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762'), 'ae62e11cab746436b64a26f4ed8e41a3');
  assert.equal(scccDigest('C2', 1, 2, 'p'), crypto.createHash('md5').update('C2@1@2@p').digest('hex'));
  assert.throws(() => scccDigest('C2', 1.5, 1, 'p'), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => scccDigest('C 2', 1, 1, 'p'), { code: 'INVALID_ARGUMENT', path: 'customer' });
  assert.throws(() => scccDigest('C2', 1, 1, undefined), { code: 'INVALID_ARGUMENT', path: 'password' });
});
