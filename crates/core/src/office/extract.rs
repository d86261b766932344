//! The text of a stored file, for the library search: the paragraphs of a .docx, the cells
//! of an .xlsx, the text a PDF shows. Whitespace is normalised (each run of spaces becomes
//! one space, a run holding a line break one `\n`) and the result capped at
//! [`MAX_TEXT_CHARS`].

use super::xml::{Event, Reader};
use super::zip::{ZipError, ZipReader};
use super::{pdf_text, xlsx};
use crate::library::MediaType;

/// The most characters of text kept from one file: about 100 pages, more than a school's
/// regulation or plan holds, and small enough to index on a phone.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// Why no text came out of a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the file is damaged or not of its type ({0})")]
    Corrupt(&'static str),
    #[error("the file is protected with a password")]
    Encrypted,
    #[error("text is not read from {0}")]
    Unsupported(&'static str),
}

impl From<ZipError> for ExtractError {
    fn from(e: ZipError) -> ExtractError {
        match e {
            ZipError::Corrupt(why) => ExtractError::Corrupt(why),
            ZipError::Encrypted => ExtractError::Encrypted,
            ZipError::Unsupported(what) => ExtractError::Unsupported(what),
        }
    }
}

/// The text of file `bytes` of type `media`, whitespace-normalised, at most
/// [`MAX_TEXT_CHARS`] characters. Never panics on damaged input.
pub fn extract_text(media: MediaType, bytes: &[u8]) -> Result<String, ExtractError> {
    let raw = match media {
        MediaType::Docx => docx_text(bytes)?,
        MediaType::Xlsx => xlsx_text(bytes)?,
        MediaType::Pdf => pdf_text::text(bytes, MAX_TEXT_CHARS * 2)?,
        MediaType::Doc | MediaType::Xls => {
            return Err(ExtractError::Unsupported("old binary Office files"));
        }
        MediaType::Jpeg | MediaType::Png => return Err(ExtractError::Unsupported("images")),
    };
    Ok(normalize(&raw, MAX_TEXT_CHARS))
}

/// An Office file that is really an encrypted one (an OLE compound file holding the
/// encrypted package) starts with the OLE signature instead of a zip's.
fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn open_zip(bytes: &[u8]) -> Result<ZipReader<'_>, ExtractError> {
    if is_ole(bytes) {
        return Err(ExtractError::Encrypted);
    }
    Ok(ZipReader::new(bytes)?)
}

/// The paragraphs of `word/document.xml`, one a line; tabs as spaces. Deleted text and
/// field codes are not text the reader sees, so they are left out.
fn docx_text(bytes: &[u8]) -> Result<String, ExtractError> {
    let zip = open_zip(bytes)?;
    let xml = zip
        .read("word/document.xml")?
        .ok_or(ExtractError::Corrupt("no word/document.xml"))?;
    let xml = String::from_utf8_lossy(&xml);
    let mut out = String::new();
    let mut in_text = false;
    for e in Reader::new(&xml) {
        match e {
            Event::Start {
                name: "t",
                empty: false,
                ..
            } => in_text = true,
            Event::End { name: "t" } => in_text = false,
            Event::Text(t) if in_text => out.push_str(&t),
            Event::Start { name: "tab", .. } => out.push(' '),
            Event::Start {
                name: "br" | "cr", ..
            }
            | Event::End { name: "p" } => out.push('\n'),
            _ => {}
        }
        if out.len() > MAX_TEXT_CHARS * 8 {
            break;
        }
    }
    Ok(out)
}

/// The cells of every sheet, a row a line.
fn xlsx_text(bytes: &[u8]) -> Result<String, ExtractError> {
    open_zip(bytes)?;
    let sheets = xlsx::read(bytes).map_err(|e| match e {
        xlsx::XlsxError::Zip(z) => ExtractError::from(z),
        xlsx::XlsxError::Missing(_) => ExtractError::Corrupt("not a spreadsheet"),
    })?;
    let mut out = String::new();
    for sheet in sheets {
        out.push_str(&sheet.name);
        out.push('\n');
        for row in sheet.rows {
            for cell in row {
                out.push_str(&cell.display());
                out.push(' ');
            }
            out.push('\n');
        }
    }
    Ok(out)
}

/// Collapses whitespace (a run holding a line break becomes `\n`, any other run one
/// space), trims, and keeps at most `max` characters (cut at the last space before the
/// limit when there is one nearby, so no word is cut in half).
pub fn normalize(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 2));
    let mut pending: Option<char> = None;
    let mut count = 0;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            let br = matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0C}');
            pending = Some(if br || pending == Some('\n') {
                '\n'
            } else {
                ' '
            });
            continue;
        }
        if let Some(space) = pending.take()
            && count > 0
        {
            out.push(space);
            count += 1;
        }
        if count >= max {
            let cut = out.rfind([' ', '\n']).filter(|&at| out.len() - at < 64);
            out.truncate(cut.unwrap_or(out.len()));
            break;
        }
        out.push(c);
        count += 1;
    }
    out
}
