//! MD5 and the 小A `url` anti-hijack parameter.

use md5::{Digest, Md5};

/// MD5 of `data`.
pub fn md5(data: &[u8]) -> [u8; 16] {
    Md5::digest(data).into()
}

/// Lowercase hex of a digest.
pub fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(digest.len() * 2);
    for b in digest {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// Lowercase hex MD5, 32 characters.
pub fn md5_hex(data: &[u8]) -> String {
    hex(&md5(data))
}

/// Characters [1, 9) of the hex MD5, as a number: hex nibbles 1..=8.
pub fn url_bits(data: &[u8]) -> u32 {
    let d = md5(data);
    (u32::from(d[0] & 0x0f) << 28) | (u32::from(d[1]) << 20) | (u32::from(d[2]) << 12) | (u32::from(d[3]) << 4) | (u32::from(d[4]) >> 4)
}

/// The 8-character `url` parameter: characters [1, 9) of the lowercase hex MD5.
pub fn url_of(data: &[u8]) -> String {
    format!("{:08x}", url_bits(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_example_of_the_document() {
        let json = br#"{"username":"xxx","password":"xxx","from":2}"#;
        assert_eq!(md5_hex(json), "21dbe80df90f3be318cb7afda69b4f78");
        assert_eq!(url_of(json), "1dbe80df");
        assert_eq!(&md5_hex(json)[1..9], url_of(json));
    }

    #[test]
    fn url_bits_take_nibbles_one_to_eight() {
        for s in ["", "a", "abc", "message digest"] {
            assert_eq!(url_of(s.as_bytes()), &md5_hex(s.as_bytes())[1..9]);
        }
    }
}
