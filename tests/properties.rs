//! Property tests of the core (issue 8), native only: random inputs from
//! proptest, bounded so the file runs in well under a minute in release mode
//! (`cargo test --release --test properties`). Cases per property are set by
//! `WAIHU_PROPTEST_CASES` (default 50,000; each run prints what it checked).
//!
//! * PHP JSON: every output parses back (serde_json) to the same value as
//!   PHP's decode would give; with escapes off it is serde_json's own compact
//!   text; arbitrary text never panics, and output is a fixed point.
//! * AES-128-CBC: decrypt(encrypt(x)) = x; arbitrary ciphertexts never panic.
//! * talk_info, the SCCC notification and the 八百呼 push parsers never panic
//!   on arbitrary input, and signed/well-formed inputs parse.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Number, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

use waihu::baibaihu::push as bbh_push;
use waihu::core::aes;
use waihu::core::phpjson::{transcode, Options};
use waihu::sccc::{digest, notify};
use waihu::xiaoa::{client_info, talk};

fn cases() -> u32 {
    std::env::var("WAIHU_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(50_000)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// Strings mixing ASCII, escapes PHP treats specially, CJK and astral characters.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            1 => prop::sample::select(vec!['/', '"', '\\', '\n', '\t', '\u{1}', '\u{1f}', '\u{7f}', '\u{80}', '\u{2028}', '\u{2029}', '\u{feff}', '姓', '名', '😀', '𝄞', ' ']),
            1 => any::<char>(),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn number(with_floats: bool) -> BoxedStrategy<Value> {
    let ints = prop_oneof![any::<i64>().prop_map(Value::from), (-1000i64..1000).prop_map(Value::from)];
    if !with_floats {
        return ints.boxed();
    }
    // Beyond i64, PHP decodes integers as doubles (1.8446744073709552e+19).
    let ints = prop_oneof![4 => ints, 1 => any::<u64>().prop_map(Value::from)];
    prop_oneof![
        2 => ints,
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
        1 => (-1e6f64..1e6).prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
    ]
    .boxed()
}

/// JSON values; objects avoid keys "0".."n-1" (which PHP decodes as lists).
fn json(with_floats: bool) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::Bool), number(with_floats), text().prop_map(Value::String)];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text().prop_map(|k| format!("k{k}")), inner), 1..6).prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// What `json_decode(.., true)` + `json_encode` preserve: numbers compared as
/// doubles unless both are integers, objects keyed "0".."n-1" or empty are lists.
fn php_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64() || (x.as_f64().is_some_and(|f| f == 0.0) && y.as_f64().is_some_and(|f| f == 0.0)),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| php_equal(p, q)),
        (Value::Object(x), Value::Array(y)) | (Value::Array(y), Value::Object(x)) => x.is_empty() && y.is_empty(),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().zip(y).all(|((k1, v1), (k2, v2))| k1 == k2 && php_equal(v1, v2)),
        _ => a == b,
    }
}

#[test]
fn php_json_round_trips_through_serde_json() {
    let checked = AtomicUsize::new(0);
    runner(cases())
        .run(&json(true), |v| {
            let input = serde_json::to_string(&v).unwrap();
            for opts in [Options::PHP_DEFAULT, Options::RAW, Options { escape_slashes: false, ..Options::PHP_DEFAULT }] {
                match transcode(&input, opts) {
                    Ok(out) => {
                        let out = String::from_utf8(out).expect("UTF-8 output");
                        let back: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
                        prop_assert!(php_equal(&v, &back), "{input}\n→ {out}");
                        // A fixed point: PHP's decode + encode gives the same text again.
                        prop_assert_eq!(transcode(&out, opts).unwrap(), out.as_bytes().to_vec());
                        checked.fetch_add(1, Ordering::Relaxed);
                    }
                    // Only numbers PHP cannot hold as a double are refused.
                    Err(e) => prop_assert!(e.message.contains("overflows"), "{input}: {e}"),
                }
            }
            Ok(())
        })
        .unwrap();
    println!("php json: {} encodings parsed back equal", checked.load(Ordering::Relaxed));
}

#[test]
fn php_json_with_escapes_off_is_serde_jsons_compact_text() {
    let checked = AtomicUsize::new(0);
    runner(cases())
        .run(&json(false), |v| {
            let compact = serde_json::to_string(&v).unwrap();
            let out = transcode(&compact, Options::RAW).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), compact);
            checked.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    println!("php json, escapes off: {} texts equal to serde_json's", checked.load(Ordering::Relaxed));
}

#[test]
fn php_json_never_panics_on_arbitrary_text() {
    let strategy = prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop::sample::select(vec!["{", "}", "[", "]", ",", ":", "\"", "\\u", "d800", "1e999", "-0", "0.5", "true", "null", "\"k\"", " ", "\\"]),
            0..40
        )
        .prop_map(|p| p.concat()),
        json(true).prop_map(|v| {
            let s = serde_json::to_string(&v).unwrap();
            let cut = s.len() / 2;
            s.char_indices().map(|(i, _)| i).rfind(|&i| i <= cut).map(|i| s[..i].to_string()).unwrap_or_default()
        }),
    ];
    runner(cases() * 5)
        .run(&strategy, |s| {
            for opts in [Options::PHP_DEFAULT, Options::RAW] {
                if let Ok(out) = transcode(&s, opts) {
                    prop_assert!(serde_json::from_slice::<Value>(&out).is_ok(), "{s:?} → {:?}", String::from_utf8_lossy(&out));
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn aes_round_trips_and_never_panics_on_garbage() {
    let checked = AtomicUsize::new(0);
    runner(cases())
        .run(&(any::<[u8; 16]>(), any::<[u8; 16]>(), prop::collection::vec(any::<u8>(), 0..600)), |(key, iv, msg)| {
            let mut buf = msg.clone();
            aes::encrypt_cbc_pkcs7(&key, &iv, &mut buf);
            prop_assert!(buf.len() % 16 == 0 && buf.len() > msg.len());
            prop_assert_eq!(aes::decrypt_cbc_pkcs7(&key, &iv, &buf), Some(msg.clone()));
            // Arbitrary bytes as ciphertext: a result or None, never a panic.
            let _ = aes::decrypt_cbc_pkcs7(&key, &iv, &msg);
            checked.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    runner(cases())
        .run(&(any::<String>(), text()), |(cipher, sn)| {
            let _ = client_info::decrypt(&cipher, &sn);
            let _ = client_info::decrypt(&cipher, "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c");
            Ok(())
        })
        .unwrap();
    println!("aes: {} round trips", checked.load(Ordering::Relaxed));
}

#[test]
fn talk_info_never_panics_and_round_trips() {
    runner(cases())
        .run(&any::<String>(), |s| {
            let _ = talk::parse_json(&s);
            let _ = talk::parse_string(&s);
            Ok(())
        })
        .unwrap();
    let turn = (text(), text(), text()).prop_map(|(v, a, f)| {
        let clean = |s: String| s.replace(['#', '@'], "").trim().to_string();
        (clean(v), clean(a), clean(f))
    });
    runner(cases())
        .run(&prop::collection::vec(turn, 0..6), |turns| {
            let s: String = turns.iter().map(|(v, a, f)| format!("##{v}@@{a}#@{f}")).collect();
            let parsed = talk::parse_json(&serde_json::to_string(&s).unwrap()).unwrap();
            let got: Vec<(String, String, String)> = parsed.iter().map(|t| (t.vocfile.clone(), t.answer.clone(), t.fenduanluyin.clone())).collect();
            prop_assert_eq!(&got, &turns, "{}", s);
            // The array form the push uses parses to the same turns.
            let again = talk::parse_json(&talk::to_json(&parsed)).unwrap();
            prop_assert_eq!(again, parsed);
            Ok(())
        })
        .unwrap();
}

#[test]
fn sccc_notifications_never_panic_and_signed_ones_verify() {
    const PW: &str = "E416D0F85DC0CB67C85E070A32D9F0123AFF4762";
    let expect = notify::Expect { customer: Some("C2"), password: PW, max_skew_ms: None };
    runner(cases())
        .run(&prop_oneof![any::<String>(), json(true).prop_map(|v| serde_json::to_string(&v).unwrap())], |body| {
            let _ = notify::verify(&body, &expect, 0.0);
            Ok(())
        })
        .unwrap();
    let checked = AtomicUsize::new(0);
    runner(cases())
        .run(&(0i64..4_000_000_000_000, 0u32..1_000_000, json(true)), |(ts, seq, payload)| {
            let d = digest::digest("C2", &ts.to_string(), &seq.to_string(), PW);
            let mut notify_obj = Map::new();
            notify_obj.insert("type".into(), Value::from("callend"));
            notify_obj.insert("data".into(), payload);
            let body = serde_json::json!({
                "authentication": { "customer": "C2", "timestamp": ts.to_string(), "seq": seq.to_string(), "digest": d },
                "notify": Value::Object(notify_obj),
            })
            .to_string();
            let v = notify::verify(&body, &expect, 0.0);
            prop_assert!(v.is_ok(), "{body}: {:?}", v.err());
            let v = v.unwrap();
            prop_assert!(serde_json::from_str::<Value>(&v.json).is_ok(), "{}", v.json);
            // One changed digest character is refused.
            let tampered = body.replacen(&d, &format!("{}{}", if d.starts_with('0') { '1' } else { '0' }, &d[1..]), 1);
            prop_assert!(notify::verify(&tampered, &expect, 0.0).is_err());
            checked.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    println!("sccc: {} signed notifications verified, tampered ones refused", checked.load(Ordering::Relaxed));
}

#[test]
fn baibaihu_pushes_never_panic_and_parse_to_json() {
    runner(cases())
        .run(&any::<String>(), |q| {
            if let Ok(out) = bbh_push::parse_query(&q) {
                prop_assert!(serde_json::from_str::<Value>(&out).is_ok(), "{q:?} → {out}");
            }
            Ok(())
        })
        .unwrap();
    let checked = AtomicUsize::new(0);
    runner(cases())
        .run(&(1u8..=4, 1u8..=2, "[0-9]{5,12}", json(true)), |(kind, peer, phone, memo)| {
            let memo = serde_json::to_string(&memo).unwrap();
            let pairs = vec![
                ("type".to_string(), kind.to_string()),
                ("peer".to_string(), peer.to_string()),
                ("phone".to_string(), phone.clone()),
                ("memo".to_string(), memo),
            ];
            let out = bbh_push::parse_pairs(&pairs);
            if let Ok(out) = out {
                let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
                prop_assert_eq!(v["type"].as_u64(), Some(u64::from(kind)));
                checked.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
        .unwrap();
    println!("八百呼: {} pushes parsed", checked.load(Ordering::Relaxed));
}
