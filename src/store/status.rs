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
}

impl Status {
    pub fn new() -> Status {
        Status {
            revision: RwSignal::new(0),
            save: RwSignal::new(SaveState::Saved),
            corrupt: RwSignal::new(Vec::new()),
        }
    }

    /// Something in the documents changed: views that read them re-run.
    pub fn changed(self) {
        self.revision.update(|r| *r += 1);
    }

    pub fn fail(self, state: SaveState) {
        self.save.set(state);
    }

    pub fn set_corrupt(self, parts: Vec<String>) {
        self.corrupt.set(parts);
    }
}
