//! A view: what the first screens read of a document (the records of some collections and
//! some root values) as of some heads, kept beside the stored document so that opening the
//! space draws its first screen before Automerge has loaded the document and autosurgeon has
//! read every record (the slow part of opening).
//!
//! A view is a cache. The adapter stores it with the keys of the stored parts it was read
//! from and uses it only while exactly those parts are stored; once the document is loaded,
//! [`Document::seed`] takes its records only if its heads are in the document, and
//! [`Document::all`] then re-reads just the records changed since.

use crate::document::{DocError, Document, Record};
use automerge::ChangeHash;
use autosurgeon::Hydrate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Serialize, Deserialize)]
pub struct View {
    /// The heads it was read at, as hex.
    heads: Vec<String>,
    /// Each collection's records (under the collection's key) and each root value (under its
    /// key), as JSON, decoded only when asked for.
    sections: BTreeMap<String, Box<RawValue>>,
}

#[derive(Debug, thiserror::Error)]
#[error("the stored view cannot be read: {0}")]
pub struct ViewError(#[from] serde_json::Error);

impl View {
    pub fn decode(bytes: &[u8]) -> Result<View, ViewError> {
        Ok(serde_json::from_slice(bytes)?)
    }

    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a view serializes")
    }

    /// The records of `T`'s collection, if the view has them.
    pub fn records<T: Record + DeserializeOwned>(
        &self,
    ) -> Result<Option<HashMap<String, T>>, ViewError> {
        self.section(T::COLLECTION)
    }

    /// The root value under `key`, if the view has it (`Some(None)`: the document has none).
    pub fn root<T: DeserializeOwned>(&self, key: &str) -> Result<Option<Option<T>>, ViewError> {
        self.section(key)
    }

    fn section<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ViewError> {
        match self.sections.get(key) {
            Some(raw) => Ok(Some(serde_json::from_str(raw.get())?)),
            None => Ok(None),
        }
    }

    /// Adds the records of `T`'s collection as `doc` has them now.
    pub fn with_records<T: Record + Serialize>(
        mut self,
        doc: &mut Document,
    ) -> Result<View, DocError> {
        let records = doc.all::<T>()?;
        self.put(T::COLLECTION, &records);
        Ok(self)
    }

    /// Adds the root value under `key` as `doc` has it now.
    pub fn with_root<T: Hydrate + Serialize>(
        mut self,
        doc: &Document,
        key: &str,
    ) -> Result<View, DocError> {
        let value: Option<T> = doc.root(key)?;
        self.put(key, &value);
        Ok(self)
    }

    fn put(&mut self, key: &str, value: &impl Serialize) {
        let json = serde_json::to_string(value).expect("records serialize");
        let raw = RawValue::from_string(json).expect("serde_json writes valid JSON");
        self.sections.insert(key.to_string(), raw);
    }

    /// The heads, or `None` if one is not a change hash.
    pub(crate) fn heads(&self) -> Option<Vec<ChangeHash>> {
        self.heads.iter().map(|h| h.parse().ok()).collect()
    }
}

impl Document {
    /// An empty view at the document's current heads, to fill with [`View::with_records`]
    /// and [`View::with_root`].
    pub fn view(&mut self) -> View {
        View {
            heads: self.heads().iter().map(ChangeHash::to_string).collect(),
            sections: BTreeMap::new(),
        }
    }
}
