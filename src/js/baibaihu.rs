//! 八百呼 exports without I/O (the client is in `baibaihu_client`).

use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::scratch;
use crate::baibaihu::push;

/// Parses a 2.10.4 push given as a query string (or a URL) into JSON.
#[wasm_bindgen(js_name = __parseBaiBaiHuPush)]
pub fn parse_push(len: usize) -> Result<String, JsValue> {
    scratch::with_str(len, push::parse_query).map_err(to_js)
}
