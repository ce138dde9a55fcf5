// The Chromium side of the benchmark: each implementation bundled by Vite
// (minified, the way a web CRM ships it; the size of what a page downloads is
// measured on these bundles), then run in Debian's Chromium through
// playwright-core, interleaved like in Node.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import { serveStatic, launchChromium } from '../tests/browser/harness.mjs';
import { root } from './node.mjs';
import { summarize } from './harness.mjs';

const here = path.join(root, 'bench');

/** Implementation ids in Chromium (node:crypto does not exist there). */
export const BROWSER_IMPLS = ['waihu', 'waihu-core', 'waihu-xiaoa', 'webcrypto', 'crypto-js', 'js-md5', 'hash-wasm', 'noble'];

function entrySource(id) {
  // waihu-core, waihu-xiaoa: waihu's jobs (all 小A) through `waihu/core`
  // (the module without the clients) and `waihu/xiaoa` (小A alone, its client included).
  const waihuLike = id === 'waihu' || id.startsWith('waihu-');
  const impl = JSON.stringify(path.join(here, 'impls', `${waihuLike ? 'waihu' : id}.mjs`));
  if (waihuLike) {
    const spec = id === 'waihu' ? 'waihu' : `waihu/${id.slice(6)}`;
    return `import * as waihu from '${spec}';\nimport { create as make } from ${impl};\nexport const name = '${spec}';\nexport const create = (opts) => make(waihu, opts);\n`;
  }
  return `export { create, name } from ${impl};\n`;
}

function gzipSize(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/**
 * Bundles every implementation into `site/<id>/` and lays out the page.
 * Resolves { site, sizes: { id: { gzip, raw, files } } }.
 */
export async function buildSite(outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const src = path.join(outDir, 'src');
  const site = path.join(outDir, 'site');
  fs.mkdirSync(src, { recursive: true });
  fs.mkdirSync(site, { recursive: true });
  const sizes = {};
  for (const id of BROWSER_IMPLS) {
    const entry = path.join(src, `${id}.mjs`);
    fs.writeFileSync(entry, entrySource(id));
    const dir = path.join(site, id);
    await build({
      configFile: false,
      base: './',
      root: src,
      logLevel: 'error',
      resolve: {
        alias: [
          { find: /^waihu$/, replacement: path.join(root, 'pkg', 'web.mjs') },
          { find: /^waihu\/core$/, replacement: path.join(root, 'pkg', 'core.web.mjs') },
          { find: /^waihu\/xiaoa$/, replacement: path.join(root, 'pkg', 'xiaoa.web.mjs') },
        ],
      },
      build: {
        outDir: dir,
        emptyOutDir: true,
        target: 'es2022',
        modulePreload: false,
        assetsInlineLimit: 0,
        rollupOptions: {
          input: entry,
          preserveEntrySignatures: 'exports-only',
          output: { entryFileNames: 'entry.js', chunkFileNames: '[name]-[hash].js', assetFileNames: '[name]-[hash][extname]' },
        },
      },
    });
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map((f) => path.join(dir, f))
      .filter((f) => fs.statSync(f).isFile());
    sizes[id] = {
      gzip: files.reduce((n, f) => n + gzipSize(f), 0),
      raw: files.reduce((n, f) => n + fs.statSync(f).size, 0),
      files: files.map((f) => path.relative(dir, f)),
    };
  }
  for (const f of ['harness.mjs', 'workloads.mjs', 'page.mjs']) fs.copyFileSync(path.join(here, f), path.join(site, f));
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><meta charset="utf-8"><title>waihu bench</title><script type="module" src="./page.mjs"></script>\n');
  return { site, sizes };
}

async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.__ready === true, null, { timeout: 30_000 });
  return { page, errors };
}

/** Runs the plan in Chromium; resolves { results, init, version }. */
export async function runChromium(site, planName, expected, initSamples, log = () => {}) {
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const version = browser.version();
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${server.url}/index.html`);
    page.on('console', (m) => log(`chromium: ${m.text()}`));
    let results;
    try {
      results = await page.evaluate(([p, e, ids]) => window.runBench(p, e, ids), [planName, expected, BROWSER_IMPLS]);
    } catch (e) {
      e.message += errors.length ? `\npage errors: ${errors.join('\n')}` : '';
      throw e;
    }
    await context.close();
    // window.initOnce in `initSamples` fresh pages.
    const initRuns = async (id, wasmFile) => {
      const runs = [];
      for (let i = 0; i < initSamples; i++) {
        const ctx = await browser.newContext();
        const { page: p } = await openPage(ctx, `${server.url}/index.html`);
        runs.push(await p.evaluate(([x, f]) => window.initOnce(x, f), [id, wasmFile]));
        await ctx.close();
      }
      return runs;
    };
    const init = {};
    const load = {};
    for (const id of BROWSER_IMPLS) {
      const runs = await initRuns(id);
      init[id] = summarize(runs.map((r) => r.init));
      load[id] = summarize(runs.map((r) => r.load));
    }
    // waihu again with its .wasm fetched beforehand (a page that preloads it):
    // compile + instantiate + first call, without the download.
    const initPreloaded = {};
    for (const id of BROWSER_IMPLS.filter((i) => i.startsWith('waihu'))) {
      const wasmFile = fs.readdirSync(path.join(site, id)).find((f) => f.endsWith('.wasm'));
      initPreloaded[id] = summarize((await initRuns(id, wasmFile)).map((r) => r.init));
    }
    return { results, init, load, initPreloaded, version };
  } finally {
    await browser.close();
    await server.close();
  }
}
