//! The school's space: its name, the people who use the app and their devices.

use crate::category::Category;
use crate::document::{DocError, DocKind, Document, EditContext, Tombstone};
use crate::validation::{FieldProblem, required_name};
use autosurgeon::{Hydrate, Reconcile};

/// What the school is called and when its space was made: the root key [`SpaceInfo::KEY`]
/// of the space document.
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct SpaceInfo {
    pub school_name: String,
    pub created_ms: i64,
}

impl SpaceInfo {
    pub const KEY: &'static str = "info";
}

/// Rights in the app. Data is on every member's device, so a role guides what the
/// interface lets a person edit; it does not hide data.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Reconcile,
    Hydrate,
    serde::Serialize,
    serde::Deserialize,
)]
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
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Member {
    pub name: String,
    pub role: AppRole,
    /// The staff record of this person, when there is one.
    pub staff_id: Option<String>,
    pub removed: Option<Tombstone>,
}

crate::record!(Member, "members", [name, role, staff_id]);

/// A device (an Automerge actor) and the member who uses it; keyed by the actor's hex.
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Device {
    pub member_id: String,
    /// A label such as the browser's name, to tell a member's devices apart.
    pub label: String,
    pub removed: Option<Tombstone>,
}

crate::record!(Device, "devices", [member_id, label]);

/// What a person gives when creating the school's space on first run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpaceSetup {
    pub school_name: String,
    pub your_name: String,
    pub role: AppRole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetupField {
    SchoolName,
    YourName,
}

impl SpaceSetup {
    /// The cleaned setup, or each field's problem.
    pub fn validate(&self) -> Result<SpaceSetup, Vec<FieldProblem<SetupField>>> {
        let school = required_name(&self.school_name, 200);
        let you = required_name(&self.your_name, 150);
        match (school, you) {
            (Ok(school_name), Ok(your_name)) => Ok(SpaceSetup {
                school_name,
                your_name,
                role: self.role,
            }),
            (school, you) => Err([
                school.err().map(|problem| FieldProblem {
                    field: SetupField::SchoolName,
                    problem,
                }),
                you.err().map(|problem| FieldProblem {
                    field: SetupField::YourName,
                    problem,
                }),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }

    /// The two documents of a new space: the school with its founding member, this device
    /// and the default categories, and an empty staff list.
    pub fn create(
        &self,
        actor: &[u8],
        member_id: &str,
        device_label: &str,
        ctx: EditContext,
    ) -> Result<(Document, Document), DocError> {
        let mut space = Document::new(DocKind::Space, actor);
        let info = SpaceInfo {
            school_name: self.school_name.clone(),
            created_ms: ctx.time_ms,
        };
        space.put_root(SpaceInfo::KEY, &info, ctx)?;
        let member = Member {
            name: self.your_name.clone(),
            role: self.role,
            staff_id: None,
            removed: None,
        };
        space.put(member_id, &member, ctx)?;
        let device = Device {
            member_id: member_id.into(),
            label: device_label.into(),
            removed: None,
        };
        space.put(&space.actor_hex(), &device, ctx)?;
        for (id, category) in Category::defaults() {
            space.put(&id, &category, ctx)?;
        }
        Ok((space, Document::new(DocKind::People, actor)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    #[test]
    fn setup_needs_a_school_and_a_name() {
        let empty = SpaceSetup::default().validate().unwrap_err();
        assert_eq!(
            empty,
            vec![
                FieldProblem {
                    field: SetupField::SchoolName,
                    problem: Problem::Required
                },
                FieldProblem {
                    field: SetupField::YourName,
                    problem: Problem::Required
                }
            ]
        );
        let ok = SpaceSetup {
            school_name: " № 5  гимназия ".into(),
            your_name: "Сыдыкова Гүлнара".into(),
            role: AppRole::Administrator,
        }
        .validate()
        .unwrap();
        assert_eq!(ok.school_name, "№ 5 гимназия");
    }

    #[test]
    fn a_new_space_knows_its_founder_and_device() {
        let setup = SpaceSetup {
            school_name: "Гимназия".into(),
            your_name: "Гүлнара".into(),
            role: AppRole::Administrator,
        };
        let (mut space, mut people) = setup
            .create(&[7; 16], "m1", "Chromium", EditContext { time_ms: 5 })
            .unwrap();
        let device: Device = space.get(&crate::id::hex(&[7; 16])).unwrap().unwrap();
        assert_eq!(device.member_id, "m1");
        let member: Member = space.get("m1").unwrap().unwrap();
        assert_eq!(member.role, AppRole::Administrator);
        assert_eq!(space.all::<Category>().unwrap().len(), 3);
        assert_eq!(
            space
                .root::<SpaceInfo>(SpaceInfo::KEY)
                .unwrap()
                .unwrap()
                .school_name,
            "Гимназия"
        );
        assert!(people.all::<crate::StaffMember>().unwrap().is_empty());
    }
}
