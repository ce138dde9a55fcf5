// The Node side of the benchmark: every implementation in one process, and
// child processes for init time and W2 300k peak memory (each measured in a
// fresh process).
//
//   node bench/node.mjs init <impl>   prints the ms from import to first result
//   node bench/node.mjs compile waihu   prints the ms of compiling waihu's .wasm
//   node bench/node.mjs mem <impl> <rows> <chunk>   prints peak RSS growth during W2
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as w from './workloads.mjs';
import { runAll, inputsFor, digestOf, summarize } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');

/** Implementation ids (files in bench/impls/), node:crypto first: the reference. */
export const NODE_IMPLS = ['node-crypto', 'waihu', 'webcrypto', 'crypto-js', 'js-md5', 'hash-wasm', 'noble'];

export async function loadImpl(id) {
  const m = await import(pathToFileURL(path.join(here, 'impls', `${id}.mjs`)).href);
  const lib = id === 'waihu' ? await import(pathToFileURL(path.join(root, 'pkg', 'index.mjs')).href) : undefined;
  return { id, name: m.name, impl: await m.create(lib) };
}

/** node:crypto's outputs (digests) for a plan's inputs: the reference everything is checked against. */
export async function expectedFor(input, plan) {
  const ref = (await loadImpl('node-crypto')).impl;
  const { JOBS } = await import('./harness.mjs');
  const out = {};
  for (const job of JOBS) out[job.id] = await digestOf(await job.run(ref, input, plan));
  return out;
}

export async function runNode(plan, log) {
  const impls = [];
  for (const id of NODE_IMPLS) impls.push(await loadImpl(id));
  const input = inputsFor(plan, w);
  const expected = await expectedFor(input, plan);
  const results = await runAll(impls, input, plan, expected, log);
  return { results, expected, input };
}

function child(args) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, 'node.mjs'), ...args], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`node bench/node.mjs ${args.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The ms a child mode reports, over `samples` fresh processes. */
function freshRuns(mode, id, samples) {
  const ms = [];
  for (let i = 0; i < samples; i++) ms.push(child([mode, id]).ms);
  return summarize(ms);
}

/** Init time (ms) per implementation, in fresh processes. */
export function nodeInit(samples) {
  return Object.fromEntries(NODE_IMPLS.map((id) => [id, freshRuns('init', id, samples)]));
}

/** waihu's share of init that is compiling its .wasm: `new WebAssembly.Module` in fresh processes. */
export function nodeCompile(samples) {
  return freshRuns('compile', 'waihu', samples);
}

/**
 * Whole Node processes, paired: one that imports node:crypto and hashes a
 * request, one that imports waihu and signs it (W1's first request), run
 * alternately (the order swapped every pair) so that both see the same
 * machine. Resolves medians of each and of the paired differences (ms).
 */
export function nodeProcesses(samples) {
  const request = JSON.stringify(w.w1Requests(1)[0]);
  const pkgUrl = pathToFileURL(path.join(root, 'pkg', 'index.mjs')).href;
  const scripts = {
    'node-crypto': `import crypto from 'node:crypto'; crypto.createHash('md5').update(JSON.stringify(${request})).digest('hex');`,
    waihu: `import { urlHash } from '${pkgUrl}'; urlHash(${request});`,
  };
  const runs = { 'node-crypto': [], waihu: [] };
  const diffs = [];
  for (let i = 0; i < samples + 1; i++) {
    const t = {};
    for (const id of i % 2 ? ['waihu', 'node-crypto'] : ['node-crypto', 'waihu']) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', scripts[id]], { cwd: root });
      t[id] = performance.now() - t0;
      if (r.status !== 0) throw new Error(`a ${id} process failed: ${r.stderr}`);
    }
    if (i === 0) continue; // the first pair warms the file cache
    runs['node-crypto'].push(t['node-crypto']);
    runs.waihu.push(t.waihu);
    diffs.push(t.waihu - t['node-crypto']);
  }
  return { 'node-crypto': summarize(runs['node-crypto']), waihu: summarize(runs.waihu), diff: summarize(diffs) };
}

/** Peak RSS growth (bytes) while encrypting `rows` rows in chunks, per implementation with W2. */
export function nodeMemory(rows, chunk) {
  const out = {};
  for (const id of NODE_IMPLS) {
    const r = child(['mem', id, String(rows), String(chunk)]);
    if (r.skipped) continue;
    out[id] = r;
  }
  return out;
}

async function childMain([mode, id, rows, chunk]) {
  if (mode === 'init') {
    const request = w.w1Requests(1)[0];
    const t0 = performance.now();
    const { impl } = await loadImpl(id);
    await impl.first(request);
    console.log(JSON.stringify({ ms: performance.now() - t0 }));
    return;
  }
  if (mode === 'compile') {
    const fs = await import('node:fs');
    const bytes = fs.readFileSync(path.join(root, 'pkg', 'node', 'waihu_bg.wasm'));
    const t0 = performance.now();
    new WebAssembly.Module(bytes);
    console.log(JSON.stringify({ ms: performance.now() - t0 }));
    return;
  }
  if (mode === 'mem') {
    const { impl } = await loadImpl(id);
    if (typeof impl.w2 !== 'function') {
      console.log(JSON.stringify({ skipped: true }));
      return;
    }
    const parts = w.chunks(w.w2Rows(Number(rows), 4), Number(chunk));
    await impl.w2(w.w2Rows(100)); // warm the code paths
    globalThis.gc();
    const before = process.memoryUsage().rss;
    const maxBefore = process.resourceUsage().maxRSS * 1024;
    const out = [];
    for (const p of parts) out.push(await impl.w2(p));
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify({ peakGrowth: Math.max(0, peak - Math.max(before, maxBefore)), peakRss: peak, before, outputBytes: out.reduce((n, s) => n + s.length, 0) }));
    return;
  }
  throw new Error(`usage: node bench/node.mjs init|mem <impl> [rows chunk]`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  childMain(process.argv.slice(2)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
