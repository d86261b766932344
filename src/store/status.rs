//! What the interface shows about storage: a revision that changes with every edit (to
//! re-read the documents), whether the last edits are stored, and unreadable parts.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Saving,
    /// The browser refused more data: the edits stay in this tab, pending.
    QuotaFull,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Status {
    pub revision: RwSignal<u64>,
    pub save: RwSignal<SaveState>,
    pub corrupt: RwSignal<Vec<String>>,
    /// A document could not be opened (written by a newer version of the app): the space
    /// is not shown and nothing of it is written.
    pub unopenable: RwSignal<Option<String>>,
    /// The space is open in this tab: every document can be read and edited. Before, only
    /// the first screen is drawn, from copies of its views (see `store::first_screen`).
    pub open: RwSignal<bool>,
}

impl Status {
    pub fn new() -> Status {
        Status {
            revision: RwSignal::new(0),
            save: RwSignal::new(SaveState::Saved),
            corrupt: RwSignal::new(Vec::new()),
            unopenable: RwSignal::new(None),
            open: RwSignal::new(false),
        }
    }

    /// Something in the documents changed: views that read them re-run.
    pub fn changed(self) {
        self.revision.update(|r| *r += 1);
    }

    pub fn fail(self, state: SaveState) {
        self.save.set(state);
    }

    pub fn cannot_open(self, error: String) {
        self.unopenable.set(Some(error));
    }

    pub fn set_corrupt(self, parts: Vec<String>) {
        self.corrupt.set(parts);
    }
}
