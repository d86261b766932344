//! Storing edits: each pending change goes to IndexedDB as its own chunk in one
//! transaction, then to the other tabs; many chunks are compacted into a snapshot once the
//! edits pause (see `view::keep`), so a compaction never holds up an edit.

use super::status::{SaveState, Status};
use super::{Part, Space, Stored, write};
use kenesh_core::DocKind;
use kenesh_platform::{Message, StoreError};
use leptos::prelude::Set;

/// After this many chunks a document is compacted into a new snapshot, once the edits pause.
const COMPACT_AFTER: usize = 64;

/// After this many a document is compacted even while edits go on (a long run of changes
/// from a colleague, say), once the edits stored so far are told.
const COMPACT_NOW_AFTER: usize = 4 * COMPACT_AFTER;

/// Stores what is pending of one document. Runs once at a time per document: a call while
/// one is running asks it to go round again.
pub(super) async fn persist(kind: DocKind, status: Status) {
    let start = write(|s| {
        let slot = s.slots.get_mut(&kind).expect("every kind is open");
        // A document not loaded yet has no edits to store; one that could not be opened
        // has nothing that may be stored, so edits waiting on it go on.
        if slot.unloaded.is_some() || slot.unopenable {
            slot.tell_stored();
            return false;
        }
        if slot.busy {
            slot.again = true;
            false
        } else {
            slot.busy = true;
            true
        }
    });
    if !start {
        return;
    }
    show_saving_if_slow(kind, status);
    let mut outcome = SaveState::Saved;
    loop {
        let (idb, pending) = write(|s| {
            let idb = s.idb.clone();
            let slot = s.slot(kind);
            slot.again = false;
            (idb, slot.doc().pending())
        });
        let Some(chunk) = pending else {
            break;
        };
        match idb.append_chunk(kind.name(), &chunk.bytes).await {
            Ok(key) => write(|s| {
                let slot = s.slot(kind);
                slot.doc().mark_durable(&chunk);
                slot.stored.chunks.push(Part {
                    key: key.as_str().to_string(),
                    size: chunk.bytes.len(),
                });
                if let Some(b) = &s.broadcast {
                    let _ = b.post(&Message {
                        doc: kind.name().to_string(),
                        bytes: chunk.bytes,
                    });
                }
            }),
            Err(StoreError::QuotaExceeded) => {
                outcome = SaveState::QuotaFull;
                break;
            }
            Err(e) => {
                outcome = SaveState::Failed(e.to_string());
                break;
            }
        }
    }
    // Every edit made so far is stored, or storing failed and the status bar says so.
    let overdue = write(|s| {
        let slot = s.slot(kind);
        slot.tell_stored();
        slot.stored.chunks.len() >= COMPACT_NOW_AFTER
    });
    if outcome == SaveState::Saved && overdue {
        kenesh_platform::sleep(0).await;
        compact_if_due(kind).await;
    }
    let again = write(|s| {
        let slot = s.slot(kind);
        slot.busy = false;
        // After a failed write this call does not go round again: edits that came during
        // it are told now (the status bar says the write failed), not at some later write.
        if outcome != SaveState::Saved {
            slot.tell_stored();
        }
        slot.again
    });
    status.save.set(outcome.clone());
    if outcome == SaveState::Saved {
        if again {
            Box::pin(persist(kind, status)).await;
        } else {
            super::view::keep(kind);
        }
    }
}

/// How long a write may take before the status bar says "Saving…". Most take about 10 ms:
/// showing it for each would draw the page twice while the write commits, which made the
/// edits' slowest writes about 3 ms slower (BENCHMARKS.md, 2026-11-27).
const SHOW_SAVING_AFTER_MS: u32 = 300;

/// Shows "Saving…" if this document is still being written after a while.
fn show_saving_if_slow(kind: DocKind, status: Status) {
    leptos::task::spawn_local(async move {
        kenesh_platform::sleep(SHOW_SAVING_AFTER_MS).await;
        if write(|s| s.slot(kind).busy) {
            status.save.set(SaveState::Saving);
        }
    });
}

/// Compacts the document if it is due, unless a write runs: edits made meanwhile wait for the
/// compaction as they wait for a write, and are stored after it.
pub(super) async fn compact(kind: DocKind) {
    let start = write(|s| {
        let slot = s.slot(kind);
        !std::mem::replace(&mut slot.busy, true)
    });
    if !start {
        return;
    }
    compact_if_due(kind).await;
    let (again, status) = write(|s| {
        let slot = s.slot(kind);
        slot.busy = false;
        (slot.again, s.status)
    });
    if again {
        persist(kind, status).await;
    }
}

/// Replaces the chunks this tab knows by one snapshot, in one transaction. Skipped while a
/// stored part is unreadable, so nothing is overwritten to "repair" it, and for a document
/// that could not be opened (its slot holds an empty document, never to be stored).
async fn compact_if_due(kind: DocKind) {
    let job = write(|s: &mut Space| {
        let idb = s.idb.clone();
        let slot = s.slot(kind);
        let due = slot.stored.chunks.len() >= COMPACT_AFTER
            && slot.corrupt.is_empty()
            && !slot.unopenable;
        due.then(|| {
            let replaced: Vec<String> = slot.stored.chunks.iter().map(|p| p.key.clone()).collect();
            let base = slot.stored.snapshot.as_ref().map(|p| p.key.clone());
            (idb, base, slot.doc().save(), replaced)
        })
    });
    let Some((idb, base, snapshot, replaced)) = job else {
        return;
    };
    match idb
        .compact(kind.name(), base.as_deref(), &snapshot, &replaced)
        .await
    {
        Ok(key) => write(|s| {
            let slot = s.slot(kind);
            slot.stored.snapshot = Some(Part {
                key: key.as_str().to_string(),
                size: snapshot.len(),
            });
            slot.stored.chunks.retain(|p| !replaced.contains(&p.key));
        }),
        // Another tab compacted first: learn what is stored now and try another time.
        Err(StoreError::Conflict) => {
            if let Ok(parts) = idb.load(kind.name()).await {
                write(|s| {
                    let slot = s.slot(kind);
                    for part in parts.snapshot.iter().chain(&parts.chunks) {
                        let _ = slot.doc().apply(&part.bytes, true);
                    }
                    slot.stored = Stored::of(&parts);
                });
            }
        }
        Err(_) => {}
    }
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

thread_local! {
    static EDITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Marks the start of an edit, for the edit-to-durable benchmark.
pub(super) fn mark_edit_start() -> String {
    let name = format!("kenesh-edit-{}", EDITS.with(|n| n.replace(n.get() + 1)));
    if let Some(p) = performance() {
        let _ = p.mark(&name);
    }
    name
}

/// Records how long an edit took to become durable, as a `kenesh-edit-durable` measure.
pub(super) fn measure_edit(start_mark: String) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark("kenesh-edit-durable", &start_mark);
        p.clear_marks_with_mark_name(&start_mark);
    }
}
