// waihu/core: everything but the three clients — signing, PHP-exact JSON,
// AES for client_info_json, download URLs, the SCCC digest and notification
// checks, push parsers. Every function is guarded: whatever goes wrong
// comes out as a WaihuError with a code.
import * as core from './core.js';
import { ERROR_CODES, VERSION } from './generated.js';
import { guard } from './runtime.js';
import { createScccNotificationHandler as handler } from './webhook.js';

export { WaihuError, init, initSync } from './runtime.js';
export const errorCodes = ERROR_CODES;
export const version = VERSION;
export const phpJsonEncode = guard(core.phpJsonEncode);
export const urlHash = guard(core.urlHash);
export const signRequest = guard(core.signRequest);
export const downloadUrl = guard(core.downloadUrl);
export const downloadUrls = guard(core.downloadUrls);
export const encryptClientInfo = guard(core.encryptClientInfo);
export const decryptClientInfo = guard(core.decryptClientInfo);
export const scccDigest = guard(core.scccDigest);
export const parseTalkInfo = guard(core.parseTalkInfo);
export const checkLeads = guard(core.checkLeads);
export const parsePush = guard(core.parsePush);
export const XIAOA_PUSH_ACK = 'SUCCESS';
export const verifyScccNotification = guard(core.verifyScccNotification);
export const createScccNotificationHandler = guard(handler);
export const parseBaiBaiHuPush = guard(core.parseBaiBaiHuPush);
export const BAIBAIHU_PUSH_ACK = '{"code":0,"message":"OK"}';
