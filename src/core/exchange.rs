//! One call's life — attempts, backoff, the never-repeat rule for writes,
//! logging in again when a session expired — as a state machine without
//! I/O, in the manner of quinn-proto's connection: the driver asks
//! [`Exchange::poll`] what to do now, does it (send a request, wait, get a
//! session), and hands back what happened ([`Exchange::on_reply`],
//! [`Exchange::on_error`]). Each platform says what differs through
//! [`Call`]: how to build the request, how to read the answer, whether it is
//! a write and how to check one whose answer was lost, what is transient,
//! what means "the session expired".
//!
//! Sessions shared by concurrent calls (小A: one login per account, a second
//! login invalidates the first key) are [`Sessions`]: the first call that
//! needs one starts the login, the others join it.
//!
//! The wasm layer has one driver for every platform (`src/js/driver.rs`);
//! `tests` below drive exchanges against a fake server with a fake clock.

use std::any::Any;
use std::rc::Rc;

use super::http::Request;
use super::retry::{self, Backoff};
use super::{Error, Result};

/// What differs between platforms for one call.
pub trait Call {
    /// What a successful call yields.
    type Output;
    /// The login session the platform needs (`()` when it has none).
    type Session;

    /// The API or endpoint name, for hooks and errors.
    fn name(&self) -> &str;
    /// The request of one attempt (each attempt may be signed afresh).
    fn request(&mut self, session: Option<&Self::Session>, now_ms: f64) -> Result<Request>;
    /// Reads an answer: the output, or the error it means.
    fn read(&mut self, status: u16, body: &str) -> Result<Self::Output>;
    /// For a write, what it is and how to check one whose answer was lost:
    /// it is never repeated after a failure that may have reached the server.
    fn write(&self) -> Option<(&str, &str)> {
        None
    }
    /// Whether a failed attempt is worth repeating (for reads).
    fn transient(&self, e: &Error) -> bool {
        retry::is_transient(e)
    }
    /// Whether a (transient) failure is the server throttling: it is retried
    /// after the server's `Retry-After`, or at least 1 s doubling, within
    /// `maxRetryDelayMs`. HTTP 429 and 503 by default.
    fn throttled(&self, e: &Error) -> bool {
        e.code == super::Code::Http && matches!(e.http_status, Some(429 | 503))
    }
    /// Whether the call needs a session before its first attempt.
    fn needs_session(&self) -> bool {
        false
    }
    /// Whether the error says the session is no longer valid: log in again
    /// (once) and repeat.
    fn session_expired(&self, _e: &Error) -> bool {
        false
    }
}

/// What the driver does next.
#[derive(Debug)]
pub enum Step<O> {
    /// Get a session (join the login under way, or start one) and poll again.
    NeedSession,
    /// The session the last attempt used expired: forget it (unless a newer
    /// one replaced it already), then poll again.
    SessionExpired,
    /// Send this request; report with `on_reply` or `on_error`.
    Send(Request),
    /// Wait this long, then poll again. `retry` is set when a failed attempt
    /// is about to be repeated (for an `onRetry` hook).
    Wait {
        ms: u32,
        retry: Option<Retry>,
    },
    Done(O),
    Failed(Error),
}

/// A repetition about to happen.
#[derive(Clone, Debug, PartialEq)]
pub struct Retry {
    /// 1 for the first repetition.
    pub attempt: u32,
    pub delay_ms: u32,
    /// Why the previous attempt failed.
    pub error: Error,
}

enum State {
    Ready,
    AwaitingReply,
    /// Repeat at this time; the retry is announced once.
    Waiting {
        until_ms: f64,
        announce: Option<Retry>,
    },
    Expired,
    /// `Ok` once the call's output is kept.
    Finished(Option<Result<()>>),
}

/// An exchange as its driver sees it: the call's types behind a trait
/// object, so that one copy of the driver's loop serves every call (a
/// driver generic over the call was compiled once per platform into the
/// wasm module). The session travels as `dyn Any` (a session of another
/// type counts as none); the output stays in the exchange:
/// [`Exchange::take_output`] after `Done`.
pub trait Drive {
    /// The API or endpoint name, for hooks and errors.
    fn name(&self) -> &str;
    /// [`Exchange::poll`] with `Done` carrying nothing.
    fn step(&mut self, session: Option<&dyn Any>, now_ms: f64, random: f64) -> Step<()>;
    /// [`Exchange::on_reply_after`].
    fn reply(&mut self, status: u16, body: &str, retry_after_ms: Option<u64>);
    /// [`Exchange::on_error`].
    fn error(&mut self, e: Error);
}

impl<C: Call> Drive for Exchange<C>
where
    C::Session: 'static,
{
    fn name(&self) -> &str {
        self.call.name()
    }

    fn step(&mut self, session: Option<&dyn Any>, now_ms: f64, random: f64) -> Step<()> {
        let session = session.and_then(|s| s.downcast_ref::<C::Session>());
        let mut call = Bound { call: &mut self.call, output: &mut self.output, session };
        self.engine.poll(&mut call, now_ms, random)
    }

    fn reply(&mut self, status: u16, body: &str, retry_after_ms: Option<u64>) {
        self.on_reply_after(status, body, retry_after_ms);
    }

    fn error(&mut self, e: Error) {
        self.on_error(e);
    }
}

/// One call in progress.
pub struct Exchange<C: Call> {
    call: C,
    /// The output of a successful read, until taken.
    output: Option<C::Output>,
    engine: Engine,
}

impl<C: Call> Exchange<C> {
    pub fn new(call: C, backoff: Backoff, secrets: Rc<[String]>) -> Self {
        Exchange {
            call,
            output: None,
            engine: Engine { backoff, secrets, attempt: 0, relogged: false, retry_error: None, floor_ms: 0, retry_after_ms: None, state: State::Ready },
        }
    }

    pub fn call(&self) -> &C {
        &self.call
    }

    /// The output of an exchange `Drive::step` finished (once).
    pub fn take_output(&mut self) -> Option<C::Output> {
        self.output.take()
    }

    /// What to do at `now_ms`. `session` is the session the driver holds
    /// (for calls that need one); `random` is uniform in [0, 1) (backoff jitter).
    pub fn poll(&mut self, session: Option<&C::Session>, now_ms: f64, random: f64) -> Step<C::Output> {
        let mut call = Bound { call: &mut self.call, output: &mut self.output, session };
        match self.engine.poll(&mut call, now_ms, random) {
            Step::Done(()) => match self.output.take() {
                Some(out) => Step::Done(out),
                None => Step::Failed(Error::invalid(format!("internal: {} finished without its output", self.call.name()))),
            },
            Step::NeedSession => Step::NeedSession,
            Step::SessionExpired => Step::SessionExpired,
            Step::Send(req) => Step::Send(req),
            Step::Wait { ms, retry } => Step::Wait { ms, retry },
            Step::Failed(e) => Step::Failed(e),
        }
    }

    /// The answer to the request sent.
    pub fn on_reply(&mut self, status: u16, body: &str) {
        self.on_reply_after(status, body, None);
    }

    /// The answer to the request sent, with its `Retry-After` (in ms from
    /// now) when it had one: a throttled read waits that long before it is
    /// repeated, or fails at once when that is over `max_delay_ms`.
    pub fn on_reply_after(&mut self, status: u16, body: &str, retry_after_ms: Option<u64>) {
        let mut call = Bound { call: &mut self.call, output: &mut self.output, session: None };
        self.engine.retry_after_ms = retry_after_ms;
        self.engine.on_reply(&mut call, status, body);
        self.engine.retry_after_ms = None;
    }

    /// The request got no (complete, acceptable) answer: network, timeout,
    /// a redirect refused, an answer too large.
    pub fn on_error(&mut self, e: Error) {
        let call = Bound { call: &mut self.call, output: &mut self.output, session: None };
        self.engine.failed(&call, e);
    }
}

/// A call as the engine sees it: its types erased (the engine's code is
/// one copy for every platform), its session bound, its output kept.
trait Erased {
    fn name(&self) -> &str;
    /// It needs a session and none is bound.
    fn missing_session(&self) -> bool;
    fn request(&mut self, now_ms: f64) -> Result<Request>;
    /// Reads an answer, keeping the output.
    fn read(&mut self, status: u16, body: &str) -> Result<()>;
    /// Drops an output kept by `read`.
    fn discard(&mut self);
    fn write(&self) -> Option<(&str, &str)>;
    fn transient(&self, e: &Error) -> bool;
    fn throttled(&self, e: &Error) -> bool;
    fn session_expired(&self, e: &Error) -> bool;
}

struct Bound<'a, C: Call> {
    call: &'a mut C,
    output: &'a mut Option<C::Output>,
    session: Option<&'a C::Session>,
}

impl<C: Call> Erased for Bound<'_, C> {
    fn name(&self) -> &str {
        self.call.name()
    }
    fn missing_session(&self) -> bool {
        self.call.needs_session() && self.session.is_none()
    }
    fn request(&mut self, now_ms: f64) -> Result<Request> {
        self.call.request(self.session, now_ms)
    }
    fn read(&mut self, status: u16, body: &str) -> Result<()> {
        *self.output = Some(self.call.read(status, body)?);
        Ok(())
    }
    fn discard(&mut self) {
        *self.output = None;
    }
    fn write(&self) -> Option<(&str, &str)> {
        self.call.write()
    }
    fn transient(&self, e: &Error) -> bool {
        self.call.transient(e)
    }
    fn throttled(&self, e: &Error) -> bool {
        self.call.throttled(e)
    }
    fn session_expired(&self, e: &Error) -> bool {
        self.call.session_expired(e)
    }
}

/// The rules of attempts, waits and re-logins, whatever the call.
struct Engine {
    backoff: Backoff,
    /// Secrets masked from errors made of a refused answer (a server may echo them).
    secrets: Rc<[String]>,
    attempt: u32,
    relogged: bool,
    /// Set by `on_*`: the delay of the repetition decided, computed at the next poll.
    retry_error: Option<(u32, Error)>,
    /// The least delay of that repetition (a throttling answer's).
    floor_ms: u32,
    /// The `Retry-After` of the answer being read.
    retry_after_ms: Option<u64>,
    state: State,
}

impl Engine {
    fn poll(&mut self, call: &mut dyn Erased, now_ms: f64, random: f64) -> Step<()> {
        if let Some((attempt, error)) = self.retry_error.take() {
            let delay_ms = self.backoff.delay_ms(attempt, random).max(self.floor_ms);
            self.state = State::Waiting { until_ms: now_ms + f64::from(delay_ms), announce: Some(Retry { attempt, delay_ms, error }) };
        }
        match std::mem::replace(&mut self.state, State::Ready) {
            State::Finished(result) => {
                self.state = State::Finished(None);
                match result {
                    Some(Ok(())) => Step::Done(()),
                    Some(Err(e)) => Step::Failed(e),
                    None => Step::Failed(Error::invalid(format!("internal: {} polled after it finished", call.name()))),
                }
            }
            State::AwaitingReply => {
                self.state = State::AwaitingReply;
                Step::Failed(Error::invalid(format!("internal: {} polled while its request is out", call.name())))
            }
            State::Expired => Step::SessionExpired,
            State::Waiting { until_ms, announce } if announce.is_some() || until_ms > now_ms => {
                self.state = State::Waiting { until_ms, announce: None };
                Step::Wait { ms: (until_ms - now_ms).max(0.0).ceil() as u32, retry: announce }
            }
            State::Waiting { .. } | State::Ready => {
                if call.missing_session() {
                    return Step::NeedSession;
                }
                match call.request(now_ms) {
                    Ok(req) => {
                        self.state = State::AwaitingReply;
                        Step::Send(req)
                    }
                    Err(e) => {
                        self.state = State::Finished(None);
                        Step::Failed(e)
                    }
                }
            }
        }
    }

    fn on_reply(&mut self, call: &mut dyn Erased, status: u16, body: &str) {
        match call.read(status, body) {
            Ok(()) => self.state = State::Finished(Some(Ok(()))),
            Err(e) => {
                let e = self.masked_error(call, e, status, body);
                self.failed(call, e);
            }
        }
    }

    /// A refused answer that holds one of the secrets is read again with them
    /// masked, so that the error made of it does not carry them (an accepted
    /// answer is never altered).
    fn masked_error(&self, call: &mut dyn Erased, e: Error, status: u16, body: &str) -> Error {
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        let masked = super::redact::scrub(body, &secrets);
        if masked == body {
            return e;
        }
        match call.read(status, &masked) {
            Err(again) => again,
            Ok(()) => {
                call.discard();
                let mut plain = Error::new(e.code, "the answer was refused, and its text held one of the client's secrets, so it is not shown");
                plain.endpoint = e.endpoint.clone();
                plain.http_status = e.http_status;
                plain
            }
        }
    }

    fn failed(&mut self, call: &dyn Erased, e: Error) {
        if call.session_expired(&e) && !self.relogged {
            self.relogged = true;
            self.state = State::Expired;
            return;
        }
        let transient = call.transient(&e);
        let throttled = transient && call.write().is_none() && call.throttled(&e);
        let asked = if throttled { self.retry_after_ms } else { None };
        if let Some(ms) = asked.filter(|ms| *ms > u64::from(self.backoff.max_delay_ms)) {
            self.state = State::Finished(Some(Err(too_long_a_wait(e, ms, self.backoff.max_delay_ms))));
            return;
        }
        match retry::next_attempt(e, call.write(), self.attempt, &self.backoff, transient) {
            Ok((attempt, e)) => {
                self.attempt = attempt;
                // A 503 without Retry-After is an outage more than a throttle:
                // the usual backoff.
                self.floor_ms = match (throttled, asked) {
                    (true, Some(ms)) => ms as u32,
                    (true, None) if e.http_status != Some(503) => self.backoff.throttle_ms(attempt),
                    _ => 0,
                };
                self.retry_error = Some((attempt, e));
                self.state = State::Ready;
            }
            Err(e) => self.state = State::Finished(Some(Err(e))),
        }
    }
}

/// A throttling answer whose `Retry-After` is longer than the client waits:
/// the error says how long, and carries it (`retry_after_ms`).
fn too_long_a_wait(mut e: Error, ms: u64, max_ms: u32) -> Error {
    e.message = format!(
        "{}. The server asks to wait {} s before trying again (Retry-After), longer than maxRetryDelayMs ({max_ms} ms): not retried; try again later or raise maxRetryDelayMs",
        e.message.trim_end_matches('.'),
        ms.div_ceil(1000)
    );
    e.retry_after_ms = Some(ms);
    e
}

/// A session shared by every call of a client. Sessions are compared by
/// identity (`Rc::ptr_eq`), so a stale one is only forgotten while it is
/// still the current one.
pub struct Sessions<S> {
    current: Option<Rc<S>>,
    logging_in: bool,
    logins: u32,
}

/// What a call that needs a session does.
#[derive(Debug, PartialEq)]
pub enum Acquire<S> {
    /// Use this one.
    Have(Rc<S>),
    /// Log in (this call leads; report with [`Sessions::logged_in`] or
    /// [`Sessions::login_failed`]).
    Login,
    /// A login is under way: wait for it, then acquire again.
    Wait,
}

impl<S> Default for Sessions<S> {
    fn default() -> Self {
        Sessions { current: None, logging_in: false, logins: 0 }
    }
}

impl<S> Sessions<S> {
    pub fn with(current: Option<S>) -> Self {
        Sessions { current: current.map(Rc::new), ..Sessions::default() }
    }

    pub fn current(&self) -> Option<Rc<S>> {
        self.current.clone()
    }

    /// How many logins were made.
    pub fn logins(&self) -> u32 {
        self.logins
    }

    /// `fresh` says whether a session is still good to use now.
    pub fn acquire(&mut self, fresh: impl Fn(&S) -> bool) -> Acquire<S> {
        if let Some(s) = &self.current {
            if fresh(s) {
                return Acquire::Have(s.clone());
            }
        }
        if self.logging_in {
            return Acquire::Wait;
        }
        self.logging_in = true;
        Acquire::Login
    }

    pub fn logged_in(&mut self, s: S) -> Rc<S> {
        let s = Rc::new(s);
        self.current = Some(s.clone());
        self.logging_in = false;
        self.logins += 1;
        s
    }

    pub fn login_failed(&mut self) {
        self.logging_in = false;
    }

    /// Forgets `stale` unless a newer session replaced it already.
    pub fn invalidate(&mut self, stale: &Rc<S>) {
        if self.current.as_ref().is_some_and(|c| Rc::ptr_eq(c, stale)) {
            self.current = None;
        }
    }

    /// Forgets the session (logout is local).
    pub fn clear(&mut self) {
        self.current = None;
    }

    /// Takes a session from elsewhere (a restored one).
    pub fn set(&mut self, s: S) -> Rc<S> {
        let s = Rc::new(s);
        self.current = Some(s.clone());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::http::Body;
    use crate::core::Code;
    use std::cell::RefCell;
    use std::collections::VecDeque;

    /// A fake platform: answers queued per call, every request recorded.
    #[derive(Default)]
    struct Server {
        answers: VecDeque<std::result::Result<(u16, String), Error>>,
        requests: Vec<Request>,
        logins: u32,
        key: u32,
    }

    type Shared = Rc<RefCell<Server>>;

    /// A read or write against the fake server; output = the body.
    struct Fake {
        name: &'static str,
        write: bool,
        needs_session: bool,
    }

    impl Call for Fake {
        type Output = String;
        type Session = u32; // the api_key
        fn name(&self) -> &str {
            self.name
        }
        fn request(&mut self, session: Option<&u32>, now_ms: f64) -> Result<Request> {
            Ok(Request {
                name: "fake",
                method: "POST",
                url: format!("http://fake/{}?key={}&t={now_ms}", self.name, session.copied().unwrap_or(0)),
                body: Body::None,
            })
        }
        fn read(&mut self, status: u16, body: &str) -> Result<String> {
            match (status, body) {
                (200, b) if b.starts_with("expired") => Err(Error::new(Code::Api, "expired")),
                (200, b) if b.starts_with("api") => Err(Error::new(Code::Api, b.to_string())),
                (200, b) => Ok(b.to_string()),
                (s, _) => Err(Error::new(Code::Http, format!("HTTP {s}")).with_http_status(s)),
            }
        }
        fn write(&self) -> Option<(&str, &str)> {
            self.write.then_some(("write", "list them"))
        }
        fn needs_session(&self) -> bool {
            self.needs_session
        }
        fn session_expired(&self, e: &Error) -> bool {
            e.message == "expired"
        }
    }

    fn read() -> Fake {
        Fake { name: "read", write: false, needs_session: false }
    }

    /// Drives one exchange to its end against `server` with a fake clock, as
    /// the wasm driver does (through `dyn Drive`, the session as `dyn Any`);
    /// returns the output, the clock's time at the end and the retries told.
    fn drive(server: &Shared, sessions: &RefCell<Sessions<u32>>, call: Fake, backoff: Backoff) -> (Result<String>, f64, Vec<Retry>) {
        let mut x = Exchange::new(call, backoff, Rc::from(vec!["hunter2".to_string()]));
        let (result, now, retries) = drive_dyn(server, sessions, &mut x);
        (result.map(|()| x.take_output().expect("Done leaves the output in the exchange")), now, retries)
    }

    fn drive_dyn(server: &Shared, sessions: &RefCell<Sessions<u32>>, x: &mut dyn Drive) -> (Result<()>, f64, Vec<Retry>) {
        let mut now = 1_000.0;
        let mut retries = Vec::new();
        let mut session: Option<Rc<u32>> = None;
        loop {
            match x.step(session.as_deref().map(|s| s as &dyn Any), now, 0.999) {
                Step::NeedSession => {
                    let acquired = sessions.borrow_mut().acquire(|_| true);
                    session = Some(match acquired {
                        Acquire::Have(s) => s,
                        Acquire::Login => {
                            let mut srv = server.borrow_mut();
                            srv.logins += 1;
                            srv.key += 1;
                            sessions.borrow_mut().logged_in(srv.key)
                        }
                        Acquire::Wait => panic!("no concurrent login in this driver"),
                    });
                }
                Step::SessionExpired => {
                    if let Some(s) = session.take() {
                        sessions.borrow_mut().invalidate(&s);
                    }
                }
                Step::Send(req) => {
                    let answer = {
                        let mut srv = server.borrow_mut();
                        srv.requests.push(req);
                        srv.answers.pop_front().unwrap_or(Ok((200, "ok".into())))
                    };
                    match answer {
                        Ok((status, body)) => {
                            // A fake header: "retry-after:<ms>|<body>".
                            let (after, body) = match body.strip_prefix("retry-after:").and_then(|r| r.split_once('|')) {
                                Some((ms, rest)) => (ms.parse().ok(), rest.to_string()),
                                None => (None, body),
                            };
                            x.reply(status, &body, after)
                        }
                        Err(e) => x.error(e),
                    }
                }
                Step::Wait { ms, retry } => {
                    retries.extend(retry);
                    now += f64::from(ms);
                }
                Step::Done(()) => return (Ok(()), now, retries),
                Step::Failed(e) => return (Err(e), now, retries),
            }
        }
    }

    #[test]
    fn a_throttled_read_waits_what_the_server_asks_within_the_cap() {
        // Retry-After honoured: the repetition waits exactly that long.
        let srv = server(vec![Ok((429, "retry-after:2500|")), Ok((200, "data"))]);
        let (out, now, retries) = drive(&srv, &RefCell::default(), read(), B);
        assert_eq!(out.unwrap(), "data");
        assert_eq!(retries.iter().map(|r| r.delay_ms).collect::<Vec<_>>(), vec![2500]);
        assert_eq!(now, 3_500.0);
        // Without Retry-After, a 429 waits at least 1 s (then 2 s…); a 503 the usual backoff.
        let srv = server(vec![Ok((503, "")), Ok((429, "")), Ok((200, "data"))]);
        let (out, _, retries) = drive(&srv, &RefCell::default(), read(), B);
        assert_eq!(out.unwrap(), "data");
        assert_eq!(retries.iter().map(|r| r.delay_ms).collect::<Vec<_>>(), vec![100, 2000]);
        // Longer than the cap: an error at once, with the wait, one request sent.
        let srv = server(vec![Ok((429, "retry-after:60000|"))]);
        let (out, now, retries) = drive(&srv, &RefCell::default(), read(), Backoff { max_delay_ms: 30_000, ..B });
        let e = out.unwrap_err();
        assert_eq!((e.code, e.http_status, e.retry_after_ms), (Code::Http, Some(429), Some(60_000)));
        assert!(e.message.contains("wait 60 s") && e.message.contains("maxRetryDelayMs (30000 ms)"), "{}", e.message);
        assert_eq!((srv.borrow().requests.len(), retries.len(), now), (1, 0, 1_000.0));
        // A write is never repeated, throttled or not (a 429 is a refusal, not an unknown outcome).
        let srv = server(vec![Ok((429, "retry-after:10|"))]);
        let (out, _, _) = drive(&srv, &RefCell::default(), Fake { name: "w", write: true, needs_session: false }, B);
        assert_eq!(out.unwrap_err().code, Code::Http);
        assert_eq!(srv.borrow().requests.len(), 1);
    }

    #[test]
    fn a_session_of_another_type_counts_as_none() {
        let mut x = Exchange::new(Fake { name: "needs", write: false, needs_session: true }, B, Rc::from(Vec::new()));
        let wrong: &dyn Any = &"not a u32 key";
        assert!(matches!(x.step(Some(wrong), 0.0, 0.5), Step::NeedSession));
        let key: &dyn Any = &7u32;
        let Step::Send(req) = x.step(Some(key), 0.0, 0.5) else { panic!("the right type is used") };
        assert!(req.url.contains("key=7"), "{}", req.url);
        x.reply(200, "fine", None);
        assert!(matches!(x.step(Some(key), 0.0, 0.5), Step::Done(())));
        assert_eq!(x.take_output().as_deref(), Some("fine"));
        assert_eq!(x.take_output(), None, "taken once");
    }

    fn server(answers: Vec<std::result::Result<(u16, &str), Error>>) -> Shared {
        Rc::new(RefCell::new(Server { answers: answers.into_iter().map(|a| a.map(|(s, b)| (s, b.to_string()))).collect(), ..Server::default() }))
    }

    const B: Backoff = Backoff { retries: 2, base_ms: 100, cap_ms: 1000, max_delay_ms: 30_000 };

    #[test]
    fn a_read_is_retried_with_backoff_then_succeeds() {
        let srv = server(vec![Ok((503, "")), Err(Error::new(Code::Timeout, "t")), Ok((200, "data"))]);
        let (out, now, retries) = drive(&srv, &RefCell::default(), read(), B);
        assert_eq!(out.unwrap(), "data");
        assert_eq!(srv.borrow().requests.len(), 3);
        assert_eq!(retries.iter().map(|r| (r.attempt, r.delay_ms, r.error.code)).collect::<Vec<_>>(), vec![(1, 100, Code::Http), (2, 200, Code::Timeout)]);
        assert_eq!(now, 1_300.0, "waited 100 then 200 ms on the fake clock");
        // The retries were signed afresh: each request carries its own time.
        let times: Vec<String> = srv.borrow().requests.iter().map(|r| r.url.split("&t=").nth(1).unwrap().to_string()).collect();
        assert_eq!(times, vec!["1000", "1100", "1300"]);
    }

    #[test]
    fn a_read_gives_up_after_its_retries_and_not_on_api_errors() {
        let srv = server(vec![Ok((500, "")), Ok((502, "")), Ok((503, ""))]);
        let (out, _, retries) = drive(&srv, &RefCell::default(), read(), B);
        assert_eq!((out.unwrap_err().http_status, retries.len()), (Some(503), 2));
        let srv = server(vec![Ok((200, "api 30011"))]);
        let (out, _, retries) = drive(&srv, &RefCell::default(), read(), B);
        assert_eq!((out.unwrap_err().code, retries.len(), srv.borrow().requests.len()), (Code::Api, 0, 1));
    }

    #[test]
    fn a_write_is_never_repeated_after_an_ambiguous_failure() {
        for fault in [Ok((503, "")), Err(Error::new(Code::Timeout, "t")), Err(Error::new(Code::Network, "reset"))] {
            let srv = server(vec![fault]);
            let (out, _, retries) = drive(&srv, &RefCell::default(), Fake { name: "w", write: true, needs_session: false }, Backoff { retries: 5, ..B });
            let e = out.unwrap_err();
            assert_eq!((e.code, retries.len(), srv.borrow().requests.len()), (Code::OutcomeUnknown, 0, 1));
            assert!(e.message.contains("list them") && e.cause.is_some(), "{}", e.message);
        }
        // Provably not sent (connection refused): failed as it is, still once.
        let mut refused = Error::new(Code::Network, "refused");
        refused.not_sent = true;
        let srv = server(vec![Err(refused)]);
        let (out, _, _) = drive(&srv, &RefCell::default(), Fake { name: "w", write: true, needs_session: false }, B);
        assert_eq!((out.unwrap_err().code, srv.borrow().requests.len()), (Code::Network, 1));
    }

    #[test]
    fn an_expired_session_means_one_new_login_and_one_repeat() {
        let sessions = RefCell::new(Sessions::default());
        let srv = server(vec![Ok((200, "expired")), Ok((200, "data"))]);
        let (out, _, retries) = drive(&srv, &sessions, Fake { name: "r", write: true, needs_session: true }, B);
        assert_eq!(out.unwrap(), "data");
        assert_eq!((srv.borrow().logins, retries.len()), (2, 0), "logged in, expired, logged in again; not a retry");
        let keys: Vec<String> = srv.borrow().requests.iter().map(|r| r.url.split("key=").nth(1).unwrap()[..1].to_string()).collect();
        assert_eq!(keys, vec!["1", "2"]);
        // Expired twice: the second time is the answer.
        let srv = server(vec![Ok((200, "expired")), Ok((200, "expired"))]);
        let (out, _, _) = drive(&srv, &sessions, Fake { name: "r", write: false, needs_session: true }, B);
        assert_eq!((out.unwrap_err().message.clone(), srv.borrow().requests.len()), ("expired".to_string(), 2));
    }

    #[test]
    fn concurrent_calls_share_one_login_and_a_stale_key_is_forgotten_once() {
        let mut sessions: Sessions<u32> = Sessions::default();
        // Three calls need a session at once: one leads the login, two wait.
        let a = sessions.acquire(|_| true);
        let b = sessions.acquire(|_| true);
        let c = sessions.acquire(|_| true);
        assert_eq!((a, b, c), (Acquire::Login, Acquire::Wait, Acquire::Wait));
        let s1 = sessions.logged_in(41);
        assert_eq!(sessions.acquire(|_| true), Acquire::Have(s1.clone()));
        assert_eq!(sessions.acquire(|_| true), Acquire::Have(s1.clone()));
        // Two calls saw their key expire; the first forgets it and logs in;
        // the second's invalidate is about the same stale key: no-op after the new login.
        sessions.invalidate(&s1);
        assert_eq!(sessions.acquire(|_| true), Acquire::Login);
        let s2 = sessions.logged_in(42);
        sessions.invalidate(&s1);
        assert_eq!(sessions.acquire(|_| true), Acquire::Have(s2));
        assert_eq!(sessions.logins(), 2);
        // A session about to expire is renewed; a failed login lets the next caller try.
        assert_eq!(sessions.acquire(|_| false), Acquire::Login);
        sessions.login_failed();
        assert_eq!(sessions.acquire(|_| false), Acquire::Login);
    }

    #[test]
    fn a_refused_answer_echoing_a_secret_is_read_with_it_masked() {
        let srv = server(vec![Ok((200, "api error: echo hunter2"))]);
        let (out, _, _) = drive(&srv, &RefCell::default(), read(), B);
        assert_eq!(out.unwrap_err().message, "api error: echo ***");
        let srv = server(vec![Ok((200, "data hunter2"))]);
        assert_eq!(drive(&srv, &RefCell::default(), read(), B).0.unwrap(), "data hunter2", "accepted data is not altered");
    }
}
