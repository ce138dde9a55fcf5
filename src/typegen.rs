//! The TypeScript declarations that the Rust tables already hold: every
//! error code, every 小A endpoint, and the parameters of every method of the
//! three clients, with the forms the documents write (string ints, `""` for
//! unset, any case). `tests/types_drift.rs` checks that `js/generated.d.ts`
//! is exactly this text (`WAIHU_UPDATE_TYPES=1 cargo test --test types_drift`
//! rewrites it), and that `js/waihu.d.ts` declares every method with it: the
//! types cannot drift from what the code accepts. Native only.

use std::fmt::Write as _;

use crate::baibaihu::api::METHODS;
use crate::core::schema::{Field, Item, Kind};
use crate::core::Code;
use crate::sccc::api::APIS;
use crate::xiaoa::api::{CALL_DETAIL, OPERATE_TASK, QUERIES, SET_CALLBACK, TASK_OPTIONS};
use crate::xiaoa::endpoints::ENDPOINTS;

const HEADER: &str = r#"// Generated from the Rust tables by `WAIHU_UPDATE_TYPES=1 cargo test --test types_drift`: do not edit.
// The parameters of every client method, with the forms the vendor documents
// write: numbers as strings ("0"), "" for not set, enumerations in any case.

/** A number, or the string of digits the documents write for it; "" = not set. */
export type DocInt = number | `${number}` | '';
/** Text; a number is taken as its digits. */
export type DocText = string | number;
/** true/false, or the forms the documents write: "true", 1, "0"…; "" = not set. */
export type DocBool = boolean | 'true' | 'false' | 'TRUE' | 'FALSE' | 'True' | 'False' | 0 | 1 | '0' | '1' | '';
/** One of the document's values, in any case; "" = not set. */
export type DocOneOf<T extends string> = T | Uppercase<T> | Lowercase<T> | Capitalize<T> | '';
/** An array, or the comma-separated string the documents write. */
export type DocList<T = string | number> = string | ReadonlyArray<T>;
/** JSON: an object or an array, or a string holding one. */
export type DocJson = string | ReadonlyArray<unknown> | { readonly [key: string]: unknown };
"#;

fn item_ts(item: Item) -> &'static str {
    match item {
        Item::Text | Item::Phone | Item::Digits(..) => "string | number",
    }
}

/// The TypeScript type of a kind (and a note for the doc comment).
fn ts(kind: Kind) -> (String, Option<String>) {
    let digits = |vals: &[&str]| vals.iter().all(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    match kind {
        Kind::Text { max: 0 } => ("DocText".into(), None),
        Kind::Text { max } => ("DocText".into(), Some(format!("At most {max} characters."))),
        Kind::Int { min, max } => (
            "DocInt".into(),
            match (min, max) {
                (i64::MIN, i64::MAX) => None,
                (0, i64::MAX) => Some("A non-negative integer.".into()),
                (lo, i64::MAX) => Some(format!("An integer of at least {lo}.")),
                (lo, hi) => Some(format!("An integer from {lo} to {hi}.")),
            },
        ),
        Kind::IntOneOf(vals) => {
            let nums: Vec<String> = vals.iter().map(i64::to_string).collect();
            let strs: Vec<String> = vals.iter().map(|v| format!("'{v}'")).collect();
            (format!("{} | {} | ''", nums.join(" | "), strs.join(" | ")), None)
        }
        Kind::OneOf(vals) if digits(vals) => {
            (format!("DocOneOf<{}> | {}", vals.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(" | "), vals.join(" | ")), None)
        }
        Kind::OneOf(vals) => {
            (format!("DocOneOf<{}>", vals.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(" | ")), Some("Any case; sent as written here.".into()))
        }
        Kind::Bool => ("DocBool".into(), None),
        Kind::Float => ("number | string".into(), None),
        Kind::Date => ("string".into(), Some("`YYYY-MM-DD`".into())),
        Kind::DateTime => ("string".into(), Some("`YYYY-MM-DD HH:MM:SS`".into())),
        Kind::DateOrTime => ("string".into(), Some("`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`".into())),
        Kind::Digits(lo, hi) => ("string | number".into(), Some(format!("{lo} to {hi} digits."))),
        Kind::Phone => ("string | number".into(), Some("A phone number.".into())),
        Kind::List { item, max, array_only: true } => (
            if matches!(item, Item::Digits(..)) { format!("{0} | ReadonlyArray<{0}>", item_ts(item)) } else { format!("ReadonlyArray<{}>", item_ts(item)) },
            (max > 0).then(|| format!("At most {max}.")),
        ),
        Kind::List { item, max, array_only: false } => (
            format!("DocList<{}>", item_ts(item)),
            Some(if max > 0 { format!("Comma-separated, or an array; at most {max}.") } else { "Comma-separated, or an array.".into() }),
        ),
        Kind::Url => ("string".into(), Some("An `http://` or `https://` URL.".into())),
        Kind::Json => ("DocJson".into(), None),
        Kind::TextOrJson => ("DocText | DocJson".into(), Some("Text, or JSON (sent as its text).".into())),
        Kind::Indexed(item) => (
            format!("{0} | ReadonlyArray<{0}>", item_ts(item)),
            Some("One value, or an array: sent as the document's indexed fields `name[0]`, `name[1]`….".into()),
        ),
    }
}

/// `interface name { … }` of `fields`; `extra` members are appended verbatim.
fn interface(out: &mut String, doc: &str, name: &str, fields: &[Field], extra: &[&str]) {
    let _ = writeln!(out, "\n/** {doc} */\nexport interface {name} {{");
    for f in fields {
        let (ty, note) = ts(f.kind);
        // A field written under several names: each optional (one is enough).
        let required = f.required && f.aliases.is_empty();
        let mut doc = note.unwrap_or_default();
        if f.required && !required {
            doc = format!("Required (or {}). {doc}", f.aliases.join(", "));
        }
        for spelling in std::iter::once(f.name).chain(f.aliases.iter().copied()) {
            let alias = if spelling == f.name { String::new() } else { format!("The document's spelling of `{}`. ", f.name) };
            let text = format!("{alias}{doc}");
            if !text.trim().is_empty() {
                let _ = writeln!(out, "  /** {} */", text.trim());
            }
            let key = if spelling.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') { spelling.to_string() } else { format!("'{spelling}'") };
            if required {
                let _ = writeln!(out, "  {key}: {ty};");
            } else {
                let _ = writeln!(out, "  {key}?: {ty} | undefined;");
            }
        }
        if let Kind::Indexed(item) = f.kind {
            let _ = writeln!(
                out,
                "  /** The document's indexed form of `{0}`: `{0}[0]`, `{0}[1]`… */\n  [key: `{0}[${{number}}]`]: {1} | undefined;",
                f.name,
                item_ts(item)
            );
        }
    }
    for e in extra {
        let _ = writeln!(out, "  {e}");
    }
    out.push_str("}\n");
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

/// The name of a method's parameter type.
pub fn sccc_command_type(method: &str) -> String {
    format!("Sccc{}Command", capital(method))
}

pub fn baibaihu_params_type(js: &str) -> String {
    format!("BaiBaiHu{}Params", capital(js))
}

/// The 小A query types, by method.
pub fn xiaoa_query_type(method: &str) -> Option<&'static str> {
    match method {
        "listTasks" => Some("XiaoATaskQuery"),
        "cdrList" => Some("XiaoACdrQuery"),
        "crmList" => Some("XiaoACrmQuery"),
        _ => None,
    }
}

/// The whole of `js/generated.js`: the tables the JavaScript side needs
/// before the module is loaded (a browser's `errorCodes`, the methods each
/// client class has).
pub fn javascript() -> String {
    let list = |items: Vec<&str>| items.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
    let mut out = String::from("// Generated from the Rust tables by `WAIHU_UPDATE_TYPES=1 cargo test --test types_drift`: do not edit.\n\n");
    let _ = writeln!(out, "/** The package version (Cargo.toml). */\nexport const VERSION = '{}';\n", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "/** Every error code. */\nexport const ERROR_CODES = Object.freeze([{}]);\n", list(Code::ALL.iter().map(|c| c.as_str()).collect()));
    let _ = writeln!(
        out,
        "/** ScccClient's command methods (one per API of the SCCC document). */\nexport const SCCC_METHODS = [{}];\n",
        list(APIS.iter().map(|a| a.method).collect())
    );
    let _ = writeln!(
        out,
        "/** BaiBaiHuClient's typed methods (the uploads have their own). */\nexport const BAIBAIHU_METHODS = [{}];\n",
        list(METHODS.iter().filter(|m| m.file.is_none()).map(|m| m.js).collect())
    );
    let iterators: Vec<String> = METHODS.iter().filter_map(|m| m.paging.map(|p| format!("{}: '{}'", p.iterator, m.js))).collect();
    let _ = writeln!(
        out,
        "/** BaiBaiHuClient's iterators: name → the paged method it walks. */\nexport const BAIBAIHU_ITERATORS = {{ {} }};",
        iterators.join(", ")
    );
    out
}

/// The whole of `js/generated.d.ts`.
pub fn typescript() -> String {
    let mut out = String::from(HEADER);
    out.push_str("\n/** Every `code` a {@link WaihuError} can carry. Stable: codes are only ever added. */\nexport type WaihuErrorCode =\n");
    for c in Code::ALL {
        let _ = writeln!(out, "  | '{}'", c.as_str());
    }
    out.pop();
    out.push_str(";\n\n/** The path names after `/api/` of the 小A/95AI API. */\nexport type XiaoAEndpoint =\n");
    for e in &ENDPOINTS {
        let _ = writeln!(out, "  | '{}'", e.name);
    }
    out.pop();
    out.push_str(";\n");
    for q in &QUERIES {
        if let Some(name) = xiaoa_query_type(q.method) {
            interface(&mut out, &format!("小A §{} filters of {} (`{}`).", q.section, q.method, q.endpoint), name, q.fields, &[]);
        }
    }
    interface(
        &mut out,
        "小A §7.9 cdrshow: `cdr_sn` (cdrList) or `accounts_sn` (a CRM record's `sn`), and the record's file and time.",
        "XiaoACallDetailArgs",
        &CALL_DETAIL,
        &[],
    );
    interface(&mut out, "小A §9.1 setCallback, by the document's names or waihu's `open`/`url`.", "XiaoASetCallbackArgs", &SET_CALLBACK, &[]);
    interface(
        &mut out,
        "小A §7.7 operateTask by the document's names (`pkeys`: the dial_task_main_id, or several).",
        "XiaoAOperateTaskArgs",
        &OPERATE_TASK,
        &[],
    );
    interface(&mut out, "小A §7.5/7.6 task settings of an import.", "XiaoATaskOptions", &TASK_OPTIONS, &[]);
    for a in &APIS {
        interface(&mut out, &format!("SCCC {} {} command.", a.section, a.name), &sccc_command_type(a.method), a.fields, &[]);
    }
    for m in METHODS.iter().filter(|m| m.file.is_none()) {
        interface(&mut out, &format!("八百呼 {} {} parameters.", m.section, m.wire), &baibaihu_params_type(m.js), m.fields, &[]);
    }
    out
}
