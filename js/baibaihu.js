// BaiBaiHuClient: the 八百呼 VoIP data API V6.6, sa_user and the password's
// MD5 on every call. Its typed methods and iterators come from the Rust
// table (generated.js).
import { BAIBAIHU_ITERATORS, BAIBAIHU_METHODS } from './generated.js';
import {
  CLIENT_OPTIONS,
  INSPECT,
  asyncGuard,
  checkKeys,
  clientOptions,
  construct,
  defineGuarded,
  describe,
  digits,
  fail,
  guard,
  inspectView,
  objectArg,
  pageIterator,
  paramsText,
  put,
  requestOptions,
  respond,
  str,
  wasm,
} from './runtime.js';

const OPTIONS = [...CLIENT_OPTIONS, 'user', 'password', 'passwordMd5'];
let coreOf;

function fileBlob(file, name) {
  if (typeof Blob === 'function' && file instanceof Blob) return file;
  if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) return new Blob([file]);
  throw fail('INVALID_ARGUMENT', `${name} must be a File, Blob, Uint8Array or ArrayBuffer, got ${describe(file)}`, { path: name });
}

/** The 八百呼 VoIP data API: sa_user + the password's MD5 on every call. */
export class BaiBaiHuClient {
  #core;
  #view;

  static {
    coreOf = (client) => client.#core;
  }

  constructor(options) {
    construct(() => {
      const o = objectArg(options, 'options');
      checkKeys(o, 'options', OPTIONS);
      const common = clientOptions(o);
      const user = str(digits(o.user, 'options.user'), 'options.user');
      this.#core = new wasm.__BaiBaiHuClient({
        ...common,
        user,
        password: o.password === undefined ? undefined : str(o.password, 'options.password'),
        passwordMd5: o.passwordMd5 === undefined ? undefined : str(o.passwordMd5, 'options.passwordMd5'),
      });
      this.#view = { baseUrl: common.baseUrl.replace(/\/+$/, ''), user };
    });
  }

  get baseUrl() {
    return this.#view.baseUrl;
  }

  get user() {
    return this.#view.user;
  }

  /** Any method by a name the document writes (`.html` and any case accepted), with unchecked params. */
  call(method, params, options) {
    const call = requestOptions(options);
    return respond(this.#core.call(str(method, 'method'), put(paramsText(objectArg(params, 'params', true), 'params')), call), call);
  }

  /** 2.1.5 upload_record_file: the file, its name sent base64-encoded, its MD5 computed here. */
  uploadRecordFile(args, options) {
    const a = objectArg(args, 'args');
    checkKeys(a, 'args', ['fileName', 'file']);
    const call = requestOptions(options);
    return respond(this.#core.uploadRecordFile(str(a.fileName, 'args.fileName'), fileBlob(a.file, 'args.file'), call), call);
  }

  /** 2.1.10 upload_record: device status and recordings (multipart; `file` optional). */
  uploadRecord(args, options) {
    const { file, filename, ...rest } = objectArg(args, 'args');
    const blob = file === undefined ? undefined : fileBlob(file, 'args.file');
    const name = filename === undefined ? (typeof File === 'function' && file instanceof File ? file.name : 'record.wav') : str(filename, 'args.filename');
    const call = requestOptions(options);
    return respond(this.#core.uploadRecord(put(paramsText(rest, 'args')), blob, name, call), call);
  }

  /** `{baseUrl}/voip/record/{cdrRecordFile}` */
  recordUrl(cdrRecordFile) {
    return this.#core.recordUrl(str(cdrRecordFile, 'cdrRecordFile'));
  }

  /** The MP3 of a call: `{baseUrl}/voip/api/client/download/record.json?id=<cdrId>&ismp3=1` */
  recordMp3Url(cdrId) {
    return this.#core.recordMp3Url(digits(cdrId, 'cdrId') ?? str(cdrId, 'cdrId'));
  }

  toJSON() {
    return { ...this.#view };
  }

  [INSPECT](_depth, options, inspect) {
    return inspectView('BaiBaiHuClient', this.toJSON(), options, inspect);
  }
}

// The typed methods and iterators of the table.
defineGuarded(
  BaiBaiHuClient,
  BAIBAIHU_METHODS,
  asyncGuard,
  (name) =>
    ({
      [name](params, options) {
        const call = requestOptions(options);
        return respond(coreOf(this).method(name, put(paramsText(objectArg(params, 'params', true), 'params')), call), call);
      },
    })[name],
);
defineGuarded(
  BaiBaiHuClient,
  Object.keys(BAIBAIHU_ITERATORS),
  guard,
  (iter) =>
    ({
      [iter](query, options) {
        return pageIterator(coreOf(this), BAIBAIHU_ITERATORS[iter], query, options);
      },
    })[iter],
);
defineGuarded(BaiBaiHuClient, ['call', 'uploadRecordFile', 'uploadRecord'], asyncGuard);
defineGuarded(BaiBaiHuClient, ['recordUrl', 'recordMp3Url'], guard);
