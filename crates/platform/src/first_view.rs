//! The first screen's views, copied into localStorage.
//!
//! A document's stored view (see [`DocStore::put_view`](crate::DocStore::put_view)) is in
//! IndexedDB, which answers only once the page has time for it: while the wasm loads, that
//! is late. The views the first screen reads are also kept here, where the app reads them
//! synchronously as it starts (decoded by the page's early script, see [`take`]), with the
//! keys of the stored parts they were read from.
//!
//! It is a cache. [`DocStore`](crate::DocStore) forgets a document's copy before it writes
//! any part of that document, so a copy of older parts survives only a race between tabs;
//! the app checks the keys against the stored parts once they are read, and uses a copy
//! only if they are the same.

use crate::doc_store::StoredView;
use crate::prefs::{self, PrefsError};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// A larger view is not copied: localStorage holds about 5 MB per site, shared with the
/// preferences, and this is about 1.4 MB of it as base64 text stored in UTF-16. (The
/// 2,000-staff reference school's view is about 355 KB.)
pub const MAX_BYTES: usize = 512 << 10;

const PREFIX: &str = "first-view.";

/// A copy as stored, under `kenesh.first-view.<database>/<document>`; `early_open.js` reads it.
#[derive(Serialize)]
struct StoredCopy {
    parts: Vec<String>,
    /// The view's bytes in base64: localStorage holds text.
    view: String,
}

fn name(db: &str, doc: &str) -> String {
    format!("{PREFIX}{db}/{doc}")
}

/// The global the page's early script leaves the copies in (see [`crate::early_open`]): it
/// reads them, base64 and all, while the page waits for the wasm.
const EARLY: &str = "keneshFirstViews";

/// The copy of `doc`'s view in database `db`, as the page's early script read it (the
/// copies of the database the app opened last). Taken: only the app's start reads it.
pub fn take(db: &str, doc: &str) -> Option<StoredView> {
    let window: JsValue = web_sys::window()?.into();
    let early = Reflect::get(&window, &EARLY.into()).ok()?;
    if Reflect::get(&early, &"db".into()).ok()?.as_string()? != db {
        return None;
    }
    let copies: Object = Reflect::get(&early, &"copies".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let copy = Reflect::get(&copies, &doc.into()).ok()?;
    let _ = Reflect::delete_property(&copies, &doc.into());
    let parts = Reflect::get(&copy, &"parts".into()).ok()?;
    let parts = Array::from(&parts)
        .iter()
        .map(|p| p.as_string())
        .collect::<Option<Vec<_>>>()?;
    let bytes: Uint8Array = Reflect::get(&copy, &"bytes".into()).ok()?.dyn_into().ok()?;
    Some(StoredView {
        parts,
        bytes: bytes.to_vec(),
    })
}

/// Copies `doc`'s view, read from the stored parts `parts`, replacing the last copy. A view
/// over [`MAX_BYTES`] only removes the last copy.
pub fn put(db: &str, doc: &str, parts: &[String], bytes: &[u8]) -> Result<(), PrefsError> {
    forget(db, doc);
    if bytes.len() > MAX_BYTES {
        return Ok(());
    }
    let copy = StoredCopy {
        parts: parts.to_vec(),
        view: STANDARD.encode(bytes),
    };
    prefs::set(&name(db, doc), &copy)
}

/// Removes the copy of `doc`'s view, before a part of `doc` is written.
pub fn forget(db: &str, doc: &str) {
    let _ = prefs::remove(&name(db, doc));
}

/// Removes the copies of every view of database `db`, when the database is deleted.
pub fn forget_all(db: &str) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let start = prefs::key(&format!("{PREFIX}{db}/"));
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&start))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
