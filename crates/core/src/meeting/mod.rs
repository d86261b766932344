//! Meetings and minutes (R4): council and association meetings with their number in the
//! year, agenda, attendance, minutes as collaborative text and decisions tracked until done.

mod decisions;
mod docx;
mod edit;
mod form;
mod minutes;
mod numbering;
mod query;
mod record;

pub use crate::validation::Problem;
pub use decisions::{DecisionQuery, DecisionRow};
pub use docx::minutes_docx;
pub use edit::{add_decision, mark_attendance, set_decision_done, set_minutes, update_meeting};
pub use form::{
    AgendaItemForm, DecisionField, DecisionForm, MeetingField, MeetingForm, MeetingHeader,
};
pub use minutes::{Line, MinutesLabels, MinutesSheet};
pub use numbering::{MeetingNumber, next_number, numbers};
pub use query::{MeetingQuery, MeetingSort};
pub use record::{AgendaItem, Attendance, Decision, Meeting};
