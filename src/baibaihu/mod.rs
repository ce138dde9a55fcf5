//! The 八百呼 (800ing) VoIP data API V6.6 (the 八百呼 API document V6.6).
//!
//! * [`api`]: every method's parameters and the signed query string;
//! * [`reply`]: reading answers (`code` 0, or the table of 1.2);
//! * [`codes`]: the return codes;
//! * [`push`]: the third-party push of 2.10.4.

pub mod api;
pub mod call;
pub mod codes;
pub mod push;
pub mod reply;
