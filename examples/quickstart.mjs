// waihu quickstart (Node): sign a 小A request, build a signed recording URL,
// and encrypt a lead list — all offline, no server needed.
//   make demo        (or: node examples/quickstart.mjs after make build)
import init, { signRequest, downloadUrl, encryptClientInfo, decryptClientInfo, urlHash, WaihuError } from '../pkg/index.mjs';

await init(); // a no-op in Node; required once in browsers

// 1. The login request: `url` is md5(PHP JSON of the other params)[1..9).
const login = signRequest('login', { username: 'xxx', password: 'xxx', from: 2 });
console.log('1. signed login request (POST /api/login, JSON body):');
console.log('  ', JSON.stringify({ ...login, password: '•••' }), '(password redacted here; it is sent as given)');
console.log('   url matches the document (1dbe80df):', login.url === '1dbe80df');

// 2. A recording URL for an <audio> element, from a login session.
const session = { user_sn: 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c', api_key: 'Kpd2vKYC' };
const audio = downloadUrl('http://120.77.61.117:8088', 'cdrDownload', session, {
  recordpath: '/home/record',
  recordfile: '/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3',
});
console.log('\n2. signed recording URL (GET /api/cdrDownload):');
console.log('  ', audio);
console.log('   url matches the document (3e415b12):', new URL(audio).searchParams.get('url') === '3e415b12');

// 3. Leads for addJson, AES-encrypted with the key derived from user_sn.
const rows = [
  { 姓名: '张三', 电话: '13800000001', 地址: '深圳' },
  { 姓名: '李四', 电话: '13800000002', 地址: '上海' },
];
const cipher = encryptClientInfo(rows, session.user_sn);
const addJson = signRequest('addJson', {
  user_sn: session.user_sn,
  api_key: session.api_key,
  project_sn: 'project|8ac1cebd6407f30fb4f618615de41990',
  source: '十一月回访',
  ai_user_sn: 'SYSUSER|7e319be661f57a0a1800eac51b24c811',
  is_zidong: 'on',
  client_info_json: cipher,
  aes: true,
});
console.log('\n3. encrypted lead list (client_info_json):');
console.log('  ', cipher);
console.log('   decrypts back to:', decryptClientInfo(cipher, session.user_sn));
console.log('   signed addJson request, url over the non-excluded params:', addJson.url);

// 4. Mistakes are WaihuErrors with a stable code and a message that says what to fix.
try {
  urlHash({ amount: NaN });
} catch (e) {
  if (!(e instanceof WaihuError)) throw e;
  console.log(`\n4. a bad input: ${e.code} — ${e.message}`);
}
