//! The wasm half of `XiaoAClient`: values in, promises out. Every call is a
//! `xiaoa::call` run by the one driver; the session is shared by
//! concurrent calls (one login at a time: a second login would invalidate
//! the first key for everyone) and renewed before it expires.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Blob;

use super::driver::{self, CallCtx, Flight, SessionFuture, SessionSource};
use super::error::{to_js, to_js_with};
use super::http::{self, Cancel, Transport, Upload};
use super::scratch;
use crate::core::exchange::{Acquire, Sessions};
use crate::core::pager::{Pager, Unit};
use crate::core::phpjson::{Options, Transcoder};
use crate::core::{Code, Error};
use crate::xiaoa::api::{self, Config, Key, TaskOptions};
use crate::xiaoa::call::{Answer, Import, Login, Op, XiaoACall};
use crate::xiaoa::session::Session;

struct Inner {
    cfg: Rc<Config>,
    username: String,
    password: String,
    net: Transport,
    on_session: Option<Function>,
    sessions: RefCell<Sessions<Session>>,
    flight: RefCell<Option<Rc<Flight<Rc<Session>>>>>,
}

fn call_hook(f: &Option<Function>, arg: &JsValue, name: &str) {
    if let Some(f) = f {
        if let Err(e) = f.call1(&JsValue::UNDEFINED, arg) {
            web_sys::console::warn_2(&JsValue::from_str(&format!("waihu: the {name} callback threw; ignored:")), &e);
        }
    }
}

impl Inner {
    /// A session to use now: the current one, or the login under way, or a
    /// new login. The login runs as a task of its own, so a caller that gives
    /// up (its signal fired) never leaves the others waiting for it; the
    /// caller stops waiting when `cancel` fires.
    async fn login(self: &Rc<Self>, force: bool, cancel: Option<&Cancel>) -> Result<Rc<Session>, Error> {
        let flight = loop {
            let acquired = self.sessions.borrow_mut().acquire(|s| !force && !s.needs_renewal(http::now_ms()));
            match acquired {
                Acquire::Have(s) => return Ok(s),
                Acquire::Wait => {
                    if let Some(f) = self.flight.borrow().clone() {
                        break f;
                    }
                }
                Acquire::Login => {
                    let flight = Flight::new();
                    *self.flight.borrow_mut() = Some(flight.clone());
                    let (me, done) = (self.clone(), flight.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let login = Login { cfg: me.cfg.clone(), username: me.username.clone(), password: me.password.clone() };
                        let result = match driver::run(&me.net, login, None, None, &CallCtx::default()).await {
                            Ok(s) => {
                                let s = me.sessions.borrow_mut().logged_in(s);
                                call_hook(&me.on_session, &http::json_value(&s.json).unwrap_or(JsValue::NULL), "onSession");
                                Ok(s)
                            }
                            Err(e) => {
                                me.sessions.borrow_mut().login_failed();
                                Err(e)
                            }
                        };
                        *me.flight.borrow_mut() = None;
                        done.finish(result);
                    });
                    break flight;
                }
            }
        };
        driver::or_aborted(flight.wait(), cancel, "login").await
    }

    async fn call(self: &Rc<Self>, op: Op, upload: Option<Upload<'_>>, ctx: &CallCtx) -> Result<Answer, Error> {
        driver::run(&self.net, XiaoACall { cfg: self.cfg.clone(), op }, upload, Some(&SharedSession(self.clone())), ctx).await
    }
}

/// Where the client's calls get the shared session.
struct SharedSession(Rc<Inner>);

impl SessionSource for SharedSession {
    fn get(&self) -> SessionFuture<'_> {
        Box::pin(async move { Ok(self.0.login(false, None).await? as Rc<dyn Any>) })
    }

    fn expire(&self, stale: &Rc<dyn Any>) {
        if let Ok(stale) = stale.clone().downcast::<Session>() {
            self.0.sessions.borrow_mut().invalidate(&stale);
        }
    }
}

/// An error with JS-only fields (what an import did).
struct Failure(Error, Option<Object>);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(e, None)
    }
}

fn promise<F>(f: F) -> Promise
where
    F: Future<Output = Result<JsValue, Failure>> + 'static,
{
    super::task::promise(Box::pin(async move { f.await.map_err(|Failure(e, extra)| to_js_with(&e, extra.as_ref())) }))
}

fn data_value(a: &Answer) -> Result<JsValue, Error> {
    http::json_value(a.data())
}

/// The wasm half of `XiaoAClient` (see js/api.js).
#[wasm_bindgen(js_name = __XiaoAClient)]
pub struct XiaoAClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = __XiaoAClient)]
impl XiaoAClient {
    /// `{ baseUrl, username, password, json, session, onSession, fetch, timeoutMs, retries, maxResponseBytes, onRetry }`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<XiaoAClient, JsValue> {
        let o = super::options::Options(&options);
        let cfg = Config::new(&o.text("baseUrl"), Options::from_bits(o.u32("json", 0))).map_err(to_js)?;
        let session = match o.string("session") {
            Some(s) => Some(Session::from_json(&s, "options.session").map_err(|mut e| {
                e.code = Code::InvalidArgument;
                e.path = Some("options.session".into());
                to_js(e)
            })?),
            None => None,
        };
        let password = o.text("password");
        Ok(XiaoAClient {
            inner: Rc::new(Inner {
                cfg: Rc::new(cfg),
                net: o.transport().secret(password.clone()),
                username: o.text("username"),
                password,
                on_session: o.function("onSession"),
                sessions: RefCell::new(Sessions::with(session)),
                flight: RefCell::new(None),
            }),
        })
    }

    /// Logs in now (joining a login already under way).
    pub fn login(&self, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        promise(async move {
            let s = inner.login(true, ctx.cancel.as_ref()).await?;
            Ok(http::json_value(&s.json)?)
        })
    }

    /// The current session object, or null.
    pub fn session(&self) -> JsValue {
        self.inner.sessions.borrow().current().and_then(|s| http::json_value(&s.json).ok()).unwrap_or(JsValue::NULL)
    }

    /// How many logins this client made (for tests and monitoring).
    #[wasm_bindgen(getter, js_name = loginCount)]
    pub fn login_count(&self) -> u32 {
        self.inner.sessions.borrow().logins()
    }

    /// Forgets the session (logout is local: the platform has no endpoint).
    #[wasm_bindgen(js_name = clearSession)]
    pub fn clear_session(&self) {
        self.inner.sessions.borrow_mut().clear();
        call_hook(&self.inner.on_session, &JsValue::NULL, "onSession");
    }

    /// A query method (`listTasks`, `aiUsers`, `projects`, `cdrList`,
    /// `crmList`, `callTimes`); the filters' JSON is in the scratch buffer.
    pub fn query(&self, method: &str, len: usize, call: JsValue) -> Promise {
        let op = api::query(method).and_then(|q| scratch::with_str(len, |s| Ok(Op::Query(q, s.to_string()))));
        run(self.inner.clone(), op, &call)
    }

    /// A pager over every page of a list method.
    pub fn pager(&self, method: &str, len: usize, call: JsValue) -> Result<XiaoAPager, JsValue> {
        let q = api::query(method).map_err(to_js)?;
        let filters = scratch::with_str(len, |s| Ok(s.to_string())).map_err(to_js)?;
        let members = Transcoder::new(&filters, Options::RAW).raw_members().map_err(to_js)?;
        let num = |k: &str| members.iter().find(|m| m.0 == k).and_then(|m| filters[m.1.clone()].trim_matches('"').parse::<u64>().ok());
        let mut rest = String::from("{");
        for (k, r) in members.iter().filter(|m| m.0 != "pageIndex" && m.0 != "pageSize") {
            if rest.len() > 1 {
                rest.push(',');
            }
            crate::core::phpjson::push_str(&mut rest, k, Options::RAW);
            rest.push(':');
            rest.push_str(&filters[r.clone()]);
        }
        // Op::check of the first page: bad filters fail at once.
        Op::Query(q, format!("{rest}}}")).check(&self.inner.cfg).map_err(to_js)?;
        let pager = Pager::new(Unit::Pages { first: 0 }, num("pageIndex").unwrap_or(0), num("pageSize").filter(|n| *n > 0).unwrap_or(100), false);
        Ok(XiaoAPager { state: Rc::new(RefCell::new(PagerState { inner: self.inner.clone(), query: q, filters: rest, pager, call })) })
    }

    /// operateTask(pkeys, oper); the pkeys JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = operateTask)]
    pub fn operate_task(&self, len: usize, oper: String, call: JsValue) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::OperateTask(s.to_string(), oper))), &call)
    }

    /// operateTask({ pkeys, oper, project_type? }); the args JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = operateTaskArgs)]
    pub fn operate_task_args(&self, len: usize, call: JsValue) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::OperateTaskArgs(s.to_string()))), &call)
    }

    /// callDetail (cdrshow); the args JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = callDetail)]
    pub fn call_detail(&self, len: usize, call: JsValue) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::CallDetail(s.to_string()))), &call)
    }

    /// saveCallTimes (timeSave); the rows JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = saveCallTimes)]
    pub fn save_call_times(&self, len: usize, call: JsValue) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::SaveCallTimes(s.to_string()))), &call)
    }

    /// setCallback({ open_callback, callback_url } or { open, url }); the args JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = setCallback)]
    pub fn set_callback(&self, len: usize, call: JsValue) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::SetCallback(s.to_string()))), &call)
    }

    /// templateFields(project_sn): exportModel with type=json.
    #[wasm_bindgen(js_name = templateFields)]
    pub fn template_fields(&self, project_sn: String, call: JsValue) -> Promise {
        run(self.inner.clone(), Ok(Op::TemplateFields(project_sn)), &call)
    }

    /// A signed GET URL from the current session: `params` alternates keys and values.
    #[wasm_bindgen(js_name = downloadUrl)]
    pub fn download_url(&self, endpoint: &str, params: Vec<String>) -> Result<String, JsValue> {
        let s = self.inner.sessions.borrow().current().ok_or_else(|| to_js(api::no_session(endpoint)))?;
        if s.api_key_expire.is_some_and(|exp| (exp as f64) * 1000.0 <= http::now_ms()) {
            return Err(to_js(Error::new(
                Code::NoSession,
                format!("{endpoint}: the session's api_key expired; call login() (or any async method, which renews it) first"),
            )));
        }
        let pairs: Vec<(&str, &str)> = params.chunks(2).filter_map(|c| Some((c.first()?.as_str(), c.get(1)?.as_str()))).collect();
        self.inner.cfg.download(&Key { user_sn: &s.user_sn, api_key: &s.api_key }, endpoint, &pairs).map_err(to_js)
    }

    /// importLeads: options JSON, the rows JSON in the scratch buffer.
    #[wasm_bindgen(js_name = importLeads)]
    pub fn import_leads(&self, options: &str, len: usize, encrypt: bool, on_progress: Option<Function>, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        let prepared = TaskOptions::parse("importLeads", options, &[]).and_then(|t| scratch::with_str(len, |s| Import::new(t, s.to_string(), encrypt)));
        promise(async move {
            let mut import = prepared?;
            while let Some(op) = import.next() {
                let failure = match inner.call(op, None, &ctx).await {
                    Ok(answer) => import.done(answer.data()).err(),
                    Err(e) => Some(import.failed(e)),
                };
                if let Some(f) = failure {
                    let extra = Object::new();
                    set(&extra, "imported", http::json_value(&f.imported)?);
                    let not = Object::new();
                    set(&not, "from", (f.not_imported.start as f64).into());
                    set(&not, "to", (f.not_imported.end as f64).into());
                    set(&extra, "notImported", not.into());
                    if let Some(c) = f.cause {
                        set(&extra, "cause", to_js(c));
                    }
                    return Err(Failure(f.error, Some(extra)));
                }
                if on_progress.is_some() {
                    call_hook(&on_progress, &http::json_value(&import.progress())?, "onProgress");
                }
            }
            Ok(http::json_value(&import.report())?)
        })
    }

    /// importExcel: options JSON and the file.
    #[wasm_bindgen(js_name = importExcel)]
    pub fn import_excel(&self, options: &str, upload: Blob, filename: String, call: JsValue) -> Promise {
        let inner = self.inner.clone();
        let ctx = CallCtx::from_js(&call);
        let op = TaskOptions::parse("importExcel", options, &[]).and_then(|task| {
            let lower = filename.to_ascii_lowercase();
            if !(lower.ends_with(".xlsx") || lower.ends_with(".xls")) {
                return Err(Error::invalid(format!("importExcel: filename {} must end with .xlsx or .xls (30002)", crate::core::error::quote(&filename, 60)))
                    .with_path("options.filename"));
            }
            if upload.size() == 0.0 {
                return Err(Error::invalid("importExcel: the file is empty (30001)").with_path("options.upload"));
            }
            let op = Op::ImportExcel(task);
            op.check(&inner.cfg)?;
            Ok(op)
        });
        promise(async move {
            let answer = inner.call(op?, Some(Upload { blob: &upload, filename: &filename }), &ctx).await?;
            Ok(http::json_value(&Import::excel_report(answer.data())?)?)
        })
    }
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

/// Checks the arguments now (before a login or a request is spent on
/// them), then runs the call.
fn run(inner: Rc<Inner>, op: Result<Op, Error>, call: &JsValue) -> Promise {
    let op = op.and_then(|op| op.check(&inner.cfg).map(|_| op));
    let ctx = CallCtx::from_js(call);
    promise(async move {
        let op = op?;
        let times = matches!(op, Op::SaveCallTimes(_));
        let answer = inner.call(op, None, &ctx).await?;
        // timeSave answers `{ rst, msg }` instead of `data`.
        Ok(if times { http::json_value(&answer.body)? } else { data_value(&answer)? })
    })
}

struct PagerState {
    inner: Rc<Inner>,
    query: &'static api::Query,
    /// The filters without paging, as a JSON object.
    filters: String,
    pager: Pager,
    /// The per-request options every page is fetched with.
    call: JsValue,
}

/// Pages through a list method: `next()` resolves to the next page's items,
/// or `undefined` when all `total` items were seen.
#[wasm_bindgen(js_name = __XiaoAPager)]
pub struct XiaoAPager {
    state: Rc<RefCell<PagerState>>,
}

#[wasm_bindgen(js_class = __XiaoAPager)]
impl XiaoAPager {
    pub fn next(&self) -> Promise {
        let st = self.state.clone();
        promise(async move {
            let (inner, op) = {
                let s = st.borrow();
                let Some((page, size)) = s.pager.next() else { return Ok(JsValue::UNDEFINED) };
                let mut f = s.filters.clone();
                if f.len() > 1 {
                    f.push(',');
                }
                f.push_str(&format!("\"pageIndex\":{page},\"pageSize\":{size}}}"));
                (s.inner.clone(), Op::Query(s.query, f))
            };
            let endpoint = st.borrow().query.endpoint;
            let ctx = CallCtx::from_js(&st.borrow().call);
            let answer = inner.call(op, None, &ctx).await?;
            let page = data_value(&answer)?;
            let list = Reflect::get(&page, &JsValue::from_str("list")).unwrap_or(JsValue::UNDEFINED);
            let total = Reflect::get(&page, &JsValue::from_str("total"))
                .ok()
                .and_then(|t| t.as_f64().or_else(|| t.as_string().and_then(|s| crate::core::float::parse_json_number(s.trim()))));
            let list: Array =
                list.dyn_into().map_err(|_| Error::new(Code::BadResponse, format!("{endpoint}: the page has no `list` array")).with_endpoint(endpoint))?;
            st.borrow_mut().pager.on_page(u64::from(list.length()), Some(total.unwrap_or(0.0)), None);
            Ok(if list.length() == 0 { JsValue::UNDEFINED } else { list.into() })
        })
    }
}
