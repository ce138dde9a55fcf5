//! Sending a built request over `fetch`: the global one (browsers, Node ≥ 18)
//! or one injected by the app. gloo-net builds the `Request`; an
//! `AbortController` enforces the timeout over the whole exchange (headers
//! and body), and its timer is always cleared, so nothing keeps a Node
//! process alive. The server is not trusted:
//! * redirects are not followed by fetch (`redirect: "manual"`): a
//!   same-origin redirect of a GET is followed here (at most 5), any other is
//!   a `REDIRECT` error naming the target without its query — a body or
//!   credentials never go to another origin, https never becomes http;
//! * the body is read as a stream and the request aborted past
//!   `max_response_bytes` (`RESPONSE_TOO_LARGE`), whatever `Content-Length`
//!   says or does not say.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestRedirect;
use web_sys::{AbortController, Blob, FormData, ReadableStreamDefaultReader, ResponseType};

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

/// Resolves after `ms` milliseconds, or at once with `ABORTED` when
/// `cancel` fires first (the timer is cleared either way).
pub async fn sleep(ms: u32, cancel: Option<&Cancel>, ep: &'static str) -> Result<(), Error> {
    let mut timer: Option<Timer> = None;
    let p = Promise::new(&mut |resolve, _| {
        let cb = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        timer = Some(Timer { id: set_timeout(cb.as_ref(), f64::from(ms)), _cb: cb });
    });
    let waited = match cancel {
        Some(c) => Promise::race(&js_sys::Array::of2(&p, &c.promise)),
        None => p,
    };
    let _ = JsFuture::from(waited).await;
    drop(timer);
    match cancel {
        Some(c) if c.aborted() => Err(aborted(ep, false)),
        _ => Ok(()),
    }
}

/// A caller's `AbortSignal` as a promise that *resolves* when it fires (a
/// rejection nobody awaits would be an unhandled rejection), raced against
/// fetch, the body and the waits. Its listener is removed when dropped, so a
/// long-lived signal does not collect one per call.
pub struct Cancel {
    signal: web_sys::AbortSignal,
    pub promise: Promise,
    listener: Option<Function>,
}

impl Cancel {
    pub fn new(signal: web_sys::AbortSignal) -> Cancel {
        let mut listener = None;
        let promise = Promise::new(&mut |resolve, _| listener = Some(resolve));
        if let Some(l) = &listener {
            if signal.aborted() {
                let _ = l.call0(&JsValue::UNDEFINED);
            } else {
                let _ = signal.add_event_listener_with_callback("abort", l);
            }
        }
        Cancel { signal, promise, listener }
    }

    pub fn aborted(&self) -> bool {
        self.signal.aborted()
    }
}

impl Drop for Cancel {
    fn drop(&mut self) {
        if let Some(l) = &self.listener {
            let _ = self.signal.remove_event_listener_with_callback("abort", l);
        }
    }
}

/// The call was aborted by its signal; `sent`: after its request had gone out.
#[cold]
#[inline(never)]
pub fn aborted(ep: &'static str, sent: bool) -> Error {
    let mut e = failure(
        Code::Aborted,
        ep,
        0,
        if sent {
            "aborted by the caller's AbortSignal after the request was sent: a write may or may not have taken effect".into()
        } else {
            "aborted by the caller's AbortSignal; nothing more was sent".into()
        },
    );
    e.not_sent = !sent;
    e
}

/// A JSON answer (already checked by the platform's reply reader) as a JS value.
pub fn json_value(text: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(text).map_err(|_| Error::new(Code::BadResponse, "an answer that does not parse as JSON"))
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A runtime's error text, with any URL's query and secret-looking values
/// removed (fetch errors may quote the request URL).
fn js_message(e: &JsValue) -> String {
    crate::core::redact::redact(&js_message_raw(e))
}

fn js_message_raw(e: &JsValue) -> String {
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
#[derive(Clone, Copy)]
pub struct Upload<'a> {
    pub blob: &'a Blob,
    pub filename: &'a str,
}

/// What came back: status, headers and body text, and the URL that answered.
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: web_sys::Headers,
    pub url: String,
}

/// What the three clients share to reach their server: the fetch to use, the
/// limits of one exchange, the retry policy and its hook, and the secrets no
/// error may carry out (a server or a runtime may echo them).
pub struct Transport {
    pub fetch: Option<Function>,
    pub limits: Limits,
    pub backoff: Backoff,
    pub on_retry: Option<Function>,
    pub hooks: Hooks,
    secrets: Vec<String>,
    shared: Rc<[String]>,
    /// Debug mode: each request is logged with console.debug under this label.
    log: Option<&'static str>,
}

impl Transport {
    pub fn new(fetch: Option<Function>, timeout_ms: u32, retries: u32, max_response_bytes: u32, on_retry: Option<Function>) -> Transport {
        Transport {
            fetch,
            limits: Limits { timeout_ms, max_response_bytes },
            backoff: Backoff { retries, ..Backoff::default() },
            on_retry,
            hooks: Hooks::default(),
            secrets: Vec::new(),
            shared: Rc::from(Vec::new()),
            log: None,
        }
    }

    /// Adds a secret that must never appear in an error.
    pub fn secret(mut self, s: impl Into<String>) -> Transport {
        self.secrets.push(s.into());
        self.shared = Rc::from(self.secrets.clone());
        self
    }

    /// Logs every request (URL and body) with console.debug under `label`.
    pub fn logged(mut self, label: Option<&'static str>) -> Transport {
        self.log = label;
        self
    }

    /// The secrets, for the exchange (which masks them in refused answers).
    pub fn secrets(&self) -> Rc<[String]> {
        self.shared.clone()
    }

    /// Sends `req` within `limits`, stopping at once when `cancel` fires.
    pub async fn send(&self, req: &Request, upload: Option<Upload<'_>>, limits: Limits, cancel: Option<&Cancel>) -> Result<Reply, Error> {
        if let (Some(label), Body::Json(b)) = (self.log, &req.body) {
            web_sys::console::debug_3(&JsValue::from_str(label), &JsValue::from_str(&req.url), &JsValue::from_str(&String::from_utf8_lossy(b.as_slice())));
        }
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        send(req, upload, self.fetch.as_ref(), limits, &secrets, cancel).await
    }

    /// `url` as hooks and `withResponse()` show it: secret-looking query
    /// values (sa_password, api_key…) and the client's secrets masked.
    pub fn shown_url(&self, url: &str) -> String {
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        crate::core::redact::scrub(&crate::core::redact::mask_query(url), &secrets)
    }

    /// Tells the `onRetry` hook, if any, `{ endpoint, attempt, delayMs,
    /// error }` (a hook that throws is reported with console.warn and ignored).
    pub fn on_retry(&self, endpoint: &str, r: &crate::core::exchange::Retry) {
        if let Some(f) = &self.on_retry {
            let info = js_sys::Object::new();
            let _ = Reflect::set(&info, &"endpoint".into(), &endpoint.into());
            let _ = Reflect::set(&info, &"attempt".into(), &r.attempt.into());
            let _ = Reflect::set(&info, &"delayMs".into(), &r.delay_ms.into());
            let _ = Reflect::set(&info, &"error".into(), &super::error::to_js(r.error.clone()));
            if let Err(err) = f.call1(&JsValue::UNDEFINED, &info) {
                web_sys::console::warn_2(&"waihu: the onRetry callback threw; ignored:".into(), &err);
            }
        }
    }
}

/// How a request may be answered.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The whole exchange (headers and body, redirects included), in ms.
    pub timeout_ms: u32,
    /// The most bytes of body read before the request is aborted.
    pub max_response_bytes: u32,
}

/// The `onRequest`/`onResponse` hooks and the `logger` of a client.
#[derive(Default)]
pub struct Hooks {
    pub on_request: Option<Function>,
    pub on_response: Option<Function>,
    /// `{ debug?, warn? }` called pino-style: `(fields, message)`.
    pub logger: Option<JsValue>,
}

impl Hooks {
    pub fn any(&self) -> bool {
        self.on_request.is_some() || self.on_response.is_some() || self.logger.is_some()
    }
}

/// Redirects followed for one request (same origin, GET only).
const MAX_REDIRECTS: u32 = 5;

/// `url` without its query and fragment, for messages.
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or("")
}

/// Sends `req` and reads the whole answer within the limits; `secrets` are
/// masked in whatever the runtime says about a failure.
pub async fn send(
    req: &Request,
    upload: Option<Upload<'_>>,
    fetch: Option<&Function>,
    limits: Limits,
    secrets: &[&str],
    cancel: Option<&Cancel>,
) -> Result<Reply, Error> {
    let mut url = req.url.clone();
    let mut hops = 0;
    loop {
        match send_once(req, &url, upload.as_ref(), fetch, limits, secrets, cancel).await? {
            Answer::Reply(r) => return Ok(r),
            Answer::Redirect { status, location } => {
                url = follow(req, &url, status, &location, hops)?;
                hops += 1;
            }
        }
    }
}

/// Where a redirect of `url` to `location` leads, if waihu follows it.
fn follow(req: &Request, url: &str, status: u16, location: &str, hops: u32) -> Result<String, Error> {
    let target = web_sys::Url::new_with_base(location, url).ok();
    let from = web_sys::Url::new(url).ok();
    let same_origin = matches!((&target, &from), (Some(t), Some(f)) if t.origin() == f.origin());
    let why = if !same_origin {
        "to another origin (waihu never re-sends a request, its body or its credentials elsewhere, nor https as http)"
    } else if req.method != "GET" {
        "for a request with a body (waihu does not re-send it)"
    } else if hops >= MAX_REDIRECTS {
        "too many times"
    } else {
        return Ok(target.map(|t| t.href()).unwrap_or_else(|| location.to_string()));
    };
    let shown = target.as_ref().map(|t| format!("{}{}", t.origin(), t.pathname())).unwrap_or_else(|| crate::core::redact::redact(without_query(location)));
    Err(failure(
        Code::Redirect,
        req.name,
        status,
        format!("the server redirected (HTTP {status}) {why}, to {shown} (query not shown); set baseUrl to the address that answers directly"),
    ))
}

/// An error of `ep` (`status` 0: no HTTP status). Out of line: the async
/// state machine below would otherwise hold a copy at each use.
#[cold]
#[inline(never)]
fn failure(code: Code, ep: &'static str, status: u16, message: String) -> Error {
    let e = Error::new(code, format!("{ep}: {message}")).with_endpoint(ep);
    if status == 0 {
        e
    } else {
        e.with_http_status(status)
    }
}

/// No (complete) answer: what the runtime says, secrets masked.
#[cold]
#[inline(never)]
fn network(ep: &'static str, e: &JsValue, stage: &str, status: u16, secrets: &[&str]) -> Error {
    let said = crate::core::redact::scrub(&js_message(e), secrets);
    if status != 0 {
        return failure(Code::Network, ep, status, format!("{stage} (HTTP {status}): {said}"));
    }
    let mut err =
        failure(Code::Network, ep, 0, format!("{stage} ({said}). Check baseUrl and the network; in a browser, also that the server sends CORS headers"));
    err.not_sent = not_sent(e);
    err
}

#[cold]
#[inline(never)]
fn internal(ep: &'static str, what: &str) -> Error {
    failure(Code::Network, ep, 0, format!("could not build the request ({what})"))
}

enum Answer {
    Reply(Reply),
    Redirect { status: u16, location: String },
}

async fn send_once(
    req: &Request,
    url: &str,
    upload: Option<&Upload<'_>>,
    fetch: Option<&Function>,
    limits: Limits,
    secrets: &[&str],
    cancel: Option<&Cancel>,
) -> Result<Answer, Error> {
    let Limits { timeout_ms, max_response_bytes } = limits;
    let ep = req.name;
    let internal = |what: &str| internal(ep, what);
    if cancel.is_some_and(Cancel::aborted) {
        return Err(aborted(ep, false));
    }

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
    // …and against the caller's signal (which resolves the race: `aborted` is checked after).
    let race = |p: &Promise| {
        let all = js_sys::Array::of2(p, &deadline);
        if let Some(c) = cancel {
            all.push(&c.promise);
        }
        Promise::race(&all)
    };
    let stop = || {
        controller.abort();
        aborted(ep, true)
    };
    let timeout = || failure(Code::Timeout, ep, 0, format!("no complete answer within {timeout_ms} ms (timeoutMs)"));

    let signal = controller.signal();
    let builder = RequestBuilder::new(url)
        .method(if req.method == "GET" { Method::GET } else { Method::POST })
        .header("Accept", "application/json")
        .redirect(RequestRedirect::Manual)
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
    let promise = fetch_fn.call1(&JsValue::UNDEFINED, &raw).map_err(|e| network(ep, &e, "no HTTP answer: fetch threw", 0, secrets))?;
    let promise: Promise = promise.dyn_into().map_err(|_| internal("fetch did not return a Promise"))?;
    let response = match JsFuture::from(race(&promise)).await {
        _ if cancel.is_some_and(Cancel::aborted) => return Err(stop()),
        Ok(r) => r,
        Err(e) if timed_out.get() => {
            drop(timer);
            let _ = e;
            return Err(timeout());
        }
        Err(e) => return Err(network(ep, &e, "no HTTP answer", 0, secrets)),
    };
    let response: web_sys::Response = response.dyn_into().map_err(|_| internal("fetch resolved to something that is not a Response"))?;
    let status = response.status();
    if let Some(answer) = head(&response, url, ep, max_response_bytes).inspect_err(|_| controller.abort())? {
        controller.abort();
        return Ok(answer);
    }
    let mut body: Vec<u8> = Vec::new();
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk = match JsFuture::from(race(&reader.read())).await {
                _ if cancel.is_some_and(Cancel::aborted) => {
                    let _ = reader.cancel();
                    return Err(stop());
                }
                Ok(c) => c,
                Err(_) if timed_out.get() => return Err(timeout()),
                Err(e) => return Err(network(ep, &e, "the connection broke while reading the answer", status, secrets)),
            };
            if Reflect::get(&chunk, &JsValue::from_str("done")).ok().is_some_and(|d| d.is_truthy()) {
                break;
            }
            let value: js_sys::Uint8Array = match Reflect::get(&chunk, &JsValue::from_str("value")).ok().and_then(|v| v.dyn_into().ok()) {
                Some(v) => v,
                None => return Err(internal("the body stream gave something that is not bytes")),
            };
            let n = value.length() as usize;
            if body.len() + n > max_response_bytes as usize {
                let _ = reader.cancel();
                controller.abort();
                return Err(too_large(ep, status, max_response_bytes, body.len() as u64 + n as u64, "passed"));
            }
            let at = body.len();
            body.resize(at + n, 0);
            value.copy_to(&mut body[at..]);
        }
    }
    drop(timer);
    let body = String::from_utf8(body).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Answer::Reply(Reply { status, body, headers: response.headers(), url: url.to_string() }))
}

/// What the status line and headers decide: a redirect to follow (`Some`),
/// an error, or `None`: read the body.
fn head(response: &web_sys::Response, url: &str, ep: &'static str, max_response_bytes: u32) -> Result<Option<Answer>, Error> {
    let status = response.status();
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(failure(
            Code::Redirect,
            ep,
            0,
            "the server answered with a redirect, whose target a browser does not disclose; waihu does not follow it: set baseUrl to the address that answers directly".into(),
        ));
    }
    if (300..400).contains(&status) && status != 304 {
        let location = response.headers().get("location").ok().flatten().unwrap_or_default();
        if location.is_empty() {
            return Err(failure(Code::Http, ep, status, format!("HTTP {status} without a Location")));
        }
        return Ok(Some(Answer::Redirect { status, location }));
    }
    // An injected fetch may follow redirects itself: never accept an answer
    // from another origin.
    if response.redirected() {
        let origin = |u: &str| web_sys::Url::new(u).ok().map(|u| u.origin());
        if origin(&response.url()) != origin(url) {
            return Err(failure(
                Code::Redirect,
                ep,
                0,
                format!(
                    "the answer came from another origin ({}) after a redirect followed by the injected fetch; pass a fetch that does not follow redirects, or set baseUrl to the final address",
                    without_query(&response.url())
                ),
            ));
        }
    }
    if let Some(declared) = response.headers().get("content-length").ok().flatten().and_then(|v| v.trim().parse::<u64>().ok()) {
        if declared > u64::from(max_response_bytes) {
            return Err(too_large(ep, status, max_response_bytes, declared, "is declared as"));
        }
    }
    Ok(None)
}

#[cold]
#[inline(never)]
fn too_large(ep: &'static str, status: u16, max: u32, bytes: u64, how: &str) -> Error {
    failure(
        Code::ResponseTooLarge,
        ep,
        status,
        format!("the answer {how} {bytes} bytes, over maxResponseBytes ({max} bytes): reading stopped and the request was aborted. Ask for smaller pages, or raise maxResponseBytes"),
    )
}
