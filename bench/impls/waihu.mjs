// waihu: the package this project builds (pkg/). The runner passes the
// module in: pkg/index.mjs in Node, pkg/web.mjs (bundled) in Chromium, where
// it is initialised first.
import { USER_SN, API_KEY, BASE_URL } from '../workloads.mjs';

export const name = 'waihu';
// In Chromium `opts.wasm` may hold the module's bytes, fetched beforehand
// (as a page that preloads it has them): init then measures instantiating
// alone.
export async function create(waihu, opts = {}) {
  if (typeof window !== 'undefined') await waihu.init(opts.wasm);
  const session = { user_sn: USER_SN, api_key: API_KEY };
  return {
    w1: (requests) => requests.map((r) => waihu.urlHash(r)),
    w2: (rows) => waihu.encryptClientInfo(rows, USER_SN),
    w3: (records) => waihu.downloadUrls(BASE_URL, 'cdrDownload', session, records),
    // What a page that renders one player per row does: one call per URL.
    w3one: (records) => records.map((r) => waihu.downloadUrl(BASE_URL, 'cdrDownload', session, r)),
    first: (request) => waihu.urlHash(request),
  };
}
