//! The push of a finished call (9.2): the platform POSTs the call's CRM
//! record to the callback URL about a minute after hang-up, retries up to 3
//! times until the receiver answers the plain string `SUCCESS`, and may send
//! the same record more than once (deduplicate on `sn`).

use super::talk;
use crate::core::error::quote;
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::{Code, Error, Result};

/// What a receiver must answer for the platform to stop retrying.
pub const ACK: &str = "SUCCESS";

/// Integer fields that sometimes arrive as strings (`"rec_sex":"0"`).
const INTEGERS: [&str; 4] = ["id", "talktimes", "asks_count", "rec_sex"];

/// Parses a push body (JSON text) into a normalised record (JSON text):
/// every field kept, `talk_info` as parsed turns, integer fields as numbers.
pub fn parse(body: &str) -> Result<String> {
    let t = body.trim();
    let members = Transcoder::new(t, Options::RAW)
        .raw_members()
        .map_err(|e| Error::new(Code::InvalidJson, format!("the push body is not a JSON object ({}); it starts {}", e.message, quote(t, 40))))?;
    let has_sn = members.iter().any(|m| m.0 == "sn" && phpjson::decode_string(&t[m.1.clone()]).is_some_and(|s| !s.is_empty()));
    if !has_sn {
        return Err(Error::invalid("not a 9.2 call push: `sn` (the record's unique id) is missing").with_path("sn"));
    }
    let mut out = String::with_capacity(t.len() + 64);
    out.push('{');
    let mut saw_talk = false;
    for (i, (k, r)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        phpjson::push_str(&mut out, k, Options::RAW);
        out.push(':');
        let v = t[r.clone()].trim();
        if k == "talk_info" {
            saw_talk = true;
            out.push_str(&talk::to_json(&talk::parse_json(v)?));
        } else if INTEGERS.contains(&k.as_str()) {
            match phpjson::decode_string(v).as_deref().map(str::trim) {
                Some(s) if !s.is_empty() && s.parse::<i64>().is_ok() => out.push_str(s),
                Some("") => out.push_str("null"),
                _ => out.push_str(v),
            }
        } else {
            out.push_str(v);
        }
    }
    if !saw_talk {
        if !members.is_empty() {
            out.push(',');
        }
        out.push_str("\"talk_info\":[]");
    }
    out.push('}');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_push_parses() {
        let body = r#"{"id":37,"sn":"account|xxxxxxxx","user_name":"test","phone":"12345678901","talktimes":100,"endreason":"主动挂机",
            "recordpath":"/mnt/record","recordfile":"/20190122/a.wav",
            "talk_info":[{"vocfile":"/q.wav","caption":"您好","title":"01 打招呼+开场白","answer":"","fenduanluyin":"","outType":null},
                         {"vocfile":"listen","caption":"listen","title":"listen","answer":"有啊。","fenduanluyin":"/mnt/record/x.mp3","outType":null}],
            "labelling":null,"score":null,"status":"A","rec_sex":"0","source":"测试名称"}"#;
        let out = parse(body).unwrap();
        assert!(out.contains(r#""rec_sex":0"#), "{out}");
        assert!(out.contains(r#""answer":"有啊。""#));
        assert!(out.contains(r#""status":"A""#));
        assert_eq!(talk::parse_json(&out[out.find("\"talk_info\":").unwrap() + 12..out.find(",\"labelling\"").unwrap()]).unwrap().len(), 2);
    }

    #[test]
    fn bad_pushes_are_typed_errors() {
        assert_eq!(parse("SUCCESS").unwrap_err().code, Code::InvalidJson);
        assert_eq!(parse(r#"{"id":1}"#).unwrap_err().path.as_deref(), Some("sn"));
        // The document's example ends with `"source":测试名称` (not JSON).
        assert_eq!(parse(r#"{"sn":"a","source":测试名称}"#).unwrap_err().code, Code::InvalidJson);
        assert!(parse(r#"{"sn":"a"}"#).unwrap().contains(r#""talk_info":[]"#));
        assert!(parse(r###"{"sn":"a","talk_info":"##v@@a#@r"}"###).unwrap().contains(r#""fenduanluyin":"r""#));
    }
}
