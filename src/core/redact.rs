//! Keeping secrets out of messages. A server may echo the request it got (a
//! gateway's error page with the URL, a login answer quoting the body), and
//! fetch implementations put the URL in their errors: whatever a peer or a
//! runtime says passes through [`redact`] before it reaches an error message,
//! and a client also removes its own secrets with [`scrub`].

/// Parameter names whose values are never shown (compared lowercase, as
/// substrings: `sa_password`, `extePassword`, `api_key`, `apiKey`…).
const SECRET_NAMES: [&str; 6] = ["password", "api_key", "apikey", "digest", "secret", "token"];

/// What stands in for a removed value.
pub const MASK: &str = "***";

fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.iter().any(|s| lower.contains(s))
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'
}

/// Ends a query value or a bare word: `&`, whitespace, quotes, brackets, `,`, `;`.
fn ends_value(b: u8) -> bool {
    matches!(b, b'&' | b'"' | b'\'' | b'<' | b'>' | b',' | b';' | b'}' | b')' | b']') || b.is_ascii_whitespace()
}

/// `url` with the value of every query parameter whose name looks secret
/// (password, api_key, apiKey, digest, secret, token: `sa_password`…)
/// replaced by `***`; the other parameters and the path are kept, so that a
/// log line still says what was asked (`method=getExtension`).
pub fn mask_query(url: &str) -> String {
    let Some((path, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let mut out = String::with_capacity(url.len());
    out.push_str(path);
    out.push('?');
    for (i, pair) in query.split('&').enumerate() {
        if i > 0 {
            out.push('&');
        }
        match pair.split_once('=') {
            Some((name, _)) if is_secret_name(&super::uri::decode_component(name, true)) => {
                out.push_str(name);
                out.push('=');
                out.push_str(MASK);
            }
            _ => out.push_str(pair),
        }
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `text` with secrets replaced by `***`, in one pass:
/// * `name=value` and `"name":"value"` / `"name":value` where the name
///   contains password, api_key, apiKey, digest, secret or token;
/// * the query string of every `http://` / `https://` URL;
/// * runs of 32 or more hex digits (MD5 digests, hashed passwords).
pub fn redact(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    let flush = |out: &mut String, from: usize, to: usize| out.push_str(&text[from..to]);
    while i < b.len() {
        let c = b[i];
        // A URL or a path (`/voip/api/jsondata.html?…` as a gateway echoes
        // it): keep scheme, host and path; drop the query.
        let token_start = i == 0 || b[i - 1].is_ascii_whitespace() || matches!(b[i - 1], b'"' | b'\'' | b'(' | b'>' | b'=' | b':');
        let is_url = (c == b'h' || c == b'H') && (starts_with_ci(&b[i..], b"http://") || starts_with_ci(&b[i..], b"https://"));
        if is_url || (c == b'/' && token_start) {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b'?' | b'#') && !ends_value(b[j]) {
                j += 1;
            }
            if j < b.len() && matches!(b[j], b'?' | b'#') {
                flush(&mut out, copied, j);
                out.push_str(if b[j] == b'?' { "?…" } else { "#…" });
                while j < b.len() && !(b[j].is_ascii_whitespace() || matches!(b[j], b'"' | b'\'' | b'<' | b'>')) {
                    j += 1;
                }
                copied = j;
            }
            i = j.max(i + 1);
            continue;
        }
        // A name followed by `=` or `":`.
        if is_name_byte(c) && (i == 0 || !is_name_byte(b[i - 1])) {
            let mut j = i;
            while j < b.len() && is_name_byte(b[j]) {
                j += 1;
            }
            let name = &text[i..j];
            let mut k = j;
            let quoted_name = i > 0 && b[i - 1] == b'"' && k < b.len() && b[k] == b'"';
            if quoted_name {
                k += 1;
            }
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            let sep = k < b.len() && (b[k] == b'=' || (b[k] == b':' && (quoted_name || name.len() > 2)));
            if sep && is_secret_name(name) {
                k += 1;
                while k < b.len() && b[k] == b' ' {
                    k += 1;
                }
                let (start, end) = if k < b.len() && b[k] == b'"' {
                    // A JSON string value: up to the closing quote (escapes skipped).
                    let mut e = k + 1;
                    while e < b.len() && b[e] != b'"' {
                        e += if b[e] == b'\\' { 2 } else { 1 };
                    }
                    (k + 1, e.min(b.len()))
                } else {
                    let mut e = k;
                    while e < b.len() && !ends_value(b[e]) {
                        e += 1;
                    }
                    (k, e)
                };
                if end > start {
                    flush(&mut out, copied, start);
                    out.push_str(MASK);
                    copied = end;
                }
                i = end.max(j);
                continue;
            }
            // A long hex run (a digest or a hashed password).
            if j - i >= 32 && b[i..j].iter().all(u8::is_ascii_hexdigit) {
                flush(&mut out, copied, i);
                out.push_str(MASK);
                copied = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    flush(&mut out, copied, b.len());
    out
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// `text` without any occurrence of the given secrets (ASCII case-insensitive,
/// so an MD5 in either case goes too). Empty secrets are ignored.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        if !out.to_ascii_lowercase().contains(&s.to_ascii_lowercase()) {
            continue;
        }
        let lower = out.to_ascii_lowercase();
        let needle = s.to_ascii_lowercase();
        let mut next = String::with_capacity(out.len());
        let mut at = 0;
        while let Some(p) = lower[at..].find(&needle) {
            next.push_str(&out[at..at + p]);
            next.push_str(MASK);
            at += p + needle.len();
        }
        next.push_str(&out[at..]);
        out = next;
    }
    out
}

/// The start of a peer's body for an error message: control characters
/// flattened, secrets redacted, at most `max_chars`, quoted.
pub fn snippet(body: &str, max_chars: usize) -> String {
    // Only the start is shown, so only the start is read (plus room for a
    // URL or a value that began before the cut).
    let head = crate::core::error::preview(body.trim(), max_chars * 4);
    let flat: String = head.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    crate::core::error::quote(&redact(&flat), max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_and_urls() {
        let url = "http://gw.example:8080/voip/api/jsondata.html?sa_user=100008800&sa_password=92868F142BE5DD78DD0ACF4370B4EB94&method=getExtension";
        let r = redact(&format!("<html>Bad request for {url}</html>"));
        assert_eq!(r, "<html>Bad request for http://gw.example:8080/voip/api/jsondata.html?…</html>");
        assert_eq!(redact("sa_user=1&sa_password=92868F14&method=x"), "sa_user=1&sa_password=***&method=x");
        assert_eq!(redact("GET /api/cdrDownload?url=1&api_key=Kpd2vKYC&x=1"), "GET /api/cdrDownload?…");
        assert_eq!(redact("url=1&api_key=Kpd2vKYC&x=1"), "url=1&api_key=***&x=1");
        assert_eq!(redact("fetch failed: https://h/p#frag"), "fetch failed: https://h/p#…");
        assert_eq!(redact("error for GET /voip/api/jsondata.html?sa_user=1&sa_password=AB (x)"), "error for GET /voip/api/jsondata.html?… (x)");
    }

    #[test]
    fn json_members_and_digests() {
        assert_eq!(redact(r#"{"username":"demo","password":"demo123","from":2}"#), r#"{"username":"demo","password":"***","from":2}"#);
        assert_eq!(redact(r#"{"digest": "ae62e11cab746436b64a26f4ed8e41a3"}"#), r#"{"digest": "***"}"#);
        assert_eq!(redact("md5 0dcbdf0aa187ea7498d8ab64604096fc here"), "md5 *** here");
        assert_eq!(redact("E416D0F85DC0CB67C85E070A32D9F0123AFF4762"), "***");
        assert_eq!(redact(r#""extePassword":"x\"y","n":1"#), r#""extePassword":"***","n":1"#);
        // What is not secret stays.
        for s in ["url 验证失败", "code=10001", "pageIndex=0", "SYSUSER|5d03d133d7fb004e", "abc123", "http://h:1/api/login"] {
            assert_eq!(redact(s), s);
        }
    }

    #[test]
    fn scrub_removes_known_secrets_in_any_case() {
        assert_eq!(scrub("login with demo123 failed", &["demo123"]), "login with *** failed");
        assert_eq!(scrub("AbCd1234 abcd1234", &["abcd1234"]), "*** ***");
        assert_eq!(scrub("密码 is 密码", &["密码"]), "*** is ***");
        assert_eq!(scrub("nothing", &["", "xy"]), "nothing");
    }

    #[test]
    fn mask_query_keeps_what_was_asked() {
        assert_eq!(
            mask_query("http://h:1/voip/api?sa_user=u&sa_password=0CC175B9C0F1B6A831C399E269772661&method=getExtension#x"),
            "http://h:1/voip/api?sa_user=u&sa_password=***&method=getExtension#x"
        );
        assert_eq!(
            mask_query("http://h/api/cdrDownload?url=3e415b12&user_sn=S&api_key=K&recordfile=a"),
            "http://h/api/cdrDownload?url=3e415b12&user_sn=S&api_key=***&recordfile=a"
        );
        assert_eq!(mask_query("http://h/api/login"), "http://h/api/login");
        assert_eq!(mask_query("http://h/?x&Api%5FKey=k"), "http://h/?x&Api%5FKey=***");
    }
}
