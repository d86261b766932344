//! The store's side of sync (`crate::sync`): the open documents as the sync engine's
//! [`Documents`], storing what it applied, and this device's relay settings.

use super::{Identity, Space, Status, persist, read, write};
use kenesh_core::sync::Documents;
use kenesh_core::{DocKind, Document};
use kenesh_platform::DocStore;
use std::collections::HashMap;

/// The documents of the open space, by their sync name (each loaded when first asked for).
struct Slots<'a>(&'a mut Space);

impl Documents for Slots<'_> {
    fn names(&self) -> Vec<String> {
        DocKind::ALL.iter().map(|k| k.name().to_string()).collect()
    }

    /// `None` for a document that could not be opened: the engine never sees its stand-in.
    fn document(&mut self, name: &str) -> Option<&mut Document> {
        let kind = DocKind::from_name(name)?;
        let slot = self.0.slot(kind);
        (!slot.unopenable).then(|| slot.doc())
    }
}

/// Runs `f` on the open space's documents (the sync engine's view of them).
pub fn with_docs<R>(f: impl FnOnce(&mut dyn Documents) -> R) -> R {
    write(|s: &mut Space| f(&mut Slots(s)))
}

/// Stores every pending change of the open documents and waits until the writes ended,
/// those another caller started included. True when nothing is left pending (false: a full
/// disk or a failed write, which the status bar shows).
pub async fn store_all(status: Status) -> bool {
    let mut stored = Vec::new();
    for kind in DocKind::ALL {
        // Told by this call or by the one already running (at once for a document that is
        // not loaded: it has nothing to store).
        stored.push(write(|s| {
            s.slots
                .get_mut(&kind)
                .expect("every kind is open")
                .wait_stored()
        }));
        persist::persist(kind, status).await;
    }
    for told in stored {
        let _ = told.await;
    }
    !super::has_pending()
}

/// This device's identity as the open space knows it.
pub fn identity() -> Identity {
    read(|s| s.identity.clone())
}

/// Changes this device's identity (its key, its relay) and keeps it in localStorage.
pub fn update_identity(f: impl FnOnce(&mut Identity)) -> Result<Identity, String> {
    let mut identity = identity();
    f(&mut identity);
    identity.save().map_err(|e| e.to_string())?;
    write(|s| s.identity = identity.clone());
    Ok(identity)
}

/// Stores the documents a device got by joining (not yet open anywhere), keeps its
/// identity and opens the space in this tab. The sync engine's state is stored by the
/// caller after this, so a crash in between costs only a repeated pull.
pub async fn create_joined(
    identity: Identity,
    mut docs: HashMap<DocKind, Document>,
    status: Status,
) -> Result<(), String> {
    let idb = DocStore::open(&identity.db_name())
        .await
        .map_err(|e| e.to_string())?;
    for doc in docs.values_mut() {
        if let Some(chunk) = doc.pending() {
            idb.append_chunk(doc.kind().name(), &chunk.bytes)
                .await
                .map_err(|e| e.to_string())?;
            doc.mark_durable(&chunk);
        }
    }
    drop(idb);
    identity.save().map_err(|e| e.to_string())?;
    super::open(identity, status).await
}
