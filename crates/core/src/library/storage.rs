//! Storage used by the library's files, computed from the records. A blob is stored once
//! however many documents attach it, so it counts once in the total and once in each
//! section (kind) that has it. Files no document names are found for removal from the
//! device ([`unused_files`]).

use super::blob::BlobId;
use super::document::LibraryDocument;
use std::collections::{BTreeMap, BTreeSet};

/// One stored file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileUsage {
    pub blob: BlobId,
    pub size: u64,
    /// How many documents attach it.
    pub documents: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StorageUsage {
    /// Bytes of all distinct blobs.
    pub total: u64,
    /// Bytes of the distinct blobs of each section, by kind id.
    pub by_kind: BTreeMap<String, u64>,
    /// Every distinct blob, largest first.
    pub files: Vec<FileUsage>,
}

/// The storage used by the files of the documents that are not removed.
pub fn storage_usage<'a>(
    documents: impl IntoIterator<Item = (&'a String, &'a LibraryDocument)>,
) -> StorageUsage {
    let mut files: BTreeMap<&BlobId, FileUsage> = BTreeMap::new();
    let mut sections: BTreeMap<&str, BTreeSet<&BlobId>> = BTreeMap::new();
    for (_, d) in documents.into_iter().filter(|(_, d)| !d.is_removed()) {
        let mut seen_here = BTreeSet::new();
        for f in &d.files {
            sections.entry(d.kind.as_str()).or_default().insert(&f.blob);
            let usage = files.entry(&f.blob).or_insert_with(|| FileUsage {
                blob: f.blob.clone(),
                size: f.size,
                documents: 0,
            });
            if seen_here.insert(&f.blob) {
                usage.documents += 1;
            }
        }
    }
    let size = |b: &BlobId| files.get(b).map_or(0, |f| f.size);
    let by_kind = sections
        .iter()
        .map(|(kind, blobs)| (kind.to_string(), blobs.iter().map(|b| size(b)).sum()))
        .collect();
    let total = files.values().map(|f| f.size).sum();
    let mut files: Vec<FileUsage> = files.into_values().collect();
    crate::order::sort_by(&mut files, |a, b| {
        b.size.cmp(&a.size).then_with(|| a.blob.cmp(&b.blob))
    });
    StorageUsage {
        total,
        by_kind,
        files,
    }
}

/// How long a stored file that no document names is kept: a form stores its file before the
/// record names it, in this tab or in another one.
pub const UNUSED_FILE_GRACE_MS: u64 = 7 * 24 * 3600 * 1000;

/// The files stored on this device that no document names and that were stored more than
/// [`UNUSED_FILE_GRACE_MS`] before `now_ms`: files taken off their document, or stored by
/// a form whose record was then not saved. Removed documents still name their files (they
/// can be restored). `stored` lists each file here with when it was stored; a file of
/// unknown age is kept.
pub fn unused_files<'a>(
    documents: impl IntoIterator<Item = (&'a String, &'a LibraryDocument)>,
    stored: impl IntoIterator<Item = (BlobId, Option<u64>)>,
    now_ms: u64,
) -> Vec<BlobId> {
    let named: BTreeSet<&BlobId> = documents
        .into_iter()
        .flat_map(|(_, d)| d.files.iter().map(|f| &f.blob))
        .collect();
    stored
        .into_iter()
        .filter(|(blob, at)| {
            !named.contains(blob)
                && at.is_some_and(|at| now_ms.saturating_sub(at) > UNUSED_FILE_GRACE_MS)
        })
        .map(|(blob, _)| blob)
        .collect()
}
