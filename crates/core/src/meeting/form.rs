//! The meeting and decision forms as typed, validated.

use super::record::{AgendaItem, Decision, Meeting};
use crate::date::Date;
use crate::school_year;
use crate::validation::{FieldProblem, Problem, optional_date, required_name};
use autosurgeon::Text;
use std::collections::BTreeMap;

const TITLE_MAX: usize = 300;
const DECISION_MAX: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeetingField {
    Date,
    /// The agenda as a whole (it needs an item).
    Agenda,
    /// An agenda item's speaker, by index.
    Speaker(usize),
}

/// An agenda item as typed: the question and a staff id (or empty) reporting on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaItemForm {
    pub title: String,
    pub speaker: String,
}

/// The meeting's heading as typed: body, date and agenda. Attendance, minutes and
/// decisions are edited on the meeting itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeetingForm {
    /// An association id, or empty for the council.
    pub association: String,
    pub date: String,
    pub agenda: Vec<AgendaItemForm>,
}

/// A validated heading.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingHeader {
    pub association: Option<String>,
    pub date: Date,
    pub agenda: Vec<AgendaItem>,
}

impl MeetingForm {
    pub fn from_meeting(m: &Meeting) -> MeetingForm {
        MeetingForm {
            association: m.association.clone().unwrap_or_default(),
            date: m.date.to_string(),
            agenda: m
                .agenda
                .iter()
                .map(|a| AgendaItemForm {
                    title: a.title.clone(),
                    speaker: a.speaker.clone().unwrap_or_default(),
                })
                .collect(),
        }
    }

    pub fn parse(&self, staff: &[&str]) -> Result<MeetingHeader, Vec<FieldProblem<MeetingField>>> {
        let mut errors = Vec::new();
        let date = match optional_date(&self.date) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.push(FieldProblem {
                    field: MeetingField::Date,
                    problem: Problem::Required,
                });
                None
            }
            Err(problem) => {
                errors.push(FieldProblem {
                    field: MeetingField::Date,
                    problem,
                });
                None
            }
        };
        let mut agenda = Vec::new();
        for (i, item) in self.agenda.iter().enumerate() {
            let Ok(title) = required_name(&item.title, TITLE_MAX) else {
                if item.title.chars().count() > TITLE_MAX {
                    errors.push(FieldProblem {
                        field: MeetingField::Agenda,
                        problem: Problem::TooLong { max: TITLE_MAX },
                    });
                }
                continue;
            };
            let speaker = match item.speaker.trim() {
                "" => None,
                id if staff.contains(&id) => Some(id.to_string()),
                _ => {
                    errors.push(FieldProblem {
                        field: MeetingField::Speaker(i),
                        problem: Problem::NotOnStaff,
                    });
                    None
                }
            };
            agenda.push(AgendaItem { title, speaker });
        }
        if agenda.is_empty() && !errors.iter().any(|e| e.field == MeetingField::Agenda) {
            errors.push(FieldProblem {
                field: MeetingField::Agenda,
                problem: Problem::Required,
            });
        }
        match date {
            Some(date) if errors.is_empty() => Ok(MeetingHeader {
                association: Some(self.association.trim().to_string()).filter(|a| !a.is_empty()),
                date,
                agenda,
            }),
            _ => Err(errors),
        }
    }
}

impl MeetingHeader {
    /// A new meeting with this heading, number `number` (see [`super::next_number`]).
    pub fn new_meeting(self, number: u32, created_ms: i64) -> Meeting {
        Meeting {
            school_year: school_year::of(self.date),
            association: self.association,
            number,
            date: self.date,
            created_ms,
            agenda: self.agenda,
            attendance: BTreeMap::new(),
            minutes: Text::with_value(""),
            decisions: BTreeMap::new(),
            removed: None,
        }
    }

    /// Writes the heading onto a stored meeting (its number stays).
    pub fn apply_to(self, m: &mut Meeting) {
        m.school_year = school_year::of(self.date);
        m.association = self.association;
        m.date = self.date;
        m.agenda = self.agenda;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecisionField {
    Text,
    Responsible,
    Deadline,
}

/// A new decision as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionForm {
    pub text: String,
    /// A staff id or empty.
    pub responsible: String,
    /// `YYYY-MM-DD` or empty.
    pub deadline: String,
}

impl DecisionForm {
    /// Validates a new decision: its deadline may not have passed already.
    pub fn parse(
        &self,
        today: Date,
        staff: &[&str],
        created_ms: i64,
    ) -> Result<Decision, Vec<FieldProblem<DecisionField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });
        let text = self.text.trim().to_string();
        if text.is_empty() {
            fail(DecisionField::Text, Problem::Required);
        } else if text.chars().count() > DECISION_MAX {
            fail(DecisionField::Text, Problem::TooLong { max: DECISION_MAX });
        }
        let responsible = match self.responsible.trim() {
            "" => None,
            id if staff.contains(&id) => Some(id.to_string()),
            _ => {
                fail(DecisionField::Responsible, Problem::NotOnStaff);
                None
            }
        };
        let deadline = optional_date(&self.deadline).unwrap_or_else(|p| {
            fail(DecisionField::Deadline, p);
            None
        });
        if deadline.is_some_and(|d| d < today) {
            fail(DecisionField::Deadline, Problem::DeadlineInPast);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Decision {
            text,
            responsible,
            deadline,
            done: None,
            created_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_needs_a_date_and_an_agenda() {
        let form = MeetingForm {
            association: String::new(),
            date: "2026-02-30".into(),
            agenda: vec![AgendaItemForm::default()],
        };
        let got: Vec<_> = form
            .parse(&["a"])
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                (MeetingField::Date, Problem::NotADate),
                (MeetingField::Agenda, Problem::Required)
            ]
        );
        let form = MeetingForm {
            association: "math".into(),
            date: "2026-01-15".into(),
            agenda: vec![
                AgendaItemForm {
                    title: "Жарым жылдык жыйынтык".into(),
                    speaker: "a".into(),
                },
                AgendaItemForm {
                    title: "Олимпиада".into(),
                    speaker: "ghost".into(),
                },
            ],
        };
        assert_eq!(
            form.parse(&["a"]).unwrap_err(),
            vec![FieldProblem {
                field: MeetingField::Speaker(1),
                problem: Problem::NotOnStaff
            }]
        );
        let mut fixed = form.clone();
        fixed.agenda[1].speaker.clear();
        let meeting = fixed.parse(&["a"]).unwrap().new_meeting(3, 10);
        assert_eq!(
            meeting.school_year, 2025,
            "January belongs to the year begun in September"
        );
        assert_eq!(meeting.association.as_deref(), Some("math"));
        assert_eq!(MeetingForm::from_meeting(&meeting), fixed);
    }

    #[test]
    fn a_decision_checks_its_person_and_deadline() {
        let today = Date::new(2026, 11, 25).unwrap();
        let form = DecisionForm {
            text: " ".into(),
            responsible: "ghost".into(),
            deadline: "2026-11-24".into(),
        };
        let got: Vec<_> = form
            .parse(today, &["a"], 1)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                (DecisionField::Text, Problem::Required),
                (DecisionField::Responsible, Problem::NotOnStaff),
                (DecisionField::Deadline, Problem::DeadlineInPast),
            ]
        );
        let ok = DecisionForm {
            text: "Ачык сабак өткөрүү".into(),
            responsible: "a".into(),
            deadline: "2026-11-25".into(),
        }
        .parse(today, &["a"], 1)
        .unwrap();
        assert!(ok.is_open() && !ok.is_overdue(today));
    }
}
