//! Waiting for the browser to paint.

use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Resolves after the next frame has been painted: `requestAnimationFrame` runs just
/// before a paint, and a timeout set from it runs after. Work that should not delay the
/// first screen waits for this.
pub async fn after_paint() {
    let promise = Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
            return;
        };
        let then = Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(then.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}
