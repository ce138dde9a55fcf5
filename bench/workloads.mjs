// The benchmark's inputs, the same in Node and in Chromium (deterministic).
//
//   W1  sign an 8-field 小A request: PHP json_encode → MD5 → the first 8 hex
//       digits (the `url` parameter of every POST).
//   W2  encrypt lead rows into client_info_json: JSON → AES-128-CBC (key from
//       user_sn, IV 1234567890123456, PKCS#7) → base64. 30,000 rows is one
//       request (the platform's limit, 30005); 300,000 rows (a task's limit,
//       30004) go as 10 requests of 30,000, as importLeads sends them.
//   W3  build 10,000 signed cdrDownload URLs (a page of call records with a
//       player each): PHP JSON of {user_sn, api_key, recordpath, recordfile}
//       → MD5 → url, then every value percent-encoded.

export const USER_SN = 'SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c';
export const API_KEY = '2b5f0c3c6c1b4f8e9a7d6e5f4c3b2a19';
export const BASE_URL = 'http://120.77.61.117:8088';
export const W2_CHUNK = 30_000;

// A small PRNG (mulberry32) so every run and every runtime sees the same data.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';
const TAGS = ['意向客户', 'A类/高意向', '回访', '老客户', '未接通', ''];
const CITIES = ['深圳', '广州', '上海', '北京', '杭州', '成都'];

function phone(r) {
  const prefix = ['138', '139', '158', '186', '177', '199'][Math.floor(r() * 6)];
  return prefix + String(Math.floor(r() * 1e8)).padStart(8, '0');
}

/** W1: `n` distinct 8-field requests (a cdrlist query), ~210 characters of PHP JSON each. */
export function w1Requests(n = 1000) {
  const r = rng(1);
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({
      user_sn: USER_SN,
      api_key: API_KEY,
      page: 1 + (i % 50),
      limit: 20,
      start_at: `2026-11-${String(1 + (i % 20)).padStart(2, '0')} 00:00:00`,
      end_at: '2026-11-22 23:59:59',
      phone: phone(r),
      dial_task_main_sn: `DTM${String(Math.floor(r() * 1e9)).padStart(9, '0')}/双11回访`,
    });
  }
  return out;
}

/** W2: `n` lead rows (~87 bytes of UTF-8 JSON each, Chinese names and notes). */
export function w2Rows(n = W2_CHUNK, seed = 2) {
  const r = rng(seed);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      姓名: SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)],
      电话: phone(r),
      城市: CITIES[Math.floor(r() * CITIES.length)],
      备注: TAGS[Math.floor(r() * TAGS.length)],
      编号: i,
    };
  }
  return rows;
}

/** W3: `n` call records' recording locations. */
export function w3Records(n = 10_000) {
  const r = rng(3);
  const out = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    out.push({
      recordpath: `/home/record/2026/11/${day}`,
      recordfile: `${Math.floor(r() * 1e12).toString(16)}-${i}.mp3`,
    });
  }
  return out;
}

/** Splits rows into the chunks of one request each. */
export function chunks(rows, size = W2_CHUNK) {
  const out = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
