// The 小A/95AI sync functions: PHP-exact JSON, the `url` hash and request
// signing, download URLs, client_info_json AES, talk records, lead checks,
// push parsing. Every function is guarded: whatever goes wrong comes out as
// a WaihuError with a code.
import * as core from './core.js';
import { guard } from './runtime.js';

export const phpJsonEncode = guard(core.phpJsonEncode);
export const urlHash = guard(core.urlHash);
export const signRequest = guard(core.signRequest);
export const downloadUrl = guard(core.downloadUrl);
export const downloadUrls = guard(core.downloadUrls);
export const encryptClientInfo = guard(core.encryptClientInfo);
export const decryptClientInfo = guard(core.decryptClientInfo);
export const parseTalkInfo = guard(core.parseTalkInfo);
export const checkLeads = guard(core.checkLeads);
export const parsePush = guard(core.parsePush);
export const XIAOA_PUSH_ACK = 'SUCCESS';
