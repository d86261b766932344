//! The first screen before the space is open. The stored views of the documents it reads
//! are also copied into localStorage (`kenesh_platform::first_view`), which the app reads
//! synchronously as it starts: the staff list is drawn from them while IndexedDB is still
//! being read. Until the space is open (`Status::open`), only screens that read nothing but
//! these views are drawn. Once the stored parts are read, [`super::open`] keeps a copy only if
//! it was read from exactly those parts; otherwise the screens read again from what is stored.

use super::view::ViewSlot;
use kenesh_core::{DocKind, Record, View};
use kenesh_platform::first_view;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::HashMap;

/// The documents the first screen reads (the shell's school name, the staff list and its
/// categories): their views are copied.
pub(super) const KINDS: [DocKind; 2] = [DocKind::Space, DocKind::People];

/// A copied view and the keys of the stored parts it was read from.
struct Copied {
    parts: Vec<String>,
    view: ViewSlot,
}

thread_local! {
    /// The copies read as the app started, until the space opens and takes them.
    static COPIES: RefCell<Option<HashMap<DocKind, Copied>>> = const { RefCell::new(None) };
}

/// Reads the copied views of the space in database `db`. True if the first screen can be
/// drawn from them before the space is open: every document it reads has one.
pub fn prepare(db: &str) -> bool {
    let copies: Option<HashMap<DocKind, Copied>> = KINDS
        .into_iter()
        .map(|kind| {
            let stored = first_view::take(db, kind.name())?;
            let view = View::decode(&stored.bytes).ok()?;
            Some((
                kind,
                Copied {
                    parts: stored.parts,
                    view: ViewSlot::of(view),
                },
            ))
        })
        .collect();
    let ready = copies.is_some();
    COPIES.with(|c| *c.borrow_mut() = copies);
    ready
}

/// The copied view of `kind` if it was read from exactly the stored parts `parts`. Only the
/// opening asks, once per document; after it, nothing is read from the copies.
pub(super) fn take(kind: DocKind, parts: &[String]) -> Option<ViewSlot> {
    COPIES.with(|c| {
        let copy = c.borrow_mut().as_mut()?.remove(&kind)?;
        (copy.parts == parts).then_some(copy.view)
    })
}

/// The space is open: the copies not taken are dropped.
pub(super) fn close() {
    COPIES.with(|c| *c.borrow_mut() = None);
}

/// Records of `T` from the copied view of `kind`, while the space is not open.
pub(super) fn records<T: Record + DeserializeOwned>(kind: DocKind) -> Option<HashMap<String, T>> {
    COPIES.with(|c| {
        let mut copies = c.borrow_mut();
        copies
            .as_mut()?
            .get_mut(&kind)?
            .view
            .records::<T>()
            .cloned()
    })
}

/// A root value of the copied view of `kind`, while the space is not open.
pub(super) fn root<T: DeserializeOwned>(kind: DocKind, key: &str) -> Option<Option<T>> {
    COPIES.with(|c| c.borrow().as_ref()?.get(&kind)?.view.root::<T>(key))
}

/// Copies the view of `kind`, read from the stored parts `parts`, for the next start.
/// False if it could not be kept (localStorage full or unavailable): only a lost speed-up.
pub(super) fn keep(db: &str, kind: DocKind, parts: &[String], bytes: &[u8]) -> bool {
    KINDS.contains(&kind) && first_view::put(db, kind.name(), parts, bytes).is_ok()
}
