//! The wasm-bindgen layer. It only moves values across the boundary and
//! turns `core::Error` into JS `WaihuError`s; every rule lives in the plain
//! Rust modules. One file per area:
//! * [`error`]: `core::Error` → `WaihuError`;
//! * [`scratch`]: the shared input buffer (JSON text is written straight into
//!   wasm memory by the JS side, avoiding wasm-bindgen's string copy);
//! * [`xiaoa`]: the 小A signing, download-URL and encryption exports;
//! * [`sccc`]: the SCCC digest;
//! * [`http`]: fetch with timeouts (gloo-net, AbortController);
//! * [`task`]: futures → Promises through one boxed executor entry;
//! * [`xiaoa_client`]: the 小A client's I/O (sessions, retries, imports);
//! * [`sccc_client`]: the SCCC client's I/O and notification checks;
//! * [`baibaihu_client`]: the 八百呼 client's I/O, uploads and push parsing.
//!
//! The exported names start with `__`: they are the private contract with
//! the package's JS entry points (`js/api.js`), which present the public API.

pub mod baibaihu_client;
pub mod error;
pub mod http;
pub mod sccc;
pub mod sccc_client;
pub mod scratch;
pub mod task;
pub mod xiaoa;
pub mod xiaoa_client;
