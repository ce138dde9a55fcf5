//! AES-128-CBC: arbitrary ciphertexts (raw and base64) never panic; what the
//! first bytes encrypt decrypts back.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waihu::core::aes;
use waihu::xiaoa::client_info;

fuzz_target!(|data: &[u8]| {
    if data.len() < 32 {
        return;
    }
    let key: [u8; 16] = data[..16].try_into().unwrap();
    let iv: [u8; 16] = data[16..32].try_into().unwrap();
    let rest = &data[32..];
    let _ = aes::decrypt_cbc_pkcs7(&key, &iv, rest);
    let mut buf = rest.to_vec();
    aes::encrypt_cbc_pkcs7(&key, &iv, &mut buf);
    assert_eq!(aes::decrypt_cbc_pkcs7(&key, &iv, &buf).as_deref(), Some(rest));
    if let Ok(s) = std::str::from_utf8(rest) {
        let _ = client_info::decrypt(s, "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c");
    }
});
