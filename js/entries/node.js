// Node (bundled as CommonJS into pkg/index.cjs): the nodejs glue
// instantiates the module when it is required.
import * as glue from './node/waihu.js';
import { setup } from '../runtime.js';

setup(glue, {});
export * from '../api.js';
export { init as default } from '../runtime.js';
