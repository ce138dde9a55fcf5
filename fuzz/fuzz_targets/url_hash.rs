//! The `url` hash: the streaming path and the member path agree (same hash
//! or same error code) on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waihu::core::phpjson::Options;
use waihu::xiaoa::sign::{url_bits, url_bits_by_members};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for bits in [0, 7] {
        let opts = Options::from_bits(bits);
        match (url_bits(text, opts), url_bits_by_members(text, opts)) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a.code, b.code),
            (a, b) => panic!("fast {a:?} vs members {b:?}"),
        }
    }
});
