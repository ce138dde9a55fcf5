// tests/runtimes/script.mjs in a Cloudflare Worker (workerd): `import … from
// 'waihu'` with no init call — the bundler picks the package's `workerd`
// entry, which imports the .wasm as a module. GET /?base=<sandbox URL> runs
// the job and answers its results as JSON.
import * as waihu from 'waihu';
import { run } from './script.mjs';

export default {
  async fetch(request) {
    const base = new URL(request.url).searchParams.get('base');
    try {
      return Response.json(await run(waihu, { baseUrl: base, username: 'demo', password: 'demo123' }));
    } catch (e) {
      return new Response(String((e && e.stack) || e), { status: 500 });
    }
  },
};
