// A bundled app: `import ... from 'waihu'` resolved by Vite through the
// package's exports map (browser condition), the .wasm emitted as an asset.
import * as waihu from 'waihu';
import { runChecks } from './checks.js';

runChecks(waihu).then(
  (r) => (window.__result = r),
  (e) => (window.__result = { passed: 0, failures: [String(e && e.stack)] }),
);
