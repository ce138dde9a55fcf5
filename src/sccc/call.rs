//! The requests of `ScccClient` as [`Call`]s for the one exchange engine
//! (`core::exchange`): each attempt signed afresh (timestamp, a request seq
//! of the client's), reads retried — also on E_G_API_TO_FREQUENTLY —, calls,
//! tasks and agent changes never repeated after an ambiguous failure.

use std::cell::Cell;
use std::rc::Rc;

use super::api::{Api, Config};
use super::reply::{self, Success};
use crate::core::exchange::Call;
use crate::core::http::Request;
use crate::core::{retry, Code, Error, Result};

/// The request and command sequence numbers of a client: never repeated
/// within a run (the call center refuses a reused request seq).
pub struct Seqs {
    request: Cell<u64>,
    command: Cell<u64>,
}

impl Seqs {
    /// Starting at random points (`r1`, `r2` in [0, 1)), so that two clients
    /// of one account do not collide.
    pub fn new(r1: f64, r2: f64) -> Seqs {
        Seqs { request: Cell::new(1 + (r1 * 1e9) as u64), command: Cell::new(1 + (r2 * 1e9) as u64) }
    }

    fn next(c: &Cell<u64>) -> u64 {
        let v = c.get();
        c.set(if v >= 9_000_000_000_000 { 1 } else { v + 1 });
        v
    }

    pub fn next_request(&self) -> u64 {
        Seqs::next(&self.request)
    }

    pub fn next_command(&self) -> u64 {
        Seqs::next(&self.command)
    }
}

/// How to find out what happened when a write's answer was lost.
pub fn how_to_check(api: &Api) -> &'static str {
    match api.method {
        "callNumber" | "voiceVerify" => "the call may have been placed; look for it with cdrList or recordsList before calling again",
        "hangupCall" => "agentStatus({ agent }) shows whether the agent is still on a call",
        "createCallTask" | "controlCallTask" => "queryCallTask({ agent }) shows the agent's task and its state",
        "addCallTaskNumbers" => "adding the same numbers again is reported as repeats (report.repeat), not duplicated calls",
        _ => "agentStatus({ agent }) shows the agent's state; these requests can be sent again safely",
    }
}

/// E_G_API_TO_FREQUENTLY (0xF1000021): too many requests.
pub const TOO_FREQUENT: i64 = 0xF100_0021;

/// One request: a command (`request`) or several of one API (`requests`).
pub struct ScccCall {
    pub cfg: Rc<Config>,
    pub seqs: Rc<Seqs>,
    pub api: &'static Api,
    pub commands: Vec<String>,
    pub batch: bool,
}

impl Call for ScccCall {
    type Output = Success;
    type Session = ();

    fn name(&self) -> &str {
        self.api.name
    }

    fn request(&mut self, _: Option<&()>, now_ms: f64) -> Result<Request> {
        Ok(self.cfg.envelope(self.api, &self.commands, self.batch, now_ms as u64, self.seqs.next_request()))
    }

    fn read(&mut self, status: u16, body: &str) -> Result<Success> {
        reply::interpret(self.api, status, body, self.batch)
    }

    fn write(&self) -> Option<(&str, &str)> {
        self.api.write.then(|| (self.api.method, how_to_check(self.api)))
    }

    fn transient(&self, e: &Error) -> bool {
        retry::is_transient(e) || (e.code == Code::Api && e.api_code == Some(TOO_FREQUENT))
    }

    /// "Too frequent" backs off like an HTTP 429: at least 1 s, doubling.
    fn throttled(&self, e: &Error) -> bool {
        matches!(e.http_status, Some(429 | 503)) || (e.code == Code::Api && e.api_code == Some(TOO_FREQUENT))
    }
}
