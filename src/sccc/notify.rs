//! SCCC push notifications (sections 17–25): the call center POSTs
//! `{ authentication, notify, param }` to the customer's server, signed like
//! requests (三.2: with the push credentials, or the request credentials when
//! those are unset). A receiver must check the digest before trusting it.

use crate::core::error::quote;
use std::collections::{HashMap, VecDeque};

use super::digest;
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::{Code, Error, Result};

/// The notification types; 弹屏 (19) carries no `type` and is called `popup`.
pub const TYPES: [&str; 7] = ["callstart", "callend", "popup", "callin", "callout", "billing", "taskinfo"];

/// Fields that are numbers in the document but may arrive as strings.
const NUMERIC: [&str; 6] = ["call_type", "status", "purpose", "calleeAmount", "remainAmount", "timeLength"];

/// What a receiver checks.
#[derive(Clone, Debug)]
pub struct Expect<'a> {
    /// The customer the notification must be for (None: any, as signed).
    pub customer: Option<&'a str>,
    pub password: &'a str,
    /// Refuse timestamps further than this from now (ms).
    pub max_skew_ms: Option<f64>,
}

/// A verified notification.
#[derive(Debug, PartialEq)]
pub struct Verified {
    pub customer: String,
    pub seq: String,
    pub timestamp: i64,
    /// `{ type, customer, timestamp, seq, notify, param }` as JSON.
    pub json: String,
}

fn bad(msg: String) -> Error {
    Error::new(Code::InvalidArgument, msg)
}

/// Equal in constant time (for equal lengths), hex case-insensitive.
fn digest_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x.to_ascii_lowercase() ^ y.to_ascii_lowercase())) == 0
}

/// A scalar member as text (strings decoded, numbers as written).
fn text_of(v: &str) -> Option<String> {
    let v = v.trim();
    phpjson::decode_string(v).or_else(|| (v != "null" && !v.starts_with(['{', '['])).then(|| v.to_string()))
}

/// Verifies the signature (and clock) of a notification body and returns it typed.
pub fn verify(body: &str, expect: &Expect, now_ms: f64) -> Result<Verified> {
    let body = body.trim();
    let top = Transcoder::new(body, Options::RAW)
        .raw_members()
        .map_err(|e| Error::new(Code::InvalidJson, format!("the notification is not a JSON object ({}); it starts {}", e.message, quote(body, 40))))?;
    let get = |k: &str| top.iter().find(|m| m.0 == k).map(|m| &body[m.1.clone()]);
    let auth_text =
        get("authentication").ok_or_else(|| Error::new(Code::BadSignature, "the notification has no authentication block: it cannot be trusted"))?;
    let auth =
        Transcoder::new(auth_text, Options::RAW).raw_members().map_err(|_| Error::new(Code::BadSignature, "the authentication block is not an object"))?;
    let field = |k: &str| auth.iter().find(|m| m.0 == k).and_then(|m| text_of(&auth_text[m.1.clone()])).unwrap_or_default();
    let (customer, timestamp, seq, received) = (field("customer"), field("timestamp"), field("seq"), field("digest"));
    if customer.is_empty() || timestamp.is_empty() || seq.is_empty() || received.is_empty() {
        return Err(Error::new(Code::BadSignature, "the authentication block lacks customer, timestamp, seq or digest"));
    }
    if let Some(want) = expect.customer {
        if customer != want {
            return Err(Error::new(Code::BadSignature, format!("the notification is for customer {}, not {}", quote(&customer, 30), quote(want, 30))));
        }
    }
    let expected = digest::digest(&customer, &timestamp, &seq, expect.password);
    if !digest_eq(&expected, &received) {
        return Err(Error::new(Code::BadSignature, "the digest does not match: not signed with this password (or altered); refuse it"));
    }
    let ts: i64 =
        timestamp.parse().map_err(|_| Error::new(Code::BadSignature, format!("timestamp {} is not a number of milliseconds", quote(&timestamp, 20))))?;
    if let Some(max) = expect.max_skew_ms {
        let skew = (now_ms - ts as f64).abs();
        if skew > max {
            return Err(Error::new(
                Code::ClockSkew,
                format!(
                    "the notification's timestamp is {} s from now (allowed {} s): replayed or a wrong clock",
                    (skew / 1000.0).round() as i64,
                    (max / 1000.0).round() as i64
                ),
            ));
        }
    }
    let notify_text = get("notify").ok_or_else(|| bad("the notification has no `notify` block".into()))?;
    let notify = Transcoder::new(notify_text, Options::RAW).raw_members().map_err(|_| bad("`notify` is not an object".into()))?;
    let kind = notify.iter().find(|m| m.0 == "type").and_then(|m| text_of(&notify_text[m.1.clone()])).unwrap_or_else(|| "popup".to_string());
    let mut out = String::with_capacity(body.len() + 64);
    out.push_str("{\"type\":");
    phpjson::push_str(&mut out, &kind, Options::RAW);
    out.push_str(",\"customer\":");
    phpjson::push_str(&mut out, &customer, Options::RAW);
    out.push_str(&format!(",\"timestamp\":{ts},\"seq\":"));
    phpjson::push_str(&mut out, &seq, Options::RAW);
    out.push_str(",\"notify\":{");
    let mut first = true;
    for (k, r) in &notify {
        let v = notify_text[r.clone()].trim();
        if !first {
            out.push(',');
        }
        first = false;
        phpjson::push_str(&mut out, k, Options::RAW);
        out.push(':');
        match phpjson::decode_string(v) {
            Some(n) if NUMERIC.contains(&k.as_str()) && !n.is_empty() && crate::core::float::is_json_number(n.trim()) => out.push_str(n.trim()),
            _ => out.push_str(v),
        }
    }
    if !notify.iter().any(|m| m.0 == "type") {
        if !first {
            out.push(',');
        }
        out.push_str("\"type\":\"popup\"");
    }
    out.push_str("},\"param\":");
    out.push_str(get("param").map(str::trim).filter(|p| p.starts_with('{')).unwrap_or("null"));
    out.push('}');
    Ok(Verified { customer, seq, timestamp: ts, json: out })
}

/// The key a notification is remembered by: its signed triple. A replay of a
/// captured authentication block repeats all three; the platform can only
/// sign a new triple.
pub fn replay_key(customer: &str, timestamp: i64, seq: &str) -> String {
    format!("{customer}\u{0}{timestamp}\u{0}{seq}")
}

/// Remembers recently accepted notifications to refuse replays. Memory is
/// bounded: at most [`ReplayGuard::MAX`] keys, the oldest forgotten first.
#[derive(Default)]
pub struct ReplayGuard {
    seen: HashMap<String, f64>,
    order: VecDeque<(f64, String)>,
}

impl ReplayGuard {
    /// Most entries kept, whatever the window (memory bound: ~10 MB).
    pub const MAX: usize = 100_000;

    fn prune(&mut self, now_ms: f64, window_ms: f64) {
        while let Some((at, key)) = self.order.front() {
            if now_ms - *at > window_ms || self.order.len() > Self::MAX {
                if self.seen.get(key) == Some(at) {
                    self.seen.remove(key);
                }
                self.order.pop_front();
            } else {
                break;
            }
        }
    }

    /// How long ago `key` was remembered, if within `window_ms`.
    pub fn seen(&mut self, key: &str, now_ms: f64, window_ms: f64) -> Option<f64> {
        self.prune(now_ms, window_ms);
        self.seen.get(key).map(|at| now_ms - at).filter(|ago| *ago <= window_ms)
    }

    /// Records `key` as accepted now.
    pub fn remember(&mut self, key: String, now_ms: f64) {
        self.seen.insert(key.clone(), now_ms);
        self.order.push_back((now_ms, key));
        while self.order.len() > Self::MAX {
            if let Some((at, key)) = self.order.pop_front() {
                if self.seen.get(&key) == Some(&at) {
                    self.seen.remove(&key);
                }
            }
        }
    }

    /// [`Self::seen`] then [`Self::remember`]: fails if `key` was accepted within `window_ms`.
    pub fn check(&mut self, key: &str, now_ms: f64, window_ms: f64) -> Result<()> {
        if let Some(ago) = self.seen(key, now_ms, window_ms) {
            return Err(replayed(ago));
        }
        self.remember(key.to_string(), now_ms);
        Ok(())
    }
}

/// The error for a notification accepted `ago_ms` before.
pub fn replayed(ago_ms: f64) -> Error {
    Error::new(
        Code::Replay,
        format!(
            "this notification (the same customer, timestamp and seq) was already accepted {} s ago: a replay or a duplicate delivery",
            (ago_ms / 1000.0).round() as i64
        ),
    )
}

/// The answer a receiver sends back: `{"result":{"error":0,"msg":""}}` on
/// success, else the SCCC error code for `code` (1 authentication, 8 a
/// malformed or oversized message, -1 the receiver's own failure) with a
/// generic message. The caller may be anyone: the answer never says which
/// customer was expected, what the digest should have been, or what the
/// app's handler threw (the app gets those details through `onError`).
pub fn answer(code: Option<Code>) -> String {
    let (error, msg) = match code {
        None => (0, ""),
        Some(Code::BadSignature | Code::ClockSkew) => (1, "authentication failed"),
        Some(Code::Replay) => (1, "duplicate notification"),
        Some(Code::TooLarge) => (8, "message too large"),
        Some(Code::InvalidJson | Code::InvalidArgument) => (8, "malformed message"),
        Some(Code::Timeout) => (8, "message incomplete"),
        Some(_) => (-1, "the receiver could not process the notification; send it again"),
    };
    format!("{{\"result\":{{\"error\":{error},\"msg\":\"{msg}\"}}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PW: &str = "E416D0F85DC0CB67C85E070A32D9F0123AFF4762";

    fn signed(ts: i64, seq: &str, notify: &str) -> String {
        let d = digest::digest("C2", &ts.to_string(), seq, PW);
        format!(
            r#"{{"authentication":{{"customer":"C2","digest":"{d}","seq":"{seq}","timestamp":"{ts}"}},"notify":{notify},"param":{{"debug":"","lang":""}}}}"#
        )
    }

    fn expect() -> Expect<'static> {
        Expect { customer: Some("C2"), password: PW, max_skew_ms: Some(60_000.0) }
    }

    #[test]
    fn a_signed_callstart_verifies() {
        let body = signed(
            1471918933001,
            "5271",
            r#"{"type":"callstart","customer":"C2","agent":"1000","number":"13800000000","call_type":"1","seq":"7","userData":"u"}"#,
        );
        let v = verify(&body, &expect(), 1471918933001.0 + 5000.0).unwrap();
        assert_eq!((v.customer.as_str(), v.seq.as_str(), v.timestamp), ("C2", "5271", 1471918933001));
        assert!(v.json.starts_with(r#"{"type":"callstart","customer":"C2","timestamp":1471918933001,"seq":"5271","notify":{"type":"callstart""#), "{}", v.json);
        assert!(v.json.contains(r#""call_type":1"#));
        // Upper-case hex digests are accepted.
        let upper = body.replace(&digest::digest("C2", "1471918933001", "5271", PW), &digest::digest("C2", "1471918933001", "5271", PW).to_uppercase());
        assert!(verify(&upper, &expect(), 1471918933001.0).is_ok());
    }

    #[test]
    fn popups_have_no_type() {
        let body = signed(1000, "1", r#"{"customer":"C2","agent":"","number":"13800000000","call_type":"0","seq":"9"}"#);
        let v = verify(&body, &Expect { max_skew_ms: None, ..expect() }, 0.0).unwrap();
        assert!(v.json.starts_with(r#"{"type":"popup""#) && v.json.contains(r#""type":"popup"}"#), "{}", v.json);
    }

    #[test]
    fn bad_notifications_are_refused() {
        let ok = signed(1000, "1", r#"{"type":"callend"}"#);
        let tampered = ok.replace("callend", "billing");
        assert_eq!(
            verify(&tampered, &Expect { max_skew_ms: None, ..expect() }, 0.0).map(|_| ()),
            Ok(()),
            "the digest does not cover notify (by design of the protocol)"
        );
        let wrong_pw = Expect { password: "nope", max_skew_ms: None, ..expect() };
        assert_eq!(verify(&ok, &wrong_pw, 0.0).unwrap_err().code, Code::BadSignature);
        assert_eq!(verify(&ok, &Expect { customer: Some("C3"), max_skew_ms: None, ..expect() }, 0.0).unwrap_err().code, Code::BadSignature);
        assert_eq!(verify(&ok, &expect(), 10_000_000.0).unwrap_err().code, Code::ClockSkew);
        assert_eq!(verify("{", &expect(), 0.0).unwrap_err().code, Code::InvalidJson);
        assert_eq!(verify(r#"{"notify":{}}"#, &expect(), 0.0).unwrap_err().code, Code::BadSignature);
        let no_digest = r#"{"authentication":{"customer":"C2","seq":"1","timestamp":"1"},"notify":{}}"#;
        assert_eq!(verify(no_digest, &expect(), 0.0).unwrap_err().code, Code::BadSignature);
    }

    #[test]
    fn replays_within_the_window_are_refused() {
        let mut g = ReplayGuard::default();
        let k1 = replay_key("C2", 1000, "1");
        g.check(&k1, 0.0, 1000.0).unwrap();
        assert_eq!(g.check(&k1, 500.0, 1000.0).unwrap_err().code, Code::Replay);
        g.check(&replay_key("C2", 1000, "2"), 600.0, 1000.0).unwrap();
        g.check(&replay_key("C2", 1001, "1"), 700.0, 1000.0).unwrap();
        g.check(&k1, 2000.0, 1000.0).unwrap();
        assert_eq!(g.seen.len(), 1, "entries older than the window are dropped");
        // seen() does not record: a failed delivery can come again.
        let k = replay_key("C2", 5, "9");
        assert_eq!(g.seen(&k, 3000.0, 1000.0), None);
        assert_eq!(g.seen(&k, 3001.0, 1000.0), None);
        g.remember(k.clone(), 3002.0);
        assert_eq!(g.seen(&k, 3500.0, 1000.0), Some(498.0));
    }

    #[test]
    fn the_guard_is_bounded() {
        let mut g = ReplayGuard::default();
        for i in 0..ReplayGuard::MAX + 10 {
            g.remember(format!("k{i}"), 0.0);
        }
        assert_eq!((g.seen.len(), g.order.len()), (ReplayGuard::MAX, ReplayGuard::MAX));
        assert_eq!(g.seen("k0", 0.0, 1e9), None, "the oldest went first");
    }

    #[test]
    fn answers() {
        assert_eq!(answer(None), r#"{"result":{"error":0,"msg":""}}"#);
        assert_eq!(answer(Some(Code::BadSignature)), r#"{"result":{"error":1,"msg":"authentication failed"}}"#);
        assert_eq!(answer(Some(Code::TooLarge)), r#"{"result":{"error":8,"msg":"message too large"}}"#);
        assert!(answer(Some(Code::Network)).starts_with(r#"{"result":{"error":-1,"#));
    }
}
