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

// Init: from the start of the import to the first result, in a fresh page.
window.initOnce = async (id) => {
  const request = w.w1Requests(1)[0];
  const t0 = performance.now();
  const { impl } = await load(id);
  await impl.first(request);
  return performance.now() - t0;
};
window.__ready = true;
