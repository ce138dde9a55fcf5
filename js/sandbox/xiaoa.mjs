// The 小A / 95AI platform, emulated for development and tests (the 小A document V1.6,
// V1.6). It checks requests the way the real PHP server does — the `url`
// hash over json_encode(json_decode($body, true)) with its own PHP JSON
// emulation (phpjson.mjs), AES with node:crypto — and keeps state: logins
// and key expiry/invalidation, imports → tasks → calls → CRM records with
// recordings and conversations, call times, the push callback.
import crypto from 'node:crypto';
import { phpDecode, phpEncode, toPlain, isPhpArray, phpArray, PhpJsonError, JSON_UNESCAPED_SLASHES, JSON_UNESCAPED_UNICODE, JSON_UNESCAPED_LINE_TERMINATORS } from './phpjson.mjs';
import { writeXlsx, readXlsx, parseMultipart, silentMp3, toneWav } from './formats.mjs';

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
const pad = (n) => String(n).padStart(2, '0');
const fmt = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
const day = (d) => fmt(d).slice(0, 10);

const MSG = {
  0: 'SUCCESS',
  10001: 'url 验证失败',
  20001: '数据传输方式错误',
  20002: '数据格式错误',
  20003: '客户端类型不存在',
  20004: '用户名或者密码错误',
  20005: 'api_key 验证失败',
  20006: 'api_key 已过期',
  20007: '没有接口访问权限',
  30001: '导入文件为空',
  30002: '导入文件格式错误,只支持 xlsx、xls',
  30003: '导入失败，模板为空',
  30004: '待呼叫数据过多,最多不能超过 30 万条',
  30005: '数据过多,最多只能导入 3 万条',
  30006: '数据为空或者 json 格式错误',
  30008: '字段类型错误',
  30009: '请选择一个 AI 外呼',
  30010: '没有可用的 AI 账户',
  30011: '营销任务不存在',
  30012: '此账号没有分配 AI 数，无法建立外呼',
  50001: '至少选择一条数据',
  500: '服务端错误，请联系客服',
  40001: 'api_key 过期',
  40002: '分机号已经存在',
  40003: '分机数已达到上限',
  40004: '请求 fs 错误',
  40005: '用户名只能包含数字和字母',
  40006: '用户名已被使用，请重新输入！',
  40007: '呼入号码已经被使用',
  40008: 'Ai 数分配数超限',
  40009: '新密码两次输入不一致！',
};
export const XIAOA_CODES = Object.keys(MSG).map(Number);

class ApiError extends Error {
  constructor(code, msg) {
    super(msg || MSG[code] || 'error');
    this.code = code;
  }
}

const EXCLUDED = { addJson: ['client_info_json', 'source', 'aes'], addExcel: ['upload', 'source'] };
const TASK_STATUS = { 0: '发送中', 1: '已发送', 4: '暂停发送' };
const ENDREASONS = ['对方挂机', '本方挂机', '无法接通', '空号', '用户正忙'];
const SCRIPT = [
  { caption: '您好，我是智能客服小A，请问您最近有贷款需求吗？', title: '01 打招呼+开场白', answers: ['有啊。', '没有', 'noinput'] },
  { caption: '我们是专业的银行融资服务平台，我了解一下您的情况可以吗？', title: '02 企业介绍', answers: ['可以', '你说吧', 'nomatch'] },
  { caption: '好的，稍后会有专员联系您，再见。', title: '03 结束语', answers: ['好的', '再见'] },
];

/** The json_encode flags a server may hash with, by the names `jsonFlags` takes. */
export const XIAOA_JSON_FLAGS = {
  'unescaped-slashes': JSON_UNESCAPED_SLASHES,
  'unescaped-unicode': JSON_UNESCAPED_UNICODE,
  'unescaped-line-terminators': JSON_UNESCAPED_LINE_TERMINATORS,
};

/** A small seeded generator (mulberry32): the same seed, the same data. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Options: now (clock), accounts, keyLifetimeSeconds, expiredCode,
// jsonFlags (the server's json_encode flags for the `url` hash: names of
// XIAOA_JSON_FLAGS, default none = PHP's defaults), records (call records to
// create at start, spread over today), random (a () => [0, 1) generator).
export function createXiaoA(opts = {}) {
  const now = opts.now || (() => Date.now());
  const random = opts.random || Math.random;
  const jsonFlags = (opts.jsonFlags || []).reduce((f, name) => {
    if (!(name in XIAOA_JSON_FLAGS)) throw new Error(`unknown json flag ${name}: one of ${Object.keys(XIAOA_JSON_FLAGS).join(', ')}`);
    return f | XIAOA_JSON_FLAGS[name];
  }, 0);
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const keyLifetime = { seconds: opts.keyLifetimeSeconds ?? 7200 };
  const expiredCode = opts.expiredCode ?? 20006;
  const accounts = (opts.accounts || [{ username: 'demo', password: 'demo123' }]).map((a, i) => ({
    user_name: a.username,
    password: a.password,
    api: a.api !== false,
    user_sn: 'SYSUSER|' + md5('sandbox-user-' + a.username),
    team_name: '测试团队',
    expired: '2027-12-31',
    ai_count: a.ai_count ?? 5,
    caller_group: String(900002 + i),
    parent_sn: '',
    key: null, // { api_key, expire }
  }));
  const aiUsers = [1, 2].map((n) => ({
    user_sn: 'SYSUSER|' + md5('sandbox-ai-' + n),
    user_name: `ai0${n}`,
    contact: `ai0${n}`,
    max_call_count: 2,
    start_at_one: '08:00:00',
    end_at_one: '12:00:00',
    start_at_two: '13:30:00',
    end_at_two: '21:00:00',
    start_at_three: null,
    end_at_three: null,
    start_at_four: null,
    end_at_four: null,
    callin_project_sn: '测试',
    skillgroup_sn: `test${n}`,
    project_sn: '',
    display_phone: '',
    expired: '2027-12-31',
  }));
  const projects = [
    { sn: 'project|' + md5('sandbox-project-1'), project_name: '贷款回访', project_caption: '贷款回访', columns: ['姓名', '电话', '地址', '公司名称', '备注'] },
    { sn: 'project|' + md5('sandbox-project-2'), project_name: '满意度调查', project_caption: '满意度调查', columns: ['姓名', '电话', '备注'] },
  ];
  for (const u of aiUsers) u.project_sn = projects.map((p) => p.sn).join(',');
  const state = {
    accounts,
    aiUsers,
    projects,
    tasks: [], // { id, sn, status, ... rows: [{ data, phone, state: 'pending'|'done'|'failed' }] }
    records: [], // CRM records (with their cdr fields)
    callTimes: [349, 350, 351, 352].map((id, i) => ({
      id,
      parent_sn: 'demo',
      start_at: ['08:30:00', '12:30:00', '00:00:00', '00:00:00'][i],
      end_at: ['12:30:00', '21:00:00', '00:00:00', '00:00:00'][i],
      disable: i < 2 ? 0 : 1,
      count_index: i + 1,
    })),
    callback: { open: 0, url: '' },
    pushes: [], // { url, body, attempts, acked }
    log: [], // { at, endpoint, api_key, code }
    logins: 0,
    nextTaskId: 1826,
    nextRecordId: 55019,
  };

  const base = () => opts.publicUrl?.() ?? '';
  const account = (sn) => accounts.find((a) => a.user_sn === sn);

  function respond(code, data, extra) {
    const body = { code, msg: MSG[code] ?? 'error', ...extra };
    if (data !== undefined) body.data = data;
    return { status: 200, json: body };
  }

  // ---- signature and session checks ----

  function verifyUrl(endpoint, params) {
    const url = params.entries.get('url');
    if (typeof url !== 'string') throw new ApiError(20002, '缺少参数 url');
    const hashed = phpArray();
    for (const [k, v] of params.entries) {
      if (k === 'url' || (EXCLUDED[endpoint] || []).includes(k)) continue;
      hashed.entries.set(k, v);
    }
    const expect = md5(phpEncode(hashed, jsonFlags)).slice(1, 9);
    if (url !== expect) throw new ApiError(10001);
  }

  function checkKey(params) {
    const sn = params.entries.get('user_sn');
    const key = params.entries.get('api_key');
    if (typeof sn !== 'string' || typeof key !== 'string') throw new ApiError(20002);
    const acct = account(sn);
    if (!acct || !acct.key || acct.key.api_key !== key) throw new ApiError(20005);
    if (acct.key.expire * 1000 <= now()) throw new ApiError(expiredCode);
    if (!acct.api) throw new ApiError(20007);
    return acct;
  }

  // ---- calls: a task's pending rows become CRM records ----

  function talkFor(phone, stamp, uuid) {
    const turns = [];
    for (const [i, q] of SCRIPT.entries()) {
      const answer = q.answers[(Number(phone.slice(-2)) + i) % q.answers.length];
      turns.push({
        vocfile: `/usr/local/freeswitch/sounds/zh/cn/20190108152130SnJ/question0${i + 1}.wav`,
        caption: q.caption,
        title: q.title,
        answer,
        fenduanluyin: `/home/record/${stamp.slice(0, 8)}/fenduan_${stamp}${i}_asr_ques_keya_${phone}_${uuid}.mp3`,
        outType: null,
      });
    }
    return turns;
  }

  /** One call of `phone` at `t` for a task (or a seeded record): its CRM record. */
  function callRecord(task, acct, row, phone, t, connected) {
    const id_ = uuid();
    const stamp = `${day(t).replace(/-/g, '')}${pad(t.getHours())}${pad(t.getMinutes())}${pad(t.getSeconds())}`;
    const talk = connected ? talkFor(phone, stamp, id_) : [];
    const id = state.nextRecordId++;
    const ai = aiUsers.find((a) => a.user_sn === task.ai_user_sn) || aiUsers[0];
    return {
      id,
      sn: 'account|' + md5('record-' + id),
      user_name: acct.user_name,
      team_name: acct.team_name,
      phone,
      created_at: fmt(t),
      name: row.姓名 ?? null,
      address: row.地址 ?? null,
      connected_at: connected ? fmt(t) : null,
      disconnected_at: connected ? fmt(new Date(t.getTime() + 21000)) : null,
      talktimes: connected ? 21 + (Number(phone.slice(-1)) || 0) : 0,
      endreason: connected ? ENDREASONS[Number(phone.slice(-1)) % 2] : '无法接通',
      recordpath: '/home/record',
      recordfile: `/${stamp.slice(0, 8)}/${stamp}_${phone}_${phone}_${id_}.mp3`,
      talk_info: talk.map((x) => `##${x.vocfile}@@${x.answer}#@${x.fenduanluyin}`).join(''),
      labelling: connected ? '有意向;' : null,
      score: connected ? 80 : null,
      asks_count: connected ? talk.length : 0,
      status: connected ? ['A', 'B', 'C'][Number(phone.slice(-1)) % 3] : 'D',
      cdr_sn: id_,
      project_caption: task.project_caption,
      unit: row.公司名称 ?? null,
      mark: task.mark ?? null,
      source: task.source,
      rec_sex: '0',
      dial_task_main_sn: task.sn,
      project_sn: task.project_sn,
      ai_user_sn: ai.user_sn,
      ai_user_name: ai.user_name,
      user_sn: acct.user_sn,
      _talk: talk,
      _connected: connected,
    };
  }

  function dial(task, acct) {
    const t = new Date(now());
    for (const row of task.rows) {
      if (row.state !== 'pending') continue;
      const connected = row.retried || !/0$/.test(row.phone); // numbers ending in 0 do not answer the first time
      const rec = callRecord(task, acct, row.data, row.phone, t, connected);
      state.records.push(rec);
      row.state = connected ? 'done' : 'failed';
      row.recordId = rec.id;
      push(rec);
    }
    recount(task);
  }

  /** `n` records of calls made today between 00:00 and now, oldest first (no task behind them). */
  function seedRecords(n, acct = accounts[0]) {
    const end = now();
    const start = new Date(end).setHours(0, 0, 0, 0);
    const project = projects[0];
    const task = { sn: 'dial_task_main_sn|' + md5('seeded'), project_sn: project.sn, project_caption: project.project_caption, source: 'seeded', mark: null, ai_user_sn: aiUsers[0].user_sn };
    for (let i = 0; i < n; i++) {
      const phone = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const t = new Date(start + Math.floor(((end - start) * i) / Math.max(n, 1)));
      state.records.push(callRecord(task, acct, { 姓名: `客户${i + 1}` }, phone, t, !/0$/.test(phone)));
    }
  }

  function recount(task) {
    task.send_count = task.rows.filter((r) => r.state !== 'pending').length;
    task.success = task.rows.filter((r) => r.state === 'done').length;
    task.fail = task.rows.filter((r) => r.state === 'failed').length;
    task.total_count = task.rows.length;
    task.unsend_count = task.total_count - task.send_count;
    if (task.status === 0 && task.unsend_count === 0) {
      task.status = 1;
      task.stoped_at = fmt(new Date(now()));
    }
  }

  function pushBody(rec) {
    const out = {};
    for (const [k, v] of Object.entries(rec)) if (!k.startsWith('_') && k !== 'cdr_sn' && k !== 'ai_user_name') out[k] = v;
    out.talk_info = rec._talk;
    out.asks_count_routine = null;
    return out;
  }

  async function push(rec) {
    if (!state.callback.open || !state.callback.url) return;
    const entry = { url: state.callback.url, body: pushBody(rec), attempts: 0, acked: false };
    state.pushes.push(entry);
    for (let i = 0; i < 3 && !entry.acked; i++) {
      entry.attempts++;
      try {
        const r = await fetch(entry.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry.body), signal: AbortSignal.timeout(5000) });
        entry.acked = (await r.text()).trim() === 'SUCCESS';
      } catch {
        // retried below
      }
    }
  }

  // ---- imports ----

  function importRows(acct, params, rows, endpoint) {
    const get = (k) => params.entries.get(k);
    const projectSn = get('project_sn');
    const project = projects.find((p) => p.sn === projectSn);
    if (!project) throw new ApiError(30003, '导入失败，模板为空');
    const aiSn = get('ai_user_sn');
    if (!aiUsers.some((a) => a.user_sn === aiSn)) throw new ApiError(30009);
    if (acct.ai_count === 0) throw new ApiError(30012);
    if (!rows.length) throw new ApiError(endpoint === 'addExcel' ? 30001 : 30006);
    if (rows.length > 30000) throw new ApiError(30005);
    for (const r of rows) {
      const keys = Object.keys(r);
      if (keys[0] !== '姓名' || keys[1] !== '电话') throw new ApiError(30006);
    }
    let task;
    const sn = get('dial_task_main_sn');
    if (typeof sn === 'string' && sn) {
      task = state.tasks.find((t) => t.sn === sn && !t.deleted);
      if (!task) throw new ApiError(30011);
      if (task.status === 1) task.status = 4; // 已发送 → 暂停发送
    } else {
      const id = state.nextTaskId++;
      const t = new Date(now());
      task = {
        id,
        sn: 'dial_task_main_sn|' + md5('task-' + id),
        status: get('is_zidong') === 'on' ? 0 : 4,
        source: String(get('source') ?? ''),
        project_sn: project.sn,
        project_caption: project.project_caption,
        ai_user_sn: aiSn,
        user_sn: acct.user_sn,
        user_name: acct.user_name,
        team_name: acct.team_name,
        created_at: fmt(t),
        last_modify: fmt(t),
        started_at: fmt(t),
        stoped_at: null,
        mark: get('mark') ?? null,
        timed_started_at: get('timed_started_at') ?? null,
        batch: acct.user_name + fmt(t).replace(/\D/g, ''),
        operator: acct.user_name,
        rows: [],
      };
      state.tasks.push(task);
    }
    const pending = task.rows.filter((r) => r.state === 'pending').length;
    if (pending + rows.length > 300000) throw new ApiError(30004);
    let success = 0;
    let fail = 0;
    let repeat = 0;
    const phones = new Set(task.rows.map((r) => r.phone));
    for (const r of rows) {
      const phone = String(r.电话 ?? '').trim();
      if (!/^\d{5,20}$/.test(phone)) {
        fail++;
        continue;
      }
      if (phones.has(phone)) {
        repeat++;
        continue;
      }
      phones.add(phone);
      task.rows.push({ data: r, phone, state: 'pending' });
      success++;
    }
    recount(task);
    if (task.status === 0) dial(task, acct);
    return respond(0, { total: rows.length, success, fail, dial_task_main_sn: task.sn, out_repeat: repeat });
  }

  function decryptRows(cipherText, userSn) {
    try {
      const key = Buffer.from(userSn.slice(8, 24), 'latin1');
      const d = crypto.createDecipheriv('aes-128-cbc', key, Buffer.from('1234567890123456'));
      return Buffer.concat([d.update(Buffer.from(cipherText, 'base64')), d.final()]).toString('utf8');
    } catch {
      throw new ApiError(30006);
    }
  }

  function rowsOf(info) {
    let doc = info;
    if (typeof info === 'string') {
      try {
        doc = phpDecode(info);
      } catch {
        throw new ApiError(30006);
      }
    }
    if (!isPhpArray(doc) || !isPhpArray(doc.entries.get('data'))) throw new ApiError(30006);
    return [...doc.entries.get('data').entries.values()].map((row) => {
      if (!isPhpArray(row)) throw new ApiError(30006);
      const o = {};
      for (const [k, v] of row.entries) o[k] = toPlain(v);
      return o;
    });
  }

  // ---- list helpers ----

  /** A page of `items`, each shown through `view` (applied to the page only: lists may hold 100,000 records). */
  function page(items, params, defaultSize, view = (x) => x) {
    const get = (k) => params.entries.get(k);
    const size = Number(get('pageSize') ?? defaultSize) || defaultSize;
    const index = Number(get('pageIndex') ?? 0) || 0;
    return { total: items.length, list: items.slice(index * size, index * size + size).map(view) };
  }

  /** The date filter of a list (start/end of `field`, today when neither), built once per request. */
  function inDates(params, field = 'start_create_at') {
    const start = params.entries.get(field);
    const end = params.entries.get(field.replace('start', 'end'));
    if (!start && !end) {
      const today = day(new Date(now()));
      return (created) => created.slice(0, 10) === today;
    }
    const from = start ? (start.length === 10 ? `${start} 00:00:00` : start) : '';
    const to = end ? (end.length === 10 ? `${end} 23:59:59` : end) : '';
    return (created) => !(from && created < from) && !(to && created > to);
  }

  const taskView = (t) => ({
    dial_task_main_id: t.id,
    dial_task_main_sn: t.sn,
    status: TASK_STATUS[t.status],
    user_sn: t.user_sn,
    user_name: t.user_name,
    team_sn: 'ROOT|0008',
    team_name: t.team_name,
    created_at: t.created_at,
    last_modify: t.last_modify,
    started_at: t.started_at,
    stoped_at: t.stoped_at,
    total_count: t.total_count,
    send_count: t.send_count,
    remark: null,
    ring_groups: null,
    priority: null,
    project_sn: t.project_sn,
    percentage: null,
    source: t.source,
    batch: t.batch,
    trunkgroup_sn: null,
    caller_group: null,
    mark: t.mark,
    operator: t.operator,
    project_caption: t.project_caption,
    parent_sn: t.user_name,
    success: String(t.success),
    fail: String(t.fail),
    stops: t.status === 4 ? String(t.unsend_count) : '0',
    unsend_count: t.unsend_count,
    percent: t.total_count ? Math.round((t.success / t.total_count) * 100) + '%' : '0%',
  });

  const crmView = (r) => {
    const o = {};
    for (const [k, v] of Object.entries(r)) if (!k.startsWith('_')) o[k] = v;
    return o;
  };

  const cdrView = (r) => ({
    cdr_id: r.id + 1_000_000,
    cdr_sn: r.cdr_sn,
    project_sn: r.project_sn,
    caller: '900002',
    callee: r.phone,
    user_name: r.user_name,
    team_name: r.team_name,
    connected_at: r.connected_at,
    disconnected_at: r.disconnected_at,
    talktimes: r.talktimes,
    endreason: r.endreason,
    recordpath: r.recordpath,
    recordfile: r.recordfile,
    direction: '0',
    startqueue_at: r.created_at,
    endqueue_at: r.created_at,
    queuetimes: 0,
    startring_at: r.created_at,
    endring_at: r.connected_at,
    ringtimes: 5,
    asr_a: r.talk_info,
    asr_b: r.labelling,
    asr_c: r.score,
    asr_d: r.asks_count,
    dial_task_main_sn: r.dial_task_main_sn,
    user_sn: r.user_sn,
    team_sn: 'ROOT|0008',
  });

  // ---- the endpoints ----

  const handlers = {
    login(params) {
      const get = (k) => params.entries.get(k);
      if (get('from') === undefined) throw new ApiError(20002);
      if (String(get('from')) !== '2') throw new ApiError(20003);
      const acct = accounts.find((a) => a.user_name === get('username'));
      if (!acct || acct.password !== get('password')) throw new ApiError(20004);
      state.logins++;
      acct.key = { api_key: crypto.randomBytes(6).toString('base64url').slice(0, 8), expire: Math.floor(now() / 1000) + keyLifetime.seconds };
      return respond(
        0,
        {
          user_name: acct.user_name,
          user_sn: acct.user_sn,
          team_name: acct.team_name,
          expired: acct.expired,
          ai_count: acct.ai_count,
          caller_group: acct.caller_group,
          parent_sn: acct.parent_sn,
          api_key: acct.key.api_key,
          api_key_expire: acct.key.expire,
        },
        { msg: '登录成功' },
      );
    },
    index(params, acct) {
      const get = (k) => params.entries.get(k);
      const dated = inDates(params);
      const status = get('status');
      const list = state.tasks
        .filter((t) => !t.deleted && t.user_sn === acct.user_sn)
        .filter((t) => dated(t.created_at))
        .filter((t) => status === undefined || t.status === Number(status))
        .filter((t) => !get('ai_user_sn') || t.ai_user_sn === get('ai_user_sn'))
        .filter((t) => !get('dial_task_main_sn') || t.sn === get('dial_task_main_sn'))
        .filter((t) => !get('source_project') || t.source.includes(get('source_project')) || t.project_caption.includes(get('source_project')))
        .sort((a, b) => b.id - a.id);
      return respond(0, page(list, params, 5, taskView));
    },
    getAiUsers: () => respond(0, aiUsers),
    getProjects: () =>
      respond(
        0,
        projects.map((p) => ({ sn: p.sn, project_name: p.project_name, project_caption: p.project_caption, project_excel: `${base()}/sandbox/template/${encodeURIComponent(p.sn)}.xlsx` })),
      ),
    addJson(params, acct) {
      const info = params.entries.get('client_info_json');
      if (info === undefined) throw new ApiError(30006);
      const aes = params.entries.get('aes');
      const encrypted = aes === true || aes === 'true';
      state.lastImport = { endpoint: 'addJson', encrypted, at: now() };
      const plain = encrypted ? decryptRows(String(info), acct.user_sn) : info;
      return importRows(acct, params, rowsOf(plain), 'addJson');
    },
    operateTask(params, acct) {
      const get = (k) => params.entries.get(k);
      if (String(get('project_type')) !== '2') throw new ApiError(20002, 'project_type 必须为 2');
      const ids = String(get('pkeys') ?? '')
        .split(',')
        .filter(Boolean)
        .map(Number);
      if (!ids.length) throw new ApiError(50001);
      const tasks = ids.map((id) => state.tasks.find((t) => t.id === id && !t.deleted && t.user_sn === acct.user_sn));
      if (tasks.some((t) => !t)) throw new ApiError(30011);
      const oper = get('oper');
      for (const t of tasks) {
        t.last_modify = fmt(new Date(now()));
        if (oper === 'stop') t.status = 4;
        else if (oper === 'keepOn') {
          t.status = 0;
          dial(t, acct);
        } else if (oper === 'failRe') {
          for (const r of t.rows) if (r.state === 'failed') Object.assign(r, { state: 'pending', retried: true });
          t.status = 0;
          dial(t, acct);
        } else if (oper === 'delete') t.deleted = true;
        else throw new ApiError(20002, 'oper 错误');
      }
      return respond(0, undefined, { msg: '操作成功' });
    },
    cdrlist(params, acct) {
      const get = (k) => params.entries.get(k);
      const dated = inDates(params);
      const list = state.records
        .filter((r) => r.user_sn === acct.user_sn && r._connected && dated(r.connected_at))
        .filter((r) => !get('callee') || r.phone === get('callee'))
        .filter((_r) => !get('caller') || get('caller') === '900002')
        .filter((r) => !get('dial_task_main_sn') || r.dial_task_main_sn === get('dial_task_main_sn'))
        .filter((r) => !get('ai_user_sn') || r.ai_user_sn === get('ai_user_sn'))
        .filter((r) => get('talktimes_min') === undefined || r.talktimes >= Number(get('talktimes_min')))
        .filter((r) => get('talktimes_max') === undefined || r.talktimes <= Number(get('talktimes_max')));
      return respond(0, page(list, params, 5, cdrView));
    },
    crmList(params, acct) {
      // One pass, newest first (records are kept in id order), each filter read once:
      // a list of 100,000 records pages in constant time per record.
      const get = (k) => params.entries.get(k);
      const dated = inDates(params);
      const statuses = get('status') ? String(get('status')).split(',') : null;
      const text = (k) => (get(k) ? String(get(k)) : undefined);
      const num = (k) => (get(k) === undefined ? undefined : Number(get(k)));
      const [phone, labelling, task, project, aiSn, aiName] = ['phone', 'labelling', 'dial_task_main_sn', 'project_sn', 'ai_user_sn', 'ai_user_name'].map(text);
      const [min, max, score, asks] = ['talktimes_min', 'talktimes_max', 'score', 'asks_count'].map(num);
      const list = [];
      for (let i = state.records.length - 1; i >= 0; i--) {
        const r = state.records[i];
        if (r.user_sn !== acct.user_sn || !dated(r.created_at)) continue;
        if (phone && !r.phone.includes(phone)) continue;
        if ((min !== undefined && r.talktimes < min) || (max !== undefined && r.talktimes > max)) continue;
        if (labelling && !(r.labelling || '').includes(labelling)) continue;
        if ((score !== undefined && r.score !== score) || (asks !== undefined && r.asks_count !== asks)) continue;
        if (statuses && !statuses.includes(r.status)) continue;
        if ((task && r.dial_task_main_sn !== task) || (project && r.project_sn !== project)) continue;
        if ((aiSn && r.ai_user_sn !== aiSn) || (aiName && r.ai_user_name !== aiName)) continue;
        list.push(r);
      }
      return respond(0, page(list, params, 10, crmView));
    },
    cdrshow(params, acct) {
      const get = (k) => params.entries.get(k);
      const rec = state.records.find((r) => r.user_sn === acct.user_sn && ((get('cdr_sn') && r.cdr_sn === get('cdr_sn')) || (get('accounts_sn') && r.sn === get('accounts_sn'))));
      if (!rec || rec.recordfile !== get('recordfile') || rec.recordpath !== get('recordpath')) throw new ApiError(50001, '记录不存在');
      const u = new URL(base() || 'http://127.0.0.1');
      return respond(0, {
        recordfile: rec.recordfile,
        recordpath: rec.recordpath,
        cdr_sn: rec.cdr_sn,
        fragment: rec._talk.map(({ vocfile, caption, title, answer, fenduanluyin }) => ({ vocfile, caption, title, answer, fenduanluyin })),
        ip: u.hostname,
        port: u.port,
      });
    },
    callTimeList: () => respond(0, state.callTimes, { msg: '' }),
    timeSave(params) {
      let rows;
      try {
        rows = toPlain(phpDecode(String(params.entries.get('data') ?? '')));
      } catch {
        return { status: 200, json: { rst: 1, msg: 'data 格式错误' } };
      }
      if (!Array.isArray(rows)) return { status: 200, json: { rst: 1, msg: 'data 格式错误' } };
      for (const r of rows) {
        const t = state.callTimes.find((c) => c.id === Number(r.id));
        if (!t) return { status: 200, json: { rst: 1, msg: `时间段 ${r.id} 不存在` } };
        Object.assign(t, { start_at: r.start_at, end_at: r.end_at, disable: Number(r.disable) });
      }
      return { status: 200, json: { rst: 0, msg: '保存成功 ' } };
    },
    setCallback(params) {
      const open = String(params.entries.get('open_callback'));
      const url = params.entries.get('callback_url');
      if (!['0', '1'].includes(open) || typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new ApiError(20002);
      state.callback = { open: Number(open), url };
      return respond(0);
    },
  };

  function audio(file) {
    return file.endsWith('.wav') ? { type: 'audio/wav', bytes: toneWav(1.5) } : { type: 'audio/mpeg', bytes: silentMp3(1.5) };
  }

  const downloads = {
    cdrDownload(q) {
      const rec = state.records.find((r) => r.recordpath === q.get('recordpath') && r.recordfile === q.get('recordfile'));
      if (!rec) return { status: 404, text: 'not found' };
      return { status: 200, file: audio(rec.recordfile) };
    },
    cdrFragmentDownload(q) {
      const rec = state.records.find((r) => r._talk.some((t) => t.fenduanluyin === q.get('recordfile')));
      if (!rec) return { status: 404, text: 'not found' };
      return { status: 200, file: audio(q.get('recordfile')) };
    },
    exportModel(q) {
      const p = projects.find((x) => x.sn === q.get('project_sn'));
      if (!p) return respond(30003);
      if (q.get('type') === 'json') return respond(0, [Object.fromEntries(p.columns.map((c, i) => [String(i), c]))]);
      return { status: 200, file: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: writeXlsx([p.columns]), name: `${p.project_name}.xlsx` } };
    },
  };

  /** Handles /api/<endpoint>; returns { status, json | text | file }. */
  function handle({ method, endpoint, query, contentType, body }) {
    const entry = { at: now(), endpoint, api_key: undefined, code: undefined };
    state.log.push(entry);
    const done = (r) => {
      entry.code = r.json ? (r.json.code ?? r.json.rst) : r.status;
      return r;
    };
    try {
      if (downloads[endpoint]) {
        if (method !== 'GET') throw new ApiError(20001);
        const params = phpArray([...query.entries()]);
        entry.api_key = query.get('api_key');
        verifyUrl(endpoint, params);
        checkKey(params);
        return done(downloads[endpoint](query));
      }
      const handler = handlers[endpoint];
      if (!handler && endpoint !== 'addExcel') return done({ status: 404, text: `no such endpoint /api/${endpoint}` });
      if (method !== 'POST') throw new ApiError(20001);
      let params;
      if (endpoint === 'addExcel') {
        if (!/multipart\/form-data/i.test(contentType || '')) throw new ApiError(20001);
        const parts = parseMultipart(body, contentType);
        params = phpArray(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')]));
        entry.api_key = params.entries.get('api_key');
        verifyUrl(endpoint, params);
        const acct = checkKey(params);
        const file = parts.find((p) => p.name === 'upload' && p.filename !== undefined);
        if (!file || file.data.length === 0) throw new ApiError(30001);
        if (!/\.xlsx?$/i.test(file.filename)) throw new ApiError(30002);
        let sheet;
        try {
          sheet = readXlsx(file.data);
        } catch {
          throw new ApiError(30002);
        }
        const [header = [], ...lines] = sheet;
        if (header[0] !== '姓名' || header[1] !== '电话') throw new ApiError(30003);
        const rows = lines.filter((l) => l.some((c) => c !== '')).map((l) => Object.fromEntries(header.map((h, i) => [h, l[i] ?? ''])));
        return done(importRows(acct, params, rows, 'addExcel'));
      }
      if (!/application\/json/i.test(contentType || '')) throw new ApiError(20001);
      try {
        params = phpDecode(body.toString('utf8'));
      } catch (e) {
        if (e instanceof PhpJsonError) throw new ApiError(20002);
        throw e;
      }
      if (!isPhpArray(params)) throw new ApiError(20002);
      entry.api_key = params.entries.get('api_key');
      verifyUrl(endpoint, params);
      if (endpoint === 'login') return done(handlers.login(params));
      const acct = checkKey(params);
      return done(handler(params, acct));
    } catch (e) {
      if (e instanceof ApiError) return done(respond(e.code, undefined, { msg: e.message }));
      return done({ status: 500, json: { code: 500, msg: MSG[500], error: String(e && e.stack) } });
    }
  }

  if (opts.records) seedRecords(opts.records);

  return {
    state,
    handle,
    seedRecords,
    /** Makes every current key expire now. */
    expireKeys() {
      for (const a of accounts) if (a.key) a.key.expire = Math.floor(now() / 1000) - 1;
    },
    setKeyLifetime(seconds) {
      keyLifetime.seconds = seconds;
    },
    account: (username) => accounts.find((a) => a.user_name === username),
  };
}
