//! The minutes as a Word file (.docx), drawn from the same [`MinutesSheet`] lines as the
//! print view: A4, Times New Roman 14, as schools print them. Pure: bytes in memory,
//! written by [`crate::office::docx`].

use super::minutes::{Line, MinutesSheet};
use crate::office::docx::{Align, Docx, Page, Paragraph};

/// The bytes of a .docx file holding the minutes (written in memory: it cannot fail).
pub fn minutes_docx(sheet: &MinutesSheet) -> Vec<u8> {
    let mut doc = Docx::new().font("Times New Roman", 14).page(Page::A4);
    for line in &sheet.lines {
        match line {
            Line::School(t) | Line::Subtitle(t) => {
                doc.push(&Paragraph::new().text(t).align(Align::Center));
            }
            Line::Title(t) => doc.push(&Paragraph::new().bold(t).align(Align::Center)),
            Line::Date(t) => doc.push(&Paragraph::new().text(t).align(Align::Right)),
            Line::Field(label, text) => {
                doc.push(&Paragraph::new().bold(format!("{label}: ")).text(text));
            }
            Line::Section(t) => doc.push(&Paragraph::new().bold(format!("{t}:"))),
            Line::Numbered(items) => {
                for (i, item) in items.iter().enumerate() {
                    doc.push(&Paragraph::new().text(format!("{}. {item}", i + 1)));
                }
            }
            Line::Paragraph(t) => doc.push(&Paragraph::new().text(t)),
            Line::Signature(label, name) => {
                doc.push(&Paragraph::new());
                doc.push(&Paragraph::new().text(format!("{label} ____________ {name}")));
            }
        }
    }
    doc.to_bytes()
}
