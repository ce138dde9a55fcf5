// The package bundled the ways web CRMs ship it, each bundle run in Debian's
// Chromium with the browser checks (tests/browser/pages/checks.js):
//   - webpack 5: `new URL('waihu_bg.wasm', import.meta.url)` in the glue is
//     an asset webpack emits by itself: `await init()` needs no argument;
//   - esbuild: the .wasm imported as a URL (`import wasmUrl from
//     'waihu/waihu_bg.wasm'` with the `file` loader), given to init();
//   - Rollup (+ @rollup/plugin-node-resolve): the .wasm copied next to the
//     bundle, where init()'s default URL points.
// (Vite has its own test in package.test.mjs.) docs/bundlers.md says the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import webpack from 'webpack';
import { serveStatic, launchChromium, runPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const CHECKS = 34;
const wasmBytes = fs.statSync(path.join(root, 'pkg', 'web', 'waihu_bg.wasm')).size;
let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** A project with waihu installed and a page whose main.js runs the checks. */
function project(mainSource) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-bundler-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(root, 'pkg'), path.join(dir, 'node_modules', 'waihu'), 'dir');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.copyFileSync(path.join(here, 'pages', 'checks.js'), path.join(dir, 'src', 'checks.js'));
  fs.writeFileSync(path.join(dir, 'src', 'main.js'), mainSource);
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.writeFileSync(path.join(dir, 'dist', 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>\n');
  return dir;
}

const report = `.then((r) => (window.__result = r), (e) => (window.__result = { passed: 0, failures: [String(e && e.stack)] }));\n`;

async function runBundle(dir) {
  const site = await serveStatic(path.join(dir, 'dist'));
  try {
    const { result, logs } = await runPage(browser, `${site.url}/index.html`);
    assert.deepEqual(result.failures, [], logs.join('\n'));
    assert.ok(result.passed >= CHECKS, `only ${result.passed} checks ran`);
  } finally {
    await site.close();
  }
}

test('webpack 5: import init from "waihu"; the .wasm is emitted as an asset and found by init()', async () => {
  const dir = project(`import * as waihu from 'waihu';\nimport { runChecks } from './checks.js';\nrunChecks(waihu, { wasmBytes: ${wasmBytes} })${report}`);
  try {
    const stats = await new Promise((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          context: dir,
          entry: './src/main.js',
          output: { path: path.join(dir, 'dist'), filename: 'main.js', module: true, chunkFormat: 'module' },
          experiments: { outputModule: true },
          target: 'web',
          devtool: false,
          performance: { hints: false },
        },
        (err, s) => (err ? reject(err) : resolve(s)),
      ),
    );
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    assert.ok(
      fs.readdirSync(path.join(dir, 'dist')).some((f) => f.endsWith('.wasm')),
      'webpack emitted the .wasm',
    );
    await runBundle(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('esbuild: the .wasm imported as a URL with the file loader and given to init()', async () => {
  const dir = project(
    `import * as waihu from 'waihu';\nimport wasmUrl from 'waihu/waihu_bg.wasm';\nimport { runChecks } from './checks.js';\nrunChecks(waihu, { initArg: wasmUrl, wasmBytes: ${wasmBytes} })${report}`,
  );
  try {
    await esbuild.build({
      entryPoints: [path.join(dir, 'src', 'main.js')],
      absWorkingDir: dir,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      outdir: path.join(dir, 'dist'),
      loader: { '.wasm': 'file' },
      publicPath: '.',
      logLevel: 'warning',
    });
    await runBundle(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Rollup: the .wasm copied next to the bundle, where init() looks by default', async () => {
  const dir = project(`import init, * as waihu from 'waihu';\nimport { runChecks } from './checks.js';\nvoid init;\nrunChecks(waihu, { wasmBytes: ${wasmBytes} })${report}`);
  try {
    const bundle = await rollup({ input: path.join(dir, 'src', 'main.js'), plugins: [nodeResolve({ browser: true, rootDir: dir })], onwarn: () => {} });
    await bundle.write({ file: path.join(dir, 'dist', 'main.js'), format: 'es' });
    await bundle.close();
    fs.copyFileSync(path.join(dir, 'node_modules', 'waihu', 'web', 'waihu_bg.wasm'), path.join(dir, 'dist', 'waihu_bg.wasm'));
    await runBundle(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
