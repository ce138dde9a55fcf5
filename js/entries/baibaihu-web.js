// waihu/baibaihu in browsers and bundlers (pkg/baibaihu.web.mjs): 八百呼 alone — its sync
// functions and BaiBaiHuClient — in a module built with only its code;
// `await init()` loads baibaihu-web/waihu_bg.wasm.
import initWasm, * as glue from './baibaihu-web/waihu.js';
import { setup } from '../runtime.js';

setup(glue, { initWasm, initSyncWasm: glue.initSync });
export * from '../api-shared.js';
export * from '../api-baibaihu.js';
export { BaiBaiHuClient } from '../baibaihu.js';
export { init as default } from '../runtime.js';
