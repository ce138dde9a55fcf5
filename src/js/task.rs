//! One way to turn a Rust future into a JS `Promise`: boxed, so the
//! executor glue (`future_to_promise`) exists once in the module instead of
//! once per async method (−20 KB of wasm).

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

/// A future that settles a JS promise.
pub type JsTask = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The promise of `task`, which starts running now.
#[inline(never)]
pub fn promise(task: JsTask) -> Promise {
    future_to_promise(task)
}
