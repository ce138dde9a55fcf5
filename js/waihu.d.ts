// Type definitions for waihu — the public API of every entry point
// (Node `require`/`import`, browsers, bundlers). The error codes, the 小A
// endpoints and every client method's parameters are generated from the Rust
// tables into js/generated.d.ts (tests/types_drift.rs keeps both in step);
// scripts/build.mjs writes the two as one pkg/index.d.ts.

/** The error every waihu function throws (or rejects with). */
export class WaihuError extends Error {
  readonly name: 'WaihuError';
  /** Stable machine-readable code. */
  readonly code: WaihuErrorCode;
  /** The argument or JSON path at fault, e.g. `params.from` or `rows[3].电话`. */
  readonly path?: string;
  /** The platform endpoint or API name involved, e.g. `addJson`. */
  readonly endpoint?: string;
  /** The HTTP status, when there was an HTTP answer. */
  readonly httpStatus?: number;
  /** The platform's own error code. */
  readonly apiCode?: number;
  /** The platform's own message, verbatim. */
  readonly apiMsg?: string;
  /** The symbolic name of `apiCode`, e.g. `API_KEY_EXPIRED` or `E_S_AUTH_FAIL`. */
  readonly apiName?: string;
  /** A lead row index (0-based). */
  readonly row?: number;
  /** How long the server asked to wait (its `Retry-After`), when longer than `maxRetryDelayMs`. */
  readonly retryAfterMs?: number;
  /** The error behind this one (e.g. the timeout behind OUTCOME_UNKNOWN). */
  readonly cause?: unknown;
  constructor(code: WaihuErrorCode, message: string, fields?: Readonly<Record<string, unknown>>);
  toJSON(): Record<string, unknown>;
}

/** Every error code, for exhaustive handling. */
export const errorCodes: readonly WaihuErrorCode[];
/** The package version. */
export const version: string;

/** Where the browser build finds its `.wasm` (defaults to the file next to `web/waihu.js`). */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Required once in browsers (`await init()`), a
 * no-op in Node (the module loads on import). Safe to call more than once.
 */
export default function init(input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> }): Promise<void>;
export { init };
/** Synchronous init from bytes or a compiled module (workers, tests). */
export function initSync(module: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module }): void;

/** A value that survives JSON: what the platforms accept. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** A value in params: JSON, `undefined`/`null` (skipped at the top level), or anything with `toJSON()` (a `Date`). */
export type ParamValue = JsonValue | undefined | { toJSON(key?: string): unknown };

/** Params in send order: a plain object (integer-like keys move first, as in any JS object), a `Map`, or `[key, value]` pairs. */
export type Params = { readonly [key: string]: ParamValue } | ReadonlyMap<string, ParamValue> | ReadonlyArray<readonly [string, ParamValue]>;

/** PHP's `json_encode` escapes, each on by default (PHP's default flags). */
export interface JsonOptions {
  /** `/` → `\/` (false = `JSON_UNESCAPED_SLASHES`). */
  escapeSlashes?: boolean;
  /** Non-ASCII → `\uXXXX` (false = `JSON_UNESCAPED_UNICODE`). */
  escapeUnicode?: boolean;
  /** U+2028/U+2029 escaped even when unicode is not (false = `JSON_UNESCAPED_LINE_TERMINATORS`). */
  escapeLineTerminators?: boolean;
}

/**
 * `json_encode(json_decode(JSON.stringify(value), true))` in PHP, byte for
 * byte: the text the 小A server hashes. A `Map` encodes as an ordered object.
 */
export function phpJsonEncode(value: ParamValue | ReadonlyMap<string, ParamValue>, options?: JsonOptions): string;

/**
 * The 8-character `url` anti-hijack parameter for params in send order:
 * characters [1, 9) of md5(PHP JSON). `undefined`/`null` values are skipped.
 */
export function urlHash(params: Params, options?: JsonOptions): string;

/**
 * The params to send to `endpoint`, with `url` added, `undefined`/`null`
 * dropped, and the endpoint's exclusions applied to the hash (addJson:
 * client_info_json, source, aes; addExcel: upload, source). Returns the same
 * shape it was given (object, `Map` or pairs), `url` first.
 */
export function signRequest<P extends { readonly [key: string]: unknown }>(
  endpoint: XiaoAEndpoint,
  params: P,
  options?: JsonOptions,
): { url: string } & { [K in keyof P]: Exclude<P[K], undefined | null> };
export function signRequest(endpoint: XiaoAEndpoint, params: ReadonlyMap<string, unknown>, options?: JsonOptions): Map<string, unknown>;
export function signRequest(endpoint: XiaoAEndpoint, params: ReadonlyArray<readonly [string, unknown]>, options?: JsonOptions): Array<[string, unknown]>;

/** What the download URLs need from a login session. */
export interface XiaoASessionKey {
  user_sn: string;
  api_key: string;
}

/** The GET endpoints that serve files. */
export type XiaoADownloadEndpoint = 'cdrDownload' | 'cdrFragmentDownload' | 'exportModel';

/** Download params: strings or numbers (they travel as text). */
export type DownloadParams =
  | { readonly [key: string]: string | number | null | undefined }
  | ReadonlyMap<string, string | number | null | undefined>
  | ReadonlyArray<readonly [string, string | number | null | undefined]>;

/**
 * A signed GET URL: `{baseUrl}/api/{endpoint}?url=…&user_sn=…&api_key=…&…`,
 * every value percent-encoded like `encodeURIComponent`. The URL carries the
 * session's `api_key` (the platform's design) and stops working when it expires.
 */
export function downloadUrl(baseUrl: string | URL, endpoint: XiaoADownloadEndpoint, session: XiaoASessionKey, params?: DownloadParams, options?: JsonOptions): string;

/**
 * Many signed GET URLs for one endpoint and session, in one call (a page of
 * call records, each with its player): the same URLs as `downloadUrl` for
 * each params object, several times faster per URL. An error names the
 * failing params object (`row`, and `path` like `params[3].recordfile`).
 */
export function downloadUrls(
  baseUrl: string | URL,
  endpoint: XiaoADownloadEndpoint,
  session: XiaoASessionKey,
  params: ReadonlyArray<DownloadParams | null | undefined>,
  options?: JsonOptions,
): string[];

/** One lead: the first two keys must be 姓名 and 电话; the others follow the project template. */
export type LeadRow = { readonly [column: string]: string | number | boolean | null | undefined };

/**
 * The AES-128-CBC `client_info_json` of addJson (key from `user_sn`, IV
 * `1234567890123456`, PKCS#7, base64). `payload` is the rows, `{ data: rows }`,
 * or the JSON text itself. At most 30,000 rows.
 */
export function encryptClientInfo(payload: ReadonlyArray<LeadRow> | { readonly data: ReadonlyArray<LeadRow> } | string, userSn: string): string;

/** The JSON text inside a `client_info_json` ciphertext. */
export function decryptClientInfo(cipherText: string, userSn: string): string;

/**
 * The SCCC `authentication.digest`: lowercase hex MD5 of
 * `customer@timestamp@seq@password` (timestamp in milliseconds).
 */
export function scccDigest(customer: string, timestamp: number | string, seq: number | string, password: string): string;

// ---------------------------------------------------------------------------
// 小A / 95AI client
// ---------------------------------------------------------------------------

/** The login session (7.1 `data`): keep it to share one key across tabs/processes. */
export interface XiaoASession {
  user_sn: string;
  api_key: string;
  /** Unix time (seconds) when `api_key` stops working (2 hours after login). */
  api_key_expire: number;
  user_name?: string;
  team_name?: string;
  /** The product's expiry date, `YYYY-MM-DD`. */
  expired?: string;
  ai_count?: number;
  caller_group?: string;
  /** The parent account; empty for a main account. */
  parent_sn?: string;
  [field: string]: unknown;
}

/** What `onRetry` is told before a read is retried. */
export interface XiaoARetryInfo {
  endpoint: string;
  attempt: number;
  delayMs: number;
  error: WaihuError;
}

/**
 * The last argument of every async client method: per-request options.
 * `signal` cancels at once (`ABORTED`; nothing is repeated after it),
 * `timeoutMs` and `retries` replace the client's for this call.
 */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retries?: number;
}

/** The HTTP answer a call resolved from (the last one when it made several requests). */
export interface ResponseInfo {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** From sending the request to the end of its body. */
  durationMs: number;
  /** The URL that answered, secret query values (`sa_password`, `api_key`…) masked. */
  url: string;
}

/** A Promise of the call's data that can also give the HTTP answer: `await p.withResponse()`. */
export interface WaihuPromise<T> extends Promise<T> {
  withResponse(): Promise<{ data: T; response: ResponseInfo | null }>;
}

/** What `onRequest` receives before each request is sent (retries and re-logins included). */
export interface RequestEvent {
  method: 'GET' | 'POST';
  /** Secret query values masked; there is never a body. */
  url: string;
  /** The endpoint, API or method name (`addJson`, `CallNumber`, `getExtension`…). */
  endpoint: string;
  /** 1 for the first request of the call. */
  attempt: number;
}

/** What `onResponse` receives after each request: its status, or the error when no answer came. */
export interface ResponseEvent extends RequestEvent {
  status: number | null;
  durationMs: number;
  error?: WaihuError;
}

/** A logger in pino's shape (console fits too): called as `logger.debug(fields, message)`, `warn` for failures. */
export interface WaihuLogger {
  debug?: (fields: Record<string, unknown>, message: string) => void;
  warn?: (fields: Record<string, unknown>, message: string) => void;
}

/** The options every client takes for its transport and observability. */
export interface ClientTransportOptions {
  /** A `fetch` to use instead of the global one (it receives a `Request`). */
  fetch?: (request: Request) => Promise<Response>;
  /** Per request, headers and body included (default 30000). */
  timeoutMs?: number;
  /** Retries of reads after network errors, timeouts, 5xx, 429 and proxy pages (default 2; 0 = off). Writes are never retried. */
  retries?: number;
  /** The most bytes of one answer the client reads; past it the request is aborted with RESPONSE_TOO_LARGE (default 33554432 = 32 MiB; 1024 to 536870912). */
  maxResponseBytes?: number;
  /** The longest wait a throttling answer (429, 503 with Retry-After, SCCC "too frequent") may impose before a read is retried (default 30000); longer fails with `retryAfterMs`. */
  maxRetryDelayMs?: number;
  onRetry?: (info: XiaoARetryInfo) => void;
  /** Before each request (secrets masked, no body). */
  onRequest?: (event: RequestEvent) => void;
  /** After each request: status, duration, or the error (secrets masked, no body). */
  onResponse?: (event: ResponseEvent) => void;
  /** Routes the same events to a logger (`console`, pino…): debug for answers, warn for failures and statuses ≥ 400. */
  logger?: WaihuLogger;
}

export interface XiaoAClientOptions extends ClientTransportOptions {
  /** The server root, e.g. `http://120.77.61.117:8088` (no `/api`). */
  baseUrl: string | URL;
  username: string;
  /** Kept inside the wasm module: never in URLs, errors, logs or `console.log(client)`. */
  password: string;
  /** PHP json_encode escapes of the server (default: PHP's defaults). */
  json?: JsonOptions;
  /** A session saved earlier (e.g. from localStorage), reused until it expires. */
  session?: XiaoASession | string | null;
  /** Called after every login (and with null on logout): persist the session here. */
  onSession?: (session: XiaoASession | null) => void;
}

/** A page of a list endpoint. */
export interface XiaoAPage<T> {
  total: number;
  list: T[];
}

/** A task (7.2 list item). */
export interface XiaoATask {
  dial_task_main_id: number;
  dial_task_main_sn: string;
  /** 发送中 / 已发送 / 暂停发送 … */
  status: string;
  user_sn: string;
  user_name: string;
  team_name: string;
  created_at: string;
  last_modify: string;
  started_at: string | null;
  stoped_at: string | null;
  total_count: number;
  send_count: number;
  unsend_count: number;
  success: string | number;
  fail: string | number;
  stops: string | number;
  percent: string;
  project_sn: string;
  project_caption: string;
  source: string;
  operator: string;
  mark: string | null;
  [field: string]: unknown;
}

/** An AI user (7.3). */
export interface XiaoAAiUser {
  user_sn: string;
  user_name: string;
  max_call_count: number;
  start_at_one: string | null;
  end_at_one: string | null;
  start_at_two: string | null;
  end_at_two: string | null;
  start_at_three: string | null;
  end_at_three: string | null;
  start_at_four: string | null;
  end_at_four: string | null;
  callin_project_sn: string;
  /** Comma-separated project sns this AI user may call for. */
  project_sn: string;
  expired: string;
  [field: string]: unknown;
}

/** A project template (7.4). */
export interface XiaoAProject {
  sn: string;
  project_name: string;
  project_caption: string;
  project_excel?: string;
  [field: string]: unknown;
}

export interface XiaoAImportLeadsOptions extends XiaoATaskOptions {
  /** The leads; the first two keys of every row must be 姓名 and 电话. Any number: sent 30,000 per request. */
  rows?: ReadonlyArray<LeadRow>;
  /** The document's form of `rows` (7.6): `{ data: rows }`, the rows, or their JSON text. */
  client_info_json?: { data: ReadonlyArray<LeadRow> } | ReadonlyArray<LeadRow> | string;
  /** AES-encrypt client_info_json (default true; plain when the rows come as `client_info_json` without `aes`). */
  encrypt?: DocBool;
  /** The document's name for `encrypt`. */
  aes?: DocBool;
}

export interface XiaoAImportExcelOptions extends XiaoATaskOptions {
  /** The filled-in template (.xlsx). */
  upload: Blob | ArrayBuffer | ArrayBufferView;
  /** Defaults to the File's name, else `leads.xlsx`. */
  filename?: string;
}

/** What one import request reported. */
export interface XiaoAImportChunk {
  index: number;
  /** Row range [from, to) of this request. */
  from: number;
  to: number;
  total: number;
  success: number;
  fail: number;
  out_repeat: number;
  dial_task_main_sn: string | null;
}

/** An import's totals and every request's report. */
export interface XiaoAImportResult {
  total: number;
  success: number;
  fail: number;
  out_repeat: number;
  dial_task_main_sn: string | null;
  chunks: XiaoAImportChunk[];
}

export interface XiaoAImportProgress {
  /** 1-based number of the request just done. */
  chunk: number;
  chunks: number;
  rowsSent: number;
  rowsTotal: number;
  imported: XiaoAImportResult;
}

/** On a failed import, the WaihuError also carries these. */
export interface XiaoAImportFailure {
  imported: XiaoAImportResult;
  /** The rows [from, to) that were not imported. */
  notImported: { from: number; to: number };
}

/** A call record (7.8 `cdrlist`). */
export interface XiaoACdr {
  cdr_id: number;
  cdr_sn: string;
  callee: string;
  caller: string;
  connected_at: string | null;
  disconnected_at: string | null;
  talktimes: number;
  endreason: string;
  recordpath: string;
  recordfile: string;
  /** The conversation, `##…@@…#@…` form: see parseTalkInfo. */
  asr_a: string | null;
  dial_task_main_sn: string;
  [field: string]: unknown;
}

/** A CRM record (7.10). */
export interface XiaoACrmRecord {
  id: number;
  sn: string;
  phone: string;
  name: string | null;
  address: string | null;
  unit: string | null;
  created_at: string;
  connected_at: string | null;
  disconnected_at: string | null;
  talktimes: number;
  endreason: string;
  recordpath: string;
  recordfile: string;
  /** The conversation, `##…@@…#@…` form: see parseTalkInfo. */
  talk_info: string | null;
  labelling: string | null;
  score: number | string | null;
  asks_count: number | null;
  status: string | null;
  cdr_sn: string;
  project_caption: string;
  [field: string]: unknown;
}

/** One exchange of a conversation. */
export interface XiaoATurn {
  /** The robot's prompt recording (`listen` when it only listened). */
  vocfile: string;
  /** The prompt's text (array form only). */
  caption: string | null;
  title: string | null;
  /** The customer's words; `noinput` / `nomatch` when nothing was understood. */
  answer: string;
  /** The answer's recording: play it with `fragmentUrl({ recordfile: turn.fenduanluyin })`. */
  fenduanluyin: string;
  outType: string | null;
}

/** 7.9 cdrshow data. */
export interface XiaoACallDetail {
  recordfile: string;
  recordpath: string;
  cdr_sn: string;
  fragment: Array<{ vocfile: string; caption: string; title: string; answer: string; fenduanluyin: string }>;
  ip?: string;
  port?: string;
  [field: string]: unknown;
}

/** A call-time window (8.1). */
export interface XiaoACallTime {
  id: number;
  parent_sn?: string;
  /** `HH:MM:SS` */
  start_at: string;
  end_at: string;
  /** 0 open, 1 disabled. */
  disable: 0 | 1;
  count_index?: number;
  _state?: string;
}

/** The 9.2 push of a finished call, `talk_info` parsed. */
export interface XiaoAPush extends Omit<XiaoACrmRecord, 'talk_info'> {
  talk_info: XiaoATurn[];
  rec_sex?: number | null;
  source?: string;
}

/** The 小A / 95AI platform: log in once, call every endpoint, typed results. */
export class XiaoAClient {
  constructor(options: XiaoAClientOptions);
  readonly baseUrl: string;
  readonly username: string;
  /** The current session, or null. */
  readonly session: XiaoASession | null;
  /** How many logins this client made. */
  readonly loginCount: number;
  /** Logs in now (shared with any login under way). Other methods log in by themselves. */
  login(options?: RequestOptions): WaihuPromise<XiaoASession>;
  /** Forgets the session locally. */
  logout(): void;
  listTasks(query?: XiaoATaskQuery, options?: RequestOptions): WaihuPromise<XiaoAPage<XiaoATask>>;
  /** Every task across all pages. */
  tasks(query?: XiaoATaskQuery, options?: RequestOptions): AsyncIterableIterator<XiaoATask>;
  aiUsers(options?: RequestOptions): WaihuPromise<XiaoAAiUser[]>;
  projects(options?: RequestOptions): WaihuPromise<XiaoAProject[]>;
  importLeads(options: XiaoAImportLeadsOptions, callOptions?: RequestOptions & { onProgress?: (p: XiaoAImportProgress) => void }): WaihuPromise<XiaoAImportResult>;
  importExcel(options: XiaoAImportExcelOptions, callOptions?: RequestOptions): WaihuPromise<XiaoAImportResult>;
  /** Pause, resume, redial failures or delete tasks by `dial_task_main_id`. */
  operateTask(pkeys: number | string | ReadonlyArray<number | string>, oper: 'stop' | 'keepOn' | 'failRe' | 'delete', options?: RequestOptions): WaihuPromise<null>;
  /** The document's form (7.7): `{ pkeys, oper, project_type? }`. */
  operateTask(args: XiaoAOperateTaskArgs, options?: RequestOptions): WaihuPromise<null>;
  crmList(query?: XiaoACrmQuery, options?: RequestOptions): WaihuPromise<XiaoAPage<XiaoACrmRecord>>;
  /** Every CRM record across all pages. */
  crmRecords(query?: XiaoACrmQuery, options?: RequestOptions): AsyncIterableIterator<XiaoACrmRecord>;
  /** @deprecated by the platform in V1.6 (still served): prefer crmList. */
  cdrList(query?: XiaoACdrQuery, options?: RequestOptions): WaihuPromise<XiaoAPage<XiaoACdr>>;
  callDetail(args: XiaoACallDetailArgs, options?: RequestOptions): WaihuPromise<XiaoACallDetail>;
  /** Signed GET URLs from the current session (throw NO_SESSION without one). */
  recordingUrl(args: { recordpath: string; recordfile: string }): string;
  fragmentUrl(args: { recordfile: string }): string;
  templateUrl(project_sn: string): string;
  /** The template's columns (exportModel, type=json). */
  templateFields(project_sn: string, options?: RequestOptions): WaihuPromise<Array<Record<string, string>>>;
  callTimes(options?: RequestOptions): WaihuPromise<XiaoACallTime[]>;
  saveCallTimes(rows: ReadonlyArray<XiaoACallTime>, options?: RequestOptions): WaihuPromise<{ rst: number; msg: string }>;
  setCallback(args: XiaoASetCallbackArgs, options?: RequestOptions): WaihuPromise<null>;
  toJSON(): { baseUrl: string; username: string; session: { user_sn: string; api_key_expire: number } | null };
}

/** The turns of a conversation: `talk_info`'s `##…@@…#@…` string, or the array form of pushes and cdrshow. */
export function parseTalkInfo(value: string | ReadonlyArray<Partial<XiaoATurn>> | null | undefined): XiaoATurn[];

/** A 9.2 push (raw body text or bytes, or the parsed object), typed. Answer the platform with {@link XIAOA_PUSH_ACK}. */
export function parsePush(body: string | ArrayBuffer | ArrayBufferView | Record<string, unknown>): XiaoAPush;

/** The body a push receiver must answer with (`SUCCESS`), or the platform retries. */
export const XIAOA_PUSH_ACK: 'SUCCESS';

/**
 * Checks lead rows exactly as `importLeads` does before sending, but lists
 * every problem (up to `maxProblems`, default 100) instead of throwing the
 * first: for previews. Each problem is a WaihuError (`INVALID_ROW`, `row`, `path`).
 */
export function checkLeads(rows: ReadonlyArray<LeadRow>, options?: { maxProblems?: number }): { rows: number; problems: WaihuError[] };

// ---------------------------------------------------------------------------
// SCCC call-center OpenAPI V2.0
// ---------------------------------------------------------------------------

export interface ScccClientOptions extends ClientTransportOptions {
  /** The server root, `http://ip:port` (no `/openapi`). */
  baseUrl: string | URL;
  /** The API version in the URL (default `V2.0.6`). */
  version?: string;
  /** The API customer name ([A-Za-z0-9-_]). */
  customer: string;
  /** Used only to compute digests: never sent, logged or shown. */
  password: string;
  /** Sent as `authentication.agent` with every request. */
  agent?: string | number;
  /** `zh_CN` or `en_US` (the tables' `zh_CH`, and any case, accepted). */
  lang?: DocOneOf<'zh_CN' | 'en_US' | 'zh_CH'>;
  /** Sends `param.debug` and logs requests and the server's `logs` with console.debug (`"true"` as the examples write it, too). */
  debug?: DocBool;
}

/** What every command carries: `seq` (filled by the client when left out or "") and `userData` (≤ 100 characters, sent back in pushes). */
export interface ScccCommand {
  seq?: number | string;
  userData?: string;
}

/** A staff number: 1 to 8 digits. */
export type ScccAgent = string | number;

/** The result of one command. */
export interface ScccResult {
  /** 0 = success; see the error table (E_S_AUTH_FAIL = 1, 0xF10000xx…). */
  error: number;
  msg: string;
}

/** A command's response. */
export interface ScccResponse {
  seq: string | number;
  userData?: string | null;
  result: ScccResult;
  [field: string]: unknown;
}

export interface ScccAgentStatus extends ScccResponse {
  /** OFFLINE, ONLINE, BUSY, AWAY */
  workStatus: string;
  /** IDLE, CALL_OUT, CALL_IN, RINGING, PROCESS */
  serverStatus: string;
}

export interface ScccTaskReport {
  total: string | number;
  error: string | number;
  repeat: string | number;
}

export interface ScccTaskResponse extends ScccResponse {
  taskID: string | number;
  report?: ScccTaskReport;
}

/** A recording (20.6). */
export interface ScccRecord {
  key: string;
  agent: string;
  caller: string;
  callee: string;
  /** 0 inbound, 1 outbound */
  type: string | number;
  startTime: string | number;
  duration: string | number;
  /** Play it with `recordFileUrl(filename)`. */
  filename: string;
}

/** A CDR (24.5). */
export interface ScccCdr {
  key: string;
  agent: string;
  serviceType: string;
  answerTime: string;
  caller: string;
  callee: string;
  timeLength: string | number;
  fee: number;
  releaseCause: string;
  /** 1 connected, 2 not connected, 3 vacant number */
  result?: string | number;
  filename?: string;
}

/** getCdrList filters (both times empty = today). */
export type ScccCdrQuery = ScccCdrListCommand;

export class ScccClient {
  constructor(options: ScccClientOptions);
  readonly baseUrl: string;
  readonly customer: string;
  /** 四 VoiceVerify: call `callee` and read out `verifyCode`. */
  voiceVerify(command: ScccVoiceVerifyCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  /** 五 AgentQueryStatus: the state arrives later as a push. */
  agentQueryStatus(command: ScccAgentQueryStatusCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  /** 六 getAgentStatus */
  agentStatus(command: ScccAgentStatusCommand, options?: RequestOptions): WaihuPromise<ScccAgentStatus>;
  /** 七 getAgentInfo */
  agentInfo(command?: ScccAgentInfoCommand, options?: RequestOptions): WaihuPromise<ScccResponse & { data: Array<{ id: string; name: string; staffNo: string }> }>;
  agentLogin(command: ScccAgentLoginCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  agentLogout(command: ScccAgentLogoutCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  agentSetBusy(command: ScccAgentSetBusyCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  agentSetIdle(command: ScccAgentSetIdleCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  /** 11 CallNumber: call the agent, then `callee`. */
  callNumber(command: ScccCallNumberCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  hangupCall(command: ScccHangupCallCommand, options?: RequestOptions): WaihuPromise<ScccResponse>;
  /** 13 CallTaskCreate: ≤ 1000 callees, ≤ 100 callers, mode 2 (customer first) or 5 (agent first), multiplier 1–5. */
  createCallTask(command: ScccCreateCallTaskCommand, options?: RequestOptions): WaihuPromise<ScccTaskResponse>;
  queryCallTask(command: ScccQueryCallTaskCommand, options?: RequestOptions): WaihuPromise<ScccTaskResponse>;
  controlCallTask(command: ScccControlCallTaskCommand, options?: RequestOptions): WaihuPromise<ScccTaskResponse>;
  /** 16 CallTaskAddNumbers: ≤ 1000 callees. */
  addCallTaskNumbers(command: ScccAddCallTaskNumbersCommand, options?: RequestOptions): WaihuPromise<ScccTaskResponse>;
  /** 20 getRecordsList: up to 500 records after `startKey`. */
  recordsList(command: ScccRecordsListCommand, options?: RequestOptions): WaihuPromise<ScccResponse & { record: ScccRecord[] }>;
  /** Every recording after `startKey` (default 0), 500 a page. */
  records(query?: { startKey?: number }, options?: RequestOptions): AsyncIterableIterator<ScccRecord>;
  /** 24 getCdrList */
  cdrList(command?: ScccCdrListCommand, options?: RequestOptions): WaihuPromise<ScccResponse & { total: string | number; cdr: ScccCdr[] }>;
  /** Several commands of one API in one request (`requests`); resolves to every response, each with its own result. */
  batch(apiName: string, commands: ReadonlyArray<ScccCommand & Record<string, unknown>>, options?: RequestOptions): WaihuPromise<ScccResponse[]>;
  /** `http://ip:port/<filename>` of a recording (20.7). */
  recordFileUrl(filename: string): string;
  toJSON(): { baseUrl: string; version: string; customer: string; agent: string | undefined };
}

interface ScccNotificationBase {
  customer: string;
  /** The signature's timestamp (ms). */
  timestamp: number;
  /** The signature's seq. */
  seq: string;
  param: Record<string, unknown> | null;
}

/** Call events (17, 18, 19 弹屏 = popup, 21, 22). */
export interface ScccCallNotification extends ScccNotificationBase {
  type: 'callstart' | 'callend' | 'popup' | 'callin' | 'callout';
  notify: { type: string; customer?: string; agent?: string; number: string /** 0 inbound, 1 outbound */; call_type: number; seq: string; userData?: string; [field: string]: unknown };
}

/** 23: the CDR of a finished call. */
export interface ScccBillingNotification extends ScccNotificationBase {
  type: 'billing';
  notify: {
    type: 'billing';
    startTime: string;
    ringTime: string;
    answerTime: string;
    byeTime: string;
    callee: string;
    caller: string;
    recordFile: string;
    service: string;
    session: string;
    timeLength?: number;
    seq: string;
    userData?: string;
    [field: string]: unknown;
  };
}

/** 25: a call task changed state. */
export interface ScccTaskNotification extends ScccNotificationBase {
  type: 'taskinfo';
  notify: {
    type: 'taskinfo';
    taskID: string;
    taskName: string;
    calleeAmount: number;
    remainAmount: number /** 0 running, 1 paused, 2 ended */;
    status: number;
    purpose?: number;
    group?: string;
    staffNo?: string;
    seq: string;
    userData?: string;
    [field: string]: unknown;
  };
}

export type ScccNotification = ScccCallNotification | ScccBillingNotification | ScccTaskNotification;

export interface ScccNotificationOptions {
  /** Refuse notifications for another customer. */
  customer?: string;
  /** The push password (or the API password when no push credentials are set). */
  password: string;
  /** Refuse timestamps further than this from now (default 300000 = 5 minutes; null = off). */
  maxSkewMs?: number | null;
  /**
   * Refuse a notification (the same customer, timestamp and seq) accepted again within this window, in ms.
   * verifyScccNotification: default off (it records at verification). The handler: default 2 × maxSkewMs, recorded only
   * after onNotification succeeded; null turns it off (the digest does not cover `notify`: keep it on).
   */
  replayWindowMs?: number | null;
}

/** Verifies a push (digest in constant time, customer, clock, replays) and returns it typed; throws BAD_SIGNATURE, CLOCK_SKEW, REPLAY, INVALID_JSON. */
export function verifyScccNotification(body: string | ArrayBuffer | ArrayBufferView | Record<string, unknown>, options: ScccNotificationOptions): ScccNotification;

/** A minimal request/response pair (node:http, Express). */
export interface NodeLikeRequest extends AsyncIterable<string | Uint8Array> {
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
  on?(event: string, listener: (...args: never[]) => void): unknown;
  destroy?(): unknown;
}
export interface NodeLikeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string, callback?: () => void): unknown;
}

/** Where the handler remembers accepted notifications: e.g. Redis, so that several processes share it. Each method may return a Promise. */
export interface ScccReplayStore {
  /** Whether `key` was remembered (and has not expired). */
  seen(key: string): boolean | Promise<boolean>;
  /** Remember `key` for `ttlMs`. */
  remember(key: string, ttlMs: number): unknown;
}

export interface ScccNotificationHandlerOptions extends ScccNotificationOptions {
  /** Called with each verified notification; the platform is answered once it resolves (500 if it throws, so the platform delivers again). */
  onNotification: (n: ScccNotification) => unknown;
  /** Told why a delivery was refused or failed, with the details the caller is not told. */
  onError?: (error: Error, info: { status: number; stage: 'read' | 'verify' | 'replay' | 'replayStore' | 'onNotification' }) => void;
  /** Where accepted notifications are remembered (default: this process's memory, at most 100,000 keys). */
  replayStore?: ScccReplayStore;
  /** The largest body accepted (default 1048576 = 1 MiB): Content-Length is checked first, reading stops past it (413). */
  maxBodyBytes?: number;
  /** The whole body must arrive within this (default 10000 ms), else 408 and the connection is closed. */
  readTimeoutMs?: number;
}

/**
 * An HTTP handler for pushes: reads the body within its limits, verifies it, refuses replays, awaits onNotification,
 * answers {"result":{"error":0}} — or 413, 408, 400, 401 or 500 with a generic message (details go to onError).
 */
export function createScccNotificationHandler(options: ScccNotificationHandlerOptions): (req: NodeLikeRequest, res: NodeLikeResponse) => Promise<void>;

// ---------------------------------------------------------------------------
// 八百呼 (800ing) VoIP data API V6.6
// ---------------------------------------------------------------------------

export interface BaiBaiHuClientOptions extends ClientTransportOptions {
  /** The server root, `http://host:port` (no `/voip`). */
  baseUrl: string | URL;
  /** sa_user */
  user: string | number;
  /** Hashed here (MD5, upper case) and never sent, logged or shown… */
  password?: string;
  /** …or the password's MD5 (32 hex digits) directly. */
  passwordMd5?: string;
}

/** Every answer: `code` 0 (other codes reject with `API`), `message`, and the method's fields. */
export interface BaiBaiHuAnswer {
  code: number;
  message?: string;
  success?: boolean;
  [field: string]: unknown;
}

/** Parameter values as the document types them (sent as text). */
export type BbhValue = string | number;
/** `YYYY-MM-DD HH:MM:SS` */
export type BbhTime = string;
/** Comma-separated phone numbers, or an array of them. */
export type BbhPhones = string | ReadonlyArray<string>;

/** 2.11.1/2.11.2 seat fields (generated: BaiBaiHuAddExtensionParams). */
export type BaiBaiHuExtensionFields = BaiBaiHuAddExtensionParams;
/** 2.6.4 customer fields (generated: BaiBaiHuSaveCustomerParams). */
export type BaiBaiHuCustomerFields = BaiBaiHuSaveCustomerParams;

/** One number of an addTask. */
export interface BaiBaiHuTaskNumber {
  phone: string;
  /** Sent back as `paramvalue` in pushes. */
  key?: string;
  /** Text-to-speech (no `#`). */
  memo?: string;
  [workOrderField: string]: string | undefined;
}

/** The 2.10.4 push, parsed. */
export interface BaiBaiHuPush {
  /** 1 ringing, 2 answered, 3 hung up, 4 recording */
  type: 1 | 2 | 3 | 4;
  /** 1 outbound, 2 inbound */
  peer: 1 | 2 | null;
  phone: string | null;
  /** The call record (on hang-up), numbers typed. */
  memo: ({ cdrId?: number; cdrRecordFile?: string; cdrTalktime?: number; paramvalue?: string } & Record<string, unknown>) | null;
  [param: string]: unknown;
}

export class BaiBaiHuClient {
  constructor(options: BaiBaiHuClientOptions);
  readonly baseUrl: string;
  readonly user: string;
  /**
   * Any method by its name (e.g. another spelling), with scalar params, sent
   * unchecked. A documented read is retried like its typed method; anything
   * else is treated as a write (never repeated after an ambiguous failure).
   */
  call(method: string, params?: Record<string, BbhValue | boolean | null | undefined>, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  // 2.1
  getExtension(params?: BaiBaiHuGetExtensionParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { exteId: number; name: string; extension: string; compNumber: string; compName: string }>;
  getExtensions(params?: BaiBaiHuGetExtensionsParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  sendMsg(params: BaiBaiHuSendMsgParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  recvMsg(params: BaiBaiHuRecvMsgParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { msgs?: Array<Record<string, unknown>> }>;
  /** 2.1.5: the file name is sent base64-encoded, the content's MD5 computed here. */
  uploadRecordFile(args: { fileName: string; file: Blob | ArrayBuffer | ArrayBufferView }, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  addCdrRecord(params: BaiBaiHuAddCdrRecordParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  addSmsRecord(params: BaiBaiHuAddSmsRecordParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  getTaskDetailPhone(params?: BaiBaiHuGetTaskDetailPhoneParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { phone?: string; cfId?: number; ctdId?: number | string }>;
  saveCustomer(params?: BaiBaiHuSaveCustomerParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { custId?: string }>;
  /** 2.1.10: device status (`cmd`) and recordings (multipart, `file` optional); answers `status`. */
  uploadRecord(
    args: { cmd: string; satellite: string; file?: Blob | ArrayBuffer | ArrayBufferView; filename?: string } & Record<string, unknown>,
    options?: RequestOptions,
  ): WaihuPromise<BaiBaiHuAnswer>;
  setUserCheckInOut(params: BaiBaiHuSetUserCheckInOutParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  registerExtension(params?: BaiBaiHuRegisterExtensionParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { extension?: string; password?: string }>;
  // 2.2
  systemChannels(params?: BaiBaiHuSystemChannelsParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  getChannelList(params?: BaiBaiHuGetChannelListParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  /** At most 70 characters. */
  smsSend(params: BaiBaiHuSmsSendParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  setShowPhone(params: BaiBaiHuSetShowPhoneParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  setIvrDialing(params: BaiBaiHuSetIvrDialingParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  addBlacklists(params: BaiBaiHuAddBlacklistsParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  delBlacklists(params: BaiBaiHuDelBlacklistsParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  getBlacklists(params?: BaiBaiHuGetBlacklistsParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { blaPhone?: string[] }>;
  // 2.3
  /** `callbackUrl` is the plain URL (with `{cbkId}`); it is sent base64-encoded. */
  callbackPhone(params: BaiBaiHuCallbackPhoneParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { id?: number }>;
  getCallbackList(params?: BaiBaiHuGetCallbackListParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { total?: number; rows?: Array<Record<string, unknown>> }>;
  callbacks(query?: { extension?: string; startTime?: BbhTime; endTime?: BbhTime; id?: BbhValue; limit?: number }, options?: RequestOptions): AsyncIterableIterator<Record<string, unknown>>;
  // 2.4
  findDialrecord(params?: BaiBaiHuFindDialrecordParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { rows?: Array<Record<string, unknown>> }>;
  /** Every call record (findDialrecord), 20 a page by default. */
  dialRecords(query?: {
    extension?: BbhPhones;
    phoneNum?: string;
    talktimeSql?: 0 | 1 | '0' | '1';
    talktime?: number;
    startTime?: BbhTime;
    endTime?: BbhTime;
    cdrPeer?: number | string;
    limit?: number;
  }): AsyncIterableIterator<Record<string, unknown> & { cdrId: number; cdrRecordFile: string }>;
  phoneAudit(params: BaiBaiHuPhoneAuditParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { id?: number }>;
  getPhoneAudit(params?: BaiBaiHuGetPhoneAuditParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { total?: number; rows?: Array<Record<string, unknown>> }>;
  phoneAudits(query?: { id?: BbhValue; startTime?: BbhTime; endTime?: BbhTime; status?: BbhPhones; rows?: number }, options?: RequestOptions): AsyncIterableIterator<Record<string, unknown>>;
  getAreaPhone(params: BaiBaiHuGetAreaPhoneParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { area?: string; areaCode?: string }>;
  // 2.5
  sendTelCall(params: BaiBaiHuSendTelCallParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  // 2.6
  getCustomersPage(params?: BaiBaiHuGetCustomersPageParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { recordTotal?: number; rows_customer?: Array<Record<string, unknown>> }>;
  customers(query?: {
    custStatus?: string;
    custType?: string;
    findType?: 'cpPhone' | 'custCorpName' | 'custName';
    sqlwhere?: string;
    custIsLock?: 0 | 1;
    limit?: number;
  }): AsyncIterableIterator<Record<string, unknown>>;
  getCustomer(params: BaiBaiHuGetCustomerParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { customer?: Record<string, unknown> }>;
  getTableFields(params?: BaiBaiHuGetTableFieldsParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  delCustomer(params: BaiBaiHuDelCustomerParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  getCodes(params: BaiBaiHuGetCodesParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  // 2.7–2.9
  setCustomerLock(params: BaiBaiHuSetCustomerLockParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  getCustomerSales(params: BaiBaiHuGetCustomerSalesParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  setCustomerSales(params: BaiBaiHuSetCustomerSalesParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  getMemos(params: BaiBaiHuGetMemosParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  memos(query: { phoneNum: string; limit?: number }, options?: RequestOptions): AsyncIterableIterator<Record<string, unknown>>;
  addMemo(params: BaiBaiHuAddMemoParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  // 2.10
  findCallFlow(params?: BaiBaiHuFindCallFlowParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { callflow?: Array<Record<string, unknown>> }>;
  /** `data` is sent as a JSON array; cflName is required for addType 1/3, wotName for 3/4. */
  addTask(params: BaiBaiHuAddTaskParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { id?: number }>;
  findTaskMx(params: BaiBaiHuFindTaskMxParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { data?: Array<Record<string, unknown>>; count?: number }>;
  taskDetails(
    query: { cflId: BbhValue; type?: 0 | 1 | 2; ctkId?: BbhValue; ctkName?: string; startTime?: BbhTime; endTime?: BbhTime; limit?: number },
    options?: RequestOptions,
  ): AsyncIterableIterator<Record<string, unknown>>;
  // 2.11
  addExtension(params?: BaiBaiHuAddExtensionParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { exteId?: number }>;
  editExtension(params?: BaiBaiHuEditExtensionParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  delExtension(params: BaiBaiHuDelExtensionParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer>;
  initExtensionPassword(params: BaiBaiHuInitExtensionPasswordParams, options?: RequestOptions): WaihuPromise<BaiBaiHuAnswer & { password?: string }>;
  /** `{baseUrl}/voip/record/{cdrRecordFile}` */
  recordUrl(cdrRecordFile: string): string;
  /** `{baseUrl}/voip/api/client/download/record.json?id=<cdrId>&ismp3=1` */
  recordMp3Url(cdrId: string | number): string;
  toJSON(): { baseUrl: string; user: string };
}

/** The 2.10.4 push (a URL or query string, URLSearchParams or an object), typed. Answer with {@link BAIBAIHU_PUSH_ACK}. */
export function parseBaiBaiHuPush(query: string | URLSearchParams | Record<string, unknown>): BaiBaiHuPush;

/** What a 2.10.4 push receiver answers: `{"code":0,"message":"OK"}`. */
export const BAIBAIHU_PUSH_ACK: '{"code":0,"message":"OK"}';
