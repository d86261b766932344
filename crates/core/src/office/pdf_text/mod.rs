//! Text from PDF files, for the library search: objects found by scanning the file (a
//! broken cross-reference table does not matter), content streams decrypted (files that
//! open with the empty password) and decoded (Flate, LZW, ASCII hex and base-85), the
//! text operators read with each font's ToUnicode CMap or, for simple fonts, its
//! encoding. Damaged input gives [`ExtractError::Corrupt`] or the text that could be read;
//! it never panics.

mod content;
mod crypt;
mod file;
mod font;
mod lzw;
mod syntax;

use super::ExtractError;
use content::TextCollector;
use file::PdfFile;
use syntax::{Obj, find};

/// The text of PDF `bytes`, pages in order (a line break between them), raw: the caller
/// normalises whitespace. Reading stops after about `max_chars` characters.
pub(crate) fn text(bytes: &[u8], max_chars: usize) -> Result<String, ExtractError> {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-", 0).is_none() {
        return Err(ExtractError::Corrupt("no %PDF header"));
    }
    let file = PdfFile::scan(bytes);
    if file.is_locked() {
        return Err(ExtractError::Encrypted);
    }
    if file.object_count() == 0 {
        return Err(ExtractError::Corrupt("no objects"));
    }
    let pages = file.pages();
    if pages.is_empty() {
        return Err(ExtractError::Corrupt("no pages"));
    }
    // A Cyrillic character is two bytes of UTF-8; whitespace collapses later.
    let mut collector = TextCollector::new(&file, max_chars.saturating_mul(3));
    for page in pages {
        if collector.full() {
            break;
        }
        let contents: Vec<&Obj> = match page.dict.get(b"Contents".as_slice()) {
            Some(Obj::Array(parts)) => parts.iter().collect(),
            Some(o) => match file.resolve(o) {
                Obj::Array(parts) => parts.iter().collect(),
                _ => vec![o],
            },
            None => Vec::new(),
        };
        // A page's content may be split into several streams anywhere, even mid-token:
        // they are joined before reading.
        let mut data = Vec::new();
        for part in contents {
            if let Some(bytes) = file.stream_ref(part).and_then(|n| file.stream(n)) {
                data.extend_from_slice(&bytes);
                data.push(b'\n');
            }
        }
        collector.run(&data, page.resources, 0);
        collector.out.push('\n');
    }
    Ok(collector.out)
}
