//! Opening the space's database early. Opening IndexedDB takes the browser tens of
//! milliseconds; `early_open.js`, inlined into `index.html`, starts it before the wasm has
//! been compiled, for the database [`remember`]ed as last opened. [`take`] hands that
//! connection to the first [`Connection`](crate::idb::Connection) of the same name and
//! version; any other answer closes it, and the caller opens the database as usual.

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

/// The early connection, if the script opened `name` at `version` and it is still open.
/// The promise is taken either way: only the first open of the page can use it.
pub(crate) async fn take(name: &str, version: u32) -> Option<IdbDatabase> {
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
        Some(db)
    } else {
        db.close();
        None
    }
}
