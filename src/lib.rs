//! waihu (外呼): request signing, encryption and clients for Chinese
//! call-center and AI voice-robot platforms, compiled to WebAssembly.
//!
//! * [`core`]: PHP-exact JSON, MD5, AES, URL encoding — pure Rust.
//! * [`xiaoa`]: the 小A/95AI protocol (the 小A V1.6 and 95AI documents).
//! * [`sccc`]: the SCCC OpenAPI V2.0 (the SCCC OpenAPI V2.0 document).
//! * [`baibaihu`]: the 八百呼 VoIP data API V6.6 (the 八百呼 API document V6.6).
//! * `js` (wasm32 only): the wasm-bindgen layer, which only converts values
//!   and errors.

pub mod baibaihu;
pub mod core;
pub mod sccc;
pub mod xiaoa;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod js;

/// The TypeScript the tables imply (native only: `tests/types_drift.rs`).
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod typegen;
