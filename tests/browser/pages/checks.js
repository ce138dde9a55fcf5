// Checks run inside Chromium against one of the package's browser entries
// (`entry`: waihu, core, xiaoa, sccc, baibaihu). Returns { passed, failures }
// so the Node side can report what broke. `wasmBytes` is the size of the
// .wasm this entry must have fetched (each entry loads its own module).
const PLATFORM = {
  xiaoa: {
    sync: ['phpJsonEncode', 'urlHash', 'signRequest', 'downloadUrl', 'downloadUrls', 'encryptClientInfo', 'decryptClientInfo', 'parseTalkInfo', 'checkLeads', 'parsePush'],
    client: 'XiaoAClient',
  },
  sccc: { sync: ['scccDigest', 'verifyScccNotification', 'createScccNotificationHandler'], client: 'ScccClient' },
  baibaihu: { sync: ['parseBaiBaiHuPush'], client: 'BaiBaiHuClient' },
};
export async function runChecks(waihu, { initArg, entry = 'waihu', wasmBytes } = {}) {
  const has = (p) => entry === 'waihu' || entry === 'core' || entry === p;
  const failures = [];
  let passed = 0;
  const check = (name, fn) => {
    try {
      const r = fn();
      if (r === false) failures.push(`${name}: false`);
      else passed++;
    } catch (e) {
      failures.push(`${name}: ${e && e.message}`);
    }
  };
  const throwsCode = (fn, code) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof waihu.WaihuError)) throw new Error(`not a WaihuError: ${e}`);
      if (e.code !== code) throw new Error(`code ${e.code}, expected ${code}`);
      return true;
    }
    throw new Error('did not throw');
  };

  const first = has('xiaoa') ? () => waihu.urlHash({ a: 1 }) : has('sccc') ? () => waihu.scccDigest('C2', 1, 1, 'x') : () => waihu.parseBaiBaiHuPush('type=1');
  check('NOT_INITIALIZED before init', () => throwsCode(first, 'NOT_INITIALIZED'));
  await (initArg === undefined ? waihu.default() : waihu.default(initArg));
  await waihu.default(); // idempotent

  const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';
  if (has('xiaoa')) {
    check('login vector', () => waihu.urlHash({ username: 'xxx', password: 'xxx', from: 2 }) === '1dbe80df');
    check(
      'cdrDownload vector',
      () =>
        waihu.urlHash({ user_sn: SN, api_key: 'Kpd2vKYC', recordpath: '/home/record', recordfile: '/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3' }) ===
        '3e415b12',
    );
    check('exportModel vector', () => waihu.urlHash({ user_sn: SN, api_key: '6TRJCuQg', project_sn: 'project|8ac1cebd6407f30fb4f618615de41990' }) === 'fde3faaf');
    check('downloadUrl', () =>
      waihu.downloadUrl('http://h', 'exportModel', { user_sn: SN, api_key: '6TRJCuQg' }, { project_sn: 'project|8ac1cebd6407f30fb4f618615de41990' }).includes('url=fde3faaf&'),
    );
    check('downloadUrl, a URL longer than the buffer', () =>
      waihu.downloadUrl('http://h', 'cdrFragmentDownload', { user_sn: SN, api_key: 'k' }, { recordfile: '录'.repeat(3000) }).endsWith(encodeURIComponent('录'.repeat(3000))),
    );
    check('php json', () => waihu.phpJsonEncode({ a: '/测😀', b: 1e20, c: 216780678204906.12 }) === '{"a":"\\/\\u6d4b\\ud83d\\ude00","b":1.0e+20,"c":216780678204906.12}');
    check('AES round trip', () => {
      const rows = [{ 姓名: '张三', 电话: '13800000000' }];
      const c = waihu.encryptClientInfo(rows, SN);
      return waihu.decryptClientInfo(c, SN) === JSON.stringify({ data: rows });
    });
    check('AES known ciphertext', () => waihu.encryptClientInfo('{"data":[]}', SN) === waihu.encryptClientInfo({ data: [] }, SN));
    check('WaihuError from JS', () => throwsCode(() => waihu.urlHash({ a: NaN }), 'INVALID_NUMBER'));
    check('WaihuError from Rust', () => throwsCode(() => waihu.decryptClientInfo('AAAA', SN), 'BAD_CIPHERTEXT'));
    check('WaihuError is an Error', () => {
      try {
        waihu.encryptClientInfo([], 'nope');
      } catch (e) {
        return e instanceof Error && e.name === 'WaihuError' && e.code === 'INVALID_USER_SN' && typeof e.stack === 'string';
      }
      return false;
    });
    // A browser-side AES check against WebCrypto (the platform's native AES).
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SN.slice(8, 24)), 'AES-CBC', false, ['encrypt']);
    const plain = JSON.stringify({ data: [{ 姓名: '李四', 电话: '13900000000', 地址: '深圳/福田' }] });
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new TextEncoder().encode('1234567890123456') }, key, new TextEncoder().encode(plain)));
    const b64 = btoa(String.fromCharCode(...ct));
    check('AES equals WebCrypto', () => waihu.encryptClientInfo(plain, SN) === b64);
  }
  if (has('sccc')) {
    check('sccc digest', () => waihu.scccDigest('C2', 1471918933001, 5271, 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762') === 'ae62e11cab746436b64a26f4ed8e41a3');
    check('sccc WaihuError', () => throwsCode(() => waihu.verifyScccNotification('{', { customer: 'C2', password: 'x' }), 'INVALID_JSON'));
  }
  if (has('baibaihu')) {
    check('八百呼 push parser', () => JSON.stringify(waihu.parseBaiBaiHuPush('type=1&peer=2&phone=1')) === '{"type":1,"peer":2,"phone":"1","memo":null}');
  }
  // Each entry offers its platforms' functions and clients, and nothing of the others.
  for (const [p, { sync, client }] of Object.entries(PLATFORM)) {
    for (const name of sync) check(`${name} ${has(p) ? 'present' : 'absent'}`, () => (has(p) ? typeof waihu[name] === 'function' : !(name in waihu)));
    const clientHere = entry === 'waihu' || entry === p;
    check(`${client} ${clientHere ? 'present' : 'absent'}`, () => (clientHere ? typeof waihu[client] === 'function' : !(client in waihu)));
  }
  // …and the page fetched this entry's module, and only it.
  const wasmSizes = performance
    .getEntriesByType('resource')
    .filter((e) => /\.wasm($|\?)/.test(e.name))
    .map((e) => e.encodedBodySize);
  check(`the .wasm fetched is ${entry}'s (${wasmSizes.join(', ')} bytes, expected ${wasmBytes})`, () => wasmSizes.length === 1 && (wasmBytes === undefined || wasmSizes[0] === wasmBytes));
  return { passed, failures, version: waihu.version };
}
