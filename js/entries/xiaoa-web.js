// waihu/xiaoa in browsers and bundlers (pkg/xiaoa.web.mjs): 小A/95AI alone — its sync
// functions and XiaoAClient — in a module built with only its code;
// `await init()` loads xiaoa-web/waihu_bg.wasm.
import initWasm, * as glue from './xiaoa-web/waihu.js';
import { setup } from '../runtime.js';

setup(glue, { initWasm, initSyncWasm: glue.initSync });
export * from '../api-shared.js';
export * from '../api-xiaoa.js';
export { XiaoAClient } from '../xiaoa.js';
export { init as default } from '../runtime.js';
