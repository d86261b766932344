use crate::date::Date;
use crate::document::{Record, Tombstone};
use autosurgeon::{Hydrate, Reconcile};

/// What a person does at the school; one person can have several roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Reconcile, Hydrate)]
pub enum StaffRole {
    Teacher,
    ClassTeacher,
    AdditionalEducationTeacher,
    Administration,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [
        StaffRole::Teacher,
        StaffRole::ClassTeacher,
        StaffRole::AdditionalEducationTeacher,
        StaffRole::Administration,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Teacher => "teacher",
            StaffRole::ClassTeacher => "class_teacher",
            StaffRole::AdditionalEducationTeacher => "additional_education_teacher",
            StaffRole::Administration => "administration",
        }
    }

    pub fn from_code(code: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A member of the teaching staff.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct StaffMember {
    pub full_name: String,
    pub roles: Vec<StaffRole>,
    pub subjects: Vec<String>,
    pub education: String,
    /// The year this person began teaching.
    pub teaching_since: Option<u16>,
    /// The id of a category in the space's settings.
    pub category: Option<String>,
    pub category_expiry: Option<Date>,
    pub phone: String,
    pub email: String,
    pub removed: Option<Tombstone>,
}

impl StaffMember {
    /// Whole years of teaching as of `today` (counting from 1 September of the first year,
    /// the start of the school year).
    pub fn experience_years(&self, today: Date) -> Option<u16> {
        let since = self.teaching_since?;
        let started_this_year = today.month >= 9;
        let years = today.year.checked_sub(since)?;
        Some(if started_this_year {
            years
        } else {
            years.saturating_sub(1)
        })
    }

    /// Has the category's term run out by `today`?
    pub fn category_expired(&self, today: Date) -> bool {
        self.category.is_some() && self.category_expiry.is_some_and(|d| d < today)
    }

    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }
}

impl Record for StaffMember {
    const COLLECTION: &'static str = "staff";

    fn removed(&self) -> Option<&Tombstone> {
        self.removed.as_ref()
    }

    fn set_removed(&mut self, tombstone: Option<Tombstone>) {
        self.removed = tombstone;
    }

    fn changed_fields(&self, other: &Self) -> Vec<&'static str> {
        let checks = [
            ("full_name", self.full_name != other.full_name),
            ("roles", self.roles != other.roles),
            ("subjects", self.subjects != other.subjects),
            ("education", self.education != other.education),
            (
                "teaching_since",
                self.teaching_since != other.teaching_since,
            ),
            ("category", self.category != other.category),
            (
                "category_expiry",
                self.category_expiry != other.category_expiry,
            ),
            ("phone", self.phone != other.phone),
            ("email", self.email != other.email),
        ];
        checks
            .into_iter()
            .filter(|(_, differs)| *differs)
            .map(|(f, _)| f)
            .collect()
    }
}
