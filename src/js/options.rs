//! Client options as one JS object (checked and normalised by the JS side:
//! `js/runtime.js` `clientOptions`), read field by field.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::http::{Hooks, Transport};

/// A client's options object.
pub struct Options<'a>(pub &'a JsValue);

impl Options<'_> {
    /// The value of `k`, unless undefined or null.
    pub fn get_value(&self, k: &str) -> Option<JsValue> {
        self.get(k)
    }

    fn get(&self, k: &str) -> Option<JsValue> {
        Reflect::get(self.0, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined() && !v.is_null())
    }

    pub fn string(&self, k: &str) -> Option<String> {
        self.get(k).and_then(|v| v.as_string())
    }

    /// A string the JS side has checked is there (empty when it is not).
    pub fn text(&self, k: &str) -> String {
        self.string(k).unwrap_or_default()
    }

    pub fn u32(&self, k: &str, default: u32) -> u32 {
        self.get(k).and_then(|v| v.as_f64()).filter(|n| n.is_finite() && *n >= 0.0 && *n <= f64::from(u32::MAX)).map_or(default, |n| n as u32)
    }

    pub fn bool(&self, k: &str) -> Option<bool> {
        self.get(k).and_then(|v| v.as_bool())
    }

    pub fn function(&self, k: &str) -> Option<Function> {
        self.get(k).and_then(|v| v.dyn_into().ok())
    }

    /// `fetch`, `timeoutMs`, `retries`, `maxResponseBytes`, `maxRetryDelayMs`,
    /// `onRetry`, `onRequest`, `onResponse`, `logger`.
    pub fn transport(&self) -> Transport {
        let mut t = Transport::new(
            self.function("fetch"),
            self.u32("timeoutMs", 30_000),
            self.u32("retries", 2),
            self.u32("maxResponseBytes", 32 << 20),
            self.function("onRetry"),
        );
        t.backoff.max_delay_ms = self.u32("maxRetryDelayMs", 30_000);
        t.hooks = Hooks { on_request: self.function("onRequest"), on_response: self.function("onResponse"), logger: self.get("logger") };
        t
    }
}
