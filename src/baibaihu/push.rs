//! The third-party push of 2.10.4: the 八百呼 server calls the customer's URL
//! with `type` (1 ringing out, 2 answered, 3 hung up, 4 recording), `peer`
//! (1 outbound, 2 inbound), `phone` and, on hang-up, `memo`: the call record
//! as JSON. The receiver answers `{"code":0,"message":"OK"}`.

use crate::core::error::quote;
use crate::core::keys::survivors;
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::uri::decode_component;
use crate::core::{Code, Error, Result};

/// The answer a receiver sends back.
pub const ACK: &str = "{\"code\":0,\"message\":\"OK\"}";

/// memo fields that are numbers in the record (2.4.1 / 2.10.4).
const NUMERIC: [&str; 5] = ["cdrId", "cdrTalktime", "cdrChargingTimes", "cdrPeer", "cdrHangupReasonCode"];

/// Parses the push given as a query string (with or without `?`, or a full
/// URL) into JSON: `{ type, peer, phone, memo, … }` with memo parsed.
pub fn parse_query(query: &str) -> Result<String> {
    let q = query.trim();
    let q = match q.find('?') {
        Some(i) => &q[i + 1..],
        None => q,
    };
    let q = q.split('#').next().unwrap_or("");
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in q.split('&').filter(|p| !p.is_empty()) {
        if pairs.len() == crate::core::phpjson::MAX_MEMBERS {
            return Err(Error::new(Code::TooLarge, "more than 1000000 parameters: not a 八百呼 push"));
        }
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((decode_component(k, true), decode_component(v, true)));
    }
    parse_pairs(&pairs)
}

/// Parses the push given as (name, value) pairs (already decoded).
pub fn parse_pairs(pairs: &[(String, String)]) -> Result<String> {
    // Each name once, at its first position, with its last value: found by
    // one sort, not a scan per parameter (a caller may send 200,000).
    let plan = survivors(pairs, |p| p.0.as_str()).unwrap_or_else(|| (0..pairs.len()).map(|i| (i, i)).collect());
    let named: Vec<(&str, &str)> = plan.iter().map(|&(first, last)| (pairs[first].0.as_str(), pairs[last].1.as_str())).collect();
    let get = |k: &str| named.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    let kind = get("type").and_then(|t| t.trim().parse::<u8>().ok()).filter(|t| (1..=4).contains(t)).ok_or_else(|| {
        Error::invalid(format!(
            "not a 八百呼 push: `type` must be 1 (ringing), 2 (answered), 3 (hung up) or 4 (recording), got {}",
            quote(get("type").unwrap_or(""), 20)
        ))
        .with_path("type")
    })?;
    let peer = match get("peer").map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<u8>()
                .ok()
                .filter(|p| *p == 1 || *p == 2)
                .ok_or_else(|| Error::invalid("`peer` must be 1 (outbound) or 2 (inbound)").with_path("peer"))?,
        ),
    };
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(format!("{{\"type\":{kind},\"peer\":{}", peer.map_or("null".to_string(), |p| p.to_string())).as_bytes());
    out.extend_from_slice(b",\"phone\":");
    match get("phone") {
        Some(p) => phpjson::write_str(&mut out, p, Options::RAW),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"memo\":");
    match get("memo").map(str::trim).filter(|m| !m.is_empty()) {
        None => out.extend_from_slice(b"null"),
        Some(memo) => {
            let members = Transcoder::new(memo, Options::RAW).raw_members().map_err(|e| {
                Error::new(Code::InvalidJson, format!("the push's memo is not a JSON object ({}): {}", e.message, quote(memo, 40))).with_path("memo")
            })?;
            out.push(b'{');
            for (i, (k, r)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                phpjson::write_str(&mut out, k, Options::RAW);
                out.push(b':');
                let v = memo[r.clone()].trim();
                match phpjson::decode_string(v) {
                    Some(n) if NUMERIC.contains(&k.as_str()) && !n.is_empty() && crate::core::float::is_json_number(&n) => out.extend_from_slice(n.as_bytes()),
                    _ => out.extend_from_slice(v.as_bytes()),
                }
            }
            out.push(b'}');
        }
    }
    // Any other parameter (a custom `paramvalue`…), once each, last value wins.
    for (k, v) in &named {
        if ["type", "peer", "phone", "memo"].contains(k) {
            continue;
        }
        out.push(b',');
        phpjson::write_str(&mut out, k, Options::RAW);
        out.push(b':');
        phpjson::write_str(&mut out, v, Options::RAW);
    }
    out.push(b'}');
    String::from_utf8(out).map_err(|_| Error::invalid("internal: non-UTF-8 push"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_example_parses() {
        let q = "http://127.0.0.1/api/voip.json?type=3&phone=13688888888&peer=1&memo=%7B%22cdrId%22%3A23%2C%22cdrExtension%22%3A%222323232%22%2C%22cdrTalktime%22%3A%2215%22%2C%22cdrRecordFile%22%3A%22201810%2F17%2Fa.wav%22%2C%22paramvalue%22%3A%22a%3Db%22%7D";
        let out = parse_query(q).unwrap();
        assert_eq!(
            out,
            r#"{"type":3,"peer":1,"phone":"13688888888","memo":{"cdrId":23,"cdrExtension":"2323232","cdrTalktime":15,"cdrRecordFile":"201810/17/a.wav","paramvalue":"a=b"}}"#
        );
        assert!(parse_query("type=1&peer=2&phone=13800000000").unwrap().ends_with(r#""memo":null}"#));
        assert!(parse_query("type=2&phone=1&extra=x").unwrap().ends_with(r#""memo":null,"extra":"x"}"#));
    }

    #[test]
    fn bad_pushes() {
        assert_eq!(parse_query("type=9").unwrap_err().path.as_deref(), Some("type"));
        assert_eq!(parse_query("phone=1").unwrap_err().path.as_deref(), Some("type"));
        assert_eq!(parse_query("type=3&peer=7").unwrap_err().path.as_deref(), Some("peer"));
        assert_eq!(parse_query("type=3&memo=%7Bbroken").unwrap_err().code, Code::InvalidJson);
    }
}
