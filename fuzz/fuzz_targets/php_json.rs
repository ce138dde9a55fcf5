//! PHP JSON transcoding of arbitrary text: no panic; any output is valid
//! JSON and a fixed point (transcoding it again gives the same bytes).
#![no_main]
use libfuzzer_sys::fuzz_target;
use waihu::core::phpjson::{transcode, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for bits in 0..8 {
        let opts = Options::from_bits(bits);
        if let Ok(out) = transcode(text, opts) {
            let again = transcode(std::str::from_utf8(&out).expect("UTF-8 output"), opts).expect("output transcodes");
            assert_eq!(again, out, "not a fixed point");
        }
    }
});
