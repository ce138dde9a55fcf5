// The same job in every runtime (Node, Deno, Bun, Cloudflare's workerd):
// sign, encrypt, a download URL, and a XiaoAClient login + read + import
// against the sandbox on loopback. Plain ES module, no imports: each
// runtime's harness passes the package in. The results are compared with
// Node's (tests/js/runtimes.test.mjs).
export async function run(waihu, { baseUrl, username, password }) {
  const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';
  const out = {};
  out.login = waihu.urlHash({ username: 'xxx', password: 'xxx', from: 2 });
  out.signed = waihu.signRequest('addJson', { user_sn: SN, api_key: 'k', project_sn: 'p', source: 's', ai_user_sn: 'a', client_info_json: 'x', aes: true }).url;
  const rows = [
    { 姓名: '张三', 电话: '13800000001', 地址: '深圳/福田' },
    { 姓名: '李四', 电话: '13800000002', 地址: '上海' },
  ];
  out.cipher = waihu.encryptClientInfo(rows, SN);
  out.roundTrip = waihu.decryptClientInfo(out.cipher, SN) === JSON.stringify({ data: rows });
  out.downloadUrl = waihu.downloadUrl('http://120.77.61.117:8088', 'cdrDownload', { user_sn: SN, api_key: 'Kpd2vKYC' }, { recordpath: '/home/record', recordfile: '录音 1.mp3' });
  out.digest = waihu.scccDigest('C2', 1471918933001, 5271, 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762');
  try {
    waihu.urlHash({ n: Number.NaN });
  } catch (e) {
    out.error = { isWaihuError: e instanceof waihu.WaihuError, code: e.code };
  }

  const xa = new waihu.XiaoAClient({ baseUrl, username, password, retries: 0 });
  const session = await xa.login();
  out.session = typeof session.api_key === 'string' && session.api_key.length > 0;
  const [project] = await xa.projects();
  const [ai] = await xa.aiUsers();
  const imported = await xa.importLeads({ project_sn: project.sn, ai_user_sn: ai.user_sn, source: 'runtimes', rows });
  out.imported = { total: imported.total, success: imported.success };
  const { list } = await xa.listTasks({ dial_task_main_sn: imported.dial_task_main_sn });
  out.task = list.length === 1 && String(list[0].dial_task_main_sn) === String(imported.dial_task_main_sn);
  out.logins = xa.loginCount;
  return out;
}
