// Generated from the Rust tables by `WAIHU_UPDATE_TYPES=1 cargo test --test types_drift`: do not edit.

/** The package version (Cargo.toml). */
export const VERSION = '0.1.0';

/** Every error code. */
export const ERROR_CODES = Object.freeze(['INVALID_ARGUMENT', 'INVALID_NUMBER', 'INVALID_UNICODE', 'TOO_DEEP', 'DUPLICATE_KEY', 'INVALID_JSON', 'INVALID_USER_SN', 'BAD_CIPHERTEXT', 'TOO_MANY_ROWS', 'INVALID_ROW', 'NO_SESSION', 'API', 'HTTP', 'TIMEOUT', 'NETWORK', 'BAD_RESPONSE', 'OUTCOME_UNKNOWN', 'IMPORT_INCOMPLETE', 'BAD_SIGNATURE', 'REPLAY', 'CLOCK_SKEW', 'NOT_INITIALIZED', 'TOO_LARGE', 'RESPONSE_TOO_LARGE', 'REDIRECT', 'INTERNAL', 'ABORTED']);

/** ScccClient's command methods (one per API of the SCCC document). */
export const SCCC_METHODS = ['voiceVerify', 'agentQueryStatus', 'agentStatus', 'agentInfo', 'agentLogin', 'agentLogout', 'agentSetBusy', 'agentSetIdle', 'callNumber', 'hangupCall', 'createCallTask', 'queryCallTask', 'controlCallTask', 'addCallTaskNumbers', 'recordsList', 'cdrList'];

/** BaiBaiHuClient's typed methods (the uploads have their own). */
export const BAIBAIHU_METHODS = ['getExtension', 'getExtensions', 'sendMsg', 'recvMsg', 'addCdrRecord', 'addSmsRecord', 'getTaskDetailPhone', 'saveCustomer', 'setUserCheckInOut', 'registerExtension', 'systemChannels', 'getChannelList', 'smsSend', 'setShowPhone', 'setIvrDialing', 'addBlacklists', 'delBlacklists', 'getBlacklists', 'callbackPhone', 'getCallbackList', 'findDialrecord', 'phoneAudit', 'getPhoneAudit', 'getAreaPhone', 'sendTelCall', 'getCustomersPage', 'getCustomer', 'getTableFields', 'delCustomer', 'getCodes', 'setCustomerLock', 'getCustomerSales', 'setCustomerSales', 'getMemos', 'addMemo', 'findCallFlow', 'addTask', 'findTaskMx', 'addExtension', 'editExtension', 'delExtension', 'initExtensionPassword'];

/** BaiBaiHuClient's iterators: name → the paged method it walks. */
export const BAIBAIHU_ITERATORS = { callbacks: 'getCallbackList', dialRecords: 'findDialrecord', phoneAudits: 'getPhoneAudit', customers: 'getCustomersPage', memos: 'getMemos', taskDetails: 'findTaskMx' };
