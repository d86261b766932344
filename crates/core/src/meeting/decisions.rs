//! Decisions across meetings: the open ones on a person's list, overdue ones first to see.

use super::record::{Decision, Meeting};
use crate::date::Date;
use std::cmp::Ordering;

/// One decision with its meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionRow<'a> {
    pub meeting_id: &'a String,
    pub meeting: &'a Meeting,
    pub decision_id: &'a String,
    pub decision: &'a Decision,
    pub overdue: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionQuery {
    /// Only decisions this staff member is responsible for.
    pub person: Option<String>,
    /// Only decisions of the council (`Some(None)`) or of one association.
    pub body: Option<Option<String>>,
    /// Include decisions already done.
    pub include_done: bool,
    pub overdue_only: bool,
}

impl DecisionQuery {
    /// The decisions that pass, overdue first, then by deadline (none last), then by the
    /// meeting's date.
    pub fn run<'a>(
        &self,
        meetings: impl IntoIterator<Item = (&'a String, &'a Meeting)>,
        today: Date,
    ) -> Vec<DecisionRow<'a>> {
        let mut rows = Vec::new();
        for (meeting_id, meeting) in meetings.into_iter().filter(|(_, m)| !m.is_removed()) {
            if self
                .body
                .as_ref()
                .is_some_and(|b| meeting.association.as_deref() != b.as_deref())
            {
                continue;
            }
            for (decision_id, decision) in &meeting.decisions {
                let overdue = decision.is_overdue(today);
                let keep = (self.include_done || decision.is_open())
                    && (!self.overdue_only || overdue)
                    && self
                        .person
                        .as_deref()
                        .is_none_or(|p| decision.responsible.as_deref() == Some(p));
                if keep {
                    rows.push(DecisionRow {
                        meeting_id,
                        meeting,
                        decision_id,
                        decision,
                        overdue,
                    });
                }
            }
        }
        crate::order::sort_by(&mut rows, |a, b| {
            b.overdue
                .cmp(&a.overdue)
                .then_with(|| match (a.decision.deadline, b.decision.deadline) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                })
                .then_with(|| a.meeting.date.cmp(&b.meeting.date))
                .then_with(|| a.decision.created_ms.cmp(&b.decision.created_ms))
                .then_with(|| a.decision_id.cmp(b.decision_id))
        });
        rows
    }
}
