//! The plan item and program forms as typed, validated into records.

use super::item::{ItemStatus, PlanItem};
use super::program::{Program, Stage};
use crate::date::Date;
use crate::validation::{
    FieldProblem, Problem, collapse_spaces, optional_date, required_name, staff_ids,
};

const TITLE_MAX: usize = 300;
const NOTE_MAX: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanItemField {
    Title,
    Section,
    Start,
    End,
    Deadline,
    Responsible,
    Outcome,
}

/// A plan item as typed: dates as `YYYY-MM-DD` or empty, people as staff ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanItemForm {
    pub school_year: u16,
    /// An association id, or empty for the annual plan.
    pub association: String,
    pub title: String,
    pub section: String,
    pub start: String,
    pub end: String,
    pub deadline: String,
    pub responsible: Vec<String>,
    pub status: ItemStatus,
    pub outcome: String,
}

impl PlanItemForm {
    pub fn from_item(i: &PlanItem) -> PlanItemForm {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        PlanItemForm {
            school_year: i.school_year,
            association: i.association.clone().unwrap_or_default(),
            title: i.title.clone(),
            section: i.section.clone(),
            start: date(i.start),
            end: date(i.end),
            deadline: date(i.deadline),
            responsible: i.responsible.clone(),
            status: i.status,
            outcome: i.outcome.clone(),
        }
    }

    /// Validates the form. `staff` are the ids of current staff; `base` is the item being
    /// edited (`None` for a new one: only a new item may not have a deadline in the past).
    pub fn parse(
        &self,
        today: Date,
        staff: &[&str],
        base: Option<&PlanItem>,
    ) -> Result<PlanItem, Vec<FieldProblem<PlanItemField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });
        let title = required_name(&self.title, TITLE_MAX).unwrap_or_else(|p| {
            fail(PlanItemField::Title, p);
            String::new()
        });
        let section = collapse_spaces(&self.section);
        if section.chars().count() > TITLE_MAX {
            fail(PlanItemField::Section, Problem::TooLong { max: TITLE_MAX });
        }
        let mut date = |field, text: &str| {
            optional_date(text).unwrap_or_else(|p| {
                fail(field, p);
                None
            })
        };
        let start = date(PlanItemField::Start, &self.start);
        let end = date(PlanItemField::End, &self.end);
        let deadline = date(PlanItemField::Deadline, &self.deadline);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            fail(PlanItemField::End, Problem::EndBeforeStart);
        }
        if base.is_none() && deadline.is_some_and(|d| d < today) {
            fail(PlanItemField::Deadline, Problem::DeadlineInPast);
        }
        let responsible = staff_ids(&self.responsible, staff).unwrap_or_else(|p| {
            fail(PlanItemField::Responsible, p);
            Vec::new()
        });
        let outcome = self.outcome.trim().to_string();
        if outcome.chars().count() > NOTE_MAX {
            fail(PlanItemField::Outcome, Problem::TooLong { max: NOTE_MAX });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PlanItem {
            school_year: self.school_year,
            association: Some(self.association.trim().to_string()).filter(|a| !a.is_empty()),
            title,
            section,
            start,
            end,
            deadline,
            responsible,
            status: self.status,
            outcome,
            removed: base.and_then(|b| b.removed.clone()),
        })
    }
}

impl PlanItemForm {
    /// The item to store when a form opened on `initial` is saved as `self` (validated as
    /// `mine`) while `current` is what is stored now: only the fields changed in this form
    /// are taken, so an edit or a removal made meanwhile (in another tab) is kept.
    pub fn merge_into(
        &self,
        initial: &PlanItemForm,
        mine: PlanItem,
        mut current: PlanItem,
    ) -> PlanItem {
        if self.school_year != initial.school_year {
            current.school_year = mine.school_year;
        }
        if self.association != initial.association {
            current.association = mine.association;
        }
        if self.title != initial.title {
            current.title = mine.title;
        }
        if self.section != initial.section {
            current.section = mine.section;
        }
        if self.start != initial.start {
            current.start = mine.start;
        }
        if self.end != initial.end {
            current.end = mine.end;
        }
        if self.deadline != initial.deadline {
            current.deadline = mine.deadline;
        }
        if self.responsible != initial.responsible {
            current.responsible = mine.responsible;
        }
        if self.status != initial.status {
            current.status = mine.status;
        }
        if self.outcome != initial.outcome {
            current.outcome = mine.outcome;
        }
        current
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgramField {
    Title,
    Goal,
    /// A stage's title, by index.
    StageTitle(usize),
    StageStart(usize),
    /// A stage's end, by index (an end before its start).
    StageEnd(usize),
    Participants,
}

/// One stage as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageForm {
    pub title: String,
    pub start: String,
    pub end: String,
    pub result: String,
}

/// A program as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramForm {
    pub title: String,
    pub goal: String,
    pub stages: Vec<StageForm>,
    pub participants: Vec<String>,
    pub results: String,
}

impl ProgramForm {
    pub fn from_program(p: &Program) -> ProgramForm {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        ProgramForm {
            title: p.title.clone(),
            goal: p.goal.clone(),
            stages: p
                .stages
                .iter()
                .map(|s| StageForm {
                    title: s.title.clone(),
                    start: date(s.start),
                    end: date(s.end),
                    result: s.result.clone(),
                })
                .collect(),
            participants: p.participants.clone(),
            results: p.results.clone(),
        }
    }

    pub fn parse(
        &self,
        staff: &[&str],
        base: Option<&Program>,
    ) -> Result<Program, Vec<FieldProblem<ProgramField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });
        let title = required_name(&self.title, TITLE_MAX).unwrap_or_else(|p| {
            fail(ProgramField::Title, p);
            String::new()
        });
        let goal = self.goal.trim().to_string();
        if goal.is_empty() {
            fail(ProgramField::Goal, Problem::Required);
        }
        let mut stages = Vec::new();
        for (i, s) in self.stages.iter().enumerate() {
            let blank = s.title.trim().is_empty()
                && s.start.trim().is_empty()
                && s.end.trim().is_empty()
                && s.result.trim().is_empty();
            if blank {
                continue;
            }
            let title = required_name(&s.title, TITLE_MAX).unwrap_or_else(|p| {
                fail(ProgramField::StageTitle(i), p);
                String::new()
            });
            let start = optional_date(&s.start).unwrap_or_else(|p| {
                fail(ProgramField::StageStart(i), p);
                None
            });
            let end = optional_date(&s.end).unwrap_or_else(|p| {
                fail(ProgramField::StageEnd(i), p);
                None
            });
            if let (Some(a), Some(b)) = (start, end)
                && b < a
            {
                fail(ProgramField::StageEnd(i), Problem::EndBeforeStart);
            }
            stages.push(Stage {
                title,
                start,
                end,
                result: s.result.trim().to_string(),
            });
        }
        let participants = staff_ids(&self.participants, staff).unwrap_or_else(|p| {
            fail(ProgramField::Participants, p);
            Vec::new()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Program {
            title,
            goal,
            stages,
            participants,
            results: self.results.trim().to_string(),
            removed: base.and_then(|b| b.removed.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 25).unwrap()
    }

    fn good() -> PlanItemForm {
        PlanItemForm {
            school_year: 2026,
            association: String::new(),
            title: " Ачык сабактардын  декадасы ".into(),
            section: "Тажрыйба жайылтуу".into(),
            start: "2026-12-01".into(),
            end: "2026-12-10".into(),
            deadline: "2026-12-10".into(),
            responsible: vec!["aigul".into()],
            status: ItemStatus::Planned,
            outcome: String::new(),
        }
    }

    #[test]
    fn a_good_item_parses_and_round_trips() {
        let item = good().parse(today(), &["aigul"], None).unwrap();
        assert_eq!(item.title, "Ачык сабактардын декадасы");
        assert_eq!(item.association, None);
        assert_eq!(
            PlanItemForm::from_item(&item)
                .parse(today(), &["aigul"], Some(&item))
                .unwrap(),
            item
        );
    }

    #[test]
    fn end_before_start_past_deadline_and_strangers_are_refused() {
        let form = PlanItemForm {
            end: "2026-11-30".into(),
            deadline: "2026-11-24".into(),
            responsible: vec!["ghost".into()],
            ..good()
        };
        let got: Vec<_> = form
            .parse(today(), &["aigul"], None)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                (PlanItemField::End, Problem::EndBeforeStart),
                (PlanItemField::Deadline, Problem::DeadlineInPast),
                (PlanItemField::Responsible, Problem::NotOnStaff),
            ]
        );
    }

    #[test]
    fn an_existing_item_may_keep_a_past_deadline() {
        let old = PlanItemForm {
            start: "2026-09-01".into(),
            end: "2026-09-10".into(),
            deadline: "2026-09-10".into(),
            ..good()
        };
        let base = PlanItem::default();
        assert!(old.parse(today(), &["aigul"], Some(&base)).is_ok());
        assert!(old.parse(today(), &["aigul"], None).is_err());
    }

    #[test]
    fn a_stale_form_takes_only_its_own_changes() {
        let stored = good().parse(today(), &["aigul"], None).unwrap();
        let initial = PlanItemForm::from_item(&stored);
        // Meanwhile another tab marked it done with an outcome.
        let current = PlanItem {
            status: ItemStatus::Done,
            outcome: "Өттү".into(),
            ..stored.clone()
        };
        let edited = PlanItemForm {
            section: "Аттестация".into(),
            ..initial.clone()
        };
        let mine = edited.parse(today(), &["aigul"], Some(&stored)).unwrap();
        let merged = edited.merge_into(&initial, mine, current);
        assert_eq!(merged.section, "Аттестация");
        assert_eq!(merged.status, ItemStatus::Done);
        assert_eq!(merged.outcome, "Өттү");
    }

    #[test]
    fn a_program_checks_each_stage() {
        let form = ProgramForm {
            title: "Функционалдык сабаттуулук".into(),
            goal: "Окуучулардын окуу сабаттуулугун өстүрүү".into(),
            stages: vec![
                StageForm {
                    title: "Даярдоо".into(),
                    start: "2026-09-01".into(),
                    end: "2026-10-01".into(),
                    result: String::new(),
                },
                StageForm::default(),
                StageForm {
                    title: "Жыйынтык".into(),
                    start: "2027-05-01".into(),
                    end: "2027-04-01".into(),
                    result: String::new(),
                },
            ],
            participants: vec!["aigul".into()],
            results: String::new(),
        };
        let err = form.parse(&["aigul"], None).unwrap_err();
        assert_eq!(
            err,
            vec![FieldProblem {
                field: ProgramField::StageEnd(2),
                problem: Problem::EndBeforeStart
            }]
        );
        let mut fixed = form.clone();
        fixed.stages[2].end = "2027-05-31".into();
        let p = fixed.parse(&["aigul"], None).unwrap();
        assert_eq!(p.stages.len(), 2, "the blank stage is dropped");
        assert_eq!(
            p.span(),
            Some((
                Date::new(2026, 9, 1).unwrap(),
                Date::new(2027, 5, 31).unwrap()
            ))
        );
    }
}
