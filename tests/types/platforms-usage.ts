// waihu/xiaoa, waihu/sccc, waihu/baibaihu: one platform's functions and
// client, with the same types as `waihu`; the other platforms' classes are
// types only (each @ts-expect-error must be an error).
import initXiaoA, { urlHash, downloadUrl, XiaoAClient, type XiaoASessionKey, ScccClient as NotHere } from 'waihu/xiaoa';
import initSccc, { scccDigest, ScccClient, XiaoAClient as AlsoNotHere } from 'waihu/sccc';
import initBaiBaiHu, { parseBaiBaiHuPush, BaiBaiHuClient, BAIBAIHU_PUSH_ACK, WaihuError } from 'waihu/baibaihu';

async function platforms(): Promise<void> {
  await initXiaoA();
  await initSccc();
  await initBaiBaiHu();
  const key: XiaoASessionKey = { user_sn: 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c', api_key: 'k' };
  const url: string = urlHash({ username: 'xxx', password: 'xxx', from: 2 });
  const link: string = downloadUrl('http://127.0.0.1:8088', 'cdrDownload', key, { recordpath: 'p', recordfile: 'f.mp3' });
  const xa = new XiaoAClient({ baseUrl: 'http://127.0.0.1:8088', username: 'u', password: 'p' });
  const digest: string = scccDigest('C2', 1471918933001, 5271, 'pw');
  const sccc = new ScccClient({ baseUrl: 'http://127.0.0.1:8088', customer: 'C2', password: 'pw' });
  const push = parseBaiBaiHuPush('type=1&peer=2');
  const bbh = new BaiBaiHuClient({ baseUrl: 'http://127.0.0.1:8088', user: 'u', password: 'p' });
  const ack: '{"code":0,"message":"OK"}' = BAIBAIHU_PUSH_ACK;
  const e: unknown = null;
  if (e instanceof WaihuError) console.log(e.code);
  // @ts-expect-error ScccClient is not in waihu/xiaoa
  new NotHere({ baseUrl: 'http://127.0.0.1:8088', customer: 'C2', password: 'pw' });
  // @ts-expect-error XiaoAClient is not in waihu/sccc
  new AlsoNotHere({ baseUrl: 'http://127.0.0.1:8088', username: 'u', password: 'p' });
  console.log(url, link, xa, digest, sccc, push, bbh, ack);
}
void platforms;
