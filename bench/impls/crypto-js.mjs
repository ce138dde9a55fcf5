// crypto-js 4 (what CRM teams use today): only the modules these jobs need.
import CryptoJS from 'crypto-js/core.js';
import 'crypto-js/md5.js';
import 'crypto-js/enc-base64.js';
import 'crypto-js/cipher-core.js';
import 'crypto-js/aes.js';
import { phpJson, w1With, w3With, keyText, IV_TEXT, clientInfoText } from './common.mjs';

export const name = 'crypto-js';
export async function create() {
  const md5hex8 = (s) => CryptoJS.MD5(s).toString().slice(1, 9);
  const key = CryptoJS.enc.Utf8.parse(keyText());
  const iv = CryptoJS.enc.Utf8.parse(IV_TEXT);
  return {
    w1: w1With(md5hex8),
    w2: (rows) => CryptoJS.AES.encrypt(CryptoJS.enc.Utf8.parse(clientInfoText(rows)), key, { iv, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 }).toString(),
    w3: w3With(md5hex8),
    // One URL per call is what this library always does.
    w3one: w3With(md5hex8),
    first: (request) => md5hex8(phpJson(request)),
  };
}
