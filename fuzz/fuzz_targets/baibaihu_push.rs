//! 八百呼 pushes as query strings: no panic; what parses is JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waihu::baibaihu::push::parse_query;

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    if let Ok(out) = parse_query(q) {
        assert!(waihu::core::phpjson::transcode(&out, waihu::core::phpjson::Options::RAW).is_ok(), "{out}");
    }
});
