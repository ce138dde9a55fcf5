//! talk_info in both forms: no panic; what parses re-parses from its own JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waihu::xiaoa::talk;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = talk::parse_string(text);
    if let Ok(turns) = talk::parse_json(text) {
        assert_eq!(talk::parse_json(&talk::to_json(&turns)).expect("own JSON parses"), turns);
    }
});
