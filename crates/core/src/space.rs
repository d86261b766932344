//! The school's space: its name, the people who use the app and their devices.

use crate::document::{Record, Tombstone};
use autosurgeon::{Hydrate, Reconcile};

/// What the school is called and when its space was made: the root key [`SpaceInfo::KEY`]
/// of the space document.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct SpaceInfo {
    pub school_name: String,
    pub created_ms: i64,
}

impl SpaceInfo {
    pub const KEY: &'static str = "info";
}

/// Rights in the app. Data is on every member's device, so a role guides what the
/// interface lets a person edit; it does not hide data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Reconcile, Hydrate)]
pub enum AppRole {
    #[default]
    Teacher,
    AssociationHead,
    CouncilMember,
    Administrator,
}

impl AppRole {
    pub const ALL: [AppRole; 4] = [
        AppRole::Administrator,
        AppRole::CouncilMember,
        AppRole::AssociationHead,
        AppRole::Teacher,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AppRole::Teacher => "teacher",
            AppRole::AssociationHead => "association_head",
            AppRole::CouncilMember => "council_member",
            AppRole::Administrator => "administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<AppRole> {
        AppRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// May this role change the staff list and the space's settings?
    pub fn edits_staff(self) -> bool {
        matches!(self, AppRole::Administrator | AppRole::CouncilMember)
    }
}

/// A person who uses the app in this space.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Member {
    pub name: String,
    pub role: AppRole,
    /// The staff record of this person, when there is one.
    pub staff_id: Option<String>,
    pub removed: Option<Tombstone>,
}

impl Record for Member {
    const COLLECTION: &'static str = "members";
    fn removed(&self) -> Option<&Tombstone> {
        self.removed.as_ref()
    }
    fn set_removed(&mut self, t: Option<Tombstone>) {
        self.removed = t;
    }
    fn changed_fields(&self, other: &Self) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.name != other.name {
            f.push("name");
        }
        if self.role != other.role {
            f.push("role");
        }
        if self.staff_id != other.staff_id {
            f.push("staff_id");
        }
        f
    }
}

/// A device (an Automerge actor) and the member who uses it; keyed by the actor's hex.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Device {
    pub member_id: String,
    /// A label such as the browser's name, to tell a member's devices apart.
    pub label: String,
    pub removed: Option<Tombstone>,
}

impl Record for Device {
    const COLLECTION: &'static str = "devices";
    fn removed(&self) -> Option<&Tombstone> {
        self.removed.as_ref()
    }
    fn set_removed(&mut self, t: Option<Tombstone>) {
        self.removed = t;
    }
    fn changed_fields(&self, other: &Self) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.member_id != other.member_id {
            f.push("member_id");
        }
        if self.label != other.label {
            f.push("label");
        }
        f
    }
}
