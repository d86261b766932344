use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// The methodical council: its members (staff ids), its chair (the deputy director for
/// methodical work) and its secretary. There is one council, stored under [`Council::ID`].
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Council {
    pub members: Vec<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub removed: Option<Tombstone>,
}

impl Council {
    /// The id of the one council record in the structure document.
    pub const ID: &'static str = "council";

    /// Is this staff member on the council (as member, chair or secretary)?
    pub fn includes(&self, staff_id: &str) -> bool {
        self.members.iter().any(|m| m == staff_id)
            || self.chair.as_deref() == Some(staff_id)
            || self.secretary.as_deref() == Some(staff_id)
    }

    /// Everyone on the council, chair and secretary first, each once.
    pub fn everyone(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in self
            .chair
            .iter()
            .chain(&self.secretary)
            .chain(&self.members)
        {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }
}

crate::record!(Council, "council", [members, chair, secretary]);
