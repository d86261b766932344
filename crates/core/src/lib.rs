//! The core of Kenesh: the school's domain model, its Automerge schema and the rules that
//! work on it.
//!
//! Invariants (see ARCHITECTURE.md): this crate does no IO, reads no clock and draws no
//! randomness of its own. Time arrives as [`EditContext`] or a [`Date`], random ids as bytes
//! from the caller. It compiles and is tested natively and on wasm32.

pub mod calendar;
pub mod category;
pub mod crypto;
pub mod date;
pub mod document;
pub mod generator;
pub mod history;
pub mod id;
pub mod library;
pub mod meeting;
pub mod office;
mod one_pass;
pub mod order;
pub mod plan;
pub mod school_year;
pub mod space;
pub mod staff;
pub mod structure;
pub mod sync;
pub mod text;
pub mod validation;
pub mod view;

pub use category::{Category, LocalizedName};
pub use date::Date;
pub use document::{
    DocError, DocKind, Document, EditContext, Loaded, PendingChunk, Record, Tombstone,
};
pub use history::{Action, HistoryEntry};
pub use id::new_id;
pub use space::{AppRole, Device, Member, SpaceInfo};
pub use staff::{StaffMember, StaffRole};
pub use validation::Problem;
pub use view::{View, ViewError};
