//! The requests of `XiaoAClient`, built without doing any I/O: which
//! parameters each method accepts (the filters of sections 7.2–9.1, by their
//! platform names), their types, the fixed values the platform expects
//! (`from` = 2, `project_type` = 2), and the signed HTTP request that results.
//! The wasm layer only sends what this module builds.

use super::endpoints::{self, Endpoint};
use super::sign::{self, Signed};
use crate::core::error::quote;
use crate::core::phpjson::{self, Member, Options, ParamsBuilder, Route, Transcoder};
use crate::core::uri::encode_component_into;
use crate::core::{Code, Error, Result};

use crate::core::schema::{self, opt, req, Checked, Context, Field, Item, Kind, Value, TEXT, UINT};

/// 7.2–7.10 dates: `YYYY-MM-DD`, or with the time (001: 可以为日期或者时间).
const DATE: Kind = Kind::DateOrTime;
/// `status` of crmList: "A,B,C" or an array.
const LIST: Kind = Kind::List { item: Item::Text, max: 0, array_only: false };

/// A read method of the client and the filters it accepts, in document order.
#[derive(Debug)]
pub struct Query {
    /// The client method, e.g. `listTasks`.
    pub method: &'static str,
    pub endpoint: &'static str,
    /// The section of the 小A document.
    pub section: &'static str,
    pub fields: &'static [Field],
}

const PAGE_INDEX: Field = opt("pageIndex", UINT);
const PAGE_SIZE: Field = opt("pageSize", Kind::Int { min: 1, max: i64::MAX });
const START: Field = opt("start_create_at", DATE);
const END: Field = opt("end_create_at", DATE);

/// Every query method (reads with optional filters).
pub static QUERIES: [Query; 6] = [
    Query {
        method: "listTasks",
        endpoint: "index",
        section: "7.2",
        fields: &[
            PAGE_INDEX,
            PAGE_SIZE,
            START,
            END,
            opt("status", Kind::IntOneOf(&[0, 1, 4])),
            opt("ai_user_sn", TEXT),
            opt("dial_task_main_sn", TEXT),
            opt("source_project", TEXT),
        ],
    },
    Query { method: "aiUsers", endpoint: "getAiUsers", section: "7.3", fields: &[] },
    Query { method: "projects", endpoint: "getProjects", section: "7.4", fields: &[] },
    Query {
        method: "cdrList",
        endpoint: "cdrlist",
        section: "7.8",
        fields: &[
            PAGE_INDEX,
            PAGE_SIZE,
            START,
            END,
            opt("callee", TEXT),
            opt("caller", TEXT),
            opt("ai_user_sn", TEXT),
            opt("talktimes_min", UINT),
            opt("talktimes_max", UINT),
            opt("asr_b", TEXT),
            opt("asr_c", UINT),
            opt("asr_d", UINT),
            opt("dial_task_main_sn", TEXT),
        ],
    },
    Query {
        method: "crmList",
        endpoint: "crmList",
        section: "7.10",
        fields: &[
            PAGE_INDEX,
            PAGE_SIZE,
            START,
            END,
            opt("phone", TEXT),
            opt("talktimes_min", UINT),
            opt("talktimes_max", UINT),
            opt("labelling", TEXT),
            opt("score", UINT),
            opt("asks_count", UINT),
            opt("status", LIST),
            opt("dial_task_main_sn", TEXT),
            opt("project_sn", TEXT),
            opt("ai_user_name", TEXT),
            opt("ai_user_sn", TEXT),
        ],
    },
    Query { method: "callTimes", endpoint: "callTimeList", section: "8.1", fields: &[] },
];

/// 7.9 cdrshow (`cdr_sn` or `accounts_sn`, and the record's file and time).
pub static CALL_DETAIL: [Field; 5] =
    [opt("cdr_sn", TEXT), opt("accounts_sn", TEXT).or(&["acccounts_sn"]), opt("recordpath", TEXT), opt("recordfile", TEXT), opt("connected_at", TEXT)];

/// 9.1 setCallback, by the document's names (`open`/`url` are waihu's).
pub static SET_CALLBACK: [Field; 2] = [req("open_callback", Kind::Bool).or(&["open"]), req("callback_url", Kind::Url).or(&["url"])];

/// 7.7 operateTask, by the document's names.
pub static OPERATE_TASK: [Field; 3] = [opt("project_type", Kind::IntOneOf(&[2])), req("pkeys", Kind::TextOrJson), req("oper", Kind::OneOf(&OPERS))];
const OPERS: [&str; 4] = ["stop", "keepOn", "failRe", "delete"];

/// The import options of addJson (7.6) / addExcel (7.5): the document's
/// names, and waihu's `autoStart` for `is_zidong: "on"`.
pub static TASK_OPTIONS: [Field; 8] = [
    req("project_sn", TEXT),
    req("source", TEXT),
    req("ai_user_sn", TEXT),
    opt("autoStart", Kind::Bool),
    opt("is_zidong", Kind::OneOf(&["on"])),
    opt("mark", TEXT),
    opt("dial_task_main_sn", TEXT),
    opt("timed_started_at", Kind::DateTime),
];

fn context<'a>(method: &'a str, root: &'a str, noun: &'a str, source: &'a str) -> Context<'a> {
    Context { method, root: Some(root), noun, source, endpoint: None }
}

pub fn query(method: &str) -> Result<&'static Query> {
    QUERIES.iter().find(|q| q.method == method).ok_or_else(|| Error::invalid(format!("internal: unknown query method {method}")))
}

pub use crate::core::http::{Body, Request};

/// What a request needs from the login session.
#[derive(Clone, Debug, PartialEq)]
pub struct Key<'a> {
    pub user_sn: &'a str,
    pub api_key: &'a str,
}

/// Options shared by every request of a client.
#[derive(Clone, Debug)]
pub struct Config {
    pub base_url: String,
    pub json: Options,
}

impl Config {
    pub fn new(base_url: &str, json: Options) -> Result<Config> {
        let base = super::download::check_base_url(base_url)?;
        Ok(Config { base_url: base.to_string(), json })
    }

    fn url(&self, ep: &Endpoint) -> String {
        format!("{}/api/{}", self.base_url, ep.name)
    }

    fn post(&self, ep: &Endpoint, signed: &Signed) -> Request {
        Request { name: ep.name, method: "POST", url: self.url(ep), body: Body::Json(sign::body(signed, self.json)) }
    }

    fn builder(&self, key: Option<&Key>) -> ParamsBuilder {
        let mut b = ParamsBuilder::new(self.json);
        if let Some(k) = key {
            b.str("user_sn", k.user_sn).str("api_key", k.api_key);
        }
        b
    }

    /// 7.1 login: `username`, `password`, `from` = 2 (a number: the
    /// document's example only reproduces that way).
    pub fn login(&self, username: &str, password: &str) -> Result<Request> {
        if username.is_empty() {
            return Err(Error::invalid("username is empty").with_path("username"));
        }
        if password.is_empty() {
            return Err(Error::invalid("password is empty").with_path("password"));
        }
        let ep = endpoints::lookup("login")?;
        let mut b = self.builder(None);
        b.str("username", username).str("password", password).int("from", 2);
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// A query method with its filters (JSON text of an object, `{}` for none).
    pub fn query(&self, q: &Query, key: &Key, filters_json: &str) -> Result<Request> {
        let ep = endpoints::lookup(q.endpoint)?;
        let source = format!("section {} of the 小A document", q.section);
        let checked = schema::check(&context(q.method, "query", "query key", &source), q.fields, filters_json)?;
        let mut b = self.builder(Some(key));
        put_all(&mut b, &checked);
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// 7.7 operateTask: `pkeys` (the `dial_task_main_id` of listTasks, one id
    /// or several), `oper`, `project_type` = 2.
    pub fn operate_task(&self, key: &Key, pkeys_json: &str, oper: &str) -> Result<Request> {
        // Matched in any case, sent as the document spells it.
        let oper = OPERS.into_iter().find(|o| o.eq_ignore_ascii_case(oper.trim())).ok_or_else(|| {
            Error::invalid(format!("operateTask: oper {} is not one of stop (暂停), keepOn (继续), failRe (失败重呼), delete (删除)", quote(oper, 20)))
                .with_path("oper")
        })?;
        let ep = endpoints::lookup("operateTask")?;
        let mut b = self.builder(Some(key));
        b.int("project_type", 2);
        let ids = ids_of(pkeys_json)?;
        match ids.as_slice() {
            [one] => b.int("pkeys", *one),
            many => b.str("pkeys", &many.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
        };
        b.str("oper", oper);
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// operateTask with the document's parameters as one object:
    /// `{ pkeys, oper, project_type? }` (7.7's example writes `"pkeys":"1423"`,
    /// `"project_type":"2"`).
    pub fn operate_task_args(&self, key: &Key, args_json: &str) -> Result<Request> {
        let checked = schema::check(&context("operateTask", "args", "args key", "section 7.7 of the 小A document"), &OPERATE_TASK, args_json)?;
        let get = |k: &str| checked.iter().find(|c| c.field.name == k).map(|c| c.value.text()).unwrap_or_default();
        self.operate_task(key, &get("pkeys"), &get("oper"))
    }

    /// 7.9 cdrshow: `cdr_sn` or `accounts_sn`, and the record's
    /// `recordpath`, `recordfile`, `connected_at`.
    pub fn call_detail(&self, key: &Key, args_json: &str) -> Result<Request> {
        let ep = endpoints::lookup("cdrshow")?;
        let checked = schema::check(&context("callDetail", "args", "args key", "section 7.9 of the 小A document"), &CALL_DETAIL, args_json)?;
        let mut b = self.builder(Some(key));
        put_all(&mut b, &checked);
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// 8.2 timeSave: `data` = the call-time rows as a JSON string. Each row
    /// needs `id`, `start_at`, `end_at` (`HH:MM:SS`) and `disable` (0/1);
    /// `_state` defaults to `"modified"`.
    pub fn save_call_times(&self, key: &Key, rows_json: &str) -> Result<Request> {
        let ep = endpoints::lookup("timeSave")?;
        let data = call_time_rows(rows_json)?;
        let mut b = self.builder(Some(key));
        b.str("data", &data);
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// 9.1 setCallback: `open_callback` (1/0) and `callback_url` (http/https),
    /// from `{ open_callback, callback_url }` (the document's example writes
    /// `"open_callback":"0"`, its table an int) or waihu's `{ open, url }`.
    pub fn set_callback(&self, key: &Key, args_json: &str) -> Result<Request> {
        let checked = schema::check(&context("setCallback", "args", "args key", "section 9.1 of the 小A document"), &SET_CALLBACK, args_json)?;
        let open = matches!(checked[0].value, Value::Bool(true));
        let url = checked[1].value.text();
        let ep = endpoints::lookup("setCallback")?;
        let mut b = self.builder(Some(key));
        b.int("open_callback", i64::from(open)).str("callback_url", &url);
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// 7.13 exportModel with `type` = `json`: the template's columns as JSON.
    pub fn template_fields(&self, key: &Key, project_sn: &str) -> Result<Request> {
        let ep = endpoints::lookup("exportModel")?;
        let url = self.download(key, "exportModel", &[("project_sn", project_sn), ("type", "json")])?;
        Ok(Request { name: ep.name, method: "GET", url, body: Body::None })
    }

    /// A signed GET URL (7.11–7.13) from string params in order.
    pub fn download(&self, key: &Key, endpoint: &str, params: &[(&str, &str)]) -> Result<String> {
        let ep = endpoints::lookup(endpoint)?;
        let mut b = self.builder(Some(key));
        for (k, v) in params {
            if v.is_empty() {
                return Err(Error::invalid(format!("{endpoint} needs a non-empty `{k}`")).with_path(*k));
            }
            b.str(k, v);
        }
        let signed = sign::sign_members(ep, b.members, self.json)?;
        let mut url = self.url(ep);
        url.push_str("?url=");
        url.push_str(&signed.url);
        for m in &signed.members {
            url.push('&');
            encode_component_into(&mut url, &m.key);
            url.push('=');
            encode_component_into(&mut url, m.string.as_deref().unwrap_or_default());
        }
        Ok(url)
    }

    /// One addJson request (7.6) of an import.
    pub fn add_json(&self, key: &Key, task: &TaskOptions, dial_task_main_sn: Option<&str>, client_info: ClientInfo) -> Result<Request> {
        let ep = endpoints::lookup("addJson")?;
        let mut b = self.builder(Some(key));
        task.put(&mut b, dial_task_main_sn);
        match client_info {
            ClientInfo::Cipher(c) => {
                b.str("client_info_json", &c);
                b.members.push(Member { key: "aes".into(), value: b"true".to_vec(), route: Route::Aside, string: None, number: None });
            }
            ClientInfo::Plain(json) => {
                b.json("client_info_json", &json)?;
            }
        }
        Ok(self.post(ep, &sign::sign_members(ep, b.members, self.json)?))
    }

    /// The addExcel request (7.5): multipart text fields (the file is added
    /// by the caller under `upload`).
    pub fn add_excel(&self, key: &Key, task: &TaskOptions) -> Result<Request> {
        let ep = endpoints::lookup("addExcel")?;
        let mut b = self.builder(Some(key));
        task.put(&mut b, task.dial_task_main_sn.as_deref());
        // `upload` is part of the request (sent, not hashed); its content is the file.
        b.str("upload", "");
        let signed = sign::sign_members(ep, b.members, self.json)?;
        let mut fields = vec![("url".to_string(), signed.url.clone())];
        fields.extend(signed.members.iter().filter(|m| m.key != "upload").map(|m| (m.key.clone(), m.string.clone().unwrap_or_default())));
        Ok(Request { name: ep.name, method: "POST", url: self.url(ep), body: Body::Multipart { fields, file_field: "upload" } })
    }
}

/// The task settings of an import (addJson / addExcel).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskOptions {
    pub project_sn: String,
    pub source: String,
    pub ai_user_sn: String,
    pub auto_start: bool,
    pub mark: Option<String>,
    pub dial_task_main_sn: Option<String>,
    pub timed_started_at: Option<String>,
}

/// `client_info_json`: a ciphertext (`aes` = true) or the plain JSON object.
pub enum ClientInfo {
    Cipher(String),
    Plain(String),
}

impl TaskOptions {
    /// Reads the import options (JSON object text). `allowed` lists the
    /// extra keys the caller handles itself (e.g. `rows`, `encrypt`).
    pub fn parse(method: &str, json: &str, allowed: &[&str]) -> Result<TaskOptions> {
        let given = Transcoder::new(json, Options::RAW).params(|_| Route::Hash).map_err(|e| with_root(e, "options"))?;
        let (_, ours): (Vec<Member>, Vec<Member>) = given.into_iter().partition(|m| allowed.contains(&m.key.as_str()));
        let source = "sections 7.5 and 7.6 of the 小A document; see projects() and aiUsers()";
        let cx = context(method, "options", "options key", source);
        let checked = schema::check_members(&cx, &TASK_OPTIONS, ours).map_err(|e| {
            if e.message.contains("unknown options key") && !allowed.is_empty() {
                let mut e = e;
                e.message = format!("{} (also: {})", e.message, allowed.join(", "));
                e
            } else {
                e
            }
        })?;
        let mut t = TaskOptions::default();
        for c in checked {
            let text = c.value.text();
            match c.field.name {
                "project_sn" => t.project_sn = text,
                "source" => t.source = text,
                "ai_user_sn" => t.ai_user_sn = text,
                "mark" if c.value != Value::Empty => t.mark = Some(text),
                "dial_task_main_sn" if c.value != Value::Empty => t.dial_task_main_sn = Some(text),
                "timed_started_at" if c.value != Value::Empty => t.timed_started_at = Some(text),
                "autoStart" => t.auto_start |= c.value == Value::Bool(true),
                "is_zidong" => t.auto_start |= c.value != Value::Empty,
                _ => {}
            }
        }
        Ok(t)
    }

    fn put(&self, b: &mut ParamsBuilder, dial_task_main_sn: Option<&str>) {
        b.str("project_sn", &self.project_sn);
        b.str("source", &self.source);
        b.str("ai_user_sn", &self.ai_user_sn);
        if self.auto_start {
            b.str("is_zidong", "on");
        }
        if let Some(m) = &self.mark {
            b.str("mark", m);
        }
        if let Some(sn) = dial_task_main_sn {
            b.str("dial_task_main_sn", sn);
        }
        if let Some(t) = &self.timed_started_at {
            b.str("timed_started_at", t);
        }
    }
}

fn with_root(mut e: Error, root: &str) -> Error {
    if let Some(p) = &e.path {
        e.path = Some(format!("{root}.{p}"));
    }
    e
}

/// Adds checked query values in order: integers as JSON numbers, the rest
/// as strings (lists comma-separated); an optional `""` is not sent.
fn put_all(b: &mut ParamsBuilder, checked: &[Checked]) {
    for c in checked {
        match &c.value {
            Value::Empty => {}
            Value::Int(n) => {
                b.int(c.field.name, *n);
            }
            v => {
                b.str(c.field.name, &v.text());
            }
        }
    }
}

fn int_member(m: &Member) -> Option<i64> {
    schema::scalar(m).as_deref().and_then(schema::int_of)
}

/// `pkeys`: one task id or an array of ids (numbers or digit strings).
fn ids_of(json: &str) -> Result<Vec<i64>> {
    let bad = || {
        Error::invalid("operateTask: pkeys must be a task id (dial_task_main_id from listTasks, not dial_task_main_sn) or an array of them").with_path("pkeys")
    };
    let one = |text: &str| -> Option<i64> {
        let t = text.trim().trim_matches('"');
        if t.is_empty() || t.len() > 18 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok().filter(|v| *v > 0)
    };
    let text = json.trim();
    if text.starts_with('[') {
        let mut ids = Vec::new();
        let src = text;
        for r in Transcoder::new(src, Options::RAW).item_ranges().map_err(|_| bad())? {
            ids.push(one(&src[r]).ok_or_else(bad)?);
        }
        if ids.is_empty() {
            return Err(Error::invalid("operateTask: pkeys is empty; select at least one task (50001)").with_path("pkeys"));
        }
        Ok(ids)
    } else {
        Ok(vec![one(text).ok_or_else(bad)?])
    }
}

/// Validates the call-time rows and returns the `data` string (compact JSON).
fn call_time_rows(rows_json: &str) -> Result<String> {
    let ranges = Transcoder::new(rows_json, Options::RAW)
        .item_ranges()
        .map_err(|_| Error::invalid("saveCallTimes: rows must be an array of call-time rows (from callTimes())").with_path("rows"))?;
    if ranges.is_empty() {
        return Err(Error::invalid("saveCallTimes: rows is empty").with_path("rows"));
    }
    let mut out = String::from("[");
    for (i, r) in ranges.into_iter().enumerate() {
        let row = &rows_json[r];
        let path = |k: &str| format!("rows[{i}].{k}");
        let members = Transcoder::new(row, Options::RAW)
            .params(|_| Route::Hash)
            .map_err(|_| Error::invalid(format!("saveCallTimes: rows[{i}] must be an object")).with_path(format!("rows[{i}]")))?;
        let get = |k: &str| members.iter().find(|m| m.key == k);
        for k in ["start_at", "end_at"] {
            let v = get(k)
                .and_then(|m| m.string.as_deref())
                .ok_or_else(|| Error::invalid(format!("saveCallTimes: rows[{i}].{k} is required (HH:MM:SS)")).with_path(path(k)))?;
            if !is_time_of_day(v) {
                return Err(Error::invalid(format!("saveCallTimes: rows[{i}].{k} {} must be HH:MM:SS", quote(v, 40))).with_path(path(k)));
            }
        }
        let disable = get("disable").and_then(int_member);
        if !matches!(disable, Some(0 | 1)) {
            return Err(Error::invalid(format!("saveCallTimes: rows[{i}].disable must be 0 (open) or 1 (disabled)")).with_path(path("disable")));
        }
        if get("id").and_then(int_member).is_none() {
            return Err(Error::invalid(format!("saveCallTimes: rows[{i}].id is required (from callTimes())")).with_path(path("id")));
        }
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        let mut first = true;
        for m in &members {
            if !first {
                out.push(',');
            }
            first = false;
            let mut k = Vec::new();
            phpjson::write_str(&mut k, &m.key, Options::RAW);
            out.push_str(&String::from_utf8_lossy(&k));
            out.push(':');
            out.push_str(&String::from_utf8_lossy(&m.value));
        }
        if get("_state").is_none() {
            if !first {
                out.push(',');
            }
            out.push_str("\"_state\":\"modified\"");
        }
        out.push('}');
    }
    out.push(']');
    Ok(out)
}

fn is_time_of_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit())
        && s[0..2].parse::<u32>().is_ok_and(|h| h <= 23)
        && s[3..5].parse::<u32>().is_ok_and(|m| m <= 59)
        && s[6..8].parse::<u32>().is_ok_and(|x| x <= 59)
}

/// The error for a call that needs a login first.
pub fn no_session(what: &str) -> Error {
    Error::new(Code::NoSession, format!("{what} needs a session: call login() first (or pass `session` to the constructor)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SN: &str = "SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c";

    fn cfg() -> Config {
        Config::new("http://127.0.0.1:8088/", Options::PHP_DEFAULT).unwrap()
    }

    fn key() -> Key<'static> {
        Key { user_sn: SN, api_key: "Kpd2vKYC" }
    }

    fn body(r: &Request) -> String {
        match &r.body {
            Body::Json(b) => String::from_utf8(b.clone()).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn login_is_the_document_example() {
        let r = cfg().login("xxx", "xxx").unwrap();
        assert_eq!(r.url, "http://127.0.0.1:8088/api/login");
        assert_eq!(body(&r), r#"{"url":"1dbe80df","username":"xxx","password":"xxx","from":2}"#);
    }

    #[test]
    fn queries_validate_and_order_their_filters() {
        let q = query("listTasks").unwrap();
        let r = cfg().query(q, &key(), r#"{"status":"4","pageSize":20,"start_create_at":"2019-01-22","pageIndex":0}"#).unwrap();
        let b = body(&r);
        assert!(b.contains(r#""user_sn":"SYSUSER|5d03d133d7fb004e2ccf34eb8fbdc45c","api_key":"Kpd2vKYC","pageIndex":0,"pageSize":20,"start_create_at":"2019-01-22","status":4}"#), "{b}");
        let e = cfg().query(q, &key(), r#"{"pageindex":1}"#).unwrap_err();
        assert!(e.message.contains("did you mean `pageIndex`"), "{}", e.message);
        assert_eq!(e.path.as_deref(), Some("query.pageindex"));
        assert_eq!(cfg().query(q, &key(), r#"{"status":2}"#).unwrap_err().path.as_deref(), Some("query.status"));
        assert_eq!(cfg().query(q, &key(), r#"{"start_create_at":"2019/01/22"}"#).unwrap_err().path.as_deref(), Some("query.start_create_at"));
        assert_eq!(cfg().query(q, &key(), r#"{"pageSize":0}"#).unwrap_err().path.as_deref(), Some("query.pageSize"));
        let crm = query("crmList").unwrap();
        let b = body(&cfg().query(crm, &key(), r#"{"status":["A","B"]}"#).unwrap());
        assert!(b.contains(r#""status":"A,B""#), "{b}");
        let e = cfg().query(query("aiUsers").unwrap(), &key(), r#"{"x":1}"#).unwrap_err();
        assert!(e.message.contains("takes none"));
    }

    #[test]
    fn operate_task_sends_project_type_2() {
        let b = body(&cfg().operate_task(&key(), "1423", "failRe").unwrap());
        assert!(b.ends_with(r#""project_type":2,"pkeys":1423,"oper":"failRe"}"#), "{b}");
        let b = body(&cfg().operate_task(&key(), "[1,\"2\"]", "stop").unwrap());
        assert!(b.contains(r#""pkeys":"1,2""#), "{b}");
        assert_eq!(cfg().operate_task(&key(), "1", "pause").unwrap_err().path.as_deref(), Some("oper"));
        assert_eq!(cfg().operate_task(&key(), "\"Fail_e69\"", "stop").unwrap_err().path.as_deref(), Some("pkeys"));
        assert!(cfg().operate_task(&key(), "[]", "stop").unwrap_err().message.contains("50001"));
    }

    #[test]
    fn download_urls_match_the_document() {
        let u = cfg()
            .download(
                &key(),
                "cdrDownload",
                &[("recordpath", "/home/record"), ("recordfile", "/20180419/20180419154646_15999679436_15999679436_c94d1e70-43a5-11e8-81b6-e71e66bc9eb1.mp3")],
            )
            .unwrap();
        assert!(u.starts_with("http://127.0.0.1:8088/api/cdrDownload?url=3e415b12&user_sn=SYSUSER%7C"), "{u}");
        let t = cfg().template_fields(&key(), "project|8ac1cebd6407f30fb4f618615de41990").unwrap();
        assert_eq!(t.method, "GET");
        assert!(t.url.ends_with("&type=json"));
    }

    #[test]
    fn imports_carry_the_task_options() {
        let t = TaskOptions::parse(
            "importLeads",
            r#"{"project_sn":"p","source":"任务","ai_user_sn":"a","autoStart":true,"rows":[],"encrypt":true}"#,
            &["rows", "encrypt"],
        )
        .unwrap();
        let r = cfg().add_json(&key(), &t, Some("dial_task_main_sn|x"), ClientInfo::Cipher("AB/+".into())).unwrap();
        let b = body(&r);
        assert!(
            b.contains(r#""is_zidong":"on""#)
                && b.contains(r#""client_info_json":"AB\/+","aes":true"#)
                && b.contains(r#""dial_task_main_sn":"dial_task_main_sn|x""#),
            "{b}"
        );
        let e = TaskOptions::parse("importLeads", r#"{"project_sn":"p","source":"s"}"#, &[]).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("options.ai_user_sn"));
        let e = TaskOptions::parse("importLeads", r#"{"project_sn":"p","source":"s","ai_user_sn":"a","timed_started_at":"tomorrow"}"#, &[]).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("options.timed_started_at"));
        let e = TaskOptions::parse("importLeads", r#"{"projectSn":"p"}"#, &[]).unwrap_err();
        assert!(e.message.contains("unknown options key"));
        let x = cfg().add_excel(&key(), &t).unwrap();
        match x.body {
            Body::Multipart { fields, file_field } => {
                assert_eq!(file_field, "upload");
                assert_eq!(fields[0].0, "url");
                assert!(fields.iter().any(|(k, v)| k == "source" && v == "任务"));
                assert!(!fields.iter().any(|(k, _)| k == "upload"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn call_times_and_callback() {
        let b = body(&cfg().save_call_times(&key(), r#"[{"id":349,"parent_sn":"hln","start_at":"08:30:00","end_at":"12:30:00","disable":0}]"#).unwrap());
        assert!(
            b.contains(
                r#""data":"[{\"id\":349,\"parent_sn\":\"hln\",\"start_at\":\"08:30:00\",\"end_at\":\"12:30:00\",\"disable\":0,\"_state\":\"modified\"}]""#
            ),
            "{b}"
        );
        assert_eq!(
            cfg().save_call_times(&key(), r#"[{"id":1,"start_at":"8:30","end_at":"12:30:00","disable":0}]"#).unwrap_err().path.as_deref(),
            Some("rows[0].start_at")
        );
        let b = body(&cfg().set_callback(&key(), r#"{"open":true,"url":"http://120.78.227.216:81/api/testPush"}"#).unwrap());
        assert!(b.ends_with(r#""open_callback":1,"callback_url":"http:\/\/120.78.227.216:81\/api\/testPush"}"#), "{b}");
        assert_eq!(cfg().set_callback(&key(), r#"{"open":false,"url":"ftp://x"}"#).unwrap_err().path.as_deref(), Some("args.url"));
        // The document's own example: "open_callback":"0" (and its table's int 0/1).
        let doc = body(&cfg().set_callback(&key(), r#"{"open_callback":"0","callback_url":"http:\/\/120.78.227.216:81\/api\/testPush"}"#).unwrap());
        assert!(doc.ends_with(r#""open_callback":0,"callback_url":"http:\/\/120.78.227.216:81\/api\/testPush"}"#), "{doc}");
        assert!(cfg().set_callback(&key(), r#"{"open_callback":1,"callback_url":"https://h.example/cb"}"#).is_ok());
    }
}
