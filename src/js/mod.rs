//! The wasm-bindgen layer. It only moves values across the boundary and
//! turns `core::Error` into JS `WaihuError`s; every rule lives in the plain
//! Rust modules. One file per area:
//! * [`error`]: `core::Error` → `WaihuError`;
//! * [`scratch`]: the shared input buffer (JSON text is written straight into
//!   wasm memory by the JS side, avoiding wasm-bindgen's string copy);
//! * [`xiaoa`]: the 小A signing, download-URL, encryption and push exports;
//! * [`sccc`]: the SCCC digest and notification verification;
//! * [`baibaihu`]: the 八百呼 push parser;
//!
//! (each behind its platform's feature: `xiaoa`, `sccc`, `baibaihu`, all on
//! by default — a module with one platform's code is what waihu/xiaoa,
//! waihu/sccc and waihu/baibaihu load in browsers)
//! and, with the `clients` feature (on by default; it is `client-xiaoa`,
//! `client-sccc` and `client-baibaihu`, which `make bench-size` builds one by
//! one to measure what each costs; off, the module has everything above and
//! no I/O):
//! * [`http`]: fetch with timeouts, bounded answers, no cross-origin redirects;
//! * [`driver`]: the one driver of every client call (a `core::exchange`);
//! * [`task`]: futures → Promises through one boxed executor entry;
//! * [`xiaoa_client`], [`sccc_client`], [`baibaihu_client`]: the clients'
//!   values in and promises out (their rules are in `xiaoa::call`,
//!   `sccc::call`, `baibaihu::call` and `core::exchange`).
//!
//! The exported names start with `__`: they are the private contract with
//! the package's JS entry points (`js/api.js`), which present the public API.

#[cfg(feature = "baibaihu")]
pub mod baibaihu;
#[cfg(feature = "client-baibaihu")]
pub mod baibaihu_client;
#[cfg(feature = "io")]
pub mod driver;
pub mod error;
#[cfg(feature = "io")]
pub mod http;
#[cfg(feature = "io")]
pub mod options;
#[cfg(feature = "sccc")]
pub mod sccc;
#[cfg(feature = "client-sccc")]
pub mod sccc_client;
pub mod scratch;
#[cfg(feature = "io")]
pub mod task;
#[cfg(feature = "xiaoa")]
pub mod xiaoa;
#[cfg(feature = "client-xiaoa")]
pub mod xiaoa_client;
