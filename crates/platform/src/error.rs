//! Errors of the IndexedDB document store.

use wasm_bindgen::{JsCast, JsValue};

/// What can go wrong when reading or writing the document store.
///
/// Every failed write leaves the database as it was before the call: each write is one
/// IndexedDB transaction, and a transaction either commits whole or not at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The browser refused to store more data for this origin (`QuotaExceededError`).
    #[error("the browser's storage quota for this site is exhausted")]
    QuotaExceeded,
    /// Another connection to the database (an older tab) keeps it from being upgraded or
    /// deleted.
    #[error("the database is blocked by another open tab")]
    Blocked,
    /// This connection was closed (another tab upgraded or deleted the database, or the
    /// browser closed it); open the store again.
    #[error("the database connection was closed; open it again")]
    Closed,
    /// A compaction was based on a snapshot that is no longer the stored one (another tab
    /// compacted in between). Nothing was changed; load again and retry.
    #[error("the snapshot changed since it was loaded; nothing was written")]
    Conflict,
    /// Anything else, with the browser's error name and message.
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    /// Maps a JavaScript error (usually a `DOMException`) to a [`StoreError`].
    pub fn from_js(value: &JsValue) -> Self {
        let name = js_string_field(value, "name");
        match name.as_deref() {
            Some("QuotaExceededError") => Self::QuotaExceeded,
            Some("InvalidStateError")
                if js_string_field(value, "message")
                    .is_some_and(|m| m.to_ascii_lowercase().contains("clos")) =>
            {
                Self::Closed
            }
            _ => Self::Other(describe_js(value)),
        }
    }
}

impl From<JsValue> for StoreError {
    fn from(value: JsValue) -> Self {
        Self::from_js(&value)
    }
}

/// `value[field]` if it is a string.
pub(crate) fn js_string_field(value: &JsValue, field: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
}

/// "Name: message" for an error object, or its string form for anything else.
pub(crate) fn describe_js(value: &JsValue) -> String {
    match (
        js_string_field(value, "name"),
        js_string_field(value, "message"),
    ) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (Some(name), None) => name,
        (None, Some(message)) => message,
        (None, None) => value
            .as_string()
            .or_else(|| {
                value
                    .dyn_ref::<js_sys::Object>()
                    .map(|o| String::from(o.to_string()))
            })
            .unwrap_or_else(|| format!("{value:?}")),
    }
}
