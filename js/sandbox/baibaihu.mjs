// The 八百呼 VoIP data API V6.6 (the 八百呼 API document V6.6), emulated: every method of
// chapters 2.1–2.11 on /voip/api/jsondata.html with sa_user + the
// password's MD5, state for extensions, customers, blacklists, call-backs,
// call records, tasks and SMS, the codes of 1.2, recordings, and the
// third-party push of 2.10.4.
import crypto from 'node:crypto';
import { parseMultipart, silentMp3, toneWav } from './formats.mjs';

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');
const pad = (n) => String(n).padStart(2, '0');
const fmt = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

export const BBH_USER = '100008800';
export const BBH_PASSWORD = '02367073578';

class Fail extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const ok = (extra = {}) => ({ code: 0, message: '', ...extra });
const need = (p, k) => {
  if (p[k] === undefined || p[k] === '') throw new Fail(-3, `缺少参数 ${k}`);
  return p[k];
};

export function createBaiBaiHu(opts = {}) {
  const now = opts.now || (() => Date.now());
  const accounts = new Map([
    [BBH_USER, { password: BBH_PASSWORD, admin: true, exteId: 1, extension: BBH_USER }],
    ['100008801', { password: 'staff-pass', admin: false, exteId: 2, extension: '100008801' }],
  ]);
  let nextId = 1000;
  const id = () => ++nextId;
  const state = {
    extensions: [
      { exteId: 1, exteExtension: BBH_USER, exteName: '管理员', extePassword: 'x', exteMobile: '13900000000', exteinMobileRule: 0, exteStatus: 2, statustext: '空闲' },
      { exteId: 2, exteExtension: '100008801', exteName: '张三', extePassword: 'x', exteMobile: '13900000001', exteinMobileRule: 0, exteStatus: 0, statustext: '空闲' },
    ],
    messages: [],
    sms: [],
    cdrs: [],
    customers: [],
    sales: [],
    memos: [],
    blacklist: new Set(),
    callbacks: [],
    audits: [],
    flows: [
      {
        cfId: 77,
        cfName: '外呼流程',
        ctkName: '',
        compGroupCallTimes: 30,
        cfIsend_wfPath: '100355/366304549136128.wav',
        cfItransferMode: 3,
        cfItransferTimes: 20,
        cfIIsRecord: 2,
        cfISendInterval: 0,
        cfISmsStatus: 0,
        cfISmsTims: 0,
        cfISmsContent: '',
      },
    ],
    tasks: [],
    files: new Map(),
    devices: new Set(['00:00:00:00:01']),
    push: { url: opts.pushUrl ?? '' },
    pushes: [],
    log: [],
  };
  // History for paging: 57 older call records.
  for (let i = 0; i < 57; i++) addCdr({ extension: '100008801', phone: `1380000${String(i).padStart(4, '0')}`, peer: 1 + (i % 2), at: now() - 86_400_000 - i * 60_000, push: false });

  function addCdr({ extension, phone, peer = 1, at = now(), push: doPush = true, paramvalue }) {
    const cdrId = 282982852097000 + state.cdrs.length + 1;
    const start = new Date(at);
    const talk = /0$/.test(phone) ? 0 : 10 + (state.cdrs.length % 50);
    const rec = {
      cdrId,
      cdrExtension: extension,
      exteName: state.extensions.find((e) => e.exteExtension === extension)?.exteName ?? '',
      cdrCalledName: '',
      cdrExtensionIp: '192.168.1.10',
      cdrStartTime: fmt(start),
      cdrHangupTime: fmt(new Date(at + (talk + 5) * 1000)),
      cdrPhonePort: '',
      cdrIVR: '',
      cdrTalktime: talk,
      cdrChargingTimes: Math.ceil(talk / 60),
      cdrLastPhoneNum: phone.replace(/^0+/, ''),
      cdrPeer: peer,
      cdrHangupReasonText: talk ? '正常挂机' : '无人接听',
      cdrHangupReasonCode: talk ? 16 : 19,
      cdrPhoneNum: phone,
      cdrPhoneIp: '',
      cdrTrunkRoute: 'SIP/trunk1',
      cdrCmmId: 0,
      cdrExtensionPort: '',
      cdrIVRKey: '',
      cdrRecordFile: talk ? `${fmt(start).slice(0, 7).replace('-', '')}/${pad(start.getDate())}/${phone}-${cdrId}.wav` : '',
      _at: at,
    };
    state.cdrs.push(rec);
    if (doPush) {
      // The push's peer is 1 (out) or 2 (in); the record's cdrPeer also knows group calls (3, 4).
      const dir = peer === 2 ? 2 : 1;
      push({ type: 1, peer: dir, phone });
      if (talk) push({ type: 2, peer: dir, phone });
      const { _at, ...memo } = rec;
      push({ type: 3, peer: dir, phone, memo: JSON.stringify({ ...memo, paramvalue: paramvalue ?? '' }) });
    }
    return rec;
  }

  function push(params) {
    if (!state.push.url) return;
    const url = new URL(state.push.url);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    const entry = { url: url.href, params, answer: undefined };
    state.pushes.push(entry);
    entry.done = fetch(url, { signal: AbortSignal.timeout(5000) })
      .then(async (r) => (entry.answer = await r.text()))
      .catch((e) => (entry.answer = String(e)));
  }

  const page = (list, p, def = 25) => {
    const start = Number(p.start ?? 0);
    const limit = Number(p.limit ?? def);
    return list.slice(start, start + limit);
  };
  const ext = (exteId) => {
    const e = state.extensions.find((x) => x.exteId === Number(exteId));
    if (!e) throw new Fail(-11, '座席不存在');
    return e;
  };
  const customerByPhone = (phone) => state.customers.find((c) => c.phones.some((p) => p.cpPhone === phone));
  const phonesOf = (p) =>
    String(need(p, 'phones'))
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const extensionFields = [
    'exteExtension',
    'exteName',
    'extePassword',
    'exte_deptId',
    'exteMobile',
    'exteinMobileRule',
    'exteStatus',
    'exteIsRecord',
    'exteMemo',
    'exteMemo2',
    'exteMemo3',
    'exteMemo4',
    'exteMemo5',
    'exteLoginName',
    'exteLoginType',
    'exte_transfer_shpId',
    'exteIsApp',
    'exte_shpId',
  ];
  const adminOnly = new Set(['addExtension', 'editExtension', 'delExtension', 'initExtensionPassword', 'registerExtension', 'systemChannels']);

  const methods = {
    getExtension: (_p, acct) => {
      const e = state.extensions.find((x) => x.exteId === acct.exteId);
      return ok({ exteId: e.exteId, name: e.exteName, extension: e.exteExtension, compNumber: '100008', compName: '八百呼测试企业', disablePhoneNum: 0, exteLoginType: 0 });
    },
    getExtensions: () =>
      ok({
        extension: state.extensions.map(({ exteId, exteExtension, exteName, exteMobile, exteinMobileRule, statustext }) => ({
          exteId,
          exteExtension,
          exteName,
          exteMobile,
          exteinMobileRule,
          statustext,
        })),
      }),
    sendMsg: (p) => {
      // The table requires time, the document's example leaves it out: now.
      state.messages.push({ kind: need(p, 'kind'), phone: need(p, 'phone'), content: p.content ?? '', time: Number(p.time ?? now()), waterLine: now() + state.messages.length });
      return ok();
    },
    recvMsg: (p) => {
      need(p, 'client');
      const from = Number(p.waterLine ?? 0);
      return ok({ msgs: state.messages.filter((m) => m.waterLine > from).slice(0, Number(p.limit ?? 100)) });
    },
    upload_record_file: (p, _acct, files) => {
      const file = files.find((f) => f.name === 'fileGsm');
      if (!file) throw new Fail(-13, '缺少文件');
      if (md5(file.data) !== String(need(p, 'fileMd5')).toLowerCase()) throw new Fail(-13, '文件校验失败');
      const name = Buffer.from(String(need(p, 'fileName')), 'base64').toString('utf8');
      state.files.set(name, file.data);
      return ok({ fileName: name });
    },
    addCdrRecord: (p) => {
      need(p, 'dialId');
      addCdr({ extension: '100008801', phone: p.dialPhoneNum || '13000000000', push: false });
      return ok();
    },
    addSmsRecord: (p) => {
      state.sms.push({ id: p.id, kind: p.kind, phone: need(p, 'phone'), content: p.content ?? '', time: Number(need(p, 'time')) });
      return ok();
    },
    getTaskDetailPhone: () => {
      const detail = state.tasks.flatMap((t) => t.rows).find((r) => r.ctdStatus === 0);
      if (!detail) throw new Fail(-11, '没有待呼叫号码');
      return ok({ success: true, phone: detail.ctdPhone, cfId: 77, ctdId: detail.ctdId });
    },
    saveCustomer: (p) => {
      const count = Number(p.recordCount_voip_customer_phone ?? 0);
      const phones = Array.from({ length: count }, (_, i) => ({ cpPhone: p[`cpPhone[${i}]`], cpType: p[`cpType[${i}]`] ?? '', cpLinkMan: p[`cpLinkMan[${i}]`] ?? '' })).filter((x) => x.cpPhone);
      if (p.cpPhone && !phones.some((x) => x.cpPhone === p.cpPhone)) phones.unshift({ cpPhone: p.cpPhone, cpType: '常用电话', cpLinkMan: p.custName ?? '' });
      const fields = Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith('cust') && k !== 'custId'));
      if (p.custId) {
        const c = state.customers.find((x) => x.custId === String(p.custId));
        if (!c) throw new Fail(-11, '客户不存在');
        Object.assign(c, fields);
        if (phones.length) c.phones = phones;
        return ok({ success: true, custId: c.custId });
      }
      if (!phones.length) throw new Fail(-3, '缺少电话号码');
      if (phones.some((x) => customerByPhone(x.cpPhone))) throw new Fail(-10, '客户号码已存在');
      const c = { custId: String(id()), ...fields, custIsLock: 0, custCreateTime: fmt(new Date(now())), phones };
      state.customers.push(c);
      return ok({ success: true, custId: c.custId });
    },
    upload_record: (p, _acct, files) => {
      if (!p.satellite) return { status: 3002, time: String(now()), message: 'MAC 参数不能少' };
      if (!state.devices.has(p.satellite)) return { status: 3001, time: String(now()), message: '设备未注册或未分配用户' };
      if (p.cmd === 'upload') {
        const file = files.find((f) => f.name === 'file');
        const rec = addCdr({ extension: '100008801', phone: p.callid_dialed || '13000000001', peer: p.direction === 'in' ? 2 : 1, push: false });
        if (file) state.files.set(rec.cdrRecordFile, file.data);
        return { status: 0, time: String(now()), callid: String(rec.cdrId) };
      }
      if (p.cmd === 'getMessageList') return { status: 3003, time: String(now()), message: '没有可处理的消息' };
      return { status: 0, time: String(now()) };
    },
    setUserCheckInOut: (p) => {
      need(p, 'status');
      return ok();
    },
    registerExtension: () => {
      const e = {
        exteId: id(),
        exteExtension: String(100008900 + state.extensions.length),
        exteName: '新座席',
        extePassword: crypto.randomBytes(4).toString('hex'),
        exteStatus: 0,
        statustext: '离线',
      };
      state.extensions.push(e);
      return ok({ extension: e.exteExtension, password: e.extePassword });
    },
    systemChannels: () => ok({ channelviewinfo: [{ channel: 'SIP/trunk1-0001', state: 'Up' }], totalNum: 30, totalGroupCallNum: 10, useGroupCallNum: 1, useAgiCallNum: 2, channelNum: 20 }),
    getChannelList: () => ok({ rows: [{ channelName: 'SIP/trunk1-0009', callinTel: '02368888888', createTime: fmt(new Date(now())), queueId: 3 }] }),
    smsSend: (p) => {
      const memo = String(need(p, 'memo'));
      if ([...memo].length > 70) throw new Fail(-12, '短信内容超过 70 字');
      for (const phone of String(need(p, 'phoneNum')).split(',')) state.sms.push({ kind: '3', phone, content: memo, time: now(), listId: p.listId });
      return ok();
    },
    setShowPhone: (p) => {
      const e = state.extensions.find((x) => x.exteExtension === need(p, 'extension'));
      if (!e) throw new Fail(-11, '座席不存在');
      e.showPhone = need(p, 'phone');
      return ok();
    },
    setIvrDialing: (p) => {
      need(p, 'sourcePhone');
      need(p, 'descPhone');
      need(p, 'dialPhone');
      return ok();
    },
    addBlacklists: (p) => {
      const phones = phonesOf(p);
      if (phones.every((x) => state.blacklist.has(x))) throw new Fail(-10, '号码已在黑名单');
      for (const x of phones) state.blacklist.add(x);
      return ok();
    },
    delBlacklists: (p) => {
      const phones = phonesOf(p);
      if (!phones.some((x) => state.blacklist.has(x))) throw new Fail(-11, '号码不在黑名单');
      for (const x of phones) state.blacklist.delete(x);
      return ok();
    },
    getBlacklists: () => ok({ blaPhone: [...state.blacklist] }),
    callbackPhone: (p, acct) => {
      const source = need(p, 'sourcePhone');
      const desc = need(p, 'descPhone');
      if (state.blacklist.has(desc)) throw new Fail(-5, '号码在黑名单中');
      const cbkId = id();
      const rec = addCdr({ extension: acct.extension, phone: desc, peer: 1 });
      const cb = {
        cbkId,
        cbk_exteId: acct.exteId,
        cbkSourcePhone: source,
        cbkDescPhone: desc,
        cbkStatus: rec.cdrTalktime ? 4 : 3,
        cbkCreateTime: fmt(new Date(now())),
        cbkBeginTime: rec.cdrStartTime,
        cbkSuccessTime: rec.cdrTalktime ? rec.cdrStartTime : '',
        cbkEndTime: rec.cdrHangupTime,
        cbkTimes: rec.cdrTalktime,
        cbkTransferSuccessTime: '',
        cbkTransferEndTime: '',
        cbkTransferTimes: 0,
        cbkResultCode: 0,
        cbkErrorCode: 0,
        cbkWavFile: rec.cdrRecordFile,
        cbkExtension: acct.extension,
        cbkType: 0,
      };
      state.callbacks.push(cb);
      if (p.callbackUrl) {
        let url;
        try {
          url = new URL(Buffer.from(String(p.callbackUrl), 'base64').toString('utf8').replace('{cbkId}', String(cbkId)));
        } catch {
          throw new Fail(-3, 'callbackUrl 不是 base64 编码的地址');
        }
        for (const [k, v] of Object.entries(cb)) if (!url.searchParams.has(k)) url.searchParams.set(k, String(v));
        cb.cbkUrl = url.href;
        state.pushes.push({
          url: url.href,
          kind: 'callback',
          done: fetch(url, { signal: AbortSignal.timeout(5000) })
            .then((r) => r.text())
            .catch(() => ''),
        });
      }
      return ok({ id: cbkId });
    },
    getCallbackList: (p) => {
      const rows = state.callbacks.filter((c) => !p.extension || c.cbkExtension === p.extension).filter((c) => !p.id || c.cbkId === Number(p.id));
      return ok({ total: rows.length, rows: page(rows, p) });
    },
    findDialrecord: (p) => {
      const exts = p.extension ? String(p.extension).split(',') : null;
      const rows = state.cdrs
        .filter((c) => !exts || exts.includes(c.cdrExtension))
        .filter((c) => !p.phoneNum || c.cdrPhoneNum.includes(p.phoneNum))
        .filter((c) => p.talktime === undefined || (p.talktimeSql === '1' ? c.cdrTalktime < Number(p.talktime) : c.cdrTalktime > Number(p.talktime)))
        // 2.7.1 spells startTime "statrTime".
        .filter((c) => !(p.startTime ?? p.statrTime) || c.cdrStartTime >= (p.startTime ?? p.statrTime))
        .filter((c) => !p.endTime || c.cdrStartTime <= p.endTime)
        .filter((c) => !p.cdrPeer || c.cdrPeer === Number(p.cdrPeer))
        .filter((c) => !p.scdrId || c.cdrId === Number(p.scdrId))
        .map(({ _at, ...c }) => c);
      return ok({ success: true, recordTotal: rows.length, total: rows.length, rows: page(rows, p, 20) });
    },
    phoneAudit: (p, acct) => {
      const phone = need(p, 'phone');
      const yzm = need(p, 'yzm');
      const rec = addCdr({ extension: acct.extension, phone, peer: 3 });
      const audit = {
        wsId: id(),
        wsStatus: rec.cdrTalktime ? 4 : 3,
        wsTalkTimes: rec.cdrTalktime,
        wsPhone: phone,
        wsCreateTime: fmt(new Date(now())),
        wsBeginTime: rec.cdrStartTime,
        wsSuccessTime: rec.cdrTalktime ? rec.cdrStartTime : '',
        wsEndTime: rec.cdrHangupTime,
        ws_exteId: acct.exteId,
        wsValue: yzm,
        wsType: Number(need(p, 'type')),
        wsRecordPath: rec.cdrRecordFile,
        WsResultKey: '',
        ws_tyConnectId: p.ws_wlstConnectId ?? '',
        wsSipRound: '',
        wsShowPhone: '',
      };
      state.audits.push(audit);
      return ok({ success: true, id: audit.wsId, yzm });
    },
    getPhoneAudit: (p) => {
      const statuses = p.status ? String(p.status).split(',').map(Number) : null;
      const rows = state.audits.filter((a) => !p.id || a.wsId === Number(p.id)).filter((a) => !statuses || statuses.includes(a.wsStatus));
      const size = Number(p.rows ?? 25);
      const pageNo = Number(p.page ?? 1);
      return ok({ total: rows.length, rows: rows.slice((pageNo - 1) * size, pageNo * size) });
    },
    getAreaPhone: (p) => {
      const phone = need(p, 'phone');
      const areas = { '023': ['重庆', '023'], '010': ['北京', '010'], 138: ['广东 深圳', '0755'], 139: ['广东 广州', '020'] };
      const hit = Object.entries(areas).find(([k]) => phone.startsWith(k));
      if (!hit) throw new Fail(-11, '未知号段');
      return ok({ area: hit[1][0], phone, areaCode: hit[1][1] });
    },
    sendTelCall: (p, acct) => {
      if (!state.devices.has(need(p, 'mac'))) throw new Fail(-11, '设备不存在');
      addCdr({ extension: acct.extension, phone: need(p, 'phone'), peer: 1 });
      return ok();
    },
    getCustomersPage: (p) => {
      if (p.sqlwhere && /['";]/.test(p.sqlwhere)) throw new Fail(-6, 'SQL 语句执行错误');
      const rows = state.customers
        .filter((c) => p.custIsLock === undefined || c.custIsLock === Number(p.custIsLock))
        .filter((c) => !p.custStatus || c.custStatus === p.custStatus)
        .filter((c) => !p.custType || c.custType === p.custType)
        .filter((c) => !p.sqlwhere || (p.findType === 'cpPhone' ? c.phones.some((x) => x.cpPhone.includes(p.sqlwhere)) : String(c[p.findType || 'custName'] ?? '').includes(p.sqlwhere)));
      const shown = page(rows, p);
      return ok({
        success: true,
        recordTotal: rows.length,
        rows_customer: shown.map(({ phones, ...c }) => c),
        rows_customerphone: shown.flatMap((c) => c.phones.map((x) => ({ custId: c.custId, ...x }))),
      });
    },
    getcustomer: (p) => {
      const c = customerByPhone(need(p, 'phoneNum'));
      if (!c) throw new Fail(-11, '客户不存在');
      const { phones, ...customer } = c;
      return ok({ success: true, customer, customerphone: phones, customersales: state.sales.filter((s) => s.custId === c.custId), worktype: [] });
    },
    getTableFields: (p) =>
      ok({
        success: true,
        rows: [
          ['custName', p.chinesename === '1' ? '联系人' : '姓名'],
          ['custCorpName', '公司名'],
          ['custAddr', '地址'],
        ].map(([field, label]) => ({ field, label })),
      }),
    delcustomer: (p) => {
      const i = state.customers.findIndex((c) => c.custId === String(need(p, 'custId')));
      if (i < 0) throw new Fail(-11, '客户不存在');
      state.customers.splice(i, 1);
      return ok({ success: true });
    },
    getCodes: (p) => {
      const tables = { custStatus: ['潜在客户', '意向客户', '成交客户'], custType: ['个人', '企业'], custSource: ['电话', '网络', '转介绍'] };
      const rows = tables[need(p, 'codeType')];
      if (!rows) throw new Fail(-11, '代码类型不存在');
      return ok({ success: true, ROWS: rows.map((name, i) => ({ code: String(i + 1), name })) });
    },
    setCustomerLock: (p) => {
      const c = state.customers.find((x) => x.custId === String(need(p, 'custId')));
      if (!c) throw new Fail(-11, '客户不存在');
      c.custIsLock = Number(need(p, 'custIsLock'));
      return ok({ success: true });
    },
    getCustomerSales: (p) => {
      const c = customerByPhone(need(p, 'phoneNum'));
      return ok({ success: true, customersales: c ? state.sales.filter((s) => s.custId === c.custId) : [] });
    },
    setCustomerSales: (p) => {
      const sale = p.csId ? state.sales.find((s) => s.csId === p.csId) : undefined;
      if (p.csId && !sale) throw new Fail(-11, '签单不存在');
      if (sale) Object.assign(sale, p);
      else state.sales.push({ csId: String(id()), custId: p.custId, extension: p.extension, custType: p.custType, status: Number(need(p, 'status')), phone: p.phone });
      return ok({ success: true });
    },
    getMemos: (p) => {
      const rows = state.memos.filter((m) => m.cmmPhone === need(p, 'phoneNum'));
      return ok({ success: true, rows: page(rows, p) });
    },
    addMemo: (p, acct) => {
      state.memos.push({ cmmId: id(), cmmExtension: acct.extension, exteName: '', cmmPhone: need(p, 'cdrPhone'), cmmPhoneName: '', cmmTime: fmt(new Date(now())), cmmMemo: need(p, 'cdrMemo') });
      return ok({ success: true });
    },
    findCallFlow: () => ok({ callflow: state.flows }),
    addTask: (p, acct) => {
      let data;
      try {
        data = JSON.parse(need(p, 'data'));
      } catch {
        throw new Fail(-3, 'data 不是 JSON 数组');
      }
      if (!Array.isArray(data) || data.length === 0) throw new Fail(-3, 'data 为空');
      const addType = Number(need(p, 'addType'));
      const name = need(p, 'name');
      const flow = state.flows.find((f) => f.cfName === p.cflName);
      if ((addType === 1 || addType === 3) && !flow) throw new Fail(-11, '流程不存在');
      if (state.tasks.some((t) => t.name === name)) throw new Fail(-10, '任务名称已存在');
      const ctkId = id();
      const task = { ctkId, name, cflId: flow?.cfId ?? 77, createTime: fmt(new Date(now())), rows: [] };
      for (const row of data) {
        task.rows.push({
          ctdId: String(id()),
          ctd_ctkId: String(ctkId),
          ctkName: name,
          ctdPhone: String(row.phone),
          ctdKey: row.key ?? '',
          ctdText: row.memo ?? '',
          ctdStatus: 0,
          ctdExtension: acct.extension,
          ctdCallTime: '',
          ctdTimes: 0,
        });
      }
      state.tasks.push(task);
      if (addType === 1) {
        // Automatic dialling: every number is called now.
        for (const r of task.rows) {
          const rec = addCdr({ extension: acct.extension, phone: r.ctdPhone, peer: 3, paramvalue: r.ctdKey });
          Object.assign(r, { ctdStatus: rec.cdrTalktime ? 4 : 3, ctdCallTime: rec.cdrStartTime, ctdTimes: rec.cdrTalktime, ctdWavFile: rec.cdrRecordFile });
        }
      }
      return ok({ id: ctkId });
    },
    findTaskMx: (p) => {
      const rows = state.tasks
        .filter((t) => t.cflId === Number(need(p, 'cflId')))
        .filter((t) => !p.ctkId || t.ctkId === Number(p.ctkId))
        .filter((t) => !p.ctkName || t.name.includes(p.ctkName))
        .flatMap((t) => t.rows)
        .filter((r) => !p.type || p.type === '0' || (p.type === '1' ? r.ctdStatus === 0 : r.ctdStatus !== 0));
      const groups = {};
      for (const r of rows) groups[`${r.ctd_ctkId}/${r.ctdStatus}`] = (groups[`${r.ctd_ctkId}/${r.ctdStatus}`] ?? 0) + 1;
      return ok({ data: page(rows, p), count: rows.length, groupData: Object.entries(groups).map(([k, num]) => ({ ctkId: k.split('/')[0], ctdStatus: Number(k.split('/')[1]), num })) });
    },
    addExtension: (p) => {
      if (!p.exteExtension) throw new Fail(-3, '缺少座席号');
      if (state.extensions.some((e) => e.exteExtension === p.exteExtension)) throw new Fail(-10, '座席号已存在');
      const e = { exteId: id(), statustext: '离线' };
      for (const k of extensionFields) if (p[k] !== undefined) e[k] = p[k];
      state.extensions.push(e);
      return ok({ exteId: e.exteId });
    },
    editExtension: (p) => {
      const e = ext(need(p, 'exteId'));
      if (p.exteExtension && state.extensions.some((x) => x !== e && x.exteExtension === p.exteExtension)) throw new Fail(-10, '座席号已存在');
      for (const k of extensionFields) if (p[k] !== undefined) e[k] = p[k];
      return ok();
    },
    delExtension: (p) => {
      const e = ext(need(p, 'exteId'));
      state.extensions.splice(state.extensions.indexOf(e), 1);
      return ok();
    },
    initExtensionPassword: (p) => {
      const e = ext(need(p, 'exteId'));
      e.extePassword = crypto.randomBytes(4).toString('hex');
      return ok({ password: e.extePassword });
    },
  };

  /** Handles /voip/api/jsondata.html. */
  function handle({ method: httpMethod, query, contentType, body }) {
    const p = Object.fromEntries(query);
    const files = [];
    if (httpMethod === 'POST' && body.length) {
      if (/multipart\/form-data/i.test(contentType || '')) {
        for (const part of parseMultipart(body, contentType)) {
          if (part.filename !== undefined) files.push(part);
          else p[part.name] = part.data.toString('utf8');
        }
      } else {
        for (const [k, v] of new URLSearchParams(body.toString('utf8'))) p[k] = v;
      }
    }
    state.log.push({ at: now(), method: p.method, params: p });
    const acct = accounts.get(p.sa_user);
    if (!acct || String(p.sa_password || '').toUpperCase() !== md5(acct.password).toUpperCase()) return { status: 200, json: { code: -2, message: '验证错误' } };
    // The document spells some methods two ways (2.1.9 savecustomer, 2.6.4 saveCustomer).
    const fn = methods[p.method] ?? methods[{ savecustomer: 'saveCustomer' }[p.method]];
    if (!fn) return { status: 200, json: { code: -3, message: `方法 ${p.method} 不存在` } };
    if (adminOnly.has(p.method) && !acct.admin) return { status: 200, json: { code: -5, message: '没有权限' } };
    try {
      return { status: 200, json: fn(p, acct, files) };
    } catch (e) {
      if (e instanceof Fail) return { status: 200, json: { code: e.code, message: e.message } };
      return { status: 500, json: { code: -1, message: String(e && e.stack) } };
    }
  }

  /** GET /voip/record/<file> and the MP3 download. */
  function download(path, query) {
    if (path.startsWith('/voip/record/')) {
      const file = path.slice('/voip/record/'.length);
      const stored = state.files.get(file);
      if (stored) return { status: 200, file: { type: 'application/octet-stream', bytes: stored } };
      if (!state.cdrs.some((c) => c.cdrRecordFile === file)) return { status: 404, text: 'not found' };
      return { status: 200, file: { type: 'audio/wav', bytes: toneWav(1) } };
    }
    if (path === '/voip/api/client/download/record.json') {
      const rec = state.cdrs.find((c) => String(c.cdrId) === query.get('id'));
      if (!rec || !rec.cdrRecordFile) return { status: 404, text: 'not found' };
      return { status: 200, file: { type: 'audio/mpeg', bytes: silentMp3(1) } };
    }
    return undefined;
  }

  return {
    state,
    handle,
    download,
    setPush(url) {
      state.push.url = url;
    },
    async settle() {
      await Promise.all(state.pushes.map((x) => x.done));
    },
  };
}
