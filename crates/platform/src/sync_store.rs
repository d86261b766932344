//! The sync engine's own state in IndexedDB, beside the documents: small named values
//! (the engine's cursor and known heads, a marker of the entries being applied, when the
//! last snapshot was uploaded).
//!
//! One database per space (the caller names it, e.g. `kenesh-sync-<space id>`), with one
//! object store `values`, key path `name`: `{ name, bytes }`. Every write is one
//! read-write transaction with `durability: "strict"` and resolves after `complete`;
//! [`SyncStore::write`] sets and deletes several values in one transaction, so the engine's
//! state and the marker it clears change together or not at all.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStoreParameters};

use crate::error::{StoreError, describe_js};
use crate::idb::{self, Mode};

const VERSION: u32 = 1;
const VALUES: &str = "values";

/// An open connection to one space's sync database. Dropping it closes the connection.
#[derive(Debug)]
pub struct SyncStore {
    connection: idb::Connection,
}

impl SyncStore {
    /// Opens (creating if needed) the database `db_name`.
    pub async fn open(db_name: &str) -> Result<SyncStore, StoreError> {
        Ok(SyncStore {
            connection: idb::Connection::open(db_name, VERSION, upgrade).await?,
        })
    }

    pub fn name(&self) -> &str {
        self.connection.name()
    }

    /// The value stored under `name`, if any.
    pub async fn get(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.transaction(Mode::ReadOnly)?;
        let request = idb::run(&tx, |tx| {
            tx.object_store(VALUES)?.get(&JsValue::from_str(name))
        })
        .await?;
        let value = request.result()?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        let bytes = Reflect::get(&value, &"bytes".into())
            .ok()
            .and_then(|b| b.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| {
                StoreError::Other(format!("malformed sync value: {}", describe_js(&value)))
            })?;
        Ok(Some(bytes.to_vec()))
    }

    /// Stores `bytes` under `name`, replacing what was there.
    pub async fn put(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        self.write(&[(name, Some(bytes))]).await
    }

    /// Deletes the value under `name` (nothing happens if there is none).
    pub async fn delete(&self, name: &str) -> Result<(), StoreError> {
        self.write(&[(name, None)]).await
    }

    /// Sets (`Some`) and deletes (`None`) several values in one transaction: after a crash
    /// either all of them are written or none.
    pub async fn write(&self, values: &[(&str, Option<&[u8]>)]) -> Result<(), StoreError> {
        let tx = self.transaction(Mode::ReadWriteStrict)?;
        idb::run(&tx, |tx| {
            let store = tx.object_store(VALUES)?;
            for (name, bytes) in values {
                match bytes {
                    Some(bytes) => {
                        let record = Object::new();
                        Reflect::set(&record, &"name".into(), &(*name).into())?;
                        Reflect::set(&record, &"bytes".into(), &Uint8Array::from(*bytes))?;
                        store.put(&record)?;
                    }
                    None => {
                        store.delete(&JsValue::from_str(name))?;
                    }
                }
            }
            Ok(())
        })
        .await
    }

    fn transaction(&self, mode: Mode) -> Result<web_sys::IdbTransaction, StoreError> {
        self.connection.transaction(&[VALUES], mode)
    }
}

fn upgrade(db: &IdbDatabase, old_version: f64) -> Result<(), JsValue> {
    if old_version < 1.0 {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("name"));
        db.create_object_store_with_optional_parameters(VALUES, &params)?;
    }
    Ok(())
}
