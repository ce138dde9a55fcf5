// The package in every runtime a CRM backend uses, each running the same
// job (tests/runtimes/script.mjs: sign, encrypt, a download URL, a
// XiaoAClient login + read + import against the sandbox on loopback), the
// results compared with Node's:
//   - Deno, `import … from 'waihu'` and from 'npm:waihu' through node_modules
//     (`nodeModulesDir: "manual"`), and the browser entry by path + init();
//   - Bun, `import … from 'waihu'`;
//   - Cloudflare's workerd: a Worker bundled by esbuild with the conditions
//     wrangler uses (workerd, worker, browser): the `workerd` entry imports
//     the .wasm as a module, no init call.
// The runtimes are the npm packages deno, bun and workerd (dev dependencies).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { root, pkgDir } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';

const run = promisify(execFile);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let sb;
let dir;
let expected;

before(async () => {
  sb = await startSandbox();
  // A project that installed waihu: node_modules/waihu is the package.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-runtimes-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'waihu'), 'dir');
  for (const f of ['script.mjs', 'main.mjs', 'main-web.mjs', 'worker.mjs']) fs.copyFileSync(path.join(root, 'tests', 'runtimes', f), path.join(dir, f));
  // The same main with Deno's npm: specifier (resolved from node_modules in this mode).
  fs.writeFileSync(path.join(dir, 'main-npm.mjs'), fs.readFileSync(path.join(dir, 'main.mjs'), 'utf8').replace("from 'waihu'", "from 'npm:waihu'"));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module","private":true}\n');
  fs.writeFileSync(path.join(dir, 'deno.json'), '{"nodeModulesDir":"manual"}\n');
  expected = await job(process.execPath, ['main.mjs', sb.url]);
});

after(async () => {
  await sb?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a runtime on the job; resolves its results (the last line of its output, JSON). */
async function job(file, args, env = {}) {
  const { stdout } = await run(file, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...env }, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

test('Node runs the job (the reference the other runtimes are compared with)', () => {
  assert.equal(expected.login, '1dbe80df');
  assert.equal(expected.digest, 'ae62e11cab746436b64a26f4ed8e41a3');
  assert.equal(expected.roundTrip, true);
  assert.deepEqual(expected.error, { isWaihuError: true, code: 'INVALID_NUMBER' });
  assert.deepEqual(expected.imported, { total: 2, success: 2 });
  assert.equal(expected.session && expected.task, true);
  assert.equal(expected.logins, 1);
});

test('Deno: import from "waihu" (npm package in node_modules)', async () => {
  assert.deepEqual(await job(bin('deno'), ['run', '--allow-read', '--allow-net', '--allow-env', 'main.mjs', sb.url]), expected);
});

test('Deno: import from "npm:waihu"', async () => {
  assert.deepEqual(await job(bin('deno'), ['run', '--allow-read', '--allow-net', '--allow-env', 'main-npm.mjs', sb.url]), expected);
});

test('Deno: the browser entry by path, await init() loading the .wasm next to it', async () => {
  const entry = pathToFileURL(path.join(pkgDir, 'web.mjs')).href;
  assert.deepEqual(await job(bin('deno'), ['run', '--allow-read', '--allow-net', 'main-web.mjs', entry, sb.url]), expected);
});

test('Bun: import from "waihu"', async () => {
  assert.deepEqual(await job(bin('bun'), ['run', 'main.mjs', sb.url]), expected);
});

test('Cloudflare workerd: a Worker importing "waihu" with no init code', async () => {
  const out = path.join(dir, 'worker');
  fs.mkdirSync(out, { recursive: true });
  // What wrangler does: bundle with the workerd conditions, keep the .wasm
  // import as a module of its own.
  let wasm = null;
  await esbuild.build({
    entryPoints: [path.join(dir, 'worker.mjs')],
    absWorkingDir: dir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    outfile: path.join(out, 'worker.mjs'),
    logLevel: 'warning',
    plugins: [
      {
        name: 'wasm-as-module',
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, (a) => {
            wasm = path.resolve(a.resolveDir, a.path);
            return { path: 'waihu_bg.wasm', external: true };
          });
        },
      },
    ],
  });
  assert.equal(wasm, fs.realpathSync(path.join(pkgDir, 'web', 'waihu_bg.wasm')), 'the workerd entry imports the full module');
  fs.copyFileSync(wasm, path.join(out, 'waihu_bg.wasm'));
  const port = await freePort();
  fs.writeFileSync(
    path.join(out, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "waihu_bg.wasm", wasm = embed "waihu_bg.wasm"),
  ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "internet",
);
`,
  );
  const child = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: out, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const res = await fetchWhenUp(`http://127.0.0.1:${port}/?base=${encodeURIComponent(sb.url)}`, child);
    const text = await res.text();
    assert.equal(res.status, 200, `${text}\n${stderr}`);
    assert.deepEqual(JSON.parse(text), expected);
  } finally {
    child.kill();
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Fetches `url` once the server behind it listens (workerd takes a moment to start). */
async function fetchWhenUp(url, child) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
