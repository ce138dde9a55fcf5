// Runs tests/runtimes/script.mjs with the package as `import … from 'waihu'`
// (resolved from node_modules by the runtime: Node, Deno with
// `nodeModulesDir: "manual"`, Bun) and prints the results as one JSON line.
//   <runtime> main.mjs <baseUrl>
import * as waihu from 'waihu';
import { run } from './script.mjs';

const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
await waihu.default();
console.log(JSON.stringify(await run(waihu, { baseUrl: args[0], username: 'demo', password: 'demo123' })));
