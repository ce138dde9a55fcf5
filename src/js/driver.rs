//! The one driver of every client call. It runs a `core::exchange::Exchange`
//! — sends its requests over fetch, sleeps its waits, tells the `onRetry`
//! hook, gets it a session — and decides nothing: retries, the
//! never-repeat rule, re-logins and their limits are the exchange's.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use super::http::{self, Cancel, Transport, Upload};
use crate::core::exchange::{Call, Drive, Exchange, Step};
use crate::core::http::Request;
use crate::core::{retry, Error};

/// A session being obtained (its type is the platform's).
pub type SessionFuture<'a> = Pin<Box<dyn Future<Output = Result<Rc<dyn Any>, Error>> + 'a>>;

/// Where calls that need a session get one (the 小A login, shared by
/// concurrent calls).
pub trait SessionSource {
    /// A session to use now: the current one, or a new login's.
    fn get(&self) -> SessionFuture<'_>;
    /// The session `stale` was refused as expired.
    fn expire(&self, stale: &Rc<dyn Any>);
}

/// What one client call was given and gives back: the per-request options
/// its method received as its last argument (`{ signal, timeoutMs, retries }`,
/// checked by the JS side) and the object they came in, on which the driver
/// sets `response` (status, headers, duration, URL) for `withResponse()`.
#[derive(Default)]
pub struct CallCtx {
    obj: Option<Object>,
    pub cancel: Option<Cancel>,
    pub timeout_ms: Option<u32>,
    pub retries: Option<u32>,
}

impl CallCtx {
    pub fn from_js(v: &JsValue) -> CallCtx {
        let Some(obj) = v.dyn_ref::<Object>().cloned() else { return CallCtx::default() };
        let o = super::options::Options(v);
        let num = |k: &str| Some(o.u32(k, u32::MAX)).filter(|n| *n != u32::MAX);
        CallCtx {
            cancel: o.get_value("signal").and_then(|s| s.dyn_into::<AbortSignal>().ok()).map(Cancel::new),
            timeout_ms: num("timeoutMs"),
            retries: num("retries"),
            obj: Some(obj),
        }
    }

    fn record(&self, response: &JsValue) {
        if let Some(o) = &self.obj {
            let _ = Reflect::set(o, &JsValue::from_str("response"), response);
        }
    }
}

/// Runs `call` to its end. `upload` travels beside the request (multipart).
pub async fn run<C: Call>(net: &Transport, call: C, upload: Option<Upload<'_>>, sessions: Option<&dyn SessionSource>, ctx: &CallCtx) -> Result<C::Output, Error>
where
    C::Session: 'static,
{
    let mut backoff = net.backoff;
    if let Some(r) = ctx.retries {
        backoff.retries = r;
    }
    let mut x = Exchange::new(call, backoff, net.secrets());
    drive(net, &mut x, upload, sessions, ctx).await?;
    x.take_output().ok_or_else(|| Error::invalid(format!("internal: {} finished without its output", x.call().name())))
}

/// The loop, one copy for every call (the exchange is behind `dyn Drive`).
async fn drive(net: &Transport, x: &mut dyn Drive, upload: Option<Upload<'_>>, sessions: Option<&dyn SessionSource>, ctx: &CallCtx) -> Result<(), Error> {
    let mut session: Option<Rc<dyn Any>> = None;
    let mut limits = net.limits;
    if let Some(t) = ctx.timeout_ms {
        limits.timeout_ms = t;
    }
    let cancel = ctx.cancel.as_ref();
    let mut attempt = 0u32;
    loop {
        match x.step(session.as_deref(), http::now_ms(), js_sys::Math::random()) {
            Step::NeedSession => {
                if session.is_some() {
                    return Err(Error::invalid(format!("internal: {} was given a session of another platform", x.name())));
                }
                let source = sessions.ok_or_else(|| Error::invalid(format!("internal: {} needs a session and its client has none", x.name())))?;
                session = Some(OrAborted { inner: source.get(), cancel: cancel.map(|c| JsFuture::from(c.promise.clone())) }.await?);
            }
            Step::SessionExpired => {
                if let (Some(stale), Some(source)) = (session.take(), sessions) {
                    source.expire(&stale);
                }
            }
            Step::Send(req) => {
                attempt += 1;
                let hooked = net.hooks.any();
                if hooked {
                    tell_request(net, &req, attempt);
                }
                let started = http::now_ms();
                let sent = net.send(&req, upload, limits, cancel).await;
                let elapsed = http::now_ms() - started;
                if hooked {
                    tell_response(net, &req, attempt, elapsed, &sent);
                }
                match sent {
                    Ok(reply) => {
                        ctx.record(&response_info(net, &reply, elapsed));
                        let after = reply
                            .headers
                            .get("retry-after")
                            .ok()
                            .flatten()
                            .and_then(|v| retry::retry_after_ms(&v, http::now_ms(), |d| Some(js_sys::Date::parse(d)).filter(|t| t.is_finite())));
                        x.reply(reply.status, &reply.body, after)
                    }
                    Err(e) => x.error(e),
                }
            }
            Step::Wait { ms, retry } => {
                if let Some(r) = retry {
                    net.on_retry(x.name(), &r);
                }
                http::sleep(ms, cancel, "retry").await.map_err(|mut e| {
                    e.endpoint = Some(x.name().to_string());
                    e.message = format!("{}: aborted by the caller's AbortSignal while waiting to try again; nothing more was sent", x.name());
                    e
                })?;
            }
            Step::Done(()) => return Ok(()),
            Step::Failed(e) => return Err(e),
        }
    }
}

/// `fut`, or `ABORTED` (of `what`) when `cancel` fires first.
pub async fn or_aborted<T: Clone>(fut: FlightWait<T>, cancel: Option<&Cancel>, what: &'static str) -> Result<T, Error> {
    let Some(c) = cancel else { return fut.await };
    let mut fut = fut;
    let mut stop = JsFuture::from(c.promise.clone());
    std::future::poll_fn(|cx| {
        if let Poll::Ready(r) = Pin::new(&mut fut).poll(cx) {
            return Poll::Ready(r);
        }
        if Pin::new(&mut stop).poll(cx).is_ready() {
            return Poll::Ready(Err(http::aborted(what, false)));
        }
        Poll::Pending
    })
    .await
}

/// A session being obtained, or `ABORTED` when the call's signal fires
/// first (the login goes on for the other calls that wait for it).
struct OrAborted<'a> {
    inner: SessionFuture<'a>,
    cancel: Option<JsFuture>,
}

impl Future for OrAborted<'_> {
    type Output = Result<Rc<dyn Any>, Error>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(r) = self.inner.as_mut().poll(cx) {
            return Poll::Ready(r);
        }
        if let Some(c) = self.cancel.as_mut() {
            if Pin::new(c).poll(cx).is_ready() {
                return Poll::Ready(Err(http::aborted("login", false)));
            }
        }
        Poll::Pending
    }
}

/// `{ status, headers, durationMs, url }` of an answer (for `withResponse()`).
fn response_info(net: &Transport, reply: &http::Reply, elapsed: f64) -> JsValue {
    let o = Object::new();
    let headers = Object::new();
    if let Ok(Some(it)) = js_sys::try_iter(&reply.headers) {
        for pair in it.flatten() {
            let pair: Array = pair.unchecked_into();
            let _ = Reflect::set(&headers, &pair.get(0), &pair.get(1));
        }
    }
    set(&o, "status", reply.status.into());
    set(&o, "headers", headers.into());
    set(&o, "durationMs", elapsed.into());
    set(&o, "url", net.shown_url(&reply.url).into());
    o.into()
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

/// The fields every hook event has: `{ method, url, endpoint, attempt }`
/// (the URL with its secrets masked), and that URL.
fn event(net: &Transport, req: &Request, attempt: u32) -> (Object, String) {
    let o = Object::new();
    let url = net.shown_url(&req.url);
    set(&o, "method", req.method.into());
    set(&o, "url", url.as_str().into());
    set(&o, "endpoint", req.name.into());
    set(&o, "attempt", attempt.into());
    (o, url)
}

/// `onRequest({ method, url, endpoint, attempt })` and the logger's debug line.
fn tell_request(net: &Transport, req: &Request, attempt: u32) {
    let (o, url) = event(net, req, attempt);
    hook(&net.hooks.on_request, &o, "onRequest");
    log(net, "debug", "waihu.request", &o, &format!("waihu → {} {url} (attempt {attempt})", req.method));
}

/// `onResponse({ method, url, endpoint, status, durationMs, attempt, error? })`
/// and the logger's line (warn when there was no answer or a status ≥ 400).
fn tell_response(net: &Transport, req: &Request, attempt: u32, elapsed: f64, sent: &Result<http::Reply, Error>) {
    let (o, url) = event(net, req, attempt);
    set(&o, "durationMs", elapsed.into());
    let (level, what) = match sent {
        Ok(r) => {
            set(&o, "status", r.status.into());
            (if r.status >= 400 { "warn" } else { "debug" }, format!("HTTP {}", r.status))
        }
        Err(e) => {
            set(&o, "status", JsValue::NULL);
            set(&o, "error", super::error::to_js(e.clone()));
            ("warn", e.code.as_str().to_string())
        }
    };
    hook(&net.hooks.on_response, &o, "onResponse");
    log(net, level, "waihu.response", &o, &format!("waihu ← {} {url} {what} in {} ms", req.method, elapsed.max(0.0).round() as u64));
}

fn hook(f: &Option<Function>, arg: &Object, name: &str) {
    if let Some(f) = f {
        if let Err(e) = f.call1(&JsValue::UNDEFINED, arg) {
            web_sys::console::warn_2(&JsValue::from_str(&format!("waihu: the {name} hook threw; ignored:")), &e);
        }
    }
}

/// `logger[level]({ event, ...fields }, message)`, pino's order (console
/// prints both); a logger without that level is skipped.
fn log(net: &Transport, level: &str, event: &str, fields: &Object, message: &str) {
    let Some(logger) = &net.hooks.logger else { return };
    let Some(f) = Reflect::get(logger, &JsValue::from_str(level)).ok().and_then(|f| f.dyn_into::<Function>().ok()) else { return };
    let o = Object::assign(&Object::new(), fields);
    set(&o, "event", event.into());
    if let Err(e) = f.call2(logger, &o, &JsValue::from_str(message)) {
        web_sys::console::warn_2(&JsValue::from_str("waihu: the logger threw; ignored:"), &e);
    }
}

/// One result awaited by many: the login that concurrent calls share.
pub struct Flight<T> {
    result: RefCell<Option<Result<T, Error>>>,
    wakers: RefCell<Vec<Waker>>,
}

impl<T: Clone> Flight<T> {
    pub fn new() -> Rc<Flight<T>> {
        Rc::new(Flight { result: RefCell::new(None), wakers: RefCell::new(Vec::new()) })
    }

    /// Settles the flight and wakes every waiter.
    pub fn finish(&self, r: Result<T, Error>) {
        *self.result.borrow_mut() = Some(r);
        for w in self.wakers.borrow_mut().drain(..) {
            w.wake();
        }
    }

    /// Resolves when the flight is settled.
    pub fn wait(self: &Rc<Self>) -> FlightWait<T> {
        FlightWait(self.clone())
    }
}

pub struct FlightWait<T>(Rc<Flight<T>>);

impl<T: Clone> Future for FlightWait<T> {
    type Output = Result<T, Error>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(r) = self.0.result.borrow().as_ref() {
            return Poll::Ready(r.clone());
        }
        self.0.wakers.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}
