#!/usr/bin/env node
// The `waihu` command: bulk jobs on the package's own clients. Built into
// pkg/cli/ by scripts/build.mjs; `npx waihu --help` after `npm install waihu`.
import { version } from 'waihu';
import { CONNECTION_OPTIONS, CliError, EXIT, interruptSignal, parse, report } from './common.mjs';
import { doctorCommand } from './doctor.mjs';
import { importCommand } from './import.mjs';
import { projectsCommand, recordingsCommand, recordsCommand } from './records.mjs';
import { sandboxCommand } from './sandbox.mjs';
import { signCommand, urlCommand } from './sign.mjs';

const COMMANDS = {
  projects: projectsCommand,
  import: importCommand,
  records: recordsCommand,
  recordings: recordingsCommand,
  doctor: doctorCommand,
  sign: signCommand,
  url: urlCommand,
  sandbox: sandboxCommand,
};

const CONFIG_HELP = `Configuration (every command that talks to a platform):
  --platform P             xiaoa (default), sccc or baibaihu
  --base-url URL           the server root, e.g. http://120.77.61.117:8088
  --username / --customer / --user   the 小A username, SCCC customer, 八百呼 user
  --config FILE            a JSON file: { "xiaoa": { "baseUrl", "username", "password", "json" },
                           "sccc": { "baseUrl", "customer", "password", "version", "agent" },
                           "baibaihu": { "baseUrl", "user", "password" } }
                           (default ./waihu.config.json, then ~/.config/waihu/config.json)
  --password-stdin         read the password from stdin
  --json-flags F           小A: the server's json_encode flags (waihu doctor finds them)
  --timeout-ms N           per request (default 30000)
  or the environment: WAIHU_XIAOA_BASE_URL, WAIHU_XIAOA_USERNAME, WAIHU_XIAOA_PASSWORD,
  WAIHU_SCCC_BASE_URL, WAIHU_SCCC_CUSTOMER, WAIHU_SCCC_PASSWORD, WAIHU_BAIBAIHU_BASE_URL,
  WAIHU_BAIBAIHU_USER, WAIHU_BAIBAIHU_PASSWORD. Flags win over the environment, the
  environment over the file. A password is never taken from the command line.`;

const EXIT_HELP = `Exit codes: 0 success; 1 the platform refused, the network failed, a doctor check
failed or an import stopped (run it again to resume); 2 bad arguments or
configuration; 3 rows refused by the check; 130 interrupted.`;

function mainHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `waihu ${version}: sign, import, export and check 小A/95AI, SCCC and 八百呼 from a shell

Usage: waihu <command> [options]      waihu <command> --help

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Example:
  waihu sandbox --port 8088 &
  WAIHU_XIAOA_BASE_URL=http://127.0.0.1:8088 WAIHU_XIAOA_USERNAME=demo WAIHU_XIAOA_PASSWORD=demo123 waihu doctor

${CONFIG_HELP}

${EXIT_HELP}
`;
}

function commandHelp(name, c) {
  return `waihu ${name}: ${c.summary}

Usage: ${c.usage}

${c.details}

Example:
${c.example
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
${c.connection === false ? '' : `\n${CONFIG_HELP}\n`}
${EXIT_HELP}
`;
}

async function main(argv, io) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0];
    if (topic && COMMANDS[topic]) io.stdout.write(commandHelp(topic, COMMANDS[topic]));
    else io.stdout.write(mainHelp());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return EXIT.OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    return report(new CliError(`unknown command ${JSON.stringify(name)}`, { hint: `one of ${Object.keys(COMMANDS).join(', ')} (waihu --help)` }), '', io);
  }
  try {
    const options = command.connection === false ? command.options : { ...CONNECTION_OPTIONS, ...command.options };
    const { values, positionals } = parse(rest, options, { positionals: command.positionals ?? 0 });
    if (values.help) {
      io.stdout.write(commandHelp(name, command));
      return EXIT.OK;
    }
    const signal = command === sandboxCommand ? undefined : interruptSignal(io);
    return await command.run({ values, positionals, io, signal });
  } catch (e) {
    return report(e, name, io);
  }
}

const io = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  warn: (m) => process.stderr.write(`waihu: warning: ${m}\n`),
};
// Output to a closed pipe (`waihu records | head`) ends the command quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(EXIT.OK);
});
process.exitCode = await main(process.argv.slice(2), io);
