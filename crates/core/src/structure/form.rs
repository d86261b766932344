//! The structure's forms as the user fills them, validated into records. People are chosen
//! from the staff list by id; an id not on the staff (removed meanwhile) is a problem.

use super::association::{Association, AssociationKind};
use super::council::Council;
use super::responsibility::{AreaKind, Responsibility};
use crate::validation::{FieldProblem, Problem, collapse_spaces, required_name, staff_ids};

const NAME_MAX: usize = 150;
const TEXT_MAX: usize = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssociationField {
    Name,
    Head,
    Members,
    Subjects,
}

/// The association form: text as typed, people as staff ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssociationForm {
    pub name: String,
    pub kind: AssociationKind,
    /// A staff id or empty.
    pub head: String,
    pub members: Vec<String>,
    /// Subjects separated by commas.
    pub subjects: String,
}

impl AssociationForm {
    pub fn from_association(a: &Association) -> AssociationForm {
        AssociationForm {
            name: a.name.clone(),
            kind: a.kind,
            head: a.head.clone().unwrap_or_default(),
            members: a.members.clone(),
            subjects: a.subjects.join(", "),
        }
    }

    /// Validates against the ids of the current staff; keeps `base`'s tombstone.
    pub fn parse(
        &self,
        staff: &[&str],
        base: Option<&Association>,
    ) -> Result<Association, Vec<FieldProblem<AssociationField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });
        let name = required_name(&self.name, NAME_MAX).unwrap_or_else(|p| {
            fail(AssociationField::Name, p);
            String::new()
        });
        let head = match self.head.trim() {
            "" => None,
            id if staff.contains(&id) => Some(id.to_string()),
            _ => {
                fail(AssociationField::Head, Problem::NotOnStaff);
                None
            }
        };
        let members = staff_ids(&self.members, staff).unwrap_or_else(|p| {
            fail(AssociationField::Members, p);
            Vec::new()
        });
        if self.subjects.chars().count() > TEXT_MAX {
            fail(
                AssociationField::Subjects,
                Problem::TooLong { max: TEXT_MAX },
            );
        }
        let subjects = split_list(&self.subjects);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Association {
            name,
            kind: self.kind,
            head,
            members,
            subjects,
            removed: base.and_then(|b| b.removed.clone()),
        })
    }
}

impl AssociationForm {
    /// The association to store when a form opened on `initial` is saved as `self`
    /// (validated as `mine`) while `current` is stored now: only this form's changes are
    /// taken, so a colleague's edit or removal made meanwhile is kept.
    pub fn merge_into(
        &self,
        initial: &AssociationForm,
        mine: Association,
        mut current: Association,
    ) -> Association {
        if self.name != initial.name {
            current.name = mine.name;
        }
        if self.kind != initial.kind {
            current.kind = mine.kind;
        }
        if self.head != initial.head {
            current.head = mine.head;
        }
        if self.members != initial.members {
            current.members = mine.members;
        }
        if self.subjects != initial.subjects {
            current.subjects = mine.subjects;
        }
        current
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CouncilField {
    Members,
    Chair,
    Secretary,
}

/// The council form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CouncilForm {
    pub members: Vec<String>,
    pub chair: String,
    pub secretary: String,
}

impl CouncilForm {
    pub fn from_council(c: &Council) -> CouncilForm {
        CouncilForm {
            members: c.members.clone(),
            chair: c.chair.clone().unwrap_or_default(),
            secretary: c.secretary.clone().unwrap_or_default(),
        }
    }

    pub fn parse(&self, staff: &[&str]) -> Result<Council, Vec<FieldProblem<CouncilField>>> {
        let mut errors = Vec::new();
        let one = |field, text: &str, errors: &mut Vec<_>| match text.trim() {
            "" => None,
            id if staff.contains(&id) => Some(id.to_string()),
            _ => {
                errors.push(FieldProblem {
                    field,
                    problem: Problem::NotOnStaff,
                });
                None
            }
        };
        let members = staff_ids(&self.members, staff).unwrap_or_else(|problem| {
            errors.push(FieldProblem {
                field: CouncilField::Members,
                problem,
            });
            Vec::new()
        });
        let chair = one(CouncilField::Chair, &self.chair, &mut errors);
        let secretary = one(CouncilField::Secretary, &self.secretary, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Council {
            members,
            chair,
            secretary,
            removed: None,
        })
    }
}

/// One row of the responsibility matrix as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponsibilityForm {
    pub kind: AreaKind,
    pub area: String,
    pub people: Vec<String>,
}

impl ResponsibilityForm {
    /// Problems are for the area (its name) and the people, in that order.
    pub fn parse(&self, staff: &[&str]) -> Result<Responsibility, Vec<Problem>> {
        let area = required_name(&self.area, NAME_MAX);
        let people = staff_ids(&self.people, staff);
        match (area, people) {
            (Ok(area), Ok(people)) => Ok(Responsibility {
                kind: self.kind,
                area,
                people,
                removed: None,
            }),
            (a, p) => Err(a.err().into_iter().chain(p.err()).collect()),
        }
    }
}

/// Splits a comma-separated list, collapsing spaces, dropping blanks and repeats.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in text.split([',', ';', '\n']).map(collapse_spaces) {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAFF: &[&str] = &["aigul", "nurlan", "janyl"];

    #[test]
    fn an_association_takes_people_from_the_staff() {
        let form = AssociationForm {
            name: "  Табигый   илимдер ".into(),
            kind: AssociationKind::SubjectCycle,
            head: "aigul".into(),
            members: vec!["nurlan".into(), "janyl".into(), "nurlan".into()],
            subjects: "Физика, Химия, Физика".into(),
        };
        let a = form.parse(STAFF, None).unwrap();
        assert_eq!(a.name, "Табигый илимдер");
        assert_eq!(a.members, vec!["nurlan", "janyl"]);
        assert_eq!(a.subjects, vec!["Физика", "Химия"]);
        assert!(a.includes("aigul") && a.includes("janyl") && !a.includes("x"));
        assert_eq!(
            AssociationForm::from_association(&a)
                .parse(STAFF, None)
                .unwrap(),
            a
        );
    }

    #[test]
    fn a_stale_association_form_keeps_a_colleagues_edit() {
        let stored = AssociationForm {
            name: "Тилдер".into(),
            members: vec!["aigul".into()],
            ..AssociationForm::default()
        }
        .parse(STAFF, None)
        .unwrap();
        let initial = AssociationForm::from_association(&stored);
        let current = Association {
            head: Some("nurlan".into()),
            ..stored.clone()
        };
        let edited = AssociationForm {
            subjects: "Орус тили, Англис тили".into(),
            ..initial.clone()
        };
        let mine = edited.parse(STAFF, Some(&stored)).unwrap();
        let merged = edited.merge_into(&initial, mine, current);
        assert_eq!(merged.head.as_deref(), Some("nurlan"));
        assert_eq!(merged.subjects, vec!["Орус тили", "Англис тили"]);
    }

    #[test]
    fn someone_not_on_the_staff_is_a_problem() {
        let form = AssociationForm {
            name: "".into(),
            head: "stranger".into(),
            members: vec!["aigul".into(), "gone".into()],
            ..AssociationForm::default()
        };
        let errs: Vec<_> = form
            .parse(STAFF, None)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            errs,
            vec![
                (AssociationField::Name, Problem::Required),
                (AssociationField::Head, Problem::NotOnStaff),
                (AssociationField::Members, Problem::NotOnStaff),
            ]
        );
        let council = CouncilForm {
            members: vec!["aigul".into()],
            chair: "nurlan".into(),
            secretary: "ghost".into(),
        };
        assert_eq!(
            council.parse(STAFF).unwrap_err(),
            vec![FieldProblem {
                field: CouncilField::Secretary,
                problem: Problem::NotOnStaff
            }]
        );
        let row = ResponsibilityForm {
            kind: AreaKind::PlanSection,
            area: " ".into(),
            people: vec!["ghost".into()],
        };
        assert_eq!(
            row.parse(STAFF).unwrap_err(),
            vec![Problem::Required, Problem::NotOnStaff]
        );
    }
}
