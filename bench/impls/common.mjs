// Helpers the JavaScript implementations share: what a CRM team writes by
// hand around its crypto library. Every output is checked byte-identical to
// node:crypto's (and waihu's) before anything is timed.
import { USER_SN, API_KEY, BASE_URL } from '../workloads.mjs';

const ESCAPE = /[\u0080-\uffff/]/g;
const hex4 = (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
/** PHP's json_encode for the bench's inputs (strings and integers): `\/` and `\uXXXX`. */
export function phpJson(value) {
  const s = JSON.stringify(value);
  return ESCAPE.test(s) ? s.replace(ESCAPE, (c) => (c === '/' ? '\\/' : hex4(c))) : s;
}

/** The AES key of client_info_json: the 16 characters after `SYSUSER|`. */
export function keyText(userSn = USER_SN) {
  return userSn.slice(8, 24);
}
export const IV_TEXT = '1234567890123456';
export const encoder = new TextEncoder();

/** The plaintext of one client_info_json. */
export function clientInfoText(rows) {
  return JSON.stringify({ data: rows });
}

/** Standard base64 of bytes, the fastest way the runtime has. */
export const toBase64 =
  typeof Buffer === 'function'
    ? (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64')
    : typeof Uint8Array.prototype.toBase64 === 'function'
      ? (u8) => u8.toBase64()
      : (u8) => {
          let s = '';
          for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
          return btoa(s);
        };

/** W1 with an MD5 function: characters [1, 9) of the hex md5 of the PHP JSON (the `url` parameter). */
export function w1With(md5hex8) {
  return (requests) => requests.map((r) => md5hex8(phpJson(r)));
}

const SN = encodeURIComponent(USER_SN);
const KEY = encodeURIComponent(API_KEY);
/** W3 with a hex-MD5 function. */
export function w3With(md5hex8) {
  return (records) =>
    records.map((rec) => {
      const url = md5hex8(phpJson({ user_sn: USER_SN, api_key: API_KEY, recordpath: rec.recordpath, recordfile: rec.recordfile }));
      return `${BASE_URL}/api/cdrDownload?url=${url}&user_sn=${SN}&api_key=${KEY}&recordpath=${encodeURIComponent(rec.recordpath)}&recordfile=${encodeURIComponent(rec.recordfile)}`;
    });
}
