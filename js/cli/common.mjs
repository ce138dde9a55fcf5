// What every command of the `waihu` CLI shares: exit codes, the error that
// carries one, option parsing, the platform configuration (flags, the
// environment, a config file, --password-stdin; never a password in argv) and
// error reporting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The exit codes, as README's CLI section documents them. */
export const EXIT = {
  OK: 0,
  /** The platform refused, the network failed, a doctor check failed, an import stopped (resumable). */
  FAILED: 1,
  /** Bad arguments or configuration, an unreadable file. */
  USAGE: 2,
  /** Rows refused by the check before anything was sent. */
  ROWS: 3,
  /** Ctrl-C. */
  INTERRUPTED: 130,
};

/** An error the CLI reports as `waihu <command>: message` (+ a hint) and exits with `exit`. */
export class CliError extends Error {
  constructor(message, { exit = EXIT.USAGE, hint, code } = {}) {
    super(message);
    this.exit = exit;
    this.hint = hint;
    this.code = code;
  }
}

/** The connection options every platform command takes. */
export const CONNECTION_OPTIONS = {
  platform: { type: 'string', short: 'p' },
  'base-url': { type: 'string' },
  username: { type: 'string' },
  customer: { type: 'string' },
  user: { type: 'string' },
  config: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'json-flags': { type: 'string' },
  'timeout-ms': { type: 'string' },
};

export const PLATFORMS = {
  xiaoa: { title: '小A/95AI', login: 'username', env: 'XIAOA', loginEnv: 'USERNAME' },
  sccc: { title: 'SCCC', login: 'customer', env: 'SCCC', loginEnv: 'CUSTOMER' },
  baibaihu: { title: '八百呼', login: 'user', env: 'BAIBAIHU', loginEnv: 'USER' },
};

/** Parses argv for a command; unknown options are usage errors that name the option. */
export function parse(argv, options, { positionals = 0 } = {}) {
  for (const a of argv) {
    if (a === '--password' || a.startsWith('--password=')) {
      throw new CliError('passwords are never taken from the command line (other users see it in `ps` and shell history)', {
        hint: 'set WAIHU_XIAOA_PASSWORD (or _SCCC_, _BAIBAIHU_), put it in a config file (--config), or pipe it with --password-stdin',
      });
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(e.message.replace(/\. To specify a positional argument.*$/s, ''), { hint: 'see --help' });
  }
  if (!parsed.values.help && parsed.positionals.length > positionals) {
    throw new CliError(`unexpected argument ${JSON.stringify(parsed.positionals[positionals])}`, { hint: 'see --help' });
  }
  return parsed;
}

/** A non-negative integer option, or `def`. */
export function intOption(values, name, def, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const v = values[name];
  if (v === undefined) return def;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new CliError(`--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(v)})`);
  return Number(v);
}

/** The 小A JSON escape flags of `--json-flags` as the clients' `json` option. */
export function jsonOptions(flags) {
  if (!flags) return undefined;
  const out = {};
  for (const f of flags
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (f === 'unescaped-slashes') out.escapeSlashes = false;
    else if (f === 'unescaped-unicode') out.escapeUnicode = false;
    else if (f === 'unescaped-line-terminators') out.escapeLineTerminators = false;
    else throw new CliError(`--json-flags: unknown flag ${JSON.stringify(f)}`, { hint: 'one or more of unescaped-slashes, unescaped-unicode, unescaped-line-terminators, comma-separated' });
  }
  return out;
}

/** Reads all of stdin as text (nothing when it is a terminal). */
export async function readStdin(stdin) {
  if (stdin.isTTY) return '';
  const chunks = [];
  let size = 0;
  for await (const c of stdin) {
    size += c.length;
    if (size > 64 * 1024 * 1024) throw new CliError('stdin is over 64 MiB');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function configFile(values, env) {
  const explicit = values.config ?? env.WAIHU_CONFIG;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new CliError(`config file ${explicit} does not exist`);
    return explicit;
  }
  const home = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return ['waihu.config.json', path.join(home, 'waihu', 'config.json')].find((f) => fs.existsSync(f));
}

function loadConfig(file, warn) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`config file ${file}: ${e.message}`, { hint: 'it is JSON: { "xiaoa": { "baseUrl": …, "username": …, "password": … }, "sccc": {…}, "baibaihu": {…} }' });
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new CliError(`config file ${file} must hold a JSON object`);
  const hasPassword = Object.values(doc).some((p) => p && typeof p === 'object' && 'password' in p);
  if (hasPassword && process.platform !== 'win32') {
    const mode = fs.statSync(file).mode & 0o077;
    if (mode) warn(`config file ${file} holds a password and other users can read it: chmod 600 ${file}`);
  }
  return doc;
}

/**
 * The configuration of `platform`: flags first, then the environment
 * (WAIHU_XIAOA_BASE_URL, WAIHU_XIAOA_USERNAME, WAIHU_XIAOA_PASSWORD, …), then
 * the config file. The password comes from --password-stdin, the environment
 * or the file, never argv. `need` lists what must be there.
 */
export async function platformConfig(platform, values, io, { need = ['baseUrl', 'login', 'password'], stdinPassword } = {}) {
  const p = PLATFORMS[platform];
  if (!p) throw new CliError(`--platform must be one of ${Object.keys(PLATFORMS).join(', ')} (got ${JSON.stringify(platform)})`);
  const env = io.env;
  const file = configFile(values, env);
  const fileConf = file ? (loadConfig(file, io.warn)[platform] ?? {}) : {};
  const prefix = `WAIHU_${p.env}_`;
  const conf = {
    platform,
    baseUrl: values['base-url'] ?? env[`${prefix}BASE_URL`] ?? fileConf.baseUrl,
    login: values[p.login] ?? env[`${prefix}${p.loginEnv}`] ?? fileConf[p.login],
    password: stdinPassword ?? env[`${prefix}PASSWORD`] ?? fileConf.password,
    extra: fileConf,
  };
  const where = (what, flag, envName) => `${what} is not set: pass ${flag}, set ${envName}${file ? ` or add it to ${file}` : ', or put it in a config file (--config)'}`;
  if (need.includes('baseUrl') && !conf.baseUrl) throw new CliError(where(`the ${p.title} base URL`, '--base-url', `${prefix}BASE_URL`));
  if (need.includes('login') && (conf.login === undefined || conf.login === '')) throw new CliError(where(`the ${p.title} ${p.login}`, `--${p.login}`, `${prefix}${p.loginEnv}`));
  if (need.includes('password') && !conf.password) {
    throw new CliError(`the ${p.title} password is not set`, {
      hint: `set ${prefix}PASSWORD, put "password" under "${platform}" in a config file, or pipe it: printf %s "$PASSWORD" | waihu … --password-stdin`,
    });
  }
  return conf;
}

/** The password piped with --password-stdin (its first line). */
export async function passwordFromStdin(values, io) {
  if (!values['password-stdin']) return undefined;
  const text = await readStdin(io.stdin);
  const line = text.split(/\r?\n/)[0];
  if (!line) throw new CliError('--password-stdin: stdin was empty', { hint: 'printf %s "$PASSWORD" | waihu … --password-stdin' });
  return line;
}

/** The client options shared by every platform command. */
export function transport(values) {
  const timeoutMs = intOption(values, 'timeout-ms', undefined, { min: 1, max: 600000 });
  return timeoutMs === undefined ? {} : { timeoutMs };
}

const pad = (n) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a Date in local time. */
export const dayOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `today`, `yesterday`, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` → the platform's form. */
export function dateOption(values, name) {
  const v = values[name];
  if (v === undefined) return undefined;
  if (v === 'today') return dayOf(new Date());
  if (v === 'yesterday') return dayOf(new Date(Date.now() - 86_400_000));
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) {
    throw new CliError(`--${name} must be YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS", today or yesterday (got ${JSON.stringify(v)})`);
  }
  return m[4] === undefined ? v : `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
}

/** What to do after an SDK error, by its code. */
const HINTS = {
  NETWORK: 'check --base-url and that the server is reachable from here (waihu doctor checks it)',
  TIMEOUT: 'the server did not answer in time: try again, or raise --timeout-ms',
  OUTCOME_UNKNOWN: 'the request may or may not have been applied: run the same command again (an import checks the task first)',
  SESSION: 'the login failed: check the username and password (waihu doctor checks them)',
  RESPONSE_TOO_LARGE: 'the answer was over the size limit: narrow the query',
};

/** Prints an error the way every command does and returns its exit code. */
export function report(e, command, io) {
  if (e instanceof CliError) {
    io.stderr.write(`waihu${command ? ` ${command}` : ''}: ${e.message}\n`);
    if (e.hint) io.stderr.write(`  → ${e.hint}\n`);
    return e.exit;
  }
  if (e && typeof e.code === 'string' && e.name === 'WaihuError') {
    io.stderr.write(`waihu ${command}: ${e.code}: ${e.message}\n`);
    const hint = e.code === 'API' && String(e.apiCode) === '10001' ? 'the server refused the signature: waihu doctor finds the JSON escape options it hashes with' : HINTS[e.code];
    if (hint) io.stderr.write(`  → ${hint}\n`);
    return e.code === 'ABORTED' ? EXIT.INTERRUPTED : EXIT.FAILED;
  }
  io.stderr.write(`waihu ${command}: ${e && e.stack ? e.stack : String(e)}\n`);
  return EXIT.FAILED;
}

/** Writes `text` to a stream, waiting when its buffer is full (constant memory for any output). */
export function write(stream, text) {
  if (stream.write(text)) return undefined;
  return new Promise((resolve, reject) => {
    const done = (err) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

/** An AbortSignal that Ctrl-C (SIGINT) and SIGTERM abort. */
export function interruptSignal(io) {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
    io.stderr.write('\nwaihu: stopping (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/**
 * A signal aborted when `signal` is or after `ms`; call `dispose()` when the
 * work is done (the listener on the long-lived `signal` goes with it).
 */
export function deadline(signal, ms) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
