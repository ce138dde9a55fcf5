//! `client_info_json` encryption for addJson (7.6): AES-128-CBC, PKCS#7,
//! key = the 16 characters after `SYSUSER|` in `user_sn`, IV
//! `1234567890123456`, UTF-8 plaintext `{"data":[{...},...]}`, standard base64.

use crate::core::error::quote;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::core::aes::{self, IV};
use crate::core::phpjson::{Options, Route, Transcoder};
use crate::core::{Code, Error, Result};

/// The platform refuses more rows in one request (30005).
pub const MAX_ROWS: usize = 30_000;
/// A task holds at most this many pending rows (30004).
pub const MAX_PENDING: usize = 300_000;

/// The AES key of a `user_sn`: the 16 characters after `SYSUSER|`.
pub fn key_from_user_sn(user_sn: &str) -> Result<[u8; 16]> {
    let bad = |why: &str| {
        Error::new(
            Code::InvalidUserSn,
            format!("user_sn {} {why}; it must be the user_sn returned by login, like SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c", quote(user_sn, 48)),
        )
        .with_path("user_sn")
    };
    let rest = user_sn.strip_prefix("SYSUSER|").ok_or_else(|| bad("does not start with SYSUSER|"))?;
    let key = rest.as_bytes().get(..16).ok_or_else(|| bad("has fewer than 16 characters after SYSUSER|"))?;
    if !key.iter().all(|b| b.is_ascii_graphic()) {
        return Err(bad("has non-ASCII or blank characters where the key is taken from"));
    }
    let mut k = [0u8; 16];
    k.copy_from_slice(key);
    Ok(k)
}

/// Encrypts the plaintext bytes in place and returns standard base64.
pub fn encrypt_with_key(plaintext: &mut Vec<u8>, key: &[u8; 16]) -> String {
    aes::encrypt_cbc_pkcs7(key, &IV, plaintext);
    STANDARD.encode(plaintext)
}

/// Checks a row count against the platform's per-request limit.
pub fn check_row_count(rows: usize) -> Result<()> {
    if rows > MAX_ROWS {
        return Err(Error::new(
            Code::TooManyRows,
            format!("{rows} rows in one client_info_json; the platform accepts at most {MAX_ROWS} per request (30005) — split the list (XiaoAClient.importLeads does it for you)"),
        ));
    }
    Ok(())
}

/// Validates an already-serialized payload: a JSON object whose `data` is an
/// array of rows. Returns the number of rows.
pub fn count_rows(plaintext: &str) -> Result<usize> {
    let members = Transcoder::new(plaintext, Options::RAW).params(|_| Route::Hash).map_err(|mut e| {
        e.message = format!("client_info_json is not a JSON object {{\"data\":[…]}}: {}", e.message);
        e
    })?;
    let data = members
        .iter()
        .find(|m| m.key == "data")
        .ok_or_else(|| Error::invalid("client_info_json has no `data` member; expected {\"data\":[{\"姓名\":…,\"电话\":…},…]}").with_path("data"))?;
    let text = std::str::from_utf8(&data.value).map_err(|_| Error::invalid("client_info_json is not UTF-8"))?;
    let mut t = Transcoder::new(text, Options::RAW);
    t.count_array().map_err(|_| Error::invalid("client_info_json `data` must be an array of rows").with_path("data"))
}

/// Encrypts a serialized payload for `user_sn`. `rows` is the row count when
/// the caller already knows it; otherwise the text is validated and counted.
pub fn encrypt(plaintext: &str, user_sn: &str, rows: Option<usize>) -> Result<String> {
    let key = key_from_user_sn(user_sn)?;
    let rows = match rows {
        Some(n) => n,
        None => count_rows(plaintext)?,
    };
    check_row_count(rows)?;
    let mut buf = Vec::with_capacity(plaintext.len() + 16);
    buf.extend_from_slice(plaintext.as_bytes());
    Ok(encrypt_with_key(&mut buf, &key))
}

/// Decrypts a `client_info_json` ciphertext back to its JSON text.
pub fn decrypt(cipher_b64: &str, user_sn: &str) -> Result<String> {
    let key = key_from_user_sn(user_sn)?;
    let compact: Vec<u8> = cipher_b64.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let bytes = STANDARD
        .decode(&compact)
        .map_err(|e| Error::new(Code::BadCiphertext, format!("client_info_json is not standard base64 ({e}); pass the string exactly as sent")))?;
    if bytes.is_empty() || bytes.len() % 16 != 0 {
        return Err(Error::new(
            Code::BadCiphertext,
            format!("ciphertext is {} bytes; AES-CBC output is a positive multiple of 16 — the text is truncated or not a client_info_json", bytes.len()),
        ));
    }
    let plain = aes::decrypt_cbc_pkcs7(&key, &IV, &bytes).ok_or_else(|| {
        Error::new(Code::BadCiphertext, "padding check failed after decryption: the user_sn is not the one it was encrypted for, or the ciphertext was altered")
    })?;
    String::from_utf8(plain).map_err(|_| Error::new(Code::BadCiphertext, "decrypted bytes are not UTF-8: wrong user_sn, or the ciphertext was altered"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SN: &str = "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c";

    #[test]
    fn key_is_16_chars_after_the_prefix() {
        assert_eq!(&key_from_user_sn(SN).unwrap(), b"5d03d133d7fb004e");
        for bad in ["", "5d03d133d7fb004e2ccf", "SYSUSER|short", "sysuser|5d03d133d7fb004e2ccf34eb8fbdc45c", "SYSUSER|测试测试测试测试测试测试"] {
            assert_eq!(key_from_user_sn(bad).unwrap_err().code, Code::InvalidUserSn, "{bad}");
        }
    }

    #[test]
    fn round_trip_with_chinese_rows() {
        let plain = r#"{"data":[{"姓名":"xxxx","电话":"12345678901","地址":"深圳"},{"姓名":"xxx","电话":"12345678901","地址":"深圳"}]}"#;
        let c = encrypt(plain, SN, None).unwrap();
        assert_eq!(decrypt(&c, SN).unwrap(), plain);
        assert_eq!(c.len() % 4, 0);
        let with_newlines: String = c.chars().enumerate().flat_map(|(i, ch)| if i % 20 == 19 { vec![ch, '\n'] } else { vec![ch] }).collect();
        assert_eq!(decrypt(&with_newlines, SN).unwrap(), plain);
    }

    #[test]
    fn bad_ciphertexts_are_typed_errors() {
        let c = encrypt(r#"{"data":[]}"#, SN, None).unwrap();
        for bad in ["", "!!!!", "AAAA", &c[..c.len() - 4]] {
            assert_eq!(decrypt(bad, SN).unwrap_err().code, Code::BadCiphertext, "{bad}");
        }
        let other = "SYSUSER|ffffffffffffffff0000000000000000";
        assert_eq!(decrypt(&c, other).unwrap_err().code, Code::BadCiphertext);
    }

    #[test]
    fn counts_and_limits_rows() {
        assert_eq!(count_rows(r#"{"data":[{"a":1},{"b":2}]}"#).unwrap(), 2);
        assert!(count_rows(r#"{"data":"x"}"#).is_err());
        // PHP decodes {} as an empty array: zero rows, like the server would see.
        assert_eq!(count_rows(r#"{"data":{}}"#).unwrap(), 0);
        assert!(count_rows(r#"[1]"#).is_err());
        assert!(count_rows(r#"{"rows":[]}"#).is_err());
        assert_eq!(encrypt("{}", SN, Some(30_001)).unwrap_err().code, Code::TooManyRows);
        assert!(encrypt(r#"{"data":[]}"#, SN, Some(30_000)).is_ok());
    }
}
