// js-md5 0.9: a fast pure-JS MD5 (no AES).
import md5 from 'js-md5';
import { phpJson, w1With, w3With } from './common.mjs';

export const name = 'js-md5';
export async function create() {
  const md5hex8 = (s) => md5(s).slice(1, 9);
  return { w1: w1With(md5hex8), w3: w3With(md5hex8), w3one: w3With(md5hex8), first: (request) => md5hex8(phpJson(request)) };
}
