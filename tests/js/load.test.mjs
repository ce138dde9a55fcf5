// Load (issue 8): one XiaoAClient, 1,000 concurrent mixed calls (reads and
// idempotent writes) against the sandbox on loopback, the api_key expiring
// on the server mid-run. All must succeed; exactly one re-login per expiry;
// once the client has the new key it never sends the stale one (its fetch is
// wrapped to see every request), and the sandbox's log shows stale keys
// after the renewal only for requests already in flight before it.
// Prints requests/s and p50/p99 latency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waihu } from './helpers.mjs';
import { startSandbox } from '../../js/sandbox/server.mjs';

const { XiaoAClient } = waihu;
const CALLS = Number(process.env.WAIHU_LOAD_CALLS || 1000);
const EXPIRE_AFTER = Math.floor(CALLS / 2);

function keyOf(request, bodyText) {
  const q = new URL(request.url).searchParams.get('api_key');
  if (q) return q;
  try {
    return JSON.parse(bodyText).api_key;
  } catch {
    return undefined;
  }
}

test(`${CALLS} concurrent mixed calls on one client, the key expiring mid-run`, async () => {
  const sb = await startSandbox();
  let unhandled = 0;
  const onUnhandled = () => unhandled++;
  process.on('unhandledRejection', onUnhandled);
  try {
    const sends = []; // { at, key, answeredAt }
    const sessions = []; // { at, api_key } in the order the client got them
    const fetchSpy = async (request) => {
      const body = request.method === 'POST' ? await request.clone().text() : '';
      const entry = { at: Date.now(), key: keyOf(request, body), path: new URL(request.url).pathname, answeredAt: undefined };
      sends.push(entry);
      try {
        return await fetch(request);
      } finally {
        entry.answeredAt = Date.now();
      }
    };
    const c = new XiaoAClient({
      baseUrl: sb.url,
      username: 'demo',
      password: 'demo123',
      fetch: fetchSpy,
      timeoutMs: 20_000,
      onSession: (s) => sessions.push({ at: Date.now(), api_key: s.api_key }),
    });
    await c.login();
    const [project] = await c.projects();
    const times = await c.callTimes();
    const loginsBefore = sb.xiaoa.state.logins;
    const logStart = sb.xiaoa.state.log.length;

    const mix = [
      () => c.listTasks({}),
      () => c.aiUsers(),
      () => c.projects(),
      () => c.callTimes(),
      () => c.cdrList({ pageSize: 5 }),
      () => c.crmList({ pageSize: 5 }),
      () => c.templateFields(project.sn),
      () => c.setCallback({ open: false, url: 'http://127.0.0.1:9/cb' }),
      () => c.saveCallTimes([{ ...times[0] }]),
    ];
    const latencies = [];
    let finished = 0;
    let expiredAt;
    const t0 = performance.now();
    const calls = Array.from({ length: CALLS }, (_, i) => {
      const start = performance.now();
      return mix[i % mix.length]().then((v) => {
        latencies.push(performance.now() - start);
        if (++finished === EXPIRE_AFTER) {
          expiredAt = Date.now();
          sb.xiaoa.expireKeys(); // the server ends the key mid-run
        }
        return v;
      });
    });
    const results = await Promise.allSettled(calls);
    const elapsed = performance.now() - t0;
    const failed = results.filter((r) => r.status === 'rejected');
    assert.deepEqual(failed.map((r) => `${r.reason.code}: ${r.reason.message}`).slice(0, 3), [], `${failed.length} calls failed`);
    assert.ok(expiredAt, 'the key expired mid-run');

    // Exactly one re-login for the one expiry.
    assert.equal(sb.xiaoa.state.logins - loginsBefore, 1, 're-logins');
    assert.equal(sessions.length, 2);
    const [oldKey, newKey] = sessions.map((s) => s.api_key);
    const renewedAt = sessions[1].at;
    assert.notEqual(oldKey, newKey);

    // Client side: after it had the new key, it never sent the old one.
    const staleAfter = sends.filter((s) => s.key === oldKey && s.at >= renewedAt);
    assert.equal(staleAfter.length, 0, 'stale key sent after the renewal');
    // Server side: stale keys after the renewal only from requests in flight before it.
    const log = sb.xiaoa.state.log.slice(logStart);
    const loginAt = log.find((l) => l.endpoint === 'login').at;
    const staleArrivals = log.filter((l) => l.api_key === oldKey && l.at > loginAt);
    const inFlight = sends.filter((s) => s.key === oldKey && s.at <= renewedAt && s.answeredAt >= loginAt);
    assert.ok(staleArrivals.length <= inFlight.length, `${staleArrivals.length} stale arrivals after the renewal, ${inFlight.length} were in flight`);
    const refused = log.filter((l) => l.api_key === oldKey && (l.code === 20006 || l.code === 20005)).length;

    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    const requests = log.length;
    console.log(
      `load: ${CALLS} concurrent calls (${mix.length} kinds) in ${elapsed.toFixed(0)} ms, all succeeded; ${requests} requests (${Math.round(requests / (elapsed / 1000))} req/s); ` +
        `latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms; key expired after ${EXPIRE_AFTER} calls: 1 re-login, ${refused} requests refused with the stale key and re-sent, 0 stale keys sent after the renewal`,
    );
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await sb.close();
  }
  assert.equal(unhandled, 0, 'unhandled rejections');
});
