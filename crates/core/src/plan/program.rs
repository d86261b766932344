use crate::date::Date;
use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// A stage of a program, with its dates and what it achieved.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Stage {
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub result: String,
}

/// A program of innovative or experimental work (regulation 2.1): its goal, stages,
/// participants (staff ids) and results.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Program {
    pub title: String,
    pub goal: String,
    pub stages: Vec<Stage>,
    pub participants: Vec<String>,
    pub results: String,
    pub removed: Option<Tombstone>,
}

impl Program {
    /// The first and last dates of its stages.
    pub fn span(&self) -> Option<(Date, Date)> {
        let dates: Vec<Date> = self
            .stages
            .iter()
            .flat_map(|s| s.start.into_iter().chain(s.end))
            .collect();
        Some((*dates.iter().min()?, *dates.iter().max()?))
    }

    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

crate::record!(
    Program,
    "programs",
    [title, goal, stages, participants, results]
);
