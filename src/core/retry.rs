//! When to retry, and how long to wait: exponential backoff with full
//! jitter, for reads only. Writes are never repeated after a failure that
//! may have reached the server (see [`outcome_unknown`]).

use super::{Code, Error};

/// Retry settings of a client.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    /// How many times a read is retried (0 = never).
    pub retries: u32,
    /// The first delay's ceiling, in ms; it doubles each attempt.
    pub base_ms: u32,
    /// No delay exceeds this, in ms.
    pub cap_ms: u32,
    /// The longest wait a throttling answer (429, 503, "too frequent") may
    /// impose, in ms (`maxRetryDelayMs`): a server that asks for longer with
    /// `Retry-After` gets an error saying how long, not a hung call.
    pub max_delay_ms: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { retries: 2, base_ms: 250, cap_ms: 5_000, max_delay_ms: 30_000 }
    }
}

impl Backoff {
    /// The delay before retry `attempt` (1-based), given a uniform random
    /// number in [0, 1): "full jitter" spreads clients that failed together.
    pub fn delay_ms(&self, attempt: u32, unit_random: f64) -> u32 {
        let ceiling = f64::from(self.base_ms) * 2f64.powi(attempt.saturating_sub(1).min(20) as i32);
        let ceiling = ceiling.min(f64::from(self.cap_ms));
        (unit_random.clamp(0.0, 1.0) * ceiling).round() as u32
    }
}

impl Backoff {
    /// The least wait before retry `attempt` after a throttling answer that
    /// gave no `Retry-After`: 1 s, doubling, at most `max_delay_ms`.
    pub fn throttle_ms(&self, attempt: u32) -> u32 {
        (1000.0 * 2f64.powi(attempt.saturating_sub(1).min(20) as i32)).min(f64::from(self.max_delay_ms)) as u32
    }
}

/// The value of a `Retry-After` header, in ms from `now_ms`: delay-seconds
/// (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`, read by
/// `parse_date`, which gives ms since the epoch). `None` when absent or
/// unreadable; a date in the past is 0.
pub fn retry_after_ms(value: &str, now_ms: f64, parse_date: impl Fn(&str) -> Option<f64>) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    let at = parse_date(v)?;
    at.is_finite().then(|| (at - now_ms).max(0.0).ceil() as u64)
}

/// A failure worth retrying for a read: the network, a timeout, an answer
/// that is not the platform's (proxy pages, truncation), 5xx, 408, 429.
pub fn is_transient(e: &Error) -> bool {
    match e.code {
        Code::Timeout | Code::Network | Code::BadResponse => true,
        Code::Http => matches!(e.http_status, Some(408 | 429 | 500..=599)),
        _ => false,
    }
}

/// A failure after which a write may or may not have happened on the server
/// (a 429 answer is a refusal: the request was not processed).
pub fn is_ambiguous(e: &Error) -> bool {
    is_transient(e) && !e.not_sent && e.http_status != Some(429)
}

/// Wraps an ambiguous failure of a write: the outcome is unknown, and the
/// message says how to find out. The original error is kept as `cause`.
pub fn outcome_unknown(e: Error, what: &str, how_to_check: &str) -> Error {
    let mut out = Error::new(
        Code::OutcomeUnknown,
        format!(
            "{what}: the request was sent but no valid answer came back ({}: {}); it may or may not have taken effect, so it was not repeated. To check: {how_to_check}",
            e.code, e.message
        ),
    );
    out.endpoint = e.endpoint.clone();
    out.http_status = e.http_status;
    out.cause = Some(Box::new(e));
    out
}

/// After a failed attempt: `Ok((next_attempt, e))` to retry (pause, tell
/// the hook about `e`, send again), or `Err` with the error to give up with.
/// A write (`write` = what it was and how to check) never retries, and one
/// that may have reached the server fails as [`outcome_unknown`]; a read
/// retries while `transient` and retries remain. `attempt` counts the
/// retries so far.
pub fn next_attempt(e: Error, write: Option<(&str, &str)>, attempt: u32, backoff: &Backoff, transient: bool) -> std::result::Result<(u32, Error), Error> {
    match write {
        Some((what, how_to_check)) if is_ambiguous(&e) => Err(outcome_unknown(e, what, how_to_check)),
        Some(_) => Err(e),
        None if transient && attempt < backoff.retries => Ok((attempt + 1, e)),
        None => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_are_capped() {
        let b = Backoff { retries: 5, base_ms: 100, cap_ms: 1000, max_delay_ms: 30_000 };
        assert_eq!(b.delay_ms(1, 0.999_999), 100);
        assert_eq!(b.delay_ms(2, 0.999_999), 200);
        assert_eq!(b.delay_ms(3, 0.5), 200);
        assert_eq!(b.delay_ms(10, 0.999_999), 1000);
        assert_eq!(b.delay_ms(1, 0.0), 0);
        assert_eq!(b.delay_ms(u32::MAX, 2.0), 1000);
    }

    #[test]
    fn throttling_waits_and_retry_after() {
        let b = Backoff { max_delay_ms: 5_000, ..Backoff::default() };
        assert_eq!((b.throttle_ms(1), b.throttle_ms(2), b.throttle_ms(3), b.throttle_ms(9)), (1000, 2000, 4000, 5000));
        let never = |_: &str| None;
        assert_eq!(retry_after_ms("120", 0.0, never), Some(120_000));
        assert_eq!(retry_after_ms(" 0 ", 0.0, never), Some(0));
        assert_eq!(retry_after_ms("", 0.0, never), None);
        assert_eq!(retry_after_ms("-5", 0.0, never), None);
        assert_eq!(retry_after_ms("soon", 0.0, never), None);
        let date = |s: &str| (s == "Wed, 21 Oct 2026 07:28:00 GMT").then_some(1_792_567_680_000.0);
        assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT", 1_792_567_677_500.0, date), Some(2_500));
        assert_eq!(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT", 1_792_567_690_000.0, date), Some(0), "a date in the past: no wait");
    }

    #[test]
    fn what_is_transient() {
        assert!(is_transient(&Error::new(Code::Timeout, "t")));
        assert!(is_transient(&Error::new(Code::Http, "x").with_http_status(503)));
        assert!(!is_transient(&Error::new(Code::Http, "x").with_http_status(404)));
        assert!(!is_transient(&Error::new(Code::Api, "x")));
        let mut refused = Error::new(Code::Network, "refused");
        refused.not_sent = true;
        assert!(is_transient(&refused) && !is_ambiguous(&refused));
        let u = outcome_unknown(Error::new(Code::Timeout, "no answer in 30000 ms").with_endpoint("addJson"), "importLeads", "list the task");
        assert_eq!((u.code, u.endpoint.as_deref()), (Code::OutcomeUnknown, Some("addJson")));
        assert_eq!(u.cause.as_ref().unwrap().code, Code::Timeout);
    }

    #[test]
    fn reads_retry_writes_do_not() {
        let b = Backoff { retries: 2, ..Backoff::default() };
        let timeout = || Error::new(Code::Timeout, "t");
        assert_eq!(next_attempt(timeout(), None, 0, &b, true).map(|(n, _)| n).ok(), Some(1));
        assert_eq!(next_attempt(timeout(), None, 1, &b, true).map(|(n, _)| n).ok(), Some(2));
        assert_eq!(next_attempt(timeout(), None, 2, &b, true).unwrap_err().code, Code::Timeout);
        assert_eq!(next_attempt(Error::new(Code::Api, "a"), None, 0, &b, false).unwrap_err().code, Code::Api);
        let w = Some(("operateTask", "list the tasks"));
        let e = next_attempt(timeout(), w, 0, &b, true).unwrap_err();
        assert_eq!(e.code, Code::OutcomeUnknown);
        assert!(e.message.contains("list the tasks"), "{}", e.message);
        let mut refused = Error::new(Code::Network, "refused");
        refused.not_sent = true;
        assert_eq!(next_attempt(refused, w, 0, &b, true).unwrap_err().code, Code::Network);
        assert_eq!(next_attempt(Error::new(Code::Api, "a"), w, 0, &b, false).unwrap_err().code, Code::Api);
    }
}
