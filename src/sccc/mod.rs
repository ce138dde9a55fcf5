//! The SCCC call-center OpenAPI V2.0 (the SCCC OpenAPI V2.0 document).
//!
//! * [`digest`]: the `authentication.digest` of requests and pushes;
//! * [`api`]: every API's command fields and the request envelope;
//! * [`reply`]: reading answers (single commands and batches);
//! * [`codes`]: the error table;
//! * [`notify`]: verifying and typing push notifications.

pub mod api;
pub mod call;
pub mod codes;
pub mod digest;
pub mod notify;
pub mod reply;
