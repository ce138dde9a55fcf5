// The public JavaScript API of waihu, shared by every entry point.
//
// `scripts/build.mjs` wraps this file into pkg/index.cjs (Node, CommonJS,
// synchronous init), pkg/index.mjs (Node ESM) and pkg/web.mjs (browsers and
// bundlers, explicit `await init()`). It only converts JS values to the JSON
// text the Rust core reads (written straight into wasm memory, see
// src/js/scratch.rs) and checks what JSON.stringify would silently lose
// (NaN, BigInt, functions, Maps, lone surrogates). Every protocol rule lives
// in Rust.
//
// Lines between `// #if clients` and `// #endif clients` are the three client
// classes and what only they use: scripts/build.mjs leaves them out of
// `waihu/core` for browsers, whose module is built without the clients.

'use strict';

/** The one error class of waihu: a real Error with a stable `code`. */
class WaihuError extends Error {
  constructor(code, message, fields) {
    super(message);
    this.code = code;
    if (fields) {
      for (const k of Object.keys(fields)) {
        if (fields[k] !== undefined) this[k] = fields[k];
      }
    }
  }

  toJSON() {
    const o = { name: this.name, code: this.code, message: this.message };
    for (const k of Object.keys(this)) if (!(k in o)) o[k] = this[k];
    return o;
  }
}
Object.defineProperty(WaihuError.prototype, 'name', { value: 'WaihuError', writable: true, configurable: true });

function createApi(wasm, platform) {
  const MAX_DEPTH = 511;
  // The longest text one call copies into wasm memory (UTF-16 code units,
  // i.e. string length): 64 Mi, at most 192 MiB of UTF-8. Anything longer is
  // refused before it is copied (TOO_LARGE), so no input can exhaust the
  // module's memory and trap it.
  const MAX_INPUT_CHARS = 64 * 1024 * 1024;
  const encoder = new TextEncoder();
  let memory = null;
  let heap = null;

  function fail(code, message, fields) {
    return new WaihuError(code, message, fields);
  }

  // Arguments may run user code (getters, Proxies, toJSON). Whatever that
  // throws becomes a WaihuError with the original as `cause`. A wasm trap (a
  // bug of ours, or memory exhausted) becomes INTERNAL, and the module is
  // re-instantiated so that the next call works (see `afterTrap`).
  // Every public function takes at most 5 arguments: a fixed-arity wrapper
  // costs less per call than a rest parameter and `apply` (W1 is ~2 µs).
  function guard(fn) {
    const guarded = function (a, b, c, d, e5) {
      try {
        return fn.call(this, a, b, c, d, e5);
      } catch (e) {
        throw wrapThrown(e);
      }
    };
    Object.defineProperty(guarded, 'name', { value: fn.name });
    return guarded;
  }

  function wrapThrown(e) {
    if (e instanceof WaihuError) return e;
    if (typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError) return afterTrap(e);
    if (e instanceof RangeError && /Invalid string length/.test(e.message)) {
      return fail('TOO_LARGE', `the arguments make a text longer than JavaScript strings can be (${e.message}); split the input`, { cause: e });
    }
    if (e instanceof Error && /stale object from previous Wasm instance/.test(e.message)) {
      return fail('INTERNAL', 'this object was created before waihu restarted its module after an internal error; create it again', { cause: e });
    }
    return fail('INVALID_ARGUMENT', `could not read the arguments: ${e && e.message}`, { cause: e });
  }

  // ---- a trap must not brick the module ----
  // After a trap the instance's state is unknown (its stack pointer, a buffer
  // left borrowed), so it is replaced by a fresh instance of the same module.
  // Not while client calls are in flight: their state lives in the old
  // instance, whose callbacks must not land in the new one — the restart
  // waits until they have settled. Objects of the old instance (clients,
  // pagers) then throw INTERNAL, "create it again".
  let inFlight = 0;
  let restartPending = false;
  function afterTrap(e) {
    const canRestart = typeof wasm.__wbg_reset_state === 'function';
    if (canRestart) {
      restartPending = true;
      if (inFlight === 0) restart();
    }
    return fail(
      'INTERNAL',
      `waihu hit an internal error (${e.message}): a bug, please report it with the input that caused it. ${canRestart ? 'The module was restarted: the next call works; clients created before must be created again.' : 'Reload the module.'}`,
      { cause: e },
    );
  }
  function restart() {
    restartPending = false;
    wasm.__wbg_reset_state();
    memory = null;
    heap = null;
    scratchView = null;
    scratchCap = 0;
    ready();
  }
  // Counts a client call in flight until its promise settles.
  function track(promise) {
    inFlight++;
    const settled = () => {
      if (--inFlight === 0 && restartPending) restart();
    };
    promise.then(settled, settled);
    return promise;
  }

  function ready() {
    if (memory !== null) return;
    wasm.__setErrorClass(WaihuError);
    memory = wasm.__memory();
  }

  function need() {
    if (memory === null) {
      throw fail('NOT_INITIALIZED', 'waihu is not initialised yet: `await init()` (or call initSync) before using it');
    }
  }

  function view() {
    if (heap === null || heap.buffer !== memory.buffer) heap = new Uint8Array(memory.buffer);
    return heap;
  }

  // Writes `text` as UTF-8 into the wasm scratch buffer; returns its length.
  // Small texts get room for 3 bytes per character; big ones (lead lists,
  // mostly ASCII) 1.5, growing the buffer (which keeps what is written) only
  // if the text needs more: no temporary copy, no 3× reservation.
  // Only this file calls __scratch, so the buffer's address and size can be
  // remembered: small writes then cost no call into wasm and no new view.
  let scratchPtr = 0;
  let scratchCap = 0;
  let scratchView = null;
  function tooLarge(n) {
    return fail('TOO_LARGE', `the input is ${n} characters long; waihu takes at most ${MAX_INPUT_CHARS} (64 Mi) per call: split it (a long import: several importLeads calls with the same dial_task_main_sn)`);
  }
  function scratch(len) {
    const ptr = wasm.__scratch(len);
    if (ptr === 0) throw tooLarge(len);
    return ptr;
  }
  function put(text) {
    need();
    const n = text.length;
    if (n > MAX_INPUT_CHARS) throw tooLarge(n);
    let max = n <= 1 << 16 ? n * 3 : n + (n >> 1) + 16;
    if (max > scratchCap || scratchView === null || scratchView.buffer !== memory.buffer) {
      scratchPtr = scratch(Math.max(max, 4096));
      scratchCap = Math.max(max, 4096);
      scratchView = view().subarray(scratchPtr, scratchPtr + scratchCap);
    }
    let ptr = scratchPtr;
    let { read, written } = encoder.encodeInto(text, scratchView);
    while (read < n) {
      const room = (n - read) * 3;
      ptr = scratch(written + room);
      const r = encoder.encodeInto(text.slice(read), view().subarray(ptr + written, ptr + written + room));
      read += r.read;
      written += r.written;
      scratchCap = 0; // re-read the address next time
    }
    return written;
  }

  // Base64 of bytes in wasm memory: the runtime's native encoder when it has
  // one (Uint8Array#toBase64, Node's Buffer), else Rust's.
  const nativeBase64 =
    typeof Uint8Array.prototype.toBase64 === 'function'
      ? (ptr, len) => view().subarray(ptr, ptr + len).toBase64()
      : typeof Buffer === 'function' && typeof process === 'object' && process !== null && process.versions && process.versions.node
        ? (ptr, len) => Buffer.from(memory.buffer, ptr, len).toString('base64')
        : null;
  function scratchBase64(len) {
    scratchCap = 0;
    return nativeBase64 === null ? wasm.__base64Scratch(len) : nativeBase64(wasm.__scratch(0), len);
  }

  const wellFormed =
    typeof String.prototype.isWellFormed === 'function'
      ? (s) => s.isWellFormed()
      : (s) => !/\p{Surrogate}/u.test(s);

  // ---- JS value → JSON text, refusing what JSON.stringify would corrupt ----

  class Problem {
    constructor(code, message) {
      this.code = code;
      this.message = message;
      this.path = [];
    }
  }

  function describe(v) {
    if (v === null) return 'null';
    if (typeof v !== 'object') return typeof v;
    const name = v.constructor && v.constructor.name;
    return name ? `a ${name}` : 'an object';
  }

  function checkPrimitive(v) {
    switch (typeof v) {
      case 'string':
        if (!wellFormed(v)) {
          throw new Problem('INVALID_UNICODE', 'contains a lone UTF-16 surrogate, which PHP cannot encode; remove or replace it');
        }
        return;
      case 'number':
        if (!Number.isFinite(v)) {
          throw new Problem('INVALID_NUMBER', `is ${v}; PHP's json_encode refuses NaN and Infinity — send a finite number or a string`);
        }
        return;
      case 'bigint':
        throw new Problem('INVALID_NUMBER', 'is a BigInt, which JSON cannot carry; pass a Number (below 2^53) or a string of digits');
      case 'function':
      case 'symbol':
        throw new Problem('INVALID_ARGUMENT', `is a ${typeof v}, which cannot be sent as JSON`);
      default:
        return; // boolean, undefined (dropped or null, as JSON.stringify does)
    }
  }

  const REFUSED = [
    typeof Map === 'function' ? Map : null,
    typeof Set === 'function' ? Set : null,
    typeof WeakMap === 'function' ? WeakMap : null,
    typeof WeakSet === 'function' ? WeakSet : null,
    typeof ArrayBuffer === 'function' ? ArrayBuffer : null,
    typeof Blob === 'function' ? Blob : null,
    typeof Promise === 'function' ? Promise : null,
    RegExp,
    Error,
    Number,
    String,
    Boolean,
  ].filter(Boolean);

  function check(v, depth) {
    if (typeof v !== 'object' || v === null) {
      checkPrimitive(v);
      return;
    }
    if (depth >= MAX_DEPTH) {
      throw new Problem('TOO_DEEP', `nests deeper than ${MAX_DEPTH} levels (or is circular); PHP's json_decode stops there`);
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        try {
          check(x, depth + 1);
        } catch (p) {
          if (p instanceof Problem) p.path.unshift(i);
          throw p;
        }
      }
      return;
    }
    if (typeof v.toJSON === 'function') {
      let j;
      try {
        j = v.toJSON();
      } catch (e) {
        throw new Problem('INVALID_ARGUMENT', `has a toJSON() that threw: ${e && e.message}`);
      }
      if (j !== v) check(j, depth + 1);
      return;
    }
    if (ArrayBuffer.isView(v) || REFUSED.some((C) => v instanceof C)) {
      throw new Problem('INVALID_ARGUMENT', `is ${describe(v)}, which JSON.stringify would not send faithfully; convert it to a plain object, array or string`);
    }
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      try {
        if (!wellFormed(k)) {
          throw new Problem('INVALID_UNICODE', 'has a key with a lone UTF-16 surrogate, which PHP cannot encode');
        }
        check(v[k], depth + 1);
      } catch (p) {
        if (p instanceof Problem) p.path.unshift(k);
        throw p;
      }
    }
  }

  function pathString(root, segments) {
    let s = root;
    for (const seg of segments) s += typeof seg === 'number' ? `[${seg}]` : /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
    return s;
  }

  // True when `v` certainly needs no closer look: primitives JSON carries
  // faithfully, arrays and plain objects of them. No paths, no try/catch: the
  // hot paths (signing, 30,000-row imports) pay only for this walk; anything
  // else goes through `check`, which finds and names the problem.
  function clean(v, depth) {
    switch (typeof v) {
      case 'string':
        return wellFormed(v);
      case 'number':
        return Number.isFinite(v);
      case 'boolean':
        return true;
      case 'object':
        break;
      default:
        return false;
    }
    if (v === null) return true;
    if (depth >= MAX_DEPTH) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (!clean(v[i], depth + 1)) return false;
      return true;
    }
    const proto = Object.getPrototypeOf(v);
    if ((proto !== Object.prototype && proto !== null) || typeof v.toJSON === 'function') return false;
    for (const k in v) {
      if (!wellFormed(k) || !clean(v[k], depth + 1)) return false;
    }
    return true;
  }

  // Checks `v` and returns its JSON text; errors name the offending path.
  function jsonOf(v, root, depth) {
    if (clean(v, depth || 0)) return JSON.stringify(v);
    try {
      check(v, depth || 0);
    } catch (p) {
      if (!(p instanceof Problem)) throw p;
      const path = pathString(root, p.path);
      throw fail(p.code, `${path} ${p.message}`, { path });
    }
    return JSON.stringify(v);
  }

  function isPlainObject(v) {
    if (typeof v !== 'object' || v === null) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  // The entries of params given as a plain object, a Map or [key, value] pairs.
  function entriesOf(params, root) {
    if (params instanceof Map) {
      const out = [];
      for (const [k, v] of params) out.push([keyOf(k, root), v]);
      return out;
    }
    if (Array.isArray(params)) {
      return params.map((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw fail('INVALID_ARGUMENT', `${root}[${i}] must be a [key, value] pair`, { path: `${root}[${i}]` });
        }
        return [keyOf(pair[0], `${root}[${i}][0]`), pair[1]];
      });
    }
    if (typeof params === 'object' && params !== null && !ArrayBuffer.isView(params) && !REFUSED.some((C) => params instanceof C)) {
      return Object.keys(params).map((k) => [k, params[k]]);
    }
    throw fail('INVALID_ARGUMENT', `${root} must be a plain object, a Map or an array of [key, value] pairs; got ${describe(params)}`, { path: root });
  }

  function keyOf(k, where) {
    if (typeof k === 'number' && Number.isFinite(k)) k = String(k);
    if (typeof k !== 'string') {
      throw fail('INVALID_ARGUMENT', `${where}: keys must be strings, got ${describe(k)}`, { path: where });
    }
    if (!wellFormed(k)) {
      throw fail('INVALID_UNICODE', `${where}: key contains a lone UTF-16 surrogate`, { path: where });
    }
    return k;
  }

  // JSON text of a params object. Plain objects take the fast path
  // (JSON.stringify); Maps and pairs keep their order exactly.
  function paramsText(params, root) {
    if (isPlainObject(params)) return jsonOf(params, root);
    const parts = [];
    for (const [k, v] of entriesOf(params, root)) {
      if (v === undefined || v === null) continue;
      parts.push(JSON.stringify(k) + ':' + jsonOf(v, pathString(root, [k]), 1));
    }
    return '{' + parts.join(',') + '}';
  }

  const OPTION_BITS = new Map([
    ['escapeSlashes', 1],
    ['escapeUnicode', 2],
    ['escapeLineTerminators', 4],
  ]);

  function jsonFlags(options, root) {
    if (options === undefined || options === null) return 0;
    if (typeof options !== 'object') {
      throw fail('INVALID_ARGUMENT', `${root} must be an object like { escapeSlashes: false }, got ${describe(options)}`, { path: root });
    }
    let bits = 0;
    for (const k of Object.keys(options)) {
      const bit = OPTION_BITS.get(k);
      if (bit === undefined) {
        throw fail('INVALID_ARGUMENT', `${root}.${k} is not an option; expected ${[...OPTION_BITS.keys()].join(', ')}`, { path: `${root}.${k}` });
      }
      const v = options[k];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') {
        throw fail('INVALID_ARGUMENT', `${root}.${k} must be true or false, got ${describe(v)}`, { path: `${root}.${k}` });
      }
      if (!v) bits |= bit;
    }
    return bits;
  }

  function str(v, name, code) {
    if (typeof v !== 'string') {
      throw fail(code || 'INVALID_ARGUMENT', `${name} must be a string, got ${describe(v)}`, { path: name });
    }
    if (!wellFormed(v)) {
      throw fail(code || 'INVALID_UNICODE', `${name} contains a lone UTF-16 surrogate`, { path: name });
    }
    return v;
  }

  const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
  function hex8(bits) {
    return HEX2[bits >>> 24] + HEX2[(bits >>> 16) & 255] + HEX2[(bits >>> 8) & 255] + HEX2[bits & 255];
  }

  // ---- 小A: signing, download URLs, client_info_json ----

  const endpoints = new Map();
  function endpointInfo(name) {
    let info = endpoints.get(name);
    if (info === undefined) {
      need();
      const id = wasm.__endpointId(str(name, 'endpoint'));
      info = { id, excluded: new Set(wasm.__endpointExcluded(id)) };
      endpoints.set(name, info);
    }
    return info;
  }

  function phpJsonEncode(value, options) {
    const flags = jsonFlags(options, 'options');
    const text = value instanceof Map ? paramsText(value, 'value') : jsonOf(value, 'value');
    if (text === undefined) {
      throw fail('INVALID_ARGUMENT', `value is ${describe(value)}: there is nothing to encode`, { path: 'value' });
    }
    return wasm.__phpJsonEncode(put(text), flags);
  }

  function urlHash(params, options) {
    const flags = jsonFlags(options, 'options');
    return hex8(wasm.__urlHash(put(paramsText(params, 'params')), flags));
  }

  function signRequest(endpoint, params, options) {
    const flags = jsonFlags(options, 'options');
    const ep = endpointInfo(endpoint);
    const entries = entriesOf(params, 'params');
    const parts = [];
    const kept = [];
    for (const [k, v] of entries) {
      // `url` is what is computed: a given one (the document's forms show "url":"xxxx") is replaced.
      if (v === undefined || v === null || k === 'url') continue;
      kept.push([k, v]);
      // Excluded values (an uploaded file, the ciphertext) are sent but not
      // hashed: only their presence matters here.
      parts.push(JSON.stringify(k) + ':' + (ep.excluded.has(k) ? '0' : jsonOf(v, pathString('params', [k]), 1)));
    }
    const url = hex8(wasm.__signHash(ep.id, put('{' + parts.join(',') + '}'), flags));
    if (params instanceof Map) return new Map([['url', url], ...kept]);
    if (Array.isArray(params)) return [['url', url], ...kept];
    const out = { url };
    for (const [k, v] of kept) out[k] = v;
    return out;
  }

  // The checked base URL and the session's members as JSON text (without braces).
  function downloadArgs(baseUrl, endpoint, session) {
    const base = typeof URL === 'function' && baseUrl instanceof URL ? baseUrl.href : str(baseUrl, 'baseUrl');
    str(endpoint, 'endpoint');
    if (typeof session !== 'object' || session === null) {
      throw fail('NO_SESSION', `session must be { user_sn, api_key } from login, got ${describe(session)}`, { path: 'session' });
    }
    const sn = typeof session.user_sn === 'string' ? JSON.stringify(session.user_sn) : 'null';
    const key = typeof session.api_key === 'string' ? JSON.stringify(session.api_key) : 'null';
    return { base, members: '"user_sn":' + sn + ',"api_key":' + key };
  }

  function downloadUrl(baseUrl, endpoint, session, params, options) {
    const flags = jsonFlags(options, 'options');
    const { base, members } = downloadArgs(baseUrl, endpoint, session);
    let inner = params === undefined || params === null ? '{}' : paramsText(params, 'params');
    inner = inner.length > 2 ? ',' + inner.slice(1) : '}';
    return wasm.__downloadUrl(base, endpoint, put('{' + members + inner), flags);
  }

  // Many URLs for one endpoint and session in one crossing: a page of call
  // records, each with its player.
  function downloadUrls(baseUrl, endpoint, session, paramsList, options) {
    const flags = jsonFlags(options, 'options');
    const { base, members } = downloadArgs(baseUrl, endpoint, session);
    if (!Array.isArray(paramsList)) {
      throw fail('INVALID_ARGUMENT', `params must be an array of params objects, got ${describe(paramsList)}`, { path: 'params' });
    }
    if (paramsList.length === 0) return [];
    const sessionText = '{' + members + '}';
    let items;
    if (paramsList.every(isPlainObject)) {
      items = jsonOf(paramsList, 'params');
      items = items.slice(1, -1);
    } else {
      items = paramsList.map((p, i) => (p === undefined || p === null ? '{}' : paramsText(p, `params[${i}]`))).join(',');
    }
    const len = put('[' + sessionText + ',' + items + ']');
    return wasm.__downloadUrls(base, endpoint, len, flags).split('\n');
  }

  function encryptClientInfo(payload, userSn) {
    str(userSn, 'userSn', 'INVALID_USER_SN');
    let text;
    let rows;
    if (Array.isArray(payload)) {
      text = '{"data":' + jsonOf(payload, 'rows') + '}';
      rows = payload.length;
    } else if (typeof payload === 'string') {
      text = str(payload, 'payload');
      rows = -1;
    } else if (isPlainObject(payload) && Array.isArray(payload.data)) {
      text = jsonOf(payload, 'payload');
      rows = payload.data.length;
    } else {
      throw fail('INVALID_ARGUMENT', `payload must be an array of rows, { data: rows } or a JSON string; got ${describe(payload)}`, { path: 'payload' });
    }
    return scratchBase64(wasm.__encryptClientInfoInPlace(put(text), rows, userSn));
  }

  function decryptClientInfo(cipherText, userSn) {
    need();
    return wasm.__decryptClientInfo(str(cipherText, 'cipherText', 'BAD_CIPHERTEXT'), str(userSn, 'userSn', 'INVALID_USER_SN'));
  }

  // ---- SCCC ----

  function digestPart(v, name) {
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
    return str(v, name);
  }

  function scccDigest(customer, timestamp, seq, password) {
    need();
    return wasm.__scccDigest(str(customer, 'customer'), digestPart(timestamp, 'timestamp'), digestPart(seq, 'seq'), str(password, 'password'));
  }

  // ---- 小A client ----

  // #if clients
  // Async methods: argument errors reject the Promise too. Every call is
  // counted while in flight (see `track`).
  function asyncGuard(fn) {
    const guarded = function (a, b, c, d, e5) {
      try {
        return track(Promise.resolve(fn.call(this, a, b, c, d, e5)).catch((e) => Promise.reject(wrapThrown(e))));
      } catch (e) {
        return Promise.reject(wrapThrown(e));
      }
    };
    Object.defineProperty(guarded, 'name', { value: fn.name });
    return guarded;
  }

  // An async iterator over a pager's pages (each `next()` counted in flight).
  function pages(pager) {
    return (async function* () {
      for (;;) {
        let items;
        try {
          items = await track(pager.next());
        } catch (e) {
          throw wrapThrown(e);
        }
        if (items === undefined) return;
        yield* items;
      }
    })();
  }

  // #endif clients
  function optionalFunction(v, name) {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'function') throw fail('INVALID_ARGUMENT', `${name} must be a function, got ${describe(v)}`, { path: name });
    return v;
  }

  function checkKeys(obj, root, known) {
    for (const k of Object.keys(obj)) {
      if (!known.includes(k)) {
        const hint = known.find((x) => x.toLowerCase() === k.toLowerCase());
        throw fail('INVALID_ARGUMENT', `${root}.${k} is not an option${hint ? ` (did you mean ${hint}?)` : ''}; expected ${known.join(', ')}`, { path: `${root}.${k}` });
      }
    }
  }

  function objectArg(v, name, optional) {
    if (v === undefined || v === null) {
      if (optional) return {};
      throw fail('INVALID_ARGUMENT', `${name} is required`, { path: name });
    }
    if (typeof v !== 'object' || Array.isArray(v)) throw fail('INVALID_ARGUMENT', `${name} must be an object, got ${describe(v)}`, { path: name });
    return v;
  }

  // true/false, or the string and number forms documents write ("true", "0", 1).
  function boolOption(v, name, def) {
    if (v === undefined || v === null) return def;
    const b = { true: true, false: false, 1: true, 0: false }[String(v).toLowerCase()];
    if (typeof b !== 'boolean' || (typeof v !== 'boolean' && typeof v !== 'string' && typeof v !== 'number')) {
      throw fail('INVALID_ARGUMENT', `${name} must be true or false, got ${describe(v)}`, { path: name });
    }
    return b;
  }

  function parseJsonArg(text, name) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw fail('INVALID_JSON', `${name} is not JSON: ${e.message}`, { path: name });
    }
  }

  function intOption(v, name, def, min, max) {
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw fail('INVALID_ARGUMENT', `${name} must be an integer from ${min} to ${max}, got ${typeof v === 'number' ? v : describe(v)}`, { path: name });
    }
    return v;
  }

  // #if clients
  const INSPECT = Symbol.for('nodejs.util.inspect.custom');
  const CLIENT_OPTIONS = ['baseUrl', 'username', 'password', 'fetch', 'timeoutMs', 'retries', 'maxResponseBytes', 'json', 'session', 'onSession', 'onRetry'];
  // The most bytes of one answer a client reads (recordings are fetched by the page, not the client).
  const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
  const maxResponseBytes = (v) => intOption(v, 'options.maxResponseBytes', MAX_RESPONSE_BYTES, 1024, 512 * 1024 * 1024);

  function toBlob(upload) {
    if (typeof Blob === 'function' && upload instanceof Blob) return upload;
    if (upload instanceof ArrayBuffer || ArrayBuffer.isView(upload)) {
      return new Blob([upload], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    }
    throw fail('INVALID_ARGUMENT', `options.upload must be a File, Blob, Uint8Array or ArrayBuffer of the .xlsx, got ${describe(upload)}`, { path: 'options.upload' });
  }

  function pageIterator(core, method, query) {
    return pages(core.pager(method, put(paramsText(objectArg(query, 'query', true), 'query'))));
  }

  /** The 小A / 95AI platform: login once, call every endpoint, typed results. */
  class XiaoAClient {
    #core;
    #baseUrl;
    #username;

    constructor(options) {
      try {
        need();
        const o = objectArg(options, 'options');
        checkKeys(o, 'options', CLIENT_OPTIONS);
        const baseUrl = typeof URL === 'function' && o.baseUrl instanceof URL ? o.baseUrl.href : str(o.baseUrl, 'options.baseUrl');
        const username = str(o.username, 'options.username');
        const password = str(o.password, 'options.password');
        let session;
        if (o.session !== undefined && o.session !== null) {
          session = typeof o.session === 'string' ? o.session : jsonOf(objectArg(o.session, 'options.session'), 'options.session');
        }
        this.#core = new wasm.__XiaoAClient(
          baseUrl,
          username,
          password,
          intOption(o.timeoutMs, 'options.timeoutMs', 30000, 1, 2147483647),
          intOption(o.retries, 'options.retries', 2, 0, 10),
          maxResponseBytes(o.maxResponseBytes),
          jsonFlags(o.json, 'options.json'),
          optionalFunction(o.fetch, 'options.fetch'),
          optionalFunction(o.onSession, 'options.onSession'),
          optionalFunction(o.onRetry, 'options.onRetry'),
          session,
        );
        this.#baseUrl = baseUrl.replace(/\/+$/, '');
        this.#username = username;
      } catch (e) {
        if (e instanceof WaihuError) throw e;
        throw fail('INVALID_ARGUMENT', `could not read the options: ${e && e.message}`, { cause: e });
      }
    }

    get baseUrl() {
      return this.#baseUrl;
    }

    get username() {
      return this.#username;
    }

    /** The current session (the login `data`), or null. */
    get session() {
      return this.#core.session();
    }

    /** How many logins this client has made. */
    get loginCount() {
      return this.#core.loginCount;
    }

    login() {
      return this.#core.login();
    }

    /** Forgets the session locally (the platform has no logout endpoint). */
    logout() {
      this.#core.clearSession();
    }

    listTasks(query) {
      return this.#core.query('listTasks', put(paramsText(objectArg(query, 'query', true), 'query')));
    }

    tasks(query) {
      return pageIterator(this.#core, 'listTasks', query);
    }

    aiUsers() {
      return this.#core.query('aiUsers', put('{}'));
    }

    projects() {
      return this.#core.query('projects', put('{}'));
    }

    callTimes() {
      return this.#core.query('callTimes', put('{}'));
    }

    cdrList(query) {
      return this.#core.query('cdrList', put(paramsText(objectArg(query, 'query', true), 'query')));
    }

    crmList(query) {
      return this.#core.query('crmList', put(paramsText(objectArg(query, 'query', true), 'query')));
    }

    crmRecords(query) {
      return pageIterator(this.#core, 'crmList', query);
    }

    callDetail(args) {
      return this.#core.callDetail(put(paramsText(objectArg(args, 'args'), 'args')));
    }

    operateTask(pkeys, oper) {
      // The document's form: one object { pkeys, oper, project_type? } (7.7).
      if (isPlainObject(pkeys) && oper === undefined) return this.#core.operateTaskArgs(put(paramsText(pkeys, 'args')));
      return this.#core.operateTask(put(jsonOf(pkeys, 'pkeys')), str(oper, 'oper'));
    }

    saveCallTimes(rows) {
      if (!Array.isArray(rows)) throw fail('INVALID_ARGUMENT', `rows must be an array of call-time rows (from callTimes()), got ${describe(rows)}`, { path: 'rows' });
      return this.#core.saveCallTimes(put(jsonOf(rows, 'rows')));
    }

    setCallback(args) {
      return this.#core.setCallback(put(paramsText(objectArg(args, 'args'), 'args')));
    }

    templateFields(project_sn) {
      return this.#core.templateFields(str(project_sn, 'project_sn'));
    }

    importLeads(options, callbacks) {
      const o = objectArg(options, 'options');
      // The document's names (7.6) are accepted too: client_info_json ({ data: rows },
      // the rows, or their JSON text) for rows, aes for encrypt.
      const { rows: given, encrypt: enc, aes, client_info_json: info, ...task } = o;
      let rows = given;
      if (rows === undefined && info !== undefined) {
        const data = typeof info === 'string' ? parseJsonArg(info, 'options.client_info_json') : info;
        rows = Array.isArray(data) ? data : isPlainObject(data) ? data.data : undefined;
      }
      if (!Array.isArray(rows)) throw fail('INVALID_ARGUMENT', `options.rows must be an array of leads, got ${describe(rows)}`, { path: 'options.rows' });
      // Encrypted unless told otherwise; in the document's own form (client_info_json
      // without aes) plain, as 7.6 defines: "需要传 true，否则不传".
      const docForm = given === undefined && info !== undefined;
      const encrypt = boolOption(aes !== undefined ? aes : enc, aes !== undefined ? 'options.aes' : 'options.encrypt', !docForm);
      const cb = objectArg(callbacks, 'callbacks', true);
      checkKeys(cb, 'callbacks', ['onProgress']);
      const taskText = paramsText(task, 'options');
      return this.#core.importLeads(taskText, put(jsonOf(rows, 'rows')), encrypt, optionalFunction(cb.onProgress, 'callbacks.onProgress'));
    }

    importExcel(options) {
      const o = objectArg(options, 'options');
      const { upload, filename, ...task } = o;
      const blob = toBlob(upload);
      const name = filename !== undefined ? str(filename, 'options.filename') : typeof File === 'function' && upload instanceof File && upload.name ? upload.name : 'leads.xlsx';
      return this.#core.importExcel(paramsText(task, 'options'), blob, name);
    }

    /** A signed URL of a call recording (7.11), for an <audio> element. */
    recordingUrl(args) {
      const a = objectArg(args, 'args');
      return this.#core.downloadUrl('cdrDownload', ['recordpath', str(a.recordpath, 'args.recordpath'), 'recordfile', str(a.recordfile, 'args.recordfile')]);
    }

    /** A signed URL of an answer's recording (7.12): a turn's `fenduanluyin`. */
    fragmentUrl(args) {
      const a = objectArg(args, 'args');
      return this.#core.downloadUrl('cdrFragmentDownload', ['recordfile', str(a.recordfile, 'args.recordfile')]);
    }

    /** A signed URL of the project's Excel template (7.13). */
    templateUrl(project_sn) {
      return this.#core.downloadUrl('exportModel', ['project_sn', str(project_sn, 'project_sn')]);
    }

    toJSON() {
      const s = this.session;
      return {
        baseUrl: this.#baseUrl,
        username: this.#username,
        session: s && { user_sn: s.user_sn, api_key_expire: s.api_key_expire },
      };
    }

    [INSPECT](depth, options, inspect) {
      const view = this.toJSON();
      return `XiaoAClient ${inspect ? inspect(view, options) : JSON.stringify(view)}`;
    }
  }

  const ASYNC_METHODS = ['login', 'listTasks', 'aiUsers', 'projects', 'callTimes', 'cdrList', 'crmList', 'callDetail', 'operateTask', 'saveCallTimes', 'setCallback', 'templateFields', 'importLeads', 'importExcel'];
  for (const m of ASYNC_METHODS) {
    Object.defineProperty(XiaoAClient.prototype, m, { value: asyncGuard(XiaoAClient.prototype[m]), writable: true, configurable: true });
  }
  for (const m of ['tasks', 'crmRecords', 'recordingUrl', 'fragmentUrl', 'templateUrl', 'logout']) {
    Object.defineProperty(XiaoAClient.prototype, m, { value: guard(XiaoAClient.prototype[m]), writable: true, configurable: true });
  }

  // #endif clients
  // ---- SCCC client ----

  // #if clients
  const SCCC_OPTIONS = ['baseUrl', 'version', 'customer', 'password', 'agent', 'lang', 'debug', 'fetch', 'timeoutMs', 'retries', 'maxResponseBytes', 'onRetry'];
  const SCCC_METHODS = ['voiceVerify', 'agentQueryStatus', 'agentStatus', 'agentInfo', 'agentLogin', 'agentLogout', 'agentSetBusy', 'agentSetIdle', 'callNumber', 'hangupCall', 'createCallTask', 'queryCallTask', 'controlCallTask', 'addCallTaskNumbers', 'recordsList', 'cdrList'];
  const scccCores = new WeakMap();

  function digits(v, name) {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
    return str(v, name);
  }

  /** The SCCC call-center OpenAPI V2.0: every request signed with customer@timestamp@seq@password. */
  class ScccClient {
    constructor(options) {
      try {
        need();
        const o = objectArg(options, 'options');
        checkKeys(o, 'options', SCCC_OPTIONS);
        const baseUrl = typeof URL === 'function' && o.baseUrl instanceof URL ? o.baseUrl.href : str(o.baseUrl, 'options.baseUrl');
        // The document's examples write "param":{"debug":"true"}: the string forms are accepted too.
        const debug = o.debug === '' ? undefined : boolOption(o.debug, 'options.debug', undefined);
        const core = new wasm.__ScccClient(
          baseUrl,
          o.version === undefined ? 'V2.0.6' : str(o.version, 'options.version'),
          str(o.customer, 'options.customer'),
          str(o.password, 'options.password'),
          digits(o.agent, 'options.agent'),
          o.lang === undefined || o.lang === null ? undefined : str(o.lang, 'options.lang'),
          debug,
          intOption(o.timeoutMs, 'options.timeoutMs', 30000, 1, 2147483647),
          intOption(o.retries, 'options.retries', 2, 0, 10),
          maxResponseBytes(o.maxResponseBytes),
          optionalFunction(o.fetch, 'options.fetch'),
          optionalFunction(o.onRetry, 'options.onRetry'),
        );
        scccCores.set(this, { core, baseUrl: baseUrl.replace(/\/+$/, ''), customer: o.customer, version: o.version ?? 'V2.0.6', agent: digits(o.agent, 'options.agent') });
      } catch (e) {
        if (e instanceof WaihuError) throw e;
        throw fail('INVALID_ARGUMENT', `could not read the options: ${e && e.message}`, { cause: e });
      }
    }

    get baseUrl() {
      return scccCores.get(this).baseUrl;
    }

    get customer() {
      return scccCores.get(this).customer;
    }

    /** Several commands of one API in one request; resolves to every response (each with its own result). */
    batch(apiName, commands) {
      if (!Array.isArray(commands)) throw fail('INVALID_ARGUMENT', `commands must be an array of command objects, got ${describe(commands)}`, { path: 'commands' });
      return scccCores.get(this).core.batch(str(apiName, 'apiName'), put(jsonOf(commands, 'commands')));
    }

    /** Every recording from `startKey` on, paging by key (500 a page). */
    records(query) {
      const q = objectArg(query, 'query', true);
      checkKeys(q, 'query', ['startKey']);
      return pages(scccCores.get(this).core.recordsPager(q.startKey === undefined ? 0 : q.startKey));
    }

    /** The URL of a recording: `http://ip:port/<filename>` (20.7). */
    recordFileUrl(filename) {
      return scccCores.get(this).core.recordFileUrl(str(filename, 'filename'));
    }

    toJSON() {
      const c = scccCores.get(this);
      return { baseUrl: c.baseUrl, version: c.version, customer: c.customer, agent: c.agent };
    }

    [INSPECT](depth, options, inspect) {
      const view = this.toJSON();
      return `ScccClient ${inspect ? inspect(view, options) : JSON.stringify(view)}`;
    }
  }

  for (const m of SCCC_METHODS) {
    const fn = {
      [m](command) {
        return scccCores.get(this).core.call(m, put(paramsText(objectArg(command, 'command', true), 'command')));
      },
    }[m];
    Object.defineProperty(ScccClient.prototype, m, { value: asyncGuard(fn), writable: true, configurable: true });
  }
  Object.defineProperty(ScccClient.prototype, 'batch', { value: asyncGuard(ScccClient.prototype.batch), writable: true, configurable: true });
  for (const m of ['records', 'recordFileUrl']) {
    Object.defineProperty(ScccClient.prototype, m, { value: guard(ScccClient.prototype[m]), writable: true, configurable: true });
  }

  // #endif clients
  function msOption(v, name, def) {
    if (v === undefined) return def;
    if (v === null || v === false) return -1;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw fail('INVALID_ARGUMENT', `${name} must be a number of milliseconds (null turns the check off)`, { path: name });
    return v;
  }

  function notificationOptions(options, extra) {
    const o = objectArg(options, 'options');
    checkKeys(o, 'options', ['customer', 'password', 'maxSkewMs', 'replayWindowMs', ...extra]);
    return {
      customer: o.customer === undefined ? undefined : str(o.customer, 'options.customer'),
      password: str(o.password, 'options.password'),
      maxSkewMs: msOption(o.maxSkewMs, 'options.maxSkewMs', 300000),
      o,
    };
  }

  function verifyNotification(body, o, replayWindowMs) {
    need();
    const text = textOf(body, 'body') ?? jsonOf(objectArg(body, 'body'), 'body');
    return JSON.parse(wasm.__verifyScccNotification(put(text), o.customer, o.password, o.maxSkewMs, replayWindowMs));
  }

  /** Verifies an SCCC push (digest, clock, replays) and returns it typed; throws WaihuError otherwise. */
  function verifyScccNotification(body, options) {
    const o = notificationOptions(options, ['onNotification']);
    return verifyNotification(body, o, msOption(o.o.replayWindowMs, 'options.replayWindowMs', -1));
  }

  const HANDLER_OPTIONS = ['onNotification', 'onError', 'replayStore', 'maxBodyBytes', 'readTimeoutMs'];

  // Reads a Node request's body: at most `max` bytes (more → TOO_LARGE,
  // whether declared by Content-Length or found while reading), within
  // `timeoutMs` for the whole body (→ TIMEOUT). Resolves to a Uint8Array.
  function readBody(req, max, timeoutMs) {
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
  function parsedBody(body, max) {
    const size = typeof body === 'string' ? body.length : body instanceof ArrayBuffer || ArrayBuffer.isView(body) ? body.byteLength : 0;
    if (size > max) throw fail('TOO_LARGE', `the body is over maxBodyBytes (${max} bytes)`);
    return body;
  }

  // The module's own replay memory (bounded: 100,000 keys), the default store.
  function memoryReplayStore(windowMs) {
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
  function createScccNotificationHandler(options) {
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
          processing.add((key = k));
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

  // ---- 八百呼 client ----

  // #if clients
  const BBH_OPTIONS = ['baseUrl', 'user', 'password', 'passwordMd5', 'fetch', 'timeoutMs', 'retries', 'maxResponseBytes', 'onRetry'];
  /** Iterator name → the paged method it walks. */
  const BBH_ITERATORS = { callbacks: 'getCallbackList', dialRecords: 'findDialrecord', phoneAudits: 'getPhoneAudit', customers: 'getCustomersPage', memos: 'getMemos', taskDetails: 'findTaskMx' };
  const bbhCores = new WeakMap();

  function fileBlob(file, name) {
    if (typeof Blob === 'function' && file instanceof Blob) return file;
    if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) return new Blob([file]);
    throw fail('INVALID_ARGUMENT', `${name} must be a File, Blob, Uint8Array or ArrayBuffer, got ${describe(file)}`, { path: name });
  }

  /** The 八百呼 VoIP data API: sa_user + the password's MD5 on every call. */
  class BaiBaiHuClient {
    constructor(options) {
      try {
        need();
        const o = objectArg(options, 'options');
        checkKeys(o, 'options', BBH_OPTIONS);
        const baseUrl = typeof URL === 'function' && o.baseUrl instanceof URL ? o.baseUrl.href : str(o.baseUrl, 'options.baseUrl');
        const core = new wasm.__BaiBaiHuClient(
          baseUrl,
          str(digits(o.user, 'options.user'), 'options.user'),
          o.password === undefined ? undefined : str(o.password, 'options.password'),
          o.passwordMd5 === undefined ? undefined : str(o.passwordMd5, 'options.passwordMd5'),
          intOption(o.timeoutMs, 'options.timeoutMs', 30000, 1, 2147483647),
          intOption(o.retries, 'options.retries', 2, 0, 10),
          maxResponseBytes(o.maxResponseBytes),
          optionalFunction(o.fetch, 'options.fetch'),
          optionalFunction(o.onRetry, 'options.onRetry'),
        );
        bbhCores.set(this, { core, baseUrl: baseUrl.replace(/\/+$/, ''), user: String(o.user) });
      } catch (e) {
        if (e instanceof WaihuError) throw e;
        throw fail('INVALID_ARGUMENT', `could not read the options: ${e && e.message}`, { cause: e });
      }
    }

    get baseUrl() {
      return bbhCores.get(this).baseUrl;
    }

    get user() {
      return bbhCores.get(this).user;
    }

    /** Any method by its name, with scalar params: for methods or spellings the typed ones do not cover. */
    call(method, params) {
      return bbhCores.get(this).core.call(str(method, 'method'), put(paramsText(objectArg(params, 'params', true), 'params')));
    }

    /** 2.1.5 upload_record_file: the file, its name sent base64-encoded, its MD5 computed here. */
    uploadRecordFile(args) {
      const a = objectArg(args, 'args');
      checkKeys(a, 'args', ['fileName', 'file']);
      return bbhCores.get(this).core.uploadRecordFile(str(a.fileName, 'args.fileName'), fileBlob(a.file, 'args.file'));
    }

    /** 2.1.10 upload_record: device status and recordings (multipart; `file` optional). */
    uploadRecord(args) {
      const { file, filename, ...rest } = objectArg(args, 'args');
      const blob = file === undefined ? undefined : fileBlob(file, 'args.file');
      const name = filename === undefined ? (typeof File === 'function' && file instanceof File ? file.name : 'record.wav') : str(filename, 'args.filename');
      return bbhCores.get(this).core.uploadRecord(put(paramsText(rest, 'args')), blob, name);
    }

    /** `{baseUrl}/voip/record/{cdrRecordFile}` */
    recordUrl(cdrRecordFile) {
      return bbhCores.get(this).core.recordUrl(str(cdrRecordFile, 'cdrRecordFile'));
    }

    /** The MP3 of a call: `{baseUrl}/voip/api/client/download/record.json?id=<cdrId>&ismp3=1` */
    recordMp3Url(cdrId) {
      return bbhCores.get(this).core.recordMp3Url(digits(cdrId, 'cdrId') ?? str(cdrId, 'cdrId'));
    }

    toJSON() {
      const c = bbhCores.get(this);
      return { baseUrl: c.baseUrl, user: c.user };
    }

    [INSPECT](depth, options, inspect) {
      const view = this.toJSON();
      return `BaiBaiHuClient ${inspect ? inspect(view, options) : JSON.stringify(view)}`;
    }
  }

  for (const name of platform.bbhMethods || []) {
    const fn = {
      [name](params) {
        return bbhCores.get(this).core.method(name, put(paramsText(objectArg(params, 'params', true), 'params')));
      },
    }[name];
    Object.defineProperty(BaiBaiHuClient.prototype, name, { value: asyncGuard(fn), writable: true, configurable: true });
  }
  for (const [iter, method] of Object.entries(BBH_ITERATORS)) {
    const fn = {
      [iter](query) {
        return pages(bbhCores.get(this).core.pager(method, put(paramsText(objectArg(query, 'query', true), 'query'))));
      },
    }[iter];
    Object.defineProperty(BaiBaiHuClient.prototype, iter, { value: guard(fn), writable: true, configurable: true });
  }
  for (const m of ['call', 'uploadRecordFile', 'uploadRecord']) {
    Object.defineProperty(BaiBaiHuClient.prototype, m, { value: asyncGuard(BaiBaiHuClient.prototype[m]), writable: true, configurable: true });
  }
  for (const m of ['recordUrl', 'recordMp3Url']) {
    Object.defineProperty(BaiBaiHuClient.prototype, m, { value: guard(BaiBaiHuClient.prototype[m]), writable: true, configurable: true });
  }

  // #endif clients
  /** The 2.10.4 push: a URL or query string, URLSearchParams, or an object → typed. */
  function parseBaiBaiHuPush(query) {
    need();
    let text;
    if (typeof query === 'string') text = str(query, 'query');
    else if (typeof URLSearchParams === 'function' && query instanceof URLSearchParams) text = query.toString();
    else {
      const o = objectArg(query, 'query');
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(o)) {
        if (v === undefined || v === null) continue;
        q.append(k, typeof v === 'object' ? jsonOf(v, `query.${k}`) : String(v));
      }
      text = q.toString();
    }
    return JSON.parse(wasm.__parseBaiBaiHuPush(put(text)));
  }

  function textOf(body, name) {
    if (typeof body === 'string') return str(body, name);
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
      return new TextDecoder('utf-8', { fatal: false }).decode(body);
    }
    return undefined;
  }

  /** Checks lead rows as importLeads would, listing every problem (for previews). */
  function checkLeads(rows, options) {
    if (!Array.isArray(rows)) throw fail('INVALID_ARGUMENT', `rows must be an array of leads, got ${describe(rows)}`, { path: 'rows' });
    const o = objectArg(options, 'options', true);
    checkKeys(o, 'options', ['maxProblems']);
    const max = intOption(o.maxProblems, 'options.maxProblems', 100, 1, 1e6);
    const out = wasm.__checkLeads(put(jsonOf(rows, 'rows')), max);
    return { rows: out.rows, problems: Array.from(out) };
  }

  /** The conversation of a call: talk_info's string form or array form → turns. */
  function parseTalkInfo(value) {
    need();
    const text = typeof value === 'string' ? JSON.stringify(str(value, 'value')) : value === null || value === undefined ? 'null' : jsonOf(value, 'value');
    return JSON.parse(wasm.__parseTalkInfo(put(text)));
  }

  /** The 9.2 push of a finished call: raw body (string/bytes) or parsed object → typed record. */
  function parsePush(body) {
    need();
    const text = textOf(body, 'body') ?? jsonOf(objectArg(body, 'body'), 'body');
    return JSON.parse(wasm.__parsePush(put(text)));
  }

  // ---- initialisation ----

  async function init(input) {
    if (memory !== null) return;
    if (platform.initWasm) {
      const arg = input === undefined || (typeof input === 'object' && input !== null && 'module_or_path' in input) ? input : { module_or_path: input };
      await platform.initWasm(arg);
    }
    ready();
  }

  function initSync(module) {
    if (memory !== null) return;
    if (platform.initSyncWasm) {
      const arg = typeof module === 'object' && module !== null && 'module' in module ? module : { module };
      platform.initSyncWasm(arg);
    }
    ready();
  }

  if (!platform.initWasm) ready();

  const api = {
    init,
    initSync,
    WaihuError,
    errorCodes: Object.freeze(platform.errorCodes || []),
    version: platform.version,
    phpJsonEncode: guard(phpJsonEncode),
    urlHash: guard(urlHash),
    signRequest: guard(signRequest),
    downloadUrl: guard(downloadUrl),
    downloadUrls: guard(downloadUrls),
    encryptClientInfo: guard(encryptClientInfo),
    decryptClientInfo: guard(decryptClientInfo),
    scccDigest: guard(scccDigest),
    // #if clients
    XiaoAClient,
    // #endif clients
    parseTalkInfo: guard(parseTalkInfo),
    checkLeads: guard(checkLeads),
    parsePush: guard(parsePush),
    XIAOA_PUSH_ACK: 'SUCCESS',
    // #if clients
    ScccClient,
    // #endif clients
    verifyScccNotification: guard(verifyScccNotification),
    createScccNotificationHandler: guard(createScccNotificationHandler),
    // #if clients
    BaiBaiHuClient,
    // #endif clients
    parseBaiBaiHuPush: guard(parseBaiBaiHuPush),
    BAIBAIHU_PUSH_ACK: '{"code":0,"message":"OK"}',
  };
  // Not part of the API (not enumerable, not typed): traps the module inside
  // a guarded call, as a bug would, for the test of the restart.
  Object.defineProperty(api, '__testTrap', { value: guard(function testTrap() { need(); wasm.__testTrap(); }) });
  return api;
}
