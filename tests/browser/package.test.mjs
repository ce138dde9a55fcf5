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

// Each entry point: how many checks it runs (waihu and waihu/core check every
// platform's functions; a platform's entry its own, and the absence of the others').
const ENTRIES = { waihu: 34, core: 34, xiaoa: 31, sccc: 21, baibaihu: 20 };
const wasmBytes = (entry) => fs.statSync(path.join(root, 'pkg', entry === 'waihu' ? 'web' : `${entry}-web`, 'waihu_bg.wasm')).size;

for (const [entry, checks] of Object.entries(ENTRIES)) {
  const what = entry === 'waihu' ? 'waihu' : `waihu/${entry}`;
  test(`${what}: ES module import with an explicit and with the default .wasm URL; its own module fetched`, async () => {
    const q = `entry=${entry}&bytes=${wasmBytes(entry)}`;
    assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html?${q}`), checks);
    assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html?${q}&default=1`), checks);
  });
}

for (const entry of Object.keys(ENTRIES)) {
  const specifier = entry === 'waihu' ? 'waihu' : `waihu/${entry}`;
  test(`bundled by Vite: '${specifier}' resolved through the exports map, its .wasm emitted as an asset`, () => viteApp(specifier, entry));
}

async function viteApp(specifier, entry) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-vite-'));
  try {
    fs.copyFileSync(path.join(here, 'vite-app', 'index.html'), path.join(dir, 'index.html'));
    const main = fs.readFileSync(path.join(here, 'vite-app', 'main.js'), 'utf8').replace("from 'waihu';", `from '${specifier}';`);
    assert.ok(main.includes(`from '${specifier}'`));
    fs.writeFileSync(path.join(dir, 'main.js'), main.replace('runChecks(waihu)', `runChecks(waihu, { entry: '${entry}', wasmBytes: ${wasmBytes(entry)} })`));
    fs.copyFileSync(path.join(here, 'pages', 'checks.js'), path.join(dir, 'checks.js'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(path.join(root, 'pkg'), path.join(dir, 'node_modules', 'waihu'), 'dir');
    await build({ root: dir, logLevel: 'error', build: { outDir: path.join(dir, 'dist'), emptyOutDir: true } });
    const assets = fs.readdirSync(path.join(dir, 'dist', 'assets'));
    assert.ok(
      assets.some((f) => f.endsWith('.wasm')),
      `no .wasm asset in ${assets}`,
    );
    const dist = await serveStatic(path.join(dir, 'dist'));
    try {
      assertAllPassed(await runPage(browser, `${dist.url}/index.html`), ENTRIES[entry]);
    } finally {
      await dist.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
