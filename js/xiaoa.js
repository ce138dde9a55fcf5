// XiaoAClient: the 小A / 95AI platform — one login shared by every call,
// every endpoint, imports of any size, signed download URLs.
import {
  CLIENT_OPTIONS,
  INSPECT,
  asyncGuard,
  boolOption,
  checkKeys,
  clientOptions,
  construct,
  defineGuarded,
  describe,
  fail,
  guard,
  inspectView,
  isPlainObject,
  jsonFlags,
  jsonOf,
  objectArg,
  optionalFunction,
  pageIterator,
  paramsText,
  parseJsonArg,
  put,
  requestOptions,
  respond,
  str,
  wasm,
} from './runtime.js';

const OPTIONS = [...CLIENT_OPTIONS, 'username', 'password', 'json', 'session', 'onSession'];

function toBlob(upload) {
  if (typeof Blob === 'function' && upload instanceof Blob) return upload;
  if (upload instanceof ArrayBuffer || ArrayBuffer.isView(upload)) {
    return new Blob([upload], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
  throw fail('INVALID_ARGUMENT', `options.upload must be a File, Blob, Uint8Array or ArrayBuffer of the .xlsx, got ${describe(upload)}`, { path: 'options.upload' });
}

// A list method: `filters` then the per-request options.
function query(core, method, filters, options) {
  const call = requestOptions(options);
  return respond(core.query(method, put(paramsText(objectArg(filters, 'query', true), 'query')), call), call);
}

/** The 小A / 95AI platform: login once, call every endpoint, typed results. */
export class XiaoAClient {
  #core;
  #baseUrl;
  #username;

  constructor(options) {
    construct(() => {
      const o = objectArg(options, 'options');
      checkKeys(o, 'options', OPTIONS);
      const common = clientOptions(o);
      const username = str(o.username, 'options.username');
      let session;
      if (o.session !== undefined && o.session !== null) {
        session = typeof o.session === 'string' ? o.session : jsonOf(objectArg(o.session, 'options.session'), 'options.session');
      }
      this.#core = new wasm.__XiaoAClient({
        ...common,
        username,
        password: str(o.password, 'options.password'),
        json: jsonFlags(o.json, 'options.json'),
        onSession: optionalFunction(o.onSession, 'options.onSession'),
        session,
      });
      this.#baseUrl = common.baseUrl.replace(/\/+$/, '');
      this.#username = username;
    });
  }

  get baseUrl() {
    return this.#baseUrl;
  }

  get username() {
    return this.#username;
  }

  /** The current session (the login `data`), or null. */
  get session() {
    return this.#core.session();
  }

  /** How many logins this client has made. */
  get loginCount() {
    return this.#core.loginCount;
  }

  login(options) {
    const call = requestOptions(options);
    return respond(this.#core.login(call), call);
  }

  /** Forgets the session locally (the platform has no logout endpoint). */
  logout() {
    this.#core.clearSession();
  }

  listTasks(query_, options) {
    return query(this.#core, 'listTasks', query_, options);
  }

  tasks(query_, options) {
    return pageIterator(this.#core, 'listTasks', query_, options);
  }

  aiUsers(options) {
    return query(this.#core, 'aiUsers', undefined, options);
  }

  projects(options) {
    return query(this.#core, 'projects', undefined, options);
  }

  callTimes(options) {
    return query(this.#core, 'callTimes', undefined, options);
  }

  cdrList(query_, options) {
    return query(this.#core, 'cdrList', query_, options);
  }

  crmList(query_, options) {
    return query(this.#core, 'crmList', query_, options);
  }

  crmRecords(query_, options) {
    return pageIterator(this.#core, 'crmList', query_, options);
  }

  callDetail(args, options) {
    const call = requestOptions(options);
    return respond(this.#core.callDetail(put(paramsText(objectArg(args, 'args'), 'args')), call), call);
  }

  operateTask(pkeys, oper, options) {
    // The document's form: one object { pkeys, oper, project_type? } (7.7),
    // then the per-request options.
    if (isPlainObject(pkeys) && (oper === undefined || oper === null || typeof oper === 'object')) {
      const call = requestOptions(oper);
      return respond(this.#core.operateTaskArgs(put(paramsText(pkeys, 'args')), call), call);
    }
    const call = requestOptions(options);
    return respond(this.#core.operateTask(put(jsonOf(pkeys, 'pkeys')), str(oper, 'oper'), call), call);
  }

  saveCallTimes(rows, options) {
    if (!Array.isArray(rows)) throw fail('INVALID_ARGUMENT', `rows must be an array of call-time rows (from callTimes()), got ${describe(rows)}`, { path: 'rows' });
    const call = requestOptions(options);
    return respond(this.#core.saveCallTimes(put(jsonOf(rows, 'rows')), call), call);
  }

  setCallback(args, options) {
    const call = requestOptions(options);
    return respond(this.#core.setCallback(put(paramsText(objectArg(args, 'args'), 'args')), call), call);
  }

  templateFields(project_sn, options) {
    const call = requestOptions(options);
    return respond(this.#core.templateFields(str(project_sn, 'project_sn'), call), call);
  }

  /** `options`: the task and the rows; `callOptions`: `{ onProgress }` and the per-request options. */
  importLeads(options, callOptions) {
    const o = objectArg(options, 'options');
    // The document's names (7.6) are accepted too: client_info_json ({ data: rows },
    // the rows, or their JSON text) for rows, aes for encrypt.
    const { rows: given, encrypt: enc, aes, client_info_json: info, ...task } = o;
    let rows = given;
    if (rows === undefined && info !== undefined) {
      const data = typeof info === 'string' ? parseJsonArg(info, 'options.client_info_json') : info;
      rows = Array.isArray(data) ? data : isPlainObject(data) ? data.data : undefined;
    }
    if (!Array.isArray(rows)) throw fail('INVALID_ARGUMENT', `options.rows must be an array of leads, got ${describe(rows)}`, { path: 'options.rows' });
    // Encrypted unless told otherwise; in the document's own form (client_info_json
    // without aes) plain, as 7.6 defines: "需要传 true，否则不传".
    const docForm = given === undefined && info !== undefined;
    const encrypt = boolOption(aes !== undefined ? aes : enc, aes !== undefined ? 'options.aes' : 'options.encrypt', !docForm);
    const call = requestOptions(callOptions, 'callbacks', ['onProgress']);
    const onProgress = optionalFunction(callOptions?.onProgress, 'callbacks.onProgress');
    const taskText = paramsText(task, 'options');
    return respond(this.#core.importLeads(taskText, put(jsonOf(rows, 'rows')), encrypt, onProgress, call), call);
  }

  importExcel(options, callOptions) {
    const o = objectArg(options, 'options');
    const { upload, filename, ...task } = o;
    const blob = toBlob(upload);
    const name = filename !== undefined ? str(filename, 'options.filename') : typeof File === 'function' && upload instanceof File && upload.name ? upload.name : 'leads.xlsx';
    const call = requestOptions(callOptions);
    return respond(this.#core.importExcel(paramsText(task, 'options'), blob, name, call), call);
  }

  /** A signed URL of a call recording (7.11), for an <audio> element. */
  recordingUrl(args) {
    const a = objectArg(args, 'args');
    return this.#core.downloadUrl('cdrDownload', ['recordpath', str(a.recordpath, 'args.recordpath'), 'recordfile', str(a.recordfile, 'args.recordfile')]);
  }

  /** A signed URL of an answer's recording (7.12): a turn's `fenduanluyin`. */
  fragmentUrl(args) {
    const a = objectArg(args, 'args');
    return this.#core.downloadUrl('cdrFragmentDownload', ['recordfile', str(a.recordfile, 'args.recordfile')]);
  }

  /** A signed URL of the project's Excel template (7.13). */
  templateUrl(project_sn) {
    return this.#core.downloadUrl('exportModel', ['project_sn', str(project_sn, 'project_sn')]);
  }

  toJSON() {
    const s = this.session;
    return {
      baseUrl: this.#baseUrl,
      username: this.#username,
      session: s && { user_sn: s.user_sn, api_key_expire: s.api_key_expire },
    };
  }

  [INSPECT](_depth, options, inspect) {
    return inspectView('XiaoAClient', this.toJSON(), options, inspect);
  }
}

const ASYNC_METHODS = [
  'login',
  'listTasks',
  'aiUsers',
  'projects',
  'callTimes',
  'cdrList',
  'crmList',
  'callDetail',
  'operateTask',
  'saveCallTimes',
  'setCallback',
  'templateFields',
  'importLeads',
  'importExcel',
];
defineGuarded(XiaoAClient, ASYNC_METHODS, asyncGuard);
defineGuarded(XiaoAClient, ['tasks', 'crmRecords', 'recordingUrl', 'fragmentUrl', 'templateUrl', 'logout'], guard);
