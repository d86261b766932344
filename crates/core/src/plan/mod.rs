//! Planning (R3): the annual plan of methodical work and each association's plan for a
//! school year, copying a plan into a new year, and programs of innovative work.

mod copy;
mod form;
mod item;
mod program;
mod query;

pub use crate::validation::Problem;
pub use copy::copy_plan;
pub use form::{PlanItemField, PlanItemForm, ProgramField, ProgramForm, StageForm};
pub use item::{ItemStatus, PlanItem};
pub use program::{Program, Stage};
pub use query::{PlanQuery, PlanSort};
