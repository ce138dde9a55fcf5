// The one recipe that turns a cargo-built .wasm into the package's module:
// wasm-bindgen, then wasm-opt -O3 (binaryen from node_modules). Used by
// scripts/build.mjs (pkg/) and bench/size.mjs (so that `make bench-size`
// measures exactly what `make build` ships).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * wasm-bindgen `input` for `target` ('nodejs' | 'web') into `outDir`
 * (waihu.js + waihu_bg.wasm), optimised unless `opt` is false. Returns the
 * path of the .wasm. The glue gets `__wbg_reset_state`: after a trap,
 * js/api.js replaces the instance with a fresh one (objects of the old
 * instance then refuse to run instead of corrupting the new one).
 */
export function bindgen(input, target, outDir, { opt = true, quiet = false } = {}) {
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  execFileSync('wasm-bindgen', ['--target', target, '--no-typescript', '--experimental-reset-state-function', '--out-dir', outDir, '--out-name', 'waihu', input], { cwd: root, stdio });
  const w = path.join(outDir, 'waihu_bg.wasm');
  if (opt) execFileSync(path.join(root, 'node_modules/.bin/wasm-opt'), ['-O3', '--strip-debug', '--strip-producers', w, '-o', w], { cwd: root, stdio });
  if (!fs.existsSync(w)) throw new Error(`wasm-bindgen wrote no ${w}`);
  return w;
}
