//! The open space in this tab: its Automerge documents, where they are stored and how edits
//! reach IndexedDB and the other tabs. This is adapter glue: it joins the core's documents
//! to the platform's IndexedDB store and BroadcastChannel; components call it and read it.

mod identity;
mod persist;
pub mod remote;
mod status;

pub use identity::{Identity, RelayLink};
pub use status::{SaveState, Status};

use kenesh_core::id::{hex, new_id};
use kenesh_core::space::SpaceSetup;
use kenesh_core::{DocError, DocKind, Document, EditContext};
use kenesh_platform::{Broadcast, DocStore, Subscription, now_ms, random_bytes};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A stored part of a document: its key and size in bytes.
#[derive(Clone, Debug, PartialEq)]
struct Part {
    key: String,
    size: usize,
}

/// What this tab knows is stored of a document: the snapshot and the chunks it has loaded
/// or written since.
#[derive(Default)]
struct Stored {
    snapshot: Option<Part>,
    chunks: Vec<Part>,
}

impl Stored {
    fn of(parts: &kenesh_platform::StoredParts) -> Stored {
        let part = |c: &kenesh_platform::StoredChunk| Part {
            key: c.key.clone(),
            size: c.bytes.len(),
        };
        Stored {
            snapshot: parts.snapshot.as_ref().map(part),
            chunks: parts.chunks.iter().map(part).collect(),
        }
    }

    fn bytes(&self) -> usize {
        self.snapshot
            .iter()
            .chain(&self.chunks)
            .map(|p| p.size)
            .sum()
    }
}

/// One document of the space and what is stored of it.
struct Slot {
    doc: Document,
    stored: Stored,
    /// Stored parts that could not be read. While any exist the document is never compacted,
    /// so nothing stored is overwritten.
    corrupt: Vec<String>,
    busy: bool,
    again: bool,
}

pub struct Space {
    identity: Identity,
    idb: Rc<DocStore>,
    slots: HashMap<DocKind, Slot>,
    broadcast: Option<Broadcast>,
    _subscription: Option<Subscription>,
}

thread_local! {
    static SPACE: RefCell<Option<Space>> = const { RefCell::new(None) };
}

/// Reads the open space. Panics if none is open: components under the shell only exist
/// once it is.
pub fn read<R>(f: impl FnOnce(&Space) -> R) -> R {
    SPACE.with(|s| f(s.borrow().as_ref().expect("a space is open")))
}

fn write<R>(f: impl FnOnce(&mut Space) -> R) -> R {
    SPACE.with(|s| f(s.borrow_mut().as_mut().expect("a space is open")))
}

impl Space {
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    pub fn doc(&self, kind: DocKind) -> &Document {
        &self.slots[&kind].doc
    }

    /// Bytes this space takes in IndexedDB, as far as this tab knows.
    pub fn stored_bytes(&self) -> usize {
        self.slots.values().map(|s| s.stored.bytes()).sum()
    }

    /// The stored parts skipped as unreadable, as `document/key`.
    pub fn corrupt_parts(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .slots
            .iter()
            .flat_map(|(k, s)| s.corrupt.iter().map(move |c| format!("{}/{c}", k.name())))
            .collect();
        out.sort();
        out
    }
}

/// Opens the space of `identity` from IndexedDB in this tab.
pub async fn open(identity: Identity, status: Status) -> Result<(), String> {
    let idb = DocStore::open(&identity.db_name())
        .await
        .map_err(|e| e.to_string())?;
    let actor = identity.actor_bytes();
    let mut slots = HashMap::new();
    for kind in DocKind::ALL {
        let parts = idb.load(kind.name()).await.map_err(|e| e.to_string())?;
        let snapshot = parts
            .snapshot
            .as_ref()
            .map(|s| (s.key.as_str(), s.bytes.as_slice()));
        let chunks = parts
            .chunks
            .iter()
            .map(|c| (c.key.as_str(), c.bytes.as_slice()));
        let loaded = Document::load(kind, &actor, snapshot, chunks).map_err(|e| e.to_string())?;
        slots.insert(
            kind,
            Slot {
                doc: loaded.document,
                stored: Stored::of(&parts),
                corrupt: loaded.corrupt,
                busy: false,
                again: false,
            },
        );
    }
    let broadcast = Broadcast::open(&format!("kenesh-{}", identity.space_id)).ok();
    let subscription = broadcast.as_ref().map(|b| {
        b.on_message(move |message| {
            let Some(kind) = DocKind::from_name(&message.doc) else {
                return;
            };
            let applied = write(|s| {
                s.slots
                    .get_mut(&kind)
                    .map(|slot| slot.doc.apply(&message.bytes, true))
            });
            match applied {
                Some(Ok(())) => status.changed(),
                Some(Err(e)) => status.fail(SaveState::Failed(e.to_string())),
                None => {}
            }
        })
    });
    let space = Space {
        identity,
        idb: Rc::new(idb),
        slots,
        broadcast,
        _subscription: subscription,
    };
    SPACE.with(|s| *s.borrow_mut() = Some(space));
    // Documents read and loaded: for the open-offline benchmark's phases.
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("kenesh-space-open");
    }
    status.set_corrupt(read(Space::corrupt_parts));
    status.changed();
    // Anything left pending by an earlier session (there should be none) is stored now.
    for kind in DocKind::ALL {
        persist::persist(kind, status).await;
    }
    Ok(())
}

/// Edits one document: runs `f`, shows the change at once and stores it in the background.
pub fn edit(
    kind: DocKind,
    status: Status,
    f: impl FnOnce(&mut Document, EditContext) -> Result<(), DocError>,
) -> Result<(), DocError> {
    edit_then(kind, status, f, || {})
}

/// Like [`edit`], and runs `then` once the edit is stored (or storing it failed, which the
/// status bar shows): a screen change after a save waits for the write, not the reverse.
pub fn edit_then(
    kind: DocKind,
    status: Status,
    f: impl FnOnce(&mut Document, EditContext) -> Result<(), DocError>,
    then: impl FnOnce() + 'static,
) -> Result<(), DocError> {
    let ctx = EditContext {
        time_ms: now_ms() as i64,
    };
    let started = persist::mark_edit_start();
    write(|s| {
        f(
            &mut s.slots.get_mut(&kind).expect("every kind is open").doc,
            ctx,
        )
    })?;
    status.changed();
    leptos::task::spawn_local(async move {
        persist::persist(kind, status).await;
        persist::measure_edit(started);
        then();
    });
    Ok(())
}

/// Stores every pending change again (after the user freed space).
pub fn retry(status: Status) {
    leptos::task::spawn_local(async move {
        for kind in DocKind::ALL {
            persist::persist(kind, status).await;
        }
    });
}

/// Reads a document of the open space through `&mut` (listing records refreshes its cache).
pub fn with_doc<R>(kind: DocKind, f: impl FnOnce(&mut Document) -> R) -> R {
    write(|s| f(&mut s.slots.get_mut(&kind).expect("every kind is open").doc))
}

/// Is anything not yet stored?
pub fn has_pending() -> bool {
    SPACE.with(|s| {
        s.borrow_mut()
            .as_mut()
            .is_some_and(|space| space.slots.values_mut().any(|slot| slot.doc.has_pending()))
    })
}

/// Creates a new space from the first-run form, stores it and opens it in this tab.
pub async fn create(setup: &SpaceSetup, status: Status) -> Result<(), String> {
    let actor: [u8; 16] = random_bytes();
    let identity = Identity {
        space_id: hex(&random_bytes::<16>()),
        actor: hex(&actor),
        member_id: new_id(random_bytes()),
        key: None,
        relay: None,
    };
    let ctx = EditContext {
        time_ms: now_ms() as i64,
    };
    let label = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default();
    let (mut space, mut people) = setup
        .create(&actor, &identity.member_id, &label, ctx)
        .map_err(|e| e.to_string())?;
    let idb = DocStore::open(&identity.db_name())
        .await
        .map_err(|e| e.to_string())?;
    for doc in [&mut space, &mut people] {
        if let Some(chunk) = doc.pending() {
            idb.append_chunk(doc.kind().name(), &chunk.bytes)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    drop(idb);
    identity.save().map_err(|e| e.to_string())?;
    open(identity, status).await
}

/// The history of one record, oldest first.
pub fn history(kind: DocKind, collection: &str, id: &str) -> Vec<kenesh_core::HistoryEntry> {
    write(|s| {
        s.slots
            .get_mut(&kind)
            .map(|slot| slot.doc.history(collection, id))
            .unwrap_or_default()
    })
}
