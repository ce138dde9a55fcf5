// Shared helpers for the node --test suites over the built package (pkg/).
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pkgDir = path.join(root, 'pkg');
export const require = createRequire(import.meta.url);
/** The package as `require('waihu')` sees it in Node. */
export const waihu = require(pkgDir);

/** A deterministic PRNG (xorshift32), so failures reproduce. */
export function rng(seed = 0x2545f491) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return {
    next,
    below: (n) => next() % n,
    pick: (a) => a[next() % a.length],
    chance: (p) => next() % 1000 < p * 1000,
  };
}

/** Runs php-cli's json_encode(json_decode(line, true), flags) over lines, twice (the fixed point). */
export function phpEncodeLines(lines, flags = 0) {
  const script = `
    while (($l = fgets(STDIN)) !== false) {
      $l = rtrim($l, "\\n");
      $v = json_decode($l, true);
      if ($v === null && json_last_error() !== JSON_ERROR_NONE) { echo json_encode("ERR " . json_last_error_msg()), "\\n"; continue; }
      $e = json_encode(json_decode(json_encode($v, ${flags}), true), ${flags});
      echo json_encode($e === false ? "ERR " . json_last_error_msg() : $e), "\\n";
    }`;
  const out = execFileSync('php', ['-d', 'serialize_precision=-1', '-r', script], {
    input: lines.join('\n') + '\n',
    maxBuffer: 1 << 28,
  });
  return out
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

const SURROGATE_FREE = [
  [0x20, 0x7e],
  [0x20, 0x7e],
  [0x20, 0x7e],
  [0x00, 0x1f],
  [0x7f, 0x7f],
  [0x80, 0x7ff],
  [0x4e00, 0x9fff],
  [0x4e00, 0x9fff],
  [0x2028, 0x2029],
  [0xe000, 0xffff],
  [0x1f600, 0x1f64f],
];

/** A random string: ASCII, CJK, emoji, controls, quotes, slashes, backslashes. */
export function randomString(r, max = 20) {
  let s = '';
  const n = r.below(max + 1);
  for (let i = 0; i < n; i++) {
    if (r.chance(0.1)) {
      s += r.pick(['"', '\\', '/', '\b', '\f', '\n', '\r', '\t']);
      continue;
    }
    const [lo, hi] = r.pick(SURROGATE_FREE);
    s += String.fromCodePoint(lo + r.below(hi - lo + 1));
  }
  return s;
}

/** A random JSON-safe JS value (what a CRM sends). */
export function randomJson(r, depth = 0) {
  const k = r.below(depth > 4 ? 6 : 9);
  switch (k) {
    case 0:
    case 1:
      return randomString(r);
    case 2:
      return r.below(1_000_000) - 500_000;
    case 3:
      return r.pick([0, -0, 0.1, 1e20, 1e21, 1e-7, 2 ** 53, 2 ** 63, -(2 ** 63), 123456789.12345679, 5e-324, 1.7976931348623157e308, 0.30000000000000004, 216780678204906.12]);
    case 4:
      return (r.next() / 0xffffffff) * 10 ** (r.below(40) - 20) * (r.chance(0.5) ? 1 : -1);
    case 5:
      return r.pick([true, false, null]);
    case 6:
    case 7: {
      const o = {};
      const n = r.below(5);
      for (let i = 0; i < n; i++) o[r.chance(0.2) ? String(i) : randomString(r, 6)] = randomJson(r, depth + 1);
      return o;
    }
    default: {
      const n = r.below(5);
      return Array.from({ length: n }, () => randomJson(r, depth + 1));
    }
  }
}

/**
 * Awaits `promise`, which must reject with a WaihuError whose fields match
 * `check` (deepEqual per key); returns the error.
 */
export async function rejects(promise, check = {}) {
  const { default: assert } = await import('node:assert/strict');
  let err;
  let rejected = false;
  try {
    await promise;
  } catch (e) {
    err = e;
    rejected = true;
  }
  assert.ok(rejected, 'expected a rejection');
  assert.ok(err instanceof waihu.WaihuError, `not a WaihuError: ${err}`);
  for (const [k, v] of Object.entries(check)) assert.deepEqual(err[k], v, `${k}: ${err.message}`);
  return err;
}
