// waihu/core in browsers and bundlers (pkg/core.web.mjs): its own module,
// built without the clients' code; `await init()` loads core-web/waihu_bg.wasm.
import initWasm, * as glue from './core-web/waihu.js';
import { setup } from '../runtime.js';

setup(glue, { initWasm, initSyncWasm: glue.initSync });
export * from '../api-core.js';
export { init as default } from '../runtime.js';
