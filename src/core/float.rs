//! Decimal ↔ double conversions with the exact semantics PHP (zend_strtod /
//! zend_dtoa mode 0) and ECMAScript share: correctly rounded parsing, and
//! the shortest round-trip digits with ties broken to the even digit.
//!
//! Natively this is Rust's float code (shortest length from `{:e}`, then the
//! correctly rounded digits of that length from `{:.N$e}`, which rounds
//! half to even). In wasm the host's `parseFloat` / `Number#toString` do the
//! same job (their specification mandates these exact semantics), which keeps
//! ~25 KB of float formatting tables out of the module.

/// Digits `d1 d2 … dn` (no leading/trailing zeros) and `decpt` such that
/// `|v| = 0.d1d2…dn × 10^decpt`. `v` must be finite and non-zero.
pub fn shortest_digits(v: f64) -> (Vec<u8>, i32) {
    let text = host::shortest(v.abs());
    let (digits, decpt) = digits_of(&text);
    if digits.is_empty() {
        return (b"0".to_vec(), 1);
    }
    (digits, decpt)
}

/// Parses a JSON number literal (correctly rounded; overflow gives ±inf).
pub fn parse(text: &str) -> Option<f64> {
    host::parse(text)
}

/// Whether `text` is a JSON number literal (`-?int(.digits)?([eE][+-]?digits)?`),
/// checked by its grammar alone: no float parsing (whose tables would weigh
/// ~20 KB in the module), and stricter than Rust's `parse::<f64>` (which also
/// takes `inf`, `.5`, `5.` and `+5`, none of which may be written into JSON).
pub fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && b[int_start] == b'0') {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `text` as a number if it is a JSON number literal.
pub fn parse_json_number(text: &str) -> Option<f64> {
    if is_json_number(text) {
        parse(text)
    } else {
        None
    }
}

/// Splits a decimal literal (`123.45`, `1.5e-7`, `1e+21`, `0.000001`) into
/// significant digits and the decimal point position.
pub fn digits_of(text: &str) -> (Vec<u8>, i32) {
    let (mant, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let int = int.trim_start_matches('-');
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit).collect();
    let mut decpt = int.len() as i32 + exp;
    let lead = digits.iter().take_while(|&&d| d == b'0').count().min(digits.len().saturating_sub(1));
    digits.drain(..lead);
    decpt -= lead as i32;
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, decpt)
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    pub fn shortest(v: f64) -> String {
        // `{:e}` gives the shortest length, but breaks exact ties upwards;
        // re-round to that many digits half-to-even, as PHP and JS do.
        let sci = format!("{v:e}");
        let n = sci.split('e').next().map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
        format!("{:.*e}", n.saturating_sub(1), v)
    }

    pub fn parse(text: &str) -> Option<f64> {
        text.parse().ok()
    }
}

#[cfg(target_arch = "wasm32")]
mod host {
    pub fn shortest(v: f64) -> String {
        js_sys::Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default()
    }

    pub fn parse(text: &str) -> Option<f64> {
        let v = js_sys::parse_float(text);
        if v.is_nan() {
            None
        } else {
            Some(v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_number_grammar() {
        for ok in ["0", "-0", "12", "-3.25", "1e5", "1E+5", "2.5e-3", "0.0"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "01", "+1", ".5", "5.", "1e", "1e+", "inf", "NaN", "1 ", " 1", "0x10", "1.2.3", "--1"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn digits_of_all_literal_forms() {
        assert_eq!(digits_of("123.45"), (b"12345".to_vec(), 3));
        assert_eq!(digits_of("1.5e-7"), (b"15".to_vec(), -6));
        assert_eq!(digits_of("1e+21"), (b"1".to_vec(), 22));
        assert_eq!(digits_of("0.000001"), (b"1".to_vec(), -5));
        assert_eq!(digits_of("1.2345e-7"), (b"12345".to_vec(), -6));
        assert_eq!(digits_of("100"), (b"1".to_vec(), 3));
        assert_eq!(digits_of("0.1"), (b"1".to_vec(), 0));
    }

    #[test]
    fn ties_go_to_even_like_php_and_js() {
        // 216780678204906.125 is exactly between …12 and …13.
        assert_eq!(shortest_digits(2.1678067820490613e14), (b"21678067820490612".to_vec(), 15));
        assert_eq!(shortest_digits(0.1), (b"1".to_vec(), 0));
        assert_eq!(shortest_digits(5e-324), (b"5".to_vec(), -323));
    }
}
