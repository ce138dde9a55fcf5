//! `client_info_json` encryption against node:crypto, byte for byte, and
//! round trips on random payloads.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use waihu::xiaoa::client_info::{decrypt, encrypt, key_from_user_sn};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn payload(r: &mut Rng) -> String {
    let rows = (r.next() % 40) as usize;
    let names = ["张三", "李四", "王五", "Ada", "\"quoted\"", "a/b\\c", "😀"];
    let mut out = String::from("{\"data\":[");
    for i in 0..rows {
        if i > 0 {
            out.push(',');
        }
        let name = names[(r.next() % names.len() as u64) as usize];
        out.push_str(&format!(
            "{{\"姓名\":{},\"电话\":\"1{:010}\",\"地址\":\"深圳{}\"}}",
            serde_json::to_string(name).unwrap(),
            r.next() % 10_000_000_000,
            r.next() % 1000
        ));
    }
    out.push_str("]}");
    out
}

const NODE: &str = r#"
const crypto = require('crypto');
const lines = require('fs').readFileSync(0, 'utf8').trim().split('\n');
let ok = 0;
for (const line of lines) {
  const [sn, plainB64, ours] = line.split(' ');
  const key = Buffer.from(sn.slice('SYSUSER|'.length, 'SYSUSER|'.length + 16), 'latin1');
  const plain = Buffer.from(plainB64, 'base64');
  const c = crypto.createCipheriv('aes-128-cbc', key, Buffer.from('1234567890123456'));
  const theirs = Buffer.concat([c.update(plain), c.final()]).toString('base64');
  if (theirs !== ours) { console.log('MISMATCH ' + line); process.exit(1); }
  const d = crypto.createDecipheriv('aes-128-cbc', key, Buffer.from('1234567890123456'));
  const back = Buffer.concat([d.update(Buffer.from(ours, 'base64')), d.final()]);
  if (!back.equals(plain)) { console.log('DECRYPT ' + line); process.exit(1); }
  ok++;
}
console.log('ok ' + ok);
"#;

#[test]
fn encryption_matches_node_crypto() {
    let mut r = Rng(0xDEAD_BEEF_1234_5678);
    let mut lines = Vec::new();
    for i in 0..500 {
        let sn = format!("SYSUSER|{:016x}{:016x}", r.next(), r.next());
        let plain = if i % 10 == 0 {
            // Arbitrary bytes as text too, including lengths around block edges.
            "x".repeat(i / 10)
        } else {
            payload(&mut r)
        };
        let ours = encrypt(&plain, &sn, if i % 10 == 0 { Some(0) } else { None }).unwrap();
        assert_eq!(decrypt(&ours, &sn).unwrap(), plain);
        lines.push(format!("{sn} {} {ours}", STANDARD.encode(plain.as_bytes())));
    }
    let mut child = Command::new("node").args(["-e", NODE]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(lines.join("\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "node: {stdout}");
    assert_eq!(stdout.trim(), "ok 500");
}

#[test]
fn key_derivation_matches_the_document() {
    assert_eq!(&key_from_user_sn("SYSUSER|cb31d43bc89487492bb0e0dd720705e0").unwrap(), b"cb31d43bc8948749");
}
