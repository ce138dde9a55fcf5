//! Reading the platform's answers (section 4): `{"code":0,"msg":…,"data":…}`
//! (timeSave: `rst`), turned into the `data` text or a typed error. An HTML
//! page, an empty or truncated body is BAD_RESPONSE, never a crash.

use std::ops::Range;

use super::codes;
use super::endpoints::{Endpoint, Reply};
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::{Code, Error, Result};

/// What came back over HTTP.
#[derive(Clone, Copy, Debug)]
pub struct HttpReply<'a> {
    pub status: u16,
    pub body: &'a str,
}

/// A successful answer: where `data` is in the body (None when absent or null).
#[derive(Clone, Debug, PartialEq)]
pub struct Success {
    pub data: Option<Range<usize>>,
    pub msg: Option<String>,
}

fn snippet(ep: &Endpoint, body: &str) -> String {
    // A login answer could echo the request, which holds the password: never quote it.
    if ep.name == "login" {
        return String::new();
    }
    format!(" (body starts {})", crate::core::redact::snippet(body, 80))
}

/// The code of a member value: a JSON number or a string of digits.
fn code_of(text: &str) -> Option<i64> {
    let t = text.trim().trim_matches('"');
    t.parse::<i64>().ok()
}

fn string_of(text: &str) -> Option<String> {
    let t = text.trim();
    match t {
        "null" => None,
        _ => phpjson::decode_string(t).or_else(|| Some(t.to_string())),
    }
}

/// Interprets an answer of `ep`.
pub fn interpret(ep: &Endpoint, reply: HttpReply) -> Result<Success> {
    let HttpReply { status, body } = reply;
    let ok_status = (200..300).contains(&status);
    let trimmed = body.trim_start();
    let parsed = if trimmed.is_empty() { None } else { Transcoder::new(body, Options::RAW).raw_members().ok() };
    let Some(members) = parsed else {
        if !ok_status {
            return Err(Error::new(Code::Http, format!("{}: HTTP {status} from the server{}", ep.name, snippet(ep, body)))
                .with_http_status(status)
                .with_endpoint(ep.name));
        }
        let what = if trimmed.is_empty() {
            "an empty body".to_string()
        } else if trimmed.starts_with('<') {
            "an HTML page, not JSON — a proxy or gateway answered, or baseUrl points to the wrong server".to_string()
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            "JSON that does not parse (cut off in transit?)".to_string()
        } else {
            "text that is not JSON".to_string()
        };
        return Err(Error::new(Code::BadResponse, format!("{}: HTTP {status} with {what}{}", ep.name, snippet(ep, body)))
            .with_http_status(status)
            .with_endpoint(ep.name));
    };
    let get = |k: &str| members.iter().find(|m| m.0 == k).map(|m| &body[m.1.clone()]);
    let code_key = if ep.reply == Reply::Rst && get("rst").is_some() { "rst" } else { "code" };
    let code = match get(code_key) {
        Some(t) => code_of(t).ok_or_else(|| {
            Error::new(Code::BadResponse, format!("{}: `{code_key}` is not a number: {}", ep.name, crate::core::redact::snippet(t, 40)))
                .with_http_status(status)
                .with_endpoint(ep.name)
        })?,
        None => {
            let code = if ok_status { Code::BadResponse } else { Code::Http };
            return Err(Error::new(code, format!("{}: HTTP {status}, a JSON answer without `{code_key}`{}", ep.name, snippet(ep, body)))
                .with_http_status(status)
                .with_endpoint(ep.name));
        }
    };
    let msg = get("msg").and_then(string_of);
    if code != 0 {
        let row = codes::lookup(code);
        let mut e = Error::api(ep.name, "failed", code, row.name, row.explain, msg);
        if !ok_status {
            e.http_status = Some(status);
        }
        return Err(e);
    }
    if !ok_status {
        return Err(Error::new(Code::Http, format!("{}: HTTP {status} although the body says code 0", ep.name))
            .with_http_status(status)
            .with_endpoint(ep.name));
    }
    let data = members.iter().find(|m| m.0 == "data").map(|m| m.1.clone()).filter(|r| &body[r.clone()] != "null");
    Ok(Success { data, msg })
}

#[cfg(test)]
mod tests {
    use super::super::endpoints::find;
    use super::*;

    fn run(ep: &str, status: u16, body: &str) -> Result<Success> {
        interpret(find(ep).unwrap(), HttpReply { status, body })
    }

    #[test]
    fn success_points_at_data() {
        let body = r#"{"code":0,"data":{"total":329,"list":[]},"msg":"SUCCESS"}"#;
        let s = run("index", 200, body).unwrap();
        assert_eq!(&body[s.data.unwrap()], r#"{"total":329,"list":[]}"#);
        assert_eq!(s.msg.as_deref(), Some("SUCCESS"));
        assert_eq!(run("operateTask", 200, r#"{"code":0,"msg":"操作成功"}"#).unwrap().data, None);
        assert!(run("timeSave", 200, r#"{"rst":0,"msg":"保存成功 "}"#).is_ok());
        assert!(run("index", 200, r#"{"code":"0","data":null}"#).unwrap().data.is_none());
    }

    #[test]
    fn api_errors_are_named_and_explained() {
        let e = run("addJson", 200, r#"{"code":30006,"msg":"数据为空或者 json 格式错误"}"#).unwrap_err();
        assert_eq!(
            (e.code, e.api_code, e.api_name.as_deref(), e.api_msg.as_deref()),
            (Code::Api, Some(30006), Some("EMPTY_OR_BAD_JSON"), Some("数据为空或者 json 格式错误"))
        );
        assert!(e.message.contains("addJson failed with 30006"), "{}", e.message);
        let e = run("timeSave", 200, r#"{"rst":1,"msg":"失败"}"#).unwrap_err();
        assert_eq!(e.api_code, Some(1));
        let e = run("index", 500, r#"{"code":500,"msg":"服务端错误"}"#).unwrap_err();
        assert_eq!((e.code, e.http_status), (Code::Api, Some(500)));
    }

    #[test]
    fn broken_answers_are_bad_response_or_http() {
        let html = "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>";
        let e = run("index", 200, html).unwrap_err();
        assert_eq!(e.code, Code::BadResponse);
        assert!(e.message.contains("HTML page"), "{}", e.message);
        assert_eq!(run("index", 200, "").unwrap_err().code, Code::BadResponse);
        assert_eq!(run("index", 200, r#"{"code":0,"data":{"total":3"#).unwrap_err().code, Code::BadResponse);
        assert_eq!(run("index", 200, r#"[1,2]"#).unwrap_err().code, Code::BadResponse);
        assert_eq!(run("index", 200, r#"{"data":1}"#).unwrap_err().code, Code::BadResponse);
        let e = run("index", 502, html).unwrap_err();
        assert_eq!((e.code, e.http_status), (Code::Http, Some(502)));
        let e = run("login", 500, "<html>password=secret</html>").unwrap_err();
        assert!(!e.message.contains("secret"), "{}", e.message);
    }
}
