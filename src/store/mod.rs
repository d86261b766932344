//! The open space in this tab: its Automerge documents, where they are stored and how edits
//! reach IndexedDB and the other tabs. This is adapter glue: it joins the core's documents
//! to the platform's IndexedDB store and BroadcastChannel; components call it and read it.

pub mod blobs;
pub mod first_screen;
mod identity;
mod persist;
pub mod remote;
mod status;
mod view;

pub use identity::{Identity, RelayLink};
pub use status::{SaveState, Status};

use autosurgeon::Hydrate;
use futures_channel::oneshot;
use kenesh_core::id::{hex, new_id};
use kenesh_core::space::SpaceSetup;
use kenesh_core::{DocError, DocKind, Document, EditContext, Record};
use kenesh_platform::{Broadcast, DocStore, StoredParts, Subscription, now_ms, random_bytes};
use leptos::prelude::Set;
use serde::de::DeserializeOwned;
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

    /// The keys of the stored parts, as [`StoredParts::part_keys`] lists them.
    fn keys(&self) -> Vec<String> {
        self.snapshot
            .iter()
            .chain(&self.chunks)
            .map(|p| p.key.clone())
            .collect()
    }
}

/// One document of the space and what is stored of it.
struct Slot {
    /// The document, once loaded (see [`Space::slot`]).
    loaded: Option<Document>,
    /// The stored parts read at opening, while the document is not loaded from them yet:
    /// the first screen is drawn from the stored view, and the document loads after it.
    unloaded: Option<StoredParts>,
    view: view::ViewSlot,
    /// The parts the stored view was read from, if this tab knows.
    view_parts: Option<Vec<String>>,
    /// The parts the first screen's copy of the view was read from, if this tab knows
    /// (see `first_screen`).
    first_view_parts: Option<Vec<String>>,
    /// Asks to write the view again (see `view::keep`).
    view_asked: u64,
    stored: Stored,
    /// The stored parts could not be opened as a document (see [`Slot::load`]).
    unopenable: bool,
    /// Stored parts that could not be read. While any exist the document is never compacted,
    /// so nothing stored is overwritten.
    corrupt: Vec<String>,
    busy: bool,
    again: bool,
    /// Edits waiting to hear that they are stored (or that storing failed): told before
    /// any compaction, which is not part of an edit.
    waiting: Vec<oneshot::Sender<()>>,
}

impl Slot {
    /// Loads the document from the parts read at opening, if that has not happened yet;
    /// marks when (`kenesh-loaded-<document>`), for the tests and benchmarks. If they cannot
    /// be opened, the slot holds an empty document that is never stored, and the caller
    /// shows the space as unopenable.
    fn load(&mut self, kind: DocKind, actor: &[u8]) -> Result<(), DocError> {
        let Some(parts) = self.unloaded.take() else {
            return Ok(());
        };
        let snapshot = parts
            .snapshot
            .as_ref()
            .map(|s| (s.key.as_str(), s.bytes.as_slice()));
        let chunks = parts
            .chunks
            .iter()
            .map(|c| (c.key.as_str(), c.bytes.as_slice()));
        let loaded = match Document::load(kind, actor, snapshot, chunks) {
            Ok(loaded) => loaded,
            Err(e) => {
                self.unopenable = true;
                self.loaded = Some(Document::new(kind, actor));
                return Err(e);
            }
        };
        mark(&format!("kenesh-loaded-{}", kind.name()));
        self.loaded = Some(loaded.document);
        self.corrupt = loaded.corrupt;
        Ok(())
    }

    /// Told when what is pending now is stored, or storing it failed (see `persist`).
    fn wait_stored(&mut self) -> oneshot::Receiver<()> {
        let (tell, told) = oneshot::channel();
        self.waiting.push(tell);
        told
    }

    /// Tells every edit waiting on this document that its write ended, stored or failed.
    fn tell_stored(&mut self) {
        for edit in self.waiting.drain(..) {
            let _ = edit.send(());
        }
    }

    /// The document; [`Space::slot`] loads it first.
    fn doc(&mut self) -> &mut Document {
        self.loaded
            .as_mut()
            .expect("Space::slot loads the document")
    }
}

pub struct Space {
    identity: Identity,
    idb: Rc<DocStore>,
    slots: HashMap<DocKind, Slot>,
    broadcast: Option<Broadcast>,
    _subscription: Option<Subscription>,
    status: Status,
}

thread_local! {
    static SPACE: RefCell<Option<Space>> = const { RefCell::new(None) };
}

/// Is a space open in this tab? (Before, the first screen reads copies of views.)
fn is_open() -> bool {
    SPACE.with(|s| s.borrow().is_some())
}

/// Reads the open space. Panics if none is open: components under the shell only exist
/// once it is. (`&mut` because reading a document not loaded yet loads it.)
pub fn read<R>(f: impl FnOnce(&mut Space) -> R) -> R {
    write(f)
}

fn write<R>(f: impl FnOnce(&mut Space) -> R) -> R {
    SPACE.with(|s| f(s.borrow_mut().as_mut().expect("a space is open")))
}

impl Space {
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    pub fn doc(&mut self, kind: DocKind) -> &Document {
        self.slot(kind).doc()
    }

    /// A document's slot, its document loaded.
    fn slot(&mut self, kind: DocKind) -> &mut Slot {
        let actor = self.identity.actor_bytes();
        let slot = self.slots.get_mut(&kind).expect("every kind is open");
        if let Err(e) = slot.load(kind, &actor) {
            self.status.cannot_open(e.to_string());
        }
        slot
    }

    /// Whether the document `kind` loaded from every part stored of it: none skipped as
    /// unreadable, and not a stand-in for one this version cannot open. Whatever removes data
    /// because a document no longer names it asks this first.
    pub fn intact(&mut self, kind: DocKind) -> bool {
        let slot = self.slot(kind);
        !slot.unopenable && slot.corrupt.is_empty()
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
        kenesh_core::order::sort(&mut out);
        out
    }
}

/// Opens the space of `identity` from IndexedDB in this tab.
pub async fn open(identity: Identity, status: Status) -> Result<(), String> {
    let idb = DocStore::open(&identity.db_name())
        .await
        .map_err(|e| e.to_string())?;
    let mut slots = HashMap::new();
    let names = DocKind::ALL.map(DocKind::name);
    let stored = idb.load_many(&names).await.map_err(|e| e.to_string())?;
    // Every document loads after the first screen, or when a screen first reads it; the
    // first screen reads the stored views of exactly what is stored. It may have been drawn
    // from copies of them already: each is kept only if it was read from exactly the stored
    // parts, with its records decoded.
    for (kind, parts) in DocKind::ALL.into_iter().zip(stored) {
        let keys = parts.part_keys();
        let copy = first_screen::take(kind, &keys);
        let first_view_parts = copy.is_some().then(|| keys.clone());
        let view = copy.unwrap_or_else(|| view::ViewSlot::stored(&parts));
        let slot = Slot {
            loaded: None,
            view_parts: parts.current_view().is_some().then_some(keys),
            first_view_parts,
            view,
            view_asked: 0,
            stored: Stored::of(&parts),
            unopenable: false,
            unloaded: Some(parts),
            corrupt: Vec::new(),
            busy: false,
            again: false,
            waiting: Vec::new(),
        };
        slots.insert(kind, slot);
    }
    let broadcast = Broadcast::open(&format!("kenesh-{}", identity.space_id)).ok();
    let subscription = broadcast.as_ref().map(|b| {
        b.on_message(move |message| {
            let Some(kind) = DocKind::from_name(&message.doc) else {
                return;
            };
            match write(|s| s.slot(kind).doc().apply(&message.bytes, true)) {
                Ok(()) => status.changed(),
                Err(e) => status.fail(SaveState::Failed(e.to_string())),
            }
        })
    });
    let space = Space {
        identity,
        idb: Rc::new(idb),
        slots,
        broadcast,
        _subscription: subscription,
        status,
    };
    SPACE.with(|s| *s.borrow_mut() = Some(space));
    first_screen::close();
    // Once per page, for whichever space is open when it is hidden.
    static WATCH_HIDDEN: std::sync::Once = std::sync::Once::new();
    WATCH_HIDDEN.call_once(|| {
        kenesh_platform::on_page_hidden(|| {
            if is_open() {
                view::keep_before_hidden();
            }
        })
    });
    status.open.set(true);
    // Stored parts read (and documents without a view loaded): for the open-offline
    // benchmark's phases.
    mark("kenesh-space-open");
    status.set_corrupt(write(|s| s.corrupt_parts()));
    status.changed();
    // Anything left pending by an earlier session (there should be none) is stored now.
    for kind in DocKind::ALL {
        persist::persist(kind, status).await;
    }
    // Once the first screen is painted, the documents drawn from views load, one per task
    // so that input is handled between them, and every view that is missing or stale is
    // written again.
    leptos::task::spawn_local(async move {
        kenesh_platform::after_paint().await;
        for kind in DocKind::ALL {
            write(|s| {
                s.slot(kind);
            });
            kenesh_platform::sleep(0).await;
        }
        mark("kenesh-documents-loaded");
        catch_up(status).await;
        status.set_corrupt(write(|s| s.corrupt_parts()));
        status.changed();
        for kind in DocKind::ALL {
            view::keep(kind);
        }
    });
    Ok(())
}

/// Applies what other tabs stored since this page's first read (the page's early script may
/// have read the database well before this tab listened to the other tabs): chunks it does not
/// know, and a snapshot another tab compacted to (a later compaction here then learns the
/// stored parts, see `persist::compact_if_due`).
async fn catch_up(status: Status) {
    let idb = write(|s| s.idb.clone());
    let names = DocKind::ALL.map(DocKind::name);
    let Ok(stored) = idb.load_parts(&names).await else {
        return;
    };
    let mut caught_up = false;
    write(|s| {
        for (kind, parts) in DocKind::ALL.into_iter().zip(stored) {
            let slot = s.slot(kind);
            let known = slot.stored.keys();
            for part in parts.snapshot.iter().chain(&parts.chunks) {
                if known.contains(&part.key) || slot.doc().apply(&part.bytes, true).is_err() {
                    continue;
                }
                caught_up = true;
                if parts.snapshot.as_ref() != Some(part) {
                    slot.stored.chunks.push(Part {
                        key: part.key.clone(),
                        size: part.bytes.len(),
                    });
                }
            }
        }
    });
    if caught_up {
        status.changed();
    }
}

/// A performance mark, for the benchmarks' phases.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// All records of a kind, removed ones included, by id. Before the document is loaded they
/// come from its stored view, which was read from exactly the parts stored now; before the
/// space is open, from the first screen's copy of that view (none if there is none). Once
/// it is loaded, the stored view, even an older one, seeds it (marked
/// `kenesh-seeded-<collection>`): only records changed since the view are read from it.
pub fn records<T: Record + DeserializeOwned>(kind: DocKind) -> HashMap<String, T> {
    if !is_open() {
        return first_screen::records(kind).unwrap_or_default();
    }
    write(|s| {
        let slot = s.slots.get_mut(&kind).expect("every kind is open");
        if slot.unloaded.is_some()
            && let Some(records) = slot.view.records::<T>()
        {
            return records.clone();
        }
        let slot = s.slot(kind);
        if let Some(doc) = slot.loaded.as_mut()
            && slot.view.seed::<T>(doc)
        {
            mark(&format!("kenesh-seeded-{}", T::COLLECTION));
        }
        slot.doc().all::<T>().unwrap_or_default()
    })
}

/// A value at the root of a document, from its stored view while it is not loaded.
pub fn root<T: Hydrate + DeserializeOwned>(kind: DocKind, key: &str) -> Option<T> {
    if !is_open() {
        return first_screen::root(kind, key).flatten();
    }
    write(|s| {
        let slot = s.slots.get_mut(&kind).expect("every kind is open");
        if slot.unloaded.is_some()
            && let Some(value) = slot.view.root::<T>(key)
        {
            return value;
        }
        s.slot(kind).doc().root(key).ok().flatten()
    })
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
    let stored = write(|s| {
        let slot = s.slot(kind);
        f(slot.doc(), ctx)?;
        Ok::<_, DocError>(slot.wait_stored())
    })?;
    // The write starts before the screens redraw, so the two overlap.
    leptos::task::spawn_local(persist::persist(kind, status));
    status.changed();
    leptos::task::spawn_local(async move {
        let _ = stored.await;
        persist::measure_edit(started);
        then();
    });
    Ok(())
}

/// Removes a record (a tombstone) or, with `restore`, clears its tombstone; runs `then`
/// once stored, as [`edit_then`].
pub fn remove_or_restore<T: Record>(
    kind: DocKind,
    status: Status,
    id: &str,
    restore: bool,
    then: impl FnOnce() + 'static,
) -> Result<(), DocError> {
    edit_then(
        kind,
        status,
        |doc, ctx| match restore {
            true => doc.restore::<T>(id, ctx),
            false => doc.remove::<T>(id, ctx),
        },
        then,
    )
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
    write(|s| f(s.slot(kind).doc()))
}

/// Is anything not yet stored? (A document not loaded yet has no edits.)
pub fn has_pending() -> bool {
    SPACE.with(|s| {
        s.borrow_mut().as_mut().is_some_and(|space| {
            space
                .slots
                .values_mut()
                .filter(|slot| !slot.unopenable)
                .filter_map(|slot| slot.loaded.as_mut())
                .any(|doc| doc.has_pending())
        })
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
    write(|s| s.slot(kind).doc().history(collection, id))
}
