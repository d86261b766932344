//! The words for the domain's enums.

use crate::i18n::Key;
use kenesh_core::calendar::EntryKind;
use kenesh_core::plan::ItemStatus;
use kenesh_core::structure::{AreaKind, AssociationKind, EditArea};

pub fn status_key(s: ItemStatus) -> Key {
    match s {
        ItemStatus::Planned => Key::StatusPlanned,
        ItemStatus::InProgress => Key::StatusInProgress,
        ItemStatus::Done => Key::StatusDone,
        ItemStatus::Moved => Key::StatusMoved,
        ItemStatus::Cancelled => Key::StatusCancelled,
    }
}

pub fn kind_key(k: AssociationKind) -> Key {
    match k {
        AssociationKind::Subject => Key::KindSubject,
        AssociationKind::SubjectCycle => Key::KindSubjectCycle,
        AssociationKind::Upbringing => Key::KindUpbringing,
    }
}

pub fn area_key(k: AreaKind) -> Key {
    match k {
        AreaKind::PlanSection => Key::AreaPlanSection,
        AreaKind::LibrarySection => Key::AreaLibrarySection,
        AreaKind::MonitoringArea => Key::AreaMonitoringArea,
    }
}

pub fn right_key(a: EditArea) -> Key {
    match a {
        EditArea::Staff => Key::RightStaff,
        EditArea::Structure => Key::RightStructure,
        EditArea::AnnualPlan => Key::RightAnnualPlan,
        EditArea::AssociationWork => Key::RightAssociationWork,
        EditArea::CouncilMeetings => Key::RightCouncilMeetings,
        EditArea::OwnItems => Key::RightOwnItems,
    }
}

pub fn entry_key(k: EntryKind) -> Key {
    match k {
        EntryKind::Meeting => Key::EntryMeeting,
        EntryKind::PlanItem => Key::EntryPlanItem,
        EntryKind::ProgramStage => Key::EntryProgramStage,
        EntryKind::Decision => Key::EntryDecision,
    }
}

pub const WEEKDAYS: [Key; 7] = [
    Key::Mon,
    Key::Tue,
    Key::Wed,
    Key::Thu,
    Key::Fri,
    Key::Sat,
    Key::Sun,
];

pub const MONTHS: [Key; 12] = [
    Key::Jan,
    Key::Feb,
    Key::Mar,
    Key::Apr,
    Key::May,
    Key::Jun,
    Key::Jul,
    Key::Aug,
    Key::Sep,
    Key::Oct,
    Key::Nov,
    Key::Dec,
];
