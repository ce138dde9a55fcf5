//! The 八百呼 VoIP data API V6.6 (the 八百呼 API document V6.6), built without I/O: every
//! method's parameters with their checks, and the request
//! `/voip/api/jsondata.html?sa_user=…&sa_password=<MD5>&method=<name>&…`
//! with every value UTF-8 percent-encoded.
//!
//! Method names: the document spells some two ways (`savecustomer` 2.1.9 /
//! `saveCustomer` 2.6.4) or with a `.html` suffix (`delcustomer.html`,
//! `getCodes.html`, `findDialrecord.html`, `upload_record_file.html`). waihu
//! sends the spelling of the section that documents the parameters, without
//! `.html`, through jsondata.html's `method` (1.1.1); `call(method, params)`
//! sends any other spelling.

use crate::core::error::quote;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::core::http::{Body, Request};
use crate::core::phpjson::{self, Options, Route, Transcoder};
use crate::core::uri::encode_component_into;
use crate::core::{hash, Error, Result};

use crate::core::schema::{self, opt as o, req as r, Checked, Context, Field, Item, Kind, Value, INT, TEXT};

/// `0`/`1` and the like: the document's enumerations of digits.
const fn one_of(values: &'static [&'static str]) -> Kind {
    Kind::OneOf(values)
}
const TIME: Kind = Kind::DateTime;
const DATE: Kind = Kind::Date;
const PHONE: Kind = Kind::Phone;
/// Comma-separated phone numbers (a string or an array).
const PHONES: Kind = Kind::List { item: Item::Phone, max: 0, array_only: false };
/// Comma-separated values (a string or an array).
const LIST: Kind = Kind::List { item: Item::Text, max: 0, array_only: false };
const JSON: Kind = Kind::Json;

/// How a paged method pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paging {
    /// The offset parameter (`start`, or `page` for page numbers).
    pub offset: &'static str,
    /// The size parameter (`limit` or `rows`).
    pub size: &'static str,
    /// True when `offset` counts pages (1-based) rather than rows.
    pub by_page: bool,
    /// Where the items are in the answer.
    pub items: &'static str,
    /// Where the total is (None: stop at a short page).
    pub total: Option<&'static str>,
    pub default_size: u32,
    /// The client's async iterator over every item (`callbacks()`…).
    pub iterator: &'static str,
}

#[derive(Debug)]
pub struct Method {
    /// The JS method.
    pub js: &'static str,
    /// The `method` parameter sent.
    pub wire: &'static str,
    pub section: &'static str,
    pub fields: &'static [Field],
    /// Changes data: never repeated after an ambiguous failure.
    pub write: bool,
    /// Sent as multipart/form-data with a file under this name.
    pub file: Option<&'static str>,
    pub paging: Option<Paging>,
}

const fn m(js: &'static str, wire: &'static str, section: &'static str, fields: &'static [Field], write: bool) -> Method {
    Method { js, wire, section, fields, write, file: None, paging: None }
}

const fn paged(js: &'static str, wire: &'static str, section: &'static str, fields: &'static [Field], paging: Paging) -> Method {
    Method { js, wire, section, fields, write: false, file: None, paging: Some(paging) }
}

const START: Paging = Paging { offset: "start", size: "limit", by_page: false, items: "rows", total: Some("total"), default_size: 25, iterator: "callbacks" };

const EXTENSION_FIELDS: [Field; 19] = [
    o("exteExtension", INT),
    o("exteName", TEXT),
    o("extePassword", TEXT),
    o("exte_deptId", INT),
    o("exteMobile", PHONE),
    o("exteinMobileRule", one_of(&["0", "1"])),
    o("exteStatus", one_of(&["0", "1", "2", "9"])),
    o("exteIsRecord", one_of(&["0", "1"])),
    o("exteMemo", TEXT),
    o("exteMemo2", TEXT),
    o("exteMemo3", TEXT),
    o("exteMemo4", TEXT),
    o("exteMemo5", TEXT),
    o("exteLoginName", TEXT),
    o("exteLoginType", one_of(&["0", "1", "2", "4"])),
    o("exte_transfer_shpId", INT),
    o("exteIsApp", one_of(&["0", "1"])),
    o("exte_shpId", INT),
    o("exteId", INT),
];

/// 2.1.9 savecustomer / 2.6.4 saveCustomer. The tables write a phone both
/// as `cpPhone` and as the indexed `cpPhone[0..n]` (with `cpType[0..n]`,
/// `cpLinkMan[0..n]` and their count `recordCount_voip_customer_phone`):
/// a single value is sent as `cpPhone`, an array (or the indexed keys) as
/// `cpPhone[0]`, `cpPhone[1]`…, the count added when not given. `phones:
/// [{ cpPhone, cpType, cpLinkMan }]` is waihu's shorthand for the same.
const CUSTOMER_FIELDS: [Field; 22] = [
    o("custId", TEXT),
    o("cpPhone", Kind::Indexed(Item::Phone)),
    o("custName", TEXT),
    o("custCorpName", TEXT),
    o("custStatus", TEXT),
    o("custQQ", TEXT),
    o("custAddr", TEXT),
    o("custBirthdayType", one_of(&["0", "1", "2"])),
    o("custBirthday", DATE),
    o("custSource", TEXT),
    o("custAge", TEXT),
    o("custArea", TEXT),
    o("custSex", TEXT),
    o("custMemo", TEXT),
    o("custType", TEXT),
    o("custOther1", TEXT),
    o("custOther2", TEXT),
    o("custOther3", TEXT),
    o("recordCount_voip_customer_phone", Kind::Int { min: 0, max: 1000 }),
    o("cpType", Kind::Indexed(Item::Text)),
    o("cpLinkMan", Kind::Indexed(Item::Text)),
    o("phones", JSON),
];

pub static METHODS: [Method; 44] = [
    m("getExtension", "getExtension", "2.1.1", &[], false),
    m("getExtensions", "getExtensions", "2.1.2 / 2.11.5", &[], false),
    m(
        "sendMsg",
        "sendMsg",
        "2.1.3",
        &[
            r("kind", one_of(&["1", "2", "3", "4", "5", "6", "7"])),
            r("client", one_of(&["1", "2"])),
            o("lon", Kind::Float),
            o("lat", Kind::Float),
            r("phone", PHONE),
            o("content", Kind::TextOrJson),
            o("time", INT),
            r("lostTime", INT),
            o("extension", TEXT),
            o("loginType", INT),
        ],
        true,
    ),
    m("recvMsg", "recvMsg", "2.1.4", &[r("client", one_of(&["1", "2"])), o("waterLine", INT), o("limit", INT)], false),
    Method {
        js: "uploadRecordFile",
        wire: "upload_record_file",
        section: "2.1.5",
        fields: &[r("fileName", TEXT)],
        write: true,
        file: Some("fileGsm"),
        paging: None,
    },
    m(
        "addCdrRecord",
        "addCdrRecord",
        "2.1.6",
        &[
            r("dialId", INT),
            o("dialStatus", TEXT),
            o("dialOpenIp", TEXT),
            o("dialPeer", TEXT),
            o("dialPhoneNum", PHONE),
            o("dialType", INT),
            o("dialStartTime", TIME),
            o("dialSucessTime", TIME),
            o("dialHangupTime", TIME),
            o("dialAnswer", INT),
            o("dialHangupReason", INT),
            o("dialTalktime", TEXT),
            o("dialRecordFile", TEXT),
            o("dialCtdId", INT),
            o("dialTransferSuccesTime", TIME),
            o("dialTransferTimes", INT),
            o("dialSmsSendStatus", one_of(&["0", "1"])),
        ],
        true,
    ),
    m("addSmsRecord", "addSmsRecord", "2.1.7", &[o("id", INT), o("kind", one_of(&["3", "4"])), r("phone", PHONE), o("content", TEXT), r("time", INT)], true),
    m("getTaskDetailPhone", "getTaskDetailPhone", "2.1.8 / 2.7.2", &[], false),
    m("saveCustomer", "saveCustomer", "2.1.9 / 2.6.4", &CUSTOMER_FIELDS, true),
    Method {
        js: "uploadRecord",
        wire: "upload_record",
        section: "2.1.10",
        fields: &[
            r("cmd", TEXT),
            r("satellite", TEXT),
            o("id", INT),
            o("time", INT),
            o("status", JSON),
            o("channel", INT),
            o("start_time_secs", INT),
            o("start_time_hangup", INT),
            o("direction", one_of(&["in", "out", "unkown"])),
            o("callid_dialed", TEXT),
            o("duration_secs", INT),
            o("recorded", one_of(&["0", "1"])),
            o("callid", TEXT),
        ],
        write: true,
        file: Some("file"),
        paging: None,
    },
    m("setUserCheckInOut", "setUserCheckInOut", "2.1.11", &[o("exten", TEXT), r("status", one_of(&["0", "1"]))], true),
    m("registerExtension", "registerExtension", "2.1.12", &[], true),
    m("systemChannels", "systemChannels", "2.2.1", &[o("CompNumber", TEXT)], false),
    m("getChannelList", "getChannelList", "2.2.2", &[o("queueSize", one_of(&["0", "1"]))], false),
    m("smsSend", "smsSend", "2.2.3", &[r("phoneNum", PHONES), r("memo", Kind::Text { max: 70 }), o("listId", INT)], true),
    m("setShowPhone", "setShowPhone", "2.2.4", &[r("extension", TEXT), r("phone", PHONE)], true),
    m("setIvrDialing", "setIvrDialing", "2.2.5", &[r("sourcePhone", PHONE), r("descPhone", PHONE), r("dialPhone", PHONE), o("saveTimes", INT)], true),
    m("addBlacklists", "addBlacklists", "2.2.6", &[r("phones", PHONES)], true),
    m("delBlacklists", "delBlacklists", "2.2.7", &[r("phones", PHONES)], true),
    m("getBlacklists", "getBlacklists", "2.2.8", &[], false),
    m("callbackPhone", "callbackPhone", "2.3.1", &[r("sourcePhone", PHONE), r("descPhone", PHONE), o("callbackUrl", Kind::Url)], true),
    paged(
        "getCallbackList",
        "getCallbackList",
        "2.3.2",
        &[o("start", INT), o("limit", INT), o("extension", TEXT), o("startTime", TIME), o("endTime", TIME), o("id", INT)],
        START,
    ),
    paged(
        "findDialrecord",
        "findDialrecord",
        "2.4.1 / 2.7.1",
        &[
            o("extension", LIST),
            o("phoneNum", TEXT),
            o("talktimeSql", one_of(&["0", "1"])),
            o("talktime", INT),
            o("startTime", TIME).or(&["statrTime"]),
            o("endTime", TIME),
            o("cdrPeer", one_of(&["1", "2", "3", "4", "5"])),
            o("scdrId", INT),
            o("start", INT),
            o("limit", INT),
        ],
        Paging { total: Some("recordTotal|total"), default_size: 20, iterator: "dialRecords", ..START },
    ),
    m(
        "phoneAudit",
        "phoneAudit",
        "2.4.2",
        &[
            r("yzm", TEXT),
            r("type", one_of(&["1", "3", "4", "5"])),
            o("ws_wlstConnectId", INT),
            r("phone", PHONE),
            o("isRecord", one_of(&["0", "1", "2"])),
            o("commandNo", TEXT),
        ],
        true,
    ),
    paged(
        "getPhoneAudit",
        "getPhoneAudit",
        "2.4.3",
        &[
            o("id", INT),
            o("startTime", TIME),
            o("endTime", TIME),
            o("status", LIST),
            o("sipShowPhone", one_of(&["0", "1"])),
            o("page", INT),
            o("rows", INT),
            o("loginId", TEXT),
        ],
        Paging { offset: "page", size: "rows", by_page: true, items: "rows", total: Some("total"), default_size: 25, iterator: "phoneAudits" },
    ),
    m("getAreaPhone", "getAreaPhone", "2.4.4", &[r("phone", PHONE)], false),
    m("sendTelCall", "sendTelCall", "2.5.1", &[r("mac", TEXT), r("channel", INT), r("phone", PHONE)], true),
    paged(
        "getCustomersPage",
        "getCustomersPage",
        "2.6.1",
        &[
            o("custStatus", TEXT),
            o("custType", TEXT),
            o("findType", one_of(&["cpPhone", "custCorpName", "custName"])),
            o("sortfield", TEXT),
            o("custIsLock", one_of(&["0", "1"])),
            o("dateOpt", one_of(&["1", "2", "3"])),
            o("startTime", TEXT),
            o("endTime", TEXT),
            o("sqlwhere", TEXT),
            o("start", INT),
            o("limit", INT),
        ],
        Paging { items: "rows_customer", total: Some("recordTotal"), iterator: "customers", ..START },
    ),
    m("getCustomer", "getcustomer", "2.6.2", &[r("phoneNum", PHONE)], false),
    m("getTableFields", "getTableFields", "2.6.3", &[o("chinesename", one_of(&["0", "1"]))], false),
    m("delCustomer", "delcustomer", "2.6.5", &[r("custId", TEXT)], true),
    m("getCodes", "getCodes", "2.6.6", &[r("codeType", TEXT)], false),
    m("setCustomerLock", "setCustomerLock", "2.7.3", &[r("custId", INT), r("custIsLock", one_of(&["0", "1"]))], true),
    m("getCustomerSales", "getCustomerSales", "2.8.1", &[r("phoneNum", PHONE)], false),
    m(
        "setCustomerSales",
        "setCustomerSales",
        "2.8.2",
        &[o("csId", TEXT), o("extension", TEXT), o("custId", TEXT), o("custType", TEXT), r("status", one_of(&["0", "1"])), o("phone", PHONE)],
        true,
    ),
    paged(
        "getMemos",
        "getMemos",
        "2.9.1",
        &[r("phoneNum", PHONE), o("start", INT), o("limit", INT)],
        Paging { items: "rows", total: None, iterator: "memos", ..START },
    ),
    m(
        "addMemo",
        "addMemo",
        "2.9.2",
        &[r("cdrMemo", TEXT), r("cdrPhone", PHONE), o("nhtTime", TIME), o("nhtIsHint", one_of(&["0", "1"])), o("nhtPhone", PHONE)],
        true,
    ),
    m("findCallFlow", "findCallFlow", "2.10.1", &[o("ctdId", INT)], false),
    m(
        "addTask",
        "addTask",
        "2.10.2",
        &[
            r("data", JSON),
            r("addType", one_of(&["1", "2", "3", "4"])),
            r("name", TEXT),
            o("cflName", TEXT),
            o("sendTime", TIME),
            o("repeatSend", one_of(&["0", "1"])),
            o("sendInterval", INT),
            o("allotExte", LIST),
            o("attriExte", TEXT),
            o("wotName", TEXT),
        ],
        true,
    ),
    paged(
        "findTaskMx",
        "findTaskMx",
        "2.10.3",
        &[
            r("cflId", INT),
            o("type", one_of(&["0", "1", "2"])),
            o("ctkId", INT),
            o("ctkName", TEXT),
            o("startTime", TIME),
            o("endTime", TIME),
            o("start", INT),
            o("limit", INT),
        ],
        Paging { items: "data", total: Some("count"), iterator: "taskDetails", ..START },
    ),
    m("addExtension", "addExtension", "2.11.1", &EXTENSION_FIELDS, true),
    m("editExtension", "editExtension", "2.11.2", &EXTENSION_FIELDS, true),
    m("delExtension", "delExtension", "2.11.3", &[r("exteId", INT)], true),
    m("initExtensionPassword", "initExtensionPassword", "2.11.4", &[r("exteId", INT)], true),
];

/// What `call()` of a name reads its answer as (the generic 八百呼 answer).
pub static GENERIC: Method = Method { js: "call", wire: "call", section: "1.1.1", fields: &[], write: true, file: None, paging: None };

/// The documented method sent under this wire name (the spellings the
/// document uses for it, case-insensitive), if any.
pub fn by_wire(wire: &str) -> Option<&'static Method> {
    METHODS.iter().find(|m| m.wire.eq_ignore_ascii_case(wire) || m.js.eq_ignore_ascii_case(wire))
}

pub fn by_js(js: &str) -> Result<&'static Method> {
    METHODS.iter().find(|m| m.js == js).ok_or_else(|| Error::invalid(format!("internal: unknown 八百呼 method {js}")))
}

/// The client's settings: the account and its password as uppercase MD5.
#[derive(Clone, Debug)]
pub struct Config {
    pub base_url: String,
    pub user: String,
    pub password_md5: String,
}

impl Config {
    /// `password` is hashed here and dropped; `password_md5` is used as given (32 hex).
    pub fn new(base_url: &str, user: &str, password: Option<&str>, password_md5: Option<&str>) -> Result<Config> {
        let base = crate::core::uri::check_base_url(base_url)?;
        if base.ends_with("/voip") || base.contains("jsondata") {
            return Err(Error::invalid("baseUrl must be the server root (http://host:port), without /voip/api/jsondata.html").with_path("baseUrl"));
        }
        if user.is_empty() {
            return Err(Error::invalid("user (sa_user) is empty").with_path("user"));
        }
        let md5 = match (password, password_md5) {
            (Some(p), None) if !p.is_empty() => hash::md5_hex(p.as_bytes()).to_ascii_uppercase(),
            (None, Some(h)) if h.len() == 32 && h.bytes().all(|b| b.is_ascii_hexdigit()) => h.to_ascii_uppercase(),
            (None, Some(_)) => return Err(Error::invalid("passwordMd5 must be the 32 hex digits of the password's MD5").with_path("passwordMd5")),
            (Some(_), Some(_)) => return Err(Error::invalid("pass either password or passwordMd5, not both").with_path("password")),
            _ => return Err(Error::invalid("password (or passwordMd5) is required").with_path("password")),
        };
        Ok(Config { base_url: base.to_string(), user: user.to_string(), password_md5: md5 })
    }

    fn endpoint(&self) -> String {
        format!("{}/voip/api/jsondata.html", self.base_url)
    }

    /// The request for `wire` with already-checked params (key, text) in order.
    /// With `file_field`, the request is multipart and the caller adds the file.
    pub fn request(&self, name: &'static str, wire: &str, params: &[(String, String)], file_field: Option<&'static str>) -> Request {
        let mut url = self.endpoint();
        url.push_str("?sa_user=");
        encode_component_into(&mut url, &self.user);
        url.push_str("&sa_password=");
        url.push_str(&self.password_md5);
        url.push_str("&method=");
        encode_component_into(&mut url, wire);
        if let Some(file_field) = file_field {
            return Request { name, method: "POST", url, body: Body::Multipart { fields: params.to_vec(), file_field } };
        }
        let mut query = String::new();
        for (k, v) in params {
            query.push('&');
            encode_component_into(&mut query, k);
            query.push('=');
            encode_component_into(&mut query, v);
        }
        // Long parameter lists (addTask's data) go in a form body: URLs are limited.
        if url.len() + query.len() > 2000 {
            return Request { name, method: "POST", url, body: Body::Form(query.trim_start_matches('&').to_string()) };
        }
        url.push_str(&query);
        Request { name, method: "GET", url, body: Body::None }
    }

    /// `{base}/voip/record/{cdrRecordFile}` (2.4.1, 2.10.4).
    pub fn record_url(&self, record_file: &str) -> Result<String> {
        let f = record_file.trim().trim_start_matches('/');
        if f.is_empty() || f.contains("..") || f.contains("://") {
            return Err(Error::invalid(format!("cdrRecordFile {} must be a record's cdrRecordFile", quote(record_file, 60))).with_path("cdrRecordFile"));
        }
        let mut url = format!("{}/voip/record/", self.base_url);
        for (i, seg) in f.split('/').enumerate() {
            if i > 0 {
                url.push('/');
            }
            encode_component_into(&mut url, seg);
        }
        Ok(url)
    }

    /// The MP3 of a call: `{base}/voip/api/client/download/record.json?id=<cdrId>&ismp3=1`.
    pub fn record_mp3_url(&self, cdr_id: &str) -> Result<String> {
        if cdr_id.is_empty() || cdr_id.len() > 20 || !cdr_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(format!("cdrId {} must be a call record's id (digits)", quote(cdr_id, 30))).with_path("cdrId"));
        }
        Ok(format!("{}/voip/api/client/download/record.json?id={cdr_id}&ismp3=1", self.base_url))
    }
}

/// Checks `params` (a JSON object) against `method` and returns the
/// parameters to send, in the document's order: lists comma-separated,
/// indexed parameters as `name[0]`, `name[1]`…, `callbackUrl` base64, an
/// optional `""` left out. `now_ms` fills sendMsg's `time` when the caller
/// leaves it out, as the document's own example does.
pub fn params(method: &Method, json: &str, now_ms: u64) -> Result<Vec<(String, String)>> {
    let source = format!("section {} of the 八百呼 document", method.section);
    let cx = Context { method: method.js, root: None, noun: "parameter", source: &source, endpoint: Some(method.wire) };
    let checked = schema::check(&cx, method.fields, json)?;
    let mut out = Vec::new();
    let mut indexed_count: Option<usize> = None;
    let mut count_given = false;
    for Checked { field, value, .. } in &checked {
        let name = field.name;
        match value {
            Value::Empty => {}
            Value::List(items) if matches!(field.kind, Kind::Indexed(_)) => {
                for (i, v) in items.iter().enumerate() {
                    out.push((format!("{name}[{i}]"), v.clone()));
                }
                if name == "cpPhone" {
                    indexed_count = Some(items.len());
                }
            }
            Value::Json(raw) if name == "phones" => expand_phones(method, raw, &mut out, &mut indexed_count)?,
            Value::Json(raw) => {
                if name == "data" {
                    check_task_data(method, raw)?;
                }
                out.push((name.into(), raw.clone()));
            }
            Value::Text(t) if field.kind == Kind::Url => out.push((name.into(), STANDARD.encode(t.as_bytes()))),
            v => {
                count_given |= name == "recordCount_voip_customer_phone";
                out.push((name.into(), v.text()));
            }
        }
    }
    if let (Some(n), false) = (indexed_count, count_given) {
        out.push(("recordCount_voip_customer_phone".into(), n.to_string()));
    }
    if method.js == "sendMsg" && !out.iter().any(|(k, _)| k == "time") {
        out.push(("time".into(), now_ms.to_string()));
    }
    if method.js == "addTask" {
        let get = |k: &str| out.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let add_type = get("addType").unwrap_or_default();
        if matches!(add_type, "1" | "3") && get("cflName").is_none() {
            return Err(
                Error::invalid("addTask: automatic dialing (addType 1 or 3) requires cflName, the call flow's name (findCallFlow)").with_path("cflName")
            );
        }
        if matches!(add_type, "3" | "4") && get("wotName").is_none() {
            return Err(Error::invalid("addTask: work-order tasks (addType 3 or 4) require wotName").with_path("wotName"));
        }
    }
    Ok(out)
}

/// The parameters of `call(method, params)`: unchecked, each value as text —
/// except what the document defines for a documented method: an array under
/// an indexed name (`cpPhone`) goes as `cpPhone[0]`, `cpPhone[1]`…, an array
/// under a list name as `a,b`. Other arrays and objects go as JSON text.
pub fn call_params(method: Option<&Method>, json: &str) -> Result<Vec<(String, String)>> {
    let given = Transcoder::new(json, Options::RAW).params(|_| Route::Hash)?;
    let mut out = Vec::with_capacity(given.len());
    let mut indexed = None;
    for m in given {
        let kind = method.and_then(|md| md.fields.iter().find(|f| f.name == m.key)).map(|f| f.kind);
        let items = || {
            let text = String::from_utf8_lossy(&m.value).into_owned();
            Transcoder::new(&text, Options::RAW)
                .item_ranges()
                .ok()
                .map(|rs| rs.into_iter().map(|r| phpjson::decode_string(&text[r.clone()]).unwrap_or_else(|| text[r].to_string())).collect::<Vec<_>>())
        };
        match kind {
            Some(Kind::Indexed(_)) if m.value.starts_with(b"[") => {
                let list = items().unwrap_or_default();
                if m.key == "cpPhone" {
                    indexed = Some(list.len());
                }
                for (i, v) in list.into_iter().enumerate() {
                    out.push((format!("{}[{i}]", m.key), v));
                }
            }
            Some(Kind::List { .. }) if m.value.starts_with(b"[") => out.push((m.key, items().unwrap_or_default().join(","))),
            _ => {
                let v = schema::scalar(&m).unwrap_or_else(|| String::from_utf8_lossy(&m.value).into_owned());
                out.push((m.key, v));
            }
        }
    }
    if let Some(n) = indexed.filter(|_| !out.iter().any(|(k, _)| k == "recordCount_voip_customer_phone")) {
        out.push(("recordCount_voip_customer_phone".into(), n.to_string()));
    }
    Ok(out)
}

/// The method `call()` sends for a name the document writes: `.html`
/// dropped (1.1.1: every method goes through jsondata.html), the rest as
/// given; a documented method (any case) is recognised for its reads and
/// indexed parameters.
pub fn call_method(name: &str) -> Result<(String, Option<&'static Method>)> {
    let wire = name.trim();
    let wire = wire.strip_suffix(".html").or_else(|| wire.strip_suffix(".HTML")).unwrap_or(wire);
    if wire.is_empty() || !wire.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(Error::invalid(format!(
            "method {} must be a method name such as getExtension (the document's spellings, .html included, are accepted)",
            quote(name, 40)
        ))
        .with_path("method"));
    }
    Ok((wire.to_string(), by_wire(wire)))
}

/// addTask `data`: an array of `{ phone, key?, memo?, … }` (memo without `#`).
fn check_task_data(method: &Method, raw: &str) -> Result<()> {
    let bad = |msg: String, path: String| Error::invalid(format!("{}: {msg}", method.js)).with_path(path).with_endpoint(method.wire);
    let rows = Transcoder::new(raw, Options::RAW)
        .item_ranges()
        .map_err(|_| bad("data must be an array of numbers to call: [{ phone, key?, memo? }]".into(), "data".into()))?;
    if rows.is_empty() {
        return Err(bad("data is empty".into(), "data".into()));
    }
    for (i, r) in rows.into_iter().enumerate() {
        let row = &raw[r];
        let members =
            Transcoder::new(row, Options::RAW).params(|_| Route::Hash).map_err(|_| bad(format!("data[{i}] must be an object"), format!("data[{i}]")))?;
        let phone = members.iter().find(|m| m.key == "phone").and_then(schema::scalar);
        if !phone.as_deref().is_some_and(schema::is_phone) {
            return Err(bad(format!("data[{i}].phone must be a phone number"), format!("data[{i}].phone")));
        }
        if members.iter().find(|m| m.key == "memo").and_then(|m| m.string.as_deref()).is_some_and(|s| s.contains('#')) {
            return Err(bad(format!("data[{i}].memo must not contain # (it is read out by text-to-speech)"), format!("data[{i}].memo")));
        }
    }
    Ok(())
}

/// saveCustomer `phones: [{ cpPhone, cpType?, cpLinkMan? }]` → `cpPhone[i]`,
/// `cpType[i]`, `cpLinkMan[i]` and `recordCount_voip_customer_phone`.
fn expand_phones(method: &Method, raw: &str, out: &mut Vec<(String, String)>, count: &mut Option<usize>) -> Result<()> {
    let bad = |msg: String, path: String| Error::invalid(format!("{}: {msg}", method.js)).with_path(path).with_endpoint(method.wire);
    let rows = Transcoder::new(raw, Options::RAW)
        .item_ranges()
        .map_err(|_| bad("phones must be an array of { cpPhone, cpType?, cpLinkMan? }".into(), "phones".into()))?;
    let n = rows.len();
    for (i, r) in rows.into_iter().enumerate() {
        let members = Transcoder::new(&raw[r], Options::RAW)
            .params(|_| Route::Hash)
            .map_err(|_| bad(format!("phones[{i}] must be an object"), format!("phones[{i}]")))?;
        for m in &members {
            if !["cpPhone", "cpType", "cpLinkMan"].contains(&m.key.as_str()) {
                return Err(bad(format!("phones[{i}].{} is not cpPhone, cpType or cpLinkMan", m.key), format!("phones[{i}].{}", m.key)));
            }
        }
        let phone = members
            .iter()
            .find(|m| m.key == "cpPhone")
            .and_then(schema::scalar)
            .filter(|p| schema::is_phone(p))
            .ok_or_else(|| bad(format!("phones[{i}].cpPhone must be a phone number"), format!("phones[{i}].cpPhone")))?;
        out.push((format!("cpPhone[{i}]"), phone));
        let kind =
            members.iter().find(|m| m.key == "cpType").and_then(schema::scalar).unwrap_or_else(|| if i == 0 { "常用电话".into() } else { String::new() });
        out.push((format!("cpType[{i}]"), kind));
        if let Some(l) = members.iter().find(|m| m.key == "cpLinkMan").and_then(schema::scalar) {
            out.push((format!("cpLinkMan[{i}]"), l));
        }
    }
    *count = Some(n);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(m: &Method, json: &str) -> Result<Vec<(String, String)>> {
        super::params(m, json, 1_700_000_000_000)
    }

    fn cfg() -> Config {
        Config::new("http://voip.800ing.com:8080", "100008800", Some("02367073578"), None).unwrap()
    }

    #[test]
    fn the_password_is_sent_as_uppercase_md5_only() {
        let c = cfg();
        assert_eq!(c.password_md5, "CBCA51A420DD10423A9ACC4DB8041D5A");
        let r = c.request("getExtension", "getExtension", &[], None);
        assert_eq!(
            r.url,
            "http://voip.800ing.com:8080/voip/api/jsondata.html?sa_user=100008800&sa_password=CBCA51A420DD10423A9ACC4DB8041D5A&method=getExtension"
        );
        assert!(!r.url.contains("02367073578"));
        let h = Config::new("http://h", "u", None, Some("92868f142be5dd78dd0acf4370b4eb94")).unwrap();
        assert_eq!(h.password_md5, "92868F142BE5DD78DD0ACF4370B4EB94");
        assert_eq!(Config::new("http://h", "u", None, Some("xyz")).unwrap_err().path.as_deref(), Some("passwordMd5"));
        assert!(Config::new("http://h", "u", Some("p"), Some("92868f142be5dd78dd0acf4370b4eb94")).is_err());
        assert!(Config::new("http://h", "u", None, None).is_err());
    }

    #[test]
    fn every_value_is_percent_encoded() {
        let m = by_js("phoneAudit").unwrap();
        let p = params(m, r#"{"yzm":"重庆决明科技有限公司","type":4,"phone":"13002367525"}"#).unwrap();
        let r = cfg().request(m.wire, m.wire, &p, None);
        assert!(
            r.url.ends_with(
                "&method=phoneAudit&yzm=%E9%87%8D%E5%BA%86%E5%86%B3%E6%98%8E%E7%A7%91%E6%8A%80%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&type=4&phone=13002367525"
            ),
            "{}",
            r.url
        );
    }

    #[test]
    fn checks() {
        let sms = by_js("smsSend").unwrap();
        assert!(params(sms, &format!(r#"{{"phoneNum":["13800000000","13900000000"],"memo":"{}"}}"#, "好".repeat(70))).is_ok());
        assert_eq!(params(sms, &format!(r#"{{"phoneNum":"13800000000","memo":"{}"}}"#, "好".repeat(71))).unwrap_err().path.as_deref(), Some("memo"));
        assert_eq!(params(sms, r#"{"phoneNum":"1380000,abc","memo":"hi"}"#).unwrap_err().path.as_deref(), Some("phoneNum"));
        let cb = by_js("callbackPhone").unwrap();
        let p =
            params(cb, r#"{"sourcePhone":"02368888888","descPhone":"13800000000","callbackUrl":"http://127.0.0.1:8080/callbackurl?cbkId={cbkId}"}"#).unwrap();
        assert_eq!(p[2].1, STANDARD.encode("http://127.0.0.1:8080/callbackurl?cbkId={cbkId}"));
        let e = params(by_js("getCustomer").unwrap(), r#"{"phone":"138"}"#).unwrap_err();
        assert!(e.message.contains("did you mean `phoneNum`"), "{}", e.message);
        let task = by_js("addTask").unwrap();
        let ok = params(task, r#"{"data":[{"phone":"13123456789","key":"123","memo":"你好"}],"addType":1,"name":"测试","cflName":"外呼流程"}"#).unwrap();
        assert_eq!(ok[0], ("data".to_string(), r#"[{"phone":"13123456789","key":"123","memo":"你好"}]"#.to_string()));
        assert_eq!(params(task, r#"{"data":[{"phone":"1"}],"addType":1,"name":"t","cflName":"f"}"#).unwrap_err().path.as_deref(), Some("data[0].phone"));
        assert_eq!(
            params(task, r#"{"data":[{"phone":"13800000000","memo":"a#b"}],"addType":2,"name":"t"}"#).unwrap_err().path.as_deref(),
            Some("data[0].memo")
        );
        assert_eq!(params(task, r#"{"data":[{"phone":"13800000000"}],"addType":1,"name":"t"}"#).unwrap_err().path.as_deref(), Some("cflName"));
        assert_eq!(params(task, r#"{"data":[{"phone":"13800000000"}],"addType":4,"name":"t"}"#).unwrap_err().path.as_deref(), Some("wotName"));
        let cust = by_js("saveCustomer").unwrap();
        let p =
            params(cust, r#"{"custName":"张三","phones":[{"cpPhone":"13800000000","cpLinkMan":"张三"},{"cpPhone":"02388888888","cpType":"座机"}]}"#).unwrap();
        let names: Vec<&str> = p.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, vec!["custName", "cpPhone[0]", "cpType[0]", "cpLinkMan[0]", "cpPhone[1]", "cpType[1]", "recordCount_voip_customer_phone"]);
        assert_eq!(p[2].1, "常用电话");
        let rec = by_js("findDialrecord").unwrap();
        assert_eq!(params(rec, r#"{"startTime":"2014-02-21"}"#).unwrap_err().path.as_deref(), Some("startTime"));
        assert_eq!(params(rec, r#"{"extension":["8001","8002"],"start":0,"limit":20}"#).unwrap()[0].1, "8001,8002");
    }

    #[test]
    fn long_requests_use_a_form_body_and_urls_are_built() {
        let task = by_js("addTask").unwrap();
        let rows: Vec<String> = (0..200).map(|i| format!(r#"{{"phone":"138{i:08}"}}"#)).collect();
        let p = params(task, &format!(r#"{{"data":[{}],"addType":2,"name":"big"}}"#, rows.join(","))).unwrap();
        let r = cfg().request("addTask", "addTask", &p, None);
        assert_eq!(r.method, "POST");
        assert!(r.url.ends_with("&method=addTask"));
        match r.body {
            Body::Form(f) => assert!(f.starts_with("data=%5B%7B%22phone%22")),
            other => panic!("{other:?}"),
        }
        assert_eq!(cfg().record_url("201810/17/a b.wav").unwrap(), "http://voip.800ing.com:8080/voip/record/201810/17/a%20b.wav");
        assert_eq!(
            cfg().record_mp3_url("282982852097151").unwrap(),
            "http://voip.800ing.com:8080/voip/api/client/download/record.json?id=282982852097151&ismp3=1"
        );
        assert!(cfg().record_mp3_url("12a").is_err());
        assert_eq!(METHODS.iter().filter(|m| m.paging.is_some()).count(), 6);
        let mut wires: Vec<&str> = METHODS.iter().map(|m| m.wire).collect();
        wires.sort();
        wires.dedup();
        assert_eq!(wires.len(), METHODS.len());
    }
}
