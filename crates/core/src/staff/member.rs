use crate::date::Date;
use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// What a person does at the school; one person can have several roles.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Reconcile,
    Hydrate,
    serde::Serialize,
    serde::Deserialize,
)]
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
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
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

crate::record!(
    StaffMember,
    "staff",
    [
        full_name,
        roles,
        subjects,
        education,
        teaching_since,
        category,
        category_expiry,
        phone,
        email
    ]
);
