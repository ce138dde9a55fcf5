//! Percent-encoding exactly as JavaScript's `encodeURIComponent`.

/// Bytes `encodeURIComponent` leaves alone: `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')')
}

/// Appends `s` percent-encoded (UTF-8, uppercase hex) to `out`.
pub fn encode_component_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
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
    fn decodes_what_it_encodes() {
        for s in ["a b", "测试/|&=", "100%", "%zz", "😀+"] {
            assert_eq!(decode_component(&encode_component(s), false), s);
        }
        assert_eq!(decode_component("a+b%2", true), "a b%2");
    }
}
