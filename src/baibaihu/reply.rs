//! Reading 八百呼 answers: a JSON object whose `code` is 0 on success (some
//! methods add `success: true/false`; upload_record answers `status`).

use super::api::Method;
use super::codes;
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::redact::snippet;
use crate::core::{Code, Error, Result};

/// The answer's JSON text when it reports success.
pub fn interpret(method: &Method, status: u16, body: &str) -> Result<String> {
    let ok_status = (200..300).contains(&status);
    let t = body.trim();
    let members = if t.is_empty() { None } else { Transcoder::new(t, Options::RAW).raw_members().ok() };
    let Some(members) = members else {
        let what = if t.is_empty() {
            "an empty body"
        } else if t.starts_with('<') {
            "an HTML page, not JSON — a proxy answered, or baseUrl is wrong"
        } else {
            "a body that is not JSON (cut off in transit?)"
        };
        let code = if ok_status { Code::BadResponse } else { Code::Http };
        return Err(Error::new(code, format!("{}: HTTP {status} with {what} (body starts {})", method.wire, snippet(t, 80)))
            .with_http_status(status)
            .with_endpoint(method.wire));
    };
    let get = |k: &str| members.iter().find(|m| m.0 == k).map(|m| t[m.1.clone()].trim());
    let code_text = if method.wire == "upload_record" { get("status").or_else(|| get("code")) } else { get("code").or_else(|| get("status")) };
    let code = match code_text {
        Some(c) => c.trim_matches('"').parse::<i64>().map_err(|_| {
            Error::new(Code::BadResponse, format!("{}: `code` is not a number: {}", method.wire, crate::core::redact::snippet(c, 30)))
                .with_endpoint(method.wire)
        })?,
        None if get("success") == Some("false") => -1,
        None => 0,
    };
    if code != 0 || get("success") == Some("false") {
        let row = codes::lookup(code);
        let msg = get("message").or_else(|| get("msg")).and_then(phpjson::decode_string).filter(|m| !m.is_empty());
        let mut e = Error::api(method.wire, "failed", code, row.name, row.explain, msg);
        if !ok_status {
            e.http_status = Some(status);
        }
        return Err(e);
    }
    if !ok_status {
        return Err(Error::new(Code::Http, format!("{}: HTTP {status}", method.wire)).with_http_status(status).with_endpoint(method.wire));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::api::by_js;
    use super::*;

    #[test]
    fn codes_and_shapes() {
        let m = by_js("getExtension").unwrap();
        assert!(interpret(m, 200, r#"{"code":0,"message":"","exteId":1,"name":"张三"}"#).is_ok());
        let e = interpret(m, 200, r#"{"code":-2,"message":"验证错误"}"#).unwrap_err();
        assert_eq!((e.code, e.api_code, e.api_name.as_deref(), e.api_msg.as_deref()), (Code::Api, Some(-2), Some("AUTH_FAILED"), Some("验证错误")));
        assert_eq!(interpret(m, 200, r#"{"success":false}"#).unwrap_err().api_code, Some(-1));
        assert_eq!(interpret(m, 200, "<html></html>").unwrap_err().code, Code::BadResponse);
        assert_eq!(interpret(m, 500, "<html></html>").unwrap_err().code, Code::Http);
        assert_eq!(interpret(m, 200, "").unwrap_err().code, Code::BadResponse);
        let up = by_js("uploadRecord").unwrap();
        assert_eq!(interpret(up, 200, r#"{"time":"1563957071394","status":3002}"#).unwrap_err().api_name.as_deref(), Some("MAC_MISSING"));
        assert!(interpret(up, 200, r#"{"time":"1563957071394","status":0}"#).is_ok());
    }
}
