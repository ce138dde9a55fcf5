//! SCCC notifications: arbitrary bodies never panic; what verifies is JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waihu::sccc::notify::{verify, Expect};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let expect = Expect { customer: None, password: "E416D0F85DC0CB67C85E070A32D9F0123AFF4762", max_skew_ms: None };
    if let Ok(v) = verify(body, &expect, 0.0) {
        assert!(waihu::core::phpjson::transcode(&v.json, waihu::core::phpjson::Options::RAW).is_ok(), "{}", v.json);
    }
});
