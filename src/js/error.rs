//! `core::Error` → JS `WaihuError`.
//!
//! The JS entry point defines `class WaihuError extends Error` and registers
//! it with `__setErrorClass` when the module loads; errors are then built
//! with `new WaihuError(code, message, fields)`. Without a registered class
//! (raw use of the glue, `wasm-pack test`) a plain `Error` named
//! `WaihuError` carries the same fields.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::core::{Code, Error};

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the `WaihuError` constructor: `new C(code, message, fields)`.
#[wasm_bindgen(js_name = __setErrorClass)]
pub fn set_error_class(ctor: Function) {
    ERROR_CLASS.with(|c| *c.borrow_mut() = Some(ctor));
}

/// Every error code the module can produce (the stable `err.code` strings).
#[wasm_bindgen(js_name = __errorCodes)]
pub fn error_codes() -> Vec<String> {
    Code::ALL.iter().map(|c| c.as_str().to_string()).collect()
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

/// The optional fields of an error, as a JS object.
pub fn fields(e: &Error) -> Object {
    let o = Object::new();
    if let Some(p) = &e.path {
        set(&o, "path", p.into());
    }
    if let Some(p) = &e.endpoint {
        set(&o, "endpoint", p.into());
    }
    if let Some(s) = e.http_status {
        set(&o, "httpStatus", s.into());
    }
    if let Some(c) = e.api_code {
        set(&o, "apiCode", (c as f64).into());
    }
    if let Some(m) = &e.api_msg {
        set(&o, "apiMsg", m.into());
    }
    if let Some(n) = &e.api_name {
        set(&o, "apiName", n.into());
    }
    if let Some(r) = e.row {
        set(&o, "row", (r as f64).into());
    }
    if let Some(ms) = e.retry_after_ms {
        set(&o, "retryAfterMs", (ms as f64).into());
    }
    if let Some(c) = &e.cause {
        set(&o, "cause", to_js_with(c, None));
    }
    o
}

/// Builds the JS error for `e`, with extra fields merged in.
pub fn to_js_with(e: &Error, extra: Option<&Object>) -> JsValue {
    let f = fields(e);
    if let Some(x) = extra {
        Object::assign(&f, x);
    }
    let code = JsValue::from_str(e.code.as_str());
    let msg = JsValue::from_str(&e.message);
    let ctor = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(ctor) = ctor {
        if let Ok(v) = Reflect::construct(&ctor, &Array::of3(&code, &msg, &f)) {
            return v;
        }
    }
    let err = js_sys::Error::new(&e.message);
    err.set_name("WaihuError");
    set(&err, "code", code);
    Object::assign(&err, &f);
    err.into()
}

/// Builds the JS error for `e`.
pub fn to_js(e: Error) -> JsValue {
    to_js_with(&e, None)
}
