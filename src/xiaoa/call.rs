//! The calls of `XiaoAClient` as [`Call`]s for the one exchange engine
//! (`core::exchange`): the login, every request method, and an import's
//! plan (30,000-row requests, totals, what a failure leaves behind). No I/O.

use std::ops::Range;
use std::rc::Rc;

use super::api::{self, ClientInfo, Config, Key, TaskOptions};
use super::client_info;
use super::codes;
use super::endpoints;
use super::import::{self, Counts};
use super::reply::{self, HttpReply};
use super::session::Session;
use crate::core::exchange::Call;
use crate::core::http::Request;
use crate::core::phpjson::{self, Options};
use crate::core::{Code, Error, Result};

/// An answer: the body and where its `data` is.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub body: String,
    pub data: Option<Range<usize>>,
}

impl Answer {
    /// The `data` member's JSON text (`null` when absent).
    pub fn data(&self) -> &str {
        self.data.as_ref().map(|r| &self.body[r.clone()]).unwrap_or("null")
    }
}

/// 7.1: logging in.
pub struct Login {
    pub cfg: Rc<Config>,
    pub username: String,
    pub password: String,
}

impl Call for Login {
    type Output = Session;
    type Session = Session;

    fn name(&self) -> &str {
        "login"
    }

    fn request(&mut self, _: Option<&Session>, _: f64) -> Result<Request> {
        self.cfg.login(&self.username, &self.password)
    }

    fn read(&mut self, status: u16, body: &str) -> Result<Session> {
        let ok = reply::interpret(endpoints::lookup("login")?, HttpReply { status, body })?;
        let data = ok.data.map(|r| &body[r]).ok_or_else(|| Error::new(Code::BadResponse, "login: the answer has no data").with_endpoint("login"))?;
        Session::from_json(data, "login answer").map_err(|e| e.with_endpoint("login"))
    }
}

/// One request of the client, decided before any I/O.
#[derive(Clone, Debug)]
pub enum Op {
    /// A list or read method with its filters (JSON text).
    Query(&'static api::Query, String),
    /// operateTask(pkeys JSON, oper).
    OperateTask(String, String),
    /// operateTask({ pkeys, oper, project_type }).
    OperateTaskArgs(String),
    CallDetail(String),
    SaveCallTimes(String),
    SetCallback(String),
    TemplateFields(String),
    /// addExcel's text fields (the file travels beside the request).
    ImportExcel(TaskOptions),
    /// One addJson request of an import.
    AddJson {
        task: TaskOptions,
        dial_task_main_sn: Option<String>,
        plain: String,
        encrypt: bool,
    },
}

/// How to check an import whose answer was lost.
pub const IMPORT_CHECK: &str = "listTasks({ dial_task_main_sn }) (or by source_project) and compare total_count with the rows you sent before importing again";

impl Op {
    pub fn build(&self, cfg: &Config, k: &Key) -> Result<Request> {
        match self {
            Op::Query(q, filters) => cfg.query(q, k, filters),
            Op::OperateTask(pkeys, oper) => cfg.operate_task(k, pkeys, oper),
            Op::OperateTaskArgs(args) => cfg.operate_task_args(k, args),
            Op::CallDetail(args) => cfg.call_detail(k, args),
            Op::SaveCallTimes(rows) => cfg.save_call_times(k, rows),
            Op::SetCallback(args) => cfg.set_callback(k, args),
            Op::TemplateFields(sn) => cfg.template_fields(k, sn),
            Op::ImportExcel(task) => cfg.add_excel(k, task),
            Op::AddJson { task, dial_task_main_sn, plain, encrypt } => {
                let info = if *encrypt {
                    let key = client_info::key_from_user_sn(k.user_sn)?;
                    let mut buf = Vec::with_capacity(plain.len() + 16);
                    buf.extend_from_slice(plain.as_bytes());
                    ClientInfo::Cipher(client_info::encrypt_with_key(&mut buf, &key))
                } else {
                    ClientInfo::Plain(plain.clone())
                };
                cfg.add_json(k, task, dial_task_main_sn.as_deref(), info)
            }
        }
    }

    /// For a write: what it is and how to check one whose answer was lost.
    pub fn write(&self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Op::OperateTask(..) | Op::OperateTaskArgs(_) => {
                ("operateTask", "listTasks() shows each task's status; delete is final, a second delete answers 30011")
            }
            Op::SaveCallTimes(_) => ("saveCallTimes", "callTimes() shows the saved windows; saving the same rows again is harmless"),
            Op::SetCallback(..) => ("setCallback", "setCallback is idempotent: calling it again with the same values is safe"),
            Op::ImportExcel(..) => ("importExcel", IMPORT_CHECK),
            Op::AddJson { .. } => ("importLeads", IMPORT_CHECK),
            _ => return None,
        })
    }

    /// Checks the arguments now, before a login or a request is spent on them.
    pub fn check(&self, cfg: &Config) -> Result<()> {
        self.build(cfg, &PLACEHOLDER).map(|_| ())
    }
}

/// Stands in for the session while arguments are checked before any I/O.
const PLACEHOLDER: Key<'static> = Key { user_sn: "SYSUSER|0000000000000000", api_key: "-" };

/// A request of the client.
pub struct XiaoACall {
    pub cfg: Rc<Config>,
    pub op: Op,
}

impl Call for XiaoACall {
    type Output = Answer;
    type Session = Session;

    fn name(&self) -> &str {
        match &self.op {
            Op::Query(q, _) => q.endpoint,
            Op::OperateTask(..) | Op::OperateTaskArgs(_) => "operateTask",
            Op::CallDetail(_) => "cdrshow",
            Op::SaveCallTimes(_) => "timeSave",
            Op::SetCallback(_) => "setCallback",
            Op::TemplateFields(_) => "exportModel",
            Op::ImportExcel(_) => "addExcel",
            Op::AddJson { .. } => "addJson",
        }
    }

    fn request(&mut self, session: Option<&Session>, _: f64) -> Result<Request> {
        let s = session.ok_or_else(|| api::no_session(self.name()))?;
        self.op.build(&self.cfg, &Key { user_sn: &s.user_sn, api_key: &s.api_key })
    }

    fn read(&mut self, status: u16, body: &str) -> Result<Answer> {
        let ok = reply::interpret(endpoints::lookup(self.name())?, HttpReply { status, body })?;
        Ok(Answer { body: body.to_string(), data: ok.data })
    }

    fn write(&self) -> Option<(&str, &str)> {
        self.op.write()
    }

    fn needs_session(&self) -> bool {
        true
    }

    fn session_expired(&self, e: &Error) -> bool {
        e.code == Code::Api && e.api_code.is_some_and(codes::is_session_expired)
    }
}

/// What one request of an import reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Chunk {
    pub index: usize,
    pub rows: Range<usize>,
    pub counts: Counts,
}

/// An import of any number of rows: the plan of 30,000-row requests and
/// what came back. The driver asks [`Import::next`] for the next request,
/// reports each answer with [`Import::done`], or a failure with
/// [`Import::failed`].
pub struct Import {
    task: TaskOptions,
    rows: String,
    spans: Vec<Range<usize>>,
    plan: Vec<Range<usize>>,
    encrypt: bool,
    task_sn: Option<String>,
    totals: Counts,
    chunks: Vec<Chunk>,
}

/// Why an import stopped, and what it left behind.
#[derive(Debug)]
pub struct ImportFailure {
    pub error: Error,
    /// What was imported (JSON: totals and every request's counts).
    pub imported: String,
    /// The rows not imported: `from..to`.
    pub not_imported: Range<usize>,
    /// The failure of the request that stopped it, when `error` is IMPORT_INCOMPLETE.
    pub cause: Option<Error>,
}

impl Import {
    /// Checks every row first: nothing is sent when one is wrong.
    pub fn new(task: TaskOptions, rows: String, encrypt: bool) -> Result<Import> {
        let spans = import::validate_rows(&rows)?;
        let plan = import::chunks(spans.len());
        let task_sn = task.dial_task_main_sn.clone();
        Ok(Import { task, rows, spans, plan, encrypt, task_sn, totals: Counts::default(), chunks: Vec::new() })
    }

    pub fn rows(&self) -> usize {
        self.spans.len()
    }

    pub fn requests(&self) -> usize {
        self.plan.len()
    }

    /// The next request, or None when every row was sent.
    pub fn next(&self) -> Option<Op> {
        let range = self.plan.get(self.chunks.len())?.clone();
        Some(Op::AddJson {
            task: self.task.clone(),
            dial_task_main_sn: self.task_sn.clone(),
            plain: import::plaintext(&self.rows, &self.spans, range),
            encrypt: self.encrypt,
        })
    }

    /// The answer's `data` of the current request: the totals so far.
    pub fn done(&mut self, data: &str) -> std::result::Result<(), ImportFailure> {
        let i = self.chunks.len();
        let range = self.plan[i].clone();
        let counts = Counts::from_data(data, "addJson").map_err(|e| self.failed(e))?;
        self.totals.add(&counts);
        self.chunks.push(Chunk { index: i, rows: range.clone(), counts });
        if self.task_sn.is_none() {
            self.task_sn = self.chunks[i].counts.dial_task_main_sn.clone();
            if self.task_sn.is_none() && self.plan.len() > 1 {
                let e = Error::new(
                    Code::BadResponse,
                    "addJson: the first request's answer has no dial_task_main_sn, so the remaining rows cannot be appended to its task",
                )
                .with_endpoint("addJson");
                return Err(self.failed(e));
            }
        }
        Ok(())
    }

    /// The failure of the current request: the error the caller gets (the
    /// request's own error when nothing was imported, IMPORT_INCOMPLETE
    /// otherwise), with what was imported and which rows were not.
    pub fn failed(&self, cause: Error) -> ImportFailure {
        let from = self.chunks.last().map_or(0, |c| c.rows.end);
        let to = self.spans.len();
        let imported = self.report();
        let maybe = if cause.code == Code::OutcomeUnknown {
            format!(
                " The request for rows {from}–{} got no answer, so those may or may not be in the task: compare total_count before sending them again.",
                (from + (to - from).min(client_info::MAX_ROWS)).saturating_sub(1)
            )
        } else {
            String::new()
        };
        if self.chunks.is_empty() {
            let mut error = cause;
            error.message = format!("{} (no rows were imported; rows {from}–{} are still to send.{maybe})", error.message, to.saturating_sub(1));
            return ImportFailure { error, imported, not_imported: from..to, cause: None };
        }
        let mut error = Error::new(
            Code::ImportIncomplete,
            format!(
                "importLeads stopped: rows 0–{} were imported in {} request(s) into {}; rows {from}–{} were not: {}.{maybe} Send the rest with dial_task_main_sn set to continue the same task.",
                from.saturating_sub(1),
                self.chunks.len(),
                self.task_sn.as_deref().unwrap_or("the task"),
                to.saturating_sub(1),
                cause.message
            ),
        );
        error.endpoint = Some("addJson".into());
        error.api_code = cause.api_code;
        error.api_name = cause.api_name.clone();
        error.api_msg = cause.api_msg.clone();
        ImportFailure { error, imported, not_imported: from..to, cause: Some(cause) }
    }

    /// `{ total, success, fail, out_repeat, dial_task_main_sn, chunks: [{ index, from, to, … }] }`
    pub fn report(&self) -> String {
        let mut out = String::from("{");
        counts_json(&mut out, &self.totals);
        out.push_str(",\"chunks\":[");
        for (n, c) in self.chunks.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(&format!("{{\"index\":{},\"from\":{},\"to\":{},", c.index, c.rows.start, c.rows.end));
            counts_json(&mut out, &c.counts);
            out.push('}');
        }
        out.push_str("]}");
        out
    }

    /// `{ chunk, chunks, rowsSent, rowsTotal, imported }` after a request.
    pub fn progress(&self) -> String {
        let sent = self.chunks.last().map_or(0, |c| c.rows.end);
        format!(
            "{{\"chunk\":{},\"chunks\":{},\"rowsSent\":{sent},\"rowsTotal\":{},\"imported\":{}}}",
            self.chunks.len(),
            self.plan.len(),
            self.spans.len(),
            self.report()
        )
    }

    /// importExcel's single request as a report of one chunk.
    pub fn excel_report(data: &str) -> Result<String> {
        let counts = Counts::from_data(data, "addExcel")?;
        let rows = 0..counts.total.max(0) as usize;
        let mut one = Import {
            task: TaskOptions::default(),
            rows: String::new(),
            spans: Vec::new(),
            plan: vec![rows.clone()],
            encrypt: false,
            task_sn: None,
            totals: Counts::default(),
            chunks: Vec::new(),
        };
        one.totals.add(&counts);
        one.chunks.push(Chunk { index: 0, rows, counts });
        Ok(one.report())
    }
}

fn counts_json(out: &mut String, c: &Counts) {
    out.push_str(&format!("\"total\":{},\"success\":{},\"fail\":{},\"out_repeat\":{},\"dial_task_main_sn\":", c.total, c.success, c.fail, c.out_repeat));
    match &c.dial_task_main_sn {
        Some(s) => phpjson::push_str(out, s, Options::RAW),
        None => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exchange::{Exchange, Sessions, Step};
    use crate::core::http::Body;
    use crate::core::retry::Backoff;

    const SN: &str = "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c";

    fn task() -> TaskOptions {
        TaskOptions { project_sn: "p".into(), source: "s".into(), ai_user_sn: "a".into(), ..TaskOptions::default() }
    }

    fn rows(n: usize) -> String {
        format!("[{}]", (0..n).map(|i| format!(r#"{{"姓名":"n{i}","电话":"138{i:08}"}}"#)).collect::<Vec<_>>().join(","))
    }

    fn answer(total: usize, sn: Option<&str>) -> String {
        format!(r#"{{"total":{total},"success":{total},"fail":0,"out_repeat":0,"dial_task_main_sn":{}}}"#, sn.map_or("null".into(), |s| format!("\"{s}\"")))
    }

    /// Runs an import against a fake platform that fails request `fail_at`
    /// with `fault` (None: all succeed). Returns the report or the failure,
    /// and the requests' bodies.
    fn import(n: usize, fail_at: Option<(usize, Error)>) -> (std::result::Result<String, ImportFailure>, Vec<String>) {
        let cfg = Rc::new(Config::new("http://127.0.0.1:1", Options::PHP_DEFAULT).unwrap());
        let session = Session { user_sn: SN.into(), api_key: "k".into(), api_key_expire: None, json: String::new() };
        let mut imp = Import::new(task(), rows(n), true).unwrap();
        let mut bodies = Vec::new();
        while let Some(op) = imp.next() {
            let mut x = Exchange::new(XiaoACall { cfg: cfg.clone(), op }, Backoff { retries: 3, ..Backoff::default() }, Rc::from(Vec::new()));
            let out = loop {
                match x.poll(Some(&session), 0.0, 0.5) {
                    Step::Send(req) => {
                        let Body::Json(b) = &req.body else { panic!("json") };
                        bodies.push(String::from_utf8(b.clone()).unwrap());
                        match &fail_at {
                            Some((k, e)) if *k == bodies.len() - 1 => x.on_error(e.clone()),
                            _ => {
                                let rows_here = (n - (bodies.len() - 1) * 30_000).min(30_000);
                                x.on_reply(200, &format!(r#"{{"code":0,"msg":"ok","data":{}}}"#, answer(rows_here, Some("dial_task_main_sn|t1"))));
                            }
                        }
                    }
                    Step::Wait { .. } => {}
                    Step::Done(a) => break Ok(a),
                    Step::Failed(e) => break Err(e),
                    other => panic!("{other:?}"),
                }
            };
            match out {
                Ok(a) => {
                    if let Err(f) = imp.done(a.data()) {
                        return (Err(f), bodies);
                    }
                }
                Err(e) => return (Err(imp.failed(e)), bodies),
            }
        }
        (Ok(imp.report()), bodies)
    }

    #[test]
    fn sixty_five_thousand_rows_go_as_three_requests_into_one_task() {
        let (report, bodies) = import(65_000, None);
        let report = report.unwrap();
        assert_eq!(bodies.len(), 3);
        assert!(
            !bodies[0].contains("dial_task_main_sn") && bodies[1].contains(r#""dial_task_main_sn":"dial_task_main_sn|t1""#),
            "later requests continue the task"
        );
        assert!(
            report.starts_with(
                r#"{"total":65000,"success":65000,"fail":0,"out_repeat":0,"dial_task_main_sn":"dial_task_main_sn|t1","chunks":[{"index":0,"from":0,"to":30000,"#
            ),
            "{report}"
        );
        assert!(bodies.iter().all(|b| b.contains(r#""aes":true"#)));
    }

    #[test]
    fn a_failed_request_says_what_was_imported_and_which_rows_were_not() {
        // The second request times out: a write, never repeated → OUTCOME_UNKNOWN inside IMPORT_INCOMPLETE.
        let (out, bodies) = import(65_000, Some((1, Error::new(Code::Timeout, "no answer"))));
        let f = out.unwrap_err();
        assert_eq!(bodies.len(), 2, "sent once, not repeated");
        assert_eq!((f.error.code, f.not_imported.clone()), (Code::ImportIncomplete, 30_000..65_000));
        assert_eq!(f.cause.as_ref().unwrap().code, Code::OutcomeUnknown);
        assert!(f.error.message.contains("rows 0–29999 were imported") && f.error.message.contains("rows 30000–59999 got no answer"), "{}", f.error.message);
        assert!(f.imported.starts_with(r#"{"total":30000,"#), "{}", f.imported);
        // The first request fails with the platform's own error: that error, nothing imported.
        let (out, _) = import(10, Some((0, Error::api("addJson", "failed", 30006, "EMPTY_OR_BAD_JSON", "x", None))));
        let f = out.unwrap_err();
        assert_eq!((f.error.code, f.error.api_code, f.not_imported.clone(), f.cause.is_none()), (Code::Api, Some(30006), 0..10, true));
        assert!(f.imported.starts_with(r#"{"total":0,"#));
    }

    #[test]
    fn a_first_answer_without_task_stops_a_multi_request_import() {
        let mut imp = Import::new(task(), rows(30_001), false).unwrap();
        assert!(imp.next().is_some());
        let f = imp.done(&answer(30_000, None)).unwrap_err();
        assert_eq!((f.error.code, f.not_imported), (Code::ImportIncomplete, 30_000..30_001));
    }

    #[test]
    fn the_login_and_an_expired_key() {
        let cfg = Rc::new(Config::new("http://127.0.0.1:1", Options::PHP_DEFAULT).unwrap());
        let mut login = Exchange::new(
            Login { cfg: cfg.clone(), username: "demo".into(), password: "demo123".into() },
            Backoff::default(),
            Rc::from(vec!["demo123".to_string()]),
        );
        let Step::Send(req) = login.poll(None, 0.0, 0.5) else { panic!() };
        assert!(req.url.ends_with("/api/login"));
        login
            .on_reply(200, r#"{"code":0,"data":{"user_sn":"SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c","api_key":"K1","api_key_expire":1524453752},"msg":"ok"}"#);
        let Step::Done(s) = login.poll(None, 0.0, 0.5) else { panic!() };
        let mut sessions = Sessions::default();
        let s1 = sessions.logged_in(s);
        let q = api::query("crmList").unwrap();
        let mut x = Exchange::new(XiaoACall { cfg, op: Op::Query(q, "{}".into()) }, Backoff::default(), Rc::from(Vec::new()));
        assert!(matches!(x.poll(None, 0.0, 0.5), Step::NeedSession));
        assert!(matches!(x.poll(Some(&s1), 0.0, 0.5), Step::Send(_)));
        x.on_reply(200, r#"{"code":20006,"msg":"api_key 已过期"}"#);
        assert!(matches!(x.poll(Some(&s1), 0.0, 0.5), Step::SessionExpired));
        sessions.invalidate(&s1);
        assert!(sessions.current().is_none());
        let s2 = sessions.logged_in(Session { api_key: "K2".into(), ..(*s1).clone() });
        let Step::Send(again) = x.poll(Some(&s2), 0.0, 0.5) else { panic!() };
        assert!(matches!(&again.body, Body::Json(b) if String::from_utf8_lossy(b).contains("K2")));
        x.on_reply(200, r#"{"code":20006,"msg":"again"}"#);
        assert!(matches!(x.poll(Some(&s2), 0.0, 0.5), Step::Failed(e) if e.api_code == Some(20006)), "re-logged in once only");
    }
}
