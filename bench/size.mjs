#!/usr/bin/env node
// `make bench-size`: where the bytes of the module a page downloads go.
// Builds the wasm once per cargo feature set (the same release profile, and
// scripts/wasm.mjs's wasm-bindgen + wasm-opt as `make build`) into
// target/size/, and prints raw and gzip sizes:
//   - every sync export, no client (signing, AES, PHP JSON, download URLs,
//     push/notification parsing, errors: `--features platforms` alone);
//   - that plus one client at a time (what each client's I/O and the
//     protocol code only it reaches cost);
//   - the package as shipped (all three clients), and what each client adds
//     to it (shipped minus shipped-without-it);
// beside the JS a page downloads with it (pkg/web glue + entry, minified by
// rolldown, Vite's minifier). Writes test-artifacts/bench/size.md.
//
//   node bench/size.mjs     (~3 minutes: fifteen release builds)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { minifySync } from 'rolldown/utils';
import { bindgen } from '../scripts/wasm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = path.join(root, 'target', 'size');
const outDir = path.join(root, 'test-artifacts', 'bench');

const VARIANTS = [
  { id: 'none', title: 'no client (every sync export): waihu/core', features: ['platforms'] },
  { id: 'xiaoa', title: '+ 小A client only', features: ['platforms', 'client-xiaoa'] },
  { id: 'sccc', title: '+ SCCC client only', features: ['platforms', 'client-sccc'] },
  { id: 'baibaihu', title: '+ 八百呼 client only', features: ['platforms', 'client-baibaihu'] },
  { id: 'no-xiaoa', title: 'shipped without the 小A client', features: ['platforms', 'client-sccc', 'client-baibaihu'] },
  { id: 'no-sccc', title: 'shipped without the SCCC client', features: ['platforms', 'client-xiaoa', 'client-baibaihu'] },
  { id: 'no-baibaihu', title: 'shipped without the 八百呼 client', features: ['platforms', 'client-xiaoa', 'client-sccc'] },
  { id: 'all', title: 'as shipped (all three clients): waihu', features: ['platforms', 'clients'] },
  { id: 'sync-xiaoa', title: '小A sync functions alone', features: ['xiaoa'] },
  { id: 'sync-sccc', title: 'SCCC sync functions alone', features: ['sccc'] },
  { id: 'sync-baibaihu', title: '八百呼 sync functions alone', features: ['baibaihu'] },
  { id: 'only-xiaoa', title: '小A alone, its client included: waihu/xiaoa', features: ['client-xiaoa'] },
  { id: 'only-sccc', title: 'SCCC alone, its client included: waihu/sccc', features: ['client-sccc'] },
  { id: 'only-baibaihu', title: '八百呼 alone, its client included: waihu/baibaihu', features: ['client-baibaihu'] },
  { id: 'shared', title: 'no platform (the error class, the buffer: what every module has)', features: [] },
];

const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function build(v) {
  const args = ['build', '--release', '--target', 'wasm32-unknown-unknown', '--no-default-features'];
  if (v.features.length) args.push('--features', v.features.join(','));
  execFileSync('cargo', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CARGO_TARGET_DIR: targetDir } });
  const out = path.join(targetDir, 'bindgen', v.id);
  fs.rmSync(out, { recursive: true, force: true });
  const wasm = fs.readFileSync(bindgen(path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'waihu.wasm'), 'web', out));
  const glue = fs.readFileSync(path.join(out, 'waihu.js'));
  return { raw: wasm.length, gzip: gz(wasm), glueRaw: glue.length, glueGzip: gz(minify(glue.toString())) };
}

/** Minified the way a bundler ships it (Vite's minifier: rolldown/oxc). */
function minify(code) {
  const out = minifySync('waihu.mjs', code);
  if (out.errors.length) throw new Error(`minify: ${out.errors.map((e) => e.message).join('; ')}`);
  return Buffer.from(out.code);
}

const t0 = Date.now();
const r = {};
for (const v of VARIANTS) {
  process.stderr.write(`  building ${v.id} (${v.features.join(', ') || 'no client'})\n`);
  r[v.id] = build(v);
}
const entryOf = (f) => (fs.existsSync(path.join(root, 'pkg', f)) ? gz(minify(fs.readFileSync(path.join(root, 'pkg', f), 'utf8'))) : null);
const PAGES = [
  ['waihu', 'web.mjs', 'all'],
  ['waihu/core', 'core.web.mjs', 'none'],
  ['waihu/xiaoa', 'xiaoa.web.mjs', 'only-xiaoa'],
  ['waihu/sccc', 'sccc.web.mjs', 'only-sccc'],
  ['waihu/baibaihu', 'baibaihu.web.mjs', 'only-baibaihu'],
];

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)}: release profile of Cargo.toml, wasm-bindgen --target web, wasm-opt -O3; gzip -9.`,
  '',
  '| module | .wasm raw | .wasm gzip | wasm-bindgen glue, minified gzip |',
  '|---|---|---|---|',
  ...VARIANTS.map((v) => `| ${v.title} | ${kb(r[v.id].raw)} | ${kb(r[v.id].gzip)} | ${kb(r[v.id].glueGzip)} |`),
  '',
  '| client | alone, over no client (raw / gzip) | in the shipped module: shipped minus shipped-without-it (raw / gzip) |',
  '|---|---|---|',
];
for (const [id, name] of [
  ['xiaoa', '小A'],
  ['sccc', 'SCCC'],
  ['baibaihu', '八百呼'],
]) {
  const alone = { raw: r[id].raw - r.none.raw, gzip: r[id].gzip - r.none.gzip };
  const marginal = { raw: r.all.raw - r[`no-${id}`].raw, gzip: r.all.gzip - r[`no-${id}`].gzip };
  lines.push(`| ${name} | ${kb(alone.raw)} / ${kb(alone.gzip)} | ${kb(marginal.raw)} / ${kb(marginal.gzip)} |`);
}
const shared = r.all.gzip - r.none.gzip - ['xiaoa', 'sccc', 'baibaihu'].reduce((n, id) => n + (r.all.gzip - r[`no-${id}`].gzip), 0);
lines.push(`| shared by the clients (fetch, timeouts, futures → Promises) | | ${kb(shared)} gzip |`);
lines.push('', '| entry point | .wasm gzip | glue + entry, minified gzip | a page downloads (gzip) |', '|---|---|---|---|');
const pages = {};
for (const [name, file, id] of PAGES) {
  const entry = entryOf(file);
  if (entry == null) continue;
  pages[name] = r[id].gzip + r[id].glueGzip + entry;
  lines.push(`| \`${name}\` | ${kb(r[id].gzip)} | ${kb(r[id].glueGzip + entry)} | ${kb(pages[name])} |`);
}
lines.push('', `Reproduce: \`make bench-size\` (${Math.round((Date.now() - t0) / 1000)} s this run).`);

const md = lines.join('\n') + '\n';
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'size.md'), md);
fs.writeFileSync(path.join(outDir, 'size.json'), JSON.stringify({ variants: r, pages }, null, 2) + '\n');
process.stdout.write(md + '\n(written to test-artifacts/bench/size.md)\n');
