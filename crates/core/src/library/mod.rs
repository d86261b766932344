//! The library and data bank (R5): normative-legal documents, methodical materials and best
//! practice with their attached files (content-addressed blobs), the kinds of document as a
//! setting, familiarization (who must read, who acknowledged when) and one search.

mod blob;
mod document;
mod familiarization;
mod form;
mod kind;
mod query;
mod requirement;
mod sheet;
mod sheet_xlsx;
mod storage;

pub use crate::validation::Problem;
pub use blob::{BlobHasher, BlobId, MAX_FILE_BYTES, MediaType, check_file};
pub use document::{Attachment, LibraryDocument};
pub use familiarization::{
    Acknowledgement, Audience, Familiarization, SheetRow, ToRead, acknowledge, to_read,
};
pub use form::{LibraryDocumentForm, LibraryField};
pub use kind::LibraryKind;
pub use query::{LibraryIndex, LibraryQuery, LibrarySort, matches};
pub use storage::{FileUsage, StorageUsage, UNUSED_FILE_GRACE_MS, storage_usage, unused_files};
// Familiarization: the requirement's form and the sheet (#5).
pub use requirement::{AudienceKind, RequirementField, RequirementForm, require};
pub use sheet::{FamiliarizationSheet, SheetLabels, SheetLine};
