//! Reading SCCC answers (三.4): `{ data: { seq, response | responses }, logs,
//! result: { error, msg } }`. The request as a whole fails on a non-zero
//! top-level `result.error`; a single command fails on its own
//! `response.result.error`. Batches return every command's response.

use crate::core::redact::snippet;
use std::ops::Range;

use super::api::Api;
use super::codes;
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::{Code, Error, Result};

/// A successful answer: the command's response (or the batch's responses)
/// as JSON, with every `result` normalised to `{ "error": n, "msg": "…" }`.
#[derive(Debug, PartialEq)]
pub struct Success {
    pub json: String,
    /// The `logs` field (debug mode), when the server sent one.
    pub logs: Option<String>,
}

type Members = Vec<(String, Range<usize>)>;

fn members(text: &str) -> Option<Members> {
    Transcoder::new(text, Options::RAW).raw_members().ok()
}

fn get<'a>(text: &'a str, m: &Members, k: &str) -> Option<&'a str> {
    m.iter().find(|x| x.0 == k).map(|x| text[x.1.clone()].trim())
}

/// `(error, msg)` of a `result` value: an object, `""`, or absent.
fn result_of(text: Option<&str>) -> std::result::Result<(i64, Option<String>), ()> {
    let Some(t) = text else { return Ok((0, None)) };
    if t == "null" || t == "\"\"" {
        return Ok((0, None));
    }
    if let Some(m) = members(t) {
        let error = match get(t, &m, "error") {
            Some(e) => codes::parse(e).ok_or(())?,
            None => 0,
        };
        let msg = get(t, &m, "msg").and_then(|v| phpjson::decode_string(v).or_else(|| (v != "null").then(|| v.to_string())));
        return Ok((error, msg.filter(|s| !s.is_empty())));
    }
    codes::parse(t).map(|e| (e, None)).ok_or(())
}

fn api_error(api: &Api, code: i64, msg: Option<String>, scope: &str) -> Error {
    let row = codes::lookup(code);
    Error::api(api.name, scope, code, row.name, row.explain, msg)
}

/// One response object with its `result` normalised (and `extra` members appended).
fn normalise(api: &Api, text: &str, extra: &[(&str, &str)]) -> Result<(String, i64, Option<String>)> {
    let m = members(text).ok_or_else(|| Error::new(Code::BadResponse, format!("{}: a response that is not an object", api.name)).with_endpoint(api.name))?;
    let (error, msg) = result_of(get(text, &m, "result")).map_err(|_| {
        Error::new(Code::BadResponse, format!("{}: an unreadable result {}", api.name, snippet(get(text, &m, "result").unwrap_or(""), 40)))
            .with_endpoint(api.name)
    })?;
    let mut out = String::with_capacity(text.len() + 32);
    out.push('{');
    let mut first = true;
    let mut push = |out: &mut String, k: &str, v: &str| {
        if !first {
            out.push(',');
        }
        first = false;
        phpjson::push_str(out, k, Options::RAW);
        out.push(':');
        out.push_str(v);
    };
    let mut saw_result = false;
    for (k, r) in &m {
        if k == "result" {
            saw_result = true;
            let mut v = format!("{{\"error\":{error},\"msg\":");
            phpjson::push_str(&mut v, msg.as_deref().unwrap_or(""), Options::RAW);
            v.push('}');
            push(&mut out, k, &v);
        } else if !extra.iter().any(|(ek, _)| ek == k) {
            push(&mut out, k, text[r.clone()].trim());
        }
    }
    if !saw_result {
        push(&mut out, "result", "{\"error\":0,\"msg\":\"\"}");
    }
    for (k, v) in extra {
        push(&mut out, k, v);
    }
    out.push('}');
    Ok((out, error, msg))
}

/// Interprets the answer to a request of `api`.
pub fn interpret(api: &Api, status: u16, body: &str, batch: bool) -> Result<Success> {
    let ok_status = (200..300).contains(&status);
    let trimmed = body.trim_start();
    let Some(top) = (if trimmed.is_empty() { None } else { members(body) }) else {
        let what = if trimmed.is_empty() {
            "an empty body"
        } else if trimmed.starts_with('<') {
            "an HTML page, not JSON — a proxy answered, or baseUrl/version is wrong"
        } else {
            "a body that is not JSON (cut off in transit?)"
        };
        let code = if ok_status { Code::BadResponse } else { Code::Http };
        return Err(Error::new(code, format!("{}: HTTP {status} with {what} (body starts {})", api.name, snippet(trimmed, 80)))
            .with_http_status(status)
            .with_endpoint(api.name));
    };
    let (error, msg) = result_of(get(body, &top, "result"))
        .map_err(|_| Error::new(Code::BadResponse, format!("{}: the answer's result is unreadable", api.name)).with_endpoint(api.name))?;
    if error != 0 {
        let mut e = api_error(api, error, msg, "failed");
        if !ok_status {
            e.http_status = Some(status);
        }
        return Err(e);
    }
    if !ok_status {
        return Err(Error::new(Code::Http, format!("{}: HTTP {status}", api.name)).with_http_status(status).with_endpoint(api.name));
    }
    let logs = get(body, &top, "logs").filter(|l| *l != "null" && *l != "\"\"").map(|l| phpjson::decode_string(l).unwrap_or_else(|| l.to_string()));
    let missing = |what: &str| Error::new(Code::BadResponse, format!("{}: the answer has no {what}", api.name)).with_endpoint(api.name);
    let data_text = get(body, &top, "data").ok_or_else(|| missing("data"))?;
    let data = members(data_text).ok_or_else(|| missing("data object"))?;
    if batch {
        let list = get(data_text, &data, "responses").or_else(|| get(data_text, &data, "response")).ok_or_else(|| missing("responses"))?;
        let items: Vec<&str> = if list.starts_with('[') {
            Transcoder::new(list, Options::RAW).item_ranges().map_err(|_| missing("responses array"))?.into_iter().map(|r| &list[r]).collect()
        } else {
            vec![list]
        };
        let mut out = String::from("[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&normalise(api, item, &[])?.0);
        }
        out.push(']');
        return Ok(Success { json: out, logs });
    }
    let response = get(data_text, &data, "response").ok_or_else(|| missing("response"))?;
    // getRecordsList puts `record` beside `response`; merge it in.
    let record = get(data_text, &data, "record");
    let extra: Vec<(&str, &str)> = if api.name == "getRecordsList" { vec![("record", record.filter(|r| r.starts_with('[')).unwrap_or("[]"))] } else { vec![] };
    let (json, error, msg) = normalise(api, response, &extra)?;
    if error != 0 {
        return Err(api_error(api, error, msg, "command failed"));
    }
    Ok(Success { json, logs })
}

#[cfg(test)]
mod tests {
    use super::super::api::by_method;
    use super::*;

    #[test]
    fn single_commands() {
        let api = by_method("agentStatus").unwrap();
        let body = r#"{"data":{"seq":"5271","response":{"seq":"1","userData":"u","result":{"error":0},"workStatus":"ONLINE","serverStatus":"IDLE"}},"logs":"","result":{"error":0,"msg":""}}"#;
        let s = interpret(api, 200, body, false).unwrap();
        assert_eq!(s.json, r#"{"seq":"1","userData":"u","result":{"error":0,"msg":""},"workStatus":"ONLINE","serverStatus":"IDLE"}"#);
        assert_eq!(s.logs, None);
        let empty_result = r#"{"data":{"seq":"1","response":{"seq":"","userData":"","result":""}},"logs":"debug!","result":{"error":"","msg":""}}"#;
        let s = interpret(by_method("agentLogin").unwrap(), 200, empty_result, false).unwrap();
        assert!(s.json.contains(r#""result":{"error":0,"msg":""}"#));
        assert_eq!(s.logs.as_deref(), Some("debug!"));
    }

    #[test]
    fn records_are_merged_into_the_response() {
        let api = by_method("recordsList").unwrap();
        let body = r#"{"result":{"error":0,"msg":"成功"},"data":{"seq":"5271","response":{"seq":"1","userData":null,"result":{"error":0}},"record":[{"key":"1","caller":"10086","callee":"26104935","filename":"","type":"4","agent":"","startTime":"1505992923","duration":"330"}]},"logs":null}"#;
        let s = interpret(api, 200, body, false).unwrap();
        assert!(
            s.json.ends_with(
                r#""record":[{"key":"1","caller":"10086","callee":"26104935","filename":"","type":"4","agent":"","startTime":"1505992923","duration":"330"}]}"#
            ),
            "{}",
            s.json
        );
    }

    #[test]
    fn failures() {
        let api = by_method("callNumber").unwrap();
        let auth = r#"{"result":{"error":1,"msg":"认证失败"},"data":null,"logs":""}"#;
        let e = interpret(api, 200, auth, false).unwrap_err();
        assert_eq!((e.code, e.api_code, e.api_name.as_deref(), e.api_msg.as_deref()), (Code::Api, Some(1), Some("E_S_AUTH_FAIL"), Some("认证失败")));
        let cmd = r#"{"result":{"error":0},"data":{"seq":1,"response":{"seq":1,"result":{"error":"0xF1000013","msg":"工号不存在"}}}}"#;
        let e = interpret(api, 200, cmd, false).unwrap_err();
        assert_eq!((e.api_code, e.api_name.as_deref()), (Some(0xF100_0013), Some("E_G_STAFF_NO_EXIST")));
        assert!(e.message.contains("command failed"));
        assert_eq!(interpret(api, 200, "<html>", false).unwrap_err().code, Code::BadResponse);
        assert_eq!(interpret(api, 502, "<html>", false).unwrap_err().code, Code::Http);
        assert_eq!(interpret(api, 200, "", false).unwrap_err().code, Code::BadResponse);
        assert_eq!(interpret(api, 200, r#"{"result":{"error":0},"data":{"seq":1,"resp"#, false).unwrap_err().code, Code::BadResponse);
        assert_eq!(interpret(api, 200, r#"{"result":{"error":0}}"#, false).unwrap_err().code, Code::BadResponse);
    }

    #[test]
    fn batches_keep_each_result() {
        let api = by_method("agentLogin").unwrap();
        let body =
            r#"{"result":{"error":0},"data":{"seq":1,"responses":[{"seq":1,"result":{"error":0}},{"seq":2,"result":{"error":4043309075,"msg":"no agent"}}]}}"#;
        let s = interpret(api, 200, body, true).unwrap();
        assert_eq!(s.json, r#"[{"seq":1,"result":{"error":0,"msg":""}},{"seq":2,"result":{"error":4043309075,"msg":"no agent"}}]"#);
    }
}
