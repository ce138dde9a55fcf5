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

/// The largest input the buffer takes (the JS side refuses longer texts
/// before copying anything; this is the last line).
pub const MAX_BYTES: usize = 256 << 20;

/// Returns the address of a buffer of at least `len` (+16) bytes, or 0 when
/// `len` is over [`MAX_BYTES`] or the memory cannot grow that far (the JS
/// side then throws `TOO_LARGE`): a failed allocation must not abort the
/// module. The address may change between calls (the buffer grows), so call
/// it every time.
#[wasm_bindgen(js_name = __scratch)]
pub fn scratch(len: usize) -> usize {
    if len > MAX_BYTES {
        return 0;
    }
    SCRATCH.with(|s| {
        let mut v = s.borrow_mut();
        let need = len + SLACK;
        if v.len() < need {
            let size = need.checked_next_power_of_two().unwrap_or(need).max(1024);
            let more = size - v.len();
            if v.try_reserve_exact(more).is_err() {
                return 0;
            }
            v.resize(size, 0);
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

/// Writes an answer into the buffer from its start, for the JS side to
/// decode there (no string crossing the boundary). Returns its length in
/// bytes, with bit 31 set when the buffer moved (it had to grow): the JS
/// side then asks for its address again. 0 when it cannot grow (the JS side
/// then throws `TOO_LARGE`; answers are far below the input limit).
pub fn put_back(text: &str) -> u32 {
    let n = text.len();
    if n > MAX_BYTES {
        return 0;
    }
    SCRATCH.with(|s| {
        let mut v = s.borrow_mut();
        let before = v.as_ptr();
        if v.len() < n + SLACK {
            let size = (n + SLACK).checked_next_power_of_two().unwrap_or(n + SLACK);
            let more = size - v.len();
            if v.try_reserve_exact(more).is_err() {
                return 0;
            }
            v.resize(size, 0);
        }
        v[..n].copy_from_slice(text.as_bytes());
        n as u32 | if v.as_ptr() != before { 1 << 31 } else { 0 }
    })
}

/// Copies `text` into the buffer (for Rust-side callers and tests).
pub fn write(text: &str) -> usize {
    scratch(text.len());
    SCRATCH.with(|s| s.borrow_mut()[..text.len()].copy_from_slice(text.as_bytes()));
    text.len()
}

/// Traps while holding the input buffer, as a bug would: without the restart
/// in js/api.js, every later call that uses the buffer would trap too. Only
/// the test of that restart (tests/js/hostile.test.mjs) calls it.
#[wasm_bindgen(js_name = __testTrap)]
pub fn test_trap() {
    SCRATCH.with(|s| {
        let _held = s.borrow_mut();
        ::core::arch::wasm32::unreachable()
    })
}
