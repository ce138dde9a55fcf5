//! The requests of `BaiBaiHuClient` as [`Call`]s for the one exchange
//! engine (`core::exchange`): reads retried, writes never repeated after an
//! ambiguous failure (with how to check each).

use std::rc::Rc;

use super::api::{Config, Method};
use super::reply;
use crate::core::exchange::Call;
use crate::core::http::Request;
use crate::core::Result;

/// How to find out what happened when a write's answer was lost.
pub fn how_to_check(m: &Method) -> String {
    match m.js {
        "smsSend" => "the SMS may have been sent; check the SMS records before sending again".into(),
        "callbackPhone" | "sendTelCall" | "phoneAudit" => {
            "the call may have been placed; look for it with getCallbackList, findDialrecord or getPhoneAudit before calling again".into()
        }
        "addTask" => "the task may have been created; look for it with findTaskMx (ctkName) before adding it again".into(),
        "addExtension" | "registerExtension" => {
            "the extension may have been created; check getExtensions before creating it again (a duplicate answers -10)".into()
        }
        _ => format!("read the data back (e.g. the matching get… method) before sending {} again", m.wire),
    }
}

/// One method call. `method` is the documented method (its checks, whether
/// it writes), or None for `call()` of an undocumented name (a write).
pub struct BbhCall {
    pub cfg: Rc<Config>,
    pub method: Option<&'static Method>,
    /// The `method` parameter sent.
    pub wire: String,
    pub params: Vec<(String, String)>,
    /// For typed methods; `call()` names the wire name instead.
    pub typed: bool,
    check: String,
}

impl BbhCall {
    pub fn new(cfg: Rc<Config>, method: Option<&'static Method>, wire: String, params: Vec<(String, String)>, typed: bool) -> BbhCall {
        let check = match method {
            Some(m) => how_to_check(m),
            None => format!("read the data back before sending {wire} again"),
        };
        BbhCall { cfg, method, wire, params, typed, check }
    }

    fn writes(&self) -> bool {
        self.method.is_none_or(|m| m.write)
    }
}

impl Call for BbhCall {
    type Output = String;
    type Session = ();

    fn name(&self) -> &str {
        &self.wire
    }

    fn request(&mut self, _: Option<&()>, _: f64) -> Result<Request> {
        let name = match (self.typed, self.method) {
            (true, Some(m)) => m.wire,
            _ => "call",
        };
        Ok(self.cfg.request(name, &self.wire, &self.params, self.method.and_then(|m| m.file).filter(|_| self.typed)))
    }

    fn read(&mut self, status: u16, body: &str) -> Result<String> {
        let m = match (self.typed, self.method) {
            (true, Some(m)) => m,
            _ => &super::api::GENERIC,
        };
        reply::interpret(m, status, body).map_err(|mut e| {
            e.endpoint = Some(self.wire.clone());
            e
        })
    }

    fn write(&self) -> Option<(&str, &str)> {
        self.writes().then(|| (self.method.filter(|_| self.typed).map_or(self.wire.as_str(), |m| m.js), self.check.as_str()))
    }
}
