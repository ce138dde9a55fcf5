//! The SCCC call-center OpenAPI V2.0 (seed 003).
//!
//! * [`digest`]: the `authentication.digest` of requests and pushes.

pub mod digest;
