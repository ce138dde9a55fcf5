//! The SCCC OpenAPI requests (seed 003), built without I/O: every API's
//! command fields with their checks, and the envelope
//! `{ authentication, param, request | requests }` posted to
//! `{baseUrl}/openapi/<version>/<ApiName>`.

use crate::core::error::quote;
use super::digest;
use crate::core::http::{Body, Request};
use crate::core::phpjson::{self, Member, Options, Route, Transcoder};
use crate::core::{Error, Result};

/// The value types of the request fields.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// An agent's staff number: 1–8 digits.
    Agent,
    /// A phone number.
    Phone,
    /// An array of phone numbers, at most this many.
    Phones(usize),
    /// 3–8 digits (voice verification codes).
    Code,
    /// An integer in this range.
    Range(i64, i64),
    /// A non-negative integer (task ids, keys).
    Id,
    /// Text.
    Str,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// An array of agents' staff numbers.
    Agents,
    /// `YYYY-MM-DD HH:MM:SS`.
    Time,
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: true }
}

const fn opt(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false }
}

/// One API of the document.
#[derive(Debug)]
pub struct Api {
    /// The client method, e.g. `callNumber`.
    pub method: &'static str,
    /// The name in the URL, e.g. `CallNumber`.
    pub name: &'static str,
    /// The section of seed 003.
    pub section: &'static str,
    pub fields: &'static [Field],
    /// Places calls or changes state: never repeated after an ambiguous failure.
    pub write: bool,
}

use Kind::*;

const AGENT: Field = req("agent", Agent);

pub static APIS: [Api; 16] = [
    Api { method: "voiceVerify", name: "VoiceVerify", section: "四", fields: &[req("callee", Phone), req("verifyCode", Code), opt("playTimes", Range(1, 5))], write: true },
    Api { method: "agentQueryStatus", name: "AgentQueryStatus", section: "五", fields: &[AGENT], write: false },
    Api { method: "agentStatus", name: "getAgentStatus", section: "六", fields: &[AGENT], write: false },
    Api { method: "agentInfo", name: "getAgentInfo", section: "七", fields: &[], write: false },
    Api { method: "agentLogin", name: "AgentLogin", section: "7", fields: &[AGENT], write: true },
    Api { method: "agentLogout", name: "AgentLogout", section: "8", fields: &[AGENT], write: true },
    Api { method: "agentSetBusy", name: "AgentSetBusy", section: "9", fields: &[AGENT], write: true },
    Api { method: "agentSetIdle", name: "AgentSetIdle", section: "10", fields: &[AGENT], write: true },
    Api { method: "callNumber", name: "CallNumber", section: "11", fields: &[AGENT, req("callee", Phone)], write: true },
    Api { method: "hangupCall", name: "HangupCall", section: "12", fields: &[AGENT], write: true },
    Api {
        method: "createCallTask",
        name: "CallTaskCreate",
        section: "13",
        fields: &[AGENT, opt("taskName", Str), opt("callers", Phones(100)), req("callees", Phones(1000)), req("mode", Range(2, 5)), opt("multiplier", Range(1, 5))],
        write: true,
    },
    Api { method: "queryCallTask", name: "CallTaskQuery", section: "14", fields: &[AGENT], write: false },
    Api { method: "controlCallTask", name: "CallTaskControl", section: "15", fields: &[opt("agent", Agent), req("taskID", Id), req("action", OneOf(&["start", "stop"]))], write: true },
    Api { method: "addCallTaskNumbers", name: "CallTaskAddNumbers", section: "16", fields: &[req("taskID", Id), AGENT, req("callees", Phones(1000))], write: true },
    Api { method: "recordsList", name: "getRecordsList", section: "20", fields: &[req("startKey", Id)], write: false },
    Api {
        method: "cdrList",
        name: "getCdrList",
        section: "24",
        fields: &[
            opt("agent", Agents),
            opt("serviceType", OneOf(&["1", "2", "3", "4", "5", "7", "9", "17", "18", "19"])),
            opt("startTime", Time),
            opt("endTime", Time),
            opt("caller", Phone),
            opt("callee", Phone),
            opt("timeLengthMin", Id),
            opt("timeLengthMax", Id),
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
    pub fn new(base_url: &str, version: &str, customer: &str, password: &str, agent: Option<String>, lang: Option<String>, debug: Option<bool>) -> Result<Config> {
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
        if let Some(l) = &lang {
            if l != "zh_CN" && l != "en_US" {
                return Err(Error::invalid(format!("lang {} must be zh_CN or en_US", quote(l, 20))).with_path("lang"));
            }
        }
        Ok(Config { base_url: base.to_string(), version: version.to_string(), customer: customer.to_string(), password: password.to_string(), agent, lang, debug })
    }

    /// The envelope for one command (`request`) or several (`requests`).
    /// `commands` are validated command objects (see [`command`]).
    pub fn envelope(&self, api: &Api, commands: &[String], batch: bool, timestamp: u64, seq: u64) -> Request {
        let (ts, sq) = (timestamp.to_string(), seq.to_string());
        let mut out = Vec::with_capacity(256 + commands.iter().map(String::len).sum::<usize>());
        out.extend_from_slice(b"{\"authentication\":{\"customer\":");
        phpjson::write_str(&mut out, &self.customer, Options::RAW);
        out.extend_from_slice(format!(",\"timestamp\":{ts},\"seq\":{sq},\"digest\":\"{}\"", digest::digest(&self.customer, &ts, &sq, &self.password)).as_bytes());
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

fn check_phone(v: &str, path: &str) -> Result<()> {
    let digits = v.strip_prefix('+').unwrap_or(v);
    if digits.len() < 3 || digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid(format!("{path} {} must be a phone number (3 to 20 digits)", quote(v, 30))).with_path(path.to_string()));
    }
    Ok(())
}

/// The text of a string or number member.
fn scalar(m: &Member) -> Option<&str> {
    m.string.as_deref().or(m.number.as_deref())
}

fn strings(m: &Member, path: &str) -> Result<Vec<String>> {
    let text = String::from_utf8_lossy(&m.value).into_owned();
    let bad = || Error::invalid(format!("{path} must be an array of strings")).with_path(path.to_string());
    let mut out = Vec::new();
    for r in Transcoder::new(&text, Options::RAW).item_ranges().map_err(|_| bad())? {
        let item = &text[r];
        let s = phpjson::decode_string(item).or_else(|| item.parse::<u64>().ok().map(|n| n.to_string())).ok_or_else(bad)?;
        out.push(s);
    }
    Ok(out)
}

/// Validates one command of `api` (JSON object text) and returns it as the
/// JSON to send: `seq` first (filled in when absent), `userData`, then the
/// fields in the document's order.
pub fn command(api: &Api, json: &str, seq: u64) -> Result<String> {
    let given = Transcoder::new(json, Options::RAW).params(|_| Route::Hash).map_err(|e| e.with_endpoint(api.name))?;
    for m in &given {
        if m.key != "seq" && m.key != "userData" && !api.fields.iter().any(|f| f.name == m.key) {
            let known: Vec<&str> = ["seq", "userData"].into_iter().chain(api.fields.iter().map(|f| f.name)).collect();
            let hint = crate::core::error::did_you_mean(&m.key, known.iter().copied()).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default();
            return Err(Error::invalid(format!("{}: unknown field `{}`{hint}; {} takes {}", api.method, m.key, api.name, known.join(", ")))
                .with_path(m.key.clone())
                .with_endpoint(api.name));
        }
    }
    let get = |k: &str| given.iter().find(|m| m.key == k);
    let mut out = Vec::with_capacity(json.len() + 32);
    out.push(b'{');
    match get("seq") {
        Some(m) => {
            let s = m.number.as_deref().filter(|n| n.bytes().all(|b| b.is_ascii_digit())).ok_or_else(|| {
                Error::invalid(format!("{}: seq must be a non-negative integer (or leave it out: the client numbers commands)", api.method)).with_path("seq")
            })?;
            out.extend_from_slice(format!("\"seq\":{s}").as_bytes());
        }
        None => out.extend_from_slice(format!("\"seq\":{seq}").as_bytes()),
    }
    if let Some(m) = get("userData") {
        let s = m.string.as_deref().ok_or_else(|| Error::invalid(format!("{}: userData must be a string", api.method)).with_path("userData"))?;
        if s.chars().count() > 100 {
            return Err(Error::invalid(format!("{}: userData has {} characters; the call center keeps at most 100 (and would cut it silently)", api.method, s.chars().count()))
                .with_path("userData"));
        }
        out.extend_from_slice(b",\"userData\":");
        out.extend_from_slice(&m.value);
    }
    for f in api.fields {
        let Some(m) = get(f.name) else {
            if f.required {
                return Err(Error::invalid(format!("{} requires `{}` (section {} of the SCCC document)", api.method, f.name, api.section)).with_path(f.name).with_endpoint(api.name));
            }
            continue;
        };
        let path = f.name;
        let bad = |what: &str| Error::invalid(format!("{}: `{}` {what}", api.method, f.name)).with_path(f.name).with_endpoint(api.name);
        let value: Vec<u8> = match f.kind {
            Agent => {
                let s = scalar(m).ok_or_else(|| bad("must be a staff number (1 to 8 digits)"))?;
                check_agent(s, path)?;
                m.value.clone()
            }
            Phone => {
                let s = scalar(m).ok_or_else(|| bad("must be a phone number"))?;
                check_phone(s, path)?;
                m.value.clone()
            }
            Code => {
                let s = scalar(m).ok_or_else(|| bad("must be 3 to 8 digits"))?;
                if s.len() < 3 || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad("must be 3 to 8 digits"));
                }
                m.value.clone()
            }
            Range(lo, hi) => {
                let n = scalar(m).and_then(|s| s.parse::<i64>().ok()).filter(|n| *n >= lo && *n <= hi);
                if f.name == "mode" {
                    n.filter(|n| *n == 2 || *n == 5).ok_or_else(|| bad("must be 2 (call the customer first) or 5 (call the agent first)"))?;
                } else {
                    n.ok_or_else(|| bad(&format!("must be an integer from {lo} to {hi}")))?;
                }
                m.value.clone()
            }
            Id => {
                scalar(m).filter(|s| !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit())).ok_or_else(|| bad("must be a non-negative integer"))?;
                m.value.clone()
            }
            Str => {
                m.string.as_ref().ok_or_else(|| bad("must be a string"))?;
                m.value.clone()
            }
            OneOf(allowed) => {
                let s = scalar(m).ok_or_else(|| bad(&format!("must be one of {}", allowed.join(", "))))?;
                if !allowed.contains(&s) {
                    return Err(bad(&format!("must be one of {}", allowed.join(", "))));
                }
                m.value.clone()
            }
            Agents => {
                let list = match &m.string {
                    Some(s) => vec![s.clone()],
                    None => strings(m, path)?,
                };
                for (i, a) in list.iter().enumerate() {
                    check_agent(a, &format!("{path}[{i}]"))?;
                }
                let mut v = b"[".to_vec();
                for (i, a) in list.iter().enumerate() {
                    if i > 0 {
                        v.push(b',');
                    }
                    phpjson::write_str(&mut v, a, Options::RAW);
                }
                v.push(b']');
                v
            }
            Phones(max) => {
                let list = strings(m, path)?;
                if list.is_empty() && f.required {
                    return Err(bad("is empty"));
                }
                if list.len() > max {
                    return Err(bad(&format!("has {} numbers; at most {max} per request — send more with addCallTaskNumbers", list.len())));
                }
                for (i, p) in list.iter().enumerate() {
                    check_phone(p, &format!("{path}[{i}]"))?;
                }
                let mut v = b"[".to_vec();
                for (i, p) in list.iter().enumerate() {
                    if i > 0 {
                        v.push(b',');
                    }
                    phpjson::write_str(&mut v, p, Options::RAW);
                }
                v.push(b']');
                v
            }
            Time => {
                let s = m.string.as_deref().ok_or_else(|| bad("must be YYYY-MM-DD HH:MM:SS"))?;
                crate::xiaoa::api::check_date(s, true).map_err(|why| bad(&format!("{why}: {}; use YYYY-MM-DD HH:MM:SS", quote(s, 40))))?;
                m.value.clone()
            }
        };
        out.push(b',');
        phpjson::write_str(&mut out, f.name, Options::RAW);
        out.push(b':');
        out.extend_from_slice(&value);
    }
    out.push(b'}');
    String::from_utf8(out).map_err(|_| Error::invalid("internal: non-UTF-8 command"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Config::new("http://10.0.0.1:8090", "V2.0.6", "C2", "E416D0F85DC0CB67C85E070A32D9F0123AFF4762", Some("1000".into()), Some("en_US".into()), Some(true)).unwrap()
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
        let b = cfg().envelope(by_method("agentLogin").unwrap(), &["{\"seq\":1,\"agent\":\"1001\"}".into(), "{\"seq\":2,\"agent\":\"1002\"}".into()], true, 1, 2);
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
        assert_eq!(command(api, &format!(r#"{{"agent":"1000","callees":["123"],"callers":[{}],"mode":2}}"#, callers.join(",")), 1).unwrap_err().path.as_deref(), Some("callers"));
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
        assert_eq!(command(by_method("agentLogin").unwrap(), &format!(r#"{{"agent":"1","userData":"{long}"}}"#), 1).unwrap_err().path.as_deref(), Some("userData"));
        assert_eq!(command(by_method("controlCallTask").unwrap(), r#"{"taskID":5,"action":"pause"}"#, 1).unwrap_err().path.as_deref(), Some("action"));
        assert_eq!(command(by_method("voiceVerify").unwrap(), r#"{"callee":"13800000000","verifyCode":"12"}"#, 1).unwrap_err().path.as_deref(), Some("verifyCode"));
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
        assert_eq!(Config::new("http://h", "V2.0.6", "C2", "p", None, Some("zh_CH".into()), None).unwrap_err().path.as_deref(), Some("lang"));
        let c = Config::new("http://h:1/", "V2.0.6", "C2", "p", None, None, None).unwrap();
        assert_eq!(c.record_file_url("/rec/2018/a b.wav").unwrap(), "http://h:1/rec/2018/a%20b.wav");
        assert_eq!(c.record_file_url("rec/x.wav").unwrap(), "http://h:1/rec/x.wav");
        assert!(c.record_file_url("../etc/passwd").is_err());
        let r = c.envelope(by_method("agentInfo").unwrap(), &["{\"seq\":1}".into()], false, 10, 20);
        assert!(!body(&r).contains("param"));
    }
}
