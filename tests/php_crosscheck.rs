//! waihu's PHP JSON against the real thing: php-cli's
//! `json_encode(json_decode($text, true), $flags)`.
//!
//! 12,000 generated documents (strings with ASCII, CJK, emoji, controls,
//! quotes, slashes, backslashes, U+2028, escapes of every kind; integers at
//! and beyond the i64 edges; floats tiny, huge, negative zero, in every
//! literal form; nested arrays and objects, `{}`, `"0".."n-1"` keys,
//! duplicate keys) are encoded by waihu and by PHP under six flag sets, and
//! must agree byte for byte. Our output must also be a fixed point of PHP.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use waihu::core::phpjson::{transcode, Options};

const DOCS: usize = 12_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn gen_char(r: &mut Rng) -> char {
    let pools: &[(u32, u32)] = &[
        (0x20, 0x7e),
        (0x20, 0x7e),
        (0x20, 0x7e),
        (0x00, 0x1f),
        (0x7f, 0x7f),
        (0x80, 0x7ff),
        (0x4e00, 0x9fff),
        (0x4e00, 0x9fff),
        (0x2028, 0x2029),
        (0xe000, 0xffff),
        (0x1f600, 0x1f64f),
        (0x10000, 0x10ffff),
    ];
    loop {
        let (lo, hi) = pools[r.below(pools.len() as u64) as usize];
        let c = lo + r.below(u64::from(hi - lo + 1)) as u32;
        if let Some(ch) = char::from_u32(c) {
            if r.chance(10) {
                return ['"', '\\', '/', '\u{8}', '\u{c}', '\n', '\r', '\t'][r.below(8) as usize];
            }
            return ch;
        }
    }
}

/// A JSON string literal of `s`, escaping randomly in every legal way.
fn json_string(r: &mut Rng, s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        let must = c == '"' || c == '\\' || (c as u32) < 0x20;
        if must || r.chance(15) {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '/' if r.chance(50) => out.push_str("\\/"),
                '\n' if r.chance(50) => out.push_str("\\n"),
                '\t' if r.chance(50) => out.push_str("\\t"),
                _ => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        if r.chance(50) {
                            out.push_str(&format!("\\u{u:04x}"));
                        } else {
                            out.push_str(&format!("\\u{u:04X}"));
                        }
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

fn gen_text(r: &mut Rng, max: u64) -> String {
    let n = r.below(max + 1);
    (0..n).map(|_| gen_char(r)).collect()
}

fn gen_number(r: &mut Rng) -> String {
    match r.below(14) {
        0 => r.below(1000).to_string(),
        1 => format!("-{}", r.below(100_000)),
        2 => [
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "100000000000000000000",
            "-0",
            "0",
            "12345678901234567890123",
        ][r.below(9) as usize]
            .to_string(),
        3 => (r.next() as i64).to_string(),
        4 => [
            "0.0",
            "-0.0",
            "0.1",
            "1e-5",
            "1E20",
            "1e+21",
            "0.0001",
            "1.0",
            "10.0",
            "1e2",
            "2.5E-7",
            "-1.5e300",
            "5e-324",
            "1.7976931348623157e308",
            "4.9e-324",
            "1e-400",
            "123456789.123456789",
            "0.30000000000000004",
            "1e16",
            "1e17",
            "1.2e16",
            "9007199254740993",
            "1e15",
            "99999999999999999",
        ][r.below(24) as usize]
            .to_string(),
        5 | 6 => {
            let bits = r.next();
            let f = f64::from_bits(bits);
            if f.is_finite() {
                format!("{f:e}")
            } else {
                "1.5".to_string()
            }
        }
        7 => {
            let f = (r.next() as f64) / (r.next() as f64 + 1.0) * if r.chance(50) { 1.0 } else { -1.0 };
            format!("{f}")
        }
        8 => format!("{}.{}", r.below(1000), r.below(1_000_000)),
        9 => format!("{}e{}{}", r.below(100) + 1, if r.chance(50) { "-" } else { "" }, r.below(30)),
        10 => format!("{}.{:03}E+{}", r.below(10), r.below(1000), r.below(400)),
        11 => format!("{:e}", (r.below(1 << 53) as f64) * 10f64.powi(r.below(40) as i32 - 20)),
        12 => format!("{}", r.below(u64::MAX)),
        _ => format!("-{}.{}e-{}", r.below(10), r.below(100), r.below(330)),
    }
}

fn gen_value(r: &mut Rng, depth: u32) -> String {
    let container = depth < 6 && r.chance(if depth == 0 { 85 } else { 30 });
    if container {
        if r.chance(50) {
            let n = r.below(6);
            let items: Vec<String> = (0..n).map(|_| gen_value(r, depth + 1)).collect();
            return format!("[{}]", items.join(","));
        }
        let n = r.below(6);
        let list_like = r.chance(12);
        let mut keys: Vec<String> = Vec::new();
        let mut members = Vec::new();
        for i in 0..n {
            let key = if list_like {
                i.to_string()
            } else if !keys.is_empty() && r.chance(8) {
                keys[r.below(keys.len() as u64) as usize].clone()
            } else if r.chance(10) {
                ["", "0", "1", "01", "-1", "url", "姓名", "a/b"][r.below(8) as usize].to_string()
            } else {
                gen_text(r, 8)
            };
            keys.push(key.clone());
            let k = json_string(r, &key);
            members.push(format!("{k}:{}", gen_value(r, depth + 1)));
        }
        return format!("{{{}}}", members.join(","));
    }
    match r.below(10) {
        0..=3 => {
            let s = gen_text(r, 24);
            json_string(r, &s)
        }
        4..=7 => gen_number(r),
        8 => ["true", "false"][r.below(2) as usize].to_string(),
        _ => "null".to_string(),
    }
}

const PHP_SCRIPT: &str = r#"
$flags = array_map('intval', explode(',', $argv[1]));
$twice = $argv[2] === 'twice';
$i = 0;
while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    $outs = [];
    foreach ($flags as $idx => $f) {
        $input = $line;
        if (!$twice) {
            // Our outputs: one line per flag set, in order.
            $parts = json_decode($line, true);
            $input = $parts[$idx];
        }
        $v = json_decode($input, true);
        if ($v === null && json_last_error() !== JSON_ERROR_NONE) { $outs[] = "ERR: " . json_last_error_msg(); continue; }
        $e = json_encode($v, $f);
        if ($e === false) { $outs[] = "ERR: " . json_last_error_msg(); continue; }
        if ($twice) {
            $e = json_encode(json_decode($e, true), $f);
        }
        $outs[] = $e;
    }
    echo json_encode($outs), "\n";
}
"#;

/// (PHP flags, our options)
fn flag_sets() -> Vec<(u32, Options)> {
    const SLASHES: u32 = 64;
    const UNICODE: u32 = 256;
    const LINE: u32 = 2048;
    let o = |s: bool, u: bool, l: bool| Options { escape_slashes: s, escape_unicode: u, escape_line_terminators: l };
    vec![
        (0, o(true, true, true)),
        (SLASHES, o(false, true, true)),
        (UNICODE, o(true, false, true)),
        (SLASHES | UNICODE, o(false, false, true)),
        (UNICODE | LINE, o(true, false, false)),
        (SLASHES | UNICODE | LINE, o(false, false, false)),
    ]
}

fn run_php(lines: &[String], flags: &str, mode: &str) -> Vec<Vec<String>> {
    let mut child = Command::new("php")
        .args(["-d", "serialize_precision=-1", "-r", PHP_SCRIPT, flags, mode])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("php-cli is required (make setup installs it)");
    let mut stdin = child.stdin.take().unwrap();
    let input = lines.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "php failed");
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str::<Vec<String>>(l).unwrap()).collect()
}

#[test]
fn php_json_encode_crosscheck() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs: Vec<String> = (0..DOCS).map(|_| gen_value(&mut r, 0)).collect();
    // Hand-picked edges beside the random ones.
    docs.extend(
        [
            r#"{"username":"xxx","password":"xxx","from":2}"#,
            r#"{"a":{},"b":{"0":1,"1":2},"c":{"1":1,"0":2},"e":{"0":1,"2":2}}"#,
            r#"{"0":"x","1":"y","0":"z"}"#,
            r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
            "\"\\ud83d\\ude00\\u2028\\u2029\u{2028}\u{7f}\"",
            r#"{}"#,
            r#"[]"#,
            r#""""#,
            r#"{"":1,"":2}"#,
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let sets = flag_sets();
    let flags: Vec<String> = sets.iter().map(|(f, _)| f.to_string()).collect();
    let flags = flags.join(",");

    let php_out = run_php(&docs, &flags, "twice");
    assert_eq!(php_out.len(), docs.len());

    let mut ours_lines = Vec::with_capacity(docs.len());
    let mut compared = 0usize;
    let mut refused = 0usize;
    for (i, doc) in docs.iter().enumerate() {
        let mut ours = Vec::new();
        for (j, (_, opts)) in sets.iter().enumerate() {
            let expected = &php_out[i][j];
            match transcode(doc, *opts) {
                Ok(bytes) => {
                    let got = String::from_utf8(bytes).unwrap();
                    assert_eq!(&got, expected, "doc #{i} flags {:?}\ninput: {doc}", sets[j].0);
                    compared += 1;
                    ours.push(got);
                }
                Err(e) => {
                    assert!(expected.starts_with("ERR:"), "waihu refused doc #{i} ({e}) but PHP encoded it: {expected}\ninput: {doc}");
                    refused += 1;
                    ours.push(doc.clone());
                }
            }
        }
        ours_lines.push(serde_json::to_string(&ours).unwrap());
    }
    // Fixed point: PHP re-encodes our output to itself.
    let again = run_php(&ours_lines, &flags, "once");
    for (i, line) in again.iter().enumerate() {
        let ours: Vec<String> = serde_json::from_str(&ours_lines[i]).unwrap();
        for j in 0..sets.len() {
            if php_out[i][j].starts_with("ERR:") {
                continue;
            }
            assert_eq!(line[j], ours[j], "not a fixed point: doc #{i} flags {}", sets[j].0);
        }
    }
    eprintln!("php cross-check: {} documents × {} flag sets: {compared} byte-equal, {refused} refused by both", docs.len(), sets.len());
    assert!(compared >= DOCS * sets.len() * 9 / 10);
}

#[test]
fn php_refuses_what_waihu_refuses() {
    // Depth: 511 nested arrays decode in PHP, 512 do not.
    for (n, ok) in [(511, true), (512, false)] {
        let doc = format!("{}1{}", "[".repeat(n), "]".repeat(n));
        let php = run_php(std::slice::from_ref(&doc), "0", "twice");
        assert_eq!(!php[0][0].starts_with("ERR:"), ok, "php at depth {n}");
        assert_eq!(transcode(&doc, Options::PHP_DEFAULT).is_ok(), ok, "waihu at depth {n}");
    }
    for doc in [r#""\ud800""#, r#""\udc00""#, "1e400", "[1,]", "{\"a\" 1}"] {
        let php = run_php(&[doc.to_string()], "0", "twice");
        assert!(php[0][0].starts_with("ERR:"), "php accepted {doc}");
        assert!(transcode(doc, Options::PHP_DEFAULT).is_err(), "waihu accepted {doc}");
    }
}

/// `tests/vectors/php_json.txt` holds `input<TAB>php output` lines that the
/// wasm tests replay in Node and Chromium. This keeps it honest: every line
/// must still be what php-cli prints. `WAIHU_WRITE_VECTORS=1` rewrites it.
#[test]
fn golden_vector_file_is_what_php_prints() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/php_json.txt");
    let inputs: Vec<String> = if std::env::var_os("WAIHU_WRITE_VECTORS").is_some() {
        let mut r = Rng(0x5EED0FF10A7);
        let mut v: Vec<String> = (0..300).map(|_| format!("[{},{},{}]", gen_number(&mut r), gen_number(&mut r), gen_value(&mut r, 3))).collect();
        v.extend((0..100).map(|_| gen_value(&mut r, 0)));
        v.retain(|d| transcode(d, Options::PHP_DEFAULT).is_ok());
        v
    } else {
        std::fs::read_to_string(&path).unwrap().lines().map(|l| l.split('\t').next().unwrap().to_string()).collect()
    };
    let php = run_php(&inputs, "0", "twice");
    let lines: Vec<String> = inputs.iter().zip(&php).map(|(i, p)| format!("{i}\t{}", p[0])).collect();
    let text = lines.join("\n") + "\n";
    if std::env::var_os("WAIHU_WRITE_VECTORS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "tests/vectors/php_json.txt is stale");
    assert!(lines.len() >= 350);
    for (i, p) in inputs.iter().zip(&php) {
        assert_eq!(String::from_utf8(transcode(i, Options::PHP_DEFAULT).unwrap()).unwrap(), p[0]);
    }
}

/// The streaming `url` path (no members built) and the member path agree on
/// every generated document and option set: the same hash, or the same error.
#[test]
fn url_fast_path_matches_member_path() {
    use waihu::xiaoa::sign::{url_bits, url_bits_by_members};
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut docs: Vec<String> = (0..20_000).map(|_| gen_value(&mut r, 0)).collect();
    docs.extend(
        [
            r#"{"a":null,"a":1}"#,
            r#"{"a":1,"a":null}"#,
            r#"{"a":1,"\u0061":2}"#,
            r#"{"0":1,"1":2}"#,
            r#"{"0":1,"1":null}"#,
            r#"{"1":1,"0":2}"#,
            r#"{"x":null}"#,
            r#"{}"#,
            r#" { "k" : [ 1 , {"b":null} ] } "#,
            r#"{"big":1e999,"big":1}"#,
            r#"{"big":1e999}"#,
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let many: String = (0..70).map(|i| format!("\"k{i}\":{i}")).collect::<Vec<_>>().join(",");
    docs.push(format!("{{{many}}}"));
    let (mut same, mut errors) = (0usize, 0usize);
    for doc in &docs {
        for (_, opts) in flag_sets() {
            match (url_bits(doc, opts), url_bits_by_members(doc, opts)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b, "{doc}");
                    same += 1;
                }
                (Err(a), Err(b)) => {
                    assert_eq!(a.code, b.code, "{doc}: {a} vs {b}");
                    errors += 1;
                }
                (a, b) => panic!("{doc}: fast {a:?} vs members {b:?}"),
            }
        }
    }
    assert!(same > 20_000 && errors > 1_000, "{same} hashed, {errors} refused");
}
