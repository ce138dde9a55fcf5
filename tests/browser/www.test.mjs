// The web CRM console (www/) end to end in Debian Chromium, driven by
// playwright-core with a fresh profile: login → import 100 CSV rows
// encrypted → the task appears → resume → records appear → a recording plays
// → the transcript shows → delete the task; a wrong password and a server
// fault show their error. A full-page screenshot of each screen goes to
// test-artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness.mjs';
import { startDemo } from '../../scripts/demo.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test-artifacts', 'www');
let demo;
let context;
let profile;

before(async () => {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  demo = await startDemo({ port: 0, sandboxPort: 0 });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    locale: 'zh-CN',
  });
});

after(async () => {
  await context?.close();
  await demo?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

test('the console, end to end', { timeout: 120_000 }, async () => {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const shot = (name) => page.screenshot({ path: path.join(shots, name), fullPage: true });
  const byId = (id) => page.getByTestId(id);
  const errorText = async () => ((await byId('error').isVisible()) ? byId('error').innerText() : '');

  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await byId('base-url').inputValue(), demo.sandbox.url, 'the console points at the sandbox by default');
  await shot('01-login.png');

  // A wrong password shows the platform's code.
  await byId('username').fill('demo');
  await byId('password').fill('wrong-password');
  await byId('login').click();
  await byId('error').waitFor();
  const wrong = await errorText();
  assert.match(wrong, /API 20004 BAD_CREDENTIALS/);
  assert.match(wrong, /用户名或者密码错误/);
  assert.ok(!wrong.includes('wrong-password'));
  await shot('02-login-error.png');

  await byId('password').fill('demo123');
  await byId('login').click();
  await byId('session').waitFor();
  assert.match(await byId('key-expiry').innerText(), /剩余 [12] 小时/);
  assert.match(await byId('who').innerText(), /demo/);
  await shot('03-login-session.png');

  // Import 100 CSV rows, encrypted.
  await byId('nav-import').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=project]').options.length > 0);
  const csv = ['姓名,电话,地址', ...Array.from({ length: 100 }, (_, i) => `客户${i + 1},${13600000001 + i},"杭州, 西湖区"`)].join('\n');
  await byId('csv').fill(csv);
  await page.waitForSelector('[data-testid=preview-summary]');
  assert.match(await byId('preview-summary').innerText(), /共 100 行，检查通过/);
  assert.ok(await byId('encrypt').isChecked());
  await byId('import').click();
  await byId('import-result').waitFor();
  assert.match(await byId('import-result').innerText(), /共 100 条，成功 100/);
  assert.equal(demo.sandbox.xiaoa.state.lastImport.encrypted, true, 'client_info_json was sent AES-encrypted');
  assert.equal(await byId('progress').evaluate((p) => p.value), 1);
  await shot('04-import.png');

  // A preview marks bad rows before anything is sent.
  await byId('csv').fill('姓名,电话\n张三,13800000001\n李四,\n王五,13800000003');
  await page.waitForSelector('[data-testid=preview-summary]');
  assert.match(await byId('preview-summary').innerText(), /1 行有问题（第 2 行/);
  assert.equal(await page.locator('[data-testid=preview] tr.bad').count(), 1);

  // The task appears; resume it.
  await byId('nav-tasks').click();
  const row = page.locator('[data-testid=task-row]').first();
  await row.waitFor();
  assert.match(await row.innerText(), /暂停发送/);
  assert.match(await row.innerText(), /\b100\b/);
  await row.getByTestId('task-keepOn').click();
  await page.waitForFunction(() => /已发送/.test(document.querySelector('[data-testid=task-row]')?.innerText ?? ''));
  await shot('05-tasks.png');

  // Records appear; a recording plays; the transcript shows.
  await byId('nav-records').click();
  await page.locator('[data-testid=record-row]').first().waitFor();
  assert.equal(await page.locator('[data-testid=record-row]').count(), 10);
  await page.evaluate(() => {
    window.__canplay = false;
    document.querySelector('#player').addEventListener('canplay', () => (window.__canplay = true));
  });
  await page.locator('[data-testid=record-row] [data-testid=record-open]:not([disabled])').first().click();
  await page.waitForFunction(() => window.__canplay === true || document.querySelector('#player').readyState >= 4, null, { timeout: 15_000 });
  assert.match(await byId('player').getAttribute('src'), /\/api\/cdrDownload\?url=[0-9a-f]{8}&user_sn=/);
  await page.locator('[data-testid=turn]').nth(2).waitFor();
  assert.equal(await page.locator('[data-testid=turn]').count(), 3);
  assert.match(await byId('transcript').innerText(), /机器人：您好/);
  assert.ok((await page.locator('[data-testid=play-fragment]').count()) >= 1);
  await shot('06-records.png');

  // Settings: call-time windows and the push callback.
  await byId('nav-settings').click();
  await page.waitForSelector('#times-body tr');
  await page.locator('#times-body input[data-k=start_at]').first().fill('09:15:00');
  await byId('save-times').click();
  await page.waitForFunction(() => /外呼时间段已保存/.test(document.querySelector('[data-testid=notice]').innerText));
  assert.equal(demo.sandbox.xiaoa.state.callTimes[0].start_at, '09:15:00');
  await byId('callback-url').fill('http://127.0.0.1:9/push');
  await byId('save-callback').click();
  await page.waitForFunction(() => /回调地址已保存/.test(document.querySelector('[data-testid=notice]').innerText));
  await shot('07-settings.png');

  // Delete the task (with confirmation).
  await byId('nav-tasks').click();
  await page.locator('[data-testid=task-row]').first().waitFor();
  const before = await page.locator('[data-testid=task-row]').count();
  let confirmed = '';
  page.once('dialog', (d) => {
    confirmed = d.message();
    return d.accept();
  });
  await page.locator('[data-testid=task-row]').first().getByTestId('task-delete').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=task-row]').length === n - 1, before);
  assert.match(confirmed, /确定删除任务/);

  // A server fault shows a readable error with its HTTP status.
  // Reads are retried (2 retries by default): make every attempt fail.
  demo.sandbox.fault({ path: '/api/index', kind: 'status', status: 500, times: 3 });
  await byId('tasks-search').click();
  await byId('error').waitFor();
  assert.match(await errorText(), /HTTP 500/);
  await shot('08-server-error.png');

  await byId('nav-login').click();
  await byId('logout').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=session]').hidden);
  assert.equal(await byId('who').innerText(), '未登录');
  assert.deepEqual(pageErrors, []);
  const files = fs.readdirSync(shots).sort();
  assert.deepEqual(files, ['01-login.png', '02-login-error.png', '03-login-session.png', '04-import.png', '05-tasks.png', '06-records.png', '07-settings.png', '08-server-error.png']);
});
