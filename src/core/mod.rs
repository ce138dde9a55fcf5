//! Platform-independent building blocks: PHP-exact JSON, MD5, AES, URL encoding.
//! Nothing here knows about wasm or JavaScript; `cargo test` runs it natively.

pub mod aes;
pub mod error;
pub mod exchange;
pub mod float;
pub mod hash;
pub mod http;
pub mod keys;
pub mod pager;
pub mod phpjson;
pub mod redact;
pub mod retry;
pub mod schema;
pub mod uri;

pub use error::{Code, Error, Result};
