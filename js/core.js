import {
  checkKeys,
  describe,
  entriesOf,
  fail,
  hex8,
  intOption,
  isPlainObject,
  jsonFlags,
  jsonOf,
  need,
  objectArg,
  paramsText,
  pathString,
  put,
  scratchBase64,
  str,
  taken,
  textOf,
  wasm,
} from './runtime.js';

// ---- 小A: signing, download URLs, client_info_json ----

export const endpoints = new Map();
export function endpointInfo(name) {
  let info = endpoints.get(name);
  if (info === undefined) {
    need();
    const id = wasm.__endpointId(str(name, 'endpoint'));
    info = { id, excluded: new Set(wasm.__endpointExcluded(id)) };
    endpoints.set(name, info);
  }
  return info;
}

export function phpJsonEncode(value, options) {
  const flags = jsonFlags(options, 'options');
  const text = value instanceof Map ? paramsText(value, 'value') : jsonOf(value, 'value');
  if (text === undefined) {
    throw fail('INVALID_ARGUMENT', `value is ${describe(value)}: there is nothing to encode`, { path: 'value' });
  }
  return wasm.__phpJsonEncode(put(text), flags);
}

export function urlHash(params, options) {
  const flags = jsonFlags(options, 'options');
  return hex8(wasm.__urlHash(put(paramsText(params, 'params')), flags));
}

export function signRequest(endpoint, params, options) {
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
export function downloadArgs(baseUrl, endpoint, session) {
  const base = typeof URL === 'function' && baseUrl instanceof URL ? baseUrl.href : str(baseUrl, 'baseUrl');
  str(endpoint, 'endpoint');
  if (typeof session !== 'object' || session === null) {
    throw fail('NO_SESSION', `session must be { user_sn, api_key } from login, got ${describe(session)}`, { path: 'session' });
  }
  const sn = typeof session.user_sn === 'string' ? JSON.stringify(session.user_sn) : 'null';
  const key = typeof session.api_key === 'string' ? JSON.stringify(session.api_key) : 'null';
  return { base, members: '"user_sn":' + sn + ',"api_key":' + key };
}

// The head of the last downloadUrl call (base, endpoint, session as the
// buffer takes them): a page builds one URL per row with the same three.
let lastHead = null;
function downloadHead(baseUrl, endpoint, session) {
  const h = lastHead;
  if (h !== null && h.baseUrl === baseUrl && h.endpoint === endpoint && h.session === session && h.sn === session.user_sn && h.key === session.api_key) return h.text;
  const { base, members } = downloadArgs(baseUrl, endpoint, session);
  if (base.includes('\0') || endpoint.includes('\0')) {
    const path = base.includes('\0') ? 'baseUrl' : 'endpoint';
    throw fail('INVALID_ARGUMENT', `${path} contains a NUL character`, { path });
  }
  // NUL never occurs in JSON text: it separates the parts.
  const text = base + '\0' + endpoint + '\0{' + members + '}\0';
  lastHead = { baseUrl, endpoint, session, sn: session.user_sn, key: session.api_key, text };
  return text;
}

export function downloadUrl(baseUrl, endpoint, session, params, options) {
  const flags = jsonFlags(options, 'options');
  const head = downloadHead(baseUrl, endpoint, session);
  const inner = params === undefined || params === null ? '{}' : paramsText(params, 'params');
  // One crossing; the URL comes back in the buffer.
  return taken(wasm.__downloadUrl(put(head + inner), flags));
}

// Many URLs for one endpoint and session in one crossing: a page of call
// records, each with its player.
export function downloadUrls(baseUrl, endpoint, session, paramsList, options) {
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

export function encryptClientInfo(payload, userSn) {
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

export function decryptClientInfo(cipherText, userSn) {
  need();
  return wasm.__decryptClientInfo(str(cipherText, 'cipherText', 'BAD_CIPHERTEXT'), str(userSn, 'userSn', 'INVALID_USER_SN'));
}

// ---- SCCC ----

export function digestPart(v, name) {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return str(v, name);
}

export function scccDigest(customer, timestamp, seq, password) {
  need();
  return wasm.__scccDigest(str(customer, 'customer'), digestPart(timestamp, 'timestamp'), digestPart(seq, 'seq'), str(password, 'password'));
}

export function msOption(v, name, def) {
  if (v === undefined) return def;
  if (v === null || v === false) return -1;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw fail('INVALID_ARGUMENT', `${name} must be a number of milliseconds (null turns the check off)`, { path: name });
  return v;
}

export function notificationOptions(options, extra) {
  const o = objectArg(options, 'options');
  checkKeys(o, 'options', ['customer', 'password', 'maxSkewMs', 'replayWindowMs', ...extra]);
  return {
    customer: o.customer === undefined ? undefined : str(o.customer, 'options.customer'),
    password: str(o.password, 'options.password'),
    maxSkewMs: msOption(o.maxSkewMs, 'options.maxSkewMs', 300000),
    o,
  };
}

export function verifyNotification(body, o, replayWindowMs) {
  need();
  const text = textOf(body, 'body') ?? jsonOf(objectArg(body, 'body'), 'body');
  return JSON.parse(wasm.__verifyScccNotification(put(text), o.customer, o.password, o.maxSkewMs, replayWindowMs));
}

/** Verifies an SCCC push (digest, clock, replays) and returns it typed; throws WaihuError otherwise. */
export function verifyScccNotification(body, options) {
  const o = notificationOptions(options, ['onNotification']);
  return verifyNotification(body, o, msOption(o.o.replayWindowMs, 'options.replayWindowMs', -1));
}

/** The 2.10.4 push: a URL or query string, URLSearchParams, or an object → typed. */
export function parseBaiBaiHuPush(query) {
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

/** Checks lead rows as importLeads would, listing every problem (for previews). */
export function checkLeads(rows, options) {
  if (!Array.isArray(rows)) throw fail('INVALID_ARGUMENT', `rows must be an array of leads, got ${describe(rows)}`, { path: 'rows' });
  const o = objectArg(options, 'options', true);
  checkKeys(o, 'options', ['maxProblems']);
  const max = intOption(o.maxProblems, 'options.maxProblems', 100, 1, 1e6);
  const out = wasm.__checkLeads(put(jsonOf(rows, 'rows')), max);
  return { rows: out.rows, problems: Array.from(out) };
}

/** The conversation of a call: talk_info's string form or array form → turns. */
export function parseTalkInfo(value) {
  need();
  const text = typeof value === 'string' ? JSON.stringify(str(value, 'value')) : value === null || value === undefined ? 'null' : jsonOf(value, 'value');
  return JSON.parse(wasm.__parseTalkInfo(put(text)));
}

/** The 9.2 push of a finished call: raw body (string/bytes) or parsed object → typed record. */
export function parsePush(body) {
  need();
  const text = textOf(body, 'body') ?? jsonOf(objectArg(body, 'body'), 'body');
  return JSON.parse(wasm.__parsePush(put(text)));
}
