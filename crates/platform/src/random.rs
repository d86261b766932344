//! The clock and the random number generator. The core crate has neither: the app reads them
//! here and passes the values in.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Crypto;

/// `crypto.getRandomValues` accepts at most this many bytes per call.
const MAX_PER_CALL: usize = 65_536;

/// Milliseconds since the Unix epoch, from `Date.now()`.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// `N` cryptographically secure random bytes from `crypto.getRandomValues`.
///
/// # Panics
///
/// If the global object has no Web Crypto, which every browser that runs WebAssembly has.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes);
    bytes
}

/// Fills `buffer` with cryptographically secure random bytes (see [`random_bytes`]).
pub fn fill_random(buffer: &mut [u8]) {
    let crypto = crypto();
    for part in buffer.chunks_mut(MAX_PER_CALL) {
        crypto
            .get_random_values_with_u8_array(part)
            .expect("crypto.getRandomValues failed");
    }
}

/// `crypto` of the current global (window or worker).
fn crypto() -> Crypto {
    Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .and_then(|c| c.dyn_into::<Crypto>().ok())
        .expect("this browser has no Web Crypto (crypto.getRandomValues)")
}
