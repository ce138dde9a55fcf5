#!/usr/bin/env node
// `make bench`: W1, W2 (30k and 300k rows), W3 and init for waihu and, side
// by side in the same process with interleaved rounds, node:crypto, WebCrypto,
// crypto-js, js-md5, hash-wasm and @noble — in Node and in headless Chromium.
// Every output is checked equal to node:crypto's before timing. Prints
// medians, min–max and ratios, the gzip size of what a page downloads, peak
// memory for W2 300k, whole-process start-up, and the targets of issues 15
// and 7; writes
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
import { runNode, nodeInit, nodeCompile, nodeMemory, nodeProcesses, root } from './node.mjs';
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
  'waihu-xiaoa': 'waihu/xiaoa',
  'crypto-js': 'crypto-js',
  'js-md5': 'js-md5',
  'hash-wasm': 'hash-wasm',
  noble: '@noble',
};
const COLUMNS = ['waihu', 'waihu/core', 'waihu/xiaoa', 'node:crypto', 'WebCrypto', 'crypto-js', 'js-md5', 'hash-wasm', '@noble'];

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
    if (name.startsWith('waihu')) continue;
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

/** The fastest JS library of a job (Chromium's reference for W3 per call). */
function fastestLibrary(res) {
  const libs = ['crypto-js', 'js-md5', 'hash-wasm', '@noble'].filter((n) => res && res[n]);
  return libs.reduce((best, n) => (!best || res[n].median < res[best].median ? n : best), null);
}

function targets(node, chromium, sizes, init) {
  const rows = [];
  const add = (issue, what, value, bar, fmt = (v) => `${v.toFixed(2)}×`) => rows.push({ issue, what, value, bar, ok: value <= bar, text: `${fmt(value)} (target ≤ ${fmt(bar)})` });
  const size = (v) => `${v.toFixed(1)} KB`;
  const msf = (v) => `${v.toFixed(1)} ms`;
  // Issue 15: per-call cost, what a page downloads, start-up.
  add(15, 'W1 Node: waihu ÷ node:crypto', ratio(node.w1, 'waihu', 'node:crypto'), 0.7);
  if (chromium) add(15, 'W1 Chromium: waihu ÷ js-md5', ratio(chromium.w1, 'waihu', 'js-md5'), 0.8);
  add(15, 'W3 per call, Node: waihu ÷ node:crypto', ratio(node.w3one, 'waihu', 'node:crypto'), 0.9);
  if (chromium) {
    const lib = fastestLibrary(chromium.w3one);
    add(15, `W3 per call, Chromium: waihu ÷ the fastest JS library (${lib})`, ratio(chromium.w3one, 'waihu', lib), 1);
  }
  add(15, 'W2 30k Node: waihu ÷ node:crypto', ratio(node.w2, 'waihu', 'node:crypto'), 1.5);
  if (sizes && sizes['waihu/xiaoa']) add(15, 'size: a page with only XiaoAClient + the 小A functions (waihu/xiaoa), gzip', sizes['waihu/xiaoa'].gzip / 1024, 80, size);
  if (sizes) add(15, 'size: a page with the whole package (waihu), gzip', sizes.waihu.gzip / 1024, 120, size);
  if (sizes && sizes['waihu/core']) add(15, 'size: a page with waihu/core, gzip', sizes['waihu/core'].gzip / 1024, 50, size);
  if (init.processes) add(15, 'start-up, Node: a process importing waihu and signing − one importing node:crypto and hashing (paired medians)', init.processes.diff.median, 5, msf);
  if (init.chromiumPreloaded) add(15, 'init Chromium, .wasm preloaded (compile + instantiate + first call)', init.chromiumPreloaded.waihu.median, 6, msf);
  // Issue 7's targets that still hold the line.
  add(7, 'W2 300k Node: waihu ÷ node:crypto', ratio(node.w2big, 'waihu', 'node:crypto'), 2);
  if (chromium) add(7, 'W2 30k Chromium: waihu ÷ WebCrypto', ratio(chromium.w2, 'waihu', 'WebCrypto'), 1.5);
  if (chromium) add(7, 'W2 300k Chromium: waihu ÷ WebCrypto', ratio(chromium.w2big, 'waihu', 'WebCrypto'), 1.5);
  add(7, 'W3 (one batch) Node: waihu ÷ node:crypto', ratio(node.w3, 'waihu', 'node:crypto'), 0.9);
  if (init.chromium) add(7, 'init Chromium (fetch of the .wasm + instantiate + first call)', init.chromium.waihu.median, 10, msf);
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
  log('Node start-up: whole processes, paired');
  init.processes = nodeProcesses(plan.init.processes);
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
    init.chromiumPreloaded = Object.fromEntries(Object.entries(c.initPreloaded).map(([k, v]) => [NAMES[k], v]));
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
  md.push(
    `| a whole Node process: import + one sign / hash (${init.processes.waihu.samples} paired runs; waihu − node:crypto ${ms(init.processes.diff.median)} ms) | ${initRow({ waihu: init.processes.waihu, 'node:crypto': init.processes['node-crypto'] })} |`,
  );
  if (init.chromium) md.push(`| init, Chromium: instantiate + first call (a fresh page; waihu: fetching its .wasm included) | ${initRow(init.chromium)} |`);
  if (init.chromiumPreloaded) md.push(`| init, Chromium, the .wasm already fetched (a page that preloads it): compile + instantiate + first call | ${initRow(init.chromiumPreloaded)} |`);
  if (init.chromiumLoad) md.push(`| load, Chromium: import of the bundle's JS (beside init) | ${initRow(init.chromiumLoad)} |`);
  if (sizes) md.push(`| gzip size a page downloads | ${COLUMNS.map((c) => (sizes[c] ? kb(sizes[c].gzip) : '–')).join(' | ')} |`);
  md.push(`| W2 300k peak RSS growth, Node | ${COLUMNS.map((c) => (mem[c] ? `${(mem[c].peakGrowth / 1048576).toFixed(1)} MB` : '–')).join(' | ')} |`);
  const t = targets(node, chromium, sizes, init);
  md.push('\n### Targets\n');
  md.push('| issue | target | measured | |');
  md.push('|---|---|---|---|');
  for (const r of t) md.push(`| ${r.issue} | ${r.what} | ${r.text} | ${r.ok ? 'met' : '**missed**'} |`);
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
