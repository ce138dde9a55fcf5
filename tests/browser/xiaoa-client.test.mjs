// XiaoAClient in Debian Chromium against the sandbox on another origin:
// fetch with CORS, AES, multipart upload, a recording in an <audio> element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launchChromium, runPage } from './harness.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let browser;
let site;
let sb;

before(async () => {
  browser = await launchChromium();
  site = await serveStatic(root);
  sb = await startSandbox();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await sb?.close();
});

test('the 小A client flow in Chromium, cross-origin', async () => {
  const { result, logs } = await runPage(browser, `${site.url}/tests/browser/pages/xiaoa-client.html?sandbox=${encodeURIComponent(sb.url)}`, 60_000);
  assert.deepEqual(result.failures, [], logs.join('\n'));
  assert.equal(result.passed, 16);
  const preflights = sb.requests.filter((r) => r.method === 'OPTIONS').length;
  assert.ok(preflights > 0, 'the page used CORS preflights');
});
