// waihu: waihu/core and the three clients.
export * from './api-core.js';
export { BaiBaiHuClient } from './baibaihu.js';
export { ScccClient } from './sccc.js';
export { XiaoAClient } from './xiaoa.js';
