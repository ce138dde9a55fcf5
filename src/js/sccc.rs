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
        return Err(to_js(Error::invalid("password is empty: pass the push password (or the API password when no push credentials are set)").with_path("password")));
    }
    let now = js_sys::Date::now();
    let v = scratch::with_str(len, |body| {
        let expect = notify::Expect { customer: customer.as_deref(), password, max_skew_ms: (max_skew_ms >= 0.0).then_some(max_skew_ms) };
        notify::verify(body, &expect, now)
    })
    .map_err(to_js)?;
    if replay_window_ms >= 0.0 {
        REPLAYS.with(|g| g.borrow_mut().check(&v.customer, &v.seq, now, replay_window_ms)).map_err(to_js)?;
    }
    Ok(v.json)
}

/// The body a notification receiver answers: success, or the error's
/// result code (1 for signatures, 8 for malformed bodies, -1 otherwise).
#[wasm_bindgen(js_name = __scccNotificationAnswer)]
pub fn notification_answer(code: Option<String>, message: Option<String>) -> String {
    match code {
        None => notify::answer(None),
        Some(c) => {
            let kind = crate::core::Code::ALL.into_iter().find(|k| k.as_str() == c).unwrap_or(Code::InvalidArgument);
            notify::answer(Some(&Error::new(kind, message.unwrap_or_default())))
        }
    }
}
