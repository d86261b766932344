use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// What a methodical association is formed by (regulation 4.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Reconcile, Hydrate)]
pub enum AssociationKind {
    #[default]
    Subject,
    SubjectCycle,
    Upbringing,
}

impl AssociationKind {
    pub const ALL: [AssociationKind; 3] = [
        AssociationKind::Subject,
        AssociationKind::SubjectCycle,
        AssociationKind::Upbringing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AssociationKind::Subject => "subject",
            AssociationKind::SubjectCycle => "subject_cycle",
            AssociationKind::Upbringing => "upbringing",
        }
    }

    pub fn from_code(code: &str) -> Option<AssociationKind> {
        AssociationKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A methodical association: its head and members are staff ids; a teacher may belong to
/// several associations.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Association {
    pub name: String,
    pub kind: AssociationKind,
    pub head: Option<String>,
    pub members: Vec<String>,
    pub subjects: Vec<String>,
    pub removed: Option<Tombstone>,
}

impl Association {
    /// Is this staff member the head or a member?
    pub fn includes(&self, staff_id: &str) -> bool {
        self.head.as_deref() == Some(staff_id) || self.members.iter().any(|m| m == staff_id)
    }

    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

crate::record!(
    Association,
    "associations",
    [name, kind, head, members, subjects]
);
