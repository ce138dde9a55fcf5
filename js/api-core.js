// waihu/core: everything but the three clients — the sync functions of the
// three platforms.
export * from './api-baibaihu.js';
export * from './api-sccc.js';
export * from './api-shared.js';
export * from './api-xiaoa.js';
