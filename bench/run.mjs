#!/usr/bin/env node
// `make bench`: W1, W2 (30k and 300k rows), W3 and init for waihu and, side
// by side in the same process with interleaved rounds, node:crypto, WebCrypto,
// crypto-js, js-md5, hash-wasm and @noble — in Node and in headless Chromium.
// Every output is checked equal to node:crypto's before timing. Prints
// medians, min–max and ratios, the gzip size of what a page downloads, peak
// memory for W2 300k, and the targets of issue 7; writes
// test-artifacts/bench/results.{md,json}.
//
//   node bench/run.mjs            the full run (~5 minutes)
//   node bench/run.mjs --smoke    tiny inputs, one round: checks that every
//                                 implementation agrees and the harness runs
//                                 (part of make test; its timings mean nothing)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLANS, JOBS } from './harness.mjs';
import { runNode, nodeInit, nodeCompile, nodeMemory, root } from './node.mjs';
import { buildSite, runChromium } from './browser.mjs';

const args = new Set(process.argv.slice(2));
const planName = args.has('--smoke') ? 'smoke' : 'full';
const plan = PLANS[planName];
const outDir = path.join(root, 'test-artifacts', 'bench');
const quiet = args.has('--quiet');
const log = (m) => quiet || process.stderr.write(`  ${m}\n`);

const NAMES = {
  'node-crypto': 'node:crypto',
  webcrypto: 'WebCrypto',
  waihu: 'waihu',
  'waihu-core': 'waihu/core',
  'crypto-js': 'crypto-js',
  'js-md5': 'js-md5',
  'hash-wasm': 'hash-wasm',
  noble: '@noble',
};
const COLUMNS = ['waihu', 'waihu/core', 'node:crypto', 'WebCrypto', 'crypto-js', 'js-md5', 'hash-wasm', '@noble'];

const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

function cell(s, ref, job) {
  if (!s) return '–';
  const rate = job.id === 'w1' ? ` · ${Math.round((plan.w1.requests * plan.w1.reps) / (s.median / 1000) / 1000)}k/s` : '';
  const ratio = ref ? ` · **${(s.median / ref).toFixed(2)}×**` : '';
  return `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})${rate}${ratio}`;
}

/** The reference of a job: node:crypto in Node, else the fastest library that is not waihu. */
function reference(res, env) {
  if (env === 'node' && res['node:crypto']) return { name: 'node:crypto', median: res['node:crypto'].median };
  let best = null;
  for (const [name, s] of Object.entries(res)) {
    if (name === 'waihu' || name === 'waihu/core') continue;
    if (!best || s.median < best.median) best = { name, median: s.median };
  }
  return best;
}

function table(results, env) {
  const lines = [`| job | ${COLUMNS.join(' | ')} |`, `|---|${COLUMNS.map(() => '---').join('|')}|`];
  for (const job of JOBS) {
    const res = results[job.id];
    const ref = reference(res, env);
    lines.push(`| ${job.title} (ratio to ${ref.name}) | ${COLUMNS.map((c) => cell(res[c], ref.median, job)).join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * "Where W1's time goes": waihu's W1 split into its plain-JS part (stringify
 * + the UTF-8 copy, measured alone) and the rest (waihu's input check, the
 * call, PHP transcoding + MD5 in wasm, the hex back), each against the
 * reference of the target (node:crypto in Node, js-md5 in Chromium).
 */
function w1Profile(p, refName, bar) {
  if (!p || !p.waihu || !p[refName]) return [];
  const ref = p[refName].median;
  const per = (v) => `${((v / (plan.w1.requests * plan.w1.reps)) * 1000).toFixed(2)} µs`;
  const js = p['JSON.stringify + UTF-8 copy'].median;
  const rows = [
    ['JSON.stringify', p['JSON.stringify'].median],
    ['JSON.stringify + UTF-8 copy into a buffer (the JS half of waihu)', js],
    ['the rest of waihu: input check, call, PHP JSON + MD5 in wasm, hex back', p.waihu.median - js],
    ['waihu.urlHash, whole', p.waihu.median],
    [`${refName}, whole (the reference)`, ref],
  ];
  return [
    `| step (per request) | time | ÷ ${refName} |`,
    '|---|---|---|',
    ...rows.map(([what, v]) => `| ${what} | ${per(v)} | ${(v / ref).toFixed(2)}× |`),
    `| target for waihu, whole | | ≤ ${bar.toFixed(2)}× |`,
  ];
}

function ratio(res, a, b) {
  return res[a] && res[b] ? res[a].median / res[b].median : NaN;
}

function targets(node, chromium, sizes, init) {
  const rows = [];
  const add = (what, value, bar, fmt = (v) => `${v.toFixed(2)}×`) => rows.push({ what, value, bar, ok: value <= bar, text: `${fmt(value)} (target ≤ ${fmt(bar)})` });
  add('W1 Node: waihu ÷ node:crypto', ratio(node.w1, 'waihu', 'node:crypto'), 0.8);
  if (chromium) add('W1 Chromium: waihu ÷ js-md5', ratio(chromium.w1, 'waihu', 'js-md5'), 0.7);
  add('W2 30k Node: waihu ÷ node:crypto', ratio(node.w2, 'waihu', 'node:crypto'), 2);
  add('W2 300k Node: waihu ÷ node:crypto', ratio(node.w2big, 'waihu', 'node:crypto'), 2);
  if (chromium) add('W2 30k Chromium: waihu ÷ WebCrypto', ratio(chromium.w2, 'waihu', 'WebCrypto'), 1.5);
  if (chromium) add('W2 300k Chromium: waihu ÷ WebCrypto', ratio(chromium.w2big, 'waihu', 'WebCrypto'), 1.5);
  for (const [env, r] of [
    ['Node', node],
    ['Chromium', chromium],
  ]) {
    if (!r) continue;
    for (const job of ['w2', 'w2big']) add(`W2 ${job === 'w2' ? '30k' : '300k'} ${env}: waihu ÷ crypto-js`, ratio(r[job], 'waihu', 'crypto-js'), 0.1);
  }
  add('W3 Node: waihu ÷ node:crypto', ratio(node.w3, 'waihu', 'node:crypto'), 0.9);
  if (sizes) add('size: what a page downloads (gzip), waihu (all three clients)', sizes.waihu.gzip / 1024, 80, (v) => `${v.toFixed(1)} KB`);
  if (sizes && sizes['waihu/core']) add('size: what a page downloads (gzip), waihu/core (no clients)', sizes['waihu/core'].gzip / 1024, 80, (v) => `${v.toFixed(1)} KB`);
  if (init.node) add('init Node (import + instantiate + first call)', init.node.waihu.median, 10, (v) => `${v.toFixed(1)} ms`);
  if (init.chromium) add('init Chromium (fetch of the .wasm + instantiate + first call)', init.chromium.waihu.median, 10, (v) => `${v.toFixed(1)} ms`);
  if (init.chromium && init.chromium['waihu/core'])
    add('init Chromium, waihu/core (fetch of its .wasm + instantiate + first call)', init.chromium['waihu/core'].median, 10, (v) => `${v.toFixed(1)} ms`);
  if (init.chromiumPreloaded) add('init Chromium, .wasm preloaded (compile + instantiate + first call)', init.chromiumPreloaded.waihu.median, 10, (v) => `${v.toFixed(1)} ms`);
  return rows;
}

async function main() {
  const started = Date.now();
  const env = {
    plan: planName,
    date: new Date().toISOString(),
    cpu: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}`,
    node: process.version,
  };
  log(`Node ${process.version}: ${JOBS.map((j) => j.id).join(', ')} (${planName})`);
  const { results: node, expected } = await runNode(plan, log);
  log('Node init (fresh processes)');
  const init = { node: Object.fromEntries(Object.entries(nodeInit(plan.init.samples)).map(([k, v]) => [NAMES[k], v])) };
  init.nodeCompile = { waihu: nodeCompile(plan.init.samples) };
  log('Node W2 300k peak memory (fresh processes)');
  const mem = Object.fromEntries(Object.entries(nodeMemory(plan.w2big.rows, plan.w2big.chunk || 30_000)).map(([k, v]) => [NAMES[k], v]));

  let chromium = null;
  let sizes = null;
  if (!args.has('--node-only')) {
    log('bundling each implementation with Vite');
    const built = await buildSite(path.join(outDir, 'web'));
    sizes = Object.fromEntries(Object.entries(built.sizes).map(([k, v]) => [NAMES[k], v]));
    log('Chromium');
    const c = await runChromium(built.site, planName, expected, plan.init.samples, log);
    chromium = c.results;
    env.chromium = c.version;
    init.chromium = Object.fromEntries(Object.entries(c.init).map(([k, v]) => [NAMES[k], v]));
    init.chromiumLoad = Object.fromEntries(Object.entries(c.load).map(([k, v]) => [NAMES[k], v]));
    init.chromiumPreloaded = c.initPreloaded;
  }

  const md = [];
  md.push(
    `Measured ${env.date.slice(0, 10)} on ${env.cpu}, Node ${env.node}${env.chromium ? `, Chromium ${env.chromium}` : ''}; plan \`${planName}\`; medians of interleaved rounds (min–max), ratio in bold.`,
  );
  if (planName === 'smoke') md.push('\n**Smoke run: one round on tiny inputs — the outputs were checked, the timings mean nothing.**');
  md.push('\n### Node\n');
  md.push(table(node, 'node'));
  if (chromium) {
    md.push('\n### Chromium\n');
    md.push(table(chromium, 'chromium'));
  }
  md.push("\n### Where W1's time goes\n");
  md.push('Node:\n');
  md.push(...w1Profile(node.w1profile, 'node:crypto', 0.8));
  if (chromium) {
    md.push('\nChromium:\n');
    md.push(...w1Profile(chromium.w1profile, 'js-md5', 0.7));
  }
  md.push('\n### Init (import + instantiate + first call), size, memory\n');
  md.push(`| | ${COLUMNS.join(' | ')} |`);
  md.push(`|---|${COLUMNS.map(() => '---').join('|')}|`);
  const initRow = (r) => COLUMNS.map((c) => (r && r[c] ? `${ms(r[c].median)} ms` : '–')).join(' | ');
  md.push(`| init, Node: import + instantiate + first call (a fresh process) | ${initRow(init.node)} |`);
  md.push(`| of which compiling the .wasm (\`new WebAssembly.Module\`, a fresh process) | ${initRow(init.nodeCompile)} |`);
  if (init.chromium) md.push(`| init, Chromium: instantiate + first call (a fresh page; waihu: fetching its .wasm included) | ${initRow(init.chromium)} |`);
  if (init.chromiumPreloaded) md.push(`| init, Chromium, the .wasm already fetched (a page that preloads it): compile + instantiate + first call | ${initRow(init.chromiumPreloaded)} |`);
  if (init.chromiumLoad) md.push(`| load, Chromium: import of the bundle's JS (beside init) | ${initRow(init.chromiumLoad)} |`);
  if (sizes) md.push(`| gzip size a page downloads | ${COLUMNS.map((c) => (sizes[c] ? kb(sizes[c].gzip) : '–')).join(' | ')} |`);
  md.push(`| W2 300k peak RSS growth, Node | ${COLUMNS.map((c) => (mem[c] ? `${(mem[c].peakGrowth / 1048576).toFixed(1)} MB` : '–')).join(' | ')} |`);
  const t = targets(node, chromium, sizes, init);
  md.push('\n### Targets (issue 7)\n');
  md.push('| target | measured | |');
  md.push('|---|---|---|');
  for (const r of t) md.push(`| ${r.what} | ${r.text} | ${r.ok ? 'met' : '**missed**'} |`);
  md.push(`\nReproduce: \`make bench\` (${Math.round((Date.now() - started) / 1000)} s this run).`);
  const text = md.join('\n');
  fs.mkdirSync(outDir, { recursive: true });
  const base = planName === 'smoke' ? 'smoke' : 'results';
  fs.writeFileSync(path.join(outDir, `${base}.md`), text + '\n');
  fs.writeFileSync(path.join(outDir, `${base}.json`), JSON.stringify({ env, node, chromium, init, sizes, mem, targets: t }, null, 2) + '\n');
  console.log(text);
  console.log(`\n(written to ${path.relative(root, path.join(outDir, base + '.md'))})`);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
