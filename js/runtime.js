// The runtime every part of waihu's JavaScript shares: the wasm module it
// talks to, the guard that turns every throw into a WaihuError (and restarts
// the module after a trap), the input buffer in wasm memory, and the checks
// that turn JS values into the JSON text the Rust core reads (refusing what
// JSON.stringify would silently lose: NaN, BigInt, functions, Maps, lone
// surrogates). Every protocol rule lives in Rust.

/** The wasm-bindgen glue in use (set by `setup`). */
export let wasm = null;
/** How this entry point loads the module: `{ version, errorCodes, initWasm?, initSyncWasm? }`. */
export let platform = null;

/** Binds the runtime to a module; in Node (no `initWasm`) it is ready at once. */
export function setup(glue, how) {
  wasm = glue;
  platform = how;
  if (!platform.initWasm) ready();
}
/** The one error class of waihu: a real Error with a stable `code`. */
export class WaihuError extends Error {
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
// Not part of the API (a symbol, not typed): traps the module inside a
// guarded call, as a bug would, for the test of the restart.
Object.defineProperty(WaihuError, Symbol.for('waihu.testTrap'), {
  value: () =>
    guard(() => {
      need();
      wasm.__testTrap();
    })(),
});
export const MAX_DEPTH = 511;
// The longest text one call copies into wasm memory (UTF-16 code units,
// i.e. string length): 64 Mi, at most 192 MiB of UTF-8. Anything longer is
// refused before it is copied (TOO_LARGE), so no input can exhaust the
// module's memory and trap it.
export const MAX_INPUT_CHARS = 64 * 1024 * 1024;
export const encoder = new TextEncoder();
let memory = null;
let heap = null;

export function fail(code, message, fields) {
  return new WaihuError(code, message, fields);
}

// Arguments may run user code (getters, Proxies, toJSON). Whatever that
// throws becomes a WaihuError with the original as `cause`. A wasm trap (a
// bug of ours, or memory exhausted) becomes INTERNAL, and the module is
// re-instantiated so that the next call works (see `afterTrap`).
// Every public function takes at most 5 arguments: a fixed-arity wrapper
// costs less per call than a rest parameter and `apply` (W1 is ~2 µs).
export function guard(fn) {
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

export function wrapThrown(e) {
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
export function afterTrap(e) {
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
export function restart() {
  restartPending = false;
  wasm.__wbg_reset_state();
  memory = null;
  heap = null;
  scratchView = null;
  scratchCap = 0;
  ready();
}
// Counts a client call in flight until its promise settles.
export function track(promise) {
  inFlight++;
  const settled = () => {
    if (--inFlight === 0 && restartPending) restart();
  };
  promise.then(settled, settled);
  return promise;
}

export function ready() {
  if (memory !== null) return;
  wasm.__setErrorClass(WaihuError);
  memory = wasm.__memory();
}

export function need() {
  if (memory === null) {
    throw fail('NOT_INITIALIZED', 'waihu is not initialised yet: `await init()` (or call initSync) before using it');
  }
}

export function view() {
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
export function tooLarge(n) {
  return fail(
    'TOO_LARGE',
    `the input is ${n} characters long; waihu takes at most ${MAX_INPUT_CHARS} (64 Mi) per call: split it (a long import: several importLeads calls with the same dial_task_main_sn)`,
  );
}
export function scratch(len) {
  const ptr = wasm.__scratch(len);
  if (ptr === 0) throw tooLarge(len);
  return ptr;
}
export function put(text) {
  need();
  const n = text.length;
  if (n > MAX_INPUT_CHARS) throw tooLarge(n);
  const max = n <= 1 << 16 ? n * 3 : n + (n >> 1) + 16;
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

// An answer Rust wrote into the scratch buffer (`scratch::put_back`): its
// length in bytes, bit 31 set when the buffer moved.
const decoder = new TextDecoder();
export function taken(r) {
  if (r === 0) throw tooLarge(0);
  const n = r & 0x7fffffff;
  if (r >= 0x80000000 || scratchView === null || scratchView.buffer !== memory.buffer || n > scratchView.length) {
    scratchPtr = scratch(0);
    scratchCap = 0; // re-read the size at the next put
    scratchView = view().subarray(scratchPtr, scratchPtr + n);
  }
  return decoder.decode(scratchView.subarray(0, n));
}

// Base64 of bytes in wasm memory: the runtime's native encoder when it has
// one (Uint8Array#toBase64, Node's Buffer), else Rust's.
export const nativeBase64 =
  typeof Uint8Array.prototype.toBase64 === 'function'
    ? (ptr, len) =>
        view()
          .subarray(ptr, ptr + len)
          .toBase64()
    : typeof Buffer === 'function' && typeof process === 'object' && process !== null && process.versions && process.versions.node
      ? (ptr, len) => Buffer.from(memory.buffer, ptr, len).toString('base64')
      : null;
export function scratchBase64(len) {
  scratchCap = 0;
  return nativeBase64 === null ? wasm.__base64Scratch(len) : nativeBase64(wasm.__scratch(0), len);
}

export const wellFormed = typeof String.prototype.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !/\p{Surrogate}/u.test(s);

// ---- JS value → JSON text, refusing what JSON.stringify would corrupt ----

export class Problem {
  constructor(code, message) {
    this.code = code;
    this.message = message;
    this.path = [];
  }
}

export function describe(v) {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  const name = v.constructor && v.constructor.name;
  return name ? `a ${name}` : 'an object';
}

export function checkPrimitive(v) {
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

export const REFUSED = [
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

export function check(v, depth) {
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
    if (!Object.hasOwn(v, k)) continue;
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

export function pathString(root, segments) {
  let s = root;
  for (const seg of segments) s += typeof seg === 'number' ? `[${seg}]` : /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  return s;
}

// True when `v` certainly needs no closer look: primitives JSON carries
// faithfully, arrays and plain objects of them. No paths, no try/catch: the
// hot paths (signing, 30,000-row imports) pay only for this walk; anything
// else goes through `check`, which finds and names the problem.
export function clean(v, depth) {
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
export function jsonOf(v, root, depth) {
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

export function isPlainObject(v) {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// The entries of params given as a plain object, a Map or [key, value] pairs.
export function entriesOf(params, root) {
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

export function keyOf(k, where) {
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
export function paramsText(params, root) {
  if (isPlainObject(params)) return jsonOf(params, root);
  const parts = [];
  for (const [k, v] of entriesOf(params, root)) {
    if (v === undefined || v === null) continue;
    parts.push(JSON.stringify(k) + ':' + jsonOf(v, pathString(root, [k]), 1));
  }
  return '{' + parts.join(',') + '}';
}

export const OPTION_BITS = new Map([
  ['escapeSlashes', 1],
  ['escapeUnicode', 2],
  ['escapeLineTerminators', 4],
]);

export function jsonFlags(options, root) {
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

export function str(v, name, code) {
  if (typeof v !== 'string') {
    throw fail(code || 'INVALID_ARGUMENT', `${name} must be a string, got ${describe(v)}`, { path: name });
  }
  if (!wellFormed(v)) {
    throw fail(code || 'INVALID_UNICODE', `${name} contains a lone UTF-16 surrogate`, { path: name });
  }
  return v;
}

export const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export function hex8(bits) {
  return HEX2[bits >>> 24] + HEX2[(bits >>> 16) & 255] + HEX2[(bits >>> 8) & 255] + HEX2[bits & 255];
}

// What every async client method returns: a Promise of its data that also
// offers the HTTP answer it resolved from, `await p.withResponse()` →
// `{ data, response: { status, headers, durationMs, url } }` (openai-node's
// shape). `then` is delegated, so a WaihuPromise is awaited like any other.
export class WaihuPromise extends Promise {
  static get [Symbol.species]() {
    return Promise;
  }

  #raw;
  #call;

  constructor(raw, call) {
    super((resolve) => resolve());
    this.#raw = raw;
    this.#call = call;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass delegating to the call's promise
  then(onFulfilled, onRejected) {
    return this.#raw.then(onFulfilled, onRejected);
  }

  catch(onRejected) {
    return this.#raw.catch(onRejected);
  }

  finally(onFinally) {
    return this.#raw.finally(onFinally);
  }

  /** The data and the answer it came from (the last one when the call made several requests). */
  withResponse() {
    return this.#raw.then((data) => ({ data, response: this.#call.response ?? null }));
  }

  get [Symbol.toStringTag]() {
    return 'WaihuPromise';
  }
}

const REQUEST_OPTIONS = ['signal', 'timeoutMs', 'retries'];

/**
 * A call's per-request options (`{ signal, timeoutMs, retries }`, the last
 * argument of every async client method), checked, as the object the wasm
 * side reads them from and sets `response` on. `extra` names keys the
 * method also takes in that object (importLeads' onProgress).
 */
export function requestOptions(v, path = 'options', extra = []) {
  const o = objectArg(v, path, true);
  checkKeys(o, path, [...REQUEST_OPTIONS, ...extra]);
  const call = { response: null };
  if (o.signal !== undefined && o.signal !== null) {
    const s = o.signal;
    if (typeof s !== 'object' || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function') {
      throw fail('INVALID_ARGUMENT', `${path}.signal must be an AbortSignal (new AbortController().signal), got ${describe(s)}`, { path: `${path}.signal` });
    }
    call.signal = s;
  }
  if (o.timeoutMs !== undefined) call.timeoutMs = intOption(o.timeoutMs, `${path}.timeoutMs`, 30000, 1, 2147483647);
  if (o.retries !== undefined) call.retries = intOption(o.retries, `${path}.retries`, 2, 0, 10);
  return call;
}

// Async methods: argument errors reject the Promise too. Every call is
// counted while in flight (see `track`). A method returns
// `respond(promise, call)` (or a plain promise); the caller gets a WaihuPromise.
export function respond(raw, call) {
  return new WaihuPromise(track(Promise.resolve(raw).catch((e) => Promise.reject(wrapThrown(e)))), call || { response: null });
}

export function asyncGuard(fn) {
  const guarded = function (a, b, c, d, e5) {
    try {
      const r = fn.call(this, a, b, c, d, e5);
      return r instanceof WaihuPromise ? r : respond(r);
    } catch (e) {
      return respond(Promise.reject(e));
    }
  };
  Object.defineProperty(guarded, 'name', { value: fn.name });
  return guarded;
}

// An async iterator over a pager's pages (each `next()` counted in flight).
export function pages(pager) {
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

export function optionalFunction(v, name) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'function') throw fail('INVALID_ARGUMENT', `${name} must be a function, got ${describe(v)}`, { path: name });
  return v;
}

export function checkKeys(obj, root, known) {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) {
      const hint = known.find((x) => x.toLowerCase() === k.toLowerCase());
      throw fail('INVALID_ARGUMENT', `${root}.${k} is not an option${hint ? ` (did you mean ${hint}?)` : ''}; expected ${known.join(', ')}`, { path: `${root}.${k}` });
    }
  }
}

export function objectArg(v, name, optional) {
  if (v === undefined || v === null) {
    if (optional) return {};
    throw fail('INVALID_ARGUMENT', `${name} is required`, { path: name });
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw fail('INVALID_ARGUMENT', `${name} must be an object, got ${describe(v)}`, { path: name });
  return v;
}

// true/false, or the string and number forms documents write ("true", "0", 1).
export function boolOption(v, name, def) {
  if (v === undefined || v === null) return def;
  const b = { true: true, false: false, 1: true, 0: false }[String(v).toLowerCase()];
  if (typeof b !== 'boolean' || (typeof v !== 'boolean' && typeof v !== 'string' && typeof v !== 'number')) {
    throw fail('INVALID_ARGUMENT', `${name} must be true or false, got ${describe(v)}`, { path: name });
  }
  return b;
}

export function parseJsonArg(text, name) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw fail('INVALID_JSON', `${name} is not JSON: ${e.message}`, { path: name });
  }
}

export function intOption(v, name, def, min, max) {
  if (v === undefined || v === null) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw fail('INVALID_ARGUMENT', `${name} must be an integer from ${min} to ${max}, got ${typeof v === 'number' ? v : describe(v)}`, { path: name });
  }
  return v;
}

export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What `console.log(client)` shows: the class name and its toJSON() view (never a secret). */
export function inspectView(label, view, options, inspect) {
  return `${label} ${inspect ? inspect(view, options) : JSON.stringify(view)}`;
}

/**
 * Installs each of `names` on `Class.prototype`, wrapped by `wrap` (asyncGuard
 * for methods that return promises, guard for the others): `make(name)` gives
 * the function (default: the prototype's own method of that name).
 */
export function defineGuarded(Class, names, wrap, make = (name) => Class.prototype[name]) {
  for (const name of names) Object.defineProperty(Class.prototype, name, { value: wrap(make(name)), writable: true, configurable: true });
}

/** The async iterator over every item of a list method: `query` checked and copied in, pages fetched as they are read. */
export function pageIterator(core, method, query, options) {
  return pages(core.pager(method, put(paramsText(objectArg(query, 'query', true), 'query')), requestOptions(options)));
}
export function textOf(body, name) {
  if (typeof body === 'string') return str(body, name);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return new TextDecoder('utf-8', { fatal: false }).decode(body);
  }
  return undefined;
}

// ---- initialisation ----

/** Loads the module (browsers); a no-op in Node. */
export async function init(input) {
  if (memory !== null) return;
  if (platform.initWasm) {
    const arg = input === undefined || (typeof input === 'object' && input !== null && 'module_or_path' in input) ? input : { module_or_path: input };
    await platform.initWasm(arg);
  }
  ready();
}

export function initSync(module) {
  if (memory !== null) return;
  if (platform.initSyncWasm) {
    const arg = typeof module === 'object' && module !== null && 'module' in module ? module : { module };
    platform.initSyncWasm(arg);
  }
  ready();
}

// ---- what the three clients share ----

// The most bytes of one answer a client reads (recordings are fetched by the page, not the client).
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The options every client has, checked: `{ baseUrl, fetch, timeoutMs, retries, maxResponseBytes, onRetry }`. */
export function clientOptions(o) {
  return {
    baseUrl: typeof URL === 'function' && o.baseUrl instanceof URL ? o.baseUrl.href : str(o.baseUrl, 'options.baseUrl'),
    fetch: optionalFunction(o.fetch, 'options.fetch'),
    timeoutMs: intOption(o.timeoutMs, 'options.timeoutMs', 30000, 1, 2147483647),
    retries: intOption(o.retries, 'options.retries', 2, 0, 10),
    maxResponseBytes: intOption(o.maxResponseBytes, 'options.maxResponseBytes', MAX_RESPONSE_BYTES, 1024, 512 * 1024 * 1024),
    maxRetryDelayMs: intOption(o.maxRetryDelayMs, 'options.maxRetryDelayMs', 30000, 0, 2147483647),
    onRetry: optionalFunction(o.onRetry, 'options.onRetry'),
    onRequest: optionalFunction(o.onRequest, 'options.onRequest'),
    onResponse: optionalFunction(o.onResponse, 'options.onResponse'),
    logger: loggerOption(o.logger),
  };
}

/** A logger with pino's or console's methods: `debug(fields, message)`, `warn(…)`. */
function loggerOption(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' && typeof v !== 'function') {
    throw fail('INVALID_ARGUMENT', `options.logger must be an object with debug and warn methods (console, a pino logger), got ${describe(v)}`, { path: 'options.logger' });
  }
  if (typeof v.debug !== 'function' && typeof v.warn !== 'function') {
    throw fail('INVALID_ARGUMENT', 'options.logger has neither a debug nor a warn method (console and pino loggers have both)', { path: 'options.logger' });
  }
  return v;
}

/** The options every client takes besides its own (for their checkKeys lists). */
export const CLIENT_OPTIONS = ['baseUrl', 'fetch', 'timeoutMs', 'retries', 'maxResponseBytes', 'maxRetryDelayMs', 'onRetry', 'onRequest', 'onResponse', 'logger'];

/** Runs a client constructor's body: anything but a WaihuError (a getter that throws…) becomes one. */
export function construct(body) {
  try {
    need();
    body();
  } catch (e) {
    if (e instanceof WaihuError) throw e;
    throw fail('INVALID_ARGUMENT', `could not read the options: ${e && e.message}`, { cause: e });
  }
}

/** A digit string from a number or a string (staff numbers, ids). */
export function digits(v, name) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return str(v, name);
}
