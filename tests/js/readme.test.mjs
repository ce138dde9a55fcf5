// The README's Node quickstart, run as written against the sandbox (only
// the package specifier and the sandbox port are substituted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { root } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';

function section(md, title) {
  const start = md.indexOf(`## ${title}`);
  assert.ok(start >= 0, `README has no "${title}" section`);
  const rest = md.slice(start);
  const code = /```js\n([\s\S]*?)```/.exec(rest);
  assert.ok(code, `no js block under "${title}"`);
  return code[1];
}

test('README "Quickstart: Node" runs as written against the sandbox', async () => {
  const md = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const sb = await startSandbox();
  const dir = fs.mkdtempSync(path.join(root, 'target', 'readme-'));
  try {
    const code = section(md, 'Quickstart: Node')
      .replaceAll("from 'waihu'", `from ${JSON.stringify(pathToFileURL(path.join(root, 'pkg/index.mjs')).href)}`)
      .replaceAll('http://127.0.0.1:8088', sb.url);
    const file = path.join(dir, 'quickstart.mjs');
    fs.writeFileSync(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { env: { ...process.env, XA_PASSWORD: 'demo123' }, timeout: 30_000 });
    assert.match(stdout, /1\/1/, 'onProgress ran');
    assert.match(stdout, /13800000001 .*\/api\/cdrDownload\?url=[0-9a-f]{8}&/, 'a record and its signed recording URL were printed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await sb.close();
  }
});
