//! The one error type of waihu's core.
//!
//! Every failure anywhere in the crate is an [`Error`]: a stable machine code
//! ([`Code`], surfaced to JavaScript as the string `err.code`), a message that
//! says what to fix, and optional context fields (which endpoint, which
//! argument, the platform's own code). The wasm layer turns it into a JS
//! `WaihuError` without adding or losing information.

use std::fmt;

/// Stable error codes. The string form (`as_str`) is part of the public API:
/// never rename one, only add.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// A missing, mistyped or out-of-range argument or option.
    InvalidArgument,
    /// A number PHP cannot encode (NaN, ±Infinity, overflow) or a BigInt.
    InvalidNumber,
    /// A string with a lone UTF-16 surrogate (PHP refuses to encode it).
    InvalidUnicode,
    /// Nesting deeper than PHP's `json_decode` accepts (511 levels).
    TooDeep,
    /// The same key twice in one object.
    DuplicateKey,
    /// Text that should have been JSON but is not.
    InvalidJson,
    /// A `user_sn` that cannot yield the AES key (`SYSUSER|` + 16 characters).
    InvalidUserSn,
    /// A `client_info_json` ciphertext that does not decrypt.
    BadCiphertext,
    /// More rows than the platform accepts in one request.
    TooManyRows,
    /// A lead row the platform would reject (first keys must be 姓名, 电话).
    InvalidRow,
    /// A call that needs a session before login.
    NoSession,
    /// The platform answered with an error code of its own.
    Api,
    /// An HTTP status outside 2xx.
    Http,
    /// No answer within `timeoutMs`.
    Timeout,
    /// The request never got an HTTP answer (DNS, refused, reset, CORS).
    Network,
    /// An answer that is not the JSON the platform sends.
    BadResponse,
    /// A write whose outcome is unknown (sent, but no answer was read).
    OutcomeUnknown,
    /// Some chunks of a multi-request import failed; the error says which rows.
    ImportIncomplete,
    /// A push notification whose signature does not verify.
    BadSignature,
    /// A push notification seen before (same seq inside the replay window).
    Replay,
    /// A push notification whose timestamp is too far from now.
    ClockSkew,
    /// The wasm module was used before `init()` finished.
    NotInitialized,
    /// An input over the documented ceiling (checked before it is copied
    /// into wasm memory), or a webhook body over `maxBodyBytes`.
    TooLarge,
    /// An answer longer than the client's `maxResponseBytes`: its reading
    /// was stopped and the request aborted.
    ResponseTooLarge,
    /// The server answered with a redirect the client must not follow (to
    /// another origin, from https to http, or with a request body).
    Redirect,
    /// The module trapped (a bug of waihu's); it was restarted.
    Internal,
    /// The call's `AbortSignal` fired: it stopped at once and was not
    /// repeated (a write already sent may or may not have taken effect).
    Aborted,
}

impl Code {
    /// Every code, for tables and tests.
    pub const ALL: [Code; 27] = [
        Code::InvalidArgument,
        Code::InvalidNumber,
        Code::InvalidUnicode,
        Code::TooDeep,
        Code::DuplicateKey,
        Code::InvalidJson,
        Code::InvalidUserSn,
        Code::BadCiphertext,
        Code::TooManyRows,
        Code::InvalidRow,
        Code::NoSession,
        Code::Api,
        Code::Http,
        Code::Timeout,
        Code::Network,
        Code::BadResponse,
        Code::OutcomeUnknown,
        Code::ImportIncomplete,
        Code::BadSignature,
        Code::Replay,
        Code::ClockSkew,
        Code::NotInitialized,
        Code::TooLarge,
        Code::ResponseTooLarge,
        Code::Redirect,
        Code::Internal,
        Code::Aborted,
    ];

    /// The stable string form, e.g. `"INVALID_USER_SN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::InvalidNumber => "INVALID_NUMBER",
            Code::InvalidUnicode => "INVALID_UNICODE",
            Code::TooDeep => "TOO_DEEP",
            Code::DuplicateKey => "DUPLICATE_KEY",
            Code::InvalidJson => "INVALID_JSON",
            Code::InvalidUserSn => "INVALID_USER_SN",
            Code::BadCiphertext => "BAD_CIPHERTEXT",
            Code::TooManyRows => "TOO_MANY_ROWS",
            Code::InvalidRow => "INVALID_ROW",
            Code::NoSession => "NO_SESSION",
            Code::Api => "API",
            Code::Http => "HTTP",
            Code::Timeout => "TIMEOUT",
            Code::Network => "NETWORK",
            Code::BadResponse => "BAD_RESPONSE",
            Code::OutcomeUnknown => "OUTCOME_UNKNOWN",
            Code::ImportIncomplete => "IMPORT_INCOMPLETE",
            Code::BadSignature => "BAD_SIGNATURE",
            Code::Replay => "REPLAY",
            Code::ClockSkew => "CLOCK_SKEW",
            Code::NotInitialized => "NOT_INITIALIZED",
            Code::TooLarge => "TOO_LARGE",
            Code::ResponseTooLarge => "RESPONSE_TOO_LARGE",
            Code::Redirect => "REDIRECT",
            Code::Internal => "INTERNAL",
            Code::Aborted => "ABORTED",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure with its code, a message that says what to fix, and context.
/// Boxed: a `Result` stays one pointer wide, which keeps the wasm small.
#[derive(Clone, Debug, PartialEq)]
pub struct Error(Box<Details>);

/// The fields of an [`Error`] (reached through `Deref`).
#[derive(Clone, Debug, PartialEq)]
pub struct Details {
    pub code: Code,
    pub message: String,
    /// The argument or JSON path at fault, e.g. `params.from` or `rows[3]`.
    pub path: Option<String>,
    /// The platform endpoint or API name involved, e.g. `addJson`.
    pub endpoint: Option<String>,
    /// The HTTP status, when there was one.
    pub http_status: Option<u16>,
    /// The platform's own error code (小A `code`, SCCC `result.error`, 八百呼 `code`).
    pub api_code: Option<i64>,
    /// The platform's own message, verbatim.
    pub api_msg: Option<String>,
    /// The platform's symbolic name for `api_code` (e.g. `E_S_AUTH_FAIL`).
    pub api_name: Option<String>,
    /// A lead row index (0-based) for row errors.
    pub row: Option<usize>,
    /// The error this one wraps (e.g. the timeout behind OUTCOME_UNKNOWN).
    pub cause: Option<Box<Error>>,
    /// How long the server asked to wait before trying again (its
    /// `Retry-After`), when that was longer than the client waits.
    pub retry_after_ms: Option<u64>,
    /// The request certainly never reached the server (connection refused,
    /// DNS): safe to repeat even for a write. Not exposed to JS.
    pub not_sent: bool,
}

impl std::ops::Deref for Error {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

impl Error {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error(Box::new(Details {
            code,
            message: message.into(),
            path: None,
            endpoint: None,
            http_status: None,
            api_code: None,
            api_msg: None,
            api_name: None,
            row: None,
            cause: None,
            retry_after_ms: None,
            not_sent: false,
        }))
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(Code::InvalidArgument, message)
    }

    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// A platform's own error answer: `{endpoint} {scope} with {code} {name}:
    /// {explain} (platform: {msg})`, with the code, its name and the
    /// platform's words as fields. Every platform's reply reader uses it.
    pub fn api(endpoint: &str, scope: &str, code: i64, name: &str, explain: &str, platform_msg: Option<String>) -> Error {
        // The platform's words may echo the request: never its secrets.
        let platform_msg = platform_msg.map(|m| super::redact::redact(&m));
        let said = platform_msg.as_deref().map(|m| format!(" (platform: {m})")).unwrap_or_default();
        let mut e = Error::new(Code::Api, format!("{endpoint} {scope} with {code} {name}: {explain}{said}")).with_endpoint(endpoint);
        e.api_code = Some(code);
        e.api_name = Some(name.to_string());
        e.api_msg = platform_msg;
        e
    }

    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    pub fn with_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    pub fn with_http_status(mut self, status: u16) -> Self {
        self.http_status = Some(status);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Shortens user-supplied text for inclusion in a message.
pub fn preview(s: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// `s` (shortened to `max_chars`) in double quotes, with `"`, `\\` and
/// control characters escaped: the quoting of `{:?}` without the Unicode
/// tables `Debug` pulls into the module.
pub fn quote(s: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max_chars * 4) + 2);
    out.push('"');
    for c in preview(s, max_chars).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u{");
                if (c as usize) >= 16 {
                    out.push(HEX[(c as usize) >> 4] as char);
                }
                out.push(HEX[(c as usize) & 15] as char);
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The candidate closest to `word` (case-insensitive edit distance ≤ 2,
/// and less than half the word; or the word's completion), for "did you
/// mean …?" hints.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w: Vec<char> = word.to_ascii_lowercase().chars().collect();
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if w.len() >= 3 && c.to_ascii_lowercase().starts_with(&lower) && c.len() > word.len() && best.is_none() {
            best = Some((3, c));
        }
        let v: Vec<char> = c.to_ascii_lowercase().chars().collect();
        let mut prev: Vec<usize> = (0..=v.len()).collect();
        for (i, a) in w.iter().enumerate() {
            let mut cur = vec![i + 1; v.len() + 1];
            for (j, b) in v.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(a != b)).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        let d = prev[v.len()];
        if d <= 2 && d * 2 < w.len().max(1) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("calee", ["agent", "callee"]), Some("callee"));
        assert_eq!(did_you_mean("pageindex", ["pageIndex", "pageSize"]), Some("pageIndex"));
        assert_eq!(did_you_mean("x", ["y"]), None);
        assert_eq!(did_you_mean("zzzz", ["callee"]), None);
        assert_eq!(did_you_mean("phone", ["phoneNum"]), Some("phoneNum"));
    }

    #[test]
    fn codes_are_unique_and_screaming_snake() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate {s}");
            assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "{s}");
        }
    }

    #[test]
    fn preview_truncates_on_char_boundaries() {
        assert_eq!(preview("姓名电话", 2), "姓名…");
        assert_eq!(preview("ab", 5), "ab");
    }

    #[test]
    fn quote_matches_debug_for_what_messages_show() {
        for s in ["callee", "a\"b", "back\\slash", "line\nbreak\ttab\r", "姓名", "\u{1}\u{7f}", ""] {
            assert_eq!(quote(s, 100), format!("{s:?}"), "{s}");
        }
        assert_eq!(quote("姓名电话", 2), "\"姓名…\"");
    }
}
