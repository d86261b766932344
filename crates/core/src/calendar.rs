//! The calendar of everything dated in the space (R3): plan items, program stages,
//! meetings and open decisions, filterable by association and person, laid out by month
//! (weeks from Monday) or by week.

use crate::date::Date;
use crate::meeting::Meeting;
use crate::plan::{PlanItem, Program};

/// What a calendar entry stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    Meeting,
    PlanItem,
    ProgramStage,
    /// An open decision, on its deadline.
    Decision,
}

/// One dated thing.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarEntry {
    pub kind: EntryKind,
    pub date: Date,
    /// The last day, when the entry spans several.
    pub end: Option<Date>,
    pub title: String,
    /// The association it belongs to; `None` for the whole school (council, annual plan).
    pub association: Option<String>,
    /// Staff ids involved (responsible, participants, attendance).
    pub people: Vec<String>,
    /// The record to open: a plan item, program or meeting id.
    pub record: String,
    pub overdue: bool,
}

impl CalendarEntry {
    /// Does the entry fall on `day`?
    pub fn on(&self, day: Date) -> bool {
        self.date <= day && day <= self.end.unwrap_or(self.date)
    }
}

/// Which entries to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalendarFilter {
    /// `Some(None)`: school-wide only; `Some(Some(id))`: one association.
    pub association: Option<Option<String>>,
    pub person: Option<String>,
}

impl CalendarFilter {
    pub fn accepts(&self, e: &CalendarEntry) -> bool {
        self.association
            .as_ref()
            .is_none_or(|a| e.association.as_deref() == a.as_deref())
            && self
                .person
                .as_deref()
                .is_none_or(|p| e.people.iter().any(|x| x == p))
    }
}

/// Every dated entry, sorted by date then kind then title. Removed records and cancelled
/// items are left out; decisions only while open.
pub fn gather<'a>(
    items: impl IntoIterator<Item = (&'a String, &'a PlanItem)>,
    programs: impl IntoIterator<Item = (&'a String, &'a Program)>,
    meetings: impl IntoIterator<Item = (&'a String, &'a Meeting)>,
    meeting_title: &dyn Fn(&Meeting) -> String,
    today: Date,
) -> Vec<CalendarEntry> {
    let mut out = Vec::new();
    for (id, i) in items {
        if i.is_removed() || i.status == crate::plan::ItemStatus::Cancelled {
            continue;
        }
        let Some(date) = i.first_date() else { continue };
        let last = [i.end, i.deadline].into_iter().flatten().max();
        out.push(CalendarEntry {
            kind: EntryKind::PlanItem,
            date,
            end: last.filter(|l| *l > date),
            title: i.title.clone(),
            association: i.association.clone(),
            people: i.responsible.clone(),
            record: id.clone(),
            overdue: i.is_overdue(today),
        });
    }
    for (id, p) in programs {
        if p.is_removed() {
            continue;
        }
        for s in &p.stages {
            let Some(date) = s.start.or(s.end) else {
                continue;
            };
            out.push(CalendarEntry {
                kind: EntryKind::ProgramStage,
                date,
                end: s.end.filter(|e| *e > date),
                title: format!("{}: {}", p.title, s.title),
                association: None,
                people: p.participants.clone(),
                record: id.clone(),
                overdue: false,
            });
        }
    }
    for (id, m) in meetings {
        if m.is_removed() {
            continue;
        }
        let mut people: Vec<String> = m.attendance.keys().cloned().collect();
        people.extend(m.agenda.iter().filter_map(|a| a.speaker.clone()));
        out.push(CalendarEntry {
            kind: EntryKind::Meeting,
            date: m.date,
            end: None,
            title: meeting_title(m),
            association: m.association.clone(),
            people,
            record: id.clone(),
            overdue: false,
        });
        for d in m.decisions.values().filter(|d| d.is_open()) {
            let Some(deadline) = d.deadline else { continue };
            out.push(CalendarEntry {
                kind: EntryKind::Decision,
                date: deadline,
                end: None,
                title: d.text.clone(),
                association: m.association.clone(),
                people: d.responsible.clone().into_iter().collect(),
                record: id.clone(),
                overdue: d.is_overdue(today),
            });
        }
    }
    crate::order::sort_by(&mut out, |a, b| {
        (a.date, a.kind, &a.title, &a.record).cmp(&(b.date, b.kind, &b.title, &b.record))
    });
    out
}

/// The day `days` after `date` (before, when negative).
pub fn add_days(date: Date, days: i64) -> Date {
    Date::from_unix_ms((date.days_since_epoch() + days) * 86_400_000, 0)
}

/// 0 for Monday … 6 for Sunday.
pub fn weekday(date: Date) -> usize {
    // 1970-01-01 was a Thursday.
    (date.days_since_epoch() + 3).rem_euclid(7) as usize
}

/// The Monday-to-Sunday week holding `date`.
pub fn week_of(date: Date) -> [Date; 7] {
    let monday = add_days(date, -(weekday(date) as i64));
    std::array::from_fn(|i| add_days(monday, i as i64))
}

/// The weeks of a month, Monday first; days of the neighbouring months are `None`.
pub fn month_grid(year: u16, month: u8) -> Vec<[Option<Date>; 7]> {
    let Some(first) = Date::new(year, month, 1) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut monday = week_of(first)[0];
    loop {
        let week = week_of(monday).map(|d| (d.month == month && d.year == year).then_some(d));
        if week.iter().all(Option::is_none) {
            break;
        }
        weeks.push(week);
        monday = add_days(monday, 7);
    }
    weeks
}

/// The first day of the month `delta` months from the month of `date`.
pub fn shift_month(date: Date, delta: i32) -> Date {
    let total = date.year as i32 * 12 + date.month as i32 - 1 + delta;
    Date::new((total / 12) as u16, (total % 12 + 1) as u8, 1).expect("the 1st exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::ItemStatus;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(weekday(d(2026, 11, 23)), 0, "23 Nov 2026 is a Monday");
        assert_eq!(week_of(d(2026, 11, 26))[0], d(2026, 11, 23));
        assert_eq!(week_of(d(2026, 11, 26))[6], d(2026, 11, 29));
        let grid = month_grid(2026, 11);
        assert_eq!(grid.len(), 6, "November 2026 starts on a Sunday");
        assert_eq!(grid[0][6], Some(d(2026, 11, 1)));
        assert_eq!(grid[0][0], None);
        assert_eq!(grid[5][0], Some(d(2026, 11, 30)));
        assert_eq!(shift_month(d(2026, 12, 15), 1), d(2027, 1, 1));
        assert_eq!(shift_month(d(2026, 1, 15), -1), d(2025, 12, 1));
    }

    #[test]
    fn gathers_dated_things_and_filters_them() {
        let today = d(2026, 11, 25);
        let items = [
            (
                "i1".to_string(),
                PlanItem {
                    title: "Декада".into(),
                    start: Some(d(2026, 11, 20)),
                    end: Some(d(2026, 11, 30)),
                    responsible: vec!["a".into()],
                    association: Some("math".into()),
                    ..PlanItem::default()
                },
            ),
            (
                "i2".to_string(),
                PlanItem {
                    title: "Жокко чыккан".into(),
                    start: Some(d(2026, 11, 21)),
                    status: ItemStatus::Cancelled,
                    ..PlanItem::default()
                },
            ),
        ];
        let entries = gather(
            items.iter().map(|(i, p)| (i, p)),
            std::iter::empty(),
            std::iter::empty(),
            &|_| String::new(),
            today,
        );
        assert_eq!(entries.len(), 1);
        assert!(entries[0].on(d(2026, 11, 25)) && !entries[0].on(d(2026, 12, 1)));
        let mine = CalendarFilter {
            person: Some("a".into()),
            ..CalendarFilter::default()
        };
        assert!(mine.accepts(&entries[0]));
        let school = CalendarFilter {
            association: Some(None),
            ..CalendarFilter::default()
        };
        assert!(!school.accepts(&entries[0]));
    }
}
