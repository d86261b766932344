//! Opening the space's database early. Opening IndexedDB and reading the stored documents
//! take the browser tens of milliseconds each; `early_open.js`, inlined into `index.html`,
//! does both before the wasm has been compiled, for the database [`remember`]ed as last
//! opened. [`take`] hands that connection, with its read, to the first
//! [`Connection`](crate::idb::Connection) of the same name and version; any other answer
//! closes it, and the caller opens the database as usual. The read is what the first
//! [`DocStore::load_many`](crate::DocStore::load_many) returns: as if that read had
//! happened when the page started.

use crate::prefs::Pref;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbDatabase;

/// The database the early script opens next time.
const EARLY_OPEN: Pref<String> = Pref::new("early-open");

/// The global the early script leaves its promise in.
const PROMISE: &str = "keneshEarlyOpen";

/// The script itself, for the page (through Trunk) and for the tests.
pub const SCRIPT: &str = include_str!("early_open.js");

/// Makes `name` the database the early script opens on the next page load.
pub(crate) fn remember(name: &str) {
    if EARLY_OPEN.get().ok().flatten().as_deref() != Some(name) {
        // Only a lost speed-up if localStorage refuses.
        let _ = EARLY_OPEN.set(&name.to_owned());
    }
}

/// The connection the early script opened, and its read of every stored part and view
/// (a promise of `{ snapshots, chunks, views }`, each an array of stored records, or null).
pub(crate) struct Early {
    pub db: IdbDatabase,
    pub read: Option<js_sys::Promise>,
}

/// The early connection, if the script opened `name` at `version` and it is still open.
/// The promise is taken either way: only the first open of the page can use it.
pub(crate) async fn take(name: &str, version: u32) -> Option<Early> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(PROMISE);
    let promise = js_sys::Reflect::get(&window, &key).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(window.as_ref(), &key);
    let db: IdbDatabase = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    let closed =
        js_sys::Reflect::get(&db, &JsValue::from_str("keneshClosed")).is_ok_and(|v| v.is_truthy());
    if db.name() == name && db.version() == f64::from(version) && !closed {
        db.set_onversionchange(None);
        let read = js_sys::Reflect::get(&db, &JsValue::from_str("keneshEarlyRead"))
            .ok()
            .and_then(|p| p.dyn_into().ok());
        Some(Early { db, read })
    } else {
        db.close();
        None
    }
}
