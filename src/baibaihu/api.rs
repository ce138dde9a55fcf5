//! The 八百呼 VoIP data API V6.6 (seed 004), built without I/O: every
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

use crate::core::error::did_you_mean;
use crate::core::http::{Body, Request};
use crate::core::phpjson::{self, Member, Options, Route, Transcoder};
use crate::core::uri::encode_component_into;
use crate::core::{hash, Error, Result};

/// Parameter types.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Text (numbers accepted).
    Str,
    /// An integer.
    Int,
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// A number (coordinates).
    Float,
    /// `true` / `false`.
    Bool,
    /// `YYYY-MM-DD HH:MM:SS`.
    Time,
    /// `YYYY-MM-DD`.
    Date,
    /// A phone number.
    Phone,
    /// Comma-separated phone numbers: a string or an array.
    Phones,
    /// An SMS text: at most 70 characters.
    Sms,
    /// A URL, sent base64-encoded (callbackPhone's callbackUrl).
    Base64Url,
    /// A JSON object or array, sent as its JSON text.
    Json,
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn r(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: true }
}

const fn o(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false }
}

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

use Kind::*;

const fn m(js: &'static str, wire: &'static str, section: &'static str, fields: &'static [Field], write: bool) -> Method {
    Method { js, wire, section, fields, write, file: None, paging: None }
}

const fn paged(js: &'static str, wire: &'static str, section: &'static str, fields: &'static [Field], paging: Paging) -> Method {
    Method { js, wire, section, fields, write: false, file: None, paging: Some(paging) }
}

const START: Paging = Paging { offset: "start", size: "limit", by_page: false, items: "rows", total: Some("total"), default_size: 25 };

const EXTENSION_FIELDS: [Field; 19] = [
    o("exteExtension", Int),
    o("exteName", Str),
    o("extePassword", Str),
    o("exte_deptId", Int),
    o("exteMobile", Phone),
    o("exteinMobileRule", OneOf(&["0", "1"])),
    o("exteStatus", OneOf(&["0", "1", "2", "9"])),
    o("exteIsRecord", OneOf(&["0", "1"])),
    o("exteMemo", Str),
    o("exteMemo2", Str),
    o("exteMemo3", Str),
    o("exteMemo4", Str),
    o("exteMemo5", Str),
    o("exteLoginName", Str),
    o("exteLoginType", OneOf(&["0", "1", "2", "4"])),
    o("exte_transfer_shpId", Int),
    o("exteIsApp", OneOf(&["0", "1"])),
    o("exte_shpId", Int),
    o("exteId", Int),
];

const CUSTOMER_FIELDS: [Field; 19] = [
    o("custId", Str),
    o("cpPhone", Phone),
    o("custName", Str),
    o("custCorpName", Str),
    o("custStatus", Str),
    o("custQQ", Str),
    o("custAddr", Str),
    o("custBirthdayType", OneOf(&["0", "1", "2"])),
    o("custBirthday", Date),
    o("custSource", Str),
    o("custAge", Str),
    o("custArea", Str),
    o("custSex", Str),
    o("custMemo", Str),
    o("custType", Str),
    o("custOther1", Str),
    o("custOther2", Str),
    o("custOther3", Str),
    // `phones: [{ cpPhone, cpType, cpLinkMan }]` → cpPhone[i], cpType[i], cpLinkMan[i], recordCount_voip_customer_phone
    o("phones", Json),
];

pub static METHODS: [Method; 44] = [
    m("getExtension", "getExtension", "2.1.1", &[], false),
    m("getExtensions", "getExtensions", "2.1.2 / 2.11.5", &[], false),
    m(
        "sendMsg",
        "sendMsg",
        "2.1.3",
        &[r("kind", OneOf(&["1", "2", "3", "4", "5", "6", "7"])), r("client", OneOf(&["1", "2"])), o("lon", Float), o("lat", Float), r("phone", Phone), o("content", Json), r("time", Int), r("lostTime", Int), o("extension", Str), o("loginType", Int)],
        true,
    ),
    m("recvMsg", "recvMsg", "2.1.4", &[r("client", OneOf(&["1", "2"])), o("waterLine", Int), o("limit", Int)], false),
    Method { js: "uploadRecordFile", wire: "upload_record_file", section: "2.1.5", fields: &[r("fileName", Str)], write: true, file: Some("fileGsm"), paging: None },
    m(
        "addCdrRecord",
        "addCdrRecord",
        "2.1.6",
        &[
            r("dialId", Int),
            o("dialStatus", Str),
            o("dialOpenIp", Str),
            o("dialPeer", Str),
            o("dialPhoneNum", Phone),
            o("dialType", Int),
            o("dialStartTime", Time),
            o("dialSucessTime", Time),
            o("dialHangupTime", Time),
            o("dialAnswer", Int),
            o("dialHangupReason", Int),
            o("dialTalktime", Str),
            o("dialRecordFile", Str),
            o("dialCtdId", Int),
            o("dialTransferSuccesTime", Time),
            o("dialTransferTimes", Int),
            o("dialSmsSendStatus", OneOf(&["0", "1"])),
        ],
        true,
    ),
    m("addSmsRecord", "addSmsRecord", "2.1.7", &[o("id", Int), o("kind", OneOf(&["3", "4"])), r("phone", Phone), o("content", Str), r("time", Int)], true),
    m("getTaskDetailPhone", "getTaskDetailPhone", "2.1.8 / 2.7.2", &[], false),
    m("saveCustomer", "saveCustomer", "2.1.9 / 2.6.4", &CUSTOMER_FIELDS, true),
    Method {
        js: "uploadRecord",
        wire: "upload_record",
        section: "2.1.10",
        fields: &[
            r("cmd", Str),
            r("satellite", Str),
            o("id", Int),
            o("time", Int),
            o("status", Json),
            o("channel", Int),
            o("start_time_secs", Int),
            o("start_time_hangup", Int),
            o("direction", OneOf(&["in", "out", "unkown"])),
            o("callid_dialed", Str),
            o("duration_secs", Int),
            o("recorded", OneOf(&["0", "1"])),
            o("callid", Str),
        ],
        write: true,
        file: Some("file"),
        paging: None,
    },
    m("setUserCheckInOut", "setUserCheckInOut", "2.1.11", &[o("exten", Str), r("status", OneOf(&["0", "1"]))], true),
    m("registerExtension", "registerExtension", "2.1.12", &[], true),
    m("systemChannels", "systemChannels", "2.2.1", &[o("CompNumber", Str)], false),
    m("getChannelList", "getChannelList", "2.2.2", &[o("queueSize", OneOf(&["0", "1"]))], false),
    m("smsSend", "smsSend", "2.2.3", &[r("phoneNum", Phones), r("memo", Sms), o("listId", Int)], true),
    m("setShowPhone", "setShowPhone", "2.2.4", &[r("extension", Str), r("phone", Phone)], true),
    m("setIvrDialing", "setIvrDialing", "2.2.5", &[r("sourcePhone", Phone), r("descPhone", Phone), r("dialPhone", Phone), o("saveTimes", Int)], true),
    m("addBlacklists", "addBlacklists", "2.2.6", &[r("phones", Phones)], true),
    m("delBlacklists", "delBlacklists", "2.2.7", &[r("phones", Phones)], true),
    m("getBlacklists", "getBlacklists", "2.2.8", &[], false),
    m("callbackPhone", "callbackPhone", "2.3.1", &[r("sourcePhone", Phone), r("descPhone", Phone), o("callbackUrl", Base64Url)], true),
    paged("getCallbackList", "getCallbackList", "2.3.2", &[o("start", Int), o("limit", Int), o("extension", Str), o("startTime", Time), o("endTime", Time), o("id", Int)], START),
    paged(
        "findDialrecord",
        "findDialrecord",
        "2.4.1 / 2.7.1",
        &[
            o("extension", Phones),
            o("phoneNum", Str),
            o("talktimeSql", OneOf(&["0", "1"])),
            o("talktime", Int),
            o("startTime", Time),
            o("endTime", Time),
            o("cdrPeer", OneOf(&["1", "2", "3", "4", "5"])),
            o("scdrId", Int),
            o("start", Int),
            o("limit", Int),
        ],
        Paging { total: Some("recordTotal|total"), default_size: 20, ..START },
    ),
    m("phoneAudit", "phoneAudit", "2.4.2", &[r("yzm", Str), r("type", OneOf(&["1", "3", "4", "5"])), o("ws_wlstConnectId", Int), r("phone", Phone), o("isRecord", OneOf(&["0", "1", "2"])), o("commandNo", Str)], true),
    paged(
        "getPhoneAudit",
        "getPhoneAudit",
        "2.4.3",
        &[o("id", Int), o("startTime", Time), o("endTime", Time), o("status", Phones), o("sipShowPhone", OneOf(&["0", "1"])), o("page", Int), o("rows", Int), o("loginId", Str)],
        Paging { offset: "page", size: "rows", by_page: true, items: "rows", total: Some("total"), default_size: 25 },
    ),
    m("getAreaPhone", "getAreaPhone", "2.4.4", &[r("phone", Phone)], false),
    m("sendTelCall", "sendTelCall", "2.5.1", &[r("mac", Str), r("channel", Int), r("phone", Phone)], true),
    paged(
        "getCustomersPage",
        "getCustomersPage",
        "2.6.1",
        &[
            o("custStatus", Str),
            o("custType", Str),
            o("findType", OneOf(&["cpPhone", "custCorpName", "custName"])),
            o("sortfield", Str),
            o("custIsLock", OneOf(&["0", "1"])),
            o("dateOpt", OneOf(&["1", "2", "3"])),
            o("startTime", Str),
            o("endTime", Str),
            o("sqlwhere", Str),
            o("start", Int),
            o("limit", Int),
        ],
        Paging { items: "rows_customer", total: Some("recordTotal"), ..START },
    ),
    m("getCustomer", "getcustomer", "2.6.2", &[r("phoneNum", Phone)], false),
    m("getTableFields", "getTableFields", "2.6.3", &[o("chinesename", OneOf(&["0", "1"]))], false),
    m("delCustomer", "delcustomer", "2.6.5", &[r("custId", Str)], true),
    m("getCodes", "getCodes", "2.6.6", &[r("codeType", Str)], false),
    m("setCustomerLock", "setCustomerLock", "2.7.3", &[r("custId", Int), r("custIsLock", OneOf(&["0", "1"]))], true),
    m("getCustomerSales", "getCustomerSales", "2.8.1", &[r("phoneNum", Phone)], false),
    m("setCustomerSales", "setCustomerSales", "2.8.2", &[o("csId", Str), o("extension", Str), o("custId", Str), o("custType", Str), r("status", OneOf(&["0", "1"])), o("phone", Phone)], true),
    paged("getMemos", "getMemos", "2.9.1", &[r("phoneNum", Phone), o("start", Int), o("limit", Int)], Paging { items: "rows", total: None, ..START }),
    m("addMemo", "addMemo", "2.9.2", &[r("cdrMemo", Str), r("cdrPhone", Phone), o("nhtTime", Time), o("nhtIsHint", OneOf(&["0", "1"])), o("nhtPhone", Phone)], true),
    m("findCallFlow", "findCallFlow", "2.10.1", &[o("ctdId", Int)], false),
    m(
        "addTask",
        "addTask",
        "2.10.2",
        &[
            r("data", Json),
            r("addType", OneOf(&["1", "2", "3", "4"])),
            r("name", Str),
            o("cflName", Str),
            o("sendTime", Time),
            o("repeatSend", OneOf(&["0", "1"])),
            o("sendInterval", Int),
            o("allotExte", Phones),
            o("attriExte", Str),
            o("wotName", Str),
        ],
        true,
    ),
    paged(
        "findTaskMx",
        "findTaskMx",
        "2.10.3",
        &[r("cflId", Int), o("type", OneOf(&["0", "1", "2"])), o("ctkId", Int), o("ctkName", Str), o("startTime", Time), o("endTime", Time), o("start", Int), o("limit", Int)],
        Paging { items: "data", total: Some("count"), ..START },
    ),
    m("addExtension", "addExtension", "2.11.1", &EXTENSION_FIELDS, true),
    m("editExtension", "editExtension", "2.11.2", &EXTENSION_FIELDS, true),
    m("delExtension", "delExtension", "2.11.3", &[r("exteId", Int)], true),
    m("initExtensionPassword", "initExtensionPassword", "2.11.4", &[r("exteId", Int)], true),
];

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

fn text(m: &Member) -> Option<String> {
    m.string.clone().or_else(|| m.number.clone()).or_else(|| match m.value.as_slice() {
        b"true" => Some("true".into()),
        b"false" => Some("false".into()),
        _ => None,
    })
}

fn list(m: &Member) -> Option<Vec<String>> {
    if let Some(s) = &m.string {
        return Some(s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect());
    }
    let t = String::from_utf8_lossy(&m.value).into_owned();
    let ranges = Transcoder::new(&t, Options::RAW).item_ranges().ok()?;
    ranges.into_iter().map(|r| phpjson::decode_string(&t[r.clone()]).or_else(|| t[r].parse::<u64>().ok().map(|n| n.to_string()))).collect()
}

fn is_phone(s: &str) -> bool {
    let d = s.strip_prefix('+').unwrap_or(s);
    (3..=20).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit() || b == b'-')
}

/// Checks `params` (a JSON object) against `method` and returns the
/// parameters to send, in the document's order.
pub fn params(method: &Method, json: &str) -> Result<Vec<(String, String)>> {
    let given = Transcoder::new(json, Options::RAW).params(|_| Route::Hash).map_err(|e| e.with_endpoint(method.wire))?;
    for g in &given {
        if !method.fields.iter().any(|f| f.name == g.key) {
            let hint = did_you_mean(&g.key, method.fields.iter().map(|f| f.name)).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default();
            let known: Vec<&str> = method.fields.iter().map(|f| f.name).collect();
            return Err(Error::invalid(format!(
                "{}: unknown parameter `{}`{hint}; {} (section {})",
                method.js,
                g.key,
                if known.is_empty() { "it takes none".to_string() } else { format!("it takes {}", known.join(", ")) },
                method.section
            ))
            .with_path(g.key.clone())
            .with_endpoint(method.wire));
        }
    }
    let mut out = Vec::new();
    for f in method.fields {
        let Some(g) = given.iter().find(|g| g.key == f.name) else {
            if f.required {
                return Err(Error::invalid(format!("{} requires `{}` (section {} of the 八百呼 document)", method.js, f.name, method.section)).with_path(f.name).with_endpoint(method.wire));
            }
            continue;
        };
        let bad = |what: String| Error::invalid(format!("{}: `{}` {what}", method.js, f.name)).with_path(f.name).with_endpoint(method.wire);
        match f.kind {
            Str => out.push((f.name.into(), text(g).ok_or_else(|| bad("must be text".into()))?)),
            Int => {
                let t = text(g).filter(|t| !t.is_empty() && t.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || (i == 0 && b == b'-'))).ok_or_else(|| bad("must be an integer".into()))?;
                out.push((f.name.into(), t));
            }
            Float => {
                let t = g.number.clone().filter(|t| crate::core::float::is_json_number(t)).ok_or_else(|| bad("must be a number".into()))?;
                out.push((f.name.into(), t));
            }
            Bool => out.push((f.name.into(), text(g).filter(|t| t == "true" || t == "false").ok_or_else(|| bad("must be true or false".into()))?)),
            OneOf(allowed) => {
                let t = text(g).filter(|t| allowed.contains(&t.as_str())).ok_or_else(|| bad(format!("must be one of {}", allowed.join(", "))))?;
                out.push((f.name.into(), t));
            }
            Time | Date => {
                let t = g.string.clone().ok_or_else(|| bad("must be a date string".into()))?;
                crate::xiaoa::api::check_date(&t, f.kind == Time).map_err(|why| bad(format!("{why}: {}; use {}", quote(&t, 40), if f.kind == Time { "YYYY-MM-DD HH:MM:SS" } else { "YYYY-MM-DD" })))?;
                if f.kind == Date && t.len() != 10 {
                    return Err(bad(format!("must be YYYY-MM-DD, got {}", quote(&t, 40))));
                }
                out.push((f.name.into(), t));
            }
            Phone => {
                let t = text(g).filter(|t| is_phone(t)).ok_or_else(|| bad("must be a phone number".into()))?;
                out.push((f.name.into(), t));
            }
            Phones => {
                let items = list(g).ok_or_else(|| bad("must be a comma-separated string or an array".into()))?;
                if items.is_empty() {
                    return Err(bad("is empty".into()));
                }
                if f.name == "phones" || f.name == "phoneNum" {
                    if let Some(p) = items.iter().find(|p| !is_phone(p)) {
                        return Err(bad(format!("holds {}, which is not a phone number", quote(p, 40))));
                    }
                }
                out.push((f.name.into(), items.join(",")));
            }
            Sms => {
                let t = g.string.clone().ok_or_else(|| bad("must be text".into()))?;
                let n = t.chars().count();
                if n == 0 || n > 70 {
                    return Err(bad(format!("has {n} characters; an SMS holds 1 to 70 (2.2.3)")));
                }
                out.push((f.name.into(), t));
            }
            Base64Url => {
                let t = g.string.clone().filter(|t| t.starts_with("http://") || t.starts_with("https://")).ok_or_else(|| {
                    bad("must be the callback URL (http:// or https://; `{cbkId}` in it is replaced by the call's id); it is sent base64-encoded".into())
                })?;
                out.push((f.name.into(), STANDARD.encode(t.as_bytes())));
            }
            Json => {
                let raw = String::from_utf8_lossy(&g.value).into_owned();
                if let Some(s) = &g.string {
                    // Already-serialized JSON is passed through after a check.
                    Transcoder::new(s, Options::RAW).raw_members().map(|_| ()).or_else(|_| Transcoder::new(s, Options::RAW).item_ranges().map(|_| ())).map_err(|_| bad("must be JSON".into()))?;
                    out.push((f.name.into(), s.clone()));
                } else if f.name == "phones" {
                    expand_phones(method, &raw, &mut out)?;
                } else {
                    if f.name == "data" {
                        check_task_data(method, &raw)?;
                    }
                    out.push((f.name.into(), raw));
                }
            }
        }
    }
    if method.js == "addTask" {
        let get = |k: &str| out.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let add_type = get("addType").unwrap_or_default();
        if matches!(add_type, "1" | "3") && get("cflName").is_none() {
            return Err(Error::invalid("addTask: automatic dialing (addType 1 or 3) requires cflName, the call flow's name (findCallFlow)").with_path("cflName"));
        }
        if matches!(add_type, "3" | "4") && get("wotName").is_none() {
            return Err(Error::invalid("addTask: work-order tasks (addType 3 or 4) require wotName").with_path("wotName"));
        }
    }
    Ok(out)
}

/// addTask `data`: an array of `{ phone, key?, memo?, … }` (memo without `#`).
fn check_task_data(method: &Method, raw: &str) -> Result<()> {
    let bad = |msg: String, path: String| Error::invalid(format!("{}: {msg}", method.js)).with_path(path).with_endpoint(method.wire);
    let rows = Transcoder::new(raw, Options::RAW).item_ranges().map_err(|_| bad("data must be an array of numbers to call: [{ phone, key?, memo? }]".into(), "data".into()))?;
    if rows.is_empty() {
        return Err(bad("data is empty".into(), "data".into()));
    }
    for (i, r) in rows.into_iter().enumerate() {
        let row = &raw[r];
        let members = Transcoder::new(row, Options::RAW).params(|_| Route::Hash).map_err(|_| bad(format!("data[{i}] must be an object"), format!("data[{i}]")))?;
        let phone = members.iter().find(|m| m.key == "phone").and_then(text);
        if !phone.as_deref().is_some_and(is_phone) {
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
fn expand_phones(method: &Method, raw: &str, out: &mut Vec<(String, String)>) -> Result<()> {
    let bad = |msg: String, path: String| Error::invalid(format!("{}: {msg}", method.js)).with_path(path).with_endpoint(method.wire);
    let rows = Transcoder::new(raw, Options::RAW).item_ranges().map_err(|_| bad("phones must be an array of { cpPhone, cpType?, cpLinkMan? }".into(), "phones".into()))?;
    let n = rows.len();
    for (i, r) in rows.into_iter().enumerate() {
        let members = Transcoder::new(&raw[r], Options::RAW).params(|_| Route::Hash).map_err(|_| bad(format!("phones[{i}] must be an object"), format!("phones[{i}]")))?;
        for m in &members {
            if !["cpPhone", "cpType", "cpLinkMan"].contains(&m.key.as_str()) {
                return Err(bad(format!("phones[{i}].{} is not cpPhone, cpType or cpLinkMan", m.key), format!("phones[{i}].{}", m.key)));
            }
        }
        let phone = members.iter().find(|m| m.key == "cpPhone").and_then(text).filter(|p| is_phone(p)).ok_or_else(|| bad(format!("phones[{i}].cpPhone must be a phone number"), format!("phones[{i}].cpPhone")))?;
        out.push((format!("cpPhone[{i}]"), phone));
        let kind = members.iter().find(|m| m.key == "cpType").and_then(text).unwrap_or_else(|| if i == 0 { "常用电话".into() } else { String::new() });
        out.push((format!("cpType[{i}]"), kind));
        if let Some(l) = members.iter().find(|m| m.key == "cpLinkMan").and_then(text) {
            out.push((format!("cpLinkMan[{i}]"), l));
        }
    }
    out.push(("recordCount_voip_customer_phone".into(), n.to_string()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Config::new("http://voip.800ing.com:8080", "100008800", Some("02367073578"), None).unwrap()
    }

    #[test]
    fn the_password_is_sent_as_uppercase_md5_only() {
        let c = cfg();
        assert_eq!(c.password_md5, "CBCA51A420DD10423A9ACC4DB8041D5A");
        let r = c.request("getExtension", "getExtension", &[], None);
        assert_eq!(r.url, "http://voip.800ing.com:8080/voip/api/jsondata.html?sa_user=100008800&sa_password=CBCA51A420DD10423A9ACC4DB8041D5A&method=getExtension");
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
        assert!(r.url.ends_with("&method=phoneAudit&yzm=%E9%87%8D%E5%BA%86%E5%86%B3%E6%98%8E%E7%A7%91%E6%8A%80%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&type=4&phone=13002367525"), "{}", r.url);
    }

    #[test]
    fn checks() {
        let sms = by_js("smsSend").unwrap();
        assert!(params(sms, &format!(r#"{{"phoneNum":["13800000000","13900000000"],"memo":"{}"}}"#, "好".repeat(70))).is_ok());
        assert_eq!(params(sms, &format!(r#"{{"phoneNum":"13800000000","memo":"{}"}}"#, "好".repeat(71))).unwrap_err().path.as_deref(), Some("memo"));
        assert_eq!(params(sms, r#"{"phoneNum":"1380000,abc","memo":"hi"}"#).unwrap_err().path.as_deref(), Some("phoneNum"));
        let cb = by_js("callbackPhone").unwrap();
        let p = params(cb, r#"{"sourcePhone":"02368888888","descPhone":"13800000000","callbackUrl":"http://127.0.0.1:8080/callbackurl?cbkId={cbkId}"}"#).unwrap();
        assert_eq!(p[2].1, STANDARD.encode("http://127.0.0.1:8080/callbackurl?cbkId={cbkId}"));
        let e = params(by_js("getCustomer").unwrap(), r#"{"phone":"138"}"#).unwrap_err();
        assert!(e.message.contains("did you mean `phoneNum`"), "{}", e.message);
        let task = by_js("addTask").unwrap();
        let ok = params(task, r#"{"data":[{"phone":"13123456789","key":"123","memo":"你好"}],"addType":1,"name":"测试","cflName":"外呼流程"}"#).unwrap();
        assert_eq!(ok[0], ("data".to_string(), r#"[{"phone":"13123456789","key":"123","memo":"你好"}]"#.to_string()));
        assert_eq!(params(task, r#"{"data":[{"phone":"1"}],"addType":1,"name":"t","cflName":"f"}"#).unwrap_err().path.as_deref(), Some("data[0].phone"));
        assert_eq!(params(task, r#"{"data":[{"phone":"13800000000","memo":"a#b"}],"addType":2,"name":"t"}"#).unwrap_err().path.as_deref(), Some("data[0].memo"));
        assert_eq!(params(task, r#"{"data":[{"phone":"13800000000"}],"addType":1,"name":"t"}"#).unwrap_err().path.as_deref(), Some("cflName"));
        assert_eq!(params(task, r#"{"data":[{"phone":"13800000000"}],"addType":4,"name":"t"}"#).unwrap_err().path.as_deref(), Some("wotName"));
        let cust = by_js("saveCustomer").unwrap();
        let p = params(cust, r#"{"custName":"张三","phones":[{"cpPhone":"13800000000","cpLinkMan":"张三"},{"cpPhone":"02388888888","cpType":"座机"}]}"#).unwrap();
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
        assert_eq!(cfg().record_mp3_url("282982852097151").unwrap(), "http://voip.800ing.com:8080/voip/api/client/download/record.json?id=282982852097151&ismp3=1");
        assert!(cfg().record_mp3_url("12a").is_err());
        assert_eq!(METHODS.iter().filter(|m| m.paging.is_some()).count(), 6);
        let mut wires: Vec<&str> = METHODS.iter().map(|m| m.wire).collect();
        wires.sort();
        wires.dedup();
        assert_eq!(wires.len(), METHODS.len());
    }
}
