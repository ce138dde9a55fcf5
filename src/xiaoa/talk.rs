//! The conversation of a call, in both forms the platform uses:
//! * `talk_info` / `asr_a` of crmList/cdrlist: a string
//!   `##<vocfile>@@<answer>#@<answer recording>##…`;
//! * the push (9.2) and cdrshow's `fragment`: an array of objects
//!   `{vocfile, caption, title, answer, fenduanluyin, outType}`.
//!
//! Both become the same list of turns.

use crate::core::error::preview;
use crate::core::phpjson::{self, Options, Transcoder};
use crate::core::{Code, Error, Result};

/// One exchange: the robot's prompt and the customer's answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Turn {
    /// The robot's recorded prompt (or `listen` when it only listened).
    pub vocfile: String,
    /// The prompt's text (array form only).
    pub caption: Option<String>,
    /// Its number and title in the script (array form only).
    pub title: Option<String>,
    /// What the customer said; `noinput` / `nomatch` when nothing was understood.
    pub answer: String,
    /// The recording of the answer (play it with `fragmentUrl`).
    pub fenduanluyin: String,
    /// The question's mark (to learn, refusal, abuse…; push only).
    pub out_type: Option<String>,
}

/// Parses the `##…@@…#@…` string form.
pub fn parse_string(s: &str) -> Vec<Turn> {
    s.split("##")
        .map(str::trim)
        .filter(|seg| !seg.is_empty())
        .map(|seg| {
            let (vocfile, rest) = seg.split_once("@@").unwrap_or((seg, ""));
            let (answer, recording) = rest.rsplit_once("#@").unwrap_or((rest, ""));
            Turn { vocfile: vocfile.trim().to_string(), answer: answer.trim().to_string(), fenduanluyin: recording.trim().to_string(), ..Turn::default() }
        })
        .collect()
}

/// Parses either form given as JSON text: a JSON string (the `##` form), an
/// array of turn objects, or `null` (no conversation).
pub fn parse_json(text: &str) -> Result<Vec<Turn>> {
    let t = text.trim();
    if t == "null" || t.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(s) = phpjson::decode_string(t) {
        return Ok(parse_string(&s));
    }
    let spans = Transcoder::new(t, Options::RAW)
        .item_ranges()
        .map_err(|_| Error::invalid(format!("talk_info must be the ##…@@…#@… string or an array of turns, got {}", preview(t, 40))).with_path("talk_info"))?;
    let mut turns = Vec::with_capacity(spans.len());
    for (i, span) in spans.into_iter().enumerate() {
        let item = &t[span];
        let members = Transcoder::new(item, Options::RAW)
            .raw_members()
            .map_err(|_| Error::invalid(format!("talk_info[{i}] must be an object")).with_path(format!("talk_info[{i}]")))?;
        let field = |k: &str| -> Result<Option<String>> {
            match members.iter().find(|m| m.0 == k).map(|m| item[m.1.clone()].trim()) {
                None | Some("null") => Ok(None),
                Some(v) => match phpjson::decode_string(v) {
                    Some(s) => Ok(Some(s)),
                    None if v.starts_with(['{', '[']) => {
                        Err(Error::new(Code::InvalidArgument, format!("talk_info[{i}].{k} must be text")).with_path(format!("talk_info[{i}].{k}")))
                    }
                    None => Ok(Some(v.to_string())),
                },
            }
        };
        turns.push(Turn {
            vocfile: field("vocfile")?.unwrap_or_default(),
            caption: field("caption")?,
            title: field("title")?,
            answer: field("answer")?.unwrap_or_default(),
            fenduanluyin: field("fenduanluyin")?.unwrap_or_default(),
            out_type: field("outType")?,
        });
    }
    Ok(turns)
}

/// The turns as JSON (field names as the platform spells them).
pub fn to_json(turns: &[Turn]) -> String {
    let mut out = Vec::with_capacity(turns.len() * 160 + 2);
    out.push(b'[');
    for (i, t) in turns.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let fields: [(&str, Option<&str>); 6] = [
            ("vocfile", Some(&t.vocfile)),
            ("caption", t.caption.as_deref()),
            ("title", t.title.as_deref()),
            ("answer", Some(&t.answer)),
            ("fenduanluyin", Some(&t.fenduanluyin)),
            ("outType", t.out_type.as_deref()),
        ];
        out.push(b'{');
        for (j, (k, v)) in fields.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            phpjson::write_str(&mut out, k, Options::RAW);
            out.push(b':');
            match v {
                Some(s) => phpjson::write_str(&mut out, s, Options::RAW),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }
    out.push(b']');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRM: &str = "##20180411093029cLp@@noinput#@/home/record/20180508/fenduan_20180508154235_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav##/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based20180411202040cXy.wav@@noinput#@/home/record/20180508/fenduan_20180508154238_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav##/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based20180411194038cQc.wav@@为#@/home/record/20180508/fenduan_20180508154242_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav##/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based201804111918016o4.wav@@儿子吗#@/home/record/20180508/fenduan_20180508154246_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav##/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based201804111918398jY.wav@@noinput#@/home/record/20180508/fenduan_20180508154252_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav##/usr/local/freeswitch/sounds/zh/cn/20180411091806WdZ/based2018041120222414x.wav@@BasedPTheEnd#@/home/record/20180508/fenduan_20180508154252_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav";

    #[test]
    fn the_document_string_has_six_turns() {
        let t = parse_string(CRM);
        assert_eq!(t.len(), 6);
        assert_eq!(t[0].vocfile, "20180411093029cLp");
        assert_eq!(t[0].answer, "noinput");
        assert!(t[0].fenduanluyin.ends_with("fenduan_20180508154235_asr_ques_keya_18934583454_42714c76-5293-11e8-b262-876a89ea8ff4.wav"));
        assert_eq!(t[3].answer, "儿子吗");
        assert_eq!(t[5].answer, "BasedPTheEnd");
        assert!(parse_string("").is_empty());
    }

    #[test]
    fn both_forms_give_the_same_turns() {
        let s = "##/a/q1.wav@@有啊。#@/r/1.mp3##listen@@哦哦。#@/r/2.mp3";
        let arr = r#"[{"vocfile":"/a/q1.wav","caption":"您好","title":"01 打招呼","answer":"有啊。","fenduanluyin":"/r/1.mp3","outType":null},
                      {"vocfile":"listen","caption":"listen","title":"listen","answer":"哦哦。","fenduanluyin":"/r/2.mp3","outType":null}]"#;
        let a = parse_json(&format!("{:?}", s)).unwrap();
        let b = parse_json(arr).unwrap();
        assert_eq!(a.len(), 2);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((&x.vocfile, &x.answer, &x.fenduanluyin), (&y.vocfile, &y.answer, &y.fenduanluyin));
        }
        assert_eq!(b[0].caption.as_deref(), Some("您好"));
        assert!(parse_json("null").unwrap().is_empty());
        assert!(parse_json("{}").is_err());
        let round: Vec<Turn> = parse_json(&to_json(&b)).unwrap();
        assert_eq!(round, b);
    }
}
