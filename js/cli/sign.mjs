// `waihu sign` and `waihu url` for shell scripts: JSON on stdin → the signed
// params (小A), the authentication block (SCCC) or a signed download URL.
import { ScccClient, XiaoAClient, downloadUrls, scccDigest, signRequest } from 'waihu';
import { CliError, EXIT, jsonOptions, passwordFromStdin, platformConfig, readStdin, transport } from './common.mjs';

async function stdinJson(io, what) {
  const text = (await readStdin(io.stdin)).trim();
  if (!text) throw new CliError(`expected ${what} as JSON on stdin`, { hint: `echo '{"pageIndex":0}' | waihu …` });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`stdin is not JSON: ${e.message}`);
  }
}

export const signCommand = {
  summary: 'sign a request for curl: 小A params with their `url` hash, or an SCCC authentication block',
  usage: 'waihu sign ENDPOINT < params.json          (小A)\n       waihu sign --platform sccc < {"seq":…}   (SCCC)',
  details: `小A: prints the params to POST to /api/ENDPOINT as JSON, \`url\` first, with
the endpoint's exclusions applied (addJson: client_info_json, source, aes;
addExcel: upload, source). Needs no credentials; --json-flags sets the
server's escapes (see waihu doctor).
SCCC: prints {"customer","timestamp","seq","digest"} for the message's
authentication, from WAIHU_SCCC_CUSTOMER and WAIHU_SCCC_PASSWORD; stdin may
give "timestamp" (ms) and "seq", else now and a random seq.
The password is never printed.`,
  example: `echo '{"user_sn":"SYSUSER|5d03…","api_key":"Kpd2vKYC","pageIndex":0}' | waihu sign index
echo '{}' | WAIHU_SCCC_CUSTOMER=C2 WAIHU_SCCC_PASSWORD=… waihu sign --platform sccc`,
  options: {},
  positionals: 1,
  async run({ values, positionals, io }) {
    const platform = values.platform ?? 'xiaoa';
    if (platform === 'xiaoa') {
      const endpoint = positionals[0];
      if (!endpoint) throw new CliError('which endpoint? waihu sign ENDPOINT < params.json (login, index, addJson, crmList, …)');
      const params = await stdinJson(io, 'the params object');
      if (!params || typeof params !== 'object' || Array.isArray(params)) throw new CliError('stdin must hold a JSON object of params');
      io.stdout.write(`${JSON.stringify(signRequest(endpoint, params, jsonOptions(values['json-flags'])))}\n`);
      return EXIT.OK;
    }
    if (platform === 'sccc') {
      if (positionals.length) throw new CliError('SCCC signs the message, not an API: waihu sign --platform sccc < {"seq":…}');
      if (values['password-stdin']) throw new CliError('stdin carries the JSON here: set WAIHU_SCCC_PASSWORD or use a config file');
      const conf = await platformConfig('sccc', values, io, { need: ['login', 'password'] });
      const input = await stdinJson(io, '{"timestamp"?, "seq"?}');
      const timestamp = input.timestamp ?? Date.now();
      const seq = input.seq ?? Math.floor(Math.random() * 2 ** 31);
      io.stdout.write(`${JSON.stringify({ customer: conf.login, timestamp: String(timestamp), seq: String(seq), digest: scccDigest(conf.login, timestamp, seq, conf.password) })}\n`);
      return EXIT.OK;
    }
    throw new CliError(`waihu sign does ${platform === 'baibaihu' ? 'not sign 八百呼 requests: they carry the password’s MD5 itself (use BaiBaiHuClient)' : `not know --platform ${platform}`}`);
  },
};

export const urlCommand = {
  summary: 'signed download URLs: 小A recordings, fragments, templates; SCCC recordings',
  usage: 'waihu url ENDPOINT < params.json   (小A: cdrDownload, cdrFragmentDownload, exportModel)\n       waihu url --platform sccc < {"filename":…}',
  details: `小A: logs in with the configured account (or takes "session": {"user_sn",
"api_key"} from stdin) and prints the URL. stdin is the params object, or
{"session": …, "params": {…} | [{…}, …]}: an array prints one URL per line.
The URLs carry the session's api_key (the platform's design): they stop
working when it expires (2 hours after login).
SCCC: {"filename": "record/…"} → the recording's URL.`,
  example: `echo '{"recordpath":"/home/record","recordfile":"/20261130/x.mp3"}' | waihu url cdrDownload
waihu records --since today --format jsonl | jq -c '{recordpath,recordfile}' | … `,
  options: {},
  positionals: 1,
  async run({ values, positionals, io }) {
    const platform = values.platform ?? 'xiaoa';
    if (values['password-stdin']) throw new CliError('stdin carries the JSON here: set the password in the environment or a config file');
    const input = await stdinJson(io, 'the params');
    if (platform === 'sccc') {
      const conf = await platformConfig('sccc', values, io);
      if (typeof input.filename !== 'string') throw new CliError('stdin must be {"filename": "…"} (a record\'s filename)');
      const client = new ScccClient({ baseUrl: conf.baseUrl, customer: conf.login, password: conf.password });
      io.stdout.write(`${client.recordFileUrl(input.filename)}\n`);
      return EXIT.OK;
    }
    if (platform !== 'xiaoa') throw new CliError('waihu url knows xiaoa and sccc (八百呼: BaiBaiHuClient.recordUrl)');
    const endpoint = positionals[0];
    if (!endpoint) throw new CliError('which endpoint? waihu url cdrDownload|cdrFragmentDownload|exportModel < params.json');
    const wrapped = input && typeof input === 'object' && !Array.isArray(input) && ('params' in input || 'session' in input);
    const params = wrapped ? (input.params ?? {}) : input;
    let session = wrapped ? input.session : undefined;
    const conf = await platformConfig('xiaoa', values, io, { need: session ? ['baseUrl'] : ['baseUrl', 'login', 'password'], stdinPassword: await passwordFromStdin(values, io) });
    const json = jsonOptions(values['json-flags']) ?? conf.extra.json;
    if (!session) {
      const client = new XiaoAClient({ baseUrl: conf.baseUrl, username: conf.login, password: conf.password, json, ...transport(values) });
      session = await client.login();
    }
    const list = Array.isArray(params) ? params : [params];
    const urls = downloadUrls(conf.baseUrl, endpoint, session, list, json);
    io.stdout.write(`${urls.join('\n')}\n`);
    return EXIT.OK;
  },
};
