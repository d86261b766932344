//! Telling the other tabs of this browser that a document got a chunk, through a
//! `BroadcastChannel` (one channel per space).
//!
//! A tab that stored a chunk posts it; the other tabs apply the bytes to their copy of the
//! document (Automerge ignores changes it already has). A channel never delivers a message to
//! the instance that posted it.

use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, Event, MessageEvent};

use crate::error::describe_js;
use crate::events::Listener;

/// "Document `doc` got these chunk bytes." Sent as `{ doc: string, bytes: Uint8Array }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub doc: String,
    pub bytes: Vec<u8>,
}

impl Message {
    fn to_js(&self) -> Result<JsValue, JsValue> {
        let object = Object::new();
        Reflect::set(&object, &"doc".into(), &self.doc.as_str().into())?;
        Reflect::set(&object, &"bytes".into(), &Uint8Array::from(&self.bytes[..]))?;
        Ok(object.into())
    }

    /// `None` for anything that is not a message of this shape.
    fn from_js(value: &JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        let doc = Reflect::get(value, &"doc".into()).ok()?.as_string()?;
        let bytes = Reflect::get(value, &"bytes".into())
            .ok()?
            .dyn_into::<Uint8Array>()
            .ok()?
            .to_vec();
        Some(Self { doc, bytes })
    }
}

/// Why a channel could not be opened or a message not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BroadcastError {
    #[error("BroadcastChannel is not available: {0}")]
    Unavailable(String),
    #[error("{0}")]
    Other(String),
}

/// Closes the channel once the last [`Broadcast`] or [`Subscription`] using it is gone.
struct Channel(BroadcastChannel);

impl Drop for Channel {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// One tab's end of a named channel.
pub struct Broadcast {
    name: String,
    channel: Rc<Channel>,
}

impl std::fmt::Debug for Broadcast {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Broadcast")
            .field("name", &self.name)
            .finish()
    }
}

impl Broadcast {
    /// Opens the channel `name` (e.g. `kenesh-<space id>`).
    pub fn open(name: &str) -> Result<Self, BroadcastError> {
        let channel = BroadcastChannel::new(name)
            .map_err(|e| BroadcastError::Unavailable(describe_js(&e)))?;
        Ok(Self {
            name: name.to_owned(),
            channel: Rc::new(Channel(channel)),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sends `message` to every other instance of this channel in this browser.
    pub fn post(&self, message: &Message) -> Result<(), BroadcastError> {
        let value = message
            .to_js()
            .map_err(|e| BroadcastError::Other(describe_js(&e)))?;
        self.channel
            .0
            .post_message(&value)
            .map_err(|e| BroadcastError::Other(describe_js(&e)))
    }

    /// Calls `callback` with every message the other instances post, until the returned
    /// [`Subscription`] is dropped. Messages of another shape are ignored.
    pub fn on_message(&self, mut callback: impl FnMut(Message) + 'static) -> Subscription {
        let listener = Listener::new(&self.channel.0, "message", move |event: Event| {
            let Some(event) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            if let Some(message) = Message::from_js(&event.data()) {
                callback(message);
            }
        });
        Subscription {
            _listener: listener,
            _channel: self.channel.clone(),
        }
    }
}

/// Keeps a message callback registered; dropping it unregisters the callback (and closes the
/// channel if its [`Broadcast`] is gone too).
#[must_use = "the callback is unregistered when the subscription is dropped"]
pub struct Subscription {
    // Declared first so that it is dropped (the listener removed) before the channel.
    _listener: Listener,
    _channel: Rc<Channel>,
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription").finish_non_exhaustive()
    }
}
