//! One search over the library: titles, summaries, tags, numbers, issuing bodies, file
//! names and the text extracted from attached files (passed in by blob id, since the core
//! reads no file). Text folds case and Kyrgyz/Russian letters ([`text::fold`]); numbers also
//! fold Latin look-alike letters and separators ([`text::fold_number`]).
//!
//! [`LibraryIndex`] folds every document once, so that each query only scans prepared text,
//! and after a change folds only the documents that changed.

use super::blob::BlobId;
use super::document::LibraryDocument;
use crate::date::Date;
use crate::text;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

struct Entry {
    id: String,
    /// What was folded: the document as it was, and the length of each file's extracted
    /// text (none while not extracted). A later index reuses the entry while both are the
    /// same; a blob's text never changes, since a blob's id is the hash of its bytes.
    document: LibraryDocument,
    texts: Vec<Option<usize>>,
    /// Every searchable field, folded, one per line.
    text: String,
    /// The number, folded as a number.
    number: String,
}

impl Entry {
    fn fold(id: &str, d: &LibraryDocument, texts: &HashMap<BlobId, String>) -> Entry {
        let mut fields: Vec<&str> = vec![&d.title, &d.summary, &d.number, &d.issued_by];
        fields.extend(d.tags.iter().map(String::as_str));
        for f in &d.files {
            fields.push(&f.file_name);
            if let Some(t) = texts.get(&f.blob) {
                fields.push(t);
            }
        }
        Entry {
            id: id.to_string(),
            document: d.clone(),
            texts: text_lengths(d, texts),
            text: text::fold(&fields.join("\n")),
            number: text::fold_number(&d.number),
        }
    }
}

fn text_lengths(d: &LibraryDocument, texts: &HashMap<BlobId, String>) -> Vec<Option<usize>> {
    d.files
        .iter()
        .map(|f| texts.get(&f.blob).map(String::len))
        .collect()
}

/// The library's documents folded for search (removed ones included: the query decides).
/// Folding is the costly part (about a second for 2,000 documents with their files' text),
/// so a changed library gets a new index through [`LibraryIndex::updated`], which folds only
/// what changed.
#[derive(Default)]
pub struct LibraryIndex {
    entries: Vec<Arc<Entry>>,
    folded: usize,
}

impl LibraryIndex {
    /// Folds every document; `texts` holds the text extracted from files, by blob.
    pub fn new<'a>(
        documents: impl IntoIterator<Item = (&'a String, &'a LibraryDocument)>,
        texts: &HashMap<BlobId, String>,
    ) -> LibraryIndex {
        LibraryIndex::default().updated(documents, texts)
    }

    /// The index of `documents` (the whole library, as [`LibraryIndex::new`] takes it),
    /// reusing this index's entries for the documents that did not change and whose files'
    /// texts are as they were; only the others are folded.
    pub fn updated<'a>(
        &self,
        documents: impl IntoIterator<Item = (&'a String, &'a LibraryDocument)>,
        texts: &HashMap<BlobId, String>,
    ) -> LibraryIndex {
        let known: HashMap<&str, &Arc<Entry>> =
            self.entries.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut folded = 0;
        let entries = documents
            .into_iter()
            .map(|(id, d)| match known.get(id.as_str()) {
                Some(e) if e.document == *d && e.texts == text_lengths(d, texts) => Arc::clone(e),
                _ => {
                    folded += 1;
                    Arc::new(Entry::fold(id, d, texts))
                }
            })
            .collect();
        LibraryIndex { entries, folded }
    }

    /// How many documents building this index folded; the others it reused.
    pub fn folded(&self) -> usize {
        self.folded
    }

    /// Ids of the documents that match `query`, in index order; all for a blank query.
    pub fn search(&self, query: &str) -> Vec<&str> {
        let query = Prepared::new(query);
        self.entries
            .iter()
            .filter(|e| query.matches(&e.text, &e.number))
            .map(|e| e.id.as_str())
            .collect()
    }
}

/// A query folded once.
struct Prepared {
    /// The whole query as a number (`№ 15 - П` → `15п`).
    number: String,
    /// Each word folded, with its number folding.
    words: Vec<(String, String)>,
}

impl Prepared {
    fn new(query: &str) -> Prepared {
        let words = text::fold(query)
            .split_whitespace()
            .map(|w| (w.to_string(), text::fold_number(w)))
            // A word of separators alone (a lone `№` or dash) asks for nothing.
            .filter(|(_, n)| !n.is_empty())
            .collect();
        Prepared {
            number: text::fold_number(query),
            words,
        }
    }

    fn matches(&self, text: &str, number: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        if !number.is_empty() && number.contains(&self.number) {
            return true;
        }
        self.words
            .iter()
            .all(|(word, as_number)| text.contains(word.as_str()) || number.contains(as_number))
    }
}

/// Does one document match `query`? (For a single check; lists use [`LibraryIndex`].)
pub fn matches(query: &str, document: &LibraryDocument, texts: &HashMap<BlobId, String>) -> bool {
    let entry = Entry::fold("", document, texts);
    Prepared::new(query).matches(&entry.text, &entry.number)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LibrarySort {
    /// By the document's date (else its start of validity), newest first, undated last.
    #[default]
    Newest,
    Title,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryQuery {
    pub search: String,
    /// A kind id (a section).
    pub kind: Option<String>,
    /// Documents that concern this association.
    pub association: Option<String>,
    /// A tag, compared folded.
    pub tag: Option<String>,
    /// Only documents in force on this day.
    pub in_force_on: Option<Date>,
    pub removed: bool,
    pub sort: LibrarySort,
}

impl LibraryQuery {
    pub fn accepts(&self, d: &LibraryDocument) -> bool {
        d.is_removed() == self.removed
            && self.kind.as_deref().is_none_or(|k| d.kind == k)
            && self
                .association
                .as_deref()
                .is_none_or(|a| d.associations.iter().any(|x| x == a))
            && self.tag.as_deref().is_none_or(|t| {
                let t = text::fold(t);
                d.tags.iter().any(|x| text::fold(x) == t)
            })
            && self.in_force_on.is_none_or(|day| d.in_force(day))
    }

    /// The documents that pass the filters and the search (through `index`, built from the
    /// same documents), sorted.
    pub fn run<'a>(
        &self,
        documents: impl IntoIterator<Item = (&'a String, &'a LibraryDocument)>,
        index: &LibraryIndex,
    ) -> Vec<(&'a String, &'a LibraryDocument)> {
        let found: Option<HashSet<&str>> = (!self.search.trim().is_empty())
            .then(|| index.search(&self.search).into_iter().collect());
        let mut rows: Vec<_> = documents
            .into_iter()
            .filter(|(id, d)| {
                self.accepts(d) && found.as_ref().is_none_or(|f| f.contains(id.as_str()))
            })
            .collect();
        let dated = |d: &LibraryDocument| d.date.or(d.valid_from);
        crate::order::sort_by(&mut rows, |(ia, a), (ib, b)| {
            let primary = match self.sort {
                LibrarySort::Newest => match (dated(a), dated(b)) {
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                LibrarySort::Title => Ordering::Equal,
            };
            primary
                .then_with(|| text::collate(&a.title, &b.title))
                .then_with(|| ia.cmp(ib))
        });
        rows
    }
}
