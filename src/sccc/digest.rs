//! `authentication.digest` = MD5(`<customer>@<timestamp>@<seq>@<password>`),
//! lowercase hex (the SCCC OpenAPI V2.0 document, section 三.1). The password itself is never sent.

use crate::core::{hash, Error, Result};

/// The digest of one request or push.
pub fn digest(customer: &str, timestamp: &str, seq: &str, password: &str) -> String {
    let mut s = String::with_capacity(customer.len() + timestamp.len() + seq.len() + password.len() + 3);
    for (i, part) in [customer, timestamp, seq, password].iter().enumerate() {
        if i > 0 {
            s.push('@');
        }
        s.push_str(part);
    }
    hash::md5_hex(s.as_bytes())
}

/// Checks the parts of a digest: a customer name `[A-Za-z0-9-_]+`, and a
/// timestamp and seq made of digits.
pub fn check_parts(customer: &str, timestamp: &str, seq: &str) -> Result<()> {
    if customer.is_empty() || !customer.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Error::invalid(format!(
            "customer {} must be the API customer name the operator issued ([A-Za-z0-9-_])",
            crate::core::error::quote(customer, 40)
        ))
        .with_path("customer"));
    }
    for (name, v) in [("timestamp", timestamp), ("seq", seq)] {
        if v.is_empty() || v.len() > 20 || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(format!("{name} must be a non-negative integer, got {}", crate::core::error::quote(v, 40))).with_path(name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_notes_vector() {
        assert_eq!(digest("C2", "1471918933001", "5271", "E416D0F85DC0CB67C85E070A32D9F0123AFF4762"), "ae62e11cab746436b64a26f4ed8e41a3");
    }

    #[test]
    fn parts_are_checked() {
        assert!(check_parts("C2", "1471918933001", "5271").is_ok());
        assert!(check_parts("SCCC-test", "1", "0").is_ok());
        assert_eq!(check_parts("C 2", "1", "1").unwrap_err().path.as_deref(), Some("customer"));
        assert_eq!(check_parts("C2", "1.5", "1").unwrap_err().path.as_deref(), Some("timestamp"));
        assert_eq!(check_parts("C2", "1", "-1").unwrap_err().path.as_deref(), Some("seq"));
    }
}
