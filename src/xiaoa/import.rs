//! Lead imports (addJson, 7.6): row checks before anything is sent, the
//! split into requests of at most 30,000 rows, and the running totals.

use std::ops::Range;

use super::client_info::{MAX_PENDING, MAX_ROWS};
use crate::core::error::preview;
use crate::core::phpjson::{Options, Transcoder};
use crate::core::{Code, Error, Result};

/// Checks every row (an object whose first two keys are 姓名 and 电话, with
/// a non-empty 电话 and scalar values) and returns each row's byte range in
/// `rows_json`.
pub fn validate_rows(rows_json: &str) -> Result<Vec<Range<usize>>> {
    let spans = Transcoder::new(rows_json, Options::RAW)
        .item_ranges()
        .map_err(|e| Error::invalid(format!("rows must be an array of lead objects: {}", e.message)).with_path("rows"))?;
    if spans.is_empty() {
        return Err(Error::invalid("rows is empty: there is nothing to import (the platform answers 30006)").with_path("rows"));
    }
    if spans.len() > MAX_PENDING {
        return Err(Error::new(
            Code::TooManyRows,
            format!("{} rows: a task holds at most {MAX_PENDING} numbers waiting to be called (30004); split them over several tasks", spans.len()),
        )
        .with_path("rows"));
    }
    for (i, span) in spans.iter().enumerate() {
        check_row(&rows_json[span.clone()], i)?;
    }
    Ok(spans)
}

fn check_row(text: &str, i: usize) -> Result<()> {
    let bad = |msg: String, path: String| Error::new(Code::InvalidRow, format!("rows[{i}]: {msg}")).with_row(i).with_path(path);
    let members = Transcoder::new(text, Options::RAW)
        .raw_members()
        .map_err(|_| bad(format!("must be an object like {{\"姓名\":…,\"电话\":…}}, got {}", preview(text, 30)), format!("rows[{i}]")))?;
    let keys: Vec<&str> = members.iter().map(|m| m.0.as_str()).collect();
    if keys.len() < 2 || keys[0] != "姓名" || keys[1] != "电话" {
        return Err(bad(
            format!(
                "the first two columns must be 姓名 then 电话 (got {}); the platform rejects the whole import otherwise (30006). In JS, integer-like keys such as \"1\" always come first in an object",
                if keys.is_empty() { "none".to_string() } else { keys.iter().take(3).cloned().collect::<Vec<_>>().join(", ") }
            ),
            format!("rows[{i}]"),
        ));
    }
    let phone = text[members[1].1.clone()].trim();
    let empty = phone == "\"\"" || phone == "null" || phone.trim_matches('"').trim().is_empty();
    if empty || phone.starts_with('{') || phone.starts_with('[') || phone == "true" || phone == "false" {
        return Err(bad(format!("电话 must be a non-empty phone number, got {}", preview(phone, 30)), format!("rows[{i}].电话")));
    }
    for (k, r) in &members {
        let v = text[r.clone()].trim_start();
        if v.starts_with('{') || v.starts_with('[') {
            return Err(bad(
                format!("{k} holds {}; lead columns are text or numbers", if v.starts_with('{') { "an object" } else { "an array" }),
                format!("rows[{i}].{k}"),
            ));
        }
    }
    Ok(())
}

/// Every problem of every row (up to `max`), for previews: the same checks
/// as [`validate_rows`], without stopping at the first. Returns the row count.
pub fn check_rows(rows_json: &str, max: usize) -> Result<(usize, Vec<Error>)> {
    let spans = Transcoder::new(rows_json, Options::RAW)
        .item_ranges()
        .map_err(|e| Error::invalid(format!("rows must be an array of lead objects: {}", e.message)).with_path("rows"))?;
    let mut problems = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        if problems.len() >= max {
            break;
        }
        if let Err(e) = check_row(&rows_json[span.clone()], i) {
            problems.push(e);
        }
    }
    Ok((spans.len(), problems))
}

/// Row ranges of the requests: consecutive blocks of at most 30,000.
pub fn chunks(rows: usize) -> Vec<Range<usize>> {
    (0..rows).step_by(MAX_ROWS).map(|s| s..(s + MAX_ROWS).min(rows)).collect()
}

/// The `client_info_json` plaintext of rows `range`: `{"data":[…]}`, with
/// the rows exactly as given (raw UTF-8, as JSON.stringify wrote them).
pub fn plaintext(rows_json: &str, spans: &[Range<usize>], range: Range<usize>) -> String {
    let len: usize = spans[range.clone()].iter().map(|s| s.len() + 1).sum();
    let mut out = String::with_capacity(len + 12);
    out.push_str("{\"data\":[");
    for (n, s) in spans[range].iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&rows_json[s.clone()]);
    }
    out.push_str("]}");
    out
}

/// What one addJson/addExcel request reported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub total: i64,
    pub success: i64,
    pub fail: i64,
    pub out_repeat: i64,
    pub dial_task_main_sn: Option<String>,
}

impl Counts {
    /// Reads the `data` of an import answer.
    pub fn from_data(text: &str, endpoint: &str) -> Result<Counts> {
        let bad = |why: &str| Error::new(Code::BadResponse, format!("{endpoint}: the import answer {why}")).with_endpoint(endpoint);
        let members = Transcoder::new(text, Options::RAW).raw_members().map_err(|_| bad("has no data object"))?;
        let get = |k: &str| members.iter().find(|m| m.0 == k).map(|m| text[m.1.clone()].trim());
        let num = |k: &str| -> Result<i64> {
            match get(k) {
                None | Some("null") => Ok(0),
                Some(t) => t.trim_matches('"').parse().map_err(|_| bad(&format!("has a non-numeric `{k}`"))),
            }
        };
        let sn = get("dial_task_main_sn").filter(|t| *t != "null").map(|t| t.trim_matches('"').to_string()).filter(|s| !s.is_empty());
        Ok(Counts { total: num("total")?, success: num("success")?, fail: num("fail")?, out_repeat: num("out_repeat")?, dial_task_main_sn: sn })
    }

    pub fn add(&mut self, other: &Counts) {
        self.total += other.total;
        self.success += other.success;
        self.fail += other.fail;
        self.out_repeat += other.out_repeat;
        if other.dial_task_main_sn.is_some() {
            self.dial_task_main_sn = other.dial_task_main_sn.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_checked_with_their_index() {
        let ok = r#"[{"姓名":"张三","电话":"13800000000","地址":"深圳"},{"姓名":"","电话":13900000000}]"#;
        let spans = validate_rows(ok).unwrap();
        assert_eq!(spans.len(), 2);
        assert_eq!(plaintext(ok, &spans, 1..2), r#"{"data":[{"姓名":"","电话":13900000000}]}"#);
        let cases = [
            (r#"[{"姓名":"a","电话":"1"},{"电话":"1","姓名":"a"}]"#, 1, "rows[1]"),
            (r#"[{"姓名":"a","电话":""}]"#, 0, "rows[0].电话"),
            (r#"[{"姓名":"a","电话":"1"},{"姓名":"b","电话":"2","x":{"y":1}}]"#, 1, "rows[1].x"),
            (r#"[1]"#, 0, "rows[0]"),
            (r#"[{"1":"x","姓名":"a","电话":"1"}]"#, 0, "rows[0]"),
        ];
        for (json, row, path) in cases {
            let e = validate_rows(json).unwrap_err();
            assert_eq!((e.code, e.row, e.path.as_deref()), (Code::InvalidRow, Some(row), Some(path)), "{json}");
        }
        assert_eq!(validate_rows("[]").unwrap_err().code, Code::InvalidArgument);
        assert_eq!(validate_rows("{}").unwrap_err().code, Code::InvalidArgument);
    }

    #[test]
    fn check_rows_lists_every_problem() {
        let (n, p) = check_rows(r#"[{"姓名":"a","电话":"1"},{"电话":"2"},{"姓名":"c","电话":""},{"姓名":"d","电话":"4"}]"#, 10).unwrap();
        assert_eq!(n, 4);
        assert_eq!(p.iter().map(|e| e.row.unwrap()).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(check_rows(r#"[1,2,3]"#, 2).unwrap().1.len(), 2);
    }

    #[test]
    fn chunks_of_thirty_thousand() {
        assert_eq!(chunks(65_000), vec![0..30_000, 30_000..60_000, 60_000..65_000]);
        assert_eq!(chunks(30_000), vec![0..30_000]);
        assert_eq!(chunks(1), vec![0..1]);
        assert!(chunks(0).is_empty());
    }

    #[test]
    fn counts_add_up() {
        let a = Counts::from_data(r#"{"total":1,"success":1,"fail":0,"dial_task_main_sn":"dial_task_main_sn|e04","out_repeat":0}"#, "addJson").unwrap();
        let mut t = Counts::default();
        t.add(&a);
        t.add(&Counts { total: 2, success: 1, fail: 1, out_repeat: 1, dial_task_main_sn: None });
        assert_eq!(t, Counts { total: 3, success: 2, fail: 1, out_repeat: 1, dial_task_main_sn: Some("dial_task_main_sn|e04".into()) });
        assert!(Counts::from_data(r#"{"total":"x"}"#, "addJson").is_err());
        assert_eq!(Counts::from_data(r#"{"total":"3"}"#, "addJson").unwrap().total, 3);
    }
}
