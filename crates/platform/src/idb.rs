//! Thin, promise-based helpers over the raw IndexedDB API.
//!
//! Every helper registers its event listeners synchronously, before the caller yields (see
//! [`crate::events`]), so no event can fire unobserved.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Event, IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbTransaction, IdbTransactionMode,
    IdbVersionChangeEvent,
};

use crate::error::StoreError;
use crate::events::{FirstEvent, Listener};

#[wasm_bindgen]
extern "C" {
    /// `IDBDatabase`, only to call `transaction(storeNames, mode, options)`: web-sys exposes
    /// the options argument (for `durability`) only behind `web_sys_unstable_apis`.
    #[wasm_bindgen(js_name = IDBDatabase)]
    type DatabaseWithOptions;

    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &DatabaseWithOptions,
        store_names: &Array,
        mode: &str,
        options: &Object,
    ) -> Result<IdbTransaction, JsValue>;
}

/// `indexedDB` of the current global (window or worker).
pub(crate) fn factory() -> Result<IdbFactory, StoreError> {
    let value = Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .map_err(StoreError::from)?;
    value
        .dyn_into::<IdbFactory>()
        .map_err(|_| StoreError::Other("IndexedDB is not available in this browser".into()))
}

/// How a transaction may touch its stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    ReadOnly,
    /// Read-write with `durability: "strict"`: `complete` fires only once the data is flushed
    /// to disk, not merely handed to the operating system.
    ReadWriteStrict,
    /// Read-write with the browser's default durability: for caches, where a lost write costs
    /// only time.
    Cache,
}

/// Starts a transaction over `stores`.
pub(crate) fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: Mode,
) -> Result<IdbTransaction, StoreError> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    let options = Object::new();
    let mode = match mode {
        Mode::ReadOnly => "readonly",
        Mode::ReadWriteStrict => {
            Reflect::set(&options, &"durability".into(), &"strict".into())
                .map_err(StoreError::from)?;
            "readwrite"
        }
        Mode::Cache => "readwrite",
    };
    db.unchecked_ref::<DatabaseWithOptions>()
        .transaction_with_options(&names, mode, &options)
        .map_err(StoreError::from)
}

/// Issues `requests` in `tx`, commits it at once if it writes ([`commit_write`]) and waits
/// for it to end: what they returned (the requests, to read their results) once it
/// committed, else the error that aborted it. If issuing them fails, the transaction is
/// aborted, so nothing of it is stored.
pub(crate) async fn run<R>(
    tx: &IdbTransaction,
    requests: impl FnOnce(&IdbTransaction) -> Result<R, JsValue>,
) -> Result<R, StoreError> {
    let done = TxDone::new(tx);
    match requests(tx) {
        Ok(issued) => {
            commit_write(tx);
            done.wait().await?;
            Ok(issued)
        }
        Err(error) => {
            let _ = tx.abort();
            Err(StoreError::from_js(&error))
        }
    }
}

/// Tells the database that no request of a write follows, so it commits as soon as the
/// issued ones are done. Otherwise it waits until the page has handled their success events,
/// which can wait behind a frame being drawn: about 4 ms of an edit's write (BENCHMARKS.md,
/// 15:20 UTC). Never for reads, whose results are read afterwards: Chromium can then fire
/// `complete` before the success of a request whose large result it is still unpacking (a
/// 158 KB snapshot, seen at opening). Where `commit` is missing, the transaction commits by
/// itself as before.
fn commit_write(tx: &IdbTransaction) {
    if tx.mode() == Ok(IdbTransactionMode::Readwrite) {
        // web-sys marks it deprecated; it is IndexedDB 3.0 (Chromium 76, Firefox 74, Safari 15).
        #[allow(deprecated)]
        let _ = tx.commit();
    }
}

/// Waits until `tx` has committed (`complete`) or failed (`abort`).
///
/// Create it right after issuing the transaction's requests, then await [`TxDone::wait`].
pub(crate) struct TxDone {
    tx: IdbTransaction,
    first: FirstEvent,
}

impl TxDone {
    pub(crate) fn new(tx: &IdbTransaction) -> Self {
        Self {
            tx: tx.clone(),
            first: FirstEvent::new(tx, &["complete", "abort"]),
        }
    }

    /// `Ok` once the transaction committed; otherwise the error that aborted it.
    pub(crate) async fn wait(self) -> Result<(), StoreError> {
        let (index, _) = self.first.wait().await;
        if index == 0 {
            Ok(())
        } else {
            Err(match self.tx.error() {
                Some(error) => StoreError::from_js(&error),
                None => StoreError::Other("AbortError: the transaction was aborted".into()),
            })
        }
    }
}

/// Opens (and creates or upgrades) a database.
///
/// `upgrade` runs inside the `upgradeneeded` event, with the database and the old version; if
/// it fails the upgrade is aborted and nothing changes. If other connections keep the upgrade
/// from starting, this returns [`StoreError::Blocked`] and gives the pending request up: should
/// it go through later, its upgrade is aborted.
pub(crate) async fn open(
    name: &str,
    version: u32,
    upgrade: fn(&IdbDatabase, f64) -> Result<(), JsValue>,
) -> Result<IdbDatabase, StoreError> {
    let request = factory()?.open_with_u32(name, version)?;
    let upgrade_error: Rc<RefCell<Option<StoreError>>> = Rc::default();
    let on_upgrade = {
        let request = request.clone();
        let upgrade_error = upgrade_error.clone();
        Listener::new(&request.clone(), "upgradeneeded", move |event: Event| {
            let old_version = event
                .dyn_ref::<IdbVersionChangeEvent>()
                .map(|e| e.old_version())
                .unwrap_or_default();
            let result = request
                .result()
                .and_then(|db| upgrade(db.unchecked_ref(), old_version));
            if let Err(error) = result {
                *upgrade_error.borrow_mut() = Some(StoreError::from_js(&error));
                if let Some(tx) = request.transaction() {
                    let _ = tx.abort();
                }
            }
        })
    };
    let (index, _) = FirstEvent::new(&request, &["success", "error", "blocked"])
        .wait()
        .await;
    match index {
        0 => Ok(request.result()?.unchecked_into()),
        1 => Err(upgrade_error
            .borrow_mut()
            .take()
            .unwrap_or_else(|| request_error(&request))),
        _ => {
            drop(on_upgrade);
            abandon_open(&request);
            Err(StoreError::Blocked)
        }
    }
}

/// After we stopped waiting for a blocked open: abort its upgrade if it ever starts, and close
/// the connection if it ever opens.
fn abandon_open(request: &IdbOpenDbRequest) {
    let r = request.clone();
    let abort_upgrade = Closure::once_into_js(move |_: Event| {
        if let Some(tx) = r.transaction() {
            let _ = tx.abort();
        }
    });
    request.set_onupgradeneeded(Some(abort_upgrade.unchecked_ref()));
    let r = request.clone();
    let close_late = Closure::once_into_js(move |_: Event| {
        if let Ok(db) = r.result() {
            db.unchecked_into::<IdbDatabase>().close();
        }
    });
    request.set_onsuccess(Some(close_late.unchecked_ref()));
}

/// Deletes a whole database. [`StoreError::Blocked`] if another connection stays open; the
/// deletion then still happens once that connection closes.
pub(crate) async fn delete_database(name: &str) -> Result<(), StoreError> {
    let request = factory()?.delete_database(name)?;
    let (index, _) = FirstEvent::new(&request, &["success", "error", "blocked"])
        .wait()
        .await;
    match index {
        0 => Ok(()),
        1 => Err(request_error(&request)),
        _ => Err(StoreError::Blocked),
    }
}

fn request_error(request: &web_sys::IdbRequest) -> StoreError {
    match request.error() {
        Ok(Some(error)) => StoreError::from_js(&error),
        Ok(None) => StoreError::Other("the request failed without an error".into()),
        Err(error) => StoreError::from_js(&error),
    }
}

/// An open database that steps aside for other tabs: if one upgrades or deletes the
/// database, this connection closes itself so as not to block it, and every later
/// transaction fails with [`StoreError::Closed`]. Dropping it closes the connection.
pub(crate) struct Connection {
    name: String,
    db: IdbDatabase,
    closed: Rc<Cell<bool>>,
    /// The early script's read of this database, until the first load takes it.
    early_read: RefCell<Option<js_sys::Promise>>,
    _on_versionchange: Listener,
    _on_close: Listener,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("name", &self.name)
            .field("closed", &self.closed.get())
            .finish()
    }
}

impl Connection {
    /// Opens (creating or upgrading with `upgrade`, see [`open`]) the database `name`, or
    /// takes the connection the page's early script opened (see [`crate::early_open`]).
    pub(crate) async fn open(
        name: &str,
        version: u32,
        upgrade: fn(&IdbDatabase, f64) -> Result<(), JsValue>,
    ) -> Result<Connection, StoreError> {
        let (db, early_read) = match crate::early_open::take(name, version).await {
            Some(early) => (early.db, early.read),
            None => (open(name, version, upgrade).await?, None),
        };
        let closed = Rc::new(Cell::new(false));
        let on_versionchange = {
            let db2 = db.clone();
            let closed = closed.clone();
            Listener::new(&db, "versionchange", move |_| {
                closed.set(true);
                db2.close();
            })
        };
        let on_close = {
            let closed = closed.clone();
            Listener::new(&db, "close", move |_| closed.set(true))
        };
        Ok(Connection {
            name: name.to_owned(),
            db,
            closed,
            early_read: RefCell::new(early_read),
            _on_versionchange: on_versionchange,
            _on_close: on_close,
        })
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The early script's read of the database (see [`crate::early_open`]), once: `None`
    /// afterwards, or if the script read nothing.
    pub(crate) async fn take_early_read(&self) -> Option<JsValue> {
        let promise = self.early_read.borrow_mut().take()?;
        let read = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        (!read.is_null() && !read.is_undefined()).then_some(read)
    }

    /// Starts a transaction over `stores` ([`transaction`]), unless the connection closed.
    pub(crate) fn transaction(
        &self,
        stores: &[&str],
        mode: Mode,
    ) -> Result<IdbTransaction, StoreError> {
        if self.closed.get() {
            return Err(StoreError::Closed);
        }
        transaction(&self.db, stores, mode)
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.db.close();
    }
}
