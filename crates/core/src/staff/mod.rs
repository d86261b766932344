//! The teaching staff (R2): people, their roles, subjects, education, experience and
//! qualification category; the form that validates them; the list query; the composition.

mod form;
mod member;
mod query;
mod summary;

pub use crate::validation::Problem;
pub use form::{StaffField, StaffForm};
pub use member::{StaffMember, StaffRole};
pub use query::{SortKey, StaffQuery};
pub use summary::{Composition, ExperienceBand};
