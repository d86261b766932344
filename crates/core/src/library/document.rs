//! A document of the library (the glossary's Library: normative-legal documents, methodical
//! materials, best practice, new methods), with its attached files and, when it must be
//! read, its familiarization.

use super::blob::{BlobId, MediaType};
use super::familiarization::Familiarization;
use crate::crypto::{ENVELOPE_OVERHEAD, SealedBlob};
use crate::date::Date;
use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// A file attached to a document: a reference to a blob stored beside the documents.
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Attachment {
    pub blob: BlobId,
    pub file_name: String,
    /// The MIME type, kept as text so that a type a later version adds still opens here.
    pub media_type: String,
    pub size: u64,
    /// The relay's id of the sealed file (the SHA-256 of its envelope, see
    /// [`BlobCipher`](crate::crypto::BlobCipher)), so that a device without the file can
    /// fetch it. `None` for a file not sealed yet (and in records older than the field).
    #[autosurgeon(hydrate = "hydrate_sealed")]
    pub sealed: Option<BlobId>,
}

/// `sealed` as stored: a hex string, or nothing. (`Option<BlobId>` has no derived reading
/// of a bare string; an unreadable id reads as unknown, so the file is not fetched.)
fn hydrate_sealed<D: autosurgeon::ReadDoc>(
    doc: &D,
    obj: &automerge::ObjId,
    prop: autosurgeon::Prop<'_>,
) -> Result<Option<BlobId>, autosurgeon::HydrateError> {
    let text: Option<String> = autosurgeon::Hydrate::hydrate(doc, obj, prop)?;
    Ok(text.as_deref().and_then(BlobId::parse))
}

impl Attachment {
    /// The attachment for these bytes (the caller checked them with
    /// [`check_file`](super::check_file)).
    pub fn new(file_name: &str, media: MediaType, bytes: &[u8]) -> Attachment {
        Attachment {
            blob: BlobId::of(bytes),
            file_name: file_name.trim().to_string(),
            media_type: media.mime().to_string(),
            size: bytes.len() as u64,
            sealed: None,
        }
    }

    /// The attachment for a file sealed for the relay (its ids and size taken from the
    /// sealing, so the file is not hashed again).
    pub fn of_sealed(file_name: &str, media: MediaType, sealed: &SealedBlob) -> Attachment {
        Attachment {
            blob: sealed.plain.clone(),
            file_name: file_name.trim().to_string(),
            media_type: media.mime().to_string(),
            size: (sealed.bytes.len() - ENVELOPE_OVERHEAD) as u64,
            sealed: Some(sealed.sealed.clone()),
        }
    }

    pub fn media(&self) -> Option<MediaType> {
        MediaType::from_mime(&self.media_type)
    }
}

/// A document of the library. `kind` is the id of a [`LibraryKind`](super::LibraryKind).
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct LibraryDocument {
    pub title: String,
    pub kind: String,
    /// The number of an order or act as written on it ("№ 15-П").
    pub number: String,
    /// The date of an order or act.
    pub date: Option<Date>,
    pub issued_by: String,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub summary: String,
    pub tags: Vec<String>,
    /// Ids of the associations it concerns.
    pub associations: Vec<String>,
    /// The staff id of the author (methodical materials, best practice).
    pub author: Option<String>,
    pub files: Vec<Attachment>,
    pub familiarization: Option<Familiarization>,
    pub removed: Option<Tombstone>,
}

impl LibraryDocument {
    pub fn is_removed(&self) -> bool {
        self.removed.is_some()
    }

    /// In force on `day`: not before its start, not after its end.
    pub fn in_force(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_until.is_none_or(|u| day <= u)
    }

    /// Attaches a file; the same bytes attached again are not added twice (false).
    pub fn attach(&mut self, attachment: Attachment) -> bool {
        if self.files.iter().any(|f| f.blob == attachment.blob) {
            return false;
        }
        self.files.push(attachment);
        true
    }

    /// Takes a file off the document (the blob stays on the devices that hold it); false
    /// if the document has no such file.
    pub fn detach(&mut self, blob: &BlobId) -> bool {
        let before = self.files.len();
        self.files.retain(|f| f.blob != *blob);
        self.files.len() != before
    }
}

crate::record!(
    LibraryDocument,
    "library_documents",
    [
        title,
        kind,
        number,
        date,
        issued_by,
        valid_from,
        valid_until,
        summary,
        tags,
        associations,
        author,
        files,
        familiarization
    ]
);
