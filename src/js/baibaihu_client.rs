//! The wasm half of `BaiBaiHuClient`: values in, promises out. Every method
//! is a `baibaihu::call` run by the one driver; uploads travel beside it.

use std::cell::RefCell;
use std::rc::Rc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::driver::{self, CallCtx};
use super::error::to_js;
use super::http::{self, Transport, Upload};
use super::scratch;
use crate::baibaihu::api::{self, Config, Method};
use crate::baibaihu::call::BbhCall;
use crate::core::pager::{Pager, Unit};
use crate::core::{hash, Error, Result};

struct Inner {
    cfg: Rc<Config>,
    net: Transport,
}

impl Inner {
    /// A documented method with checked params.
    async fn method(&self, m: &'static Method, params: Vec<(String, String)>, upload: Option<Upload<'_>>, ctx: &CallCtx) -> Result<JsValue> {
        let body = driver::run(&self.net, BbhCall::new(self.cfg.clone(), Some(m), m.wire.to_string(), params, true), upload, None, ctx).await?;
        http::json_value(&body)
    }
}

fn promise(f: impl std::future::Future<Output = Result<JsValue>> + 'static) -> Promise {
    super::task::promise(Box::pin(async move { f.await.map_err(to_js) }))
}

/// The wasm half of `BaiBaiHuClient` (see js/api.js).
#[wasm_bindgen(js_name = __BaiBaiHuClient)]
pub struct BaiBaiHuClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = __BaiBaiHuClient)]
impl BaiBaiHuClient {
    /// `{ baseUrl, user, password | passwordMd5, fetch, timeoutMs, retries, maxResponseBytes, onRetry }`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> std::result::Result<BaiBaiHuClient, JsValue> {
        let o = super::options::Options(&options);
        let password = o.string("password");
        let cfg = Config::new(&o.text("baseUrl"), &o.text("user"), password.as_deref(), o.string("passwordMd5").as_deref()).map_err(to_js)?;
        let mut net = o.transport().secret(cfg.password_md5.clone());
        if let Some(p) = password {
            net = net.secret(p);
        }
        Ok(BaiBaiHuClient { inner: Rc::new(Inner { cfg: Rc::new(cfg), net }) })
    }

    /// A documented method; its params' JSON is in the scratch buffer.
    pub fn method(&self, js: &str, len: usize, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        let prepared = api::by_js(js).and_then(|m| scratch::with_str(len, |s| api::params(m, s, http::now_ms() as u64)).map(|p| (m, p)));
        promise(async move {
            let (m, params) = prepared?;
            inner.method(m, params, None, &ctx).await
        })
    }

    /// Any method by a name the document writes (`.html` and any case
    /// accepted), with unchecked params (JSON object in the scratch buffer).
    pub fn call(&self, name: String, len: usize, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        let prepared =
            api::call_method(&name).and_then(|(wire, documented)| scratch::with_str(len, |s| api::call_params(documented, s)).map(|p| (wire, documented, p)));
        promise(async move {
            let (wire, documented, params) = prepared?;
            let body = driver::run(&inner.net, BbhCall::new(inner.cfg.clone(), documented, wire, params, false), None, None, &ctx).await?;
            http::json_value(&body)
        })
    }

    /// uploadRecordFile (2.1.5): the name is sent base64-encoded, with the content's MD5.
    #[wasm_bindgen(js_name = uploadRecordFile)]
    pub fn upload_record_file(&self, filename: String, file: Blob, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        promise(async move {
            let m = api::by_js("uploadRecordFile")?;
            if filename.trim().is_empty() {
                return Err(Error::invalid("uploadRecordFile: fileName is empty").with_path("fileName"));
            }
            let bytes = blob_bytes(&file).await?;
            if bytes.is_empty() {
                return Err(Error::invalid("uploadRecordFile: the file is empty").with_path("file"));
            }
            let params = vec![
                ("fileName".to_string(), STANDARD.encode(filename.as_bytes())),
                ("fileMd5".to_string(), hash::md5_hex(&bytes)),
                ("isBase".to_string(), "true".to_string()),
            ];
            inner.method(m, params, Some(Upload { blob: &file, filename: &filename }), &ctx).await
        })
    }

    /// uploadRecord (2.1.10): device status and recordings, multipart, with an optional file.
    #[wasm_bindgen(js_name = uploadRecord)]
    pub fn upload_record(&self, len: usize, file: Option<Blob>, filename: String, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        let prepared = api::by_js("uploadRecord").and_then(|m| scratch::with_str(len, |s| api::params(m, s, http::now_ms() as u64)).map(|p| (m, p)));
        promise(async move {
            let (m, params) = prepared?;
            inner.method(m, params, file.as_ref().map(|f| Upload { blob: f, filename: &filename }), &ctx).await
        })
    }

    /// A pager over a paged method (`getCallbackList`, `findDialrecord`…).
    pub fn pager(&self, js: &str, len: usize, call: JsValue) -> std::result::Result<BaiBaiHuPager, JsValue> {
        let m = api::by_js(js).map_err(to_js)?;
        let paging = m.paging.ok_or_else(|| to_js(Error::invalid(format!("{js} is not paged"))))?;
        let mut params = scratch::with_str(len, |s| api::params(m, s, http::now_ms() as u64)).map_err(to_js)?;
        let num = |params: &[(String, String)], k: &str| params.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.parse::<u64>().ok());
        let size = num(&params, paging.size).filter(|n| *n > 0).unwrap_or(u64::from(paging.default_size));
        let unit = if paging.by_page { Unit::Pages { first: 1 } } else { Unit::Rows };
        let offset = num(&params, paging.offset).unwrap_or(if paging.by_page { 1 } else { 0 });
        params.retain(|(n, _)| n != paging.offset && n != paging.size);
        Ok(BaiBaiHuPager {
            state: Rc::new(RefCell::new(PagerState { inner: self.inner.clone(), method: m, params, pager: Pager::new(unit, offset, size, true), call })),
        })
    }

    /// `{base}/voip/record/{cdrRecordFile}`
    #[wasm_bindgen(js_name = recordUrl)]
    pub fn record_url(&self, file: &str) -> std::result::Result<String, JsValue> {
        self.inner.cfg.record_url(file).map_err(to_js)
    }

    /// `{base}/voip/api/client/download/record.json?id=<cdrId>&ismp3=1`
    #[wasm_bindgen(js_name = recordMp3Url)]
    pub fn record_mp3_url(&self, cdr_id: &str) -> std::result::Result<String, JsValue> {
        self.inner.cfg.record_mp3_url(cdr_id).map_err(to_js)
    }
}

async fn blob_bytes(blob: &Blob) -> Result<Vec<u8>> {
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(|_| Error::invalid("the file could not be read").with_path("file"))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

struct PagerState {
    inner: Rc<Inner>,
    method: &'static Method,
    params: Vec<(String, String)>,
    pager: Pager,
    /// The per-request options every page is fetched with.
    call: JsValue,
}

/// `next()` resolves to the next page's items, or `undefined` when done.
#[wasm_bindgen(js_name = __BaiBaiHuPager)]
pub struct BaiBaiHuPager {
    state: Rc<RefCell<PagerState>>,
}

#[wasm_bindgen(js_class = __BaiBaiHuPager)]
impl BaiBaiHuPager {
    pub fn next(&self) -> Promise {
        let st = self.state.clone();
        promise(async move {
            let (inner, m, params) = {
                let s = st.borrow();
                let Some((offset, size)) = s.pager.next() else { return Ok(JsValue::UNDEFINED) };
                let paging = s.method.paging.ok_or_else(|| Error::invalid("not paged"))?;
                let mut p = s.params.clone();
                p.push((paging.offset.to_string(), offset.to_string()));
                p.push((paging.size.to_string(), size.to_string()));
                (s.inner.clone(), s.method, p)
            };
            let paging = m.paging.ok_or_else(|| Error::invalid("not paged"))?;
            let ctx = CallCtx::from_js(&st.borrow().call);
            let answer = inner.method(m, params, None, &ctx).await?;
            let items: Array = Reflect::get(&answer, &paging.items.into()).ok().and_then(|v| v.dyn_into().ok()).unwrap_or_default();
            let total = paging.total.and_then(|names| {
                names.split('|').find_map(|k| {
                    Reflect::get(&answer, &k.into())
                        .ok()
                        .and_then(|t| t.as_f64().or_else(|| t.as_string().and_then(|s| crate::core::float::parse_json_number(s.trim()))))
                })
            });
            let n = items.length();
            st.borrow_mut().pager.on_page(u64::from(n), total, None);
            Ok(if n == 0 { JsValue::UNDEFINED } else { items.into() })
        })
    }
}
