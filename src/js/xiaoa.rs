//! 小A exports: `url` hashes, signing, download URLs, `client_info_json`.
//! Inputs arrive as JSON text in the scratch buffer (see `scratch`).

use std::cell::RefCell;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::scratch;
use crate::core::aes::{self, IV};
use crate::core::phpjson::{self, Options};
use crate::core::{hash, Error};
use crate::xiaoa::download::{Buffers, Downloader};
use crate::xiaoa::{client_info, download, endpoints, sign};

type JsResult<T> = Result<T, JsValue>;

fn js<T>(r: crate::core::Result<T>) -> JsResult<T> {
    r.map_err(to_js)
}

/// `json_encode(json_decode(text, true))` of the JSON text in the buffer.
#[wasm_bindgen(js_name = __phpJsonEncode)]
pub fn php_json_encode(len: usize, flags: u32) -> JsResult<String> {
    js(scratch::with_str(len, |s| {
        let out = phpjson::transcode(s, Options::from_bits(flags))?;
        String::from_utf8(out).map_err(|_| Error::invalid("internal: non-UTF-8 output"))
    }))
}

/// The `url` of the params object in the buffer, as 32 bits (8 hex digits).
#[wasm_bindgen(js_name = __urlHash)]
pub fn url_hash(len: usize, flags: u32) -> JsResult<u32> {
    js(scratch::with_str(len, |s| sign::url_bits(s, Options::from_bits(flags))))
}

/// The id of an endpoint name (for `__signHash`), or an error listing names.
#[wasm_bindgen(js_name = __endpointId)]
pub fn endpoint_id(name: &str) -> JsResult<u32> {
    js(endpoints::lookup(name).map(|e| e.id()))
}

/// The parameters an endpoint sends but leaves out of the hash.
#[wasm_bindgen(js_name = __endpointExcluded)]
pub fn endpoint_excluded(id: u32) -> Vec<String> {
    endpoints::Endpoint::by_id(id).map(|e| e.excluded.iter().map(|s| s.to_string()).collect()).unwrap_or_default()
}

/// The `url` of the params in the buffer for endpoint `id` (its exclusions
/// and required parameters applied), as 32 bits.
#[wasm_bindgen(js_name = __signHash)]
pub fn sign_hash(id: u32, len: usize, flags: u32) -> JsResult<u32> {
    let ep = endpoints::Endpoint::by_id(id).ok_or_else(|| to_js(Error::invalid("internal: unknown endpoint id")))?;
    js(scratch::with_str(len, |s| {
        let opts = Options::from_bits(flags);
        let signed = sign::sign(ep, s, opts)?;
        let bits = u32::from_str_radix(&signed.url, 16).map_err(|_| Error::invalid("internal: bad url"))?;
        Ok(bits)
    }))
}

/// A signed GET URL, in one crossing: the buffer holds
/// `base \0 endpoint \0 {"user_sn":…,"api_key":…} \0 {params}` and gets the
/// URL back (see [`scratch::put_back`]). The checked base, endpoint and
/// session of the last call are kept: a page that builds one URL per row
/// checks them once.
#[wasm_bindgen(js_name = __downloadUrl)]
pub fn download_url(len: usize, flags: u32) -> JsResult<u32> {
    thread_local! {
        static LAST: RefCell<Option<(Vec<u8>, Downloader)>> = const { RefCell::new(None) };
        static BUF: RefCell<(String, Buffers)> = RefCell::new((String::new(), Buffers::default()));
    }
    let opts = Options::from_bits(flags);
    let built = scratch::with_str(len, |s| {
        let mut parts = s.splitn(4, '\0');
        let (Some(base), Some(endpoint), Some(session), Some(params)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(Error::invalid("internal: downloadUrl's buffer is not base, endpoint, session and params"));
        };
        let head = &s.as_bytes()[..s.len() - params.len()];
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            let cached = last.as_ref().is_some_and(|(key, d)| key.as_slice() == head && d.options() == opts);
            if !cached {
                *last = None;
                *last = Some((head.to_vec(), Downloader::for_session(base, endpoint, session, opts)?));
            }
            let Some((_, d)) = last.as_ref() else {
                return Err(Error::invalid("internal: no downloader"));
            };
            BUF.with(|b| {
                let (out, buf) = &mut *b.borrow_mut();
                out.clear();
                d.write_params_url(params, out, buf)
            })
        })
    });
    js(built)?;
    // The input is no longer borrowed: the URL may overwrite it.
    match BUF.with(|b| scratch::put_back(&b.borrow().0)) {
        0 => Err(to_js(Error::new(crate::core::Code::TooLarge, "the URL does not fit in memory"))),
        n => Ok(n),
    }
}

/// Signed GET URLs, one per line. The buffer holds `[session, params…]`.
#[wasm_bindgen(js_name = __downloadUrls)]
pub fn download_urls(base_url: &str, endpoint: &str, len: usize, flags: u32) -> JsResult<String> {
    js(scratch::with_str(len, |s| download::download_urls(base_url, endpoint, s, Options::from_bits(flags))))
}

/// Encrypts the payload text in the buffer for `user_sn`, in place (PKCS#7
/// padding included), and returns the ciphertext's length: the JS side
/// base64-encodes it straight from wasm memory with the runtime's native
/// encoder when there is one (`Buffer`, `Uint8Array#toBase64`), else with
/// [`base64_scratch`]. `rows` is the row count when the JS side knows it
/// (arrays, `{data}` objects), else -1 and the text is validated and counted here.
#[wasm_bindgen(js_name = __encryptClientInfoInPlace)]
pub fn encrypt_client_info_in_place(len: usize, rows: i32, user_sn: &str) -> JsResult<usize> {
    js((|| {
        let key = client_info::key_from_user_sn(user_sn)?;
        let rows = if rows >= 0 { rows as usize } else { scratch::with_str(len, client_info::count_rows)? };
        client_info::check_row_count(rows)?;
        scratch::with_buffer_mut(len, |buf, len| {
            let pad = 16 - len % 16;
            buf[len..len + pad].fill(pad as u8);
            aes::Aes128Enc::new(&key).cbc_encrypt_in_place(&IV, &mut buf[..len + pad]);
            Ok(len + pad)
        })
    })())
}

/// Standard base64 of the first `len` bytes of the buffer.
#[wasm_bindgen(js_name = __base64Scratch)]
pub fn base64_scratch(len: usize) -> JsResult<String> {
    js(scratch::with_bytes(len, |b| Ok(STANDARD.encode(b))))
}

/// Decrypts a `client_info_json` ciphertext to its JSON text.
#[wasm_bindgen(js_name = __decryptClientInfo)]
pub fn decrypt_client_info(cipher: &str, user_sn: &str) -> JsResult<String> {
    js(client_info::decrypt(cipher, user_sn))
}

/// Lowercase hex MD5 of the bytes in the buffer.
#[wasm_bindgen(js_name = __md5Hex)]
pub fn md5_hex(len: usize) -> JsResult<String> {
    js(scratch::with_bytes(len, |b| Ok(hash::md5_hex(b))))
}

/// The turns of a conversation (`talk_info` in either form), as JSON text.
#[wasm_bindgen(js_name = __parseTalkInfo)]
pub fn parse_talk_info(len: usize) -> JsResult<String> {
    js(scratch::with_str(len, |s| crate::xiaoa::talk::parse_json(s).map(|t| crate::xiaoa::talk::to_json(&t))))
}

/// A 9.2 push body (JSON text in the buffer), normalised, as JSON text.
#[wasm_bindgen(js_name = __parsePush)]
pub fn parse_push(len: usize) -> JsResult<String> {
    js(scratch::with_str(len, crate::xiaoa::push::parse))
}

/// Every problem of the lead rows in the buffer (up to `max`), as an array
/// of `WaihuError`s; the row count is set as `rows` on the array.
#[wasm_bindgen(js_name = __checkLeads)]
pub fn check_leads(len: usize, max: u32) -> JsResult<js_sys::Array> {
    let (n, problems) = js(scratch::with_str(len, |s| crate::xiaoa::import::check_rows(s, max as usize)))?;
    let out = js_sys::Array::new();
    for p in problems {
        out.push(&to_js(p));
    }
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("rows"), &JsValue::from_f64(n as f64));
    Ok(out)
}
