//! Percent-encoding exactly as JavaScript's `encodeURIComponent`.

/// Bytes `encodeURIComponent` leaves alone: `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')')
}

/// Appends `s` percent-encoded (UTF-8, uppercase hex) to `out`: runs of
/// unreserved bytes are copied at once.
pub fn encode_component_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let b = s.as_bytes();
    out.reserve(b.len());
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if unreserved(c) {
            continue;
        }
        // Unreserved bytes are ASCII: a non-empty run starts and ends on
        // char boundaries.
        if run < i {
            out.push_str(s.get(run..i).unwrap_or_default());
        }
        out.push('%');
        out.push(HEX[(c >> 4) as usize] as char);
        out.push(HEX[(c & 15) as usize] as char);
        run = i + 1;
    }
    if run < b.len() {
        out.push_str(s.get(run..).unwrap_or_default());
    }
}

/// `encodeURIComponent(s)`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    encode_component_into(&mut out, s);
    out
}

/// Decodes `%XX` escapes and `+` (as a space, like PHP's `urldecode` of a
/// query string). Invalid escapes are kept literally, as PHP does.
pub fn decode_component(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let h = (b[i + 1] as char).to_digit(16);
                let l = (b[i + 2] as char).to_digit(16);
                if let (Some(h), Some(l)) = (h, l) {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whitespace (Unicode's White_Space, listed: no tables in the module) or a control character.
fn is_space_or_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
        )
}

/// A platform's base URL, checked: `http://` or `https://`, a host, an
/// optional port 1–65535 and path, and nothing else — no user:password@, no
/// query or fragment, no whitespace, control or other characters a URL parser
/// would reinterpret. Returns it without trailing slashes. Every client
/// constructor and URL builder calls this before anything is sent or built.
pub fn check_base_url(base_url: &str) -> crate::core::Result<&str> {
    use crate::core::error::{quote, Error};
    // Quoted without what could be credentials (user:password@, a query).
    let shown = match (base_url.find("://"), base_url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}***{}", &base_url[..scheme + 3], &base_url[at..]),
        _ => base_url.to_string(),
    };
    let shown = crate::core::redact::redact(&shown);
    let bad = |why: &str| {
        Error::invalid(format!("baseUrl {} {why}; pass the platform's address, e.g. http://120.77.61.117:8088", quote(&shown, 60))).with_path("baseUrl")
    };
    if base_url.is_empty() {
        return Err(bad("is empty"));
    }
    if let Some(c) = base_url.chars().find(|&c| is_space_or_control(c)) {
        return Err(bad(&format!("contains {}", if c == ' ' { "a space".to_string() } else { format!("the control or space character U+{:04X}", c as u32) })));
    }
    let lower = base_url.get(..8).unwrap_or(base_url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &base_url[8..]
    } else if lower.starts_with("http://") {
        &base_url[7..]
    } else {
        return Err(bad("must start with http:// or https://"));
    };
    if base_url.contains(['?', '#']) {
        return Err(bad("must not have a query or fragment (?…, #…)"));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(bad("must not carry user:password@ (credentials go in the client's options, never in a URL)"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6.find(']').ok_or_else(|| bad("has an unclosed IPv6 [address]"))?;
        if !v6[..end].bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') || end == 0 {
            return Err(bad("has an invalid IPv6 address"));
        }
        let after = &v6[end + 1..];
        (&authority[..end + 2], if after.is_empty() { None } else { Some(after.strip_prefix(':').ok_or_else(|| bad("has text after the IPv6 address"))?) })
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    if !host.starts_with('[') && !host.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_') {
        return Err(bad("has a host with characters a hostname cannot have"));
    }
    if let Some(p) = port {
        let n: u32 = if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) { p.parse().unwrap_or(0) } else { 0 };
        if !(1..=65535).contains(&n) {
            return Err(bad("has an invalid port (1–65535)"));
        }
    }
    let path_ok = path.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c));
    if !path_ok || path.contains("\\") {
        return Err(bad("has a path with characters that must be percent-encoded"));
    }
    Ok(base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_encode_uri_component() {
        assert_eq!(encode_component("SYSUSER|5d03"), "SYSUSER%7C5d03");
        assert_eq!(encode_component("/home/record"), "%2Fhome%2Frecord");
        assert_eq!(encode_component("a b+c&d=e?f#g"), "a%20b%2Bc%26d%3De%3Ff%23g");
        assert_eq!(encode_component("-_.!~*'()"), "-_.!~*'()");
        assert_eq!(encode_component("测"), "%E6%B5%8B");
        assert_eq!(encode_component("😀"), "%F0%9F%98%80");
    }

    #[test]
    fn base_urls() {
        for ok in ["http://127.0.0.1:8088", "https://crm.example/", "http://[::1]:8080/", "HTTP://h.example:1/prefix/x", "http://例子.测试"] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        assert_eq!(check_base_url("http://h:80//").unwrap(), "http://h:80");
        for bad in [
            "",
            "ftp://h",
            "javascript:alert(1)",
            "data:text/html,x",
            "//h",
            "h:80",
            "http://",
            "http://user:pass@h",
            "http://u@h",
            "http://h:99999",
            "http://h:0",
            "http://h:",
            "http://h:8o",
            "http://h\n.example",
            "http://h/\r\nX: y",
            " http://h",
            "http://h ",
            "http://h/a?b",
            "http://h/#x",
            "http://[::1",
            "http://h\\evil/",
            "http://h%2f/",
            "http://h/a b",
        ] {
            let e = check_base_url(bad).unwrap_err();
            assert_eq!((e.code, e.path.as_deref()), (crate::core::Code::InvalidArgument, Some("baseUrl")), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn decodes_what_it_encodes() {
        for s in ["a b", "测试/|&=", "100%", "%zz", "😀+"] {
            assert_eq!(decode_component(&encode_component(s), false), s);
        }
        assert_eq!(decode_component("a+b%2", true), "a b%2");
    }
}
