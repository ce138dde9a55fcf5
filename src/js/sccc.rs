//! SCCC exports without I/O: the digest, notification verification and the
//! receiver's answer (the client is in `sccc_client`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::error::to_js;
use super::scratch;
use crate::core::{Code, Error};
use crate::sccc::{digest, notify};

/// MD5(`customer@timestamp@seq@password`), after checking the parts.
#[wasm_bindgen(js_name = __scccDigest)]
pub fn sccc_digest(customer: &str, timestamp: &str, seq: &str, password: &str) -> Result<String, JsValue> {
    digest::check_parts(customer, timestamp, seq).map_err(to_js)?;
    Ok(digest::digest(customer, timestamp, seq, password))
}

thread_local! {
    static REPLAYS: RefCell<notify::ReplayGuard> = RefCell::new(notify::ReplayGuard::default());
}

/// Verifies a notification body (JSON in the scratch buffer); negative
/// `max_skew_ms` / `replay_window_ms` turn those checks off.
#[wasm_bindgen(js_name = __verifyScccNotification)]
pub fn verify_notification(len: usize, customer: Option<String>, password: &str, max_skew_ms: f64, replay_window_ms: f64) -> Result<String, JsValue> {
    if password.is_empty() {
        return Err(to_js(
            Error::invalid("password is empty: pass the push password (or the API password when no push credentials are set)").with_path("password"),
        ));
    }
    let now = js_sys::Date::now();
    let v = scratch::with_str(len, |body| {
        let expect = notify::Expect { customer: customer.as_deref(), password, max_skew_ms: (max_skew_ms >= 0.0).then_some(max_skew_ms) };
        notify::verify(body, &expect, now)
    })
    .map_err(to_js)?;
    if replay_window_ms >= 0.0 {
        let key = notify::replay_key(&v.customer, v.timestamp, &v.seq);
        REPLAYS.with(|g| g.borrow_mut().check(&key, now, replay_window_ms)).map_err(to_js)?;
    }
    Ok(v.json)
}

/// The module's replay memory, for the notification handler's default store:
/// how many ms ago `key` was accepted within `window_ms` (-1: not seen).
#[wasm_bindgen(js_name = __replaySeen)]
pub fn replay_seen(key: &str, window_ms: f64) -> f64 {
    REPLAYS.with(|g| g.borrow_mut().seen(key, js_sys::Date::now(), window_ms)).unwrap_or(-1.0)
}

/// Records `key` as accepted now (after the app handled it).
#[wasm_bindgen(js_name = __replayRemember)]
pub fn replay_remember(key: String) {
    REPLAYS.with(|g| g.borrow_mut().remember(key, js_sys::Date::now()));
}

/// The body a notification receiver answers: success, or the generic
/// answer for an error code (see `notify::answer`).
#[wasm_bindgen(js_name = __scccNotificationAnswer)]
pub fn notification_answer(code: Option<String>) -> String {
    notify::answer(code.map(|c| Code::ALL.into_iter().find(|k| k.as_str() == c).unwrap_or(Code::InvalidArgument)))
}
