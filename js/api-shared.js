// What every entry point offers: the error class, init, the error codes and
// the version.
import { ERROR_CODES, VERSION } from './generated.js';

export { WaihuError, init, initSync } from './runtime.js';
export const errorCodes = ERROR_CODES;
export const version = VERSION;
