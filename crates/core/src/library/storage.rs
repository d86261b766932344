//! Storage used by the library's files, computed from the records. A blob is stored once
//! however many documents attach it, so it counts once in the total and once in each
//! section (kind) that has it.

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
