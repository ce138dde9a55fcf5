// The npm package in real Chromium: as a <script type="module"> import with
// an explicit .wasm URL, with the default URL, and bundled by Vite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveStatic, launchChromium, runPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
let browser;
let site;

before(async () => {
  browser = await launchChromium();
  site = await serveStatic(root);
});

after(async () => {
  await browser?.close();
  await site?.close();
});

function assertAllPassed({ result, logs }, min) {
  assert.deepEqual(result.failures, [], logs.join('\n'));
  assert.ok(result.passed >= min, `only ${result.passed} checks ran`);
}

test('ES module import with an explicit .wasm URL', async () => {
  assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html`), 13);
});

test('ES module import with the default .wasm URL (next to web.mjs)', async () => {
  assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html?default=1`), 13);
});

test('bundled by Vite: resolved through the exports map, .wasm emitted as an asset', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-vite-'));
  try {
    for (const f of ['index.html', 'main.js']) fs.copyFileSync(path.join(here, 'vite-app', f), path.join(dir, f));
    fs.copyFileSync(path.join(here, 'pages', 'checks.js'), path.join(dir, 'checks.js'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(path.join(root, 'pkg'), path.join(dir, 'node_modules', 'waihu'), 'dir');
    await build({ root: dir, logLevel: 'error', build: { outDir: path.join(dir, 'dist'), emptyOutDir: true } });
    const assets = fs.readdirSync(path.join(dir, 'dist', 'assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm asset in ${assets}`);
    const dist = await serveStatic(path.join(dir, 'dist'));
    try {
      assertAllPassed(await runPage(browser, `${dist.url}/index.html`), 13);
    } finally {
      await dist.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
