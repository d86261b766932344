//! Attached files in IndexedDB, beside the documents of the space (the same database as
//! [`DocStore`](crate::DocStore), from its version 3), as content-addressed blobs.
//!
//! - `blobs`, key path `id`: `{ id, bytes }`: a file's plaintext under its id (the SHA-256
//!   of the bytes, chosen by the caller);
//! - `blob_meta`, key path `id`: `{ id, sealed, size, uploaded }`: the relay's id of the
//!   sealed file, its size, and whether the relay has it; listed without reading bytes;
//! - `blob_texts`, key path `id`: `{ id, text }`: the text extracted from the file, for
//!   search.
//!
//! A blob is written in one `strict` transaction over the three stores: a write that fails
//! (a full quota: [`StoreError::QuotaExceeded`]) leaves nothing of it behind. A caller
//! names a blob in a record only after [`BlobStore::put`] resolved, so no record ever
//! references a half-stored blob.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbRequest};

use crate::error::StoreError;
use crate::idb::{self, Mode};

const BLOBS: &str = "blobs";
const META: &str = "blob_meta";
const TEXTS: &str = "blob_texts";

/// What is known of a stored blob, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobMeta {
    /// The id of the plaintext (64 hex digits).
    pub id: String,
    /// The relay's id of the sealed file, when it is known.
    pub sealed: Option<String>,
    pub size: u64,
    /// The relay has it (uploaded from here, or downloaded from it).
    pub uploaded: bool,
    /// When it was stored here (Unix ms); unknown for blobs stored before this was kept.
    pub stored_ms: Option<u64>,
}

/// Creates the blob stores (the upgrade of the space's database to version 3).
pub(crate) fn create_stores(db: &IdbDatabase) -> Result<(), JsValue> {
    for name in [BLOBS, META, TEXTS] {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        db.create_object_store_with_optional_parameters(name, &params)?;
    }
    Ok(())
}

/// The blobs of one space's database. Dropping it closes the connection; like
/// [`DocStore`](crate::DocStore) it steps aside when another tab upgrades or deletes the
/// database.
#[derive(Debug)]
pub struct BlobStore {
    connection: idb::Connection,
}

impl BlobStore {
    /// Opens (creating or upgrading if needed) the space's database `db_name`.
    pub async fn open(db_name: &str) -> Result<BlobStore, StoreError> {
        Ok(BlobStore {
            connection: crate::doc_store::open_connection(db_name).await?,
        })
    }

    /// Stores a blob's bytes, its meta and (if any) its text in one transaction. Resolves
    /// once it committed; on an error nothing of it is stored.
    pub async fn put(
        &self,
        meta: &BlobMeta,
        bytes: &[u8],
        text: Option<&str>,
    ) -> Result<(), StoreError> {
        let tx = self
            .connection
            .transaction(&[BLOBS, META, TEXTS], Mode::ReadWriteStrict)?;
        idb::run(&tx, |tx| {
            let blob = Object::new();
            Reflect::set(&blob, &"id".into(), &meta.id.as_str().into())?;
            Reflect::set(&blob, &"bytes".into(), &Uint8Array::from(bytes))?;
            tx.object_store(BLOBS)?.put(&blob)?;
            tx.object_store(META)?.put(&meta_record(meta)?)?;
            if let Some(text) = text {
                tx.object_store(TEXTS)?.put(&text_record(&meta.id, text)?)?;
            }
            Ok(())
        })
        .await
    }

    /// The bytes of a blob, `None` when it is not on this device.
    pub async fn bytes(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let value = self.get(BLOBS, id).await?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        Reflect::get(&value, &"bytes".into())
            .ok()
            .and_then(|b| b.dyn_into::<Uint8Array>().ok())
            .map(|b| Some(b.to_vec()))
            .ok_or_else(|| StoreError::Other(format!("malformed blob {id}")))
    }

    /// The meta of every blob stored here.
    pub async fn metas(&self) -> Result<Vec<BlobMeta>, StoreError> {
        Ok(self
            .all(META)
            .await?
            .iter()
            .filter_map(|v| parse_meta(&v))
            .collect())
    }

    /// Records that the relay has the blob `id` (after an upload).
    pub async fn mark_uploaded(&self, meta: &BlobMeta) -> Result<(), StoreError> {
        let tx = self
            .connection
            .transaction(&[META], Mode::ReadWriteStrict)?;
        let uploaded = BlobMeta {
            uploaded: true,
            ..meta.clone()
        };
        idb::run(&tx, |tx| {
            tx.object_store(META)?.put(&meta_record(&uploaded)?)?;
            Ok(())
        })
        .await
    }

    /// Deletes the blobs `ids` (bytes, meta and text) in one transaction.
    pub async fn remove(&self, ids: &[String]) -> Result<(), StoreError> {
        let tx = self
            .connection
            .transaction(&[BLOBS, META, TEXTS], Mode::ReadWriteStrict)?;
        idb::run(&tx, |tx| {
            for id in ids {
                let key = JsValue::from_str(id);
                for store in [BLOBS, META, TEXTS] {
                    tx.object_store(store)?.delete(&key)?;
                }
            }
            Ok(())
        })
        .await
    }

    /// The text extracted from every blob that has one, as `(id, text)`.
    pub async fn texts(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .all(TEXTS)
            .await?
            .iter()
            .filter_map(|v| {
                let id = Reflect::get(&v, &"id".into()).ok()?.as_string()?;
                let text = Reflect::get(&v, &"text".into()).ok()?.as_string()?;
                Some((id, text))
            })
            .collect())
    }

    async fn get(&self, store: &str, id: &str) -> Result<JsValue, StoreError> {
        self.read(store, |s| s.get(&JsValue::from_str(id))).await
    }

    async fn all(&self, store: &str) -> Result<Array, StoreError> {
        self.read(store, |s| s.get_all())
            .await
            .map(|v| Array::from(&v))
    }

    async fn read(
        &self,
        store: &str,
        request: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<JsValue, StoreError> {
        let tx = self.connection.transaction(&[store], Mode::ReadOnly)?;
        let request = idb::run(&tx, |tx| request(&tx.object_store(store)?)).await?;
        request.result().map_err(StoreError::from)
    }
}

fn meta_record(meta: &BlobMeta) -> Result<JsValue, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"id".into(), &meta.id.as_str().into())?;
    let sealed = meta
        .sealed
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    Reflect::set(&object, &"sealed".into(), &sealed)?;
    Reflect::set(&object, &"size".into(), &(meta.size as f64).into())?;
    Reflect::set(&object, &"uploaded".into(), &meta.uploaded.into())?;
    if let Some(stored) = meta.stored_ms {
        Reflect::set(&object, &"stored".into(), &(stored as f64).into())?;
    }
    Ok(object.into())
}

fn parse_meta(value: &JsValue) -> Option<BlobMeta> {
    Some(BlobMeta {
        id: Reflect::get(value, &"id".into()).ok()?.as_string()?,
        sealed: Reflect::get(value, &"sealed".into()).ok()?.as_string(),
        size: Reflect::get(value, &"size".into()).ok()?.as_f64()? as u64,
        uploaded: Reflect::get(value, &"uploaded".into())
            .ok()?
            .as_bool()
            .unwrap_or(false),
        stored_ms: Reflect::get(value, &"stored".into())
            .ok()
            .and_then(|s| s.as_f64())
            .map(|s| s as u64),
    })
}

fn text_record(id: &str, text: &str) -> Result<JsValue, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"id".into(), &id.into())?;
    Reflect::set(&object, &"text".into(), &text.into())?;
    Ok(object.into())
}
