//! What the relay is known to have of one document, kept as the heads of that set of
//! changes.
//!
//! The set is every change this device pulled from the relay or pushed to it (and was
//! acknowledged), and it is closed under dependencies: each change in the log has its
//! dependencies earlier in the log or in the same push. So its heads describe it exactly,
//! and "the changes the relay does not have yet" is precisely the changes of the document
//! that are not ancestors of those heads.

use crate::document::Document;
use automerge::ChangeHash;
use std::collections::{BTreeSet, HashSet};

/// The heads among `known` that are in the document (a head the document lacks, after
/// local data was lost, is dropped: its changes are then simply offered again).
pub fn present(doc: &mut Document, known: &[ChangeHash]) -> Vec<ChangeHash> {
    known
        .iter()
        .filter(|h| doc.automerge_mut().get_change_meta_by_hash(h).is_some())
        .copied()
        .collect()
}

/// The changes of the document that are not ancestors of `known`, in causal order, with
/// their dependencies.
pub fn after(doc: &mut Document, known: &[ChangeHash]) -> Vec<(ChangeHash, Vec<ChangeHash>)> {
    let known = present(doc, known);
    doc.automerge_mut()
        .get_changes_meta(&known)
        .into_iter()
        .map(|m| (m.hash, m.deps))
        .collect()
}

/// The heads of the known set once `added` (changes now known to be at the relay) joins
/// it. Changes of `added` that are already known, or not in the document, change nothing.
/// A change whose dependencies are neither known nor added is not counted as known (it
/// would then be offered again, which is harmless), so the set stays closed.
pub fn advance(
    doc: &mut Document,
    known: &[ChangeHash],
    added: impl IntoIterator<Item = ChangeHash>,
) -> Vec<ChangeHash> {
    let added: HashSet<ChangeHash> = added.into_iter().collect();
    let known = present(doc, known);
    if added.is_empty() {
        return sorted(known);
    }
    let unknown = after(doc, &known);
    let unknown_set: HashSet<ChangeHash> = unknown.iter().map(|(h, _)| *h).collect();
    let mut joined: HashSet<ChangeHash> = HashSet::new();
    // Changes come in causal order, so one pass settles it; loop in case they do not.
    loop {
        let before = joined.len();
        for (hash, deps) in &unknown {
            if joined.contains(hash) || !added.contains(hash) {
                continue;
            }
            if deps
                .iter()
                .all(|d| !unknown_set.contains(d) || joined.contains(d))
            {
                joined.insert(*hash);
            }
        }
        if joined.len() == before {
            break;
        }
    }
    let mut heads: BTreeSet<ChangeHash> = known.into_iter().collect();
    for (hash, _) in &unknown {
        if joined.contains(hash) {
            heads.insert(*hash);
        }
    }
    for (hash, deps) in &unknown {
        if joined.contains(hash) {
            for dep in deps {
                heads.remove(dep);
            }
        }
    }
    heads.into_iter().collect()
}

fn sorted(mut heads: Vec<ChangeHash>) -> Vec<ChangeHash> {
    heads.sort_unstable();
    heads.dedup();
    heads
}
