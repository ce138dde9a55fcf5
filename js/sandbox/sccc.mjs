// The SCCC call-center OpenAPI V2.0 (the SCCC OpenAPI V2.0 document), emulated: digest checks
// (customer@timestamp@seq@password, request seqs not reused), every API
// with state (agents, call tasks, CDRs, recordings), single and multiple
// commands per request, and push notifications signed the same way and
// POSTed to a configured URL.
import crypto from 'node:crypto';
import { silentMp3, toneWav } from './formats.mjs';

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
const pad = (n) => String(n).padStart(2, '0');
const fmt = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

export const SCCC_CUSTOMER = 'C2';
export const SCCC_PASSWORD = 'E416D0F85DC0CB67C85E070A32D9F0123AFF4762';

const E = {
  FAIL: -1,
  AUTH: 1,
  INVALID_PARAM: 5,
  INVALID_MSG: 8,
  VERSION: 10,
  API: 11,
  INVALID_OPT: 0xf100000e,
  RES_NOT_EXIST: 0xf1000008,
  STAFF_NO_EXIST: 0xf1000013,
  NUMBER_INVALID: 0xf1000017,
};

const VERSIONS = { 'V2.0.1': 1, 'V2.0.2': 2, 'V2.0.3': 3, 'V2.0.4': 4, 'V2.0.6': 6 };
/** APIs available only in some versions (x=…). */
const ONLY = { getAgentInfo: [6], getRecordsList: [4, 6] };

class Fail extends Error {
  constructor(code, msg) {
    super(msg);
    this.code = code;
  }
}

export function createSccc(opts = {}) {
  const now = opts.now || (() => Date.now());
  const maxSkewMs = opts.maxSkewMs ?? 300_000;
  const customers = { [opts.customer ?? SCCC_CUSTOMER]: opts.password ?? SCCC_PASSWORD };
  const state = {
    agents: new Map(['1000', '1001', '8000'].map((no, i) => [no, { id: String(101 + i), name: `坐席${no}`, staffNo: no, workStatus: 'OFFLINE', serverStatus: 'IDLE' }])),
    tasks: new Map(),
    cdrs: [],
    records: [],
    seenSeqs: new Map(),
    push: { url: opts.pushUrl ?? '', customer: opts.pushCustomer, password: opts.pushPassword },
    pushes: [],
    nextTask: 9001,
    nextKey: 1,
  };
  // Old recordings, so that paging past 500 has something to page through.
  for (let i = 0; i < (opts.records ?? 1203); i++)
    addCall({ agent: '8000', caller: '02500000000', callee: `1390000${String(i).padStart(4, '0')}`, serviceType: 1, push: false, at: now() - 86_400_000 * 2 });

  function addCall({ agent, caller, callee, serviceType, userData, push = true, at = now() }) {
    const key = state.nextKey++;
    const start = new Date(at);
    const answered = !/0$/.test(callee);
    const duration = answered ? 20 + (key % 40) : 0;
    const filename = answered ? `record/${fmt(start).slice(0, 10).replace(/-/g, '')}/${key}_${callee}.${key % 2 ? 'wav' : 'mp3'}` : '';
    state.records.push({ key: String(key), caller, callee, filename, type: serviceType === 2 ? '0' : '1', agent, startTime: String(Math.floor(at / 1000)), duration: String(duration) });
    state.cdrs.push({
      key: String(key),
      agent,
      serviceType: String(serviceType),
      answerTime: answered ? fmt(new Date(at + 5000)) : '',
      caller,
      callee,
      timeLength: String(duration),
      fee: answered ? 0.06 : 0,
      releaseCause: answered ? '200' : '480',
      result: answered ? '1' : '2',
      filename,
      _at: at,
    });
    if (push) {
      const base = { customer: Object.keys(customers)[0], agent, number: callee, seq: String(key), userData: userData ?? '' };
      notify({ type: 'callin', ...base, call_type: '1' });
      notify({ type: 'callout', ...base, call_type: '1' });
      notify({ customer: base.customer, agent, number: callee, call_type: '1', seq: String(key) }); // 弹屏: no type
      if (answered) notify({ type: 'callstart', ...base, call_type: '1' });
      notify({ type: 'callend', ...base, call_type: '1' });
      notify({
        type: 'billing',
        startTime: fmt(start),
        ringTime: fmt(new Date(at + 1000)),
        answerTime: answered ? fmt(new Date(at + 5000)) : '',
        byeTime: fmt(new Date(at + 5000 + duration * 1000)),
        callee,
        caller,
        recordFile: filename,
        service: String(serviceType),
        session: crypto.randomUUID(),
        timeLength: String(duration),
        seq: String(key),
        userData: userData ?? '',
      });
    }
    return key;
  }

  let pushSeq = 1;
  /** Signs a notification like a request and POSTs it to the push URL. */
  function notify(body) {
    if (!state.push.url) return;
    const customer = state.push.customer ?? Object.keys(customers)[0];
    const password = state.push.password ?? customers[customer];
    const timestamp = String(now());
    const seq = String(pushSeq++);
    const message = { authentication: { customer, digest: md5(`${customer}@${timestamp}@${seq}@${password}`), seq, timestamp }, notify: body, param: { debug: '', lang: '' } };
    const entry = { url: state.push.url, message, status: undefined, answer: undefined };
    state.pushes.push(entry);
    entry.done = fetch(state.push.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(5000) })
      .then(async (r) => {
        entry.status = r.status;
        entry.answer = await r.text();
      })
      .catch((e) => (entry.answer = String(e)));
  }

  const agentOf = (cmd) => {
    const a = state.agents.get(String(cmd.agent ?? ''));
    if (!a) throw new Fail(E.STAFF_NO_EXIST, '指定工号不存在');
    return a;
  };
  const phones = (list, max) => {
    if (!Array.isArray(list) || list.length === 0 || list.length > max) throw new Fail(E.INVALID_PARAM, `号码列表必须为 1-${max} 个`);
    return list.map(String);
  };

  const apis = {
    VoiceVerify(cmd) {
      if (!/^\d{3,8}$/.test(String(cmd.verifyCode ?? ''))) throw new Fail(E.INVALID_PARAM, 'verifyCode 错误');
      if (!/^\+?\d{3,20}$/.test(String(cmd.callee ?? ''))) throw new Fail(E.NUMBER_INVALID, '号码非法');
      addCall({ agent: '', caller: '4000000000', callee: String(cmd.callee), serviceType: 19, userData: cmd.userData });
      return {};
    },
    AgentQueryStatus(cmd) {
      agentOf(cmd);
      return {};
    },
    getAgentStatus(cmd) {
      const a = agentOf(cmd);
      return { workStatus: a.workStatus, serverStatus: a.serverStatus };
    },
    getAgentInfo() {
      return { data: [...state.agents.values()].map((a) => ({ id: a.id, name: a.name, staffNo: a.staffNo })) };
    },
    AgentLogin(cmd) {
      const a = agentOf(cmd);
      Object.assign(a, { workStatus: 'ONLINE', serverStatus: 'IDLE' });
      return {};
    },
    AgentLogout(cmd) {
      const a = agentOf(cmd);
      Object.assign(a, { workStatus: 'OFFLINE', serverStatus: 'IDLE' });
      return {};
    },
    AgentSetBusy(cmd) {
      const a = agentOf(cmd);
      if (a.workStatus === 'OFFLINE') throw new Fail(E.INVALID_OPT, '坐席未登录');
      a.workStatus = 'BUSY';
      return {};
    },
    AgentSetIdle(cmd) {
      const a = agentOf(cmd);
      if (a.workStatus === 'OFFLINE') throw new Fail(E.INVALID_OPT, '坐席未登录');
      Object.assign(a, { workStatus: 'ONLINE', serverStatus: 'IDLE' });
      return {};
    },
    CallNumber(cmd) {
      const a = agentOf(cmd);
      if (a.workStatus !== 'ONLINE') throw new Fail(E.INVALID_OPT, '坐席不在线或忙');
      if (!/^\+?\d{3,20}$/.test(String(cmd.callee ?? ''))) throw new Fail(E.NUMBER_INVALID, '号码非法');
      addCall({ agent: a.staffNo, caller: '02588888888', callee: String(cmd.callee), serviceType: 1, userData: cmd.userData });
      return {};
    },
    HangupCall(cmd) {
      agentOf(cmd);
      return {};
    },
    CallTaskCreate(cmd) {
      const a = agentOf(cmd);
      // The table marks mode Y, the message example has none: absent or "" means 2.
      if (![2, 5].includes(cmd.mode === undefined || cmd.mode === '' ? 2 : Number(cmd.mode))) throw new Fail(E.INVALID_PARAM, 'mode 错误');
      const callees = phones(cmd.callees, 1000);
      if (cmd.callers !== undefined) phones(cmd.callers, 100);
      const id = state.nextTask++;
      const task = { id, agent: a.staffNo, name: cmd.taskName || `task-${id}`, numbers: [], status: 1, userData: cmd.userData ?? '' };
      state.tasks.set(id, task);
      return { taskID: String(id), report: add(task, callees) };
    },
    CallTaskQuery(cmd) {
      const a = agentOf(cmd);
      const task = [...state.tasks.values()].reverse().find((t) => t.agent === a.staffNo);
      if (!task) throw new Fail(E.RES_NOT_EXIST, '没有外呼任务');
      return { taskID: String(task.id) };
    },
    CallTaskControl(cmd) {
      const task = state.tasks.get(Number(cmd.taskID));
      if (!task) throw new Fail(E.RES_NOT_EXIST, '任务不存在');
      // The table writes Start(开始任务)|stop(停止任务).
      const action = String(cmd.action ?? '').toLowerCase();
      if (!['start', 'stop'].includes(action)) throw new Fail(E.INVALID_PARAM, 'action 错误');
      if (action === 'stop') {
        task.status = 1;
        taskInfo(task);
      } else {
        task.status = 0;
        taskInfo(task);
        for (const n of task.numbers.filter((x) => !x.called)) {
          n.called = true;
          addCall({ agent: task.agent, caller: '02588888888', callee: n.number, serviceType: 4, userData: task.userData });
        }
        task.status = 2;
        taskInfo(task);
      }
      return { taskID: String(task.id) };
    },
    CallTaskAddNumbers(cmd) {
      const task = state.tasks.get(Number(cmd.taskID));
      if (!task) throw new Fail(E.RES_NOT_EXIST, '任务不存在');
      agentOf(cmd);
      return { taskID: String(task.id), report: add(task, phones(cmd.callees, 1000)) };
    },
    getRecordsList(cmd) {
      const start = Number(cmd.startKey);
      if (!Number.isInteger(start) || start < 0) throw new Fail(E.INVALID_PARAM, 'startKey 错误');
      return { __record: state.records.filter((r) => Number(r.key) > start).slice(0, 500) };
    },
    getCdrList(cmd) {
      // Every filter may come as "" (the document's example): not set.
      cmd = Object.fromEntries(Object.entries(cmd).filter(([, v]) => v !== ''));
      const agents = cmd.agent === undefined ? null : [].concat(cmd.agent).map(String);
      const day = fmt(new Date(now())).slice(0, 10);
      const from = cmd.startTime || (cmd.endTime ? '0000' : `${day} 00:00:00`);
      const to = cmd.endTime || (cmd.startTime ? '9999' : `${day} 23:59:59`);
      const list = state.cdrs
        .filter((c) => !agents || agents.includes(c.agent))
        .filter((c) => !cmd.serviceType || c.serviceType === String(cmd.serviceType))
        .filter((c) => fmt(new Date(c._at)) >= from && fmt(new Date(c._at)) <= to)
        .filter((c) => !cmd.caller || c.caller === String(cmd.caller))
        .filter((c) => !cmd.callee || c.callee === String(cmd.callee))
        .filter((c) => cmd.timeLengthMin === undefined || Number(c.timeLength) >= Number(cmd.timeLengthMin))
        .filter((c) => cmd.timeLengthMax === undefined || Number(c.timeLength) <= Number(cmd.timeLengthMax))
        .map(({ _at, ...c }) => c);
      return { total: String(list.length), cdr: list };
    },
  };

  function add(task, callees) {
    let error = 0;
    let repeat = 0;
    for (const n of callees) {
      if (!/^\+?\d{3,20}$/.test(n)) error++;
      else if (task.numbers.some((x) => x.number === n)) repeat++;
      else task.numbers.push({ number: n, called: false });
    }
    return { total: String(callees.length), error: String(error), repeat: String(repeat) };
  }

  function taskInfo(task) {
    const remain = task.numbers.filter((n) => !n.called).length;
    notify({
      type: 'taskinfo',
      taskID: String(task.id),
      taskName: task.name,
      calleeAmount: String(task.numbers.length),
      remainAmount: String(remain),
      status: String(task.status),
      purpose: '1',
      group: '',
      staffNo: task.agent,
      seq: String(task.id),
      userData: task.userData,
    });
  }

  function result(code, msg = '') {
    return { error: code, msg };
  }

  /** Handles POST /openapi/<version>/<ApiName>. */
  function handle({ version, apiName, body }) {
    const answer = (top, data) => ({ status: 200, json: { data: data ?? null, logs: '', result: top } });
    if (!(version in VERSIONS)) return answer(result(E.VERSION, '不支持的 API 版本'));
    if (!(apiName in apis) || (ONLY[apiName] && !ONLY[apiName].includes(VERSIONS[version]))) return answer(result(E.API, '不支持的 API 请求'));
    let msg;
    try {
      msg = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(result(E.INVALID_MSG, '请求数据格式错误'));
    }
    const auth = msg && msg.authentication;
    if (!auth || typeof auth !== 'object') return answer(result(E.AUTH, '缺少认证域'));
    const password = customers[auth.customer];
    const digest = password && md5(`${auth.customer}@${auth.timestamp}@${auth.seq}@${password}`);
    if (!password || String(auth.digest).toLowerCase() !== digest) return answer(result(E.AUTH, '认证失败'));
    // A request stamped too far from the server's clock is refused (the
    // document is silent; servers in production refuse beyond 5 minutes).
    if (Math.abs(now() - Number(auth.timestamp)) > maxSkewMs) return answer(result(E.AUTH, '时间戳超出允许范围'));
    const seqKey = `${auth.customer}/${auth.seq}`;
    const seen = state.seenSeqs.get(seqKey);
    if (seen !== undefined && now() - seen < 300_000) return answer(result(E.AUTH, '请求序列号重复'));
    state.seenSeqs.set(seqKey, now());
    const many = Array.isArray(msg.requests);
    const commands = many ? msg.requests : msg.request ? [msg.request] : null;
    if (!commands || commands.length === 0) return answer(result(E.INVALID_MSG, '缺少 request'));
    const responses = commands.map((cmd) => {
      if (!cmd || typeof cmd !== 'object' || cmd.seq === undefined) return { seq: cmd?.seq ?? '', result: result(E.INVALID_PARAM, '缺少 seq') };
      try {
        const out = apis[apiName](cmd);
        return { seq: String(cmd.seq), userData: cmd.userData ?? '', result: result(0), ...out };
      } catch (e) {
        if (e instanceof Fail) return { seq: String(cmd.seq), userData: cmd.userData ?? '', result: result(e.code, e.message) };
        throw e;
      }
    });
    const data = { seq: String(auth.seq) };
    if (many) data.responses = responses.map(({ __record, ...r }) => r);
    else {
      const { __record, ...r } = responses[0];
      data.response = r;
      if (__record) data.record = __record;
    }
    const debug = msg.param && (msg.param.debug === true || msg.param.debug === 'true');
    return { status: 200, json: { data, logs: debug ? `handled ${apiName} x${commands.length}` : '', result: result(0, msg.param?.lang === 'zh_CN' ? '成功' : 'success') } };
  }

  /** GET /<filename> of a recording. */
  function recording(path) {
    const rec = state.records.find((r) => r.filename && '/' + r.filename === path);
    if (!rec) return undefined;
    return { status: 200, file: rec.filename.endsWith('.wav') ? { type: 'audio/wav', bytes: toneWav(1) } : { type: 'audio/mpeg', bytes: silentMp3(1) } };
  }

  return {
    state,
    handle,
    recording,
    /** Where pushes go, and with which credentials (default: the request credentials). */
    setPush(push) {
      Object.assign(state.push, push);
    },
    /** Waits until every push sent so far was answered. */
    async settle() {
      await Promise.all(state.pushes.map((p) => p.done));
    },
  };
}
