// `waihu doctor`: read-only checks against a live tenant, one platform after
// another, and a report with every secret redacted (fit to send to the
// vendor's support). Exit 1 when a check fails.
import tls from 'node:tls';
import { BaiBaiHuClient, ScccClient, XiaoAClient, version } from 'waihu';
import { CliError, EXIT, PLATFORMS, dayOf, jsonOptions, passwordFromStdin, platformConfig, transport } from './common.mjs';

const SCCC_MAX_SKEW_S = 300;
const PROBE_TIMEOUT_MS = 10000;

/** The 小A escape options a server may hash with, in the order they are tried. */
const XIAOA_VARIANTS = [
  { name: "PHP's defaults", json: {} },
  { name: 'JSON_UNESCAPED_UNICODE', json: { escapeUnicode: false } },
  { name: 'JSON_UNESCAPED_SLASHES', json: { escapeSlashes: false } },
  { name: 'JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES', json: { escapeUnicode: false, escapeSlashes: false } },
  { name: 'JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_LINE_TERMINATORS', json: { escapeUnicode: false, escapeSlashes: false, escapeLineTerminators: false } },
];
/** A filter value with a slash and Chinese: its hash differs under each escape option. */
const PROBE_FILTER = '外呼/doctor';

const fmtJson = (j) =>
  `{ ${Object.entries(j)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;
/** How a client's `json` option reads in the report. */
const escapesOf = (j) => (Object.keys(j).length ? `json ${fmtJson(j)}` : "PHP's default escapes");
const minutes = (s) => (s >= 3600 ? `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min` : `${Math.max(0, Math.floor(s / 60))} min`);

/** The base URL without trailing slashes, followed by `path`. */
const at = (conf, path) => `${conf.baseUrl.replace(/\/+$/, '')}${path}`;

/** ` (HTTP 200 in 4 ms)` of a withResponse() answer. */
const answered = (a) => (a.response ? ` (HTTP ${a.response.status} in ${a.response.durationMs} ms)` : '');

/** What an error says, for the report: code, platform code, message. */
function why(e) {
  if (!e) return '';
  const api = e.apiCode !== undefined ? ` ${e.apiName ?? ''}(${e.apiCode}${e.apiMsg ? ` ${e.apiMsg}` : ''})` : '';
  return `${e.code ?? e.name ?? 'Error'}${api}: ${e.message}`;
}

/** GET `url` without following redirects: status, Date header, time taken, or the network error. */
async function probe(url, init = {}) {
  const t0 = Date.now();
  try {
    const res = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    return { ok: true, status: res.status, headers: res.headers, ms: Date.now() - t0, received: Date.now() };
  } catch (e) {
    const cause = e.cause?.code ?? e.cause?.message ?? e.name;
    return { ok: false, error: `${cause}${e.cause?.reason ? ` (${e.cause.reason})` : ''}`, ms: Date.now() - t0 };
  }
}

/** The server certificate of an https URL: who issued it, when it expires. */
function certificate(u) {
  return new Promise((resolve) => {
    const s = tls.connect({ host: u.hostname, port: Number(u.port) || 443, servername: u.hostname, timeout: PROBE_TIMEOUT_MS, rejectUnauthorized: false }, () => {
      const c = s.getPeerCertificate();
      resolve({ authorized: s.authorized, error: s.authorizationError, validTo: c.valid_to, issuer: c.issuer?.O ?? c.issuer?.CN, subject: c.subject?.CN });
      s.end();
    });
    s.on('error', (e) => resolve({ authorized: false, error: e.code ?? e.message }));
    s.on('timeout', () => {
      s.destroy();
      resolve({ authorized: false, error: 'timeout' });
    });
  });
}

function checks(platform) {
  const list = [];
  const add = (name, status, detail, extra) => {
    list.push({ platform, check: name, status, detail, ...extra });
    return status;
  };
  return { list, add };
}

/** Reachability, TLS and the clock: the same for every platform. */
async function transportChecks(conf, add, { clockFails }) {
  const u = new URL(conf.baseUrl);
  const r = await probe(at(conf, '/'));
  const tlsCheck = async () => {
    if (u.protocol !== 'https:') return add('tls', 'warn', 'plain http: passwords, keys and the data cross the network unencrypted');
    const c = await certificate(u);
    const days = c.validTo ? Math.floor((Date.parse(c.validTo) - Date.now()) / 86_400_000) : undefined;
    if (!c.authorized) {
      return add('tls', 'fail', `the certificate${c.subject ? ` of ${c.subject}` : ''} is not trusted: ${c.error}`, {
        fix: 'the server needs a certificate from a public CA for its host name (a private CA: NODE_EXTRA_CA_CERTS=ca.pem for Node)',
      });
    }
    if (days !== undefined && days < 14) return add('tls', 'warn', `the certificate of ${c.subject} expires in ${days} days (${c.validTo})`);
    return add('tls', 'pass', `certificate of ${c.subject} by ${c.issuer}, valid until ${c.validTo}`);
  };
  if (!r.ok) {
    add('reachable', 'fail', `GET ${u.origin}/ failed after ${r.ms} ms: ${r.error}`, { fix: 'check the base URL, the port and that this machine may reach the server (firewall, VPN)' });
    // A refused certificate looks like a network failure to fetch: say which.
    if (u.protocol === 'https:') await tlsCheck();
    return undefined;
  }
  add('reachable', 'pass', `GET ${u.origin}/ answered HTTP ${r.status} in ${r.ms} ms`);
  await tlsCheck();
  const date = r.headers.get('date');
  if (!date) {
    add('clock', 'warn', 'the server sends no Date header: its clock cannot be compared');
    return { skewS: undefined, headers: r.headers };
  }
  // The Date header has whole seconds (truncated): compare its middle with the middle of the exchange; known to ±1 s.
  const skewS = Math.round((Date.parse(date) + 500 - (r.received - r.ms / 2)) / 1000);
  const said = skewS === 0 ? `the server's clock agrees with ours (±1 s; Date: ${date})` : `the server's clock is ${Math.abs(skewS)} s ${skewS > 0 ? 'ahead of' : 'behind'} ours (±1 s; Date: ${date})`;
  if (Math.abs(skewS) > SCCC_MAX_SKEW_S && clockFails)
    add('clock', 'fail', `${said}; SCCC refuses requests stamped more than ${SCCC_MAX_SKEW_S / 60} min off`, {
      fix: 'set this machine’s clock right (NTP: timedatectl set-ntp true), or ask the vendor to fix the server’s',
      skewS,
    });
  else if (Math.abs(skewS) > 60) add('clock', 'warn', said, { skewS });
  else add('clock', 'pass', said, { skewS });
  return { skewS, headers: r.headers };
}

/** An OPTIONS preflight as a browser on `origin` sends it before a `method` with JSON. */
async function corsCheck(add, url, origin, method) {
  if (!origin) {
    add('cors', 'skip', 'pass --origin https://your-crm.example to check what a web page may call');
    return;
  }
  const r = await probe(url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' } });
  if (!r.ok) {
    add('cors', 'fail', `the preflight OPTIONS ${new URL(url).pathname} failed: ${r.error}`);
    return;
  }
  const allowOrigin = r.headers.get('access-control-allow-origin');
  const allowMethods = (r.headers.get('access-control-allow-methods') || '').toUpperCase();
  const allowHeaders = (r.headers.get('access-control-allow-headers') || '').toLowerCase();
  const problems = [];
  if (allowOrigin !== '*' && allowOrigin !== origin) problems.push(`Access-Control-Allow-Origin is ${allowOrigin ? JSON.stringify(allowOrigin) : 'missing'}`);
  if (allowMethods && allowMethods !== '*' && !allowMethods.split(/\s*,\s*/).includes(method)) problems.push(`Access-Control-Allow-Methods lacks ${method}`);
  if (allowHeaders && allowHeaders !== '*' && !allowHeaders.split(/\s*,\s*/).includes('content-type')) problems.push('Access-Control-Allow-Headers lacks Content-Type');
  if (problems.length)
    add('cors', 'fail', `a page on ${origin} cannot call ${new URL(url).pathname}: ${problems.join('; ')} (preflight HTTP ${r.status})`, {
      fix: 'the server must answer the preflight with these headers, or the CRM calls it from its backend',
    });
  else add('cors', 'pass', `a page on ${origin} may ${method} ${new URL(url).pathname} (preflight HTTP ${r.status})`);
}

/** GET the first KiB of a recording: it must be there and be audio, not an error page. */
async function recordingCheck(add, url, what) {
  const r = await probe(url, { headers: { Range: 'bytes=0-1023' } });
  const path = new URL(url).pathname;
  if (!r.ok) return add('recording', 'fail', `GET ${path} (${what}) failed: ${r.error}`);
  const type = r.headers.get('content-type') || '';
  if ((r.status === 200 || r.status === 206) && !/json|html|text/i.test(type)) return add('recording', 'pass', `GET ${path} (${what}): HTTP ${r.status}, ${type || 'no Content-Type'}`);
  return add('recording', 'fail', `GET ${path} (${what}): HTTP ${r.status}, ${type || 'no Content-Type'}: not a recording`);
}

/**
 * The first item of `items` (a platform's list) that has a recording, fetched
 * with recordingCheck; `skip` when the list has none.
 */
async function firstRecordingCheck(add, items, { has, url, what, none, listing }) {
  try {
    for await (const r of items) if (has(r)) return await recordingCheck(add, url(r), what(r));
    add('recording', 'skip', none);
  } catch (e) {
    add('recording', 'fail', `listing ${listing} failed: ${why(e)}`);
  }
}

async function xiaoaChecks(conf, opts) {
  const { list, add } = checks('xiaoa');
  const t = await transportChecks(conf, add, { clockFails: false });
  if (!t) return list;
  const base = { baseUrl: conf.baseUrl, username: conf.login, password: conf.password, ...opts.transport };
  const configured = opts.json ?? conf.extra.json ?? {};
  let client = new XiaoAClient({ ...base, json: configured });
  let session;
  let error;
  try {
    session = await client.login();
  } catch (e) {
    error = e;
    if (e.apiCode !== 10001) {
      add('login', 'fail', why(e), { fix: e.apiCode === 20004 ? 'the username or password is wrong' : undefined });
      return list;
    }
  }
  // The signed read: its filter has a slash and Chinese, so each escape option hashes differently.
  const read = async (c) => c.listTasks({ source_project: PROBE_FILTER, pageSize: 1, start_create_at: dayOf(new Date()) }).withResponse();
  let answer;
  if (session) {
    try {
      answer = await read(client);
    } catch (e) {
      error = e;
    }
  }
  if (!session || error?.apiCode === 10001) {
    // Refused signature: which escape options does the server hash with?
    let found;
    for (const v of XIAOA_VARIANTS) {
      if (JSON.stringify(v.json) === JSON.stringify(configured)) continue;
      const c = new XiaoAClient({ ...base, json: v.json });
      try {
        session = await c.login();
        answer = await read(c);
        found = v;
        client = c;
        break;
      } catch (e) {
        if (e.apiCode !== 10001) error = e; // a refusal other than the signature is worth reporting
      }
    }
    if (found) {
      add('login', 'pass', loginDetail(session, t.skewS));
      add('signature', 'fail', `the server refused the signature made with ${escapesOf(configured)} (10001 url 验证失败); it hashes with ${found.name}`, {
        fix: `create the client with json: ${fmtJson(found.json)} (CLI: --json-flags ${flagsOf(found.json)})`,
        json: found.json,
      });
    } else {
      if (!session) add('login', 'fail', `the login was refused: ${why(error)}`);
      add('signature', 'fail', `the server refused every signature tried (${XIAOA_VARIANTS.map((v) => v.name).join('; ')}): ${why(error)}`, {
        fix: 'send this report to the vendor: the server signs in a way the document does not describe',
      });
      return list;
    }
  } else if (error) {
    add('login', 'pass', loginDetail(session, t.skewS));
    add('signature', 'fail', `the signed read (listTasks) failed: ${why(error)}`);
    return list;
  } else {
    add('login', 'pass', loginDetail(session, t.skewS));
    add('signature', 'pass', `listTasks signed with ${escapesOf(configured)}: accepted${answered(answer)}`);
  }
  const account = session.expired ? Date.parse(`${session.expired}T23:59:59`) : undefined;
  if (account !== undefined && account < Date.now()) add('account', 'fail', `the account expired on ${session.expired}`, { fix: 'renew the product with the vendor' });
  else if (account !== undefined && account - Date.now() < 30 * 86_400_000) add('account', 'warn', `the account expires on ${session.expired}`);
  else if (account !== undefined) add('account', 'pass', `the account is valid until ${session.expired}`);
  if (opts.origin) {
    await corsCheck(add, at(conf, '/api/index'), opts.origin, 'POST');
    const acao = answer?.response?.headers['access-control-allow-origin'];
    if (acao !== '*' && acao !== opts.origin)
      add('cors', 'fail', `the answer of /api/index carries Access-Control-Allow-Origin ${acao ? JSON.stringify(acao) : 'nowhere'}: a page on ${opts.origin} cannot read it`);
  } else await corsCheck(add, '', undefined, 'POST');
  await firstRecordingCheck(add, client.crmRecords({ start_create_at: dayOf(new Date(Date.now() - 7 * 86_400_000)), pageSize: 50 }), {
    has: (r) => r.recordfile && r.connected_at,
    url: (r) => client.recordingUrl(r),
    what: (r) => `record ${r.id} of ${r.created_at}`,
    none: 'no answered call in the last 7 days to try',
    listing: 'recent records',
  });
  return list;
}

function flagsOf(json) {
  return [json.escapeSlashes === false && 'unescaped-slashes', json.escapeUnicode === false && 'unescaped-unicode', json.escapeLineTerminators === false && 'unescaped-line-terminators']
    .filter(Boolean)
    .join(',');
}

function loginDetail(session, skewS) {
  const serverNow = Date.now() / 1000 + (skewS ?? 0);
  const left = Number(session.api_key_expire) - serverNow;
  return `logged in as ${session.user_name ?? '?'} (user_sn ${String(session.user_sn).slice(0, 8)}…, team ${session.team_name ?? '?'}); the api_key (redacted) is valid for ${minutes(left)}`;
}

async function scccChecks(conf, opts) {
  const { list, add } = checks('sccc');
  const t = await transportChecks(conf, add, { clockFails: true });
  if (!t) return list;
  const client = new ScccClient({ baseUrl: conf.baseUrl, customer: conf.login, password: conf.password, version: conf.extra.version, agent: conf.extra.agent, ...opts.transport });
  try {
    const r = await client.agentInfo().withResponse();
    const n = Array.isArray(r.data.data) ? r.data.data.length : 0;
    add('signature', 'pass', `getAgentInfo with the digest of customer ${conf.login}: accepted, ${n} agent(s)${answered(r)}`);
  } catch (e) {
    const clock = t.skewS !== undefined && Math.abs(t.skewS) > SCCC_MAX_SKEW_S;
    add('signature', 'fail', `getAgentInfo was refused: ${why(e)}`, {
      fix: clock ? `the clocks differ by ${Math.abs(t.skewS)} s: fix the clock first (see "clock")` : e.apiCode === 1 ? 'the customer name or the password is wrong' : undefined,
    });
    return list;
  }
  await corsCheck(add, at(conf, `/openapi/${conf.extra.version ?? 'V2.0.6'}/getAgentInfo`), opts.origin, 'POST');
  await firstRecordingCheck(add, client.records(), {
    has: (r) => r.filename,
    url: (r) => client.recordFileUrl(r.filename),
    what: (r) => `record ${r.key}`,
    none: 'no recording listed to try',
    listing: 'recordings',
  });
  return list;
}

async function baibaihuChecks(conf, opts) {
  const { list, add } = checks('baibaihu');
  const t = await transportChecks(conf, add, { clockFails: false });
  if (!t) return list;
  const client = new BaiBaiHuClient({ baseUrl: conf.baseUrl, user: conf.login, password: conf.password, ...opts.transport });
  try {
    const r = await client.getExtension().withResponse();
    add('signature', 'pass', `getExtension as ${conf.login}: accepted, extension ${r.data.extension} (${r.data.name}) of ${r.data.compName}${answered(r)}`);
  } catch (e) {
    add('signature', 'fail', `getExtension was refused: ${why(e)}`, { fix: e.code === 'API' ? 'the user or the password is wrong' : undefined });
    return list;
  }
  await corsCheck(add, at(conf, '/voip/api/jsondata.html'), opts.origin, 'POST');
  await firstRecordingCheck(add, client.dialRecords({ limit: 20 }), {
    has: (r) => r.cdrRecordFile,
    url: (r) => client.recordUrl(r.cdrRecordFile),
    what: (r) => `call ${r.cdrId}`,
    none: 'no recorded call listed to try',
    listing: 'calls',
  });
  return list;
}

const RUN = { xiaoa: xiaoaChecks, sccc: scccChecks, baibaihu: baibaihuChecks };
const MARK = { pass: '✓', fail: '✗', warn: '!', skip: '–' };

/** Every secret of `confs` (and anything key-like) masked in `text`. */
function redact(text, secrets) {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('••••••');
  return out.replace(/([?&](?:api_key|sa_password|password|digest)=)[^&\s"]*/gi, '$1••••••');
}

export const doctorCommand = {
  summary: 'check the connection to a live tenant (read-only) and print a report for the vendor',
  usage: 'waihu doctor [--platform xiaoa|sccc|baibaihu] [--origin URL] [--json]',
  details: `For each platform configured (flags, WAIHU_<PLATFORM>_* variables or the
config file; --platform picks one): the server is reachable (and its TLS
certificate valid), its clock agrees with ours (SCCC refuses requests stamped
more than 5 min off), the login works and how long its key lasts, one signed
read is accepted (for 小A, when PHP's default escapes are refused, the other
json_encode options are tried one by one and the report names the one the
server uses), CORS for a page on --origin, a recording can be fetched.
Nothing is changed on the platform. The report redacts every password and key:
send it to the vendor's support as it is. Exit 1 when a check fails.

Options:
  --origin URL   the web CRM's origin, to check the CORS headers a page needs
  --json         the checks as one JSON object`,
  example: 'WAIHU_XIAOA_BASE_URL=http://120.77.61.117:8088 WAIHU_XIAOA_USERNAME=demo WAIHU_XIAOA_PASSWORD=… waihu doctor --origin https://crm.example.com',
  options: { origin: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    let platforms;
    if (values.platform) platforms = [values.platform];
    else {
      if (values['base-url']) throw new CliError('with --base-url, say which --platform it is (xiaoa, sccc or baibaihu)');
      platforms = [];
      for (const p of Object.keys(PLATFORMS)) {
        const c = await platformConfig(p, values, io, { need: [] });
        if (c.baseUrl) platforms.push(p);
      }
      if (!platforms.length) throw new CliError('no platform is configured', { hint: 'set WAIHU_XIAOA_BASE_URL (or _SCCC_, _BAIBAIHU_) and the login, or pass --platform with --base-url' });
    }
    if (values.origin) {
      try {
        const o = new URL(values.origin);
        if (o.origin !== values.origin.replace(/\/$/, '')) throw new Error();
      } catch {
        throw new CliError(`--origin must be an origin like https://crm.example.com (got ${JSON.stringify(values.origin)})`);
      }
    }
    const stdinPassword = await passwordFromStdin(values, io);
    if (stdinPassword && platforms.length > 1) throw new CliError('--password-stdin gives one password: pick its --platform');
    const opts = { origin: values.origin?.replace(/\/$/, ''), json: jsonOptions(values['json-flags']), transport: transport(values) };
    const results = [];
    const secrets = [];
    const confs = [];
    for (const p of platforms) {
      const conf = await platformConfig(p, values, io, { stdinPassword });
      secrets.push(conf.password);
      confs.push(conf);
    }
    for (const conf of confs) {
      const started = Date.now();
      let list;
      try {
        list = await RUN[conf.platform](conf, opts);
      } catch (e) {
        list = [{ platform: conf.platform, check: 'internal', status: 'fail', detail: why(e) }];
      }
      results.push({ platform: conf.platform, title: PLATFORMS[conf.platform].title, baseUrl: conf.baseUrl, login: String(conf.login), ms: Date.now() - started, checks: list });
    }
    const failed = results.flatMap((r) => r.checks).filter((c) => c.status === 'fail');
    const doc = { ok: failed.length === 0, waihu: version, node: process.version, at: new Date().toISOString(), platforms: results };
    let text;
    if (values.json) text = `${JSON.stringify(doc, null, 2)}\n`;
    else {
      const lines = [`waihu doctor — ${doc.at}, waihu ${version}, Node ${process.version}`];
      for (const r of results) {
        lines.push('', `${r.title}  ${r.baseUrl}  (${PLATFORMS[r.platform].login} ${r.login})`);
        for (const c of r.checks) {
          lines.push(`  ${MARK[c.status]} ${c.check.padEnd(10)} ${c.detail}`);
          if (c.fix && c.status !== 'pass') lines.push(`    → ${c.fix}`);
        }
      }
      lines.push('', failed.length ? `${failed.length} check(s) failed.` : 'Every check passed.', 'This report holds no password or key: it can go to the vendor’s support as it is.');
      text = `${lines.join('\n')}\n`;
    }
    io.stdout.write(redact(text, secrets));
    return failed.length ? EXIT.FAILED : EXIT.OK;
  },
};
