// ScccClient: the SCCC call-center OpenAPI V2.0, every request signed with
// customer@timestamp@seq@password (the password never leaves the module).
// Its command methods are one per API of the Rust table (generated.js).
import { SCCC_METHODS } from './generated.js';
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
  digits,
  fail,
  guard,
  inspectView,
  jsonOf,
  objectArg,
  pages,
  paramsText,
  put,
  requestOptions,
  respond,
  str,
  wasm,
} from './runtime.js';

const OPTIONS = [...CLIENT_OPTIONS, 'version', 'customer', 'password', 'agent', 'lang', 'debug'];
let coreOf;

/** The SCCC call-center OpenAPI V2.0: every request signed with customer@timestamp@seq@password. */
export class ScccClient {
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
      const version = o.version === undefined ? 'V2.0.6' : str(o.version, 'options.version');
      const agent = digits(o.agent, 'options.agent');
      this.#core = new wasm.__ScccClient({
        ...common,
        version,
        customer: str(o.customer, 'options.customer'),
        password: str(o.password, 'options.password'),
        agent,
        lang: o.lang === undefined || o.lang === null ? undefined : str(o.lang, 'options.lang'),
        // The document's examples write "param":{"debug":"true"}: the string forms are accepted too.
        debug: o.debug === '' ? undefined : boolOption(o.debug, 'options.debug', undefined),
      });
      this.#view = { baseUrl: common.baseUrl.replace(/\/+$/, ''), version, customer: o.customer, agent };
    });
  }

  get baseUrl() {
    return this.#view.baseUrl;
  }

  get customer() {
    return this.#view.customer;
  }

  /** Several commands of one API in one request; resolves to every response (each with its own result). */
  batch(apiName, commands, options) {
    if (!Array.isArray(commands)) throw fail('INVALID_ARGUMENT', `commands must be an array of command objects, got ${describe(commands)}`, { path: 'commands' });
    const call = requestOptions(options);
    return respond(this.#core.batch(str(apiName, 'apiName'), put(jsonOf(commands, 'commands')), call), call);
  }

  /** Every recording from `startKey` on, paging by key (500 a page). */
  records(query, options) {
    const q = objectArg(query, 'query', true);
    checkKeys(q, 'query', ['startKey']);
    return pages(this.#core.recordsPager(q.startKey === undefined ? 0 : q.startKey, requestOptions(options)));
  }

  /** The URL of a recording: `http://ip:port/<filename>` (20.7). */
  recordFileUrl(filename) {
    return this.#core.recordFileUrl(str(filename, 'filename'));
  }

  toJSON() {
    return { ...this.#view };
  }

  [INSPECT](_depth, options, inspect) {
    return inspectView('ScccClient', this.toJSON(), options, inspect);
  }
}

// One method per API of the table, each the `call` of its command.
defineGuarded(
  ScccClient,
  SCCC_METHODS,
  asyncGuard,
  (m) =>
    ({
      [m](command, options) {
        const call = requestOptions(options);
        return respond(coreOf(this).call(m, put(paramsText(objectArg(command, 'command', true), 'command')), call), call);
      },
    })[m],
);
defineGuarded(ScccClient, ['batch'], asyncGuard);
defineGuarded(ScccClient, ['records', 'recordFileUrl'], guard);
