// Shared by the browser tests: a static file server with CORS and the right
// MIME types, and Debian's Chromium driven by playwright-core (never a
// downloaded browser).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves `root` on 127.0.0.1 (a free port). Resolves { url, close }. */
export function serveStatic(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, rel.endsWith('/') ? rel + 'index.html' : rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(r);
          }),
      });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

/** Headless Debian Chromium with a fresh profile. */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Opens `url`, waits for `window.__result`, returns it (and the console output). */
export async function runPage(browser, url, timeoutMs = 30_000) {
  const page = await browser.newPage();
  const logs = [];
  let failPage;
  const pageFailed = new Promise((_, reject) => (failPage = reject));
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => {
    logs.push(`pageerror: ${e.message}`);
    failPage(new Error(`uncaught error in the page: ${e.message}`));
  });
  pageFailed.catch(() => {});
  try {
    await page.goto(url);
    await Promise.race([page.waitForFunction(() => window.__result !== undefined, null, { timeout: timeoutMs }), pageFailed]);
    return { result: await page.evaluate(() => window.__result), logs };
  } catch (e) {
    e.message += `\nbrowser console:\n${logs.join('\n')}`;
    throw e;
  } finally {
    await page.close();
  }
}
