// What ships is what works: `npm pack` of pkg/, the tarball installed into
// an empty project, and README's Node quickstart run from there against the
// sandbox — word for word, with only the sandbox's port swapped in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { root, pkgDir } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let sb;
let dir;
let tarball;

before(async () => {
  sb = await startSandbox();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-pack-'));
  const { stdout } = await run(npm, ['pack', pkgDir, '--pack-destination', dir, '--json'], { cwd: dir });
  const [info] = JSON.parse(stdout);
  tarball = { file: path.join(dir, info.filename), files: info.files.map((f) => f.path), size: info.size };
  fs.mkdirSync(path.join(dir, 'app'));
  fs.writeFileSync(path.join(dir, 'app', 'package.json'), '{"name":"crm-script","private":true,"type":"module"}\n');
  await run(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball.file], { cwd: path.join(dir, 'app') });
});

after(async () => {
  await sb?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds every entry point and module, and nothing else', () => {
  const files = new Set(tarball.files);
  for (const f of ['package.json', 'README.md', 'index.cjs', 'index.mjs', 'web.mjs', 'workerd.mjs', 'index.d.ts', 'node/waihu.js', 'node/waihu_bg.wasm', 'web/waihu.js', 'web/waihu_bg.wasm']) {
    assert.ok(files.has(f), `${f} is in the tarball`);
  }
  for (const sub of ['core', 'xiaoa', 'sccc', 'baibaihu']) {
    for (const f of [`${sub}.cjs`, `${sub}.mjs`, `${sub}.web.mjs`, `${sub}.workerd.mjs`, `${sub}.d.ts`, `${sub}-web/waihu.js`, `${sub}-web/waihu_bg.wasm`])
      assert.ok(files.has(f), `${f} is in the tarball`);
  }
  for (const f of ['cli/waihu.mjs', 'sandbox.mjs', 'sandbox.d.ts']) assert.ok(files.has(f), `${f} is in the tarball`);
  const unexpected = [...files].filter(
    (f) => !/^(package\.json|README\.md|[\w.-]+\.(c|m)?js|[\w.-]+\.d\.ts|[\w-]+\/(waihu\.js|waihu_bg\.wasm|package\.json)|cli\/(waihu|chunks\/[\w-]+)\.mjs)$/.test(f),
  );
  assert.deepEqual(unexpected, []);
});

test("README's Node quickstart runs from a project that installed the tarball", async () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quickstart: Node'));
  const code = /```js\n([\s\S]*?)```/.exec(section)[1];
  assert.ok(code.includes("from 'waihu'"), 'the quickstart imports the package by name');
  const port = new URL(sb.url).port;
  fs.writeFileSync(path.join(dir, 'app', 'quickstart.mjs'), code.replaceAll('http://127.0.0.1:8088', `http://127.0.0.1:${port}`));
  const { stdout } = await run(process.execPath, ['quickstart.mjs'], { cwd: path.join(dir, 'app'), env: { ...process.env, XA_PASSWORD: 'demo123' }, timeout: 60_000 });
  const lines = stdout.trim().split('\n');
  assert.match(lines[0], /^1\/1$/, 'onProgress reported the one row');
  assert.ok(
    lines.some((l) => /api\/cdrDownload\?url=[0-9a-f]{8}&/.test(l)),
    `a signed recording URL was printed:\n${stdout}`,
  );
});

test('the installed copy works through require and import (one instance)', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { createRequire } from 'node:module'; import * as esm from 'waihu'; const cjs = createRequire(import.meta.url)('waihu'); console.log(esm.urlHash({username:'xxx',password:'xxx',from:2}), esm.WaihuError === cjs.WaihuError)",
    ],
    { cwd: path.join(dir, 'app') },
  );
  assert.equal(stdout.trim(), '1dbe80df true');
});

test('the installed package has the `waihu` command (npx waihu) and waihu/sandbox', async () => {
  const app = path.join(dir, 'app');
  const version = await run(npm, ['exec', '--', 'waihu', '--version'], { cwd: app });
  assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version);
  // An .xlsx read with the bundled reader, checked, not sent.
  const { writeXlsx } = await import('../../js/sandbox/formats.mjs');
  fs.writeFileSync(
    path.join(app, 'leads.xlsx'),
    writeXlsx([
      ['姓名', '电话'],
      ['张三', 13800000001],
      ['李四', 13800000002],
    ]),
  );
  const dry = await run(path.join(app, 'node_modules/.bin/waihu'), ['import', 'leads.xlsx', '--dry-run'], { cwd: app });
  assert.match(dry.stdout, /leads\.xlsx: 2 rows pass the check/);
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { startSandbox, SANDBOX_ACCOUNTS } from 'waihu/sandbox'; const sb = await startSandbox(); const r = await fetch(sb.url + '/api/login', { method: 'POST' }); console.log(SANDBOX_ACCOUNTS.xiaoa.username, r.status); await sb.close();",
    ],
    { cwd: app },
  );
  assert.equal(stdout.trim(), 'demo 200');
});
