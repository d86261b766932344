//! The staff form as the user types it (all text) and its validation into a
//! [`StaffMember`]. Problems are codes; the interface translates them.

use super::member::{StaffMember, StaffRole};
use crate::date::Date;
pub use crate::validation::Problem;
use crate::validation::{FieldProblem, collapse_spaces, required_name};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StaffField {
    FullName,
    Roles,
    Subjects,
    Education,
    TeachingSince,
    Category,
    CategoryExpiry,
    Phone,
    Email,
}

/// The staff form's values as text, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StaffForm {
    pub full_name: String,
    pub roles: Vec<StaffRole>,
    /// Subjects separated by commas.
    pub subjects: String,
    pub education: String,
    pub teaching_since: String,
    /// A category id, or empty for none.
    pub category: String,
    /// `YYYY-MM-DD` or empty.
    pub category_expiry: String,
    pub phone: String,
    pub email: String,
}

const NAME_MAX: usize = 150;
const TEXT_MAX: usize = 300;
const EARLIEST_YEAR: u16 = 1950;

impl StaffForm {
    /// The form filled from a stored record, for editing.
    pub fn from_member(m: &StaffMember) -> StaffForm {
        StaffForm {
            full_name: m.full_name.clone(),
            roles: m.roles.clone(),
            subjects: m.subjects.join(", "),
            education: m.education.clone(),
            teaching_since: m.teaching_since.map(|y| y.to_string()).unwrap_or_default(),
            category: m.category.clone().unwrap_or_default(),
            category_expiry: m.category_expiry.map(|d| d.to_string()).unwrap_or_default(),
            phone: m.phone.clone(),
            email: m.email.clone(),
        }
    }

    /// Validates the form. `categories` are the ids of the space's current categories;
    /// `base` is the record being edited (its tombstone is kept).
    pub fn parse(
        &self,
        today: Date,
        categories: &[&str],
        base: Option<&StaffMember>,
    ) -> Result<StaffMember, Vec<FieldProblem<StaffField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });

        let full_name = required_name(&self.full_name, NAME_MAX).unwrap_or_else(|p| {
            fail(StaffField::FullName, p);
            String::new()
        });

        let mut roles = self.roles.clone();
        crate::order::sort(&mut roles);
        roles.dedup();
        if roles.is_empty() {
            fail(StaffField::Roles, Problem::Required);
        }

        let mut subjects: Vec<String> = Vec::new();
        for s in self.subjects.split([',', ';', '\n']).map(collapse_spaces) {
            if !s.is_empty() && !subjects.contains(&s) {
                subjects.push(s);
            }
        }
        if self.subjects.chars().count() > TEXT_MAX {
            fail(StaffField::Subjects, Problem::TooLong { max: TEXT_MAX });
        }

        let education = collapse_spaces(&self.education);
        if education.chars().count() > TEXT_MAX {
            fail(StaffField::Education, Problem::TooLong { max: TEXT_MAX });
        }

        let teaching_since = match self.teaching_since.trim() {
            "" => None,
            text => match text.parse::<u16>() {
                Err(_) => {
                    fail(StaffField::TeachingSince, Problem::NotAYear);
                    None
                }
                Ok(y) if y > today.year => {
                    fail(StaffField::TeachingSince, Problem::YearInFuture);
                    None
                }
                Ok(y) if y < EARLIEST_YEAR => {
                    fail(
                        StaffField::TeachingSince,
                        Problem::YearTooEarly { min: EARLIEST_YEAR },
                    );
                    None
                }
                Ok(y) => Some(y),
            },
        };

        let category = match self.category.trim() {
            "" => None,
            id if categories.contains(&id) => Some(id.to_string()),
            _ => {
                fail(StaffField::Category, Problem::UnknownCategory);
                None
            }
        };

        let category_expiry = match self.category_expiry.trim() {
            "" => None,
            text => match Date::parse_iso(text) {
                None => {
                    fail(StaffField::CategoryExpiry, Problem::NotADate);
                    None
                }
                Some(_) if self.category.trim().is_empty() => {
                    fail(StaffField::CategoryExpiry, Problem::ExpiryWithoutCategory);
                    None
                }
                Some(d) => Some(d),
            },
        };

        let phone = collapse_spaces(&self.phone);
        if !phone.is_empty() && !valid_phone(&phone) {
            fail(StaffField::Phone, Problem::InvalidPhone);
        }

        let email = self.email.trim().to_string();
        if !email.is_empty() && !valid_email(&email) {
            fail(StaffField::Email, Problem::InvalidEmail);
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StaffMember {
            full_name,
            roles,
            subjects,
            education,
            teaching_since,
            category,
            category_expiry,
            phone,
            email,
            removed: base.and_then(|b| b.removed.clone()),
        })
    }
}

/// Digits with an optional leading `+` and separators; 6 to 15 digits (a school's
/// landline has 6, a mobile number with country code 12).
impl StaffForm {
    /// The record to store when a form opened on `initial` is saved as `self` (validated as
    /// `mine`) while `current` is what is stored now: only the fields changed in this form
    /// are taken, so an edit or a removal made meanwhile (in another tab) is kept.
    pub fn merge_into(
        &self,
        initial: &StaffForm,
        mine: StaffMember,
        mut current: StaffMember,
    ) -> StaffMember {
        let sorted = |roles: &[StaffRole]| {
            let mut roles = roles.to_vec();
            crate::order::sort(&mut roles);
            roles
        };
        if self.full_name != initial.full_name {
            current.full_name = mine.full_name;
        }
        if sorted(&self.roles) != sorted(&initial.roles) {
            current.roles = mine.roles;
        }
        if self.subjects != initial.subjects {
            current.subjects = mine.subjects;
        }
        if self.education != initial.education {
            current.education = mine.education;
        }
        if self.teaching_since != initial.teaching_since {
            current.teaching_since = mine.teaching_since;
        }
        if self.category != initial.category {
            current.category = mine.category;
        }
        if self.category_expiry != initial.category_expiry {
            current.category_expiry = mine.category_expiry;
        }
        if self.phone != initial.phone {
            current.phone = mine.phone;
        }
        if self.email != initial.email {
            current.email = mine.email;
        }
        current
    }
}

fn valid_phone(phone: &str) -> bool {
    let allowed = phone
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    allowed && (6..=15).contains(&digits)
}

fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 25).unwrap()
    }

    fn good() -> StaffForm {
        StaffForm {
            full_name: "  Асанова   Айгүл Өмүрбековна ".into(),
            roles: vec![
                StaffRole::Teacher,
                StaffRole::ClassTeacher,
                StaffRole::Teacher,
            ],
            subjects: "Кыргыз тили, Адабият,  Кыргыз тили".into(),
            education: "Жогорку, КМУ".into(),
            teaching_since: "2004".into(),
            category: "first".into(),
            category_expiry: "2028-05-31".into(),
            phone: "+996 555 12-34-56".into(),
            email: "aigul@mektep.kg".into(),
        }
    }

    #[test]
    fn a_good_form_parses_clean() {
        let m = good().parse(today(), &["first", "highest"], None).unwrap();
        assert_eq!(m.full_name, "Асанова Айгүл Өмүрбековна");
        assert_eq!(m.roles, vec![StaffRole::Teacher, StaffRole::ClassTeacher]);
        assert_eq!(m.subjects, vec!["Кыргыз тили", "Адабият"]);
        assert_eq!(m.teaching_since, Some(2004));
        assert_eq!(m.category.as_deref(), Some("first"));
        assert_eq!(m.category_expiry, Date::new(2028, 5, 31));
        assert_eq!(
            StaffForm::from_member(&m)
                .parse(today(), &["first"], None)
                .unwrap(),
            m
        );
    }

    #[test]
    fn each_bad_field_is_reported() {
        let form = StaffForm {
            full_name: "   ".into(),
            roles: vec![],
            teaching_since: "20x4".into(),
            category: "platinum".into(),
            category_expiry: "2028-02-30".into(),
            phone: "12ab".into(),
            email: "aigul@".into(),
            ..good()
        };
        let errors = form.parse(today(), &["first"], None).unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            got,
            vec![
                (StaffField::FullName, Problem::Required),
                (StaffField::Roles, Problem::Required),
                (StaffField::TeachingSince, Problem::NotAYear),
                (StaffField::Category, Problem::UnknownCategory),
                (StaffField::CategoryExpiry, Problem::NotADate),
                (StaffField::Phone, Problem::InvalidPhone),
                (StaffField::Email, Problem::InvalidEmail),
            ]
        );
    }

    #[test]
    fn years_outside_a_career_are_refused() {
        let future = StaffForm {
            teaching_since: "2027".into(),
            ..good()
        };
        let err = future.parse(today(), &["first"], None).unwrap_err();
        assert_eq!(err[0].problem, Problem::YearInFuture);
        let ancient = StaffForm {
            teaching_since: "1900".into(),
            ..good()
        };
        let err = ancient.parse(today(), &["first"], None).unwrap_err();
        assert_eq!(err[0].problem, Problem::YearTooEarly { min: 1950 });
    }

    #[test]
    fn expiry_needs_a_category() {
        let form = StaffForm {
            category: "".into(),
            ..good()
        };
        let err = form.parse(today(), &["first"], None).unwrap_err();
        assert_eq!(
            err,
            vec![FieldProblem {
                field: StaffField::CategoryExpiry,
                problem: Problem::ExpiryWithoutCategory
            }]
        );
    }

    #[test]
    fn optional_fields_may_be_empty() {
        let form = StaffForm {
            full_name: "Иванов Иван".into(),
            roles: vec![StaffRole::Administration],
            ..StaffForm::default()
        };
        let m = form.parse(today(), &[], None).unwrap();
        assert_eq!(m.teaching_since, None);
        assert!(m.subjects.is_empty());
    }

    #[test]
    fn a_stale_form_takes_only_its_own_changes() {
        let stored = good().parse(today(), &["first"], None).unwrap();
        let initial = StaffForm::from_member(&stored);
        // Meanwhile another tab changed the phone and removed the record.
        let current = StaffMember {
            phone: "+996 700 111 222".into(),
            removed: Some(crate::Tombstone { at_ms: 1 }),
            ..stored.clone()
        };
        let edited = StaffForm {
            education: "Жогорку, ОшМУ".into(),
            ..initial.clone()
        };
        let mine = edited.parse(today(), &["first"], Some(&stored)).unwrap();
        let merged = edited.merge_into(&initial, mine, current);
        assert_eq!(merged.education, "Жогорку, ОшМУ");
        assert_eq!(merged.phone, "+996 700 111 222");
        assert!(merged.is_removed());
    }

    #[test]
    fn an_overlong_name_is_refused() {
        let form = StaffForm {
            full_name: "ө".repeat(151),
            ..good()
        };
        let err = form.parse(today(), &["first"], None).unwrap_err();
        assert_eq!(err[0].problem, Problem::TooLong { max: 150 });
    }
}
