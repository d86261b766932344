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
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Stored as a line of JSON naming the heads and each section's length, then the sections
/// one after another in postcard: opening reads the small header and decodes only the
/// sections it asks for, without scanning the rest. Postcard does not name fields, so a
/// section is read only by the build that wrote it: [`FORMAT`] changes with every change of
/// a type stored in views (the test `view_shapes_are_pinned` says when).
#[derive(Debug)]
pub struct View {
    /// The heads it was read at, as hex.
    heads: Vec<String>,
    /// Where each section's JSON lies in `body`: a collection's records under the
    /// collection's key, a root value under its key.
    sections: BTreeMap<String, Range<usize>>,
    body: Vec<u8>,
}

/// The first line of a stored view.
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    heads: Vec<String>,
    /// Each section's key and length in bytes, in the order of the body.
    sections: Vec<(String, usize)>,
}

/// Views of another format are not read (they are caches: the document loads instead).
/// 3: sections in postcard (2: in JSON).
pub const FORMAT: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("the stored view cannot be read: {0}")]
    Header(#[from] serde_json::Error),
    #[error("a section of the stored view cannot be read: {0}")]
    Section(#[from] postcard::Error),
    #[error("the stored view is not of this version of the app")]
    Format,
}

impl View {
    pub fn decode(bytes: &[u8]) -> Result<View, ViewError> {
        let line = bytes
            .iter()
            .position(|&b| b == b'\n')
            .ok_or(ViewError::Format)?;
        let header: Header = serde_json::from_slice(&bytes[..line])?;
        if header.format != FORMAT {
            return Err(ViewError::Format);
        }
        let body = bytes[line + 1..].to_vec();
        let mut sections = BTreeMap::new();
        let mut at = 0;
        for (key, len) in header.sections {
            let end = at + len;
            if end > body.len() {
                return Err(ViewError::Format);
            }
            sections.insert(key, at..end);
            at = end;
        }
        Ok(View {
            heads: header.heads,
            sections,
            body,
        })
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut order: Vec<(&String, &Range<usize>)> = self.sections.iter().collect();
        crate::order::sort_by_key(&mut order, |(_, r)| r.start);
        let header = Header {
            format: FORMAT,
            heads: self.heads.clone(),
            sections: order.iter().map(|(k, r)| ((*k).clone(), r.len())).collect(),
        };
        let mut out = serde_json::to_vec(&header).expect("a view header serializes");
        out.push(b'\n');
        for (_, range) in order {
            out.extend_from_slice(&self.body[range.clone()]);
        }
        out
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
        let Some(range) = self.sections.get(key) else {
            return Ok(None);
        };
        // A section of another shape rarely decodes to its very end.
        match postcard::take_from_bytes(&self.body[range.clone()])? {
            (value, []) => Ok(Some(value)),
            _ => Err(ViewError::Format),
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

    /// Adds (or replaces: the old bytes stay unused in the body until encoded) a section.
    fn put(&mut self, key: &str, value: &impl Serialize) {
        let start = self.body.len();
        self.body =
            postcard::to_extend(value, std::mem::take(&mut self.body)).expect("records serialize");
        self.sections
            .insert(key.to_string(), start..self.body.len());
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
            body: Vec::new(),
        }
    }
}
