// Prometheus-style metrics from waihu's hooks: a request counter by
// endpoint and status, and a duration histogram, printed in the Prometheus
// text format — with no dependency (prom-client or OpenTelemetry plug in the
// same way, see docs/observability.md). Runs against the local sandbox.
//   node examples/metrics.mjs [baseUrl]     (make sandbox serves one on :8088)
import { XiaoAClient } from '../pkg/index.mjs';

/** A tiny metrics registry: what prom-client's Counter and Histogram do. */
const requests = new Map(); // "endpoint|status" → count
const buckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, Infinity];
const durations = new Map(); // endpoint → { counts, sum, n }

function observe({ endpoint, status, durationMs, error }) {
  const code = status ?? error?.code ?? 'none';
  const key = `${endpoint}|${code}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  const d = durations.get(endpoint) ?? { counts: buckets.map(() => 0), sum: 0, n: 0 };
  buckets.forEach((b, i) => {
    if (durationMs <= b) d.counts[i]++;
  });
  d.sum += durationMs;
  d.n++;
  durations.set(endpoint, d);
}

function exposition() {
  const lines = ['# HELP waihu_requests_total Requests sent to the platform, by endpoint and status.', '# TYPE waihu_requests_total counter'];
  for (const [key, n] of requests) {
    const [endpoint, status] = key.split('|');
    lines.push(`waihu_requests_total{endpoint="${endpoint}",status="${status}"} ${n}`);
  }
  lines.push('# HELP waihu_request_duration_ms Time from sending a request to the end of its answer.', '# TYPE waihu_request_duration_ms histogram');
  for (const [endpoint, d] of durations) {
    buckets.forEach((b, i) => {
      lines.push(`waihu_request_duration_ms_bucket{endpoint="${endpoint}",le="${b === Infinity ? '+Inf' : b}"} ${d.counts[i]}`);
    });
    lines.push(`waihu_request_duration_ms_sum{endpoint="${endpoint}"} ${d.sum.toFixed(1)}`, `waihu_request_duration_ms_count{endpoint="${endpoint}"} ${d.n}`);
  }
  return lines.join('\n');
}

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:8088';
const xa = new XiaoAClient({ baseUrl, username: 'demo', password: process.env.XA_PASSWORD ?? 'demo123', onResponse: observe });
const [project] = await xa.projects();
await xa.aiUsers();
await xa.listTasks({ pageSize: 10 });
await xa.templateFields(project.sn);
console.log(exposition());
