//! One way to describe and check the parameters of every platform's
//! methods: a field has the document's name (and the other spellings the
//! documents use), a kind, and whether the document requires it. One checker
//! reads a JSON object against a list of fields and returns each given value
//! normalised; the platform modules only decide how a value is sent.
//!
//! The rule, from the vendors' documents: **whatever a document writes is
//! accepted.** A field typed int or Bool also takes the string forms the
//! examples write (`"0"`, `"true"`); an optional field given as `""` is "not
//! set" ([`Value::Empty`]: the platform module omits it, or sends `""` where
//! that platform's examples do); enumerations match the document's spellings
//! case-insensitively and come out in the spelling the platform expects;
//! indexed parameters (`cpPhone[0..n]`) are taken as an array under their
//! name or as the indexed keys themselves. Checks stay strict where the
//! document is strict: a type the document never writes, a required field
//! missing or empty, an unknown name — refused before anything is sent, with
//! the path.

use crate::core::error::{did_you_mean, preview, quote};
use crate::core::phpjson::{self, Member, Options, Route, Transcoder};
use crate::core::{Error, Result};

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Text; a number or a boolean is taken as its literal. `max` characters (0 = any).
    Text { max: usize },
    /// An integer in `min..=max` (a JSON number or a string of digits).
    Int { min: i64, max: i64 },
    /// One of these integers (a number or its digits).
    IntOneOf(&'static [i64]),
    /// One of these strings, matched case-insensitively (numbers as their digits);
    /// the value is the table's spelling.
    OneOf(&'static [&'static str]),
    /// `true`/`false`, also `"true"`/`"false"`, `1`/`0`, `"1"`/`"0"`.
    Bool,
    /// A decimal number (coordinates), or its string form.
    Float,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.
    DateOrTime,
    /// `count.0..=count.1` ASCII digits (an agent's staff number, a voice code).
    Digits(u8, u8),
    /// A phone number: optional `+`, 3 to 20 digits, `-` between them.
    Phone,
    /// A list: an array, or (unless `array_only`) a comma-separated string;
    /// each item checked as `item` (Text, Phone or Digits); at most `max` items.
    List { item: Item, max: usize, array_only: bool },
    /// An `http://` or `https://` URL.
    Url,
    /// A JSON object or array (or a string holding one), kept as JSON text.
    Json,
    /// Text, or a JSON object or array sent as its JSON text (the document
    /// writes both, e.g. 八百呼 sendMsg's `content`).
    TextOrJson,
    /// The document's indexed parameter `name[0..n]`: an array under `name`
    /// (or one value), or the keys `name[0]`, `name[1]`… themselves.
    Indexed(Item),
}

/// What the items of a list or an indexed parameter are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    Text,
    Phone,
    Digits(u8, u8),
}

/// A parameter of a method.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The name the platform receives (the document's main spelling).
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Other spellings the documents use for it, accepted as the same field.
    pub aliases: &'static [&'static str],
}

/// A required field.
pub const fn req(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: true, aliases: &[] }
}

/// An optional field.
pub const fn opt(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false, aliases: &[] }
}

impl Field {
    /// The same field, also accepted under `aliases`.
    pub const fn or(self, aliases: &'static [&'static str]) -> Field {
        Field { aliases, ..self }
    }
}

/// Shorthands for the common kinds.
pub const TEXT: Kind = Kind::Text { max: 0 };
pub const INT: Kind = Kind::Int { min: i64::MIN, max: i64::MAX };
pub const UINT: Kind = Kind::Int { min: 0, max: i64::MAX };

/// A value as checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An optional field given as `""` (or `null`): not set.
    Empty,
    Text(String),
    Int(i64),
    Bool(bool),
    /// A list or an indexed parameter's items.
    List(Vec<String>),
    /// JSON text (objects, arrays).
    Json(String),
}

impl Value {
    /// The value as the text a query string or form carries.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Json(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
            Value::List(items) => items.join(","),
        }
    }
}

/// One checked parameter: its field, the value given (as sent: JSON text of
/// the member) and the normalised value.
#[derive(Clone, Debug)]
pub struct Checked {
    pub field: &'static Field,
    pub given: Vec<u8>,
    pub value: Value,
}

/// Where the parameters are checked, for messages and paths.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The method, e.g. `crmList`, `callNumber`.
    pub method: &'a str,
    /// The path prefix of the argument (`query`, `options`), or none.
    pub root: Option<&'a str>,
    /// What the fields are called in messages: `query`, `field`, `parameter`.
    pub noun: &'a str,
    /// The document and section that define them, e.g. `八百呼 2.2.3`.
    pub source: &'a str,
    /// The API name for `endpoint` (None: no endpoint on the error).
    pub endpoint: Option<&'a str>,
}

impl Context<'_> {
    pub fn path(&self, name: &str) -> String {
        match self.root {
            Some(r) => format!("{r}.{name}"),
            None => name.to_string(),
        }
    }

    pub fn error(&self, name: &str, what: &str) -> Error {
        let e = Error::invalid(format!("{}: `{name}` {what}", self.method)).with_path(self.path(name));
        match self.endpoint {
            Some(ep) => e.with_endpoint(ep),
            None => e,
        }
    }
}

/// `name` of `name[i]`, with `i`.
fn indexed_key(key: &str) -> Option<(&str, usize)> {
    let open = key.find('[')?;
    let digits = key[open + 1..].strip_suffix(']')?;
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((&key[..open], digits.parse().ok()?))
}

/// Reads `json` (an object) against `fields` and returns every given field,
/// in the fields' (the document's) order.
pub fn check(cx: &Context, fields: &'static [Field], json: &str) -> Result<Vec<Checked>> {
    let given = Transcoder::new(json, Options::RAW).params(|_| Route::Hash).map_err(|mut e| {
        if let Some(p) = &e.path {
            e.path = Some(cx.path(p));
        }
        match cx.endpoint {
            Some(ep) => e.with_endpoint(ep),
            None => e,
        }
    })?;
    check_members(cx, fields, given)
}

/// [`check`] of members already read.
pub fn check_members(cx: &Context, fields: &'static [Field], given: Vec<Member>) -> Result<Vec<Checked>> {
    // Each member goes to its field (by name, alias, or `name[i]` of an
    // indexed field); keys are compared without surrounding spaces (the
    // extracted documents write `"userData ": ""`).
    let mut slots: Vec<Vec<(Option<usize>, Member)>> = vec![Vec::new(); fields.len()];
    for m in given {
        let key = m.key.trim();
        let direct = fields.iter().position(|f| f.name == key || f.aliases.contains(&key));
        let (at, index) = match direct {
            Some(i) => (i, None),
            None => {
                match indexed_key(key).and_then(|(n, i)| fields.iter().position(|f| f.name == n && matches!(f.kind, Kind::Indexed(_))).map(|p| (p, Some(i)))) {
                    Some(found) => found,
                    None => return Err(unknown(cx, fields, &m.key)),
                }
            }
        };
        if index.is_none() && !slots[at].is_empty() || index.is_some() && slots[at].iter().any(|(i, _)| i.is_none() || *i == index) {
            return Err(cx.error(fields[at].name, "is given twice (under two of its spellings)"));
        }
        slots[at].push((index, m));
    }
    let mut out = Vec::new();
    for (field, mut members) in fields.iter().zip(slots) {
        if members.is_empty() {
            if field.required {
                return Err(required(cx, field));
            }
            continue;
        }
        let value = if members.iter().any(|(i, _)| i.is_some()) {
            // `name[0]`, `name[1]`…: in index order, without gaps (each index
            // is given once: checked above), so n members hold 0..n.
            let item = match field.kind {
                Kind::Indexed(item) => item,
                _ => return Err(cx.error(field.name, "internal: not an indexed field")),
            };
            let mut by_index: Vec<Option<&Member>> = vec![None; members.len()];
            for (i, m) in &members {
                if let Some(slot) = i.and_then(|i| by_index.get_mut(i)) {
                    *slot = Some(m);
                }
            }
            let mut items = Vec::with_capacity(members.len());
            for (n, m) in by_index.into_iter().enumerate() {
                let Some(m) = m else {
                    return Err(cx.error(&format!("{}[{n}]", field.name), "is missing: indexed parameters count from 0 without gaps"));
                };
                items.push(item_of(cx, &format!("{}[{n}]", field.name), item, m)?);
            }
            Checked { field, given: Vec::new(), value: Value::List(items) }
        } else {
            let Some((_, m)) = members.pop() else { continue };
            let value = value_of(cx, field, &m)?;
            if value == Value::Empty && field.required {
                return Err(cx.error(field.name, "is empty; it is required"));
            }
            Checked { field, given: m.value, value }
        };
        out.push(value);
    }
    Ok(out)
}

fn required(cx: &Context, field: &Field) -> Error {
    let e = Error::invalid(format!("{} requires `{}` ({})", cx.method, field.name, cx.source)).with_path(cx.path(field.name));
    match cx.endpoint {
        Some(ep) => e.with_endpoint(ep),
        None => e,
    }
}

fn unknown(cx: &Context, fields: &[Field], key: &str) -> Error {
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let spellings = fields.iter().flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()));
    let hint = did_you_mean(key.trim(), spellings).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default();
    let e = Error::invalid(format!(
        "{}: unknown {} `{}`{hint}; {} ({})",
        cx.method,
        cx.noun,
        preview(key, 40),
        if names.is_empty() { "it takes none".to_string() } else { format!("expected one of {}", names.join(", ")) },
        cx.source
    ))
    .with_path(cx.path(key));
    match cx.endpoint {
        Some(ep) => e.with_endpoint(ep),
        None => e,
    }
}

/// The text of a scalar member: a string, a number's literal, `true`/`false`.
pub fn scalar(m: &Member) -> Option<String> {
    m.string.clone().or_else(|| m.number.clone()).or_else(|| match m.value.as_slice() {
        b"true" => Some("true".into()),
        b"false" => Some("false".into()),
        _ => None,
    })
}

/// An integer from a number or a string of digits (an optional `-`).
pub fn int_of(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// The one phone rule of waihu: an optional `+`, then 3 to 20 digits, with
/// `-` allowed between digits (landlines are written `023-68888888`).
pub fn is_phone(s: &str) -> bool {
    let d = s.strip_prefix('+').unwrap_or(s);
    let digits = d.bytes().filter(u8::is_ascii_digit).count();
    (3..=20).contains(&digits) && d.bytes().all(|b| b.is_ascii_digit() || b == b'-') && !d.starts_with('-') && !d.ends_with('-') && !d.contains("--")
}

/// Checks `YYYY-MM-DD` (and, if `time_required` or present, ` HH:MM:SS`).
pub fn check_date(s: &str, time_required: bool) -> std::result::Result<(), &'static str> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let date_ok = b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    if !date_ok {
        return Err("is not a date");
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    if !(1..=12).contains(&num(5..7)) || !(1..=31).contains(&num(8..10)) {
        return Err("is not a valid calendar date");
    }
    match b.len() {
        10 if !time_required => Ok(()),
        19 if b[10] == b' ' && digits(11..13) && b[13] == b':' && digits(14..16) && b[16] == b':' && digits(17..19) => {
            if num(11..13) > 23 || num(14..16) > 59 || num(17..19) > 59 {
                Err("has an invalid time of day")
            } else {
                Ok(())
            }
        }
        _ => Err("is not in the expected format"),
    }
}

fn digits_ok(s: &str, lo: u8, hi: u8) -> bool {
    (usize::from(lo)..=usize::from(hi)).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn item_check(item: Item, s: &str) -> std::result::Result<(), String> {
    match item {
        Item::Text => Ok(()),
        Item::Phone if is_phone(s) => Ok(()),
        Item::Phone => Err(format!("holds {}, which is not a phone number", quote(s, 30))),
        Item::Digits(lo, hi) if digits_ok(s, lo, hi) => Ok(()),
        Item::Digits(lo, hi) => Err(format!("holds {}, which is not {lo} to {hi} digits", quote(s, 30))),
    }
}

fn item_of(cx: &Context, path: &str, item: Item, m: &Member) -> Result<String> {
    let s = scalar(m).ok_or_else(|| cx.error(path, "must be text"))?;
    item_check(item, s.trim()).map_err(|why| cx.error(path, &why))?;
    Ok(s.trim().to_string())
}

/// The strings of a JSON array (numbers as their literal).
fn array_items(text: &str) -> Option<Vec<String>> {
    let ranges = Transcoder::new(text, Options::RAW).item_ranges().ok()?;
    ranges
        .into_iter()
        .map(|r| {
            let t = text[r].trim();
            phpjson::decode_string(t).or_else(|| crate::core::float::is_json_number(t).then(|| t.to_string()))
        })
        .collect()
}

/// Checks one member against its field.
pub fn value_of(cx: &Context, field: &Field, m: &Member) -> Result<Value> {
    // Errors name the key as the caller wrote it (an alias stays an alias).
    let key = m.key.trim();
    let name = if field.aliases.contains(&key) { key } else { field.name };
    let bad = |what: &str| cx.error(name, what);
    if m.string.as_deref().is_some_and(|s| s.trim().is_empty()) || m.value == b"null" {
        return Ok(Value::Empty);
    }
    Ok(match field.kind {
        Kind::Text { max } => {
            let s = scalar(m).ok_or_else(|| bad("must be text"))?;
            let n = s.chars().count();
            if max > 0 && n > max {
                return Err(bad(&format!("has {n} characters; at most {max}")));
            }
            Value::Text(s)
        }
        Kind::Int { min, max } => {
            let n = scalar(m).as_deref().and_then(int_of).ok_or_else(|| bad(&int_range(min, max, "must be an integer")))?;
            if n < min || n > max {
                return Err(bad(&int_range(min, max, "must be an integer")));
            }
            Value::Int(n)
        }
        Kind::IntOneOf(allowed) => {
            let n = scalar(m).as_deref().and_then(int_of).filter(|n| allowed.contains(n));
            Value::Int(n.ok_or_else(|| bad(&format!("must be one of {}", allowed.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))))?)
        }
        Kind::OneOf(allowed) => {
            let s = scalar(m).unwrap_or_default();
            let hit = allowed.iter().find(|a| a.eq_ignore_ascii_case(s.trim()));
            Value::Text(hit.ok_or_else(|| bad(&format!("must be one of {}", allowed.join(", "))))?.to_string())
        }
        Kind::Bool => Value::Bool(match scalar(m).as_deref().map(str::trim) {
            Some(t) if t.eq_ignore_ascii_case("true") || t == "1" => true,
            Some(t) if t.eq_ignore_ascii_case("false") || t == "0" => false,
            _ => return Err(bad("must be true or false (or 1 / 0)")),
        }),
        Kind::Float => {
            let s = scalar(m).map(|s| s.trim().to_string()).filter(|s| crate::core::float::is_json_number(s)).ok_or_else(|| bad("must be a number"))?;
            Value::Text(s)
        }
        Kind::Date | Kind::DateTime | Kind::DateOrTime => {
            let use_ = match field.kind {
                Kind::Date => "YYYY-MM-DD",
                Kind::DateTime => "YYYY-MM-DD HH:MM:SS",
                _ => "YYYY-MM-DD or YYYY-MM-DD HH:MM:SS",
            };
            let s = m.string.clone().ok_or_else(|| bad(&format!("must be a date string {use_}")))?;
            check_date(&s, field.kind == Kind::DateTime).map_err(|why| bad(&format!("{why}: {}; use {use_}", quote(&s, 40))))?;
            if field.kind == Kind::Date && s.len() != 10 {
                return Err(bad(&format!("must be {use_}, got {}", quote(&s, 40))));
            }
            Value::Text(s)
        }
        Kind::Digits(lo, hi) => {
            let s = scalar(m).filter(|s| digits_ok(s, lo, hi)).ok_or_else(|| bad(&format!("must be {lo} to {hi} digits")))?;
            Value::Text(s)
        }
        Kind::Phone => {
            let s = scalar(m).map(|s| s.trim().to_string()).filter(|s| is_phone(s)).ok_or_else(|| bad("must be a phone number"))?;
            Value::Text(s)
        }
        Kind::List { item, max, array_only } => {
            let items = match &m.string {
                Some(s) if !array_only => s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect(),
                Some(s) if matches!(item, Item::Digits(..)) => vec![s.trim().to_string()],
                // An array's "" items are the document's placeholders (`["","",""]`): not set.
                _ => array_items(&String::from_utf8_lossy(&m.value))
                    .ok_or_else(|| bad(if array_only { "must be an array of strings" } else { "must be a comma-separated string or an array of strings" }))?
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .collect(),
            };
            if items.is_empty() {
                return Ok(Value::Empty);
            }
            if max > 0 && items.len() > max {
                return Err(bad(&format!("has {} items; at most {max} per request", items.len())));
            }
            // An array's item is named by its index; a comma-separated list is one value.
            let at = |i: usize| if array_only { format!("{name}[{i}]") } else { name.to_string() };
            for (i, s) in items.iter().enumerate() {
                item_check(item, s).map_err(|why| cx.error(&at(i), &why))?;
                if !array_only && s.contains(',') {
                    return Err(cx.error(name, "must not hold an item with a comma (the list is sent comma-separated)"));
                }
            }
            Value::List(items)
        }
        Kind::Url => {
            let s = m
                .string
                .clone()
                .map(|s| s.trim().to_string())
                .filter(|s| (s.starts_with("http://") || s.starts_with("https://")) && s.len() > 8)
                .ok_or_else(|| bad("must be a URL starting with http:// or https://"))?;
            Value::Text(s)
        }
        Kind::Json => match &m.string {
            Some(s) => {
                let t = s.trim();
                let ok = (t.starts_with('{') && Transcoder::new(t, Options::RAW).raw_members().is_ok())
                    || (t.starts_with('[') && Transcoder::new(t, Options::RAW).item_ranges().is_ok());
                if !ok {
                    return Err(bad("must be JSON (an object or an array, or a string holding one)"));
                }
                Value::Json(t.to_string())
            }
            None if m.value.starts_with(b"{") || m.value.starts_with(b"[") => Value::Json(String::from_utf8_lossy(&m.value).into_owned()),
            None => return Err(bad("must be a JSON object or array")),
        },
        Kind::TextOrJson => match m.string.clone().or_else(|| m.number.clone()) {
            Some(s) => Value::Text(s),
            None if m.value.starts_with(b"{") || m.value.starts_with(b"[") => Value::Json(String::from_utf8_lossy(&m.value).into_owned()),
            None => return Err(bad("must be text or JSON")),
        },
        Kind::Indexed(item) => {
            let text = String::from_utf8_lossy(&m.value).into_owned();
            if !text.starts_with('[') {
                // One value under the plain name: sent as it is named.
                let s = scalar(m).ok_or_else(|| bad("must be text or an array"))?;
                item_check(item, s.trim()).map_err(|why| bad(&why))?;
                return Ok(Value::Text(s.trim().to_string()));
            }
            let items = array_items(&text).ok_or_else(|| bad("must be an array of strings"))?;
            for (i, s) in items.iter().enumerate() {
                item_check(item, s.trim()).map_err(|why| cx.error(&format!("{name}[{i}]"), &why))?;
            }
            Value::List(items.into_iter().map(|s| s.trim().to_string()).collect())
        }
    })
}

fn int_range(min: i64, max: i64, base: &str) -> String {
    match (min, max) {
        (i64::MIN, i64::MAX) => base.to_string(),
        (0, i64::MAX) => "must be a non-negative integer".to_string(),
        (lo, i64::MAX) => format!("must be an integer of at least {lo}"),
        (lo, hi) => format!("must be an integer from {lo} to {hi}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static FIELDS: [Field; 9] = [
        req("agent", Kind::Digits(1, 8)),
        opt("playTimes", Kind::Int { min: 1, max: 5 }),
        opt("debug", Kind::Bool),
        opt("action", Kind::OneOf(&["start", "stop"])),
        opt("startTime", Kind::DateTime).or(&["statrTime"]),
        opt("phones", Kind::List { item: Item::Phone, max: 3, array_only: false }),
        opt("cpPhone", Kind::Indexed(Item::Phone)),
        opt("open", Kind::IntOneOf(&[0, 1])),
        opt("userData", Kind::Text { max: 100 }),
    ];

    fn cx() -> Context<'static> {
        Context { method: "m", root: None, noun: "field", source: "section 9", endpoint: None }
    }

    fn run(json: &str) -> Result<Vec<(&'static str, Value)>> {
        check(&cx(), &FIELDS, json).map(|v| v.into_iter().map(|c| (c.field.name, c.value)).collect())
    }

    #[test]
    fn the_documents_forms_are_accepted() {
        let v = run(r#"{"agent":"1000","playTimes":"","debug":"true","action":"Start","statrTime":"2019-01-01 00:00:00","phones":"13002300000, 13002300001","open":"0","userData ":"u"}"#).unwrap();
        assert_eq!(
            v,
            vec![
                ("agent", Value::Text("1000".into())),
                ("playTimes", Value::Empty),
                ("debug", Value::Bool(true)),
                ("action", Value::Text("start".into())),
                ("startTime", Value::Text("2019-01-01 00:00:00".into())),
                ("phones", Value::List(vec!["13002300000".into(), "13002300001".into()])),
                ("open", Value::Int(0)),
                ("userData", Value::Text("u".into())),
            ]
        );
        assert_eq!(run(r#"{"agent":1000,"debug":1,"open":1}"#).unwrap()[1].1, Value::Bool(true));
    }

    #[test]
    fn indexed_parameters_as_an_array_or_as_keys() {
        let a = run(r#"{"agent":"1","cpPhone":["13900000000","023-68888888"]}"#).unwrap();
        assert_eq!(a[1].1, Value::List(vec!["13900000000".into(), "023-68888888".into()]));
        let k = run(r#"{"agent":"1","cpPhone[1]":"023-68888888","cpPhone[0]":"13900000000"}"#).unwrap();
        assert_eq!(k[1].1, a[1].1);
        assert_eq!(run(r#"{"agent":"1","cpPhone[1]":"13900000000"}"#).unwrap_err().path.as_deref(), Some("cpPhone[0]"));
        assert_eq!(run(r#"{"agent":"1","cpPhone":["1"]}"#).unwrap_err().path.as_deref(), Some("cpPhone[0]"));
        assert_eq!(run(r#"{"agent":"1","cpPhone":["13900000000"],"cpPhone[0]":"13900000000"}"#).unwrap_err().path.as_deref(), Some("cpPhone"));
    }

    #[test]
    fn strict_where_the_document_is_strict() {
        assert_eq!(run(r#"{}"#).unwrap_err().path.as_deref(), Some("agent"));
        assert!(run(r#"{"agent":""}"#).unwrap_err().message.contains("is empty"));
        assert_eq!(run(r#"{"agent":"123456789"}"#).unwrap_err().path.as_deref(), Some("agent"));
        assert_eq!(run(r#"{"agent":"1","playTimes":"6"}"#).unwrap_err().path.as_deref(), Some("playTimes"));
        assert_eq!(run(r#"{"agent":"1","debug":"yes"}"#).unwrap_err().path.as_deref(), Some("debug"));
        assert_eq!(run(r#"{"agent":"1","action":"pause"}"#).unwrap_err().path.as_deref(), Some("action"));
        assert_eq!(run(r#"{"agent":"1","phones":["1380000000a"]}"#).unwrap_err().path.as_deref(), Some("phones"));
        assert_eq!(run(r#"{"agent":"1","phones":"1,2,3,4"}"#).unwrap_err().path.as_deref(), Some("phones"));
        assert_eq!(run(r#"{"agent":"1","startTime":"2019-01-01"}"#).unwrap_err().path.as_deref(), Some("startTime"));
        assert_eq!(run(r#"{"agent":"1","userData":[1]}"#).unwrap_err().path.as_deref(), Some("userData"));
        let e = run(r#"{"agent":"1","agnet":"2"}"#).unwrap_err();
        assert!(e.message.contains("unknown field `agnet`") && e.message.contains("(section 9)"), "{}", e.message);
        let e = run(r#"{"agent":"1","startTime":"2019-01-01 00:00:00","statrTime":"2019-01-01 00:00:00"}"#).unwrap_err();
        assert!(e.message.contains("twice"), "{}", e.message);
        assert!(run(&format!(r#"{{"agent":"1","userData":"{}"}}"#, "x".repeat(101))).unwrap_err().message.contains("at most 100"));
    }

    #[test]
    fn phones() {
        for ok in ["13800000000", "+8613800000000", "023-68888888", "110"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["", "12", "1380000000a", "-123", "123-", "1--23", "1 23", "+"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(check_date("2019-01-22", false).is_ok());
        assert!(check_date("2019-01-22 23:59:59", true).is_ok());
        assert!(check_date("2019-01-22", true).is_err());
        assert!(check_date("2019-13-01", false).is_err());
        assert!(check_date("2019-01-22 24:00:00", false).is_err());
    }
}
