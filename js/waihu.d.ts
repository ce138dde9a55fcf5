// Type definitions for waihu — the public API of every entry point
// (Node `require`/`import`, browsers, bundlers).

/** Every `code` a {@link WaihuError} can carry. Stable: codes are only ever added. */
export type WaihuErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_NUMBER'
  | 'INVALID_UNICODE'
  | 'TOO_DEEP'
  | 'DUPLICATE_KEY'
  | 'INVALID_JSON'
  | 'INVALID_USER_SN'
  | 'BAD_CIPHERTEXT'
  | 'TOO_MANY_ROWS'
  | 'INVALID_ROW'
  | 'NO_SESSION'
  | 'API'
  | 'HTTP'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'OUTCOME_UNKNOWN'
  | 'IMPORT_INCOMPLETE'
  | 'BAD_SIGNATURE'
  | 'REPLAY'
  | 'CLOCK_SKEW'
  | 'NOT_INITIALIZED';

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
export type Params =
  | { readonly [key: string]: ParamValue }
  | ReadonlyMap<string, ParamValue>
  | ReadonlyArray<readonly [string, ParamValue]>;

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

/** The path names after `/api/` of the 小A/95AI API. */
export type XiaoAEndpoint =
  | 'login'
  | 'index'
  | 'getAiUsers'
  | 'getProjects'
  | 'addExcel'
  | 'addJson'
  | 'operateTask'
  | 'cdrlist'
  | 'cdrshow'
  | 'crmList'
  | 'cdrDownload'
  | 'cdrFragmentDownload'
  | 'exportModel'
  | 'callTimeList'
  | 'timeSave'
  | 'setCallback';

/**
 * The params to send to `endpoint`, with `url` added, `undefined`/`null`
 * dropped, and the endpoint's exclusions applied to the hash (addJson:
 * client_info_json, source, aes; addExcel: upload, source). Returns the same
 * shape it was given (object, `Map` or pairs), `url` first.
 */
export function signRequest<P extends { readonly [key: string]: unknown }>(endpoint: XiaoAEndpoint, params: P, options?: JsonOptions): { url: string } & { [K in keyof P]: Exclude<P[K], undefined | null> };
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
export function downloadUrl(
  baseUrl: string | URL,
  endpoint: XiaoADownloadEndpoint,
  session: XiaoASessionKey,
  params?: DownloadParams,
  options?: JsonOptions,
): string;

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
