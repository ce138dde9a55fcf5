// The benchmark page in Chromium (served with the bundles next to it).
import * as w from './workloads.mjs';
import { runAll, inputsFor, PLANS } from './harness.mjs';

async function load(id) {
  const m = await import(`./${id}/entry.js`);
  return { id, name: m.name, impl: await m.create() };
}

window.runBench = async (planName, expected, ids) => {
  const plan = PLANS[planName];
  const impls = [];
  for (const id of ids) impls.push(await load(id));
  return runAll(impls, inputsFor(plan, w), plan, expected, (msg) => console.log(msg));
};

// In a fresh page: `load` = importing the implementation's bundle (fetch +
// parse of its JS); `init` = instantiating it (for waihu: fetching and
// compiling the .wasm) + the first result. With `wasmFile` (waihu), the
// module's bytes are fetched first, untimed — a page that preloads it — and
// `init` is compiling + instantiating + the first result.
window.initOnce = async (id, wasmFile) => {
  const request = w.w1Requests(1)[0];
  const wasm = wasmFile ? await (await fetch(`./${id}/${wasmFile}`)).arrayBuffer() : undefined;
  const t0 = performance.now();
  const m = await import(`./${id}/entry.js`);
  const t1 = performance.now();
  const impl = await m.create(wasm ? { wasm } : undefined);
  await impl.first(request);
  return { load: t1 - t0, init: performance.now() - t1 };
};
window.__ready = true;
