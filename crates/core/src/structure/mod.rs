//! The structure of the methodical service (R1): the council, the methodical associations,
//! who is responsible for what, and what each app role may edit.

mod association;
mod council;
mod form;
mod query;
mod responsibility;
mod rights;

pub use crate::validation::Problem;
pub use association::{Association, AssociationKind};
pub use council::Council;
pub use form::{AssociationField, AssociationForm, CouncilField, CouncilForm, ResponsibilityForm};
pub use query::{AssociationQuery, AssociationSort};
pub use responsibility::{AreaKind, Responsibility, ResponsibilityMatrix};
pub use rights::{EditArea, Rights};
