// hash-wasm 4: MD5 in WebAssembly behind a JS API (no AES). One reusable
// hasher instance: its fastest synchronous use.
import { createMD5 } from 'hash-wasm';
import { phpJson, w1With, w3With } from './common.mjs';

export const name = 'hash-wasm';
export async function create() {
  const h = await createMD5();
  const md5hex8 = (s) => {
    h.init();
    h.update(s);
    return h.digest('hex').slice(1, 9);
  };
  return { w1: w1With(md5hex8), w3: w3With(md5hex8), w3one: w3With(md5hex8), first: (request) => md5hex8(phpJson(request)) };
}
