//! Meeting numbers within a school year, per body (the council, or one association).
//!
//! A new meeting takes the next free number on the device that creates it. Two devices
//! offline may both give out the same number; after they merge, the rule below makes the
//! numbers unique again, the same on every device:
//!
//! within a body and year, meetings are taken in order of (given number, date, creation
//! time, id); each gets its given number, or one more than the meeting before it if that
//! is taken. A meeting whose shown number differs from the given one is marked
//! `renumbered`, and the screen says so.

use super::record::Meeting;
use std::collections::HashMap;

/// The number a meeting shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingNumber {
    pub shown: u32,
    /// The number given at creation was taken by a meeting created elsewhere.
    pub renumbered: bool,
}

/// The meetings of one body in one year.
type Group<'a> = Vec<(&'a String, &'a Meeting)>;

/// The shown number of every meeting that is not removed, by id.
pub fn numbers<'a>(
    meetings: impl IntoIterator<Item = (&'a String, &'a Meeting)>,
) -> HashMap<String, MeetingNumber> {
    let mut groups: HashMap<(u16, Option<&str>), Group> = HashMap::new();
    for (id, m) in meetings.into_iter().filter(|(_, m)| !m.is_removed()) {
        groups
            .entry((m.school_year, m.association.as_deref()))
            .or_default()
            .push((id, m));
    }
    let mut out = HashMap::new();
    for (_, mut group) in groups {
        crate::order::sort_by(&mut group, |a, b| {
            (a.1.number, a.1.date, a.1.created_ms, a.0).cmp(&(
                b.1.number,
                b.1.date,
                b.1.created_ms,
                b.0,
            ))
        });
        let mut last = 0;
        for (id, m) in group {
            let shown = m.number.max(last + 1);
            last = shown;
            out.insert(
                id.clone(),
                MeetingNumber {
                    shown,
                    renumbered: shown != m.number,
                },
            );
        }
    }
    out
}

/// The number for a new meeting of a body in a school year: one after the highest shown.
pub fn next_number<'a>(
    meetings: impl IntoIterator<Item = (&'a String, &'a Meeting)>,
    school_year: u16,
    association: Option<&str>,
) -> u32 {
    let group: Vec<(&String, &Meeting)> = meetings
        .into_iter()
        .filter(|(_, m)| m.school_year == school_year && m.association.as_deref() == association)
        .collect();
    numbers(group).values().map(|n| n.shown).max().unwrap_or(0) + 1
}
