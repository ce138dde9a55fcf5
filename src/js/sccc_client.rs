//! The wasm half of `ScccClient`: values in, promises out. Every request is
//! a `sccc::call` run by the one driver.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::driver::{self, CallCtx};
use super::error::to_js;
use super::http::{self, Transport};
use super::scratch;
use crate::core::pager::{Pager, Unit};
use crate::core::phpjson::{Options, Transcoder};
use crate::core::{Error, Result};
use crate::sccc::api::{self, Api, Config};
use crate::sccc::call::{ScccCall, Seqs};
use crate::sccc::reply::Success;

struct Inner {
    cfg: Rc<Config>,
    net: Transport,
    log: bool,
    seqs: Rc<Seqs>,
}

impl Inner {
    async fn call(&self, api: &'static Api, commands: Vec<String>, batch: bool, ctx: &CallCtx) -> Result<Success> {
        let call = ScccCall { cfg: self.cfg.clone(), seqs: self.seqs.clone(), api, commands, batch };
        let s = driver::run(&self.net, call, None, None, ctx).await?;
        if self.log {
            if let Some(l) = &s.logs {
                web_sys::console::debug_2(&JsValue::from_str(&format!("waihu SCCC ← {} logs:", api.name)), &JsValue::from_str(l));
            }
        }
        Ok(s)
    }
}

fn promise(f: impl std::future::Future<Output = Result<JsValue>> + 'static) -> Promise {
    super::task::promise(Box::pin(async move { f.await.map_err(to_js) }))
}

/// The wasm half of `ScccClient` (see js/api.js).
#[wasm_bindgen(js_name = __ScccClient)]
pub struct ScccClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = __ScccClient)]
impl ScccClient {
    /// `{ baseUrl, version, customer, password, agent, lang, debug, fetch, timeoutMs, retries, maxResponseBytes, onRetry }`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> std::result::Result<ScccClient, JsValue> {
        let o = super::options::Options(&options);
        let debug = o.bool("debug");
        let password = o.text("password");
        let cfg = Config::new(
            &o.text("baseUrl"),
            &o.string("version").unwrap_or_else(|| "V2.0.6".into()),
            &o.text("customer"),
            &password,
            o.string("agent"),
            o.string("lang"),
            debug,
        )
        .map_err(to_js)?;
        Ok(ScccClient {
            inner: Rc::new(Inner {
                cfg: Rc::new(cfg),
                // Debug mode logs every request as sent (the digest, never the password).
                net: o.transport().secret(password.clone()).secret(password.to_ascii_lowercase()).logged((debug == Some(true)).then_some("waihu SCCC →")),
                log: debug == Some(true),
                seqs: Rc::new(Seqs::new(js_sys::Math::random(), js_sys::Math::random())),
            }),
        })
    }

    /// One command of `method`; its JSON is in the scratch buffer.
    pub fn call(&self, method: &str, len: usize, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        let prepared = api::by_method(method).and_then(|a| scratch::with_str(len, |s| api::command(a, s, inner.seqs.next_command()).map(|c| (a, c))));
        promise(async move {
            let (a, cmd) = prepared?;
            let s = inner.call(a, vec![cmd], false, &ctx).await?;
            http::json_value(&s.json)
        })
    }

    /// Several commands of one API in one request; the array's JSON is in the scratch buffer.
    pub fn batch(&self, api_name: &str, len: usize, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
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
                    let c = api::command(a, &s[r], inner.seqs.next_command()).map_err(|mut e| {
                        e.path = Some(format!("commands[{i}]{}", e.path.as_deref().map(|p| format!(".{p}")).unwrap_or_default()));
                        e
                    })?;
                    cmds.push(c);
                }
                Ok((a, cmds))
            })
        });
        promise(async move {
            let (a, cmds) = prepared?;
            let s = inner.call(a, cmds, true, &ctx).await?;
            http::json_value(&s.json)
        })
    }

    /// `http://ip:port/<filename>` of a recording.
    #[wasm_bindgen(js_name = recordFileUrl)]
    pub fn record_file_url(&self, filename: &str) -> std::result::Result<String, JsValue> {
        self.inner.cfg.record_file_url(filename).map_err(to_js)
    }

    /// Pages through getRecordsList from `start_key` (500 records a page).
    #[wasm_bindgen(js_name = recordsPager)]
    pub fn records_pager(&self, start_key: f64, call: JsValue) -> std::result::Result<ScccRecordsPager, JsValue> {
        if !(start_key.is_finite() && start_key >= 0.0 && start_key.fract() == 0.0) {
            return Err(to_js(Error::invalid("startKey must be a non-negative integer (the last key seen, 0 to start)").with_path("startKey")));
        }
        Ok(ScccRecordsPager { state: Rc::new(RefCell::new((self.inner.clone(), Pager::new(Unit::Key, start_key as u64, PAGE, true)))), call })
    }
}

/// `next()` resolves to the next page of records, or `undefined` when done.
#[wasm_bindgen(js_name = __ScccRecordsPager)]
pub struct ScccRecordsPager {
    state: Rc<RefCell<(Rc<Inner>, Pager)>>,
    /// The per-request options every page is fetched with.
    call: JsValue,
}

/// The most records getRecordsList returns at once (20.6).
const PAGE: u64 = 500;

#[wasm_bindgen(js_class = __ScccRecordsPager)]
impl ScccRecordsPager {
    pub fn next(&self) -> Promise {
        let st = self.state.clone();
        let ctx = CallCtx::from_js(&self.call);
        promise(async move {
            let (inner, key) = {
                let s = st.borrow();
                let Some((key, _)) = s.1.next() else { return Ok(JsValue::UNDEFINED) };
                (s.0.clone(), key)
            };
            let a = api::by_method("recordsList")?;
            let cmd = api::command(a, &format!("{{\"startKey\":{key}}}"), inner.seqs.next_command())?;
            let s = inner.call(a, vec![cmd], false, &ctx).await?;
            let response = http::json_value(&s.json)?;
            let records: Array = Reflect::get(&response, &"record".into()).ok().and_then(|r| r.dyn_into().ok()).unwrap_or_default();
            let mut max_key = None;
            for r in records.iter() {
                let k = Reflect::get(&r, &"key".into())
                    .ok()
                    .and_then(|k| k.as_f64().or_else(|| k.as_string().and_then(|s| crate::core::float::parse_json_number(s.trim()))));
                if let Some(k) = k.filter(|k| k.is_finite() && *k >= 0.0) {
                    max_key = Some(max_key.unwrap_or(0).max(k as u64));
                }
            }
            st.borrow_mut().1.on_page(u64::from(records.length()), None, max_key);
            Ok(if records.length() == 0 { JsValue::UNDEFINED } else { records.into() })
        })
    }
}
