//! Reading the library document for the screens.

use crate::i18n::{Key, Lang};
use crate::store;
use kenesh_core::DocKind;
use kenesh_core::library::{BlobId, LibraryDocument, LibraryIndex, LibraryKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

thread_local! {
    /// The search index last built, kept while the list is closed too: opening it again
    /// after editing a document folds only that document.
    static INDEX: RefCell<Option<Arc<LibraryIndex>>> = const { RefCell::new(None) };
}

/// Every library document, removed ones included, by id.
pub fn documents() -> HashMap<String, LibraryDocument> {
    store::records(DocKind::Library)
}

/// The search index of `documents` with the files' `texts`: the last index built, updated
/// (see [`LibraryIndex::updated`]).
pub fn search_index(
    documents: &HashMap<String, LibraryDocument>,
    texts: &HashMap<BlobId, String>,
) -> Arc<LibraryIndex> {
    INDEX.with(|last| {
        let mut last = last.borrow_mut();
        let index = Arc::new(match last.as_deref() {
            Some(last) => last.updated(documents, texts),
            None => LibraryIndex::new(documents, texts),
        });
        *last = Some(Arc::clone(&index));
        index
    })
}

pub fn document(id: &str) -> Option<LibraryDocument> {
    store::read(|s| s.doc(DocKind::Library).get(id).ok().flatten())
}

/// The space's kinds (sections) that are not removed, in their order. The seeded kinds
/// count even before a device stored them: their ids are the same everywhere, and the
/// first document of a kind stores it (see [`missing_kind`]).
pub fn kinds() -> Vec<(String, LibraryKind)> {
    let mut stored: HashMap<String, LibraryKind> = store::records(DocKind::Library);
    for (id, kind) in LibraryKind::defaults() {
        stored.entry(id).or_insert(kind);
    }
    let mut all: Vec<(String, LibraryKind)> = stored
        .into_iter()
        .filter(|(_, k)| k.removed.is_none())
        .collect();
    kenesh_core::order::sort_by(&mut all, |a, b| {
        a.1.order.cmp(&b.1.order).then_with(|| a.0.cmp(&b.0))
    });
    all
}

/// The seeded kind `id` if the library document does not hold it yet: it is stored with
/// the first document of that kind.
pub fn missing_kind(id: &str) -> Option<LibraryKind> {
    let stored: Option<LibraryKind> =
        store::read(|s| s.doc(DocKind::Library).get(id).ok().flatten());
    if stored.is_some() {
        return None;
    }
    LibraryKind::defaults()
        .into_iter()
        .find(|(k, _)| k == id)
        .map(|(_, kind)| kind)
}

/// A kind's name in a language; an unknown id shows as itself.
pub fn kind_name(kinds: &[(String, LibraryKind)], id: &str, lang: Lang) -> String {
    kinds
        .iter()
        .find(|(k, _)| k == id)
        .map(|(_, k)| k.name.get(lang.code()).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// A size in bytes as people read it: `512 bytes`, `12.5 KB`, `3.4 MB`.
pub fn size_text(bytes: u64, lang: Lang) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} {}", lang.text(Key::LibraryBytes))
    } else if b < KB * KB {
        format!("{:.1} {}", b / KB, lang.text(Key::LibraryKb))
    } else {
        format!("{:.1} {}", b / (KB * KB), lang.text(Key::LibraryMb))
    }
}
