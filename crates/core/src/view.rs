//! A view: the records of one collection as read at some heads, kept beside the stored
//! document so that opening the space can draw its first screen before Automerge has
//! loaded the document and autosurgeon has read every record (the slow part of opening).
//!
//! A view is a cache. The adapter stores it with the keys of the stored parts it was read
//! from and uses it only while exactly those parts are stored; once the document is loaded,
//! [`Document::seed`] takes the view's records only if its heads are in the document, and
//! [`Document::all`] then re-reads just the records changed since.

use crate::document::{DocError, Document, Record};
use automerge::ChangeHash;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct View<T> {
    /// The heads the records were read at, as hex.
    heads: Vec<String>,
    pub records: HashMap<String, T>,
}

#[derive(Debug, thiserror::Error)]
#[error("the stored view cannot be read: {0}")]
pub struct ViewError(#[from] serde_json::Error);

impl<T: Serialize + DeserializeOwned> View<T> {
    pub fn decode(bytes: &[u8]) -> Result<View<T>, ViewError> {
        Ok(serde_json::from_slice(bytes)?)
    }

    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("records serialize")
    }
}

impl<T> View<T> {
    /// The heads, or `None` if one is not a change hash.
    pub(crate) fn heads(&self) -> Option<Vec<ChangeHash>> {
        self.heads.iter().map(|h| h.parse().ok()).collect()
    }
}

impl Document {
    /// The view of the collection of `T` as of the document's current heads.
    pub fn view<T: Record + Serialize + DeserializeOwned>(&mut self) -> Result<View<T>, DocError> {
        let heads = self.heads().iter().map(ChangeHash::to_string).collect();
        Ok(View {
            heads,
            records: self.all::<T>()?,
        })
    }
}
