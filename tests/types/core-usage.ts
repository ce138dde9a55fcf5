// `waihu/core`: the sync exports with the same types as `waihu`, and no
// client classes as values (each @ts-expect-error must be an error).
import init, { urlHash, downloadUrl, encryptClientInfo, WaihuError, XIAOA_PUSH_ACK, type LeadRow, type XiaoASessionKey, XiaoAClient } from 'waihu/core';

async function core(): Promise<void> {
  await init();
  const url: string = urlHash({ username: 'xxx', password: 'xxx', from: 2 });
  const key: XiaoASessionKey = { user_sn: 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c', api_key: 'k' };
  const link: string = downloadUrl('http://127.0.0.1:8088', 'cdrDownload', key, { recordpath: 'p', recordfile: 'f.mp3' });
  const rows: LeadRow[] = [{ 姓名: '王伟', 电话: '13800000000' }];
  const cipher: string = encryptClientInfo(rows, key.user_sn);
  const ack: 'SUCCESS' = XIAOA_PUSH_ACK;
  const e: unknown = null;
  if (e instanceof WaihuError) console.log(e.code);
  // @ts-expect-error the clients are not in waihu/core
  new XiaoAClient({ baseUrl: 'http://127.0.0.1:8088', username: 'u', password: 'p' });
  console.log(url, link, cipher, ack);
}
void core;
