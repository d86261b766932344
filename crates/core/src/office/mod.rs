//! The office file formats the app reads and writes, written small: the zip container, a
//! spreadsheet (.xlsx) and a Word document (.docx) writer, and text extraction from .docx
//! and PDF files for the library search. Pure: bytes in, bytes out, no IO.
//!
//! Written here instead of using `docx-rs`/`zip`/`quick-xml` because those cost the app's
//! first load about 180 KB (brotli); deflate (`deflate.rs`) and CRC-32 come from `flate2`
//! and `crc32fast`, which Automerge already brings in.

pub mod deflate;
pub mod docx;
pub mod extract;
pub mod number;
pub mod pdf;
mod pdf_text;
pub mod xlsx;
pub mod xml;
pub mod zip;

pub use extract::{ExtractError, MAX_TEXT_CHARS, extract_text};
