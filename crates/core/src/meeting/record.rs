use crate::date::Date;
use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile, Text};
use std::collections::BTreeMap;

/// An item of the agenda: the question and who reports on it (a staff id, or empty).
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct AgendaItem {
    pub title: String,
    pub speaker: Option<String>,
}

/// Whether a person came, and why not.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Attendance {
    pub present: bool,
    pub reason: String,
}

/// A decision of a meeting, tracked until done.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Decision {
    pub text: String,
    /// A staff id.
    pub responsible: Option<String>,
    pub deadline: Option<Date>,
    /// When it was marked done.
    pub done: Option<Date>,
    /// When it was written (ms), to keep decisions in the order they were taken.
    pub created_ms: i64,
}

impl Decision {
    pub fn is_open(&self) -> bool {
        self.done.is_none()
    }

    /// Open with its deadline passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && self.deadline.is_some_and(|d| d < today)
    }
}

/// A meeting of the council (`association: None`) or of an association.
///
/// Attendance is a map by staff id and decisions a map by decision id, so two people who
/// mark attendance or add decisions at the same time both keep theirs; the minutes are
/// Automerge text, so two people typing in them both keep their words.
#[derive(Clone, Debug, PartialEq, Reconcile, Hydrate)]
pub struct Meeting {
    pub school_year: u16,
    pub association: Option<String>,
    /// The number given when the meeting was created; see [`crate::meeting::numbers`] for
    /// the number shown.
    pub number: u32,
    pub date: Date,
    pub created_ms: i64,
    pub agenda: Vec<AgendaItem>,
    pub attendance: BTreeMap<String, Attendance>,
    pub minutes: Text,
    pub decisions: BTreeMap<String, Decision>,
    pub removed: Option<Tombstone>,
}

impl Meeting {
    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }

    /// Staff ids marked present, and absent with their reasons.
    pub fn present(&self) -> Vec<&str> {
        self.attendance
            .iter()
            .filter(|(_, a)| a.present)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    pub fn absent(&self) -> Vec<(&str, &str)> {
        self.attendance
            .iter()
            .filter(|(_, a)| !a.present)
            .map(|(id, a)| (id.as_str(), a.reason.as_str()))
            .collect()
    }

    /// Decisions in the order they were taken.
    pub fn decisions_in_order(&self) -> Vec<(&String, &Decision)> {
        let mut out: Vec<_> = self.decisions.iter().collect();
        crate::order::sort_by(&mut out, |a, b| {
            a.1.created_ms
                .cmp(&b.1.created_ms)
                .then_with(|| a.0.cmp(b.0))
        });
        out
    }
}

crate::record!(
    Meeting,
    "meetings",
    [
        school_year,
        association,
        number,
        date,
        agenda,
        attendance,
        minutes,
        decisions
    ]
);
