// Hostile servers, hostile webhook callers, hostile inputs (issue 12): each
// test is one item of the issue, attacked as it was reproduced, with the
// figure it asserts printed (RELIABILITY.md, "Hostile server / hostile
// caller", quotes them).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { waihu, pkgDir, rejects } from './helpers.mjs';
import { SCCC_CUSTOMER, SCCC_PASSWORD } from '../../js/sandbox/sccc.mjs';

const { XiaoAClient, ScccClient, BaiBaiHuClient, WaihuError, parsePush, verifyScccNotification, parseBaiBaiHuPush, createScccNotificationHandler, downloadUrl, downloadUrls, scccDigest } = waihu;
const figures = [];
after(() => console.log(`hostile: ${figures.join('; ')}`));

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
const SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';

/** The best of `runs` timings of `f`, in ms. */
function best(f, runs = 3) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    try {
      f();
    } catch {
      // refusals are timed too: what matters is how long they take
    }
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** A throwaway HTTP server on a free loopback port. */
async function serve(handler, setup) {
  const server = http.createServer(handler);
  setup?.(server);
  const sockets = new Set();
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `http://127.0.0.1:${server.address().port}`,
    port: server.address().port,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(r);
      }),
  };
}

function signed(notify, over = {}) {
  const timestamp = over.timestamp ?? Date.now();
  const seq = over.seq ?? String(crypto.randomInt(1e9));
  return {
    authentication: { customer: SCCC_CUSTOMER, timestamp: String(timestamp), seq, digest: scccDigest(SCCC_CUSTOMER, String(timestamp), seq, over.password ?? SCCC_PASSWORD) },
    notify,
    param: { debug: '', lang: '' },
  };
}

test('1. parsers are linear: 80,000 keys and 200,000 parameters within 25× of JSON.parse / URLSearchParams', () => {
  const keys = {};
  for (let i = 0; i < 80_000; i++) keys[`k${i}`] = i;
  const body = JSON.stringify({ sn: 'account|1', ...keys });
  assert.ok(body.length > 800_000);
  const ref = best(() => JSON.parse(body));
  const push = best(() => parsePush(body));
  assert.equal(Object.keys(parsePush(body)).length, 80_002, 'every key kept (talk_info added)');
  // Unsigned, as an attacker sends it: keys at the top and inside authentication.
  const unsigned = JSON.stringify({ ...keys, authentication: { customer: 'C2' } });
  const verifyTop = best(() => verifyScccNotification(unsigned, { password: 'p' }));
  const inAuth = JSON.stringify({ authentication: keys, notify: {} });
  const verifyAuth = best(() => verifyScccNotification(inAuth, { password: 'p' }));
  assert.throws(() => verifyScccNotification(unsigned, { password: 'p' }), { code: 'BAD_SIGNATURE' });
  // Duplicates do not bring the quadratic back: 40,000 keys, each twice.
  const dup = `{"sn":"a",${Array.from({ length: 40_000 }, (_, i) => `"d${i}":1`).join(',')},${Array.from({ length: 40_000 }, (_, i) => `"d${i}":{"x":${i}}`).join(',')}}`;
  const dupRef = best(() => JSON.parse(dup));
  const dupPush = best(() => parsePush(dup));
  assert.deepEqual(parsePush(dup).d39999, { x: 39999 }, 'the last value wins');
  const q = new URLSearchParams({ type: '3', phone: '13800000000' });
  for (let i = 0; i < 200_000; i++) q.append(`p${i}`, `v${i}`);
  const qs = q.toString();
  const qRef = best(() => new URLSearchParams(qs));
  const bbh = best(() => parseBaiBaiHuPush(qs));
  assert.equal(parseBaiBaiHuPush(qs).p199999, 'v199999');
  const ratios = { parsePush: push / ref, verifyTop: verifyTop / ref, verifyAuth: verifyAuth / ref, duplicates: dupPush / dupRef, parseBaiBaiHuPush: bbh / qRef };
  for (const [k, v] of Object.entries(ratios)) assert.ok(v <= 25, `${k}: ${v.toFixed(1)}× the reference (limit 25×)`);
  figures.push(
    `80,000 keys (${(body.length / 1e6).toFixed(2)} MB): JSON.parse ${ref.toFixed(1)} ms, parsePush ${push.toFixed(1)} ms (${ratios.parsePush.toFixed(1)}×), verifyScccNotification ${verifyTop.toFixed(1)} / ${verifyAuth.toFixed(1)} ms (${ratios.verifyTop.toFixed(1)}× / ${ratios.verifyAuth.toFixed(1)}×), 80,000 duplicated keys ${ratios.duplicates.toFixed(1)}×; ` +
      `200,000 parameters (${(qs.length / 1e6).toFixed(2)} MB): URLSearchParams ${qRef.toFixed(1)} ms, parseBaiBaiHuPush ${bbh.toFixed(1)} ms (${ratios.parseBaiBaiHuPush.toFixed(1)}×)`,
  );
});

test("1. a server's answer of 80,000 keys goes through the same linear code", async () => {
  const big = {};
  for (let i = 0; i < 80_000; i++) big[`k${i}`] = i;
  const srv = await serve((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url.startsWith('/api/login')) return res.end(JSON.stringify({ code: 0, data: { user_sn: SN, api_key: 'k', api_key_expire: Math.floor(Date.now() / 1000) + 7200 }, msg: 'ok', ...big }));
    res.end(JSON.stringify({ code: 0, msg: 'ok', data: { total: 0, list: [] }, ...big }));
  });
  try {
    const x = new XiaoAClient({ baseUrl: srv.url, username: 'u', password: 'p' });
    const t = performance.now();
    const page = await x.crmList();
    const ms = performance.now() - t;
    assert.deepEqual(page, { total: 0, list: [] });
    assert.ok(ms < 2000, `${ms} ms`);
    figures.push(`a login + crmList whose answers carry 80,000 extra keys: ${ms.toFixed(0)} ms`);
  } finally {
    await srv.close();
  }
});

/** Sends raw bytes to the handler's server; resolves to { status, text, closed, sentBeforeAnswer }. */
function rawRequest(port, { head, body, chunked, trickleMs, stopAfter = 1 << 30 }) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let sentBeforeAnswer = -1;
    let timer;
    sock.on('error', () => {});
    sock.on('data', (d) => {
      if (sentBeforeAnswer < 0) sentBeforeAnswer = sent;
      answer += d.toString('latin1');
    });
    sock.on('close', () => {
      clearInterval(timer);
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1]);
      resolve({ status, text: answer.slice(answer.indexOf('\r\n\r\n') + 4), closed: true, sentBeforeAnswer, sent });
    });
    sock.on('connect', () => {
      sock.write(head);
      if (body) sock.write(body);
      if (chunked) {
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (sent < stopAfter && sentBeforeAnswer < 0 && !sock.destroyed) {
            sent += chunk.length;
            if (!sock.write(`${chunk.length.toString(16)}\r\n`) || !sock.write(chunk) || !sock.write('\r\n')) return sock.once('drain', pump);
          }
        };
        pump();
      }
      if (trickleMs)
        timer = setInterval(() => {
          if (sock.destroyed) return clearInterval(timer);
          sock.write('{');
          sent += 1;
        }, trickleMs);
    });
    setTimeout(() => reject(new Error('no answer in 20 s')), 20_000).unref();
  });
}

test('2. the SCCC handler bounds the body: 413 before reading a 50 MB declared body, 413 past maxBodyBytes of a chunked one, a trickle closed', async () => {
  const errors = [];
  const handle = createScccNotificationHandler({ password: SCCC_PASSWORD, readTimeoutMs: 1000, onNotification: () => {}, onError: (e, info) => errors.push([e.code, info.status, info.stage]) });
  // The app turned its own server timeouts off: the handler's are what protect it.
  const srv = await serve(handle, (s) => {
    s.requestTimeout = 0;
    s.headersTimeout = 0;
    s.timeout = 0;
  });
  const rss0 = process.memoryUsage().rss;
  try {
    const declared = await rawRequest(srv.port, { head: `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n` });
    assert.equal(declared.status, 413);
    assert.equal(declared.sentBeforeAnswer, 0, 'answered before any of the body was sent');
    assert.deepEqual(JSON.parse(declared.text), { result: { error: 8, msg: 'message too large' } });

    const chunked = await rawRequest(srv.port, {
      head: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      chunked: true,
      stopAfter: 200 * 1024 * 1024,
    });
    assert.equal(chunked.status, 413);
    assert.ok(chunked.closed);
    assert.ok(chunked.sent < 16 * 1024 * 1024, `the client could send ${chunked.sent} bytes before the cut`);

    const t = performance.now();
    const trickle = await rawRequest(srv.port, { head: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n', trickleMs: 200 });
    const ms = performance.now() - t;
    assert.equal(trickle.status, 408);
    assert.ok(trickle.closed && ms < 5000, `closed after ${ms} ms`);
    assert.deepEqual(
      errors.map((e) => e[0]),
      ['TOO_LARGE', 'TOO_LARGE', 'TIMEOUT'],
    );
    const grew = (process.memoryUsage().rss - rss0) / 1e6;
    figures.push(
      `handler: 50 MB declared → 413 with 0 body bytes read; chunked → 413 after the client sent ${(chunked.sent / 1e6).toFixed(1)} MB (maxBodyBytes 1 MB), connection closed; a 1 byte / 200 ms trickle with the server's timeouts off → 408 and closed after ${ms.toFixed(0)} ms (readTimeoutMs 1000); RSS +${grew.toFixed(0)} MB`,
    );
  } finally {
    await srv.close();
  }
});

test('3. replays are refused by default, recorded only after onNotification succeeded; a shared store can be plugged in', async () => {
  let fail = true;
  const received = [];
  const errors = [];
  const handle = createScccNotificationHandler({
    customer: SCCC_CUSTOMER,
    password: SCCC_PASSWORD,
    onNotification: (n) => {
      if (fail) throw new Error('database down: secret-table-name');
      received.push(n.seq);
    },
    onError: (e, info) => errors.push({ code: e.code, status: info.status, stage: info.stage, message: e.message }),
  });
  const srv = await serve(handle);
  const post = async (body) => {
    const r = await fetch(srv.url, { method: 'POST', body: JSON.stringify(body) });
    return [r.status, await r.json()];
  };
  try {
    const push = signed({ type: 'callend', customer: 'C2', agent: '1000', number: '13800000000', call_type: '1', seq: '7' });
    const [s1, a1] = await post(push);
    assert.equal(s1, 500);
    assert.doesNotMatch(JSON.stringify(a1), /database|secret-table/, 'the app exception is not told to the caller');
    fail = false;
    assert.equal((await post(push))[0], 200, 'the re-delivery after a failure is accepted');
    const [s3, a3] = await post(push);
    assert.deepEqual([s3, a3.result.error], [401, 1], 'then a replay is refused (default on)');
    // The captured authentication block with forged content: still the same signed triple.
    const forged = { ...push, notify: { ...push.notify, number: '13999999999' } };
    assert.equal((await post(forged))[0], 401);
    assert.deepEqual(received, [push.authentication.seq]);
    assert.deepEqual(
      errors.map((e) => [e.status, e.stage]),
      [
        [500, 'onNotification'],
        [401, 'replay'],
        [401, 'replay'],
      ],
    );
    assert.match(errors[0].message, /database down/, 'the app gets the details');
  } finally {
    await srv.close();
  }
  // Concurrent duplicates: the second is refused while the first is being handled.
  let release;
  const slow = createScccNotificationHandler({ password: SCCC_PASSWORD, onNotification: () => new Promise((r) => (release = r)) });
  const srv2 = await serve(slow);
  try {
    const push = signed({ type: 'callstart', seq: '1' });
    const first = fetch(srv2.url, { method: 'POST', body: JSON.stringify(push) });
    while (!release) await new Promise((r) => setTimeout(r, 5));
    assert.equal((await fetch(srv2.url, { method: 'POST', body: JSON.stringify(push) })).status, 401);
    release();
    assert.equal((await first).status, 200);
  } finally {
    await srv2.close();
  }
  // A shared store (e.g. Redis for several processes), asynchronous.
  const calls = [];
  const shared = new Map();
  const replayStore = {
    seen: async (key) => (calls.push(['seen', key]), shared.has(key)),
    remember: async (key, ttlMs) => (calls.push(['remember', key, ttlMs]), shared.set(key, ttlMs)),
  };
  const h = createScccNotificationHandler({ password: SCCC_PASSWORD, maxSkewMs: 60_000, replayStore, onNotification: () => {} });
  const srv3 = await serve(h);
  try {
    const push = signed({ type: 'billing', seq: '2' });
    assert.equal((await fetch(srv3.url, { method: 'POST', body: JSON.stringify(push) })).status, 200);
    assert.equal((await fetch(srv3.url, { method: 'POST', body: JSON.stringify(push) })).status, 401);
    assert.equal(calls.length, 3);
    assert.deepEqual(calls[1].slice(0, 1).concat(calls[1][2]), ['remember', 120_000], 'the window is 2 × maxSkewMs');
    assert.ok(calls[0][1].includes(push.authentication.seq) && calls[0][1].includes(push.authentication.timestamp));
  } finally {
    await srv3.close();
  }
  assert.throws(() => createScccNotificationHandler({ password: 'p', onNotification() {}, replayStore: {} }), { code: 'INVALID_ARGUMENT', path: 'options.replayStore' });
});

test('9. the handler tells an unauthenticated caller only what failed, in generic words', async () => {
  const errors = [];
  const handle = createScccNotificationHandler({ customer: 'ExpectedCustomerName', password: SCCC_PASSWORD, onNotification() {}, onError: (e) => errors.push(e.message) });
  const srv = await serve(handle);
  try {
    const answers = [];
    for (const body of [
      '{',
      JSON.stringify({ notify: {} }),
      JSON.stringify(signed({ type: 'callend' })),
      JSON.stringify(signed({ type: 'callend' }, { password: 'forged' })),
      JSON.stringify(signed({ type: 'x' }, { timestamp: 1 })),
    ]) {
      const r = await fetch(srv.url, { method: 'POST', body });
      answers.push([r.status, await r.text()]);
    }
    assert.deepEqual(
      answers.map((a) => a[0]),
      [400, 401, 401, 401, 401],
    );
    for (const [, text] of answers) {
      assert.doesNotMatch(text, /ExpectedCustomerName|C2|digest|[0-9a-f]{32}/i);
      assert.match(JSON.parse(text).result.msg, /^(malformed message|authentication failed)$/);
    }
    assert.ok(
      errors.some((m) => m.includes('ExpectedCustomerName')),
      'the app is told which customer was expected',
    );
  } finally {
    await srv.close();
  }
});

test('4. redirects: never to another origin, never with a body; a same-origin GET is followed', async () => {
  let elsewhere = 0;
  const other = await serve((_req, res) => {
    elsewhere++;
    res.end('{"code":0}');
  });
  const hits = [];
  const srv = await serve((req, res) => {
    hits.push(`${req.method} ${req.url.split('?')[0]}`);
    if (req.url.startsWith('/api/login')) {
      res.writeHead(307, { Location: `${other.url}/api/login?steal=1` });
      return res.end();
    }
    if (req.url.startsWith('/openapi/')) {
      res.writeHead(308, { Location: '/elsewhere' });
      return res.end();
    }
    if (req.url.startsWith('/voip/api/jsondata.html')) {
      res.writeHead(302, { Location: '/voip/api/moved.html' + req.url.slice(req.url.indexOf('?')) });
      return res.end();
    }
    if (req.url.startsWith('/voip/api/moved.html')) {
      res.setHeader('Content-Type', 'application/json');
      return res.end('{"code":0,"message":"","exteId":1,"extension":"8001"}');
    }
    res.writeHead(404).end();
  });
  try {
    const x = new XiaoAClient({ baseUrl: srv.url, username: 'demo', password: 'pw-never-elsewhere', retries: 0 });
    const e = await rejects(x.login(), { code: 'REDIRECT', httpStatus: 307, endpoint: 'login' });
    assert.match(e.message, new RegExp(`to ${other.url}/api/login \\(query not shown\\)`));
    assert.doesNotMatch(e.message, /steal/);
    const s = new ScccClient({ baseUrl: srv.url, customer: 'C2', password: SCCC_PASSWORD, retries: 0 });
    await rejects(s.agentInfo(), { code: 'REDIRECT', httpStatus: 308 });
    // 八百呼 reads are GETs: a same-origin redirect is followed.
    const b = new BaiBaiHuClient({ baseUrl: srv.url, user: '100008800', password: 'x', retries: 0 });
    assert.equal((await b.getExtension()).extension, '8001');
    assert.equal(elsewhere, 0, 'nothing reached the other origin');
    assert.deepEqual(hits, ['POST /api/login', 'POST /openapi/V2.0.6/getAgentInfo', 'GET /voip/api/jsondata.html', 'GET /voip/api/moved.html']);
    // A redirect loop on the same origin stops.
    const loop = await serve((req, res) => res.writeHead(302, { Location: req.url }).end());
    try {
      await rejects(new BaiBaiHuClient({ baseUrl: loop.url, user: '1', password: 'x', retries: 0 }).getExtensions(), { code: 'REDIRECT' });
    } finally {
      await loop.close();
    }
    figures.push(
      'redirects: 307 to another origin (login with its password) and 308 of a POST refused with REDIRECT, 0 requests reached the other origin; a same-origin 302 of a GET followed; a loop stops after 5',
    );
  } finally {
    await srv.close();
    await other.close();
  }
});

test('5. baseUrl is validated at once in every constructor and URL builder; no message quotes a query string', async () => {
  const bad = [
    'http://user:pass@h.example',
    'http://h.example\r\nX-Evil: 1',
    'http://h.example/\nhttp://evil.example',
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://h.example',
    'http://h.example:99999',
    'http://h.example/?a=1',
    'http://h.example/#f',
    ' http://h.example',
  ];
  const session = { user_sn: SN, api_key: 'Kpd2vKYC' };
  for (const baseUrl of bad) {
    const checks = [
      () => new XiaoAClient({ baseUrl, username: 'u', password: 'p' }),
      () => new ScccClient({ baseUrl, customer: 'C2', password: 'p' }),
      () => new BaiBaiHuClient({ baseUrl, user: '1', password: 'p' }),
      () => downloadUrl(baseUrl, 'cdrDownload', session, { recordpath: '/a', recordfile: '/b' }),
      () =>
        downloadUrls(baseUrl, 'cdrDownload', session, [
          { recordpath: '/a', recordfile: '/b' },
          { recordpath: '/c', recordfile: '/d' },
        ]),
    ];
    for (const f of checks) assert.throws(f, (e) => e instanceof WaihuError && e.code === 'INVALID_ARGUMENT' && e.path === 'baseUrl' && !/Kpd2vKYC|pass@/.test(e.message), JSON.stringify(baseUrl));
  }
  // A fetch that quotes the URL in its error (as "Failed to parse URL from …" does).
  const quoting = async (request) => {
    throw new TypeError(`Failed to parse URL from ${request.url}`);
  };
  const b = new BaiBaiHuClient({ baseUrl: 'http://127.0.0.1:9', user: '100008800', password: 'pw', fetch: quoting, retries: 0 });
  const e = await rejects(b.getExtension(), { code: 'NETWORK' });
  assert.doesNotMatch(e.message, /sa_password=|[0-9A-F]{32}/i);
  assert.match(e.message, /jsondata\.html\?…/);
  const x = new XiaoAClient({
    baseUrl: 'http://127.0.0.1:9',
    username: 'u',
    password: 'pw',
    session: { ...session, api_key_expire: Math.floor(Date.now() / 1000) + 7200 },
    fetch: quoting,
    retries: 0,
  });
  assert.doesNotMatch((await rejects(x.crmList(), { code: 'NETWORK' })).message, /Kpd2vKYC/);
});

/** A server that answers `bytes` bytes (declared or chunked), 1 MB at a time. */
function floodServer({ bytes, declare }) {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  return serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...(declare ? { 'Content-Length': String(bytes) } : {}) });
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('close', () => (sent = bytes));
    pump();
  });
}

test('6. answers are bounded: a 300 MB answer refused with maxResponseBytes 1 MB, RSS growth under 60 MB', async () => {
  const chunked = await floodServer({ bytes: 300 * 1024 * 1024, declare: false });
  const declared = await floodServer({ bytes: 300 * 1024 * 1024, declare: true });
  try {
    // In a child process, so that its RSS is the client's alone.
    const script = `
      const { BaiBaiHuClient, XiaoAClient } = require(${JSON.stringify(pkgDir)});
      (async () => {
        const rss0 = process.memoryUsage().rss;
        const out = {};
        for (const [name, url] of [['chunked', ${JSON.stringify(chunked.url)}], ['declared', ${JSON.stringify(declared.url)}]]) {
          const t = Date.now();
          const c = new BaiBaiHuClient({ baseUrl: url, user: '1', password: 'p', maxResponseBytes: 1024 * 1024, retries: 0, timeoutMs: 15000 });
          try { await c.getExtension(); out[name] = 'resolved'; } catch (e) { out[name] = { code: e.code, message: e.message, ms: Date.now() - t }; }
        }
        const x = new XiaoAClient({ baseUrl: ${JSON.stringify(chunked.url)}, username: 'u', password: 'p', maxResponseBytes: 1024 * 1024, retries: 0 });
        try { await x.login(); } catch (e) { out.xiaoa = e.code; }
        out.rssGrowthMb = (process.memoryUsage().rss - rss0) / 1e6;
        console.log(JSON.stringify(out));
      })();`;
    const out = JSON.parse(
      await new Promise((resolve, reject) => {
        import('node:child_process').then(({ execFile }) =>
          execFile(process.execPath, ['-e', script], { timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout))),
        );
      }),
    );
    assert.equal(out.chunked.code, 'RESPONSE_TOO_LARGE');
    assert.equal(out.declared.code, 'RESPONSE_TOO_LARGE');
    assert.match(out.declared.message, /declared as 314572800 bytes/);
    assert.equal(out.xiaoa, 'RESPONSE_TOO_LARGE');
    assert.ok(out.rssGrowthMb < 60, `RSS grew ${out.rssGrowthMb} MB`);
    figures.push(
      `300 MB answers with maxResponseBytes 1 MB: chunked refused after ${out.chunked.ms} ms, Content-Length refused after ${out.declared.ms} ms, client RSS +${out.rssGrowthMb.toFixed(1)} MB`,
    );
  } finally {
    await chunked.close();
    await declared.close();
  }
});

test('7. no input traps the module: the longest string is refused before it is copied, and a trap restarts the module', () => {
  const longest = 'x'.repeat(2 ** 29 - 24);
  assert.throws(() => parsePush(longest), { code: 'TOO_LARGE' });
  assert.throws(() => waihu.phpJsonEncode(longest), { code: 'TOO_LARGE' });
  assert.throws(() => waihu.urlHash({ a: longest.slice(0, 64 * 1024 * 1024) }), { code: 'TOO_LARGE' });
  assert.equal(parsePush(JSON.stringify({ sn: 'a' })).sn, 'a', 'the module works after');
  // A trap anyway (a bug): the module is re-instantiated; the next call works.
  const client = new XiaoAClient({ baseUrl: 'http://127.0.0.1:9', username: 'u', password: 'p' });
  assert.throws(
    () => waihu.WaihuError[Symbol.for('waihu.testTrap')](),
    (e) => e instanceof WaihuError && e.code === 'INTERNAL' && e.cause instanceof WebAssembly.RuntimeError,
  );
  assert.equal(waihu.urlHash({ username: 'xxx', password: 'xxx', from: 2 }), '1dbe80df');
  assert.equal(waihu.decryptClientInfo(waihu.encryptClientInfo([{ 姓名: 'a', 电话: '1' }], SN), SN), '{"data":[{"姓名":"a","电话":"1"}]}');
  assert.equal(parsePush(JSON.stringify({ sn: 'b' })).sn, 'b');
  // Objects of the old instance refuse to run instead of corrupting the new one.
  assert.throws(() => client.recordingUrl({ recordpath: '/a', recordfile: '/b' }), { code: 'INTERNAL' });
  assert.equal(new XiaoAClient({ baseUrl: 'http://127.0.0.1:9', username: 'u', password: 'p' }).baseUrl, 'http://127.0.0.1:9');
  figures.push(`a ${longest.length.toLocaleString('en')}-character string: TOO_LARGE before any copy; after a trap the module is restarted and the next call works`);
});

test('8. echoed secrets: a gateway echoing the URL, a login answer echoing the body', async () => {
  const password = 'S3cret-Pass!';
  const srv = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url.startsWith('/voip/')) {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return res.end(`<html><body>upstream error for GET ${req.url} (sa_password in the query)</body></html>`);
      }
      if (req.url.startsWith('/api/login')) {
        res.setHeader('Content-Type', 'application/json');
        return res.end(JSON.stringify({ code: 20004, msg: `bad login: ${body}` }));
      }
      if (req.url.startsWith('/openapi/')) {
        res.setHeader('Content-Type', 'application/json');
        return res.end(JSON.stringify({ result: { error: 1, msg: `denied: ${body}` } }));
      }
      res.end();
    });
  });
  try {
    const hash = md5(password).toUpperCase();
    const b = new BaiBaiHuClient({ baseUrl: srv.url, user: '100008800', password, retries: 0 });
    const e1 = await rejects(b.getExtension(), { code: 'HTTP', httpStatus: 502 });
    const x = new XiaoAClient({ baseUrl: srv.url, username: 'demo', password, retries: 0 });
    const e2 = await rejects(x.login(), { code: 'API', apiCode: 20004 });
    const s = new ScccClient({ baseUrl: srv.url, customer: 'C2', password, retries: 0 });
    const e3 = await rejects(s.agentInfo(), { code: 'API', apiCode: 1 });
    for (const e of [e1, e2, e3]) {
      const text = `${e.message} ${e.apiMsg ?? ''} ${JSON.stringify(e)}`;
      for (const secret of [password, hash, hash.toLowerCase()]) assert.ok(!text.includes(secret), `${e.code} leaks: ${text}`);
    }
    assert.match(e1.message, /jsondata\.html\?…/, 'the echoed URL is shown without its query');
    assert.match(e2.message, /"password":"\*\*\*"/, 'the echoed login body is shown with the password masked');
  } finally {
    await srv.close();
  }
});
