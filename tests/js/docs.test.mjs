// The documentation names only what is in the repository: every relative
// link of README.md and docs/ resolves to a file here, and no tracked file
// points outside the repository (../…) or at a machine's own paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';

const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

test('every relative link of README.md and docs/ resolves to a file of the repository', () => {
  const docs = fs.readdirSync(path.join(root, 'docs'), { recursive: true }).filter((f) => f.endsWith('.md') && !f.startsWith('api'));
  const pages = ['README.md', 'RELIABILITY.md', ...docs.map((f) => path.join('docs', f))];
  assert.ok(pages.length >= 10, `${pages.length} pages`);
  const broken = [];
  for (const page of pages) {
    const text = fs.readFileSync(path.join(root, page), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      const file = path.resolve(path.dirname(path.join(root, page)), target.split('#')[0]);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) broken.push(`${page}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('no tracked file names a path outside the repository', () => {
  const outside = [];
  for (const f of tracked) {
    if (!/\.(md|rs|js|mjs|ts|json|html|toml|sh|capnp)$|Makefile$/.test(f) || f === 'package-lock.json' || f === 'tests/js/docs.test.mjs') continue;
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    for (const m of text.matchAll(/\.\.\/shared\b|\/work\/main\b|SPEC-NOTES|PERF-NOTES/g)) outside.push(`${f}: ${m[0]}`);
  }
  assert.deepEqual(outside, []);
});
