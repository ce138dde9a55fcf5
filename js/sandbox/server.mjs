// The waihu sandbox: a local emulation of the platforms for development and
// tests, with no dependencies (node:http, node:crypto).
//
//   import { startSandbox } from './js/sandbox/server.mjs';
//   const sb = await startSandbox();          // a free port on 127.0.0.1
//   sb.url                                    // → http://127.0.0.1:PORT (the baseUrl of 小A and SCCC)
//   sb.fault({ path: '/api/index', kind: 'html' });   // the next /api/index answers an HTML page
//   await sb.close();
//
// or from a shell, once the package is built:  node pkg/cli.mjs sandbox [--port 8088]
// (`waihu sandbox` for npm users; `make sandbox`).
//
// Options: port, host, platform ('all' | 'xiaoa' | 'sccc' | 'baibaihu': the
// others answer 404), latency (ms before every platform answer), faultRate
// (0..1: that share of platform requests meets a transient fault: HTTP 500,
// an HTML page, a truncated or reset answer), seed (makes faults and
// generated data repeatable), clockOffsetMs (the server's clock, its Date
// header and the SCCC timestamp check run that far from ours), xiaoa
// ({ jsonFlags, records, … } of createXiaoA), sccc, baibaihu, tls ({ key,
// cert } in PEM: serve https).
//
// Every answer carries CORS headers, so browser pages on other origins can
// call it. Faults: status (HTTP 500 + HTML), html (200 + HTML), truncated,
// empty, delay (ms), reset (connection dropped mid-body), api (a platform
// error `code`), redirect (`status`, `location`), huge (`bytes` of body),
// stall (the request is handled, its answer held back `ms`, default until
// the client gives up); status takes `retryAfter` (a Retry-After header).
// Every fault takes `times` (default 1) and `after` (let that many matching
// requests through first). Control over HTTP: POST /__sandbox/fault {path,kind,...},
// POST /__sandbox/expire, GET /__sandbox/state.
import http from 'node:http';
import https from 'node:https';
import { createXiaoA, seededRandom } from './xiaoa.mjs';
import { createSccc, SCCC_CUSTOMER, SCCC_PASSWORD } from './sccc.mjs';
import { createBaiBaiHu } from './baibaihu.mjs';

/** The accounts every sandbox has (printed by `waihu sandbox`). */
export const SANDBOX_ACCOUNTS = {
  xiaoa: { username: 'demo', password: 'demo123' },
  sccc: { customer: SCCC_CUSTOMER, password: SCCC_PASSWORD, agents: ['1000', '1001', '8000'] },
  baibaihu: { user: '100008800', password: '02367073578', staff: { user: '100008801', password: 'staff-pass', note: 'not an administrator' } },
};
const PLATFORMS = ['xiaoa', 'sccc', 'baibaihu'];

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type, Accept',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Retry-After',
};

export async function startSandbox(options = {}) {
  const faults = [];
  const requests = [];
  let publicUrl = '';
  const platform = options.platform ?? 'all';
  if (platform !== 'all' && !PLATFORMS.includes(platform)) throw new Error(`platform must be all, ${PLATFORMS.join(', ')}`);
  const serves = (p) => platform === 'all' || platform === p;
  const random = options.seed === undefined ? Math.random : seededRandom(Number(options.seed));
  const offset = Number(options.clockOffsetMs ?? 0);
  const now = () => Date.now() + offset;
  const latency = Number(options.latency ?? 0);
  const faultRate = Number(options.faultRate ?? 0);
  const xiaoa = createXiaoA({ now, random, ...options.xiaoa, publicUrl: () => publicUrl });
  const sccc = createSccc({ now, ...options.sccc });
  const baibaihu = createBaiBaiHu({ now, ...options.baibaihu });
  const sockets = new Set();
  const RANDOM_FAULTS = ['status', 'html', 'truncated', 'reset'];

  function takeFault(path) {
    const i = faults.findIndex((f) => path.startsWith(f.path));
    if (i < 0) {
      if (faultRate > 0 && !path.startsWith('/__sandbox/') && random() < faultRate) return { path, kind: RANDOM_FAULTS[Math.floor(random() * RANDOM_FAULTS.length)] };
      return undefined;
    }
    const f = faults[i];
    if (f.after > 0) {
      f.after--;
      return undefined;
    }
    if (--f.times <= 0) faults.splice(i, 1);
    return f;
  }

  function send(res, req, result) {
    const headers = { ...CORS };
    if (result.file) {
      const bytes = result.file.bytes;
      headers['Content-Type'] = result.file.type;
      headers['Accept-Ranges'] = 'bytes';
      if (result.file.name) headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(result.file.name)}`;
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
      if (range) {
        const start = range[1] ? Number(range[1]) : 0;
        const end = range[2] ? Math.min(Number(range[2]), bytes.length - 1) : bytes.length - 1;
        headers['Content-Range'] = `bytes ${start}-${end}/${bytes.length}`;
        headers['Content-Length'] = end - start + 1;
        res.writeHead(206, headers).end(bytes.subarray(start, end + 1));
        return;
      }
      headers['Content-Length'] = bytes.length;
      res.writeHead(result.status, headers).end(bytes);
      return;
    }
    const text = result.json !== undefined ? JSON.stringify(result.json) : (result.text ?? '');
    headers['Content-Type'] = result.json !== undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
    res.writeHead(result.status, headers).end(text);
  }

  async function applyFault(f, res, req, normal) {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    switch (f.kind) {
      case 'delay':
        await new Promise((r) => setTimeout(r, f.ms ?? 1000));
        if (res.destroyed) return;
        return send(res, req, normal());
      case 'status':
        // `retryAfter`: a Retry-After header (seconds, or an HTTP date), as a throttling server sends.
        return res.writeHead(f.status ?? 500, { ...CORS, 'Content-Type': 'text/html', ...(f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {}) }).end(html);
      case 'html':
        return res.writeHead(200, { ...CORS, 'Content-Type': 'text/html' }).end(html);
      case 'empty':
        return res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end('');
      case 'truncated': {
        const r = normal();
        const text = JSON.stringify(r.json ?? { code: 0, data: { total: 1, list: [{ a: 1 }] } });
        return res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' }).end(text.slice(0, Math.max(1, text.length >> 1)));
      }
      case 'reset': {
        const r = normal();
        const text = JSON.stringify(r.json ?? { code: 0 }) + ' '.repeat(4096);
        res.writeHead(200, { ...CORS, 'Content-Type': 'application/json', 'Content-Length': text.length + 1000 });
        res.write(text.slice(0, 64));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'redirect':
        // A server that moved (or an attacker's): `location` may be another origin.
        return res.writeHead(f.status ?? 307, { ...CORS, Location: f.location ?? '/elsewhere' }).end();
      case 'huge': {
        // An answer of `bytes` bytes (default 64 MiB), chunked, 64 KiB at a time.
        const chunk = Buffer.alloc(65536, 0x20);
        let left = f.bytes ?? 64 * 1024 * 1024;
        res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
        res.write('{"code":0,"data":"');
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            left -= chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          if (!res.destroyed) res.end('"}');
        };
        res.on('close', () => (left = 0));
        return pump();
      }
      case 'stall': {
        // Handled (the state changes), the answer never arrives in time.
        const r = normal();
        await new Promise((resolve) => {
          const t = setTimeout(resolve, f.ms ?? 2 ** 31 - 1);
          res.on('close', () => {
            clearTimeout(t);
            resolve();
          });
        });
        if (!res.destroyed) send(res, req, r);
        return;
      }
      case 'api':
        // The platform's own error shape: SCCC `result.error`, 八百呼 and 小A `code`.
        if (f.path.startsWith('/openapi/')) return send(res, req, { status: 200, json: { data: null, logs: '', result: { error: f.code ?? -1, msg: f.msg ?? 'sandbox fault' } } });
        if (f.path.startsWith('/voip/')) return send(res, req, { status: 200, json: { code: f.code ?? -1, message: f.msg ?? 'sandbox fault' } });
        return send(res, req, { status: 200, json: { code: f.code ?? 500, msg: f.msg ?? 'sandbox fault' } });
      default:
        return res.writeHead(500, CORS).end(`unknown fault kind ${f.kind}`);
    }
  }

  async function readBody(req) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    return Buffer.concat(chunks);
  }

  const handler = async (req, res) => {
    try {
      // The server's own clock (clockOffsetMs), as a Date header says it.
      if (offset) res.setHeader('Date', new Date(now()).toUTCString());
      const url = new URL(req.url, 'http://sandbox');
      if (req.method === 'OPTIONS') {
        requests.push({ method: req.method, path: url.pathname, at: Date.now() });
        res.writeHead(204, { ...CORS, 'Access-Control-Max-Age': '600' }).end();
        return;
      }
      const body = await readBody(req);
      // What arrived, for tests that check the request itself (bodies up to 256 KB).
      requests.push({
        method: req.method,
        path: url.pathname,
        at: Date.now(),
        query: url.search,
        contentType: req.headers['content-type'] ?? '',
        body: body.length <= 262144 ? body.toString('utf8') : `(${body.length} bytes)`,
        ...(req.headers.range ? { range: req.headers.range } : {}),
      });
      if (url.pathname.startsWith('/__sandbox/')) {
        const cmd = url.pathname.slice('/__sandbox/'.length);
        if (cmd === 'fault' && req.method === 'POST') {
          api.fault(JSON.parse(body.toString('utf8') || '{}'));
          return send(res, req, { status: 200, json: { ok: true, pending: faults.length } });
        }
        if (cmd === 'expire' && req.method === 'POST') {
          xiaoa.expireKeys();
          return send(res, req, { status: 200, json: { ok: true } });
        }
        if (cmd === 'state') {
          const s = xiaoa.state;
          return send(res, req, { status: 200, json: { tasks: s.tasks.length, records: s.records.length, logins: s.logins, pushes: s.pushes.length, faults: faults.length } });
        }
        return send(res, req, { status: 404, text: 'unknown sandbox command' });
      }
      const m = /^\/api\/\s*([A-Za-z]+)$/.exec(url.pathname);
      const o = /^\/openapi\/([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      const normal = () => {
        const p = m ? 'xiaoa' : url.pathname.startsWith('/voip/') ? 'baibaihu' : 'sccc';
        if (!serves(p)) return { status: 404, text: `this sandbox serves ${platform} only` };
        if (m) return xiaoa.handle({ method: req.method, endpoint: m[1], query: url.searchParams, contentType: req.headers['content-type'], body });
        if (url.pathname === '/voip/api/jsondata.html') return baibaihu.handle({ method: req.method, query: url.searchParams, contentType: req.headers['content-type'], body });
        if (url.pathname.startsWith('/voip/')) return baibaihu.download(decodeURIComponent(url.pathname), url.searchParams) ?? { status: 404, text: 'not found' };
        if (o && req.method === 'POST') return sccc.handle({ version: o[1], apiName: o[2], body });
        if (req.method === 'GET') return sccc.recording(decodeURIComponent(url.pathname)) ?? { status: 404, text: 'not found' };
        return { status: 404, text: 'not found' };
      };
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      const fault = takeFault(url.pathname);
      if (fault) return await applyFault(fault, res, req, normal);
      send(res, req, normal());
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, CORS).end(String(e && e.stack));
    }
  };
  // `tls: { key, cert }` (PEM) serves https, e.g. to check certificate handling.
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  server.on(options.tls ? 'secureConnection' : 'connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  publicUrl = `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`;

  const api = {
    url: publicUrl,
    port,
    xiaoa,
    sccc,
    baibaihu,
    requests,
    /** Queues a fault for the next request(s) whose path starts with `path`. */
    fault(f) {
      faults.push({ ...f, path: f.path ?? '/', times: f.times ?? 1, after: f.after ?? 0 });
    },
    clearFaults() {
      faults.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
  return api;
}
