// Browsers and bundlers (pkg/web.mjs): `await init()` loads web/waihu_bg.wasm.
import initWasm, * as glue from './web/waihu.js';
import { setup } from '../runtime.js';

setup(glue, { initWasm, initSyncWasm: glue.initSync });
export * from '../api.js';
export { init as default } from '../runtime.js';
