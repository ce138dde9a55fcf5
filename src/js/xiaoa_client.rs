//! The 小A client's I/O: sessions shared by concurrent calls, retries,
//! imports in chunks. Every request and answer is built and read by
//! `crate::xiaoa` (no protocol rule here); this file sends them and turns
//! results into JS values. `js/api.js` wraps it as the public `XiaoAClient`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use js_sys::{Array, Function, Object, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::Blob;

use super::error::to_js_with;
use super::http::{self, Upload};
use super::scratch;
use crate::core::phpjson::{Options, Transcoder};
use crate::core::retry;
use crate::core::{Code, Error};
use crate::xiaoa::api::{self, ClientInfo, Config, Key, TaskOptions};
use crate::xiaoa::client_info;
use crate::xiaoa::codes;
use crate::xiaoa::endpoints;
use crate::xiaoa::import::{self, Counts};
use crate::xiaoa::reply::{self, HttpReply};
use crate::xiaoa::session::Session;

/// An error on its way to JS, with JS-only fields (e.g. what an import did).
pub struct Failure {
    pub err: Error,
    pub extra: Option<Object>,
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure { err, extra: None }
    }
}

impl Failure {
    fn into_js(self) -> JsValue {
        to_js_with(&self.err, self.extra.as_ref())
    }
}

fn promise<F>(f: F) -> Promise
where
    F: Future<Output = Result<JsValue, Failure>> + 'static,
{
    super::task::promise(Box::pin(async move { f.await.map_err(Failure::into_js) }))
}

fn set(o: &Object, k: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v.into());
}

fn to_value<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

use http::json_value as parse_json;

/// A login shared by every call that needs it while it runs.
#[derive(Default)]
struct Flight {
    result: RefCell<Option<Result<Rc<Session>, Error>>>,
    wakers: RefCell<Vec<Waker>>,
}

struct FlightWait(Rc<Flight>);

impl Future for FlightWait {
    type Output = Result<Rc<Session>, Error>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(r) = self.0.result.borrow().as_ref() {
            return Poll::Ready(r.clone());
        }
        self.0.wakers.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}

#[derive(Default)]
struct State {
    session: Option<Rc<Session>>,
    flight: Option<Rc<Flight>>,
    logins: u32,
}

struct Inner {
    cfg: Config,
    username: String,
    password: String,
    net: http::Transport,
    on_session: Option<Function>,
    state: RefCell<State>,
}

/// A write that failed ambiguously is not repeated; this says how to check.
struct Write {
    what: &'static str,
    check: &'static str,
}

fn call_hook(f: &Option<Function>, arg: &JsValue, name: &str) {
    if let Some(f) = f {
        if let Err(e) = f.call1(&JsValue::UNDEFINED, arg) {
            web_sys::console::warn_2(&JsValue::from_str(&format!("waihu: the {name} callback threw; ignored:")), &e);
        }
    }
}

impl Inner {
    fn current(&self) -> Option<Rc<Session>> {
        self.state.borrow().session.clone()
    }

    /// Forgets `stale_key` unless a newer login already replaced it.
    fn invalidate(&self, stale_key: &str) {
        let mut st = self.state.borrow_mut();
        if st.session.as_ref().is_some_and(|s| s.api_key == stale_key) {
            st.session = None;
        }
    }
}

/// Joins the running login, or starts one.
async fn login_shared(inner: Rc<Inner>) -> Result<Rc<Session>, Error> {
    let flight = {
        let mut st = inner.state.borrow_mut();
        match &st.flight {
            Some(f) => f.clone(),
            None => {
                let f = Rc::new(Flight::default());
                st.flight = Some(f.clone());
                let (leader, flight) = (inner.clone(), f.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let r = do_login(&leader).await;
                    leader.state.borrow_mut().flight = None;
                    *flight.result.borrow_mut() = Some(r);
                    for w in flight.wakers.borrow_mut().drain(..) {
                        w.wake();
                    }
                });
                f
            }
        }
    };
    FlightWait(flight).await
}

async fn do_login(inner: &Rc<Inner>) -> Result<Rc<Session>, Error> {
    let req = inner.cfg.login(&inner.username, &inner.password)?;
    let mut attempt = 0;
    let reply = loop {
        let r = inner
            .net
            .send(&req, None)
            .await
            .and_then(|rep| {
                let ep = endpoints::lookup(req.name)?;
                let ok = inner.net.interpret(&rep.body, |body| reply::interpret(ep, HttpReply { status: rep.status, body }))?;
                Ok((rep.body, ok))
            });
        match r {
            Ok(ok) => break ok,
            Err(e) => {
                let transient = retry::is_transient(&e);
                let (next, e) = retry::next_attempt(e, None, attempt, &inner.net.backoff, transient)?;
                attempt = next;
                inner.net.pause_before_retry("login", attempt, &e).await;
            }
        }
    };
    let (body, ok) = reply;
    let data = ok.data.map(|r| body[r].to_string()).ok_or_else(|| Error::new(Code::BadResponse, "login: the answer has no data").with_endpoint("login"))?;
    let session = Rc::new(Session::from_json(&data, "login answer").map_err(|e| e.with_endpoint("login"))?);
    {
        let mut st = inner.state.borrow_mut();
        st.session = Some(session.clone());
        st.logins += 1;
    }
    if inner.on_session.is_some() {
        call_hook(&inner.on_session, &parse_json(&session.json).unwrap_or(JsValue::NULL), "onSession");
    }
    Ok(session)
}

async fn session_for_request(inner: &Rc<Inner>) -> Result<Rc<Session>, Error> {
    match inner.current() {
        Some(s) if !s.needs_renewal(http::now_ms()) => Ok(s),
        _ => login_shared(inner.clone()).await,
    }
}

/// Sends the request `build` makes from the session: logs in when needed,
/// logs in again once on 20005/20006/40001, retries reads on transient
/// failures. Returns the body and where its `data` is.
async fn execute(
    inner: &Rc<Inner>,
    build: &dyn Fn(&Key) -> Result<api::Request, Error>,
    upload: Option<(&Blob, &str)>,
    write: Option<Write>,
) -> Result<(String, Option<std::ops::Range<usize>>), Error> {
    let mut relogged = false;
    let mut attempt = 0;
    loop {
        let session = session_for_request(inner).await?;
        let req = build(&Key { user_sn: &session.user_sn, api_key: &session.api_key })?;
        let up = upload.map(|(blob, filename)| Upload { blob, filename });
        let result = inner
            .net
            .send(&req, up)
            .await
            .and_then(|rep| {
                let ep = endpoints::lookup(req.name)?;
                let ok = inner.net.interpret(&rep.body, |body| reply::interpret(ep, HttpReply { status: rep.status, body }))?;
                Ok((rep.body, ok.data))
            });
        match result {
            Ok(ok) => return Ok(ok),
            Err(e) if e.code == Code::Api && !relogged && e.api_code.is_some_and(codes::is_session_expired) => {
                relogged = true;
                inner.invalidate(&session.api_key);
            }
            Err(e) => {
                let transient = retry::is_transient(&e);
                let (next, e) = retry::next_attempt(e, write.as_ref().map(|w| (w.what, w.check)), attempt, &inner.net.backoff, transient)?;
                attempt = next;
                inner.net.pause_before_retry(req.name, attempt, &e).await;
            }
        }
    }
}

fn data_value(body: &str, data: Option<std::ops::Range<usize>>) -> Result<JsValue, Error> {
    match data {
        Some(r) => parse_json(&body[r]),
        None => Ok(JsValue::NULL),
    }
}

/// The wasm half of `XiaoAClient` (see js/api.js).
#[wasm_bindgen(js_name = __XiaoAClient)]
pub struct XiaoAClient {
    inner: Rc<Inner>,
}

#[derive(Serialize)]
struct ChunkReport {
    index: usize,
    from: usize,
    to: usize,
    total: i64,
    success: i64,
    fail: i64,
    out_repeat: i64,
    dial_task_main_sn: Option<String>,
}

#[derive(Serialize)]
struct ImportReport<'a> {
    total: i64,
    success: i64,
    fail: i64,
    out_repeat: i64,
    dial_task_main_sn: Option<String>,
    chunks: &'a [ChunkReport],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Progress<'a> {
    chunk: usize,
    chunks: usize,
    rows_sent: usize,
    rows_total: usize,
    imported: ImportReport<'a>,
}

fn report<'a>(totals: &Counts, chunks: &'a [ChunkReport]) -> ImportReport<'a> {
    ImportReport {
        total: totals.total,
        success: totals.success,
        fail: totals.fail,
        out_repeat: totals.out_repeat,
        dial_task_main_sn: totals.dial_task_main_sn.clone(),
        chunks,
    }
}

const IMPORT_CHECK: &str = "listTasks({ dial_task_main_sn }) (or by source_project) and compare total_count with the rows you sent before importing again";

#[wasm_bindgen(js_class = __XiaoAClient)]
impl XiaoAClient {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        base_url: &str,
        username: String,
        password: String,
        timeout_ms: u32,
        retries: u32,
        max_response_bytes: u32,
        flags: u32,
        fetch: Option<Function>,
        on_session: Option<Function>,
        on_retry: Option<Function>,
        session_json: Option<String>,
    ) -> Result<XiaoAClient, JsValue> {
        let cfg = Config::new(base_url, Options::from_bits(flags)).map_err(super::error::to_js)?;
        let session = match session_json {
            Some(s) => Some(Rc::new(Session::from_json(&s, "options.session").map_err(|e| {
                let mut e = e;
                e.code = Code::InvalidArgument;
                e.path = Some("options.session".into());
                super::error::to_js(e)
            })?)),
            None => None,
        };
        Ok(XiaoAClient {
            inner: Rc::new(Inner {
                cfg,
                net: http::Transport::new(fetch, timeout_ms, retries, max_response_bytes, on_retry).secret(password.clone()),
                username,
                password,
                on_session,
                state: RefCell::new(State { session, ..State::default() }),
            }),
        })
    }

    /// Logs in now (joining a login already under way).
    pub fn login(&self) -> Promise {
        let inner = self.inner.clone();
        promise(async move {
            let s = login_shared(inner).await?;
            Ok(parse_json(&s.json)?)
        })
    }

    /// The current session object, or null.
    pub fn session(&self) -> JsValue {
        self.inner.current().and_then(|s| parse_json(&s.json).ok()).unwrap_or(JsValue::NULL)
    }

    /// How many logins this client made (for tests and monitoring).
    #[wasm_bindgen(getter, js_name = loginCount)]
    pub fn login_count(&self) -> u32 {
        self.inner.state.borrow().logins
    }

    /// Forgets the session (logout is local: the platform has no endpoint).
    #[wasm_bindgen(js_name = clearSession)]
    pub fn clear_session(&self) {
        self.inner.state.borrow_mut().session = None;
        call_hook(&self.inner.on_session, &JsValue::NULL, "onSession");
    }

    /// A query method (`listTasks`, `aiUsers`, `projects`, `cdrList`,
    /// `crmList`, `callTimes`); the filters' JSON is in the scratch buffer.
    pub fn query(&self, method: &str, len: usize) -> Promise {
        let op = api::query(method).and_then(|q| scratch::with_str(len, |s| Ok(Op::Query(q, s.to_string()))));
        run(self.inner.clone(), op)
    }

    /// A pager over every page of a list method.
    pub fn pager(&self, method: &str, len: usize) -> Result<XiaoAPager, JsValue> {
        let q = api::query(method).map_err(super::error::to_js)?;
        let filters = scratch::with_str(len, |s| Ok(s.to_string())).map_err(super::error::to_js)?;
        let members = Transcoder::new(&filters, Options::RAW).raw_members().map_err(super::error::to_js)?;
        let num = |k: &str| members.iter().find(|m| m.0 == k).and_then(|m| filters[m.1.clone()].trim_matches('"').parse::<u32>().ok());
        let mut rest = String::from("{");
        for (k, r) in members.iter().filter(|m| m.0 != "pageIndex" && m.0 != "pageSize") {
            if rest.len() > 1 {
                rest.push(',');
            }
            crate::core::phpjson::push_str(&mut rest, k, Options::RAW);
            rest.push(':');
            rest.push_str(&filters[r.clone()]);
        }
        rest.push('}');
        Ok(XiaoAPager {
            state: Rc::new(RefCell::new(PagerState {
                inner: self.inner.clone(),
                query: q,
                filters: rest,
                page: num("pageIndex").unwrap_or(0),
                page_size: num("pageSize").filter(|n| *n > 0).unwrap_or(100),
                seen: 0,
                done: false,
            })),
        })
    }

    /// operateTask(pkeys, oper); the pkeys JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = operateTask)]
    pub fn operate_task(&self, len: usize, oper: String) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::OperateTask(s.to_string(), oper))))
    }

    /// callDetail (cdrshow); the args JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = callDetail)]
    pub fn call_detail(&self, len: usize) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::CallDetail(s.to_string()))))
    }

    /// saveCallTimes (timeSave); the rows JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = saveCallTimes)]
    pub fn save_call_times(&self, len: usize) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::SaveCallTimes(s.to_string()))))
    }

    /// setCallback({ open_callback, callback_url } or { open, url }); the args JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = setCallback)]
    pub fn set_callback(&self, len: usize) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::SetCallback(s.to_string()))))
    }

    /// operateTask({ pkeys, oper, project_type? }); the args JSON is in the scratch buffer.
    #[wasm_bindgen(js_name = operateTaskArgs)]
    pub fn operate_task_args(&self, len: usize) -> Promise {
        run(self.inner.clone(), scratch::with_str(len, |s| Ok(Op::OperateTaskArgs(s.to_string()))))
    }

    /// templateFields(project_sn): exportModel with type=json.
    #[wasm_bindgen(js_name = templateFields)]
    pub fn template_fields(&self, project_sn: String) -> Promise {
        run(self.inner.clone(), Ok(Op::TemplateFields(project_sn)))
    }

    /// A signed GET URL from the current session: `params` alternates keys and values.
    #[wasm_bindgen(js_name = downloadUrl)]
    pub fn download_url(&self, endpoint: &str, params: Vec<String>) -> Result<String, JsValue> {
        let s = self.inner.current().ok_or_else(|| super::error::to_js(api::no_session(endpoint)))?;
        if s.api_key_expire.is_some_and(|exp| (exp as f64) * 1000.0 <= http::now_ms()) {
            return Err(super::error::to_js(Error::new(
                Code::NoSession,
                format!("{endpoint}: the session's api_key expired; call login() (or any async method, which renews it) first"),
            )));
        }
        let pairs: Vec<(&str, &str)> = params.chunks(2).filter_map(|c| Some((c.first()?.as_str(), c.get(1)?.as_str()))).collect();
        self.inner.cfg.download(&Key { user_sn: &s.user_sn, api_key: &s.api_key }, endpoint, &pairs).map_err(super::error::to_js)
    }

    /// importLeads: options JSON, the rows JSON in the scratch buffer.
    #[wasm_bindgen(js_name = importLeads)]
    pub fn import_leads(&self, options: &str, len: usize, encrypt: bool, on_progress: Option<Function>) -> Promise {
        let inner = self.inner.clone();
        let prepared = TaskOptions::parse("importLeads", options, &[]).and_then(|t| scratch::with_str(len, |s| Ok((t, s.to_string()))));
        promise(async move {
            let (task, rows) = prepared?;
            import_leads(&inner, task, rows, encrypt, on_progress).await
        })
    }

    /// importExcel: options JSON and the file.
    #[wasm_bindgen(js_name = importExcel)]
    pub fn import_excel(&self, options: &str, upload: Blob, filename: String) -> Promise {
        let op = TaskOptions::parse("importExcel", options, &[]).and_then(|task| {
            let lower = filename.to_ascii_lowercase();
            if !(lower.ends_with(".xlsx") || lower.ends_with(".xls")) {
                return Err(Error::invalid(format!("importExcel: filename {} must end with .xlsx or .xls (30002)", crate::core::error::quote(&filename, 60))).with_path("options.filename"));
            }
            if upload.size() == 0.0 {
                return Err(Error::invalid("importExcel: the file is empty (30001)").with_path("options.upload"));
            }
            Ok(Op::ImportExcel(task, upload, filename))
        });
        run(self.inner.clone(), op)
    }
}

/// One request of the client, decided before any I/O. A single async path
/// ([`run`]) serves them all, which keeps one state machine in the module.
enum Op {
    Query(&'static api::Query, String),
    OperateTask(String, String),
    CallDetail(String),
    SaveCallTimes(String),
    SetCallback(String),
    OperateTaskArgs(String),
    TemplateFields(String),
    ImportExcel(TaskOptions, Blob, String),
}

impl Op {
    fn build(&self, cfg: &Config, k: &Key) -> Result<api::Request, Error> {
        match self {
            Op::Query(q, filters) => cfg.query(q, k, filters),
            Op::OperateTask(pkeys, oper) => cfg.operate_task(k, pkeys, oper),
            Op::CallDetail(args) => cfg.call_detail(k, args),
            Op::SaveCallTimes(rows) => cfg.save_call_times(k, rows),
            Op::SetCallback(args) => cfg.set_callback(k, args),
            Op::OperateTaskArgs(args) => cfg.operate_task_args(k, args),
            Op::TemplateFields(sn) => cfg.template_fields(k, sn),
            Op::ImportExcel(task, _, _) => cfg.add_excel(k, task),
        }
    }

    fn write(&self) -> Option<Write> {
        let (what, check) = match self {
            Op::OperateTask(..) | Op::OperateTaskArgs(_) => ("operateTask", "listTasks() shows each task's status; delete is final, a second delete answers 30011"),
            Op::SaveCallTimes(_) => ("saveCallTimes", "callTimes() shows the saved windows; saving the same rows again is harmless"),
            Op::SetCallback(..) => ("setCallback", "setCallback is idempotent: calling it again with the same values is safe"),
            Op::ImportExcel(..) => ("importExcel", IMPORT_CHECK),
            _ => return None,
        };
        Some(Write { what, check })
    }
}

/// Stands in for the session while arguments are checked before any I/O.
const PLACEHOLDER: Key<'static> = Key { user_sn: "SYSUSER|0000000000000000", api_key: "-" };

fn run(inner: Rc<Inner>, op: Result<Op, Error>) -> Promise {
    // Bad arguments fail now, before a login or a request is spent on them.
    let op = op.and_then(|op| op.build(&inner.cfg, &PLACEHOLDER).map(|_| op));
    promise(async move {
        let op = op?;
        let upload = match &op {
            Op::ImportExcel(_, blob, name) => Some((blob, name.as_str())),
            _ => None,
        };
        let (body, data) = execute(&inner, &|k| op.build(&inner.cfg, k), upload, op.write()).await?;
        match &op {
            Op::SaveCallTimes(_) => Ok(parse_json(&body)?),
            Op::ImportExcel(..) => {
                let counts = Counts::from_data(data.map(|r| &body[r]).unwrap_or("{}"), "addExcel")?;
                let chunk = chunk_report(0, &(0..counts.total.max(0) as usize), &counts);
                Ok(to_value(&report(&counts, std::slice::from_ref(&chunk))))
            }
            _ => Ok(data_value(&body, data)?),
        }
    })
}

async fn import_leads(inner: &Rc<Inner>, task: TaskOptions, rows: String, encrypt: bool, on_progress: Option<Function>) -> Result<JsValue, Failure> {
    let spans = import::validate_rows(&rows)?;
    let plan = import::chunks(spans.len());
    let mut totals = Counts::default();
    let mut done: Vec<ChunkReport> = Vec::with_capacity(plan.len());
    let mut task_sn = task.dial_task_main_sn.clone();
    for (i, range) in plan.iter().enumerate() {
        let plain = import::plaintext(&rows, &spans, range.clone());
        let sn = task_sn.clone();
        let build = |k: &Key| {
            let info = if encrypt {
                let key = client_info::key_from_user_sn(k.user_sn)?;
                let mut buf = Vec::with_capacity(plain.len() + 16);
                buf.extend_from_slice(plain.as_bytes());
                ClientInfo::Cipher(client_info::encrypt_with_key(&mut buf, &key))
            } else {
                ClientInfo::Plain(plain.clone())
            };
            inner.cfg.add_json(k, &task, sn.as_deref(), info)
        };
        let w = Write { what: "importLeads", check: IMPORT_CHECK };
        let outcome = execute(inner, &build, None, Some(w))
            .await
            .and_then(|(body, data)| Counts::from_data(data.map(|r| &body[r]).unwrap_or("{}"), "addJson"));
        let counts = match outcome {
            Ok(c) => c,
            Err(e) => return Err(import_failure(e, &totals, &done, range.start, spans.len(), task_sn.as_deref())),
        };
        if task_sn.is_none() {
            task_sn = counts.dial_task_main_sn.clone();
            if task_sn.is_none() && plan.len() > 1 {
                let e = Error::new(Code::BadResponse, "addJson: the first request's answer has no dial_task_main_sn, so the remaining rows cannot be appended to its task").with_endpoint("addJson");
                totals.add(&counts);
                done.push(chunk_report(i, range, &counts));
                return Err(import_failure(e, &totals, &done, range.end, spans.len(), None));
            }
        }
        totals.add(&counts);
        done.push(chunk_report(i, range, &counts));
        if on_progress.is_some() {
            let p = Progress { chunk: i + 1, chunks: plan.len(), rows_sent: range.end, rows_total: spans.len(), imported: report(&totals, &done) };
            call_hook(&on_progress, &to_value(&p), "onProgress");
        }
    }
    Ok(to_value(&report(&totals, &done)))
}

fn chunk_report(index: usize, range: &std::ops::Range<usize>, c: &Counts) -> ChunkReport {
    ChunkReport {
        index,
        from: range.start,
        to: range.end,
        total: c.total,
        success: c.success,
        fail: c.fail,
        out_repeat: c.out_repeat,
        dial_task_main_sn: c.dial_task_main_sn.clone(),
    }
}

/// The error of a failed import: what was imported, and which rows were not.
fn import_failure(cause: Error, totals: &Counts, done: &[ChunkReport], from: usize, to: usize, sn: Option<&str>) -> Failure {
    let extra = Object::new();
    set(&extra, "imported", to_value(&report(totals, done)));
    let not = Object::new();
    set(&not, "from", from as f64);
    set(&not, "to", to as f64);
    set(&extra, "notImported", not);
    let maybe = if cause.code == Code::OutcomeUnknown {
        format!(" The request for rows {from}–{} got no answer, so those may or may not be in the task: compare total_count before sending them again.", (from + import_chunk_len(from, to)).saturating_sub(1))
    } else {
        String::new()
    };
    if done.is_empty() {
        let mut err = cause;
        err.message = format!("{} (no rows were imported; rows {from}–{} are still to send.{maybe})", err.message, to.saturating_sub(1));
        return Failure { err, extra: Some(extra) };
    }
    set(&extra, "cause", super::error::to_js(cause.clone()));
    let mut err = Error::new(
        Code::ImportIncomplete,
        format!(
            "importLeads stopped: rows 0–{} were imported in {} request(s) into {}; rows {from}–{} were not: {}.{maybe} Send the rest with dial_task_main_sn set to continue the same task.",
            from.saturating_sub(1),
            done.len(),
            sn.unwrap_or("the task"),
            to.saturating_sub(1),
            cause.message
        ),
    );
    err.endpoint = Some("addJson".into());
    err.api_code = cause.api_code;
    err.api_name = cause.api_name.clone();
    err.api_msg = cause.api_msg.clone();
    Failure { err, extra: Some(extra) }
}

fn import_chunk_len(from: usize, to: usize) -> usize {
    (to - from).min(crate::xiaoa::client_info::MAX_ROWS)
}

struct PagerState {
    inner: Rc<Inner>,
    query: &'static api::Query,
    filters: String,
    page: u32,
    page_size: u32,
    seen: u64,
    done: bool,
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
            let (inner, query, filters) = {
                let s = st.borrow();
                if s.done {
                    return Ok(JsValue::UNDEFINED);
                }
                let mut f = s.filters.clone();
                f.pop();
                if f.len() > 1 {
                    f.push(',');
                }
                f.push_str(&format!("\"pageIndex\":{},\"pageSize\":{}}}", s.page, s.page_size));
                (s.inner.clone(), s.query, f)
            };
            let op = Op::Query(query, filters);
            let (body, data) = execute(&inner, &|k| op.build(&inner.cfg, k), None, None).await?;
            let page = data_value(&body, data)?;
            let list = Reflect::get(&page, &JsValue::from_str("list")).unwrap_or(JsValue::UNDEFINED);
            let total = Reflect::get(&page, &JsValue::from_str("total")).ok().and_then(|t| t.as_f64().or_else(|| t.as_string().and_then(|s| crate::core::float::parse_json_number(s.trim()))));
            let list: Array = list.dyn_into().map_err(|_| Error::new(Code::BadResponse, format!("{}: the page has no `list` array", query.endpoint)).with_endpoint(query.endpoint))?;
            let mut s = st.borrow_mut();
            s.seen += u64::from(list.length());
            s.page += 1;
            let total = total.unwrap_or(0.0);
            if list.length() == 0 || (s.seen as f64) >= total || f64::from(s.page) > total / f64::from(s.page_size) + 2.0 {
                s.done = true;
            }
            if list.length() == 0 {
                return Ok(JsValue::UNDEFINED);
            }
            Ok(list.into())
        })
    }
}

use wasm_bindgen::JsCast;
