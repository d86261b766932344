//! The page being hidden: the tab closed, switched away from, or the app sent to the
//! background. A tablet's system may end a hidden page without any further event, so this
//! is the last moment work of the page is sure to run.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::VisibilityState;

/// Calls `handler` each time the page becomes hidden, for as long as the page lives.
/// Whatever it must have done by then it does synchronously: the page may end as soon as
/// it returns.
pub fn on_page_hidden(mut handler: impl FnMut() + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let watched = document.clone();
    let listener = Closure::<dyn FnMut()>::new(move || {
        if watched.visibility_state() == VisibilityState::Hidden {
            handler();
        }
    });
    // addEventListener only throws for a non-callable listener.
    let _ = document
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    // Listens for the page's whole life.
    listener.forget();
}
