//! What each app role may edit. Every member's device holds all of the space's data, so
//! these rights guide the interface (and, with sync, the relay's write access); they do not
//! hide anything, and the screens say so.

use crate::space::AppRole;

/// The parts of the app that a role may or may not edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditArea {
    /// The staff list and the space's settings.
    Staff,
    /// The council, associations and the responsibility matrix.
    Structure,
    /// The annual plan and programs of innovative work.
    AnnualPlan,
    /// An association's plan and its meetings.
    AssociationWork,
    /// Council meetings and their minutes.
    CouncilMeetings,
    /// The status and outcome of one's own plan items and decisions.
    OwnItems,
}

impl EditArea {
    pub const ALL: [EditArea; 6] = [
        EditArea::Staff,
        EditArea::Structure,
        EditArea::AnnualPlan,
        EditArea::AssociationWork,
        EditArea::CouncilMeetings,
        EditArea::OwnItems,
    ];
}

/// The rights table.
pub struct Rights;

impl Rights {
    /// May a person with `role` edit `area`? `heads_association` says whether they head the
    /// association in question (an association head edits only their own association).
    pub fn may_edit(role: AppRole, area: EditArea, heads_association: bool) -> bool {
        match role {
            AppRole::Administrator => true,
            AppRole::CouncilMember => !matches!(area, EditArea::Structure),
            AppRole::AssociationHead => match area {
                EditArea::AssociationWork => heads_association,
                EditArea::OwnItems => true,
                _ => false,
            },
            AppRole::Teacher => matches!(area, EditArea::OwnItems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_edits_its_part() {
        for area in EditArea::ALL {
            assert!(Rights::may_edit(AppRole::Administrator, area, false));
            assert!(Rights::may_edit(
                AppRole::Teacher,
                EditArea::OwnItems,
                false
            ));
        }
        assert!(!Rights::may_edit(
            AppRole::Teacher,
            EditArea::AnnualPlan,
            false
        ));
        assert!(!Rights::may_edit(
            AppRole::CouncilMember,
            EditArea::Structure,
            false
        ));
        assert!(Rights::may_edit(
            AppRole::CouncilMember,
            EditArea::CouncilMeetings,
            false
        ));
        assert!(Rights::may_edit(
            AppRole::AssociationHead,
            EditArea::AssociationWork,
            true
        ));
        assert!(!Rights::may_edit(
            AppRole::AssociationHead,
            EditArea::AssociationWork,
            false
        ));
        assert!(!Rights::may_edit(
            AppRole::AssociationHead,
            EditArea::CouncilMeetings,
            true
        ));
    }
}
