//! The list of meetings: search, filters and sort.

use super::record::Meeting;
use crate::text;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MeetingSort {
    /// Newest first.
    #[default]
    DateDesc,
    DateAsc,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingQuery {
    /// Words in the agenda, the minutes or the decisions.
    pub search: String,
    pub school_year: Option<u16>,
    /// `Some(None)`: the council; `Some(Some(id))`: one association.
    pub body: Option<Option<String>>,
    /// Meetings this staff member attended or is responsible for a decision of.
    pub person: Option<String>,
    pub removed: bool,
    pub sort: MeetingSort,
}

impl MeetingQuery {
    pub fn accepts(&self, m: &Meeting) -> bool {
        let involves = |p: &str| {
            m.attendance.contains_key(p)
                || m.decisions
                    .values()
                    .any(|d| d.responsible.as_deref() == Some(p))
                || m.agenda.iter().any(|a| a.speaker.as_deref() == Some(p))
        };
        if m.is_removed() != self.removed
            || self.school_year.is_some_and(|y| m.school_year != y)
            || self
                .body
                .as_ref()
                .is_some_and(|b| m.association.as_deref() != b.as_deref())
            || self.person.as_deref().is_some_and(|p| !involves(p))
        {
            return false;
        }
        let agenda: Vec<&str> = m.agenda.iter().map(|a| a.title.as_str()).collect();
        let decisions: Vec<&str> = m.decisions.values().map(|d| d.text.as_str()).collect();
        text::matches(
            &self.search,
            &[&agenda.join(" "), m.minutes.as_str(), &decisions.join(" ")],
        )
    }

    pub fn run<'a>(
        &self,
        records: impl IntoIterator<Item = (&'a String, &'a Meeting)>,
    ) -> Vec<(&'a String, &'a Meeting)> {
        let mut rows: Vec<_> = records
            .into_iter()
            .filter(|(_, m)| self.accepts(m))
            .collect();
        crate::order::sort_by(&mut rows, |a, b| {
            let order = (a.1.date, a.1.number, a.1.created_ms, a.0).cmp(&(
                b.1.date,
                b.1.number,
                b.1.created_ms,
                b.0,
            ));
            match self.sort {
                MeetingSort::DateAsc => order,
                MeetingSort::DateDesc => order.reverse(),
            }
        });
        rows
    }
}
