// waihu/core: everything `waihu` offers except the three clients — signing,
// PHP-exact JSON, AES for client_info_json, download URLs, the SCCC digest
// and notification checks, push parsers. In browsers it loads a module built
// without the clients' code (about half the bytes of `waihu`'s); in Node it is
// the same instance as `waihu`.
export {
  default,
  init,
  initSync,
  WaihuError,
  errorCodes,
  version,
  phpJsonEncode,
  urlHash,
  signRequest,
  downloadUrl,
  downloadUrls,
  encryptClientInfo,
  decryptClientInfo,
  scccDigest,
  parseTalkInfo,
  checkLeads,
  parsePush,
  XIAOA_PUSH_ACK,
  verifyScccNotification,
  createScccNotificationHandler,
  parseBaiBaiHuPush,
  BAIBAIHU_PUSH_ACK,
} from './index.js';
export type * from './index.js';
