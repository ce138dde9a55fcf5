// An independent emulation of PHP's json_decode($text, true) and
// json_encode($value, $flags), written from PHP's behaviour (not from
// waihu's Rust code), so the sandbox checks waihu's signatures the way the
// real PHP server does.
//
// Decoded values: PHP arrays are { php: 'array', entries: Map<key, value> }
// where integer-like keys are stored as strings of their canonical form and
// insertion order is kept (a repeated key keeps its first position, last
// value); integers are BigInt; floats are Number; strings, booleans, null
// as themselves.

export const JSON_UNESCAPED_SLASHES = 64;
export const JSON_UNESCAPED_UNICODE = 256;
export const JSON_UNESCAPED_LINE_TERMINATORS = 2048;

const MAX_DEPTH = 512;
const LONG_MIN_DIGITS = '9223372036854775808';

export class PhpJsonError extends Error {}

export function phpArray(entries = []) {
  const m = new Map();
  for (const [k, v] of entries) m.set(String(k), v);
  return { php: 'array', entries: m };
}

export function isPhpArray(v) {
  return typeof v === 'object' && v !== null && v.php === 'array';
}

/** json_decode($text, true); throws PhpJsonError where PHP returns null with an error. */
export function phpDecode(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const err = (m) => new PhpJsonError(`${m} at ${i}`);
  function value(depth) {
    if (depth > MAX_DEPTH) throw err('Maximum stack depth exceeded');
    ws();
    const c = text[i];
    if (c === '{') {
      if (depth + 1 > MAX_DEPTH) throw err('Maximum stack depth exceeded');
      i++;
      const arr = phpArray();
      ws();
      if (text[i] === '}') {
        i++;
        return arr;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw err('Syntax error');
        const k = string();
        ws();
        if (text[i++] !== ':') throw err('Syntax error');
        const v = value(depth + 1);
        arr.entries.set(k, v);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return arr;
        }
        throw err('Syntax error');
      }
    }
    if (c === '[') {
      if (depth + 1 > MAX_DEPTH) throw err('Maximum stack depth exceeded');
      i++;
      const arr = phpArray();
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (let n = 0; ; n++) {
        arr.entries.set(String(n), value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        throw err('Syntax error');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw err('Syntax error');
    i += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const neg = m[0][0] === '-';
      const digits = neg ? m[0].slice(1) : m[0];
      const big = digits.length > 19 || (digits.length === 19 && (digits > LONG_MIN_DIGITS || (digits === LONG_MIN_DIGITS && !neg)));
      if (!big) return BigInt(m[0]);
    }
    return Number(m[0]);
  }
  function string() {
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw err('Syntax error');
      if (c === '"') {
        i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) throw err('Control character error');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) {
        out += simple;
        continue;
      }
      if (e !== 'u') throw err('Syntax error');
      const hex = () => {
        const h = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) throw err('Syntax error');
        i += 4;
        return parseInt(h, 16);
      };
      const u = hex();
      if (u >= 0xdc00 && u <= 0xdfff) throw err('Single unpaired UTF-16 surrogate');
      if (u >= 0xd800 && u <= 0xdbff) {
        if (text.slice(i, i + 2) !== '\\u') throw err('Single unpaired UTF-16 surrogate');
        i += 2;
        const lo = hex();
        if (lo < 0xdc00 || lo > 0xdfff) throw err('Single unpaired UTF-16 surrogate');
        out += String.fromCharCode(u, lo);
        continue;
      }
      out += String.fromCharCode(u);
    }
  }
  const v = value(0);
  ws();
  if (i !== text.length) throw err('Syntax error');
  return v;
}

function isList(arr) {
  let n = 0;
  for (const k of arr.entries.keys()) if (k !== String(n++)) return false;
  return true;
}

/** PHP's float printing with serialize_precision = -1 (php_gcvt, precision 17, mode 0). */
export function phpFloat(v) {
  if (!Number.isFinite(v)) throw new PhpJsonError('Inf and NaN cannot be JSON encoded');
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  // Number#toExponential() gives the shortest round-trip digits (ties to even).
  const [mant, exp] = Math.abs(v).toExponential().split('e');
  const digits = mant.replace('.', '');
  const decpt = Number(exp) + 1;
  let s;
  if (decpt < -3 || decpt > 17) {
    const e = decpt - 1;
    s = digits[0] + '.' + (digits.length > 1 ? digits.slice(1) : '0') + 'e' + (e < 0 ? '-' : '+') + Math.abs(e);
  } else if (decpt <= 0) {
    s = '0.' + '0'.repeat(-decpt) + digits;
  } else if (digits.length <= decpt) {
    s = digits + '0'.repeat(decpt - digits.length);
  } else {
    s = digits.slice(0, decpt) + '.' + digits.slice(decpt);
  }
  return (neg ? '-' : '') + s;
}

function encodeString(s, flags) {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '/') out += flags & JSON_UNESCAPED_SLASHES ? '/' : '\\/';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20) out += '\\u' + cp.toString(16).padStart(4, '0');
    else if (cp < 0x80) out += ch;
    else if (!(flags & JSON_UNESCAPED_UNICODE)) {
      for (let j = 0; j < ch.length; j++) out += '\\u' + ch.charCodeAt(j).toString(16).padStart(4, '0');
    } else if ((cp === 0x2028 || cp === 0x2029) && !(flags & JSON_UNESCAPED_LINE_TERMINATORS)) {
      out += '\\u' + cp.toString(16);
    } else out += ch;
  }
  return out + '"';
}

/** json_encode($value, $flags) for values from phpDecode (or plain JS values). */
export function phpEncode(v, flags = 0, depth = 0) {
  if (depth > MAX_DEPTH) throw new PhpJsonError('Maximum stack depth exceeded');
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'bigint') return v.toString();
  // Numbers are PHP floats here (phpDecode gives integers as BigInt).
  if (typeof v === 'number') return phpFloat(v);
  if (typeof v === 'string') return encodeString(v, flags);
  if (isPhpArray(v)) {
    if (depth + 1 > MAX_DEPTH) throw new PhpJsonError('Maximum stack depth exceeded');
    if (isList(v)) return '[' + [...v.entries.values()].map((x) => phpEncode(x, flags, depth + 1)).join(',') + ']';
    return '{' + [...v.entries].map(([k, x]) => encodeString(k, flags) + ':' + phpEncode(x, flags, depth + 1)).join(',') + '}';
  }
  if (Array.isArray(v)) return phpEncode(phpArray(v.map((x, i) => [i, x])), flags, depth);
  return phpEncode(phpArray(Object.entries(v)), flags, depth);
}

/** A decoded PHP value as plain JS (arrays that are lists → JS arrays, ints → Number when safe). */
export function toPlain(v) {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (!isPhpArray(v)) return v;
  if (isList(v) && v.entries.size > 0) return [...v.entries.values()].map(toPlain);
  const o = {};
  for (const [k, x] of v.entries) o[k] = toPlain(x);
  return o;
}
