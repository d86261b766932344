//! Automerge documents in IndexedDB, as one snapshot plus incremental chunks per document.
//!
//! One database per space (the caller names it, e.g. `kenesh-<space id>`), with two object
//! stores:
//!
//! - `snapshots`, key path `doc`: `{ doc, key, bytes }`, at most one per document. `key` is a
//!   fresh [`ChunkKey`] written by every compaction, so that a later compaction can tell
//!   whether the snapshot it started from is still the stored one.
//! - `chunks`, key path `[doc, key]`: `{ doc, key, bytes }`, one per `save_incremental`.
//! - `views` (version 2), key path `doc`: `{ doc, parts, bytes }`, at most one per document:
//!   the caller's reading of the document (its records, for a fast first screen) as of the
//!   stored parts named in `parts`. A cache: it is valid only while exactly those parts are
//!   stored, which the caller checks against what [`DocStore::load`] read with it.
//!
//! The store never interprets the bytes: the caller applies them (`AutoCommit::load`, then
//! `load_incremental` for each chunk in order) and decides what to do with a chunk that fails.
//! Nothing here ever rewrites or repairs a chunk.
//!
//! Durability: every write is a single read-write transaction opened with
//! `durability: "strict"`, and the returned future resolves only after the transaction's
//! `complete` event. A write that fails (quota, crash, closed tab) leaves nothing behind.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, IdbDatabase, IdbKeyRange, IdbObjectStoreParameters};

use crate::error::{StoreError, describe_js};
use crate::events::Listener;
use crate::idb::{self, Mode, TxDone};
use crate::random::{now_ms, random_bytes};

/// Version 3 adds the blob stores of [`crate::blob_store`].
const VERSION: u32 = 3;
const SNAPSHOTS: &str = "snapshots";
const CHUNKS: &str = "chunks";
const VIEWS: &str = "views";

/// The key of one chunk (or of one snapshot version).
///
/// `<milliseconds, 15 digits>-<sequence, 8 hex digits>-<random, 16 hex digits>`: keys sort in
/// the order this tab wrote them (the sequence breaks ties within a millisecond and keeps the
/// order even if the clock steps back), and the random part keeps keys written by other tabs
/// or devices at the same millisecond apart.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChunkKey(String);

thread_local! {
    /// (milliseconds, sequence) of the last key [`ChunkKey::generate`] made in this thread.
    static LAST_KEY: Cell<(u64, u32)> = const { Cell::new((0, 0)) };
}

impl ChunkKey {
    /// A key from explicit parts, for callers that bring their own clock and randomness.
    pub fn from_parts(millis: u64, sequence: u32, random: [u8; 8]) -> Self {
        Self(format!(
            "{millis:015}-{sequence:08x}-{:016x}",
            u64::from_be_bytes(random)
        ))
    }

    /// A new key from `Date.now()` and `crypto.getRandomValues`, greater than every key this
    /// thread generated before.
    pub fn generate() -> Self {
        let now = now_ms();
        let (millis, sequence) = LAST_KEY.with(|last| {
            let (last_ms, last_seq) = last.get();
            let next = if now > last_ms {
                (now, 0)
            } else {
                (last_ms, last_seq.wrapping_add(1))
            };
            last.set(next);
            next
        });
        Self::from_parts(millis, sequence, random_bytes::<8>())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChunkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ChunkKey> for String {
    fn from(key: ChunkKey) -> Self {
        key.0
    }
}

impl AsRef<str> for ChunkKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// One stored piece of a document: the snapshot or one chunk, with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChunk {
    pub key: String,
    pub bytes: Vec<u8>,
}

/// Everything stored for one document, as [`DocStore::load`] read it in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredParts {
    /// The latest compaction, if any (its `key` identifies this snapshot version).
    pub snapshot: Option<StoredChunk>,
    /// The chunks written since, in key (= write) order.
    pub chunks: Vec<StoredChunk>,
    /// The stored view of the document, if any (see [`DocStore::put_view`]).
    pub view: Option<StoredView>,
}

/// A view of a document and the keys of the stored parts it was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredView {
    pub parts: Vec<String>,
    pub bytes: Vec<u8>,
}

impl StoredParts {
    /// The key of the snapshot, to pass to [`DocStore::compact`] as its base.
    pub fn snapshot_key(&self) -> Option<&str> {
        self.snapshot.as_ref().map(|s| s.key.as_str())
    }

    /// The keys of all chunks, to pass to [`DocStore::compact`] as the replaced ones.
    pub fn chunk_keys(&self) -> Vec<String> {
        self.chunks.iter().map(|c| c.key.clone()).collect()
    }

    /// True if nothing is stored for the document.
    pub fn is_empty(&self) -> bool {
        self.snapshot.is_none() && self.chunks.is_empty()
    }

    /// The keys of every stored part, snapshot first, then the chunks in order.
    pub fn part_keys(&self) -> Vec<String> {
        self.snapshot
            .iter()
            .chain(&self.chunks)
            .map(|c| c.key.clone())
            .collect()
    }

    /// The stored view's bytes if it was read from exactly the parts stored now.
    pub fn current_view(&self) -> Option<&[u8]> {
        self.view
            .as_ref()
            .filter(|v| v.parts == self.part_keys())
            .map(|v| v.bytes.as_slice())
    }
}

/// An open connection to one space's database.
///
/// Dropping it closes the connection. If another tab upgrades or deletes the database, the
/// connection closes itself so as not to block that tab, and every later call returns
/// [`StoreError::Closed`].
#[derive(Debug)]
pub struct DocStore {
    connection: idb::Connection,
}

impl DocStore {
    /// Opens (creating if needed) the database `db_name`.
    pub async fn open(db_name: &str) -> Result<Self, StoreError> {
        let connection = open_connection(db_name).await?;
        crate::early_open::remember(db_name);
        Ok(Self { connection })
    }

    /// The database name this store was opened with.
    pub fn name(&self) -> &str {
        self.connection.name()
    }

    /// Appends one chunk (e.g. the output of `save_incremental`) under a fresh key.
    ///
    /// Resolves once the transaction has committed; nothing else is rewritten.
    pub async fn append_chunk(&self, doc: &str, bytes: &[u8]) -> Result<ChunkKey, StoreError> {
        let key = ChunkKey::generate();
        self.append_chunk_at(doc, &key, bytes).await?;
        Ok(key)
    }

    /// Appends one chunk under a key the caller made. Never overwrites: if a chunk with that
    /// key exists, this fails (`ConstraintError`) and the stored chunk stays as it was.
    pub async fn append_chunk_at(
        &self,
        doc: &str,
        key: &ChunkKey,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        crate::first_view::forget(self.name(), doc);
        let tx = self.transaction(&[CHUNKS], Mode::ReadWriteStrict)?;
        idb::run(&tx, |tx| {
            tx.object_store(CHUNKS)?
                .add(&record(doc, key.as_str(), bytes)?)?;
            Ok(())
        })
        .await
    }

    /// Reads the snapshot, all chunks and the view of `doc` in one read-only transaction, so
    /// the result is consistent even while other tabs write or compact.
    pub async fn load(&self, doc: &str) -> Result<StoredParts, StoreError> {
        let mut all = self.load_many(&[doc]).await?;
        Ok(all.remove(0))
    }

    /// [`DocStore::load`] for several documents at once, in one transaction. The first call
    /// on a connection the page's early script opened returns what that script read.
    pub async fn load_many(&self, docs: &[&str]) -> Result<Vec<StoredParts>, StoreError> {
        if let Some(read) = self.connection.take_early_read().await {
            return docs.iter().map(|doc| early_parts(&read, doc)).collect();
        }
        self.read(docs, true).await
    }

    /// The snapshot and chunks of each of `docs`, without their views, read in one
    /// transaction (never the early script's read): to learn what other tabs stored since.
    pub async fn load_parts(&self, docs: &[&str]) -> Result<Vec<StoredParts>, StoreError> {
        self.read(docs, false).await
    }

    async fn read(&self, docs: &[&str], views: bool) -> Result<Vec<StoredParts>, StoreError> {
        let stores: &[&str] = match views {
            true => &[SNAPSHOTS, CHUNKS, VIEWS],
            false => &[SNAPSHOTS, CHUNKS],
        };
        let tx = self.transaction(stores, Mode::ReadOnly)?;
        let requests = idb::run(&tx, |tx| {
            docs.iter()
                .map(|doc| -> Result<_, JsValue> {
                    let snapshot = tx.object_store(SNAPSHOTS)?.get(&JsValue::from_str(doc))?;
                    let chunks = tx
                        .object_store(CHUNKS)?
                        .get_all_with_key(&chunk_range(doc)?.into())?;
                    let view = match views {
                        true => Some(tx.object_store(VIEWS)?.get(&JsValue::from_str(doc))?),
                        false => None,
                    };
                    Ok((snapshot, chunks, view))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;

        let mut out = Vec::with_capacity(docs.len());
        for (snapshot_request, chunks_request, view_request) in requests {
            let snapshot = snapshot_request.result()?;
            let snapshot = if snapshot.is_undefined() || snapshot.is_null() {
                None
            } else {
                Some(parse_record(&snapshot)?)
            };
            let chunks = Array::from(&chunks_request.result()?)
                .iter()
                .map(|value| parse_record(&value))
                .collect::<Result<Vec<_>, _>>()?;
            // A view that cannot be read is only a missing cache: the document loads without it.
            let view = match view_request {
                Some(request) => parse_view(&request.result()?),
                None => None,
            };
            out.push(StoredParts {
                snapshot,
                chunks,
                view,
            });
        }
        Ok(out)
    }

    /// Stores the view of `doc` read from the stored parts `parts`, replacing the last one.
    /// The view is a cache, so the transaction is not `strict`: losing it costs only time.
    pub async fn put_view(
        &self,
        doc: &str,
        parts: &[String],
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let tx = self.transaction(&[VIEWS], Mode::Cache)?;
        idb::run(&tx, |tx| {
            let object = Object::new();
            Reflect::set(&object, &"doc".into(), &doc.into())?;
            let keys: Array = parts.iter().map(|k| JsValue::from_str(k)).collect();
            Reflect::set(&object, &"parts".into(), &keys)?;
            Reflect::set(&object, &"bytes".into(), &Uint8Array::from(bytes))?;
            tx.object_store(VIEWS)?.put(&object)?;
            Ok(())
        })
        .await
    }

    /// Replaces `doc`'s snapshot by `snapshot_bytes` and deletes exactly the chunks
    /// `replaced_chunk_keys`, in one transaction: after a crash either the old state or the new
    /// one is stored, never a mix.
    ///
    /// `base_snapshot` is the key of the snapshot the new one was built from
    /// ([`StoredParts::snapshot_key`] of the `load` the caller started from). If another tab
    /// compacted in between, the stored snapshot has another key, and this returns
    /// [`StoreError::Conflict`] without writing anything: overwriting that snapshot could
    /// drop the changes of the chunks the other tab deleted. Chunks that are not in
    /// `replaced_chunk_keys` (such as ones another tab wrote meanwhile) stay.
    ///
    /// Returns the key of the new snapshot.
    pub async fn compact(
        &self,
        doc: &str,
        base_snapshot: Option<&str>,
        snapshot_bytes: &[u8],
        replaced_chunk_keys: &[impl AsRef<str>],
    ) -> Result<ChunkKey, StoreError> {
        let new_key = ChunkKey::generate();
        crate::first_view::forget(self.name(), doc);
        let tx = self.transaction(&[SNAPSHOTS, CHUNKS], Mode::ReadWriteStrict)?;
        let done = TxDone::new(&tx);

        let prepared = (|| -> Result<_, JsValue> {
            let snapshots = tx.object_store(SNAPSHOTS)?;
            let chunks = tx.object_store(CHUNKS)?;
            let new_record = record(doc, new_key.as_str(), snapshot_bytes)?;
            let delete_keys = replaced_chunk_keys
                .iter()
                .map(|key| chunk_key(doc, key.as_ref()))
                .collect::<Vec<_>>();
            let current = snapshots.get(&JsValue::from_str(doc))?;
            Ok((snapshots, chunks, new_record, delete_keys, current))
        })();
        let (snapshots, chunks, new_record, delete_keys, current) = match prepared {
            Ok(prepared) => prepared,
            Err(error) => {
                let _ = tx.abort();
                return Err(StoreError::from_js(&error));
            }
        };

        // The check and the writes happen inside the `success` event of the read, while the
        // transaction is certainly active, so no other transaction can come in between.
        let failure: Rc<RefCell<Option<StoreError>>> = Rc::default();
        let expected = base_snapshot.map(str::to_owned);
        let _on_current = {
            let failure = failure.clone();
            let tx = tx.clone();
            let request = current.clone();
            let mut pending = Some((new_record, delete_keys));
            Listener::new(&current, "success", move |_: Event| {
                let Some((new_record, delete_keys)) = pending.take() else {
                    return;
                };
                let stored = request
                    .result()
                    .ok()
                    .filter(|v| !v.is_undefined() && !v.is_null())
                    .and_then(|v| Reflect::get(&v, &"key".into()).ok())
                    .and_then(|k| k.as_string());
                let outcome = if stored != expected {
                    Err(StoreError::Conflict)
                } else {
                    (|| -> Result<(), JsValue> {
                        snapshots.put(&new_record)?;
                        for key in &delete_keys {
                            chunks.delete(key)?;
                        }
                        Ok(())
                    })()
                    .map_err(|e| StoreError::from_js(&e))
                };
                if let Err(error) = outcome {
                    *failure.borrow_mut() = Some(error);
                    let _ = tx.abort();
                }
            })
        };

        match done.wait().await {
            Ok(()) => Ok(new_key),
            Err(error) => Err(failure.borrow_mut().take().unwrap_or(error)),
        }
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: Mode,
    ) -> Result<web_sys::IdbTransaction, StoreError> {
        self.connection.transaction(stores, mode)
    }
}

/// Deletes a space's whole database (every document in it). [`StoreError::Blocked`] if a
/// connection elsewhere stays open; the deletion then completes once it closes. Open
/// [`DocStore`]s close themselves when another tab deletes their database.
pub async fn delete_database(db_name: &str) -> Result<(), StoreError> {
    crate::first_view::forget_all(db_name);
    idb::delete_database(db_name).await
}

/// A connection to a space's database at the current version (also used by
/// [`BlobStore`](crate::BlobStore), which keeps its stores in the same database).
pub(crate) async fn open_connection(db_name: &str) -> Result<idb::Connection, StoreError> {
    idb::Connection::open(db_name, VERSION, upgrade).await
}

/// Creates the object stores of versions 1, 2 and 3; an upgrade keeps what is stored.
fn upgrade(db: &IdbDatabase, old_version: f64) -> Result<(), JsValue> {
    if old_version < 1.0 {
        let snapshots = IdbObjectStoreParameters::new();
        snapshots.set_key_path(&JsValue::from_str("doc"));
        db.create_object_store_with_optional_parameters(SNAPSHOTS, &snapshots)?;

        let chunks = IdbObjectStoreParameters::new();
        chunks.set_key_path(&Array::of2(&"doc".into(), &"key".into()));
        db.create_object_store_with_optional_parameters(CHUNKS, &chunks)?;
    }
    if old_version < 2.0 {
        let views = IdbObjectStoreParameters::new();
        views.set_key_path(&JsValue::from_str("doc"));
        db.create_object_store_with_optional_parameters(VIEWS, &views)?;
    }
    if old_version < 3.0 {
        crate::blob_store::create_stores(db)?;
    }
    Ok(())
}

/// One document's parts from the early script's read of every stored record (see
/// [`crate::early_open`]): `{ snapshots, chunks, views }`, chunks in key order.
fn early_parts(read: &JsValue, doc: &str) -> Result<StoredParts, StoreError> {
    let of_doc = |store: &str| -> Vec<JsValue> {
        Reflect::get(read, &store.into())
            .ok()
            .and_then(|a| a.dyn_into::<Array>().ok())
            .map(|a| {
                a.iter()
                    .filter(|r| {
                        Reflect::get(r, &"doc".into())
                            .ok()
                            .and_then(|d| d.as_string())
                            .as_deref()
                            == Some(doc)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(StoredParts {
        snapshot: of_doc(SNAPSHOTS).first().map(parse_record).transpose()?,
        chunks: of_doc(CHUNKS)
            .iter()
            .map(parse_record)
            .collect::<Result<_, _>>()?,
        view: of_doc(VIEWS).first().and_then(parse_view),
    })
}

fn parse_view(value: &JsValue) -> Option<StoredView> {
    let parts = Reflect::get(value, &"parts".into())
        .ok()?
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .map(|k| k.as_string())
        .collect::<Option<Vec<_>>>()?;
    let bytes = Reflect::get(value, &"bytes".into())
        .ok()?
        .dyn_into::<Uint8Array>()
        .ok()?
        .to_vec();
    Some(StoredView { parts, bytes })
}

/// `{ doc, key, bytes }` with `bytes` as a `Uint8Array` (stored by structured clone).
fn record(doc: &str, key: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"doc".into(), &doc.into())?;
    Reflect::set(&object, &"key".into(), &key.into())?;
    Reflect::set(&object, &"bytes".into(), &Uint8Array::from(bytes))?;
    Ok(object.into())
}

fn parse_record(value: &JsValue) -> Result<StoredChunk, StoreError> {
    let malformed = || StoreError::Other(format!("malformed record: {}", describe_js(value)));
    let key = Reflect::get(value, &"key".into())
        .ok()
        .and_then(|k| k.as_string())
        .ok_or_else(malformed)?;
    let bytes = Reflect::get(value, &"bytes".into())
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .ok_or_else(malformed)?
        .to_vec();
    Ok(StoredChunk { key, bytes })
}

/// The primary key of a chunk: `[doc, key]`.
fn chunk_key(doc: &str, key: &str) -> JsValue {
    Array::of2(&doc.into(), &key.into()).into()
}

/// All chunk keys of `doc`: from `[doc]` (below every `[doc, string]`) to `[doc, []]` (above
/// every `[doc, string]`, since arrays sort after strings).
fn chunk_range(doc: &str) -> Result<IdbKeyRange, JsValue> {
    IdbKeyRange::bound(
        &Array::of1(&doc.into()),
        &Array::of2(&doc.into(), &Array::new()),
    )
}
