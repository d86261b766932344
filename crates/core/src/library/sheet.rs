//! The familiarization sheet ("лист ознакомления") in a school's paper layout: the
//! document's title, number and date, then a table № / full name / position or association /
//! date of familiarization / signature. The print view and the .xlsx export both draw this
//! one model; words come from the interface in its language, as [`SheetLabels`].

use super::document::LibraryDocument;
use crate::date::Date;
use crate::staff::StaffMember;
use crate::structure::Association;
use crate::text;
use std::collections::HashMap;

/// The words of the paper form, in the interface language.
#[derive(Clone, Debug)]
pub struct SheetLabels<'a> {
    /// "ЛИСТ ОЗНАКОМЛЕНИЯ".
    pub heading: &'a str,
    /// Before the document's title: "с документом".
    pub with: &'a str,
    /// Before the date of the document: "от".
    pub dated: &'a str,
    /// Before the deadline: "Срок ознакомления: до".
    pub deadline: &'a str,
    /// The five column headings: №, full name, position or association, date, signature.
    pub columns: [&'a str; 5],
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetLine {
    /// 1, 2, 3… in the order of the table.
    pub number: usize,
    /// The staff id.
    pub person: String,
    pub name: String,
    /// The associations the person reads for (or is in), else their subjects.
    pub position: String,
    /// The day of acknowledgement (in the sheet's time zone).
    pub day: Option<Date>,
    /// `dd.mm.yyyy`, empty when not acknowledged yet.
    pub date: String,
    pub acknowledged_ms: Option<i64>,
    /// Required now (false: acknowledged but no longer in the audience).
    pub required: bool,
}

impl SheetLine {
    /// The row's five cells as printed (the signature is left blank for the pen).
    pub fn cells(&self) -> [String; 5] {
        [
            self.number.to_string(),
            self.name.clone(),
            self.position.clone(),
            self.date.clone(),
            String::new(),
        ]
    }
}

/// The familiarization sheet of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamiliarizationSheet {
    pub school: String,
    pub heading: String,
    /// "с документом «Title» № 15-П от 01.09.2026".
    pub document: String,
    /// "Срок ознакомления: до 15.09.2026", when there is a deadline.
    pub deadline: Option<String>,
    pub columns: [String; 5],
    pub lines: Vec<SheetLine>,
    /// Required readers who acknowledged.
    pub acknowledged: usize,
    /// Required readers.
    pub required: usize,
}

impl FamiliarizationSheet {
    /// The sheet of `document`, or `None` when it requires no familiarization. `staff` is
    /// every staff record (removed ones name people who left); readers come in alphabet
    /// order. Dates of acknowledgement are days in the time zone `offset_minutes`.
    pub fn build(
        document: &LibraryDocument,
        school: &str,
        staff: &HashMap<String, StaffMember>,
        associations: &HashMap<String, Association>,
        offset_minutes: i32,
        labels: &SheetLabels,
    ) -> Option<FamiliarizationSheet> {
        let f = document.familiarization.as_ref()?;
        let mut current: Vec<(&String, &StaffMember)> =
            staff.iter().filter(|(_, m)| !m.is_removed()).collect();
        crate::order::sort_by(&mut current, |a, b| {
            text::collate(&a.1.full_name, &b.1.full_name).then(a.0.cmp(b.0))
        });
        let ids: Vec<&str> = current.iter().map(|(id, _)| id.as_str()).collect();
        let audience_associations: Option<&Vec<String>> = match &f.audience {
            super::Audience::Associations(a) => Some(a),
            _ => None,
        };
        let mut groups: Vec<(&String, &Association)> = associations
            .iter()
            .filter(|(id, a)| {
                !a.is_removed() && audience_associations.is_none_or(|only| only.contains(id))
            })
            .collect();
        crate::order::sort_by(&mut groups, |a, b| text::collate(&a.1.name, &b.1.name));
        let position = |person: &str| {
            let names: Vec<&str> = groups
                .iter()
                .filter(|(_, a)| a.includes(person))
                .map(|(_, a)| a.name.as_str())
                .collect();
            if names.is_empty() {
                staff
                    .get(person)
                    .map(|m| m.subjects.join(", "))
                    .unwrap_or_default()
            } else {
                names.join(", ")
            }
        };
        let lines: Vec<SheetLine> = f
            .sheet(&ids, associations)
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let day = row
                    .acknowledged_ms
                    .map(|ms| Date::from_unix_ms(ms, offset_minutes));
                SheetLine {
                    number: i + 1,
                    name: staff
                        .get(&row.person)
                        .map(|m| m.full_name.clone())
                        .unwrap_or_else(|| row.person.clone()),
                    position: position(&row.person),
                    day,
                    date: day.map(Date::dotted).unwrap_or_default(),
                    acknowledged_ms: row.acknowledged_ms,
                    required: row.required,
                    person: row.person,
                }
            })
            .collect();
        let mut title = format!("{} «{}»", labels.with, document.title);
        if !document.number.is_empty() {
            let number = document.number.trim_start_matches(['№', ' ']);
            title.push_str(&format!(" № {number}"));
        }
        if let Some(d) = document.date {
            title.push_str(&format!(" {} {}", labels.dated, d.dotted()));
        }
        let required = lines.iter().filter(|l| l.required).count();
        let acknowledged = lines
            .iter()
            .filter(|l| l.required && l.acknowledged_ms.is_some())
            .count();
        Some(FamiliarizationSheet {
            school: school.to_string(),
            heading: labels.heading.to_string(),
            document: title,
            deadline: f
                .deadline
                .map(|d| format!("{} {}", labels.deadline, d.dotted())),
            columns: labels.columns.map(str::to_string),
            lines,
            acknowledged,
            required,
        })
    }

    /// The header row and then every row's cells: the table as printed and exported.
    pub fn table(&self) -> Vec<[String; 5]> {
        std::iter::once(self.columns.clone())
            .chain(self.lines.iter().map(SheetLine::cells))
            .collect()
    }
}
