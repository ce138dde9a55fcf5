//! The SCCC OpenAPI requests (the SCCC OpenAPI V2.0 document), built without I/O: every API's
//! command fields with their checks, and the envelope
//! `{ authentication, param, request | requests }` posted to
//! `{baseUrl}/openapi/<version>/<ApiName>`.

use super::digest;
use crate::core::error::quote;
use crate::core::http::{Body, Request};
use crate::core::phpjson::{self, Options};
use crate::core::{Error, Result};

use crate::core::schema::{self, opt, req, Checked, Context, Field, Item, Kind, Value, TEXT, UINT};

/// An agent's staff number: 1 to 8 digits (Number|length[1-8]).
const AGENT_NO: Kind = Kind::Digits(1, 8);
/// A voice verification code: 3 to 8 digits.
const CODE: Kind = Kind::Digits(3, 8);
/// An array of phone numbers, at most `max` (Array 最多 max 个).
const fn phones(max: usize) -> Kind {
    Kind::List { item: Item::Phone, max, array_only: true }
}
/// `["8000", …]` or one staff number.
const AGENTS: Kind = Kind::List { item: Item::Digits(1, 8), max: 0, array_only: true };
/// The command fields every API has: `seq` (the client numbers commands when
/// it is left out or `""`; the document types it Number in the tables and
/// String in 20/24, and its examples write `"123"`), and `userData`.
const SEQ: Field = opt("seq", Kind::Text { max: 0 });
const USER_DATA: Field = opt("userData", Kind::Text { max: 100 });

/// One API of the document.
#[derive(Debug)]
pub struct Api {
    /// The client method, e.g. `callNumber`.
    pub method: &'static str,
    /// The name in the URL, e.g. `CallNumber`.
    pub name: &'static str,
    /// The section of the SCCC document.
    pub section: &'static str,
    /// `seq`, `userData`, then the API's own fields in the document's order.
    pub fields: &'static [Field],
    /// Places calls or changes state: never repeated after an ambiguous failure.
    pub write: bool,
}

const AGENT: Field = req("agent", AGENT_NO);

pub static APIS: [Api; 16] = [
    Api {
        method: "voiceVerify",
        name: "VoiceVerify",
        section: "四",
        fields: &[SEQ, USER_DATA, req("callee", Kind::Phone), req("verifyCode", CODE), opt("playTimes", Kind::Int { min: 1, max: 5 })],
        write: true,
    },
    Api { method: "agentQueryStatus", name: "AgentQueryStatus", section: "五", fields: &[SEQ, USER_DATA, AGENT], write: false },
    Api { method: "agentStatus", name: "getAgentStatus", section: "六", fields: &[SEQ, USER_DATA, AGENT], write: false },
    Api { method: "agentInfo", name: "getAgentInfo", section: "七", fields: &[SEQ, USER_DATA], write: false },
    Api { method: "agentLogin", name: "AgentLogin", section: "7", fields: &[SEQ, USER_DATA, AGENT], write: true },
    Api { method: "agentLogout", name: "AgentLogout", section: "8", fields: &[SEQ, USER_DATA, AGENT], write: true },
    Api { method: "agentSetBusy", name: "AgentSetBusy", section: "9", fields: &[SEQ, USER_DATA, AGENT], write: true },
    Api { method: "agentSetIdle", name: "AgentSetIdle", section: "10", fields: &[SEQ, USER_DATA, AGENT], write: true },
    Api { method: "callNumber", name: "CallNumber", section: "11", fields: &[SEQ, USER_DATA, AGENT, req("callee", Kind::Phone)], write: true },
    Api { method: "hangupCall", name: "HangupCall", section: "12", fields: &[SEQ, USER_DATA, AGENT], write: true },
    Api {
        method: "createCallTask",
        name: "CallTaskCreate",
        section: "13",
        // The table marks `mode` Y; the message example has no `mode`: the
        // example wins (the platform then chooses), so it is optional.
        fields: &[
            SEQ,
            USER_DATA,
            AGENT,
            opt("taskName", TEXT),
            opt("callers", phones(100)),
            req("callees", phones(1000)),
            opt("mode", Kind::IntOneOf(&[2, 5])),
            opt("multiplier", Kind::Int { min: 1, max: 5 }),
        ],
        write: true,
    },
    Api { method: "queryCallTask", name: "CallTaskQuery", section: "14", fields: &[SEQ, USER_DATA, AGENT], write: false },
    // `action`: the table writes Start(开始任务)|stop(停止任务); matched in any case, sent lowercase.
    Api {
        method: "controlCallTask",
        name: "CallTaskControl",
        section: "15",
        fields: &[SEQ, USER_DATA, opt("agent", AGENT_NO), req("taskID", UINT), req("action", Kind::OneOf(&["start", "stop"]))],
        write: true,
    },
    Api {
        method: "addCallTaskNumbers",
        name: "CallTaskAddNumbers",
        section: "16",
        fields: &[SEQ, USER_DATA, req("taskID", UINT), AGENT, req("callees", phones(1000))],
        write: true,
    },
    Api { method: "recordsList", name: "getRecordsList", section: "20", fields: &[SEQ, USER_DATA, req("startKey", UINT)], write: false },
    Api {
        method: "cdrList",
        name: "getCdrList",
        section: "24",
        // The table marks every filter Y; its example sends them as "" (both
        // times empty: today's calls): each is optional, "" sent as "".
        fields: &[
            SEQ,
            USER_DATA,
            opt("agent", AGENTS),
            opt("serviceType", Kind::OneOf(&["1", "2", "3", "4", "5", "7", "9", "17", "18", "19"])),
            opt("startTime", Kind::DateTime),
            opt("endTime", Kind::DateTime),
            opt("caller", Kind::Phone),
            opt("callee", Kind::Phone),
            opt("timeLengthMin", UINT),
            opt("timeLengthMax", UINT),
        ],
        write: false,
    },
];

/// The API behind a client method.
pub fn by_method(method: &str) -> Result<&'static Api> {
    APIS.iter().find(|a| a.method == method).ok_or_else(|| Error::invalid(format!("internal: unknown SCCC method {method}")))
}

/// The API called `name` in URLs (`CallNumber`), for `batch`.
pub fn by_name(name: &str) -> Result<&'static Api> {
    APIS.iter().find(|a| a.name == name || a.method == name).ok_or_else(|| {
        let names: Vec<&str> = APIS.iter().map(|a| a.name).collect();
        Error::invalid(format!("unknown SCCC API {}; expected one of {}", quote(name, 40), names.join(", "))).with_path("apiName")
    })
}

/// The client's settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub base_url: String,
    pub version: String,
    pub customer: String,
    pub password: String,
    pub agent: Option<String>,
    pub lang: Option<String>,
    pub debug: Option<bool>,
}

impl Config {
    pub fn new(
        base_url: &str,
        version: &str,
        customer: &str,
        password: &str,
        agent: Option<String>,
        lang: Option<String>,
        debug: Option<bool>,
    ) -> Result<Config> {
        let base = crate::core::uri::check_base_url(base_url)?;
        if base.ends_with("/openapi") {
            return Err(Error::invalid("baseUrl must be the server root (http://ip:port), without /openapi").with_path("baseUrl"));
        }
        let v = version.as_bytes();
        if !(version.starts_with("V2.0.") && v.len() > 5 && v[5..].iter().all(u8::is_ascii_digit)) {
            return Err(Error::invalid(format!("version {} must look like V2.0.6 (the API version in the URL)", quote(version, 20))).with_path("version"));
        }
        digest::check_parts(customer, "0", "0")?;
        if password.is_empty() {
            return Err(Error::invalid("password is empty").with_path("password"));
        }
        if let Some(a) = &agent {
            check_agent(a, "agent")?;
        }
        // 三.3 writes "zh_CN|en_US"; the tables of 四 write "zh_CH|en_US".
        let lang = match lang.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) if l.eq_ignore_ascii_case("zh_CN") || l.eq_ignore_ascii_case("zh_CH") || l.eq_ignore_ascii_case("zh-CN") => Some("zh_CN".to_string()),
            Some(l) if l.eq_ignore_ascii_case("en_US") || l.eq_ignore_ascii_case("en-US") => Some("en_US".to_string()),
            Some(l) => return Err(Error::invalid(format!("lang {} must be zh_CN or en_US", quote(l, 20))).with_path("lang")),
        };
        Ok(Config {
            base_url: base.to_string(),
            version: version.to_string(),
            customer: customer.to_string(),
            password: password.to_string(),
            agent,
            lang,
            debug,
        })
    }

    /// The envelope for one command (`request`) or several (`requests`).
    /// `commands` are validated command objects (see [`command`]).
    pub fn envelope(&self, api: &Api, commands: &[String], batch: bool, timestamp: u64, seq: u64) -> Request {
        let (ts, sq) = (timestamp.to_string(), seq.to_string());
        let mut out = Vec::with_capacity(256 + commands.iter().map(String::len).sum::<usize>());
        out.extend_from_slice(b"{\"authentication\":{\"customer\":");
        phpjson::write_str(&mut out, &self.customer, Options::RAW);
        out.extend_from_slice(
            format!(",\"timestamp\":{ts},\"seq\":{sq},\"digest\":\"{}\"", digest::digest(&self.customer, &ts, &sq, &self.password)).as_bytes(),
        );
        if let Some(a) = &self.agent {
            out.extend_from_slice(b",\"agent\":");
            phpjson::write_str(&mut out, a, Options::RAW);
        }
        out.push(b'}');
        if self.debug.is_some() || self.lang.is_some() {
            out.extend_from_slice(b",\"param\":{");
            let mut first = true;
            if let Some(d) = self.debug {
                out.extend_from_slice(if d { b"\"debug\":true" } else { b"\"debug\":false" });
                first = false;
            }
            if let Some(l) = &self.lang {
                if !first {
                    out.push(b',');
                }
                out.extend_from_slice(b"\"lang\":");
                phpjson::write_str(&mut out, l, Options::RAW);
            }
            out.push(b'}');
        }
        if batch {
            out.extend_from_slice(b",\"requests\":[");
            out.extend_from_slice(commands.join(",").as_bytes());
            out.push(b']');
        } else {
            out.extend_from_slice(b",\"request\":");
            out.extend_from_slice(commands.first().map(String::as_bytes).unwrap_or(b"{}"));
        }
        out.push(b'}');
        Request { name: api.name, method: "POST", url: format!("{}/openapi/{}/{}", self.base_url, self.version, api.name), body: Body::Json(out) }
    }

    /// `http://ip:port/<filename>` (20.7).
    pub fn record_file_url(&self, filename: &str) -> Result<String> {
        let f = filename.trim();
        if f.is_empty() || f.contains("..") || f.contains("://") {
            return Err(Error::invalid(format!("filename {} must be the `filename` of a getRecordsList record", quote(filename, 60))).with_path("filename"));
        }
        let mut url = self.base_url.clone();
        if !f.starts_with('/') {
            url.push('/');
        }
        for (i, seg) in f.split('/').enumerate() {
            if i > 0 {
                url.push('/');
            }
            crate::core::uri::encode_component_into(&mut url, seg);
        }
        Ok(url)
    }
}

fn check_agent(v: &str, path: &str) -> Result<()> {
    if v.is_empty() || v.len() > 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(format!("{path} {} must be an agent's staff number: 1 to 8 digits", quote(v, 20))).with_path(path.to_string()));
    }
    Ok(())
}

/// A JSON array of strings.
fn json_strings(items: &[String]) -> Vec<u8> {
    let mut v = b"[".to_vec();
    for (i, p) in items.iter().enumerate() {
        if i > 0 {
            v.push(b',');
        }
        phpjson::write_str(&mut v, p, Options::RAW);
    }
    v.push(b']');
    v
}

/// Validates one command of `api` (JSON object text) and returns it as the
/// JSON to send: `seq` first (filled in when absent or `""`), `userData`,
/// then the fields in the document's order. Values go as given (a number
/// stays a number, a string a string), except what is normalised: lists,
/// enumerations in the spelling the platform expects, `""` as `""`.
pub fn command(api: &Api, json: &str, seq: u64) -> Result<String> {
    let source = format!("section {} of the SCCC document", api.section);
    let cx = Context { method: api.method, root: None, noun: "field", source: &source, endpoint: Some(api.name) };
    let checked = schema::check(&cx, api.fields, json)?;
    let mut out = Vec::with_capacity(json.len() + 32);
    out.push(b'{');
    match checked.iter().find(|c| c.field.name == "seq") {
        Some(Checked { value: Value::Text(s), given, .. }) => {
            if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 19 {
                return Err(cx.error("seq", "must be a non-negative integer (or leave it out: the client numbers commands)"));
            }
            out.extend_from_slice(b"\"seq\":");
            out.extend_from_slice(given);
        }
        _ => out.extend_from_slice(format!("\"seq\":{seq}").as_bytes()),
    }
    for c in checked.iter().filter(|c| c.field.name != "seq") {
        if c.value == Value::Empty && matches!(c.field.kind, Kind::List { .. }) {
            continue; // `["","",""]`: the document's placeholders, not a list to send
        }
        out.push(b',');
        phpjson::write_str(&mut out, c.field.name, Options::RAW);
        out.push(b':');
        match (&c.value, c.field.kind) {
            (Value::Empty, _) => out.extend_from_slice(b"\"\""),
            (Value::List(items), _) => out.extend_from_slice(&json_strings(items)),
            (Value::Text(t), Kind::OneOf(_)) if c.given.starts_with(b"\"") => phpjson::write_str(&mut out, t, Options::RAW),
            _ => out.extend_from_slice(&c.given),
        }
    }
    out.push(b'}');
    String::from_utf8(out).map_err(|_| Error::invalid("internal: non-UTF-8 command"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Config::new("http://10.0.0.1:8090", "V2.0.6", "C2", "E416D0F85DC0CB67C85E070A32D9F0123AFF4762", Some("1000".into()), Some("en_US".into()), Some(true))
            .unwrap()
    }

    fn body(r: &Request) -> String {
        match &r.body {
            Body::Json(b) => String::from_utf8(b.clone()).unwrap(),
            _ => panic!(),
        }
    }

    #[test]
    fn the_envelope_carries_the_document_digest() {
        let api = by_method("voiceVerify").unwrap();
        let cmd = command(api, r#"{"callee":"13800000000","verifyCode":"1234","userData":"u1"}"#, 7).unwrap();
        assert_eq!(cmd, r#"{"seq":7,"userData":"u1","callee":"13800000000","verifyCode":"1234"}"#);
        let r = cfg().envelope(api, &[cmd], false, 1471918933001, 5271);
        assert_eq!(r.url, "http://10.0.0.1:8090/openapi/V2.0.6/VoiceVerify");
        assert_eq!(
            body(&r),
            r#"{"authentication":{"customer":"C2","timestamp":1471918933001,"seq":5271,"digest":"ae62e11cab746436b64a26f4ed8e41a3","agent":"1000"},"param":{"debug":true,"lang":"en_US"},"request":{"seq":7,"userData":"u1","callee":"13800000000","verifyCode":"1234"}}"#
        );
        assert!(!body(&r).contains("E416D0F85DC0CB67"), "the password is never sent");
        let b =
            cfg().envelope(by_method("agentLogin").unwrap(), &["{\"seq\":1,\"agent\":\"1001\"}".into(), "{\"seq\":2,\"agent\":\"1002\"}".into()], true, 1, 2);
        assert!(body(&b).ends_with(r#""requests":[{"seq":1,"agent":"1001"},{"seq":2,"agent":"1002"}]}"#));
    }

    #[test]
    fn call_tasks_are_checked_before_sending() {
        let api = by_method("createCallTask").unwrap();
        let ok = command(api, r#"{"agent":"1000","callees":["13800000001","13800000002"],"mode":2,"multiplier":3,"taskName":"t"}"#, 1).unwrap();
        assert_eq!(ok, r#"{"seq":1,"agent":"1000","taskName":"t","callees":["13800000001","13800000002"],"mode":2,"multiplier":3}"#);
        let many: Vec<String> = (0..1001).map(|i| format!("\"1380000{i:04}\"")).collect();
        let e = command(api, &format!(r#"{{"agent":"1000","callees":[{}],"mode":2}}"#, many.join(",")), 1).unwrap_err();
        assert!(e.message.contains("at most 1000"), "{}", e.message);
        let callers: Vec<String> = (0..101).map(|i| format!("\"0755{i:04}\"")).collect();
        assert_eq!(
            command(api, &format!(r#"{{"agent":"1000","callees":["123"],"callers":[{}],"mode":2}}"#, callers.join(",")), 1).unwrap_err().path.as_deref(),
            Some("callers")
        );
        assert_eq!(command(api, r#"{"agent":"1000","callees":["123"],"mode":3}"#, 1).unwrap_err().path.as_deref(), Some("mode"));
        assert_eq!(command(api, r#"{"agent":"1000","callees":["123"],"mode":5,"multiplier":6}"#, 1).unwrap_err().path.as_deref(), Some("multiplier"));
        assert_eq!(command(api, r#"{"agent":"123456789","callees":["123"],"mode":5}"#, 1).unwrap_err().path.as_deref(), Some("agent"));
        assert_eq!(command(api, r#"{"agent":"1000","callees":["12a"],"mode":5}"#, 1).unwrap_err().path.as_deref(), Some("callees[0]"));
        assert_eq!(command(api, r#"{"agent":"1000","mode":5}"#, 1).unwrap_err().path.as_deref(), Some("callees"));
    }

    #[test]
    fn other_checks() {
        let e = command(by_method("callNumber").unwrap(), r#"{"agent":"1000","calee":"1380"}"#, 1).unwrap_err();
        assert!(e.message.contains("did you mean `callee`"));
        let long = "x".repeat(101);
        assert_eq!(
            command(by_method("agentLogin").unwrap(), &format!(r#"{{"agent":"1","userData":"{long}"}}"#), 1).unwrap_err().path.as_deref(),
            Some("userData")
        );
        assert_eq!(command(by_method("controlCallTask").unwrap(), r#"{"taskID":5,"action":"pause"}"#, 1).unwrap_err().path.as_deref(), Some("action"));
        assert_eq!(
            command(by_method("voiceVerify").unwrap(), r#"{"callee":"13800000000","verifyCode":"12"}"#, 1).unwrap_err().path.as_deref(),
            Some("verifyCode")
        );
        let cdr = command(by_method("cdrList").unwrap(), r#"{"agent":["8000","8001"],"serviceType":"5","startTime":"2018-09-10 00:00:00"}"#, 9).unwrap();
        assert_eq!(cdr, r#"{"seq":9,"agent":["8000","8001"],"serviceType":"5","startTime":"2018-09-10 00:00:00"}"#);
        assert_eq!(command(by_method("cdrList").unwrap(), r#"{"startTime":"2018-09-10"}"#, 1).unwrap_err().path.as_deref(), Some("startTime"));
        assert_eq!(command(by_method("recordsList").unwrap(), r#"{"startKey":0,"seq":42}"#, 1).unwrap(), r#"{"seq":42,"startKey":0}"#);
        assert!(by_name("CallNumber").is_ok() && by_name("callNumber").is_ok());
        assert!(by_name("Nope").unwrap_err().message.contains("CallTaskCreate"));
    }

    #[test]
    fn config_and_urls() {
        assert_eq!(Config::new("http://h", "2.0.6", "C2", "p", None, None, None).unwrap_err().path.as_deref(), Some("version"));
        assert_eq!(Config::new("http://h", "V2.0.6", "C 2", "p", None, None, None).unwrap_err().path.as_deref(), Some("customer"));
        assert_eq!(Config::new("http://h", "V2.0.6", "C2", "p", None, Some("fr_FR".into()), None).unwrap_err().path.as_deref(), Some("lang"));
        // The tables write zh_CH for zh_CN: accepted, sent as zh_CN.
        assert_eq!(Config::new("http://h", "V2.0.6", "C2", "p", None, Some("zh_CH".into()), None).unwrap().lang.as_deref(), Some("zh_CN"));
        let c = Config::new("http://h:1/", "V2.0.6", "C2", "p", None, None, None).unwrap();
        assert_eq!(c.record_file_url("/rec/2018/a b.wav").unwrap(), "http://h:1/rec/2018/a%20b.wav");
        assert_eq!(c.record_file_url("rec/x.wav").unwrap(), "http://h:1/rec/x.wav");
        assert!(c.record_file_url("../etc/passwd").is_err());
        let r = c.envelope(by_method("agentInfo").unwrap(), &["{\"seq\":1}".into()], false, 10, 20);
        assert!(!body(&r).contains("param"));
    }
}
