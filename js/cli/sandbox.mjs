// `waihu sandbox`: the emulator of the three platforms, on loopback, until
// Ctrl-C.
import { SANDBOX_ACCOUNTS, startSandbox } from 'waihu/sandbox';
import { CliError, EXIT, intOption } from './common.mjs';

export const sandboxCommand = {
  summary: 'run the emulator of the three platforms locally (for development and tests)',
  usage: 'waihu sandbox [--port 8088] [--host 127.0.0.1] [--platform all|xiaoa|sccc|baibaihu] [--seed N] [--records N] [--latency MS] [--fault-rate P]',
  details: `Serves 小A (/api/…), SCCC (/openapi/…) and 八百呼 (/voip/…) on one port, with
the accounts printed at start, every answer with CORS headers. It checks
signatures, digests and AES the way the platforms do and keeps state: logins
and key expiry, imports → tasks → calls → CRM records with recordings, SCCC
agents and tasks, 八百呼 extensions and calls, push notifications.

Options:
  --port N             the port (default 8088; 0 picks a free one)
  --host H             the address (default 127.0.0.1)
  --platform P         serve only one platform (the others answer 404)
  --seed N             make the faults and generated data repeatable
  --records N          create N 小A call records of today at start
  --latency MS         wait MS before every platform answer
  --fault-rate P       a share P (0 to 1) of platform requests meets a transient
                       fault: HTTP 500, an HTML page, a truncated or reset answer
  --clock-offset S     run the server's clock S seconds off ours (SCCC refuses
                       requests more than 5 min off; Date headers follow it)
  --json-flags F       小A hashes with these json_encode flags: unescaped-slashes,
                       unescaped-unicode, unescaped-line-terminators
  --json               print the URL and accounts as one JSON line`,
  example: 'waihu sandbox --port 8088 --records 200\n# then: WAIHU_XIAOA_BASE_URL=http://127.0.0.1:8088 WAIHU_XIAOA_USERNAME=demo WAIHU_XIAOA_PASSWORD=demo123 waihu doctor',
  connection: false,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    platform: { type: 'string', short: 'p' },
    seed: { type: 'string' },
    records: { type: 'string' },
    latency: { type: 'string' },
    'fault-rate': { type: 'string' },
    'clock-offset': { type: 'string' },
    'json-flags': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const faultRate = values['fault-rate'] === undefined ? 0 : Number(values['fault-rate']);
    if (!(faultRate >= 0 && faultRate <= 1)) throw new CliError(`--fault-rate must be a number from 0 to 1 (got ${JSON.stringify(values['fault-rate'])})`);
    const offset = values['clock-offset'] === undefined ? 0 : Number(values['clock-offset']);
    if (!Number.isFinite(offset)) throw new CliError('--clock-offset must be a number of seconds (negative: behind)');
    let sb;
    try {
      sb = await startSandbox({
        port: intOption(values, 'port', 8088, { max: 65535 }),
        host: values.host ?? '127.0.0.1',
        platform: values.platform ?? 'all',
        seed: values.seed === undefined ? undefined : intOption(values, 'seed', 0),
        latency: intOption(values, 'latency', 0, { max: 600000 }),
        faultRate,
        clockOffsetMs: offset * 1000,
        xiaoa: {
          records: intOption(values, 'records', 0, { max: 2000000 }),
          jsonFlags: values['json-flags'] ? values['json-flags'].split(',').map((s) => s.trim()) : undefined,
        },
      });
    } catch (e) {
      if (e.code === 'EADDRINUSE') throw new CliError(`port ${values.port ?? 8088} is in use`, { hint: 'pick another with --port (0 = any free port)' });
      throw new CliError(e.message);
    }
    // Listening for Ctrl-C before the banner: a script that stops the sandbox
    // as soon as it reads the URL must not find the default action (a kill).
    const stopped = new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const a = SANDBOX_ACCOUNTS;
    const serves = (p) => !values.platform || values.platform === 'all' || values.platform === p;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ url: sb.url, port: sb.port, platform: values.platform ?? 'all', accounts: a })}\n`);
    } else {
      const lines = [`waihu sandbox listening on ${sb.url}${faultRate ? ` (fault rate ${faultRate})` : ''}${offset ? ` (clock ${offset} s off)` : ''}`];
      if (serves('xiaoa')) lines.push(`  小A      WAIHU_XIAOA_BASE_URL=${sb.url} WAIHU_XIAOA_USERNAME=${a.xiaoa.username} WAIHU_XIAOA_PASSWORD=${a.xiaoa.password}`);
      if (serves('sccc')) lines.push(`  SCCC     WAIHU_SCCC_BASE_URL=${sb.url} WAIHU_SCCC_CUSTOMER=${a.sccc.customer} WAIHU_SCCC_PASSWORD=${a.sccc.password}   (agents ${a.sccc.agents.join(' ')})`);
      if (serves('baibaihu'))
        lines.push(
          `  八百呼   WAIHU_BAIBAIHU_BASE_URL=${sb.url} WAIHU_BAIBAIHU_USER=${a.baibaihu.user} WAIHU_BAIBAIHU_PASSWORD=${a.baibaihu.password}   (${a.baibaihu.staff.user} / ${a.baibaihu.staff.password}: ${a.baibaihu.staff.note})`,
        );
      lines.push('Ctrl-C stops it.');
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    await stopped;
    await sb.close();
    return EXIT.OK;
  },
};
