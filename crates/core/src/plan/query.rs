//! The plan list: search, filters (year, plan, status, person, section) and sort.

use super::item::{ItemStatus, PlanItem};
use crate::date::Date;
use crate::text;
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlanSort {
    /// By first date, undated last.
    #[default]
    Date,
    Title,
    Status,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanQuery {
    /// Words in the title, section or outcome.
    pub search: String,
    pub school_year: Option<u16>,
    /// `Some(None)`: the annual plan only; `Some(Some(id))`: one association's plan.
    pub plan: Option<Option<String>>,
    pub status: Option<ItemStatus>,
    /// Items this staff member is responsible for.
    pub person: Option<String>,
    /// A section, compared folded.
    pub section: Option<String>,
    /// Only open items past their due date.
    pub overdue_only: bool,
    pub removed: bool,
    pub sort: PlanSort,
}

impl PlanQuery {
    pub fn accepts(&self, i: &PlanItem, today: Date) -> bool {
        i.is_removed() == self.removed
            && self.school_year.is_none_or(|y| i.school_year == y)
            && self
                .plan
                .as_ref()
                .is_none_or(|p| i.association.as_deref() == p.as_deref())
            && self.status.is_none_or(|s| i.status == s)
            && self
                .person
                .as_deref()
                .is_none_or(|p| i.responsible.iter().any(|r| r == p))
            && self
                .section
                .as_deref()
                .is_none_or(|s| text::fold(s) == text::fold(&i.section))
            && (!self.overdue_only || i.is_overdue(today))
            && text::matches(&self.search, &[&i.title, &i.section, &i.outcome])
    }

    pub fn run<'a>(
        &self,
        records: impl IntoIterator<Item = (&'a String, &'a PlanItem)>,
        today: Date,
    ) -> Vec<(&'a String, &'a PlanItem)> {
        let mut rows: Vec<_> = records
            .into_iter()
            .filter(|(_, i)| self.accepts(i, today))
            .collect();
        let by_date = |a: &PlanItem, b: &PlanItem| match (a.first_date(), b.first_date()) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        crate::order::sort_by(&mut rows, |(ia, a), (ib, b)| {
            let primary = match self.sort {
                PlanSort::Date => by_date(a, b),
                PlanSort::Title => Ordering::Equal,
                PlanSort::Status => a.status.cmp(&b.status).then_with(|| by_date(a, b)),
            };
            primary
                .then_with(|| text::collate(&a.title, &b.title))
                .then_with(|| ia.cmp(ib))
        });
        rows
    }

    /// The sections used, folded-deduplicated, in alphabet order (for the filter).
    pub fn sections<'a>(items: impl IntoIterator<Item = &'a PlanItem>) -> Vec<String> {
        let mut seen = std::collections::HashMap::new();
        for i in items.into_iter().filter(|i| !i.is_removed()) {
            if !i.section.is_empty() {
                seen.entry(text::fold(&i.section))
                    .or_insert_with(|| i.section.clone());
            }
        }
        let mut out: Vec<String> = seen.into_values().collect();
        crate::order::sort_by(&mut out, |a, b| text::collate(a, b));
        out
    }

    /// The school years that have items, newest first.
    pub fn years<'a>(items: impl IntoIterator<Item = &'a PlanItem>) -> Vec<u16> {
        let mut years: Vec<u16> = items
            .into_iter()
            .filter(|i| !i.is_removed())
            .map(|i| i.school_year)
            .collect();
        crate::order::sort_by(&mut years, |a, b| b.cmp(a));
        years.dedup();
        years
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, month: u8, status: ItemStatus, who: &[&str]) -> PlanItem {
        PlanItem {
            school_year: 2026,
            title: title.into(),
            section: "Аттестация".into(),
            start: Date::new(if month >= 9 { 2026 } else { 2027 }, month, 10),
            responsible: who.iter().map(|w| w.to_string()).collect(),
            status,
            ..PlanItem::default()
        }
    }

    #[test]
    fn filters_and_sorts_plan_items() {
        let today = Date::new(2026, 11, 25).unwrap();
        let data = [
            (
                "1".to_string(),
                item("Үлгү сабак", 10, ItemStatus::Planned, &["a"]),
            ),
            (
                "2".to_string(),
                item("Өз ара катышуу", 12, ItemStatus::Done, &["b"]),
            ),
            (
                "3".to_string(),
                PlanItem {
                    association: Some("math".into()),
                    ..item("Олимпиада", 2, ItemStatus::InProgress, &["a", "b"])
                },
            ),
        ];
        let titles = |q: &PlanQuery| -> Vec<String> {
            q.run(data.iter().map(|(i, p)| (i, p)), today)
                .into_iter()
                .map(|(_, p)| p.title.clone())
                .collect()
        };
        assert_eq!(
            titles(&PlanQuery::default()),
            vec!["Үлгү сабак", "Өз ара катышуу", "Олимпиада"]
        );
        let q = PlanQuery {
            sort: PlanSort::Title,
            ..PlanQuery::default()
        };
        assert_eq!(
            titles(&q),
            vec!["Олимпиада", "Өз ара катышуу", "Үлгү сабак"]
        );
        let q = PlanQuery {
            plan: Some(None),
            person: Some("b".into()),
            ..PlanQuery::default()
        };
        assert_eq!(titles(&q), vec!["Өз ара катышуу"]);
        let q = PlanQuery {
            overdue_only: true,
            ..PlanQuery::default()
        };
        assert_eq!(titles(&q), vec!["Үлгү сабак"]);
        let q = PlanQuery {
            search: "ӨЗ АРА".into(),
            ..PlanQuery::default()
        };
        assert_eq!(titles(&q), vec!["Өз ара катышуу"]);
        assert_eq!(
            PlanQuery::sections(data.iter().map(|(_, p)| p)),
            vec!["Аттестация"]
        );
        assert_eq!(PlanQuery::years(data.iter().map(|(_, p)| p)), vec![2026]);
    }
}
