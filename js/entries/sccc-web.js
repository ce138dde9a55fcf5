// waihu/sccc in browsers and bundlers (pkg/sccc.web.mjs): SCCC alone — its sync
// functions and ScccClient — in a module built with only its code;
// `await init()` loads sccc-web/waihu_bg.wasm.
import initWasm, * as glue from './sccc-web/waihu.js';
import { setup } from '../runtime.js';

setup(glue, { initWasm, initSyncWasm: glue.initSync });
export * from '../api-shared.js';
export * from '../api-sccc.js';
export { ScccClient } from '../sccc.js';
export { init as default } from '../runtime.js';
