//! PHP `json_encode`, byte for byte.
//!
//! The 小A server signs requests with `md5(json_encode(json_decode($body, true)))`
//! (minus `url`). To sign the same bytes, waihu never encodes "JSON" in the
//! abstract: it takes JSON text (what `JSON.stringify` or a Rust writer
//! produced) and transcodes it into the exact text PHP would print after
//! decoding it, i.e. a fixed point of PHP's decode+encode:
//!
//! * strings: `\/` for `/`, `\uXXXX` (lowercase, UTF-16 surrogate pairs) for
//!   every non-ASCII character, `\b \f \n \r \t`, other controls `\u00XX`;
//!   each escape can be switched off like PHP's `JSON_UNESCAPED_*` flags;
//! * numbers: integers below 2^63 stay digits (`-0` becomes `0`); everything
//!   else is a PHP float printed with `serialize_precision = -1`
//!   (`1.0e+20`, `1.0e-5`, `0.0001`, `0.1`); NaN/Infinity are errors;
//! * objects: order kept; duplicate keys keep the first position and the last
//!   value; `{}` and objects keyed exactly `"0".."n-1"` come back from
//!   `json_decode(.., true)` as PHP lists, so they are printed as `[]`/`[..]`;
//! * nesting deeper than 511 containers is refused (PHP's decode depth).
//!
//! `php-cli` is the reference: `tests/php_crosscheck.rs` compares 10,000+
//! generated documents against it.

use super::error::{preview, Code, Error, Result};
use super::float;
use super::keys::{survivors, SCAN_LIMIT};
use crate::core::error::quote;

/// The most members one object may have, and elements an array read into a
/// list of ranges: what one call keeps in memory per member stays bounded
/// (an input of 64 Mi characters could otherwise hold ten million tiny keys).
pub const MAX_MEMBERS: usize = 1_000_000;
pub const MAX_ITEMS: usize = 4_000_000;

fn too_many(what: &str, max: usize) -> Error {
    Error::new(Code::TooLarge, format!("more than {max} {what}: no platform sends or takes that many; split the data"))
}

/// PHP's `json_decode` default depth is 512: at most 511 nested containers
/// with a scalar inside decode (checked against php-cli).
pub const MAX_DEPTH: usize = 511;

/// The escapes PHP applies by default, each switchable like a `JSON_UNESCAPED_*` flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// `/` → `\/` (off = `JSON_UNESCAPED_SLASHES`).
    pub escape_slashes: bool,
    /// Non-ASCII → `\uXXXX` (off = `JSON_UNESCAPED_UNICODE`).
    pub escape_unicode: bool,
    /// U+2028/U+2029 → `\u2028`/`\u2029` even when unicode is unescaped
    /// (off = `JSON_UNESCAPED_LINE_TERMINATORS`).
    pub escape_line_terminators: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options::PHP_DEFAULT
    }
}

impl Options {
    /// `json_encode($v)` with no flags.
    pub const PHP_DEFAULT: Options = Options { escape_slashes: true, escape_unicode: true, escape_line_terminators: true };
    /// What `JSON.stringify` prints for strings: raw UTF-8, `/` unescaped.
    pub const RAW: Options = Options { escape_slashes: false, escape_unicode: false, escape_line_terminators: false };

    /// Bit flags used across the wasm boundary: bit 0 = slashes NOT escaped,
    /// bit 1 = unicode NOT escaped, bit 2 = line terminators NOT escaped.
    pub const fn from_bits(bits: u32) -> Options {
        Options { escape_slashes: bits & 1 == 0, escape_unicode: bits & 2 == 0, escape_line_terminators: bits & 4 == 0 }
    }

    pub const fn bits(self) -> u32 {
        (!self.escape_slashes as u32) | ((!self.escape_unicode as u32) << 1) | ((!self.escape_line_terminators as u32) << 2)
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Stands for a number that overflowed to INF until it is known to survive.
const OVERFLOW_MARK: u8 = 0xFF;

/// Bytes of a string that can be copied verbatim under the options `bits`.
const fn plain_table_of(bits: u32) -> [bool; 256] {
    let opts = Options::from_bits(bits);
    let mut t = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = false;
    t[b'\\' as usize] = false;
    t[0x7f] = true;
    if opts.escape_slashes {
        t[b'/' as usize] = false;
    }
    if !opts.escape_unicode {
        let mut b = 0x80;
        while b <= 0xff {
            t[b] = true;
            b += 1;
        }
        if opts.escape_line_terminators {
            // U+2028/2029 are E2 80 A8/A9: look closer at every E2.
            t[0xe2] = false;
        }
    }
    t
}

/// The tables of the 8 option sets, built at compile time.
static PLAIN: [[bool; 256]; 8] = {
    let mut all = [[false; 256]; 8];
    let mut i = 0;
    while i < 8 {
        all[i] = plain_table_of(i as u32);
        i += 1;
    }
    all
};

fn plain_table(opts: Options) -> &'static [bool; 256] {
    &PLAIN[(opts.bits() & 7) as usize]
}

fn push_u16_escape(out: &mut Vec<u8>, u: u16) {
    out.extend_from_slice(&[b'\\', b'u', HEX[(u >> 12) as usize & 15], HEX[(u >> 8) as usize & 15], HEX[(u >> 4) as usize & 15], HEX[u as usize & 15]]);
}

/// Appends one character, escaped as PHP would.
fn push_char(out: &mut Vec<u8>, c: char, opts: Options) {
    match c {
        '"' => out.extend_from_slice(b"\\\""),
        '\\' => out.extend_from_slice(b"\\\\"),
        '/' if opts.escape_slashes => out.extend_from_slice(b"\\/"),
        '\u{8}' => out.extend_from_slice(b"\\b"),
        '\u{c}' => out.extend_from_slice(b"\\f"),
        '\n' => out.extend_from_slice(b"\\n"),
        '\r' => out.extend_from_slice(b"\\r"),
        '\t' => out.extend_from_slice(b"\\t"),
        c if (c as u32) < 0x20 => push_u16_escape(out, c as u16),
        c if (c as u32) < 0x80 => out.push(c as u8),
        c if opts.escape_unicode => {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                push_u16_escape(out, *u);
            }
        }
        '\u{2028}' | '\u{2029}' if opts.escape_line_terminators => push_u16_escape(out, c as u16),
        c => {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Appends `s` as a PHP JSON string literal (with quotes).
pub fn write_str(out: &mut Vec<u8>, s: &str, opts: Options) {
    write_str_with(out, s, opts, plain_table(opts));
}

/// [`write_str`] onto a `String`. Only the new text is checked for UTF-8
/// (it always is: the encoding of valid UTF-8 is valid UTF-8), so building a
/// document member by member stays linear.
pub fn push_str(out: &mut String, s: &str, opts: Options) {
    let mut bytes = Vec::with_capacity(s.len() + 2);
    write_str(&mut bytes, s, opts);
    out.push_str(std::str::from_utf8(&bytes).unwrap_or("\"\""));
}

fn write_str_with(out: &mut Vec<u8>, s: &str, opts: Options, plain: &[bool; 256]) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && plain[bytes[i] as usize] {
            i += 1;
        }
        out.extend_from_slice(&bytes[start..i]);
        if i == bytes.len() {
            break;
        }
        // Slow path: one character. `s` is valid UTF-8, so `i` is a boundary
        // (plain bytes are either ASCII or whole multi-byte runs).
        let c = s[i..].chars().next().unwrap_or('\u{fffd}');
        push_char(out, c, opts);
        i += c.len_utf8();
    }
    out.push(b'"');
}

/// Appends an integer as PHP prints it.
pub fn write_i64(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends a JS/Rust number the way the PHP server will re-encode it after
/// decoding it from JSON: integral values below 2^63 as integers, the rest in
/// PHP's float format. NaN and infinities are errors.
pub fn write_f64(out: &mut Vec<u8>, v: f64) -> Result<()> {
    if !v.is_finite() {
        let name = if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return Err(Error::new(
            Code::InvalidNumber,
            format!("{name} cannot be encoded: PHP's json_encode refuses NaN and Infinity; send a finite number or a string"),
        ));
    }
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if v.fract() == 0.0 && (-TWO_63..TWO_63).contains(&v) {
        write_i64(out, v as i64);
        return Ok(());
    }
    write_php_float(out, v);
    Ok(())
}

/// PHP's `php_gcvt(value, 17, '.', 'e')` with `serialize_precision = -1`
/// (shortest round-trip digits), normalised to the decode+encode fixed point
/// (`-0` → `0`).
#[inline(never)]
fn write_php_float(out: &mut Vec<u8>, v: f64) {
    if v == 0.0 {
        out.push(b'0');
        return;
    }
    let (digits, decpt) = float::shortest_digits(v);
    if v < 0.0 {
        out.push(b'-');
    }
    if !(-3..=17).contains(&decpt) {
        out.push(digits[0]);
        out.push(b'.');
        if digits.len() > 1 {
            out.extend_from_slice(&digits[1..]);
        } else {
            out.push(b'0');
        }
        out.push(b'e');
        let e = decpt - 1;
        out.push(if e < 0 { b'-' } else { b'+' });
        write_i64(out, i64::from(e.abs()));
    } else if decpt <= 0 {
        out.extend_from_slice(b"0.");
        for _ in 0..(-decpt) {
            out.push(b'0');
        }
        out.extend_from_slice(&digits);
    } else {
        let d = decpt as usize;
        for i in 0..d {
            out.push(*digits.get(i).unwrap_or(&b'0'));
        }
        if digits.len() > d {
            out.push(b'.');
            out.extend_from_slice(&digits[d..]);
        }
    }
}

/// Whether an integer literal (optional `-`, digits) is a PHP int (true) or
/// overflows to a float (false), following php_json_scanner's rule.
fn php_int_fits(text: &[u8]) -> bool {
    const LONG_MIN_DIGITS: &[u8] = b"9223372036854775808";
    let negative = text.first() == Some(&b'-');
    let digits = &text[negative as usize..];
    match digits.len().cmp(&LONG_MIN_DIGITS.len()) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => match digits.cmp(LONG_MIN_DIGITS) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => negative,
            std::cmp::Ordering::Greater => false,
        },
    }
}

/// What the top-level driver does with one member of the params object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Sent and hashed.
    Hash,
    /// Sent but excluded from the hash (e.g. `client_info_json` of addJson).
    Aside,
}

/// One top-level member after transcoding.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    /// The value as PHP JSON text.
    pub value: Vec<u8>,
    pub route: Route,
    /// The decoded string when the value is a JSON string.
    pub string: Option<String>,
    /// The literal text when the value is a JSON number.
    pub number: Option<String>,
}

/// A JSON reader that writes PHP's re-encoding as it goes.
pub struct Transcoder<'a> {
    src: &'a str,
    input: &'a [u8],
    pos: usize,
    opts: Options,
    plain: &'static [bool; 256],
    key_buf: String,
    /// A number overflowed to INF. PHP fails only if that value survives
    /// (a later duplicate key may replace it), so the error is deferred: the
    /// value is written as the byte 0xFF, which valid output never contains.
    overflowed: Option<String>,
}

impl<'a> Transcoder<'a> {
    pub fn new(src: &'a str, opts: Options) -> Self {
        Transcoder { src, input: src.as_bytes(), pos: 0, opts, plain: plain_table(opts), key_buf: String::new(), overflowed: None }
    }

    fn syntax(&self, what: &str) -> Error {
        let near_start = self.src.floor_char_boundary_compat(self.pos.saturating_sub(12));
        let near_end = self.src.floor_char_boundary_compat((self.pos + 12).min(self.src.len()));
        Error::new(Code::InvalidJson, format!("invalid JSON at byte {}: {what} (near {})", self.pos, quote(&self.src[near_start..near_end], 24)))
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.input.get(self.pos) {
            if b == b' ' || b == b'\n' || b == b'\r' || b == b'\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn expect(&mut self, b: u8, what: &str) -> Result<()> {
        self.skip_ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    /// Fails if `out` still holds a number that overflowed to INF.
    /// After a container's element: skips `,` (→ `Ok(false)`, more follow)
    /// or the closing `close` (→ `Ok(true)`); anything else is a syntax error.
    fn next_or_close(&mut self, close: u8) -> Result<bool> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.syntax(if close == b']' { "',' or ']' expected" } else { "',' or '}' expected" })),
        }
    }

    pub fn check_overflow(&self, out: &[u8]) -> Result<()> {
        match &self.overflowed {
            Some(text) if out.contains(&OVERFLOW_MARK) => {
                Err(Error::new(Code::InvalidNumber, format!("{} overflows a double: PHP would decode it as INF and refuse to encode it", preview(text, 40))))
            }
            _ => Ok(()),
        }
    }

    /// Checks that only whitespace remains.
    pub fn finish(&mut self) -> Result<()> {
        self.skip_ws();
        if self.pos != self.input.len() {
            return Err(self.syntax("unexpected text after the value"));
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16> {
        let h = self.input.get(self.pos..self.pos + 4).ok_or_else(|| self.syntax("truncated \\u escape"))?;
        let mut v: u16 = 0;
        for &b in h {
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(self.syntax("bad hex digit in \\u escape")),
            };
            v = (v << 4) | u16::from(d);
        }
        self.pos += 4;
        Ok(v)
    }

    /// Reads one escape sequence (after the backslash) as a char.
    fn escape(&mut self) -> Result<char> {
        let b = self.peek().ok_or_else(|| self.syntax("unterminated string"))?;
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                if (0xDC00..0xE000).contains(&hi) {
                    return Err(lone_surrogate(hi));
                }
                if (0xD800..0xDC00).contains(&hi) {
                    if self.input.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(lone_surrogate(hi));
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(lone_surrogate(hi));
                    }
                    let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(lo) - 0xDC00);
                    char::from_u32(c).unwrap_or('\u{fffd}')
                } else {
                    char::from_u32(u32::from(hi)).unwrap_or('\u{fffd}')
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.syntax("invalid escape"));
            }
        })
    }

    /// Reads a string token (at its opening quote), writing PHP's encoding to
    /// `out` and, if asked, the decoded text to `decoded`.
    #[inline(never)]
    fn string(&mut self, out: &mut Vec<u8>, mut decoded: Option<&mut String>) -> Result<()> {
        self.pos += 1; // opening quote
        out.push(b'"');
        loop {
            let start = self.pos;
            while self.pos < self.input.len() && self.plain[self.input[self.pos] as usize] {
                self.pos += 1;
            }
            if self.pos > start {
                out.extend_from_slice(&self.input[start..self.pos]);
                if let Some(d) = decoded.as_deref_mut() {
                    d.push_str(&self.src[start..self.pos]);
                }
            }
            let Some(b) = self.peek() else {
                return Err(self.syntax("unterminated string"));
            };
            let c = match b {
                b'"' => {
                    self.pos += 1;
                    out.push(b'"');
                    return Ok(());
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape()?
                }
                0..=0x1f => return Err(self.syntax("raw control character in string")),
                _ => {
                    let c = self.src[self.pos..].chars().next().unwrap_or('\u{fffd}');
                    self.pos += c.len_utf8();
                    c
                }
            };
            push_char(out, c, self.opts);
            if let Some(d) = decoded.as_deref_mut() {
                d.push(c);
            }
        }
    }

    /// Reads a number token, writing PHP's re-encoding. Returns its literal text.
    #[inline(never)]
    fn number(&mut self, out: &mut Vec<u8>) -> Result<&'a str> {
        let start = self.pos;
        let inp = self.input;
        let mut p = self.pos;
        if inp.get(p) == Some(&b'-') {
            p += 1;
        }
        match inp.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                while matches!(inp.get(p), Some(b'0'..=b'9')) {
                    p += 1;
                }
            }
            _ => {
                self.pos = p;
                return Err(self.syntax("invalid number"));
            }
        }
        let mut is_float = false;
        if inp.get(p) == Some(&b'.') {
            is_float = true;
            p += 1;
            if !matches!(inp.get(p), Some(b'0'..=b'9')) {
                self.pos = p;
                return Err(self.syntax("digit expected after the decimal point"));
            }
            while matches!(inp.get(p), Some(b'0'..=b'9')) {
                p += 1;
            }
        }
        if matches!(inp.get(p), Some(b'e' | b'E')) {
            is_float = true;
            p += 1;
            if matches!(inp.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            if !matches!(inp.get(p), Some(b'0'..=b'9')) {
                self.pos = p;
                return Err(self.syntax("digit expected in the exponent"));
            }
            while matches!(inp.get(p), Some(b'0'..=b'9')) {
                p += 1;
            }
        }
        self.pos = p;
        let text = &self.src[start..p];
        if !is_float && php_int_fits(text.as_bytes()) {
            if text == "-0" {
                out.push(b'0');
            } else {
                out.extend_from_slice(text.as_bytes());
            }
            return Ok(text);
        }
        let v = float::parse(text).ok_or_else(|| self.syntax("invalid number"))?;
        if !v.is_finite() {
            self.overflowed.get_or_insert_with(|| text.to_string());
            out.push(OVERFLOW_MARK);
            return Ok(text);
        }
        write_php_float(out, v);
        Ok(text)
    }

    fn literal(&mut self, word: &'static [u8], out: &mut Vec<u8>) -> Result<()> {
        if self.input.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            out.extend_from_slice(word);
            Ok(())
        } else {
            Err(self.syntax("unexpected character"))
        }
    }

    /// Transcodes one value at the current position. `depth` is the number
    /// of containers already open around it.
    pub fn value(&mut self, out: &mut Vec<u8>, depth: usize) -> Result<()> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(out, depth + 1),
            Some(b'[') => self.array(out, depth + 1),
            Some(b'"') => self.string(out, None),
            Some(b't') => self.literal(b"true", out),
            Some(b'f') => self.literal(b"false", out),
            Some(b'n') => self.literal(b"null", out),
            Some(b'-' | b'0'..=b'9') => self.number(out).map(|_| ()),
            Some(_) => Err(self.syntax("unexpected character")),
            None => Err(self.syntax("unexpected end of input")),
        }
    }

    fn check_depth(&self, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Error::new(Code::TooDeep, format!("nesting deeper than {MAX_DEPTH} levels: PHP's json_decode fails beyond that; flatten the data")));
        }
        Ok(())
    }

    fn array(&mut self, out: &mut Vec<u8>, depth: usize) -> Result<()> {
        self.check_depth(depth)?;
        self.pos += 1;
        out.push(b'[');
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            out.push(b']');
            return Ok(());
        }
        loop {
            self.value(out, depth)?;
            if self.next_or_close(b']')? {
                out.push(b']');
                return Ok(());
            }
            out.push(b',');
        }
    }

    fn read_key(&mut self, out: &mut Vec<u8>) -> Result<String> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(self.syntax("object key expected"));
        }
        let mut key = std::mem::take(&mut self.key_buf);
        key.clear();
        self.string(out, Some(&mut key))?;
        self.expect(b':', "':' expected after an object key")?;
        Ok(key)
    }

    #[inline(never)]
    fn object(&mut self, out: &mut Vec<u8>, depth: usize) -> Result<()> {
        self.check_depth(depth)?;
        self.pos += 1;
        let start = out.len();
        out.push(b'{');
        // Every member as read, duplicates included: (key, start of the
        // member's key in `out`, value range in `out`). Duplicates are
        // resolved once at the end (linear after a sort), never by shifting
        // what was already written.
        let mut members: Vec<(String, usize, usize, usize)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let key_start = out.len();
                let key = self.read_key(out)?;
                out.push(b':');
                let val_start = out.len();
                self.value(out, depth)?;
                if members.len() == MAX_MEMBERS {
                    return Err(too_many("members in one object", MAX_MEMBERS));
                }
                members.push((key, key_start, val_start, out.len()));
                if self.next_or_close(b'}')? {
                    break;
                }
                out.push(b',');
            }
        }
        let plan = survivors(&members, |m| m.0.as_str());
        // json_decode($x, true) turns {} and {"0":..,"1":..} into PHP lists.
        let is_list = match &plan {
            None => members.iter().enumerate().all(|(i, m)| is_index_key(&m.0, i)),
            Some(p) => p.iter().enumerate().all(|(i, &(first, _))| is_index_key(&members[first].0, i)),
        };
        if plan.is_none() && !is_list {
            out.push(b'}');
            return Ok(());
        }
        // Rebuild the object's text from the pieces: PHP keeps each key at
        // its first position with its last value.
        let written = out.split_off(start);
        let at = |r: usize| r - start;
        let pairs: Vec<(usize, usize)> = plan.unwrap_or_else(|| (0..members.len()).map(|i| (i, i)).collect());
        out.push(if is_list { b'[' } else { b'{' });
        for (n, &(first, last)) in pairs.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            if !is_list {
                let (_, key_start, val_start, _) = members[first];
                out.extend_from_slice(&written[at(key_start)..at(val_start)]);
            }
            let (_, _, val_start, val_end) = members[last];
            out.extend_from_slice(&written[at(val_start)..at(val_end)]);
        }
        out.push(if is_list { b']' } else { b'}' });
        Ok(())
    }

    /// Expects an array and calls `f` with each element's index and its
    /// transcoded text; returns the number of elements. Nothing may follow.
    #[inline(never)]
    pub fn for_each_item(&mut self, mut f: impl FnMut(usize, &[u8]) -> Result<()>) -> Result<usize> {
        self.skip_ws();
        if self.peek() != Some(b'[') {
            return Err(self.syntax("array expected"));
        }
        self.pos += 1;
        let mut n = 0;
        let mut item = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                item.clear();
                self.value(&mut item, 1)?;
                self.check_overflow(&item)?;
                f(n, &item)?;
                n += 1;
                if self.next_or_close(b']')? {
                    break;
                }
            }
        }
        self.finish()?;
        Ok(n)
    }

    /// The number of elements of an array (validating each).
    pub fn count_array(&mut self) -> Result<usize> {
        self.for_each_item(|_, _| Ok(()))
    }

    /// Reads a top-level object without re-encoding it: each member's decoded
    /// key and the byte range of its value in the input (validated JSON).
    /// Later duplicates replace earlier ones, as in PHP and JavaScript.
    #[inline(never)]
    pub fn raw_members(mut self) -> Result<Vec<(String, std::ops::Range<usize>)>> {
        self.skip_ws();
        if self.peek() != Some(b'{') {
            return Err(self.syntax("object expected"));
        }
        self.pos += 1;
        let mut members: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        let mut discard = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                discard.clear();
                let key = self.read_key(&mut discard)?;
                self.key_buf = String::new();
                self.skip_ws();
                let start = self.pos;
                discard.clear();
                self.value(&mut discard, 1)?;
                if members.len() == MAX_MEMBERS {
                    return Err(too_many("members in one object", MAX_MEMBERS));
                }
                members.push((key, start..self.pos));
                if self.next_or_close(b'}')? {
                    break;
                }
            }
        }
        self.finish()?;
        if let Some(plan) = survivors(&members, |m| m.0.as_str()) {
            let mut slots: Vec<Option<(String, std::ops::Range<usize>)>> = members.into_iter().map(Some).collect();
            return Ok(plan
                .into_iter()
                .filter_map(|(first, last)| {
                    let range = slots[last].as_ref()?.1.clone();
                    let (key, _) = slots[first].take()?;
                    Some((key, range))
                })
                .collect());
        }
        Ok(members)
    }

    /// Like [`Self::for_each_item`], but passes each element's byte range in
    /// the input instead of its transcoding.
    #[inline(never)]
    pub fn item_ranges(&mut self) -> Result<Vec<std::ops::Range<usize>>> {
        self.skip_ws();
        if self.peek() != Some(b'[') {
            return Err(self.syntax("array expected"));
        }
        self.pos += 1;
        let mut out = Vec::new();
        let mut discard = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                let start = self.pos;
                discard.clear();
                self.value(&mut discard, 1)?;
                if out.len() == MAX_ITEMS {
                    return Err(too_many("elements in one array", MAX_ITEMS));
                }
                out.push(start..self.pos);
                if self.next_or_close(b']')? {
                    break;
                }
            }
        }
        self.finish()?;
        Ok(out)
    }

    /// Reads the top-level params object member by member. Values that are
    /// `null` are dropped (neither sent nor hashed); `route` decides for every
    /// other key whether it is hashed or only sent. Duplicate keys are an error.
    #[inline(never)]
    pub fn params(mut self, mut route: impl FnMut(&str) -> Route) -> Result<Vec<Member>> {
        self.skip_ws();
        if self.peek() != Some(b'{') {
            return Err(Error::invalid("params must be an object of name → value"));
        }
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        // Past SCAN_LIMIT keys, every key read, in order, with whether its
        // value was kept (non-null): duplicates are then found by one sort.
        let mut late: Vec<(String, bool)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let mut scratch = Vec::new();
                let key = self.read_key(&mut scratch)?;
                self.key_buf = String::new();
                // A key already sent (non-null) is a duplicate, whatever the new value.
                if members.len() < SCAN_LIMIT && late.is_empty() && members.iter().any(|m| m.key == key) {
                    return Err(duplicate_param(key));
                }
                self.skip_ws();
                let mut value = Vec::new();
                let (mut string, mut number) = (None, None);
                match self.peek() {
                    Some(b'"') => {
                        let mut s = String::new();
                        self.string(&mut value, Some(&mut s))?;
                        string = Some(s);
                    }
                    Some(b'-' | b'0'..=b'9') => number = Some(self.number(&mut value)?.to_string()),
                    _ => self.value(&mut value, 1).map_err(|e| e.with_path_if_none(&key))?,
                }
                self.check_overflow(&value).map_err(|e| e.with_path_if_none(&key))?;
                let kept = value != b"null";
                if !late.is_empty() || members.len() >= SCAN_LIMIT {
                    if late.is_empty() {
                        late.extend(members.iter().map(|m| (m.key.clone(), true)));
                    }
                    late.push((key.clone(), kept));
                }
                if kept {
                    let r = route(&key);
                    if members.len() == MAX_MEMBERS {
                        return Err(too_many("parameters", MAX_MEMBERS));
                    }
                    members.push(Member { key, value, route: r, string, number });
                }
                if self.next_or_close(b'}')? {
                    break;
                }
            }
        }
        self.finish()?;
        if !late.is_empty() {
            // Sorted by key then position: a key repeats a kept one when a kept
            // occurrence is followed by another in its group.
            let keys: Vec<&str> = late.iter().map(|(k, _)| k.as_str()).collect();
            let order = super::keys::sorted_indices(&keys);
            let mut first_dup: Option<usize> = None;
            for w in order.windows(2) {
                let (a, b) = (w[0], w[1]);
                if late[a].0 == late[b].0 && late[a].1 {
                    first_dup = Some(first_dup.map_or(b, |d| d.min(b)));
                }
            }
            if let Some(d) = first_dup {
                return Err(duplicate_param(std::mem::take(&mut late[d].0)));
            }
        }
        Ok(members)
    }

    /// What [`Self::params`] followed by [`write_members`] and
    /// [`check_not_list`] produce for hashing, streamed into `out` without
    /// building members: every non-null member's PHP encoding, in order.
    /// Returns `Ok(false)` (and leaves `out` in an unspecified state) when the
    /// slow path must decide: a key written with escapes, a duplicate key,
    /// more than 64 members, or keys "0".."n-1".
    #[inline(never)]
    pub fn hash_params_into(mut self, out: &mut Vec<u8>) -> Result<bool> {
        const MAX_KEYS: usize = 64;
        self.skip_ws();
        if self.peek() != Some(b'{') {
            return Err(Error::invalid("params must be an object of name → value"));
        }
        self.pos += 1;
        let start = out.len();
        out.push(b'{');
        let mut keys = [(0u32, 0u32); MAX_KEYS];
        let mut written = 0usize;
        let mut list = true;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(self.syntax("object key expected"));
                }
                let mark = out.len();
                if written > 0 {
                    out.push(b',');
                }
                let key_start = self.pos + 1;
                self.string(out, None)?;
                let key_end = self.pos - 1;
                let raw = &self.input[key_start..key_end];
                // Like `params`: a key already sent (non-null) is a duplicate,
                // whatever the new value.
                // A `url` member (the placeholder the document's forms show) is
                // not hashed: the slow path drops it.
                if raw.contains(&b'\\') || raw == b"url" || keys[..written].iter().any(|&(a, b)| &self.input[a as usize..b as usize] == raw) {
                    return Ok(false);
                }
                self.expect(b':', "':' expected after an object key")?;
                out.push(b':');
                self.skip_ws();
                let value_start = out.len();
                let key_path = |e: Error| e.with_path_if_none(&String::from_utf8_lossy(raw));
                self.value(out, 1).map_err(key_path)?;
                self.check_overflow(&out[value_start..]).map_err(key_path)?;
                if &out[value_start..] == b"null" {
                    out.truncate(mark);
                } else {
                    if written == MAX_KEYS {
                        return Ok(false);
                    }
                    keys[written] = (key_start as u32, key_end as u32);
                    list = list && std::str::from_utf8(raw).is_ok_and(|k| is_index_key(k, written));
                    written += 1;
                }
                if self.next_or_close(b'}')? {
                    break;
                }
            }
        }
        self.finish()?;
        if written == 0 {
            out.truncate(start);
            out.extend_from_slice(b"[]");
        } else if list {
            return Ok(false);
        } else {
            out.push(b'}');
        }
        Ok(true)
    }
}

impl Transcoder<'_> {
    /// The top-level object's members as text, streamed for GET and form
    /// parameters (whose values reach PHP as strings): for every non-null
    /// member, `hash` gets `,"key":"value"` (PHP's encoding; a number is
    /// hashed as the string of its literal) and `visit(key, value)` the
    /// decoded text. Returns `Ok(false)` (with `hash` and what `visit` was
    /// given unspecified) when the slow path must decide: a key written with
    /// escapes, `url`, a duplicate key, a value that is not a string, a
    /// number or null, more than 64 members.
    #[inline(never)]
    pub fn text_params_into(mut self, hash: &mut Vec<u8>, decoded: &mut String, mut visit: impl FnMut(&str, &str)) -> Result<bool> {
        const MAX_KEYS: usize = 64;
        self.skip_ws();
        if self.peek() != Some(b'{') {
            return Err(Error::invalid("params must be an object of name → value"));
        }
        self.pos += 1;
        let mut keys = [(0u32, 0u32); MAX_KEYS];
        let mut written = 0usize;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.finish()?;
            return Ok(true);
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("object key expected"));
            }
            let mark = hash.len();
            hash.push(b',');
            let key_start = self.pos + 1;
            self.string(hash, None)?;
            let key_end = self.pos - 1;
            let raw = &self.input[key_start..key_end];
            if raw.contains(&b'\\') || raw == b"url" || written == MAX_KEYS || keys[..written].iter().any(|&(a, b)| &self.input[a as usize..b as usize] == raw)
            {
                return Ok(false);
            }
            self.expect(b':', "':' expected after an object key")?;
            hash.push(b':');
            self.skip_ws();
            decoded.clear();
            match self.peek() {
                Some(b'"') => self.string(hash, Some(decoded))?,
                Some(b'-' | b'0'..=b'9') => {
                    let mut scratch = Vec::new();
                    let literal = self.number(&mut scratch)?;
                    self.check_overflow(&scratch)?;
                    // The literal's characters need no escaping.
                    hash.push(b'"');
                    hash.extend_from_slice(literal.as_bytes());
                    hash.push(b'"');
                    decoded.push_str(literal);
                }
                Some(b'n') if self.input[self.pos..].starts_with(b"null") => {
                    self.pos += 4;
                    hash.truncate(mark);
                    if self.next_or_close(b'}')? {
                        break;
                    }
                    continue;
                }
                _ => return Ok(false),
            }
            keys[written] = (key_start as u32, key_end as u32);
            written += 1;
            visit(&self.src[key_start..key_end], decoded);
            if self.next_or_close(b'}')? {
                break;
            }
        }
        self.finish()?;
        Ok(true)
    }
}

fn duplicate_param(key: String) -> Error {
    Error::new(Code::DuplicateKey, format!("parameter {} appears twice; send each parameter once", quote(&key, 60))).with_path(key)
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

impl Error {
    fn with_path_if_none(mut self, path: &str) -> Self {
        if self.path.is_none() {
            self.path = Some(path.to_string());
        }
        self
    }
}

fn lone_surrogate(u: u16) -> Error {
    Error::new(
        Code::InvalidUnicode,
        format!("lone UTF-16 surrogate \\u{u:04x}: PHP's json_decode rejects unpaired surrogates; remove or replace the character"),
    )
}

/// `key` is the canonical decimal form of `i` (PHP turns such keys into integers).
fn is_index_key(key: &str, i: usize) -> bool {
    let k = key.as_bytes();
    if k.is_empty() || k.len() > 19 || (k[0] == b'0' && k.len() > 1) || !k.iter().all(u8::is_ascii_digit) {
        return false;
    }
    k.iter().fold(0usize, |n, d| n.wrapping_mul(10).wrapping_add(usize::from(d - b'0'))) == i
}

/// Decodes a JSON string literal (with its quotes); None for anything else.
pub fn decode_string(literal: &str) -> Option<String> {
    let mut t = Transcoder::new(literal.trim(), Options::RAW);
    if t.peek() != Some(b'"') {
        return None;
    }
    let mut s = String::new();
    t.string(&mut Vec::new(), Some(&mut s)).ok()?;
    t.finish().ok()?;
    Some(s)
}

/// Re-encodes any JSON text as PHP's `json_encode(json_decode($text, true))`.
#[inline(never)]
pub fn transcode(text: &str, opts: Options) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 8 + 2);
    let mut t = Transcoder::new(text, opts);
    t.value(&mut out, 0)?;
    t.finish()?;
    t.check_overflow(&out)?;
    Ok(out)
}

/// Writes the PHP encoding of a params object given as members, in order.
/// An empty object is `[]`, as PHP prints an empty array.
#[inline(never)]
pub fn write_members<'m>(out: &mut Vec<u8>, members: impl IntoIterator<Item = &'m Member>, opts: Options) {
    let plain = plain_table(opts);
    let start = out.len();
    out.push(b'{');
    let mut any = false;
    for m in members {
        if any {
            out.push(b',');
        }
        any = true;
        write_str_with(out, &m.key, opts, plain);
        out.push(b':');
        out.extend_from_slice(&m.value);
    }
    if any {
        out.push(b'}');
    } else {
        out.truncate(start);
        out.extend_from_slice(b"[]");
    }
}

/// Refuses params whose keys are exactly "0".."n-1": PHP would hash them as a
/// list, which no endpoint can mean.
pub fn check_not_list(members: &[Member]) -> Result<()> {
    if !members.is_empty() && members.iter().enumerate().all(|(i, m)| is_index_key(&m.key, i)) {
        return Err(Error::invalid("params keyed \"0\", \"1\", … would be decoded by PHP as a list; use named parameters"));
    }
    Ok(())
}

/// A small writer for params built in Rust (the clients), producing the same
/// members `Transcoder::params` would.
#[derive(Default)]
pub struct ParamsBuilder {
    pub members: Vec<Member>,
    opts: Options,
}

impl ParamsBuilder {
    pub fn new(opts: Options) -> Self {
        ParamsBuilder { members: Vec::new(), opts }
    }

    fn push(&mut self, key: &str, value: Vec<u8>, string: Option<String>, number: Option<String>) {
        self.members.retain(|m| m.key != key);
        self.members.push(Member { key: key.to_string(), value, route: Route::Hash, string, number });
    }

    pub fn str(&mut self, key: &str, v: &str) -> &mut Self {
        let mut value = Vec::with_capacity(v.len() + 2);
        write_str(&mut value, v, self.opts);
        self.push(key, value, Some(v.to_string()), None);
        self
    }

    pub fn int(&mut self, key: &str, v: i64) -> &mut Self {
        let mut value = Vec::new();
        write_i64(&mut value, v);
        let text = String::from_utf8_lossy(&value).into_owned();
        self.push(key, value, None, Some(text));
        self
    }

    /// A value given as JSON text (any type), transcoded.
    pub fn json(&mut self, key: &str, json: &str) -> Result<&mut Self> {
        let value = transcode(json, self.opts).map_err(|e| e.with_path_if_none(key))?;
        self.push(key, value, None, None);
        Ok(self)
    }

    pub fn aside(&mut self, key: &str) -> &mut Self {
        if let Some(m) = self.members.iter_mut().find(|m| m.key == key) {
            m.route = Route::Aside;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn php(s: &str) -> String {
        String::from_utf8(transcode(s, Options::PHP_DEFAULT).unwrap()).unwrap()
    }

    #[test]
    fn strings_are_escaped_like_php() {
        assert_eq!(php(r#""/home/record""#), r#""\/home\/record""#);
        assert_eq!(php(r#""测试""#), r#""\u6d4b\u8bd5""#);
        assert_eq!(php("\"😀\""), r#""\ud83d\ude00""#);
        assert_eq!(php(r#""\ud83d\ude00""#), r#""\ud83d\ude00""#);
        assert_eq!(php(r#""a\u0001\b\f\n\r\t\"\\\u007f""#), "\"a\\u0001\\b\\f\\n\\r\\t\\\"\\\\\u{7f}\"");
        let raw = String::from_utf8(transcode("\"\u{2028}é/\"", Options::RAW).unwrap()).unwrap();
        assert_eq!(raw, "\"\u{2028}é/\"");
        let mut o = Options::RAW;
        o.escape_line_terminators = true;
        assert_eq!(String::from_utf8(transcode("\"\u{2028}é\"", o).unwrap()).unwrap(), "\"\\u2028é\"");
    }

    #[test]
    fn numbers_follow_php_decode_encode() {
        let cases = [
            ("0", "0"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("1e20", "1.0e+20"),
            ("100000000000000000000", "1.0e+20"),
            ("1e-5", "1.0e-5"),
            ("0.0001", "0.0001"),
            ("0.1", "0.1"),
            ("1e2", "100"),
            ("10.0", "10"),
            ("9223372036854775807", "9223372036854775807"),
            ("9223372036854775808", "9.223372036854776e+18"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("-9223372036854775809", "-9.223372036854776e+18"),
            ("1e15", "1000000000000000"),
            ("1.2e16", "12000000000000000"),
            ("1e17", "1.0e+17"),
            ("123456789.123456789", "123456789.12345679"),
            ("5e-324", "5.0e-324"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("-1.5", "-1.5"),
            ("1e-400", "0"),
        ];
        for (i, o) in cases {
            assert_eq!(php(i), o, "{i}");
        }
        assert_eq!(transcode("1e400", Options::PHP_DEFAULT).unwrap_err().code, Code::InvalidNumber);
    }

    #[test]
    fn write_f64_matches_transcoded_literals() {
        for (v, o) in [(2.0, "2"), (-0.0, "0"), (1e20, "1.0e+20"), (0.1, "0.1"), (9.223372036854776e18, "9.223372036854776e+18")] {
            let mut out = Vec::new();
            write_f64(&mut out, v).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), o);
        }
        assert_eq!(write_f64(&mut Vec::new(), f64::NAN).unwrap_err().code, Code::InvalidNumber);
    }

    #[test]
    fn objects_mirror_php_assoc_decoding() {
        assert_eq!(
            php(r#"{"a":{},"b":{"0":1,"1":2},"c":{"1":1,"0":2},"d":[],"e":{"0":1,"2":2}}"#),
            r#"{"a":[],"b":[1,2],"c":{"1":1,"0":2},"d":[],"e":{"0":1,"2":2}}"#
        );
        assert_eq!(php(r#"{"a":1,"b":2,"a":3}"#), r#"{"a":3,"b":2}"#);
        assert_eq!(php(r#"{"a":[1,{"x":"y"}],"b":2,"a":{"z":"w/"}}"#), r#"{"a":{"z":"w\/"},"b":2}"#);
        assert_eq!(php(r#"{"0":"x","1":"y","0":"z"}"#), r#"["z","y"]"#);
        assert_eq!(php(r#" { "a" : [ 1 , 2 ] } "#), r#"{"a":[1,2]}"#);
    }

    #[test]
    fn many_keys_and_duplicates_keep_php_semantics() {
        // 40 distinct keys, then every one again in reverse, then a new one:
        // first positions, last values (the sorted path, past SCAN_LIMIT).
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        for i in (0..40).rev() {
            text.push_str(&format!("\"k{i}\":\"v{i}\","));
        }
        text.push_str("\"z\":[1]}");
        let expect: String = format!("{{{},\"z\":[1]}}", (0..40).map(|i| format!("\"k{i}\":\"v{i}\"")).collect::<Vec<_>>().join(","));
        assert_eq!(php(&text), expect);
        let m = Transcoder::new(&text, Options::RAW).raw_members().unwrap();
        assert_eq!(m.len(), 41);
        assert_eq!((m[3].0.as_str(), &text[m[3].1.clone()]), ("k3", "\"v3\""));
        // Keys "0".."n-1" in any order of arrival, with duplicates, are a list.
        let mut list = String::from("{");
        for i in 0..30 {
            list.push_str(&format!("\"{i}\":{i},"));
        }
        list.push_str("\"5\":\"five\"}");
        let out = php(&list);
        assert!(out.starts_with("[0,1,2,3,4,\"five\",6,") && out.ends_with(",29]"), "{out}");
        // params: a duplicate of a kept key is refused, a null before is not.
        let mut p = String::from("{");
        for i in 0..30 {
            p.push_str(&format!("\"p{i}\":{i},"));
        }
        let dup = format!("{p}\"p7\":null}}");
        let e = Transcoder::new(&dup, Options::PHP_DEFAULT).params(|_| Route::Hash).unwrap_err();
        assert_eq!((e.code, e.path.as_deref()), (Code::DuplicateKey, Some("p7")));
        let null_first = format!("{{\"q\":null,{}\"q\":1}}", &p[1..]);
        assert_eq!(Transcoder::new(&null_first, Options::PHP_DEFAULT).params(|_| Route::Hash).unwrap().len(), 31);
    }

    #[test]
    fn member_and_item_counts_are_capped() {
        let object = |n: usize| format!("{{{}}}", (0..n).map(|i| format!("\"{i:x}\":0")).collect::<Vec<_>>().join(","));
        let at_cap = object(MAX_MEMBERS);
        assert!(Transcoder::new(&at_cap, Options::RAW).raw_members().is_ok());
        let over = object(MAX_MEMBERS + 1);
        assert_eq!(Transcoder::new(&over, Options::RAW).raw_members().unwrap_err().code, Code::TooLarge);
        assert_eq!(transcode(&over, Options::RAW).unwrap_err().code, Code::TooLarge);
        assert_eq!(Transcoder::new(&over, Options::RAW).params(|_| Route::Hash).unwrap_err().code, Code::TooLarge);
        let items = format!("[{}0]", "0,".repeat(MAX_ITEMS));
        assert_eq!(Transcoder::new(&items, Options::RAW).item_ranges().unwrap_err().code, Code::TooLarge);
    }

    #[test]
    fn depth_limit_is_php_s() {
        let ok = format!("{}1{}", "[".repeat(511), "]".repeat(511));
        assert!(transcode(&ok, Options::PHP_DEFAULT).is_ok());
        let bad = format!("{}1{}", "[".repeat(512), "]".repeat(512));
        assert_eq!(transcode(&bad, Options::PHP_DEFAULT).unwrap_err().code, Code::TooDeep);
        let huge = "[".repeat(100_000);
        assert_eq!(transcode(&huge, Options::PHP_DEFAULT).unwrap_err().code, Code::TooDeep);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\"}",
            "\"abc",
            "tru",
            "01",
            "1.",
            "1e",
            "-",
            "\"\\x\"",
            "\"\\u12\"",
            "{\"a\":1,}",
            "[1 2]",
            "\"\u{1}\"",
            "nul",
            "{1:2}",
            "1 2",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"\\ud800\\u0041\"",
        ] {
            let e = transcode(bad, Options::PHP_DEFAULT).unwrap_err();
            assert!(matches!(e.code, Code::InvalidJson | Code::InvalidUnicode), "{bad:?} → {e}");
        }
    }

    #[test]
    fn params_drop_nulls_route_and_refuse_duplicates() {
        let t = Transcoder::new(r#"{"a":"x/y","n":null,"b":2,"c":[1,null]}"#, Options::PHP_DEFAULT);
        let m = t.params(|k| if k == "b" { Route::Aside } else { Route::Hash }).unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].string.as_deref(), Some("x/y"));
        assert_eq!(m[0].value, br#""x\/y""#);
        assert_eq!(m[1].route, Route::Aside);
        assert_eq!(m[1].number.as_deref(), Some("2"));
        assert_eq!(m[2].value, b"[1,null]");
        let e = Transcoder::new(r#"{"a":1,"a":2}"#, Options::PHP_DEFAULT).params(|_| Route::Hash).unwrap_err();
        assert_eq!(e.code, Code::DuplicateKey);
        let e = Transcoder::new("[1]", Options::PHP_DEFAULT).params(|_| Route::Hash).unwrap_err();
        assert_eq!(e.code, Code::InvalidArgument);
    }

    #[test]
    fn raw_members_and_item_ranges_point_into_the_input() {
        let text = r#" {"code":0,"msg":"ok","data":{"a":[1,2]},"code":7} "#;
        let m = Transcoder::new(text, Options::RAW).raw_members().unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(&text[m[0].1.clone()], "7");
        assert_eq!(&text[m[2].1.clone()], r#"{"a":[1,2]}"#);
        let arr = r#"[ {"x":1} , "s",[]]"#;
        let r = Transcoder::new(arr, Options::RAW).item_ranges().unwrap();
        assert_eq!(r.iter().map(|r| &arr[r.clone()]).collect::<Vec<_>>(), vec![r#"{"x":1}"#, r#""s""#, "[]"]);
        assert!(Transcoder::new("[1,", Options::RAW).item_ranges().is_err());
        assert!(Transcoder::new("{\"a\":}", Options::RAW).raw_members().is_err());
    }

    #[test]
    fn empty_params_hash_as_php_empty_array() {
        let mut out = Vec::new();
        write_members(&mut out, &[], Options::PHP_DEFAULT);
        assert_eq!(out, b"[]");
    }

    #[test]
    fn options_bits_round_trip() {
        for bits in 0..8 {
            assert_eq!(Options::from_bits(bits).bits(), bits);
        }
        assert_eq!(Options::from_bits(0), Options::PHP_DEFAULT);
    }
}
