//! waihu (外呼): request signing, encryption and clients for Chinese
//! call-center and AI voice-robot platforms, compiled to WebAssembly.
//!
//! * [`core`]: PHP-exact JSON, MD5, AES, URL encoding — pure Rust.
//! * [`xiaoa`]: the 小A/95AI protocol (seeds 000/001).
//! * [`sccc`]: the SCCC OpenAPI V2.0 (seed 003).
//! * [`baibaihu`]: the 八百呼 VoIP data API V6.6 (seed 004).
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
