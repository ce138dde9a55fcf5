// node:crypto (OpenSSL, AES-NI): the reference every output is checked against.
import crypto from 'node:crypto';
import { phpJson, w1With, w3With, keyText, IV_TEXT, clientInfoText } from './common.mjs';

export const name = 'node:crypto';
export async function create() {
  const md5hex8 = (s) => crypto.createHash('md5').update(s).digest('hex').slice(1, 9);
  const key = Buffer.from(keyText());
  const iv = Buffer.from(IV_TEXT);
  return {
    w1: w1With(md5hex8),
    w2: (rows) => {
      const c = crypto.createCipheriv('aes-128-cbc', key, iv);
      return Buffer.concat([c.update(clientInfoText(rows), 'utf8'), c.final()]).toString('base64');
    },
    w3: w3With(md5hex8),
    // One URL per call is what this library always does.
    w3one: w3With(md5hex8),
    first: (request) => md5hex8(phpJson(request)),
  };
}
