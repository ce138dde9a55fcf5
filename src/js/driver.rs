//! The one driver of every client call. It runs a `core::exchange::Exchange`
//! — sends its requests over fetch, sleeps its waits, tells the `onRetry`
//! hook, gets it a session — and decides nothing: retries, the
//! never-repeat rule, re-logins and their limits are the exchange's.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::http::{self, Transport, Upload};
use crate::core::exchange::{Call, Drive, Exchange, Step};
use crate::core::Error;

/// A session being obtained (its type is the platform's).
pub type SessionFuture<'a> = Pin<Box<dyn Future<Output = Result<Rc<dyn Any>, Error>> + 'a>>;

/// Where calls that need a session get one (the 小A login, shared by
/// concurrent calls).
pub trait SessionSource {
    /// A session to use now: the current one, or a new login's.
    fn get(&self) -> SessionFuture<'_>;
    /// The session `stale` was refused as expired.
    fn expire(&self, stale: &Rc<dyn Any>);
}

/// Runs `call` to its end. `upload` travels beside the request (multipart).
pub async fn run<C: Call>(net: &Transport, call: C, upload: Option<Upload<'_>>, sessions: Option<&dyn SessionSource>) -> Result<C::Output, Error>
where
    C::Session: 'static,
{
    let mut x = Exchange::new(call, net.backoff, net.secrets());
    drive(net, &mut x, upload, sessions).await?;
    x.take_output().ok_or_else(|| Error::invalid(format!("internal: {} finished without its output", x.call().name())))
}

/// The loop, one copy for every call (the exchange is behind `dyn Drive`).
async fn drive(net: &Transport, x: &mut dyn Drive, upload: Option<Upload<'_>>, sessions: Option<&dyn SessionSource>) -> Result<(), Error> {
    let mut session: Option<Rc<dyn Any>> = None;
    loop {
        match x.step(session.as_deref(), http::now_ms(), js_sys::Math::random()) {
            Step::NeedSession => {
                if session.is_some() {
                    return Err(Error::invalid(format!("internal: {} was given a session of another platform", x.name())));
                }
                let source = sessions.ok_or_else(|| Error::invalid(format!("internal: {} needs a session and its client has none", x.name())))?;
                session = Some(source.get().await?);
            }
            Step::SessionExpired => {
                if let (Some(stale), Some(source)) = (session.take(), sessions) {
                    source.expire(&stale);
                }
            }
            Step::Send(req) => match net.send(&req, upload).await {
                Ok(reply) => x.reply(reply.status, &reply.body),
                Err(e) => x.error(e),
            },
            Step::Wait { ms, retry } => {
                if let Some(r) = retry {
                    net.on_retry(x.name(), &r);
                }
                http::sleep(ms).await;
            }
            Step::Done(()) => return Ok(()),
            Step::Failed(e) => return Err(e),
        }
    }
}

/// One result awaited by many: the login that concurrent calls share.
pub struct Flight<T> {
    result: RefCell<Option<Result<T, Error>>>,
    wakers: RefCell<Vec<Waker>>,
}

impl<T: Clone> Flight<T> {
    pub fn new() -> Rc<Flight<T>> {
        Rc::new(Flight { result: RefCell::new(None), wakers: RefCell::new(Vec::new()) })
    }

    /// Settles the flight and wakes every waiter.
    pub fn finish(&self, r: Result<T, Error>) {
        *self.result.borrow_mut() = Some(r);
        for w in self.wakers.borrow_mut().drain(..) {
            w.wake();
        }
    }

    /// Resolves when the flight is settled.
    pub fn wait(self: &Rc<Self>) -> FlightWait<T> {
        FlightWait(self.clone())
    }
}

pub struct FlightWait<T>(Rc<Flight<T>>);

impl<T: Clone> Future for FlightWait<T> {
    type Output = Result<T, Error>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(r) = self.0.result.borrow().as_ref() {
            return Poll::Ready(r.clone());
        }
        self.0.wakers.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}
