//! Sending a built request over `fetch`: the global one (browsers, Node ≥ 18)
//! or one injected by the app. gloo-net builds the `Request` and reads the
//! `Response`; an `AbortController` enforces the timeout over the whole
//! exchange (headers and body), and its timer is always cleared, so nothing
//! keeps a Node process alive.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Blob, FormData};

use crate::core::http::{Body, Request};
use crate::core::retry::Backoff;
use crate::core::{Code, Error};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(cb: &JsValue, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A timer that is cleared when dropped.
struct Timer {
    id: JsValue,
    _cb: Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let p = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, f64::from(ms));
    });
    let _ = JsFuture::from(p).await;
}

/// Before retry `attempt` of a read: tells the `onRetry` hook, if any,
/// `{ endpoint, attempt, delayMs, error }` (a hook that throws is reported
/// with console.warn and ignored), then waits the jittered backoff delay.
pub async fn pause_before_retry(backoff: &Backoff, on_retry: Option<&Function>, endpoint: &str, attempt: u32, e: &Error) {
    let delay = backoff.delay_ms(attempt, js_sys::Math::random());
    if let Some(f) = on_retry {
        let info = js_sys::Object::new();
        let _ = Reflect::set(&info, &"endpoint".into(), &endpoint.into());
        let _ = Reflect::set(&info, &"attempt".into(), &attempt.into());
        let _ = Reflect::set(&info, &"delayMs".into(), &delay.into());
        let _ = Reflect::set(&info, &"error".into(), &super::error::to_js(e.clone()));
        if let Err(err) = f.call1(&JsValue::UNDEFINED, &info) {
            web_sys::console::warn_2(&"waihu: the onRetry callback threw; ignored:".into(), &err);
        }
    }
    sleep(delay).await;
}

/// A JSON answer (already checked by the platform's reply reader) as a JS value.
pub fn json_value(text: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(text).map_err(|_| Error::new(Code::BadResponse, "an answer that does not parse as JSON"))
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn js_message(e: &JsValue) -> String {
    let get = |v: &JsValue, k: &str| Reflect::get(v, &JsValue::from_str(k)).ok().filter(|x| !x.is_undefined() && !x.is_null());
    let msg = get(e, "message").and_then(|m| m.as_string()).or_else(|| e.as_string()).unwrap_or_else(|| "unknown error".into());
    // Node's fetch hides the reason in `cause` (ECONNREFUSED, UND_ERR_SOCKET…).
    match get(e, "cause") {
        Some(c) => {
            let cm = get(&c, "message").and_then(|m| m.as_string()).unwrap_or_default();
            let cc = get(&c, "code").and_then(|m| m.as_string()).unwrap_or_default();
            format!("{msg}: {cm}{}", if cc.is_empty() || cm.contains(&cc) { String::new() } else { format!(" ({cc})") })
        }
        None => msg,
    }
}

fn not_sent(e: &JsValue) -> bool {
    let code = Reflect::get(e, &JsValue::from_str("cause"))
        .ok()
        .and_then(|c| Reflect::get(&c, &JsValue::from_str("code")).ok())
        .and_then(|c| c.as_string())
        .unwrap_or_default();
    matches!(code.as_str(), "ECONNREFUSED" | "ENOTFOUND" | "EAI_AGAIN" | "EHOSTUNREACH" | "ENETUNREACH")
}

/// An uploaded file for a multipart request.
pub struct Upload<'a> {
    pub blob: &'a Blob,
    pub filename: &'a str,
}

/// What came back: status and body text.
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// Sends `req` and reads the whole answer within `timeout_ms`.
pub async fn send(req: &Request, upload: Option<Upload<'_>>, fetch: Option<&Function>, timeout_ms: u32) -> Result<Reply, Error> {
    let ep = req.name;
    let net = |e: &JsValue, stage: &str| {
        let mut err = Error::new(
            Code::Network,
            format!(
                "{ep}: {stage} ({}). Check baseUrl and the network{}",
                js_message(e),
                if stage.starts_with("no HTTP") { "; in a browser, also that the server sends CORS headers" } else { "" }
            ),
        )
        .with_endpoint(ep);
        err.not_sent = stage.starts_with("no HTTP") && not_sent(e);
        err
    };
    let internal = |what: &str| Error::new(Code::Network, format!("{ep}: could not build the request ({what})")).with_endpoint(ep);

    let controller = AbortController::new().map_err(|_| internal("AbortController"))?;
    let timed_out = Rc::new(Cell::new(false));
    // Rejected when the time is up: raced against fetch and the body, so a
    // fetch (an injected one) that ignores the abort signal cannot hang us.
    let mut expire: Option<Function> = None;
    let deadline = Promise::new(&mut |_, reject| expire = Some(reject));
    let timer = {
        let (flag, ctl) = (timed_out.clone(), controller.clone());
        let cb = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            ctl.abort();
            if let Some(reject) = &expire {
                let _ = reject.call0(&JsValue::UNDEFINED);
            }
        });
        Timer { id: set_timeout(cb.as_ref(), f64::from(timeout_ms)), _cb: cb }
    };
    let race = |p: &Promise| Promise::race(&js_sys::Array::of2(p, &deadline));
    let timeout = || Error::new(Code::Timeout, format!("{ep}: no complete answer within {timeout_ms} ms (timeoutMs)")).with_endpoint(ep);

    let signal = controller.signal();
    let builder = RequestBuilder::new(&req.url)
        .method(if req.method == "GET" { Method::GET } else { Method::POST })
        .header("Accept", "application/json")
        .abort_signal(Some(&signal));
    let request = match &req.body {
        Body::None => builder.build(),
        Body::Json(bytes) => builder
            .header("Content-Type", "application/json;charset=utf-8")
            .body(JsValue::from_str(std::str::from_utf8(bytes).map_err(|_| internal("body is not UTF-8"))?)),
        Body::Form(text) => builder.header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8").body(JsValue::from_str(text)),
        Body::Multipart { fields, file_field } => {
            let form = FormData::new().map_err(|_| internal("FormData is not available"))?;
            for (k, v) in fields {
                form.append_with_str(k, v).map_err(|_| internal("FormData.append"))?;
            }
            if let Some(u) = upload {
                form.append_with_blob_and_filename(file_field, u.blob, u.filename).map_err(|_| internal("FormData.append(file)"))?;
            }
            builder.body(form)
        }
    }
    .map_err(|e| internal(&e.to_string()))?;

    let raw: web_sys::Request = request.into();
    let fetch_fn: Function = match fetch {
        Some(f) => f.clone(),
        None => Reflect::get(&js_sys::global(), &JsValue::from_str("fetch"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| internal("no global fetch: use Node ≥ 18 or pass `fetch` in the options"))?,
    };
    let promise = fetch_fn.call1(&JsValue::UNDEFINED, &raw).map_err(|e| net(&e, "no HTTP answer: fetch threw"))?;
    let promise: Promise = promise.dyn_into().map_err(|_| internal("fetch did not return a Promise"))?;
    let response = match JsFuture::from(race(&promise)).await {
        Ok(r) => r,
        Err(e) if timed_out.get() => {
            drop(timer);
            let _ = e;
            return Err(timeout());
        }
        Err(e) => return Err(net(&e, "no HTTP answer")),
    };
    let response: web_sys::Response = response.dyn_into().map_err(|_| internal("fetch resolved to something that is not a Response"))?;
    let status = response.status();
    let text = response.text().map_err(|e| net(&e, "the answer's body could not be read"))?;
    let body = match JsFuture::from(race(&text)).await {
        Ok(t) => t.as_string().unwrap_or_default(),
        Err(_) if timed_out.get() => return Err(timeout()),
        Err(e) => {
            return Err(Error::new(Code::Network, format!("{ep}: the connection broke while reading the answer (HTTP {status}): {}", js_message(&e)))
                .with_endpoint(ep)
                .with_http_status(status))
        }
    };
    drop(timer);
    Ok(Reply { status, body })
}
