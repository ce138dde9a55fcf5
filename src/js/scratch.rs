//! One growable input buffer in wasm memory, shared with the JS side.
//!
//! Passing a `&str` through wasm-bindgen costs a JS encode loop plus a
//! malloc per call (~2 µs for a 200-byte request); instead the JS side asks
//! for a buffer of at least `n` bytes (`__scratch`), writes UTF-8 into it with
//! `TextEncoder.encodeInto`, and passes only the length. Rust reads
//! `buffer[..len]`. The buffer keeps 16 spare bytes so AES can pad in place.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::core::{Error, Result};

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Spare room after the caller's bytes (PKCS#7 padding).
pub const SLACK: usize = 16;

/// Returns the address of a buffer of at least `len` (+16) bytes. The address
/// may change between calls (the buffer grows), so call it every time.
#[wasm_bindgen(js_name = __scratch)]
pub fn scratch(len: usize) -> usize {
    SCRATCH.with(|s| {
        let mut v = s.borrow_mut();
        let need = len.saturating_add(SLACK);
        if v.len() < need {
            v.resize(need.next_power_of_two().max(1024), 0);
        }
        v.as_mut_ptr() as usize
    })
}

/// The module's memory, for the JS side's views.
#[wasm_bindgen(js_name = __memory)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

fn too_long(len: usize, have: usize) -> Error {
    Error::invalid(format!("internal: {len} bytes announced but the scratch buffer holds {have}; call __scratch first"))
}

/// Runs `f` on the first `len` bytes written by the JS side.
pub fn with_bytes<T>(len: usize, f: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
    SCRATCH.with(|s| {
        let v = s.borrow();
        let b = v.get(..len).ok_or_else(|| too_long(len, v.len()))?;
        f(b)
    })
}

/// Runs `f` on the first `len` bytes as text (they must be UTF-8).
pub fn with_str<T>(len: usize, f: impl FnOnce(&str) -> Result<T>) -> Result<T> {
    with_bytes(len, |b| {
        let s = std::str::from_utf8(b).map_err(|_| Error::invalid("internal: the scratch buffer does not hold UTF-8"))?;
        f(s)
    })
}

/// Runs `f` on the whole buffer (mutable) with the caller's length; the
/// buffer has at least `len + SLACK` bytes.
pub fn with_buffer_mut<T>(len: usize, f: impl FnOnce(&mut [u8], usize) -> Result<T>) -> Result<T> {
    SCRATCH.with(|s| {
        let mut v = s.borrow_mut();
        if v.len() < len.saturating_add(SLACK) {
            return Err(too_long(len, v.len()));
        }
        f(&mut v, len)
    })
}

/// Copies `text` into the buffer (for Rust-side callers and tests).
pub fn write(text: &str) -> usize {
    scratch(text.len());
    SCRATCH.with(|s| s.borrow_mut()[..text.len()].copy_from_slice(text.as_bytes()));
    text.len()
}
