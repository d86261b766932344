//! Attached files as content-addressed blobs: a file's id is the SHA-256 of its bytes, so
//! the same bytes attached twice (to one document or to two) are stored once. The check
//! that refuses an unsupported type or an oversized file before anything is stored.

use crate::validation::Problem;
use autosurgeon::{Hydrate, Reconcile};
use sha2::{Digest, Sha256};

/// The largest file that can be attached: 25 MB (the issue asks for at least 20 MB).
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
const _: () = assert!(
    MAX_FILE_BYTES >= 20 * 1024 * 1024,
    "the issue asks for 20 MB"
);

/// A [`BlobId`] computed a piece at a time, so that a large file need not be hashed in one go.
#[derive(Clone, Debug, Default)]
pub struct BlobHasher(Sha256);

impl BlobHasher {
    /// Hashes the next piece of the bytes.
    pub fn update(&mut self, piece: &[u8]) {
        self.0.update(piece);
    }

    /// The id of all the pieces, in order.
    pub fn finish(self) -> BlobId {
        BlobId(crate::id::hex(&self.0.finalize()))
    }
}

/// The id of a blob: the SHA-256 of its bytes as 64 lowercase hex digits.
#[derive(
    Clone,
    Debug,
    Default,
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
pub struct BlobId(String);

impl BlobId {
    /// The id of these bytes.
    pub fn of(bytes: &[u8]) -> BlobId {
        let mut hasher = BlobHasher::default();
        hasher.update(bytes);
        hasher.finish()
    }

    /// An id read back from text (a stored key, a link): 64 lowercase hex digits.
    pub fn parse(text: &str) -> Option<BlobId> {
        let ok = text.len() == 64
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| BlobId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BlobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kinds of file the library takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaType {
    Pdf,
    Docx,
    Xlsx,
    Doc,
    Xls,
    Jpeg,
    Png,
}

impl MediaType {
    pub const ALL: [MediaType; 7] = [
        MediaType::Pdf,
        MediaType::Docx,
        MediaType::Xlsx,
        MediaType::Doc,
        MediaType::Xls,
        MediaType::Jpeg,
        MediaType::Png,
    ];

    /// The MIME type, as stored in an [`Attachment`](super::Attachment).
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Doc => "application/msword",
            MediaType::Xls => "application/vnd.ms-excel",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            MediaType::Pdf => &["pdf"],
            MediaType::Docx => &["docx"],
            MediaType::Xlsx => &["xlsx"],
            MediaType::Doc => &["doc"],
            MediaType::Xls => &["xls"],
            MediaType::Jpeg => &["jpg", "jpeg"],
            MediaType::Png => &["png"],
        }
    }

    pub fn from_mime(mime: &str) -> Option<MediaType> {
        let mime = mime.split(';').next().unwrap_or("").trim();
        MediaType::ALL
            .into_iter()
            .find(|t| t.mime().eq_ignore_ascii_case(mime))
    }

    pub fn from_file_name(name: &str) -> Option<MediaType> {
        let (_, ext) = name.trim().rsplit_once('.')?;
        let ext = ext.to_ascii_lowercase();
        MediaType::ALL
            .into_iter()
            .find(|t| t.extensions().contains(&ext.as_str()))
    }

    /// The type of a file as the browser declared it, or by its name's extension when the
    /// browser declared none or a generic one (common for Office files).
    pub fn detect(file_name: &str, declared_mime: &str) -> Option<MediaType> {
        MediaType::from_mime(declared_mime).or_else(|| {
            let generic = matches!(
                declared_mime.trim(),
                "" | "application/octet-stream" | "application/zip"
            );
            generic
                .then(|| MediaType::from_file_name(file_name))
                .flatten()
        })
    }

    /// Shown in the browser (PDF and images); other files are downloaded.
    pub fn previews(self) -> bool {
        matches!(self, MediaType::Pdf | MediaType::Jpeg | MediaType::Png)
    }
}

/// Checks a file before it is read or stored: its type must be one the library takes and
/// its size at most [`MAX_FILE_BYTES`]. An empty file is refused as missing.
pub fn check_file(file_name: &str, declared_mime: &str, size: u64) -> Result<MediaType, Problem> {
    let media = MediaType::detect(file_name, declared_mime).ok_or(Problem::UnsupportedFileType)?;
    if size == 0 {
        return Err(Problem::Required);
    }
    if size > MAX_FILE_BYTES {
        return Err(Problem::FileTooLarge {
            max_mb: (MAX_FILE_BYTES / (1024 * 1024)) as u32,
        });
    }
    Ok(media)
}
