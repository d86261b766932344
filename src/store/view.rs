//! Stored views (`kenesh_core::View`): what each document's view holds, reading it while the
//! document is not loaded, and writing it again (and the first screen's copy, see
//! `first_screen`) a while after the stored parts changed, or as the page is hidden.

use super::{Slot, first_screen, write};
use kenesh_core::{Category, DocKind, Document, Member, Record, SpaceInfo, StaffMember, View};
use kenesh_platform::{StoredParts, sleep};
use serde::de::DeserializeOwned;
use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};

/// How long after the last stored edit a view is written: a burst of edits writes it once.
const WRITE_AFTER_MS: u32 = 2_000;

/// The view of a document: what its first screens read.
fn encode(kind: DocKind, doc: &mut Document) -> Option<Vec<u8>> {
    let view = doc.view();
    let view = match kind {
        DocKind::Space => view
            .with_root::<SpaceInfo>(doc, SpaceInfo::KEY)
            .and_then(|v| v.with_records::<Category>(doc))
            .and_then(|v| v.with_records::<Member>(doc)),
        DocKind::People => view.with_records::<StaffMember>(doc),
        _ => return None,
    };
    view.ok().map(|v| v.encode())
}

/// Is `T` one of the collections [`encode`] puts into views? Decided per type when it is
/// compiled (`TypeId`s compare as constants), so decoding is built only for these
/// three, not for every record type the screens read.
fn in_view<T: 'static>() -> bool {
    let t = TypeId::of::<T>();
    t == TypeId::of::<StaffMember>() || t == TypeId::of::<Category>() || t == TypeId::of::<Member>()
}

/// What the screens can read before the document is loaded.
#[derive(Default)]
enum Source {
    #[default]
    None,
    /// Nothing is stored of the document: every collection is empty.
    NothingStored,
    /// A view read from exactly the parts stored now.
    Stored(View),
    /// A view read from other parts than are stored now (written before the last edits
    /// were stored, say): too old for the screens, but once the document is loaded its
    /// records seed it, so that only what changed since is read from Automerge.
    Older(View),
}

/// The view read at opening, with the collections decoded so far.
#[derive(Default)]
pub(super) struct ViewSlot {
    source: Source,
    decoded: HashMap<&'static str, Box<dyn Any>>,
    /// Collections whose records went to the loaded document already.
    seeded: HashSet<&'static str>,
}

impl ViewSlot {
    /// The stored view of a document (an empty one if nothing is stored): the screens read
    /// it only if it was read from exactly the parts stored now.
    pub(super) fn stored(parts: &StoredParts) -> ViewSlot {
        let source = match (parts.is_empty(), parts.current_view(), &parts.view) {
            (true, _, _) => Source::NothingStored,
            (false, Some(bytes), _) => View::decode(bytes).map_or(Source::None, Source::Stored),
            (false, None, Some(older)) => {
                View::decode(&older.bytes).map_or(Source::None, Source::Older)
            }
            (false, None, None) => Source::None,
        };
        ViewSlot {
            source,
            ..ViewSlot::default()
        }
    }

    /// A view read from elsewhere (the first screen's copy, see `first_screen`).
    pub(super) fn of(view: View) -> ViewSlot {
        ViewSlot {
            source: Source::Stored(view),
            ..ViewSlot::default()
        }
    }

    /// The view's records of `T` for the screens; `None` if it has none, they cannot be
    /// read or the view is older than what is stored.
    pub(super) fn records<T: Record + DeserializeOwned>(&mut self) -> Option<&HashMap<String, T>> {
        match self.source {
            Source::Older(_) => None,
            _ => self.decoded(),
        }
    }

    /// The view's records of `T`, decoded once.
    fn decoded<T: Record + DeserializeOwned>(&mut self) -> Option<&HashMap<String, T>> {
        if !self.decoded.contains_key(T::COLLECTION) {
            let records: HashMap<String, T> = match &self.source {
                Source::NothingStored => HashMap::new(),
                Source::Stored(view) | Source::Older(view) if in_view::<T>() => {
                    view.records::<T>().ok()??
                }
                Source::Stored(_) | Source::Older(_) | Source::None => return None,
            };
            self.decoded.insert(T::COLLECTION, Box::new(records));
        }
        self.decoded[T::COLLECTION].downcast_ref()
    }

    /// The view's root value under `key`; `None` if it has none or it cannot be read.
    pub(super) fn root<T: DeserializeOwned>(&self, key: &str) -> Option<Option<T>> {
        match &self.source {
            Source::NothingStored => Some(None),
            Source::Stored(view) => view.root(key).ok()?,
            Source::Older(_) | Source::None => None,
        }
    }

    /// Seeds the loaded document with the view's records of `T`, once; true if it took
    /// them. (The document refuses a view with changes it lacks, and then reads every
    /// record itself.)
    pub(super) fn seed<T: Record + DeserializeOwned>(&mut self, doc: &mut Document) -> bool {
        if !matches!(self.source, Source::Stored(_) | Source::Older(_))
            || !self.seeded.insert(T::COLLECTION)
            || self.decoded::<T>().is_none()
        {
            return false;
        }
        let records = self.decoded.remove(T::COLLECTION).expect("decoded above");
        match (&self.source, records.downcast::<HashMap<String, T>>()) {
            (Source::Stored(view) | Source::Older(view), Ok(records)) => doc.seed(view, *records),
            _ => false,
        }
    }
}

/// After a quiet while with no edit stored, compacts `kind` if that is due (see
/// `persist::compact`), then writes its view again (see [`write_now`]).
pub(super) fn keep(kind: DocKind) {
    // Counted, so that only the last ask of a burst writes.
    let asked = write(|s| {
        let slot = s.slot(kind);
        slot.view_asked += 1;
        slot.view_asked
    });
    leptos::task::spawn_local(async move {
        sleep(WRITE_AFTER_MS).await;
        if write(|s| s.slot(kind).view_asked != asked) {
            return;
        }
        // Compacting changes the parts a view names, so it goes first.
        super::persist::compact(kind).await;
        if write(|s| s.slot(kind).view_asked == asked) {
            write_now(kind);
        }
    });
}

/// The page is being hidden, and may end without another event (the tab closed right after
/// an edit, or a tablet's system ending an app in the background): the views the first
/// screen reads are written now rather than after the quiet while, so that the next start
/// draws its first screen from them. Their copies are in localStorage when this returns.
pub(super) fn keep_before_hidden() {
    for kind in first_screen::KINDS {
        write_now(kind);
    }
}

/// Writes the view of `kind` again if what is stored changed since it was written: the
/// first screen's copy at once, the stored view once IndexedDB has taken it. Skipped while
/// the document is not loaded (nothing changed since opening), edits are pending or being
/// stored, or a part is unreadable: a view must show exactly the parts it names.
fn write_now(kind: DocKind) {
    let job = write(|s| {
        let idb = s.idb.clone();
        let slot: &mut Slot = s.slots.get_mut(&kind)?;
        let keys = slot.stored.keys();
        let stored = slot.view_parts.as_ref() == Some(&keys);
        let copied =
            !first_screen::KINDS.contains(&kind) || slot.first_view_parts.as_ref() == Some(&keys);
        if slot.busy || slot.unopenable || !slot.corrupt.is_empty() || (stored && copied) {
            return None;
        }
        let doc = slot.loaded.as_mut()?;
        if doc.has_pending() {
            return None;
        }
        let bytes = encode(kind, doc)?;
        if !copied && first_screen::keep(idb.name(), kind, &keys, &bytes) {
            slot.first_view_parts = Some(keys.clone());
        }
        (!stored).then_some((idb, keys, bytes))
    });
    let Some((idb, keys, bytes)) = job else {
        return;
    };
    leptos::task::spawn_local(async move {
        if idb.put_view(kind.name(), &keys, &bytes).await.is_ok() {
            write(|s| s.slot(kind).view_parts = Some(keys));
        }
    });
}
