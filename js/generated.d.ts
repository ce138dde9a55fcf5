// Generated from the Rust tables by `WAIHU_UPDATE_TYPES=1 cargo test --test types_drift`: do not edit.
// The parameters of every client method, with the forms the vendor documents
// write: numbers as strings ("0"), "" for not set, enumerations in any case.

/** A number, or the string of digits the documents write for it; "" = not set. */
export type DocInt = number | `${number}` | '';
/** Text; a number is taken as its digits. */
export type DocText = string | number;
/** true/false, or the forms the documents write: "true", 1, "0"…; "" = not set. */
export type DocBool = boolean | 'true' | 'false' | 'TRUE' | 'FALSE' | 'True' | 'False' | 0 | 1 | '0' | '1' | '';
/** One of the document's values, in any case; "" = not set. */
export type DocOneOf<T extends string> = T | Uppercase<T> | Lowercase<T> | Capitalize<T> | '';
/** An array, or the comma-separated string the documents write. */
export type DocList<T = string | number> = string | ReadonlyArray<T>;
/** JSON: an object or an array, or a string holding one. */
export type DocJson = string | ReadonlyArray<unknown> | { readonly [key: string]: unknown };

/** Every `code` a {@link WaihuError} can carry. Stable: codes are only ever added. */
export type WaihuErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_NUMBER'
  | 'INVALID_UNICODE'
  | 'TOO_DEEP'
  | 'DUPLICATE_KEY'
  | 'INVALID_JSON'
  | 'INVALID_USER_SN'
  | 'BAD_CIPHERTEXT'
  | 'TOO_MANY_ROWS'
  | 'INVALID_ROW'
  | 'NO_SESSION'
  | 'API'
  | 'HTTP'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'OUTCOME_UNKNOWN'
  | 'IMPORT_INCOMPLETE'
  | 'BAD_SIGNATURE'
  | 'REPLAY'
  | 'CLOCK_SKEW'
  | 'NOT_INITIALIZED'
  | 'TOO_LARGE'
  | 'RESPONSE_TOO_LARGE'
  | 'REDIRECT'
  | 'INTERNAL'
  | 'ABORTED';

/** The path names after `/api/` of the 小A/95AI API. */
export type XiaoAEndpoint =
  | 'login'
  | 'index'
  | 'getAiUsers'
  | 'getProjects'
  | 'addExcel'
  | 'addJson'
  | 'operateTask'
  | 'cdrlist'
  | 'cdrshow'
  | 'crmList'
  | 'cdrDownload'
  | 'cdrFragmentDownload'
  | 'exportModel'
  | 'callTimeList'
  | 'timeSave'
  | 'setCallback';

/** 小A §7.2 filters of listTasks (`index`). */
export interface XiaoATaskQuery {
  /** A non-negative integer. */
  pageIndex?: DocInt | undefined;
  /** An integer of at least 1. */
  pageSize?: DocInt | undefined;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` */
  start_create_at?: string | undefined;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` */
  end_create_at?: string | undefined;
  status?: 0 | 1 | 4 | '0' | '1' | '4' | '' | undefined;
  ai_user_sn?: DocText | undefined;
  dial_task_main_sn?: DocText | undefined;
  source_project?: DocText | undefined;
}

/** 小A §7.8 filters of cdrList (`cdrlist`). */
export interface XiaoACdrQuery {
  /** A non-negative integer. */
  pageIndex?: DocInt | undefined;
  /** An integer of at least 1. */
  pageSize?: DocInt | undefined;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` */
  start_create_at?: string | undefined;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` */
  end_create_at?: string | undefined;
  callee?: DocText | undefined;
  caller?: DocText | undefined;
  ai_user_sn?: DocText | undefined;
  /** A non-negative integer. */
  talktimes_min?: DocInt | undefined;
  /** A non-negative integer. */
  talktimes_max?: DocInt | undefined;
  asr_b?: DocText | undefined;
  /** A non-negative integer. */
  asr_c?: DocInt | undefined;
  /** A non-negative integer. */
  asr_d?: DocInt | undefined;
  dial_task_main_sn?: DocText | undefined;
}

/** 小A §7.10 filters of crmList (`crmList`). */
export interface XiaoACrmQuery {
  /** A non-negative integer. */
  pageIndex?: DocInt | undefined;
  /** An integer of at least 1. */
  pageSize?: DocInt | undefined;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` */
  start_create_at?: string | undefined;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` */
  end_create_at?: string | undefined;
  phone?: DocText | undefined;
  /** A non-negative integer. */
  talktimes_min?: DocInt | undefined;
  /** A non-negative integer. */
  talktimes_max?: DocInt | undefined;
  labelling?: DocText | undefined;
  /** A non-negative integer. */
  score?: DocInt | undefined;
  /** A non-negative integer. */
  asks_count?: DocInt | undefined;
  /** Comma-separated, or an array. */
  status?: DocList<string | number> | undefined;
  dial_task_main_sn?: DocText | undefined;
  project_sn?: DocText | undefined;
  ai_user_name?: DocText | undefined;
  ai_user_sn?: DocText | undefined;
}

/** 小A §7.9 cdrshow: `cdr_sn` (cdrList) or `accounts_sn` (a CRM record's `sn`), and the record's file and time. */
export interface XiaoACallDetailArgs {
  cdr_sn?: DocText | undefined;
  accounts_sn?: DocText | undefined;
  /** The document's spelling of `accounts_sn`. */
  acccounts_sn?: DocText | undefined;
  recordpath?: DocText | undefined;
  recordfile?: DocText | undefined;
  connected_at?: DocText | undefined;
}

/** 小A §9.1 setCallback, by the document's names or waihu's `open`/`url`. */
export interface XiaoASetCallbackArgs {
  /** Required (or open). */
  open_callback?: DocBool | undefined;
  /** The document's spelling of `open_callback`. Required (or open). */
  open?: DocBool | undefined;
  /** Required (or url). An `http://` or `https://` URL. */
  callback_url?: string | undefined;
  /** The document's spelling of `callback_url`. Required (or url). An `http://` or `https://` URL. */
  url?: string | undefined;
}

/** 小A §7.7 operateTask by the document's names (`pkeys`: the dial_task_main_id, or several). */
export interface XiaoAOperateTaskArgs {
  project_type?: 2 | '2' | '' | undefined;
  /** Text, or JSON (sent as its text). */
  pkeys: DocText | DocJson;
  /** Any case; sent as written here. */
  oper: DocOneOf<'stop' | 'keepOn' | 'failRe' | 'delete'>;
}

/** 小A §7.5/7.6 task settings of an import. */
export interface XiaoATaskOptions {
  project_sn: DocText;
  source: DocText;
  ai_user_sn: DocText;
  autoStart?: DocBool | undefined;
  /** Any case; sent as written here. */
  is_zidong?: DocOneOf<'on'> | undefined;
  mark?: DocText | undefined;
  dial_task_main_sn?: DocText | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  timed_started_at?: string | undefined;
}

/** SCCC 四 VoiceVerify command. */
export interface ScccVoiceVerifyCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** A phone number. */
  callee: string | number;
  /** 3 to 8 digits. */
  verifyCode: string | number;
  /** An integer from 1 to 5. */
  playTimes?: DocInt | undefined;
}

/** SCCC 五 AgentQueryStatus command. */
export interface ScccAgentQueryStatusCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 六 getAgentStatus command. */
export interface ScccAgentStatusCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 七 getAgentInfo command. */
export interface ScccAgentInfoCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
}

/** SCCC 7 AgentLogin command. */
export interface ScccAgentLoginCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 8 AgentLogout command. */
export interface ScccAgentLogoutCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 9 AgentSetBusy command. */
export interface ScccAgentSetBusyCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 10 AgentSetIdle command. */
export interface ScccAgentSetIdleCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 11 CallNumber command. */
export interface ScccCallNumberCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
  /** A phone number. */
  callee: string | number;
}

/** SCCC 12 HangupCall command. */
export interface ScccHangupCallCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 13 CallTaskCreate command. */
export interface ScccCreateCallTaskCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
  taskName?: DocText | undefined;
  /** At most 100. */
  callers?: ReadonlyArray<string | number> | undefined;
  /** At most 1000. */
  callees: ReadonlyArray<string | number>;
  mode?: 2 | 5 | '2' | '5' | '' | undefined;
  /** An integer from 1 to 5. */
  multiplier?: DocInt | undefined;
}

/** SCCC 14 CallTaskQuery command. */
export interface ScccQueryCallTaskCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent: string | number;
}

/** SCCC 15 CallTaskControl command. */
export interface ScccControlCallTaskCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** 1 to 8 digits. */
  agent?: string | number | undefined;
  /** A non-negative integer. */
  taskID: DocInt;
  /** Any case; sent as written here. */
  action: DocOneOf<'start' | 'stop'>;
}

/** SCCC 16 CallTaskAddNumbers command. */
export interface ScccAddCallTaskNumbersCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** A non-negative integer. */
  taskID: DocInt;
  /** 1 to 8 digits. */
  agent: string | number;
  /** At most 1000. */
  callees: ReadonlyArray<string | number>;
}

/** SCCC 20 getRecordsList command. */
export interface ScccRecordsListCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  /** A non-negative integer. */
  startKey: DocInt;
}

/** SCCC 24 getCdrList command. */
export interface ScccCdrListCommand {
  seq?: DocText | undefined;
  /** At most 100 characters. */
  userData?: DocText | undefined;
  agent?: string | number | ReadonlyArray<string | number> | undefined;
  serviceType?: DocOneOf<'1' | '2' | '3' | '4' | '5' | '7' | '9' | '17' | '18' | '19'> | 1 | 2 | 3 | 4 | 5 | 7 | 9 | 17 | 18 | 19 | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  startTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  endTime?: string | undefined;
  /** A phone number. */
  caller?: string | number | undefined;
  /** A phone number. */
  callee?: string | number | undefined;
  /** A non-negative integer. */
  timeLengthMin?: DocInt | undefined;
  /** A non-negative integer. */
  timeLengthMax?: DocInt | undefined;
}

/** 八百呼 2.1.1 getExtension parameters. */
export interface BaiBaiHuGetExtensionParams {
}

/** 八百呼 2.1.2 / 2.11.5 getExtensions parameters. */
export interface BaiBaiHuGetExtensionsParams {
}

/** 八百呼 2.1.3 sendMsg parameters. */
export interface BaiBaiHuSendMsgParams {
  kind: DocOneOf<'1' | '2' | '3' | '4' | '5' | '6' | '7'> | 1 | 2 | 3 | 4 | 5 | 6 | 7;
  client: DocOneOf<'1' | '2'> | 1 | 2;
  lon?: number | string | undefined;
  lat?: number | string | undefined;
  /** A phone number. */
  phone: string | number;
  /** Text, or JSON (sent as its text). */
  content?: DocText | DocJson | undefined;
  time?: DocInt | undefined;
  lostTime: DocInt;
  extension?: DocText | undefined;
  loginType?: DocInt | undefined;
}

/** 八百呼 2.1.4 recvMsg parameters. */
export interface BaiBaiHuRecvMsgParams {
  client: DocOneOf<'1' | '2'> | 1 | 2;
  waterLine?: DocInt | undefined;
  limit?: DocInt | undefined;
}

/** 八百呼 2.1.6 addCdrRecord parameters. */
export interface BaiBaiHuAddCdrRecordParams {
  dialId: DocInt;
  dialStatus?: DocText | undefined;
  dialOpenIp?: DocText | undefined;
  dialPeer?: DocText | undefined;
  /** A phone number. */
  dialPhoneNum?: string | number | undefined;
  dialType?: DocInt | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  dialStartTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  dialSucessTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  dialHangupTime?: string | undefined;
  dialAnswer?: DocInt | undefined;
  dialHangupReason?: DocInt | undefined;
  dialTalktime?: DocText | undefined;
  dialRecordFile?: DocText | undefined;
  dialCtdId?: DocInt | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  dialTransferSuccesTime?: string | undefined;
  dialTransferTimes?: DocInt | undefined;
  dialSmsSendStatus?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
}

/** 八百呼 2.1.7 addSmsRecord parameters. */
export interface BaiBaiHuAddSmsRecordParams {
  id?: DocInt | undefined;
  kind?: DocOneOf<'3' | '4'> | 3 | 4 | undefined;
  /** A phone number. */
  phone: string | number;
  content?: DocText | undefined;
  time: DocInt;
}

/** 八百呼 2.1.8 / 2.7.2 getTaskDetailPhone parameters. */
export interface BaiBaiHuGetTaskDetailPhoneParams {
}

/** 八百呼 2.1.9 / 2.6.4 saveCustomer parameters. */
export interface BaiBaiHuSaveCustomerParams {
  custId?: DocText | undefined;
  /** One value, or an array: sent as the document's indexed fields `name[0]`, `name[1]`…. */
  cpPhone?: string | number | ReadonlyArray<string | number> | undefined;
  /** The document's indexed form of `cpPhone`: `cpPhone[0]`, `cpPhone[1]`… */
  [key: `cpPhone[${number}]`]: string | number | undefined;
  custName?: DocText | undefined;
  custCorpName?: DocText | undefined;
  custStatus?: DocText | undefined;
  custQQ?: DocText | undefined;
  custAddr?: DocText | undefined;
  custBirthdayType?: DocOneOf<'0' | '1' | '2'> | 0 | 1 | 2 | undefined;
  /** `YYYY-MM-DD` */
  custBirthday?: string | undefined;
  custSource?: DocText | undefined;
  custAge?: DocText | undefined;
  custArea?: DocText | undefined;
  custSex?: DocText | undefined;
  custMemo?: DocText | undefined;
  custType?: DocText | undefined;
  custOther1?: DocText | undefined;
  custOther2?: DocText | undefined;
  custOther3?: DocText | undefined;
  /** An integer from 0 to 1000. */
  recordCount_voip_customer_phone?: DocInt | undefined;
  /** One value, or an array: sent as the document's indexed fields `name[0]`, `name[1]`…. */
  cpType?: string | number | ReadonlyArray<string | number> | undefined;
  /** The document's indexed form of `cpType`: `cpType[0]`, `cpType[1]`… */
  [key: `cpType[${number}]`]: string | number | undefined;
  /** One value, or an array: sent as the document's indexed fields `name[0]`, `name[1]`…. */
  cpLinkMan?: string | number | ReadonlyArray<string | number> | undefined;
  /** The document's indexed form of `cpLinkMan`: `cpLinkMan[0]`, `cpLinkMan[1]`… */
  [key: `cpLinkMan[${number}]`]: string | number | undefined;
  phones?: DocJson | undefined;
}

/** 八百呼 2.1.11 setUserCheckInOut parameters. */
export interface BaiBaiHuSetUserCheckInOutParams {
  exten?: DocText | undefined;
  status: DocOneOf<'0' | '1'> | 0 | 1;
}

/** 八百呼 2.1.12 registerExtension parameters. */
export interface BaiBaiHuRegisterExtensionParams {
}

/** 八百呼 2.2.1 systemChannels parameters. */
export interface BaiBaiHuSystemChannelsParams {
  CompNumber?: DocText | undefined;
}

/** 八百呼 2.2.2 getChannelList parameters. */
export interface BaiBaiHuGetChannelListParams {
  queueSize?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
}

/** 八百呼 2.2.3 smsSend parameters. */
export interface BaiBaiHuSmsSendParams {
  /** Comma-separated, or an array. */
  phoneNum: DocList<string | number>;
  /** At most 70 characters. */
  memo: DocText;
  listId?: DocInt | undefined;
}

/** 八百呼 2.2.4 setShowPhone parameters. */
export interface BaiBaiHuSetShowPhoneParams {
  extension: DocText;
  /** A phone number. */
  phone: string | number;
}

/** 八百呼 2.2.5 setIvrDialing parameters. */
export interface BaiBaiHuSetIvrDialingParams {
  /** A phone number. */
  sourcePhone: string | number;
  /** A phone number. */
  descPhone: string | number;
  /** A phone number. */
  dialPhone: string | number;
  saveTimes?: DocInt | undefined;
}

/** 八百呼 2.2.6 addBlacklists parameters. */
export interface BaiBaiHuAddBlacklistsParams {
  /** Comma-separated, or an array. */
  phones: DocList<string | number>;
}

/** 八百呼 2.2.7 delBlacklists parameters. */
export interface BaiBaiHuDelBlacklistsParams {
  /** Comma-separated, or an array. */
  phones: DocList<string | number>;
}

/** 八百呼 2.2.8 getBlacklists parameters. */
export interface BaiBaiHuGetBlacklistsParams {
}

/** 八百呼 2.3.1 callbackPhone parameters. */
export interface BaiBaiHuCallbackPhoneParams {
  /** A phone number. */
  sourcePhone: string | number;
  /** A phone number. */
  descPhone: string | number;
  /** An `http://` or `https://` URL. */
  callbackUrl?: string | undefined;
}

/** 八百呼 2.3.2 getCallbackList parameters. */
export interface BaiBaiHuGetCallbackListParams {
  start?: DocInt | undefined;
  limit?: DocInt | undefined;
  extension?: DocText | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  startTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  endTime?: string | undefined;
  id?: DocInt | undefined;
}

/** 八百呼 2.4.1 / 2.7.1 findDialrecord parameters. */
export interface BaiBaiHuFindDialrecordParams {
  /** Comma-separated, or an array. */
  extension?: DocList<string | number> | undefined;
  phoneNum?: DocText | undefined;
  talktimeSql?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  talktime?: DocInt | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  startTime?: string | undefined;
  /** The document's spelling of `startTime`. `YYYY-MM-DD HH:MM:SS` */
  statrTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  endTime?: string | undefined;
  cdrPeer?: DocOneOf<'1' | '2' | '3' | '4' | '5'> | 1 | 2 | 3 | 4 | 5 | undefined;
  scdrId?: DocInt | undefined;
  start?: DocInt | undefined;
  limit?: DocInt | undefined;
}

/** 八百呼 2.4.2 phoneAudit parameters. */
export interface BaiBaiHuPhoneAuditParams {
  yzm: DocText;
  type: DocOneOf<'1' | '3' | '4' | '5'> | 1 | 3 | 4 | 5;
  ws_wlstConnectId?: DocInt | undefined;
  /** A phone number. */
  phone: string | number;
  isRecord?: DocOneOf<'0' | '1' | '2'> | 0 | 1 | 2 | undefined;
  commandNo?: DocText | undefined;
}

/** 八百呼 2.4.3 getPhoneAudit parameters. */
export interface BaiBaiHuGetPhoneAuditParams {
  id?: DocInt | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  startTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  endTime?: string | undefined;
  /** Comma-separated, or an array. */
  status?: DocList<string | number> | undefined;
  sipShowPhone?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  page?: DocInt | undefined;
  rows?: DocInt | undefined;
  loginId?: DocText | undefined;
}

/** 八百呼 2.4.4 getAreaPhone parameters. */
export interface BaiBaiHuGetAreaPhoneParams {
  /** A phone number. */
  phone: string | number;
}

/** 八百呼 2.5.1 sendTelCall parameters. */
export interface BaiBaiHuSendTelCallParams {
  mac: DocText;
  channel: DocInt;
  /** A phone number. */
  phone: string | number;
}

/** 八百呼 2.6.1 getCustomersPage parameters. */
export interface BaiBaiHuGetCustomersPageParams {
  custStatus?: DocText | undefined;
  custType?: DocText | undefined;
  /** Any case; sent as written here. */
  findType?: DocOneOf<'cpPhone' | 'custCorpName' | 'custName'> | undefined;
  sortfield?: DocText | undefined;
  custIsLock?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  dateOpt?: DocOneOf<'1' | '2' | '3'> | 1 | 2 | 3 | undefined;
  startTime?: DocText | undefined;
  endTime?: DocText | undefined;
  sqlwhere?: DocText | undefined;
  start?: DocInt | undefined;
  limit?: DocInt | undefined;
}

/** 八百呼 2.6.2 getcustomer parameters. */
export interface BaiBaiHuGetCustomerParams {
  /** A phone number. */
  phoneNum: string | number;
}

/** 八百呼 2.6.3 getTableFields parameters. */
export interface BaiBaiHuGetTableFieldsParams {
  chinesename?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
}

/** 八百呼 2.6.5 delcustomer parameters. */
export interface BaiBaiHuDelCustomerParams {
  custId: DocText;
}

/** 八百呼 2.6.6 getCodes parameters. */
export interface BaiBaiHuGetCodesParams {
  codeType: DocText;
}

/** 八百呼 2.7.3 setCustomerLock parameters. */
export interface BaiBaiHuSetCustomerLockParams {
  custId: DocInt;
  custIsLock: DocOneOf<'0' | '1'> | 0 | 1;
}

/** 八百呼 2.8.1 getCustomerSales parameters. */
export interface BaiBaiHuGetCustomerSalesParams {
  /** A phone number. */
  phoneNum: string | number;
}

/** 八百呼 2.8.2 setCustomerSales parameters. */
export interface BaiBaiHuSetCustomerSalesParams {
  csId?: DocText | undefined;
  extension?: DocText | undefined;
  custId?: DocText | undefined;
  custType?: DocText | undefined;
  status: DocOneOf<'0' | '1'> | 0 | 1;
  /** A phone number. */
  phone?: string | number | undefined;
}

/** 八百呼 2.9.1 getMemos parameters. */
export interface BaiBaiHuGetMemosParams {
  /** A phone number. */
  phoneNum: string | number;
  start?: DocInt | undefined;
  limit?: DocInt | undefined;
}

/** 八百呼 2.9.2 addMemo parameters. */
export interface BaiBaiHuAddMemoParams {
  cdrMemo: DocText;
  /** A phone number. */
  cdrPhone: string | number;
  /** `YYYY-MM-DD HH:MM:SS` */
  nhtTime?: string | undefined;
  nhtIsHint?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  /** A phone number. */
  nhtPhone?: string | number | undefined;
}

/** 八百呼 2.10.1 findCallFlow parameters. */
export interface BaiBaiHuFindCallFlowParams {
  ctdId?: DocInt | undefined;
}

/** 八百呼 2.10.2 addTask parameters. */
export interface BaiBaiHuAddTaskParams {
  data: DocJson;
  addType: DocOneOf<'1' | '2' | '3' | '4'> | 1 | 2 | 3 | 4;
  name: DocText;
  cflName?: DocText | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  sendTime?: string | undefined;
  repeatSend?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  sendInterval?: DocInt | undefined;
  /** Comma-separated, or an array. */
  allotExte?: DocList<string | number> | undefined;
  attriExte?: DocText | undefined;
  wotName?: DocText | undefined;
}

/** 八百呼 2.10.3 findTaskMx parameters. */
export interface BaiBaiHuFindTaskMxParams {
  cflId: DocInt;
  type?: DocOneOf<'0' | '1' | '2'> | 0 | 1 | 2 | undefined;
  ctkId?: DocInt | undefined;
  ctkName?: DocText | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  startTime?: string | undefined;
  /** `YYYY-MM-DD HH:MM:SS` */
  endTime?: string | undefined;
  start?: DocInt | undefined;
  limit?: DocInt | undefined;
}

/** 八百呼 2.11.1 addExtension parameters. */
export interface BaiBaiHuAddExtensionParams {
  exteExtension?: DocInt | undefined;
  exteName?: DocText | undefined;
  extePassword?: DocText | undefined;
  exte_deptId?: DocInt | undefined;
  /** A phone number. */
  exteMobile?: string | number | undefined;
  exteinMobileRule?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  exteStatus?: DocOneOf<'0' | '1' | '2' | '9'> | 0 | 1 | 2 | 9 | undefined;
  exteIsRecord?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  exteMemo?: DocText | undefined;
  exteMemo2?: DocText | undefined;
  exteMemo3?: DocText | undefined;
  exteMemo4?: DocText | undefined;
  exteMemo5?: DocText | undefined;
  exteLoginName?: DocText | undefined;
  exteLoginType?: DocOneOf<'0' | '1' | '2' | '4'> | 0 | 1 | 2 | 4 | undefined;
  exte_transfer_shpId?: DocInt | undefined;
  exteIsApp?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  exte_shpId?: DocInt | undefined;
  exteId?: DocInt | undefined;
}

/** 八百呼 2.11.2 editExtension parameters. */
export interface BaiBaiHuEditExtensionParams {
  exteExtension?: DocInt | undefined;
  exteName?: DocText | undefined;
  extePassword?: DocText | undefined;
  exte_deptId?: DocInt | undefined;
  /** A phone number. */
  exteMobile?: string | number | undefined;
  exteinMobileRule?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  exteStatus?: DocOneOf<'0' | '1' | '2' | '9'> | 0 | 1 | 2 | 9 | undefined;
  exteIsRecord?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  exteMemo?: DocText | undefined;
  exteMemo2?: DocText | undefined;
  exteMemo3?: DocText | undefined;
  exteMemo4?: DocText | undefined;
  exteMemo5?: DocText | undefined;
  exteLoginName?: DocText | undefined;
  exteLoginType?: DocOneOf<'0' | '1' | '2' | '4'> | 0 | 1 | 2 | 4 | undefined;
  exte_transfer_shpId?: DocInt | undefined;
  exteIsApp?: DocOneOf<'0' | '1'> | 0 | 1 | undefined;
  exte_shpId?: DocInt | undefined;
  exteId?: DocInt | undefined;
}

/** 八百呼 2.11.3 delExtension parameters. */
export interface BaiBaiHuDelExtensionParams {
  exteId: DocInt;
}

/** 八百呼 2.11.4 initExtensionPassword parameters. */
export interface BaiBaiHuInitExtensionPasswordParams {
  exteId: DocInt;
}
