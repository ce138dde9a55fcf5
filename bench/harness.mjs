// Runs the jobs on every implementation in interleaved rounds and checks
// every output before timing. Plain ES module, no imports: the same file runs
// in Node and (unbundled) in Chromium.

/** The run plans: `full` for `make bench`, `smoke` for `make test`. */
export const PLANS = {
  full: {
    w1: { requests: 1000, reps: 10, rounds: 15, warmup: 3 },
    w2: { rows: 30_000, rounds: 15, warmup: 3 },
    w2big: { rows: 300_000, rounds: 5, warmup: 1 },
    w3: { records: 10_000, rounds: 15, warmup: 3 },
    w3one: { rounds: 15, warmup: 3 },
    init: { samples: 7, processes: 15 },
  },
  // For working on one job: fewer rounds.
  quick: {
    w1: { requests: 1000, reps: 10, rounds: 5, warmup: 2 },
    w2: { rows: 30_000, rounds: 5, warmup: 2 },
    w2big: { rows: 300_000, rounds: 2, warmup: 0 },
    w3: { records: 10_000, rounds: 5, warmup: 2 },
    w3one: { rounds: 5, warmup: 2 },
    init: { samples: 3, processes: 5 },
  },
  smoke: {
    w1: { requests: 100, reps: 1, rounds: 1, warmup: 1 },
    w2: { rows: 1000, rounds: 1, warmup: 1 },
    w2big: { rows: 2500, chunk: 1000, rounds: 1, warmup: 0 },
    w3: { records: 200, rounds: 1, warmup: 1 },
    w3one: { rounds: 1, warmup: 1 },
    init: { samples: 1, processes: 1 },
  },
};

/** The jobs: what each one runs, given an implementation and the inputs. */
export const JOBS = [
  {
    id: 'w1',
    title: 'W1 sign an 8-field request',
    needs: 'w1',
    unit: (plan) => plan.w1.requests * plan.w1.reps,
    run: (impl, input, plan) => {
      let out;
      for (let i = 0; i < plan.w1.reps; i++) out = impl.w1(input.requests);
      return out;
    },
  },
  { id: 'w2', title: 'W2 encrypt 30,000 rows', needs: 'w2', run: (impl, input) => impl.w2(input.rows) },
  {
    id: 'w2big',
    title: 'W2 encrypt 300,000 rows (10 requests)',
    needs: 'w2',
    run: async (impl, input) => {
      const out = [];
      for (const chunk of input.bigChunks) out.push(await impl.w2(chunk));
      return out;
    },
  },
  { id: 'w3', title: 'W3 build 10,000 signed cdrDownload URLs', needs: 'w3', run: (impl, input) => impl.w3(input.records) },
  { id: 'w3one', title: 'W3 per call: 10,000 downloadUrl calls, one URL each', needs: 'w3one', run: (impl, input) => impl.w3one(input.records) },
];

const now = () => performance.now();

/** Median, min and max of timing samples (ms). */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples: s.length };
}

/** SHA-256 (hex) of an output: a string, or an array of strings joined by newlines. */
export async function digestOf(out) {
  const text = Array.isArray(out) ? out.join('\n') : String(out);
  const bytes = new TextEncoder().encode(text);
  const h = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs `job` on every implementation that has it: checks each output's
 * digest against `expected[job.id]` first, then times interleaved rounds
 * (each round rotates the order). Resolves { implName: { median, min, max } }.
 */
export async function runJob(job, impls, input, plan, expected, log = () => {}) {
  const cfg = plan[job.id];
  const entries = impls.filter((i) => typeof i.impl[job.needs] === 'function');
  for (const { name, impl } of expected ? entries : []) {
    const got = await digestOf(await job.run(impl, input, plan));
    if (got !== expected[job.id]) {
      throw new Error(`${job.title}: ${name}'s output differs from node:crypto's (sha256 ${got} ≠ ${expected[job.id]})`);
    }
  }
  const samples = new Map(entries.map((e) => [e.name, []]));
  for (let r = -cfg.warmup; r < cfg.rounds; r++) {
    const k = r + cfg.warmup;
    for (let i = 0; i < entries.length; i++) {
      const { name, impl } = entries[(i + k) % entries.length];
      const t0 = now();
      const v = job.run(impl, input, plan);
      if (v && typeof v.then === 'function') await v;
      const t = now() - t0;
      if (r >= 0) samples.get(name).push(t);
    }
    log(`${job.id} round ${k + 1}/${cfg.rounds + cfg.warmup}`);
  }
  const out = {};
  for (const [name, s] of samples) out[name] = summarize(s);
  return out;
}

/** Runs every job; resolves { jobId: { implName: stats } }. */
export async function runAll(impls, input, plan, expected, log) {
  const results = {};
  for (const job of JOBS) results[job.id] = await runJob(job, impls, input, plan, expected, log);
  results.w1profile = await runW1Profile(impls, input, plan, log);
  return results;
}

/**
 * Where W1's time goes: the part of waihu's W1 that is plain JS — each
 * request through JSON.stringify, then its UTF-8 bytes copied into a buffer
 * (what writing into wasm memory costs) — timed alone, interleaved with
 * waihu's whole W1 and the references. No output check (these produce no
 * signature). Resolves { name: stats }.
 */
export async function runW1Profile(impls, input, plan, log = () => {}) {
  const scratch = new Uint8Array(1 << 16);
  const encoder = new TextEncoder();
  const steps = [
    {
      name: 'JSON.stringify',
      impl: {
        w1: (requests) => {
          let n = 0;
          for (const r of requests) n += JSON.stringify(r).length;
          return n;
        },
      },
    },
    {
      name: 'JSON.stringify + UTF-8 copy',
      impl: {
        w1: (requests) => {
          let n = 0;
          for (const r of requests) n += encoder.encodeInto(JSON.stringify(r), scratch).written;
          return n;
        },
      },
    },
  ];
  const wanted = new Set(['waihu', 'node:crypto', 'js-md5']);
  const job = { ...JOBS[0], id: 'w1' };
  return runJob(job, [...steps, ...impls.filter((i) => wanted.has(i.name))], input, plan, null, log);
}

/** The inputs of a plan (from workloads.mjs's generators). */
export function inputsFor(plan, w) {
  const big = w.w2Rows(plan.w2big.rows, 4);
  return {
    requests: w.w1Requests(plan.w1.requests),
    rows: w.w2Rows(plan.w2.rows),
    bigChunks: w.chunks(big, plan.w2big.chunk || w.W2_CHUNK),
    records: w.w3Records(plan.w3.records),
  };
}
