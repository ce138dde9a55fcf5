import { MAX_INPUT_CHARS, WaihuError, encoder, fail, guard, intOption, optionalFunction, wasm } from './runtime.js';
import { msOption, notificationOptions, verifyNotification } from './core.js';

export const HANDLER_OPTIONS = ['onNotification', 'onError', 'replayStore', 'maxBodyBytes', 'readTimeoutMs'];

// Reads a Node request's body: at most `max` bytes (more → TOO_LARGE,
// whether declared by Content-Length or found while reading), within
// `timeoutMs` for the whole body (→ TIMEOUT). Resolves to a Uint8Array.
export function readBody(req, max, timeoutMs) {
  return new Promise((resolve, reject) => {
    const declared = req.headers ? Number(req.headers['content-length']) : NaN;
    if (declared > max) {
      reject(fail('TOO_LARGE', `the body is declared as ${declared} bytes, over maxBodyBytes (${max}); refused before reading it`));
      return;
    }
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (typeof req.off === 'function') {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
      }
      if (err) {
        if (typeof req.pause === 'function') req.pause();
        reject(err);
      } else resolve(value);
    };
    const onData = (c) => {
      const bytes = typeof c === 'string' ? encoder.encode(c) : c;
      size += bytes.length;
      if (size > max) return finish(fail('TOO_LARGE', `the body is over maxBodyBytes (${max} bytes); reading stopped`));
      chunks.push(bytes);
    };
    const onEnd = () => {
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      finish(null, out);
    };
    const onError = (e) => finish(fail('INVALID_JSON', `the body could not be read: ${e && e.message}`, { cause: e }));
    const timer = setTimeout(() => finish(fail('TIMEOUT', `the body did not arrive within readTimeoutMs (${timeoutMs} ms); the connection was closed`)), timeoutMs);
    if (typeof req.on === 'function') {
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
    } else if (req && typeof req[Symbol.asyncIterator] === 'function') {
      (async () => {
        try {
          for await (const c of req) {
            if (done) return;
            onData(c);
          }
          onEnd();
        } catch (e) {
          onError(e);
        }
      })();
    } else {
      finish(fail('INVALID_ARGUMENT', 'req is neither a Node request nor an async iterable of chunks, and has no body'));
    }
  });
}

// What a framework already parsed (`req.body`), measured like a raw body.
export function parsedBody(body, max) {
  const size = typeof body === 'string' ? body.length : body instanceof ArrayBuffer || ArrayBuffer.isView(body) ? body.byteLength : 0;
  if (size > max) throw fail('TOO_LARGE', `the body is over maxBodyBytes (${max} bytes)`);
  return body;
}

// The module's own replay memory (bounded: 100,000 keys), the default store.
export function memoryReplayStore(windowMs) {
  return {
    seen: (key) => wasm.__replaySeen(key, windowMs) >= 0,
    remember: (key) => wasm.__replayRemember(key),
  };
}

/**
 * A Node HTTP handler ((req, res) => Promise) for SCCC pushes. The caller
 * may be anyone: the body is bounded (maxBodyBytes, Content-Length first:
 * 413) and must arrive within readTimeoutMs (408, connection closed); the
 * digest, the customer and the clock are checked (401); a notification
 * accepted before is refused (replay protection on, window 2 × maxSkewMs;
 * recorded only once onNotification succeeded, so a failed delivery can
 * come again: 500); answers say only what failed, in generic words — the
 * details go to onError.
 */
export function createScccNotificationHandler(options) {
  const o = notificationOptions(options, HANDLER_OPTIONS);
  const onNotification = optionalFunction(o.o.onNotification, 'options.onNotification');
  if (!onNotification) throw fail('INVALID_ARGUMENT', 'options.onNotification is required', { path: 'options.onNotification' });
  const onError = optionalFunction(o.o.onError, 'options.onError');
  const maxBodyBytes = intOption(o.o.maxBodyBytes, 'options.maxBodyBytes', 1024 * 1024, 1, MAX_INPUT_CHARS);
  const readTimeoutMs = intOption(o.o.readTimeoutMs, 'options.readTimeoutMs', 10000, 1, 2147483647);
  const windowMs = msOption(o.o.replayWindowMs, 'options.replayWindowMs', o.maxSkewMs >= 0 ? 2 * o.maxSkewMs : 600000);
  let store = null;
  if (windowMs >= 0) {
    const given = o.o.replayStore;
    if (given !== undefined && given !== null) {
      if (typeof given !== 'object' || typeof given.seen !== 'function' || typeof given.remember !== 'function') {
        throw fail('INVALID_ARGUMENT', 'options.replayStore must be { seen(key), remember(key, ttlMs) } (each may return a Promise)', { path: 'options.replayStore' });
      }
      store = given;
    } else store = memoryReplayStore(windowMs);
  }
  const processing = new Set(); // keys being handled by this process right now
  const report = (error, status, stage) => {
    if (!onError) return;
    try {
      onError(error, { status, stage });
    } catch (e) {
      console.warn('waihu: the onError callback threw; ignored:', e);
    }
  };
  const verify = guard(verifyNotification);
  return async function scccNotificationHandler(req, res) {
    let status = 200;
    let code;
    let key;
    let stage = 'read';
    try {
      const body = req.body !== undefined ? parsedBody(req.body, maxBodyBytes) : await readBody(req, maxBodyBytes, readTimeoutMs);
      stage = 'verify';
      const n = verify(body, o, -1);
      if (store !== null) {
        stage = 'replay';
        const k = `${n.customer}\u0000${n.timestamp}\u0000${n.seq}`;
        if (processing.has(k)) throw fail('REPLAY', 'this notification is being processed by an earlier delivery of it');
        key = k;
        processing.add(key);
        stage = 'replayStore';
        const seen = await store.seen(key);
        stage = 'replay';
        if (seen) throw fail('REPLAY', 'this notification (the same customer, timestamp and seq) was already accepted: a replay or a duplicate delivery');
      }
      stage = 'onNotification';
      await onNotification(n);
      if (store !== null) {
        stage = 'replayStore';
        await store.remember(key, windowMs);
      }
    } catch (e) {
      // The app's own failures (its handler, its store) are 500s, so the
      // platform delivers again; the caller learns nothing more.
      code = e instanceof WaihuError && stage !== 'onNotification' && stage !== 'replayStore' ? e.code : 'INTERNAL';
      status = { TOO_LARGE: 413, TIMEOUT: 408, BAD_SIGNATURE: 401, CLOCK_SKEW: 401, REPLAY: 401, INTERNAL: 500 }[code] ?? 400;
      report(e, status, stage);
    } finally {
      if (key !== undefined) processing.delete(key);
    }
    // A body left unread (too large, too slow) is not drained: the
    // connection is closed once the answer is out.
    const close = code === 'TOO_LARGE' || code === 'TIMEOUT';
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (close) res.setHeader('Connection', 'close');
    const answer = wasm.__scccNotificationAnswer(code);
    if (close && typeof req.destroy === 'function') res.end(answer, () => req.destroy());
    else res.end(answer);
  };
}
