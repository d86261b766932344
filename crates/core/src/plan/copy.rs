//! Copying a plan into the next school year: the same items a year later, all planned
//! again, outcomes cleared.

use super::item::{ItemStatus, PlanItem};
use crate::text;

/// The items of one plan (`association`: `None` for the annual plan) of `from_year`, as new
/// items for `to_year`: dates moved by the years between, status planned, outcome empty.
/// Removed and cancelled items are not copied. Returned in plan order (date, then title).
pub fn copy_plan<'a>(
    items: impl IntoIterator<Item = &'a PlanItem>,
    from_year: u16,
    association: Option<&str>,
    to_year: u16,
) -> Vec<PlanItem> {
    let months = (to_year.saturating_sub(from_year)) as u32 * 12;
    let shift = |d: Option<crate::Date>| d.map(|d| d.add_months(months));
    let mut out: Vec<PlanItem> = items
        .into_iter()
        .filter(|i| {
            i.school_year == from_year
                && i.association.as_deref() == association
                && !i.is_removed()
                && i.status != ItemStatus::Cancelled
        })
        .map(|i| PlanItem {
            school_year: to_year,
            association: i.association.clone(),
            title: i.title.clone(),
            section: i.section.clone(),
            start: shift(i.start),
            end: shift(i.end),
            deadline: shift(i.deadline),
            responsible: i.responsible.clone(),
            status: ItemStatus::Planned,
            outcome: String::new(),
            removed: None,
        })
        .collect();
    crate::order::sort_by(&mut out, |a, b| {
        a.first_date()
            .cmp(&b.first_date())
            .then_with(|| text::collate(&a.title, &b.title))
    });
    out
}
