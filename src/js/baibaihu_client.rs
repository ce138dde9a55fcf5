//! The 八百呼 client's I/O: one GET (or form POST, or multipart upload) per
//! method, reads retried, writes never repeated after an ambiguous failure.
//! Requests and answers are built and read by `crate::baibaihu`; `js/api.js`
//! wraps this as the public `BaiBaiHuClient`.

use std::cell::RefCell;
use std::rc::Rc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::error::to_js;
use super::http::{self, Upload};
use super::scratch;
use crate::baibaihu::api::{self, Config, Method, METHODS};
use crate::baibaihu::reply;
use crate::core::retry;
use crate::core::{hash, Error};

struct Inner {
    cfg: Config,
    net: http::Transport,
}

/// `call(method, params)` for methods outside the table: treated as writes
/// (never repeated), since nothing is known about them.
/// `call()` of a method that is not a documented read: treated as a write
/// (never repeated after an ambiguous failure).
static GENERIC: Method = Method { js: "call", wire: "call", section: "1.1.1", fields: &[], write: true, file: None, paging: None };
/// `call()` of a documented read: retried like its typed method.
static GENERIC_READ: Method = Method { write: false, ..GENERIC };

fn how_to_check(m: &Method) -> String {
    match m.js {
        "smsSend" => "the SMS may have been sent; check the SMS records before sending again".into(),
        "callbackPhone" | "sendTelCall" | "phoneAudit" => "the call may have been placed; look for it with getCallbackList, findDialrecord or getPhoneAudit before calling again".into(),
        "addTask" => "the task may have been created; look for it with findTaskMx (ctkName) before adding it again".into(),
        "addExtension" | "registerExtension" => "the extension may have been created; check getExtensions before creating it again (a duplicate answers -10)".into(),
        _ => format!("read the data back (e.g. the matching get… method) before sending {} again", m.wire),
    }
}

/// Sends one method. Methods with a file field go as multipart (with the
/// file when `upload` is given); the rest as a query string or form body.
async fn execute(inner: &Rc<Inner>, m: &'static Method, params: &[(String, String)], wire: &str, upload: Option<(&Blob, &str)>) -> Result<String, Error> {
    let name: &'static str = if m.js == "call" { "call" } else { m.wire };
    let req = inner.cfg.request(name, wire, params, m.file);
    let mut attempt = 0;
    loop {
        let up = upload.map(|(blob, filename)| Upload { blob, filename });
        let r = inner.net.send(&req, up).await.and_then(|rep| inner.net.interpret(&rep.body, |body| reply::interpret(m, rep.status, body)).map_err(|mut e| {
            if m.js == "call" {
                e.endpoint = Some(wire.to_string());
            }
            e
        }));
        match r {
            Ok(body) => return Ok(body),
            Err(e) => {
                let check = how_to_check(m);
                let transient = retry::is_transient(&e);
                let (next, e) = retry::next_attempt(e, m.write.then_some((m.js, check.as_str())), attempt, &inner.net.backoff, transient)?;
                attempt = next;
                inner.net.pause_before_retry(wire, attempt, &e).await;
            }
        }
    }
}

use http::json_value as parse;

/// The wasm half of `BaiBaiHuClient` (see js/api.js).
#[wasm_bindgen(js_name = __BaiBaiHuClient)]
pub struct BaiBaiHuClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = __BaiBaiHuClient)]
impl BaiBaiHuClient {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(base_url: &str, user: &str, password: Option<String>, password_md5: Option<String>, timeout_ms: u32, retries: u32, max_response_bytes: u32, fetch: Option<Function>, on_retry: Option<Function>) -> Result<BaiBaiHuClient, JsValue> {
        let cfg = Config::new(base_url, user, password.as_deref(), password_md5.as_deref()).map_err(to_js)?;
        let mut net = http::Transport::new(fetch, timeout_ms, retries, max_response_bytes, on_retry).secret(cfg.password_md5.clone());
        if let Some(p) = password {
            net = net.secret(p);
        }
        Ok(BaiBaiHuClient { inner: Rc::new(Inner { cfg, net }) })
    }

    /// The documented methods, for the JS side to attach.
    pub fn methods() -> Vec<String> {
        METHODS.iter().filter(|m| m.file.is_none()).map(|m| m.js.to_string()).collect()
    }

    /// The paged methods and their iterator names.
    #[wasm_bindgen(js_name = pagedMethods)]
    pub fn paged_methods() -> Vec<String> {
        METHODS.iter().filter(|m| m.paging.is_some()).map(|m| m.js.to_string()).collect()
    }

    /// A documented method; its params' JSON is in the scratch buffer.
    pub fn method(&self, js: &str, len: usize) -> Promise {
        let inner = self.inner.clone();
        let prepared = api::by_js(js).and_then(|m| scratch::with_str(len, |s| api::params(m, s, http::now_ms() as u64)).map(|p| (m, p)));
        super::task::promise(Box::pin(async move {
            let (m, params) = prepared.map_err(to_js)?;
            let body = execute(&inner, m, &params, m.wire, None).await.map_err(to_js)?;
            parse(&body).map_err(to_js)
        }))
    }

    /// Any method by a name the document writes (`.html` and any case
    /// accepted), with unchecked params (JSON object in the scratch buffer).
    pub fn call(&self, name: String, len: usize) -> Promise {
        let inner = self.inner.clone();
        let prepared = api::call_method(&name).and_then(|(wire, documented)| scratch::with_str(len, |s| api::call_params(documented, s)).map(|p| (wire, documented, p)));
        super::task::promise(Box::pin(async move {
            let (wire, documented, params) = prepared.map_err(to_js)?;
            let kind = if documented.is_some_and(|m| !m.write) { &GENERIC_READ } else { &GENERIC };
            let body = execute(&inner, kind, &params, &wire, None).await.map_err(to_js)?;
            parse(&body).map_err(to_js)
        }))
    }

    /// uploadRecordFile (2.1.5): the name is sent base64-encoded, with the content's MD5.
    #[wasm_bindgen(js_name = uploadRecordFile)]
    pub fn upload_record_file(&self, filename: String, file: Blob) -> Promise {
        let inner = self.inner.clone();
        super::task::promise(Box::pin(async move {
            let m = api::by_js("uploadRecordFile").map_err(to_js)?;
            if filename.trim().is_empty() {
                return Err(to_js(Error::invalid("uploadRecordFile: fileName is empty").with_path("fileName")));
            }
            let bytes = blob_bytes(&file).await.map_err(to_js)?;
            if bytes.is_empty() {
                return Err(to_js(Error::invalid("uploadRecordFile: the file is empty").with_path("file")));
            }
            let params = vec![
                ("fileName".to_string(), STANDARD.encode(filename.as_bytes())),
                ("fileMd5".to_string(), hash::md5_hex(&bytes)),
                ("isBase".to_string(), "true".to_string()),
            ];
            let body = execute(&inner, m, &params, m.wire, Some((&file, &filename))).await.map_err(to_js)?;
            parse(&body).map_err(to_js)
        }))
    }

    /// uploadRecord (2.1.10): device status and recordings, multipart, with an optional file.
    #[wasm_bindgen(js_name = uploadRecord)]
    pub fn upload_record(&self, len: usize, file: Option<Blob>, filename: String) -> Promise {
        let inner = self.inner.clone();
        let prepared = api::by_js("uploadRecord").and_then(|m| scratch::with_str(len, |s| api::params(m, s, http::now_ms() as u64)).map(|p| (m, p)));
        super::task::promise(Box::pin(async move {
            let (m, params) = prepared.map_err(to_js)?;
            let body = execute(&inner, m, &params, m.wire, file.as_ref().map(|f| (f, filename.as_str()))).await            .map_err(to_js)?;
            parse(&body).map_err(to_js)
        }))
    }

    /// A pager over a paged method (`getCallbackList`, `findDialrecord`…).
    pub fn pager(&self, js: &str, len: usize) -> Result<BaiBaiHuPager, JsValue> {
        let m = api::by_js(js).map_err(to_js)?;
        let paging = m.paging.ok_or_else(|| to_js(Error::invalid(format!("{js} is not paged"))))?;
        let mut params = scratch::with_str(len, |s| api::params(m, s, http::now_ms() as u64)).map_err(to_js)?;
        let num = |params: &[(String, String)], k: &str| params.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.parse::<u64>().ok());
        let size = num(&params, paging.size).filter(|n| *n > 0).unwrap_or(u64::from(paging.default_size));
        let offset = num(&params, paging.offset).unwrap_or(if paging.by_page { 1 } else { 0 });
        params.retain(|(n, _)| n != paging.offset && n != paging.size);
        Ok(BaiBaiHuPager { state: Rc::new(RefCell::new(PagerState { inner: self.inner.clone(), method: m, params, offset, size, seen: 0, done: false })) })
    }

    /// `{base}/voip/record/{cdrRecordFile}`
    #[wasm_bindgen(js_name = recordUrl)]
    pub fn record_url(&self, file: &str) -> Result<String, JsValue> {
        self.inner.cfg.record_url(file).map_err(to_js)
    }

    /// `{base}/voip/api/client/download/record.json?id=<cdrId>&ismp3=1`
    #[wasm_bindgen(js_name = recordMp3Url)]
    pub fn record_mp3_url(&self, cdr_id: &str) -> Result<String, JsValue> {
        self.inner.cfg.record_mp3_url(cdr_id).map_err(to_js)
    }
}

async fn blob_bytes(blob: &Blob) -> Result<Vec<u8>, Error> {
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(|_| Error::invalid("the file could not be read").with_path("file"))?;
    Ok(Uint8Array::new(&buf).to_vec())
}

struct PagerState {
    inner: Rc<Inner>,
    method: &'static Method,
    params: Vec<(String, String)>,
    offset: u64,
    size: u64,
    seen: u64,
    done: bool,
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
        super::task::promise(Box::pin(async move {
            let (inner, m, params) = {
                let s = st.borrow();
                if s.done {
                    return Ok(JsValue::UNDEFINED);
                }
                let paging = s.method.paging.ok_or_else(|| to_js(Error::invalid("not paged")))?;
                let mut p = s.params.clone();
                p.push((paging.offset.to_string(), s.offset.to_string()));
                p.push((paging.size.to_string(), s.size.to_string()));
                (s.inner.clone(), s.method, p)
            };
            let paging = m.paging.ok_or_else(|| to_js(Error::invalid("not paged")))?;
            let body = execute(&inner, m, &params, m.wire, None).await.map_err(to_js)?;
            let answer = parse(&body).map_err(to_js)?;
            let items: Array = Reflect::get(&answer, &paging.items.into()).ok().and_then(|v| v.dyn_into().ok()).unwrap_or_default();
            let total = paging.total.and_then(|names| {
                names.split('|').find_map(|k| Reflect::get(&answer, &k.into()).ok().and_then(|t| t.as_f64().or_else(|| t.as_string().and_then(|s| crate::core::float::parse_json_number(s.trim())))))
            });
            let mut s = st.borrow_mut();
            let n = u64::from(items.length());
            s.seen += n;
            s.offset += if paging.by_page { 1 } else { n.max(1) };
            s.done = n == 0 || n < s.size || total.is_some_and(|t| s.seen as f64 >= t);
            Ok(if n == 0 { JsValue::UNDEFINED } else { items.into() })
        }))
    }
}
