// The same job with the package's browser entry imported by path (a runtime
// with fetch and ES modules, no package resolution): `await init()` fetches
// web/waihu_bg.wasm next to web.mjs through a file: URL.
//   deno run --allow-read --allow-net main-web.mjs <pkg/web.mjs URL> <baseUrl>
import { run } from './script.mjs';

const [entry, baseUrl] = Deno.args;
const waihu = await import(entry);
await waihu.default();
console.log(JSON.stringify(await run(waihu, { baseUrl, username: 'demo', password: 'demo123' })));
