#!/usr/bin/env node
// The web CRM console (www/) and the platform sandbox, on 127.0.0.1:
//   node scripts/demo.mjs [--port 8080] [--sandbox-port 8088]
// `make demo` runs it after the Node quickstarts; Ctrl-C stops both.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../js/sandbox/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Serves www/ at / and the package at /pkg/, with /config.json pointing at the sandbox. */
export async function startDemo({ host = '127.0.0.1', port = 8080, sandboxPort = 8088 } = {}) {
  const sandbox = await listenOrFree((p) => startSandbox({ host, port: p }), sandboxPort);
  const config = JSON.stringify({ baseUrl: sandbox.url, username: 'demo' });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://demo');
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store' }).end(config);
      return;
    }
    const [base, rel] = url.pathname.startsWith('/pkg/') ? [path.join(root, 'pkg'), url.pathname.slice(5)] : [path.join(root, 'www'), url.pathname.slice(1) || 'index.html'];
    const file = path.join(base, decodeURIComponent(rel));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  const sockets = new Set();
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  const wwwPort = await listenOrFree(
    (p) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, host, () => resolve(server.address().port));
      }),
    port,
  );
  return {
    url: `http://${host}:${wwwPort}/`,
    sandbox,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
      await sandbox.close();
    },
  };
}

/** Listens on `port`, or on a free port when it is taken. */
async function listenOrFree(listen, port) {
  try {
    return await listen(port);
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || port === 0) throw e;
    return listen(0);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : def;
  };
  const demo = await startDemo({ port: arg('--port', 8080), sandboxPort: arg('--sandbox-port', 8088) });
  console.log(`\n外呼控制台 (the web CRM console): open ${demo.url}`);
  console.log(`  it talks to the sandbox at ${demo.sandbox.url} — user demo, password demo123`);
  console.log('  Ctrl-C to stop');
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
