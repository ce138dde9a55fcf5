//! waihu (外呼): request signing, encryption and clients for Chinese
//! call-center and AI voice-robot platforms, compiled to WebAssembly.
//!
//! * [`core`]: PHP-exact JSON, MD5, AES, URL encoding — pure Rust.
//! * [`xiaoa`]: the 小A/95AI protocol (seeds 000/001).
//! * `js` (wasm32 only): the wasm-bindgen layer, which only converts values
//!   and errors.

pub mod core;
pub mod xiaoa;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod js;
