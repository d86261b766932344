//! DOM event listeners owned by Rust values.
//!
//! A [`Listener`] removes itself when dropped, so that a future dropped half-way (or a dropped
//! subscription) never leaves the browser calling a freed Rust closure.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, EventTarget};

/// One event listener that is removed again when this value is dropped.
pub(crate) struct Listener {
    target: EventTarget,
    event: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub(crate) fn new(
        target: &EventTarget,
        event: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Self {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        // addEventListener only throws for a non-callable listener.
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        Self {
            target: target.clone(),
            event,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// Waits for the first of several events on one target.
pub(crate) struct FirstEvent {
    _listeners: Vec<Listener>,
    future: Option<JsFuture>,
}

impl FirstEvent {
    /// Starts listening right away (not on first poll).
    pub(crate) fn new(target: &EventTarget, events: &[&'static str]) -> Self {
        let mut resolve_slot: Option<Function> = None;
        let promise = Promise::new(&mut |resolve, _reject| resolve_slot = Some(resolve));
        let resolve = resolve_slot.expect("the Promise executor runs synchronously");
        let listeners = events
            .iter()
            .enumerate()
            .map(|(index, &event)| {
                let resolve = resolve.clone();
                Listener::new(target, event, move |ev: Event| {
                    let pair = Array::of2(&JsValue::from(index as u32), &ev);
                    let _ = resolve.call1(&JsValue::UNDEFINED, &pair);
                })
            })
            .collect();
        Self {
            _listeners: listeners,
            future: Some(JsFuture::from(promise)),
        }
    }

    /// The index (into `events`) of the event that fired first, and the event.
    pub(crate) async fn wait(mut self) -> (usize, Event) {
        let future = self.future.take().expect("waited once");
        // The promise is only ever resolved, with `[index, event]`.
        let pair: Array = future
            .await
            .expect("resolved, never rejected")
            .unchecked_into();
        let index = pair.get(0).as_f64().unwrap_or_default() as usize;
        (index, pair.get(1).unchecked_into())
    }
}
