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

const CHECKS = 18;

test('ES module import with an explicit .wasm URL', async () => {
  assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html`), CHECKS);
});

test('ES module import with the default .wasm URL (next to web.mjs)', async () => {
  assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html?default=1`), CHECKS);
});

test('waihu/core: its own small module, every sync export, no clients (explicit and default .wasm URL)', async () => {
  assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html?core=1`), CHECKS);
  assertAllPassed(await runPage(browser, `${site.url}/tests/browser/pages/package.html?core=1&default=1`), CHECKS);
});

for (const specifier of ['waihu', 'waihu/core']) {
  test(`bundled by Vite: '${specifier}' resolved through the exports map, .wasm emitted as an asset`, () => viteApp(specifier));
}

async function viteApp(specifier) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-vite-'));
  try {
    fs.copyFileSync(path.join(here, 'vite-app', 'index.html'), path.join(dir, 'index.html'));
    const main = fs.readFileSync(path.join(here, 'vite-app', 'main.js'), 'utf8').replace("from 'waihu';", `from '${specifier}';`);
    assert.ok(main.includes(`from '${specifier}'`));
    fs.writeFileSync(path.join(dir, 'main.js'), main.replace('runChecks(waihu)', `runChecks(waihu, { core: ${specifier === 'waihu/core'} })`));
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
      assertAllPassed(await runPage(browser, `${dist.url}/index.html`), CHECKS);
    } finally {
      await dist.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
