//! The login session (7.1): `user_sn` + `api_key`, valid for two hours
//! (`api_key_expire`, Unix seconds). One account has one valid key at a
//! time: a new login invalidates the previous key for every holder.

use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::{Code, Error, Result};

/// Renew this long before `api_key_expire` (clocks differ; requests take time).
pub const RENEW_BEFORE_S: i64 = 120;

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub user_sn: String,
    pub api_key: String,
    /// Unix seconds; None when the platform did not say.
    pub api_key_expire: Option<i64>,
    /// The login `data` object as the platform sent it (handed to JS verbatim).
    pub json: String,
}

impl Session {
    /// Reads a login `data` object (or a session persisted by the app).
    pub fn from_json(text: &str, what: &str) -> Result<Session> {
        let bad = |why: String| Error::new(Code::BadResponse, format!("{what}: {why}"));
        let members = Transcoder::new(text, Options::RAW).raw_members().map_err(|e| bad(format!("not a JSON object ({})", e.message)))?;
        let get = |k: &str| members.iter().find(|m| m.0 == k).map(|m| text[m.1.clone()].trim());
        let string = |k: &str| -> Result<String> {
            let raw = get(k).ok_or_else(|| bad(format!("`{k}` is missing")))?;
            phpjson::decode_string(raw).filter(|s| !s.is_empty()).ok_or_else(|| bad(format!("`{k}` must be a non-empty string")))
        };
        let user_sn = string("user_sn")?;
        let api_key = string("api_key")?;
        let api_key_expire = match get("api_key_expire") {
            None | Some("null") => None,
            Some(t) => Some(
                t.trim_matches('"').parse::<i64>().map_err(|_| bad(format!("`api_key_expire` is not a Unix time: {}", crate::core::redact::snippet(t, 30))))?,
            ),
        };
        Ok(Session { user_sn, api_key, api_key_expire, json: text.trim().to_string() })
    }

    /// True when the key should be renewed before the next request.
    pub fn needs_renewal(&self, now_ms: f64) -> bool {
        match self.api_key_expire {
            Some(exp) => (exp - RENEW_BEFORE_S) as f64 * 1000.0 <= now_ms,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGIN: &str = r#"{"user_name":"hln","user_sn":"SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c","team_name":"测试","expired":"2019-03-08","ai_count":5,"caller_group":"900002","api_key":"VjOgQZMm","api_key_expire":1524453752}"#;

    #[test]
    fn reads_the_document_example() {
        let s = Session::from_json(LOGIN, "login").unwrap();
        assert_eq!((s.user_sn.as_str(), s.api_key.as_str(), s.api_key_expire), ("SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c", "VjOgQZMm", Some(1524453752)));
        assert_eq!(s.json, LOGIN);
        assert!(s.needs_renewal(1524453752.0 * 1000.0 - 60_000.0));
        assert!(!s.needs_renewal(1524453752.0 * 1000.0 - 600_000.0));
    }

    #[test]
    fn refuses_what_cannot_sign() {
        assert!(Session::from_json(r#"{"user_sn":"x"}"#, "login").is_err());
        assert!(Session::from_json(r#"{"user_sn":"x","api_key":""}"#, "login").is_err());
        assert!(Session::from_json(r#"{"user_sn":1,"api_key":"k"}"#, "login").is_err());
        assert!(Session::from_json(r#"{"user_sn":"s","api_key":"k","api_key_expire":"soon"}"#, "login").is_err());
        let s = Session::from_json(r#"{"user_sn":"s","api_key":"k","api_key_expire":"1524453752"}"#, "session").unwrap();
        assert_eq!(s.api_key_expire, Some(1524453752));
        assert!(!Session::from_json(r#"{"user_sn":"s","api_key":"k"}"#, "x").unwrap().needs_renewal(f64::MAX));
    }
}
