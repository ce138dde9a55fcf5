// WebCrypto (crypto.subtle): AES-CBC only (no MD5), asynchronous.
import { keyText, IV_TEXT, encoder, toBase64, clientInfoText } from './common.mjs';

export const name = 'WebCrypto';
export async function create() {
  const subtle = globalThis.crypto.subtle;
  const iv = encoder.encode(IV_TEXT);
  return {
    w2: async (rows) => {
      const key = await subtle.importKey('raw', encoder.encode(keyText()), 'AES-CBC', false, ['encrypt']);
      const ct = await subtle.encrypt({ name: 'AES-CBC', iv }, key, encoder.encode(clientInfoText(rows)));
      return toBase64(new Uint8Array(ct));
    },
    first: async (request) => {
      const key = await subtle.importKey('raw', encoder.encode(keyText()), 'AES-CBC', false, ['encrypt']);
      return toBase64(new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, key, encoder.encode(JSON.stringify(request)))));
    },
  };
}
