//! SCCC exports.

use wasm_bindgen::prelude::*;

use super::error::to_js;
use crate::sccc::digest;

/// MD5(`customer@timestamp@seq@password`), after checking the parts.
#[wasm_bindgen(js_name = __scccDigest)]
pub fn sccc_digest(customer: &str, timestamp: &str, seq: &str, password: &str) -> Result<String, JsValue> {
    digest::check_parts(customer, timestamp, seq).map_err(to_js)?;
    Ok(digest::digest(customer, timestamp, seq, password))
}
