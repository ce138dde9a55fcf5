//! The SCCC client's I/O: every request signed afresh (timestamp + a
//! per-client request seq), reads retried, writes never repeated after an
//! ambiguous failure. Requests and answers are built and read by
//! `crate::sccc`; `js/api.js` wraps this as the public `ScccClient`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::error::to_js;
use super::http;
use super::scratch;
use crate::core::phpjson::{Options, Transcoder};
use crate::core::retry;
use crate::core::{Code, Error};
use crate::sccc::api::{self, Api, Config};
use crate::sccc::reply;

struct Inner {
    cfg: Config,
    net: http::Transport,
    log: bool,
    seq: Cell<u64>,
    command_seq: Cell<u64>,
}

impl Inner {
    fn next(c: &Cell<u64>) -> u64 {
        let v = c.get();
        c.set(if v >= 9_000_000_000_000 { 1 } else { v + 1 });
        v
    }
}

fn random_base() -> u64 {
    1 + (js_sys::Math::random() * 1e9) as u64
}

/// How to find out what happened when a write's answer was lost.
fn how_to_check(api: &Api) -> &'static str {
    match api.method {
        "callNumber" | "voiceVerify" => "the call may have been placed; look for it with cdrList or recordsList before calling again",
        "hangupCall" => "agentStatus({ agent }) shows whether the agent is still on a call",
        "createCallTask" | "controlCallTask" => "queryCallTask({ agent }) shows the agent's task and its state",
        "addCallTaskNumbers" => "adding the same numbers again is reported as repeats (report.repeat), not duplicated calls",
        _ => "agentStatus({ agent }) shows the agent's state; these requests can be sent again safely",
    }
}

fn transient(e: &Error) -> bool {
    retry::is_transient(e) || (e.code == Code::Api && e.api_code == Some(0xF100_0021))
}

async fn execute(inner: &Rc<Inner>, api: &'static Api, commands: Vec<String>, batch: bool) -> Result<reply::Success, Error> {
    let mut attempt = 0;
    loop {
        let ts = http::now_ms() as u64;
        let req = inner.cfg.envelope(api, &commands, batch, ts, Inner::next(&inner.seq));
        if inner.log {
            if let crate::core::http::Body::Json(b) = &req.body {
                web_sys::console::debug_3(&JsValue::from_str("waihu SCCC →"), &JsValue::from_str(&req.url), &JsValue::from_str(&String::from_utf8_lossy(b)));
            }
        }
        let r = inner.net.send(&req, None).await.and_then(|rep| inner.net.interpret(&rep.body, |body| reply::interpret(api, rep.status, body, batch)));
        match r {
            Ok(s) => {
                if inner.log {
                    if let Some(l) = &s.logs {
                        web_sys::console::debug_2(&JsValue::from_str(&format!("waihu SCCC ← {} logs:", api.name)), &JsValue::from_str(l));
                    }
                }
                return Ok(s);
            }
            Err(e) => {
                let t = transient(&e);
                let (next, e) = retry::next_attempt(e, api.write.then_some((api.method, how_to_check(api))), attempt, &inner.net.backoff, t)?;
                attempt = next;
                inner.net.pause_before_retry(api.name, attempt, &e).await;
            }
        }
    }
}

use http::json_value as parse;

/// The wasm half of `ScccClient` (see js/api.js).
#[wasm_bindgen(js_name = __ScccClient)]
pub struct ScccClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = __ScccClient)]
impl ScccClient {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        base_url: &str,
        version: &str,
        customer: &str,
        password: &str,
        agent: Option<String>,
        lang: Option<String>,
        debug: Option<bool>,
        timeout_ms: u32,
        retries: u32,
        max_response_bytes: u32,
        fetch: Option<Function>,
        on_retry: Option<Function>,
    ) -> Result<ScccClient, JsValue> {
        let cfg = Config::new(base_url, version, customer, password, agent, lang, debug).map_err(to_js)?;
        Ok(ScccClient {
            inner: Rc::new(Inner {
                cfg,
                net: http::Transport::new(fetch, timeout_ms, retries, max_response_bytes, on_retry).secret(password).secret(password.to_ascii_lowercase()),
                log: debug == Some(true),
                seq: Cell::new(random_base()),
                command_seq: Cell::new(random_base()),
            }),
        })
    }

    /// One command of `method`; its JSON is in the scratch buffer.
    pub fn call(&self, method: &str, len: usize) -> Promise {
        let inner = self.inner.clone();
        let prepared = api::by_method(method).and_then(|a| scratch::with_str(len, |s| api::command(a, s, Inner::next(&inner.command_seq)).map(|c| (a, c))));
        super::task::promise(Box::pin(async move {
            let (a, cmd) = prepared.map_err(to_js)?;
            let s = execute(&inner, a, vec![cmd], false).await.map_err(to_js)?;
            parse(&s.json).map_err(to_js)
        }))
    }

    /// Several commands of one API in one request; the array's JSON is in the scratch buffer.
    pub fn batch(&self, api_name: &str, len: usize) -> Promise {
        let inner = self.inner.clone();
        let prepared = api::by_name(api_name).and_then(|a| {
            scratch::with_str(len, |s| {
                let ranges = Transcoder::new(s, Options::RAW)
                    .item_ranges()
                    .map_err(|_| Error::invalid("commands must be an array of command objects").with_path("commands"))?;
                if ranges.is_empty() {
                    return Err(Error::invalid("commands is empty").with_path("commands"));
                }
                let mut cmds = Vec::with_capacity(ranges.len());
                for (i, r) in ranges.into_iter().enumerate() {
                    let c = api::command(a, &s[r], Inner::next(&inner.command_seq)).map_err(|mut e| {
                        e.path = Some(format!("commands[{i}]{}", e.path.as_deref().map(|p| format!(".{p}")).unwrap_or_default()));
                        e
                    })?;
                    cmds.push(c);
                }
                Ok((a, cmds))
            })
        });
        super::task::promise(Box::pin(async move {
            let (a, cmds) = prepared.map_err(to_js)?;
            let s = execute(&inner, a, cmds, true).await.map_err(to_js)?;
            parse(&s.json).map_err(to_js)
        }))
    }

    /// `http://ip:port/<filename>` of a recording.
    #[wasm_bindgen(js_name = recordFileUrl)]
    pub fn record_file_url(&self, filename: &str) -> Result<String, JsValue> {
        self.inner.cfg.record_file_url(filename).map_err(to_js)
    }

    /// Pages through getRecordsList from `start_key` (500 records a page).
    #[wasm_bindgen(js_name = recordsPager)]
    pub fn records_pager(&self, start_key: f64) -> Result<ScccRecordsPager, JsValue> {
        if !(start_key.is_finite() && start_key >= 0.0 && start_key.fract() == 0.0) {
            return Err(to_js(Error::invalid("startKey must be a non-negative integer (the last key seen, 0 to start)").with_path("startKey")));
        }
        Ok(ScccRecordsPager { state: Rc::new(RefCell::new((self.inner.clone(), start_key as u64, false))) })
    }
}

/// `next()` resolves to the next page of records, or `undefined` when done.
#[wasm_bindgen(js_name = __ScccRecordsPager)]
pub struct ScccRecordsPager {
    state: Rc<RefCell<(Rc<Inner>, u64, bool)>>,
}

/// The most records getRecordsList returns at once (20.6).
const PAGE: u32 = 500;

#[wasm_bindgen(js_class = __ScccRecordsPager)]
impl ScccRecordsPager {
    pub fn next(&self) -> Promise {
        let st = self.state.clone();
        super::task::promise(Box::pin(async move {
            let (inner, key, done) = {
                let s = st.borrow();
                (s.0.clone(), s.1, s.2)
            };
            if done {
                return Ok(JsValue::UNDEFINED);
            }
            let a = api::by_method("recordsList").map_err(to_js)?;
            let cmd = api::command(a, &format!("{{\"startKey\":{key}}}"), Inner::next(&inner.command_seq)).map_err(to_js)?;
            let s = execute(&inner, a, vec![cmd], false).await.map_err(to_js)?;
            let response = parse(&s.json).map_err(to_js)?;
            let records: Array = Reflect::get(&response, &"record".into()).ok().and_then(|r| r.dyn_into().ok()).unwrap_or_default();
            let mut next = key;
            for r in records.iter() {
                let k = Reflect::get(&r, &"key".into()).ok().and_then(|k| k.as_f64().or_else(|| k.as_string().and_then(|s| crate::core::float::parse_json_number(s.trim())))).unwrap_or(0.0);
                next = next.max(k as u64);
            }
            let mut s = st.borrow_mut();
            if records.length() == 0 || next <= key {
                s.2 = true;
                return Ok(if records.length() == 0 { JsValue::UNDEFINED } else { records.into() });
            }
            s.1 = next;
            s.2 = records.length() < PAGE;
            Ok(records.into())
        }))
    }
}
