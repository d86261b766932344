use crate::date::Date;
use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// Where a plan item stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Reconcile, Hydrate)]
pub enum ItemStatus {
    #[default]
    Planned,
    InProgress,
    Done,
    /// Moved to another date (the item's dates say where).
    Moved,
    Cancelled,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 5] = [
        ItemStatus::Planned,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::Moved,
        ItemStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Planned => "planned",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Done => "done",
            ItemStatus::Moved => "moved",
            ItemStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Still to be done (planned, in progress or moved).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ItemStatus::Planned | ItemStatus::InProgress | ItemStatus::Moved
        )
    }
}

/// An item of a plan. `association` is `None` for the school's annual plan of methodical
/// work, or the id of the association whose plan it belongs to.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct PlanItem {
    /// The school year, as the year it starts in.
    pub school_year: u16,
    pub association: Option<String>,
    pub title: String,
    pub section: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub deadline: Option<Date>,
    /// Staff ids.
    pub responsible: Vec<String>,
    pub status: ItemStatus,
    pub outcome: String,
    pub removed: Option<Tombstone>,
}

impl PlanItem {
    /// The date the item is due: its deadline, else its end, else its start.
    pub fn due(&self) -> Option<Date> {
        self.deadline.or(self.end).or(self.start)
    }

    /// The first date the item occupies (for sorting and the calendar).
    pub fn first_date(&self) -> Option<Date> {
        self.start.or(self.deadline).or(self.end)
    }

    /// Still open when its due date has passed.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due().is_some_and(|d| d < today)
    }

    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

crate::record!(
    PlanItem,
    "plan_items",
    [
        school_year,
        association,
        title,
        section,
        start,
        end,
        deadline,
        responsible,
        status,
        outcome
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_item_past_its_due_date_is_overdue() {
        let d = |m, day| Date::new(2026, m, day).unwrap();
        let item = PlanItem {
            start: Some(d(3, 1)),
            end: Some(d(3, 10)),
            ..PlanItem::default()
        };
        assert_eq!(item.due(), Some(d(3, 10)));
        assert!(!item.is_overdue(d(3, 10)));
        assert!(item.is_overdue(d(3, 11)));
        let done = PlanItem {
            status: ItemStatus::Done,
            ..item.clone()
        };
        assert!(!done.is_overdue(d(4, 1)));
        assert!(
            !PlanItem::default().is_overdue(d(4, 1)),
            "no date, never overdue"
        );
    }
}
