//! The minutes as a Word file (.docx), drawn from the same [`MinutesSheet`] lines as the
//! print view: A4, Times New Roman 14, as schools print them. Pure: bytes in memory.

use super::minutes::{Line, MinutesSheet};
use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts};

#[derive(Debug, thiserror::Error)]
#[error("writing the .docx file: {0}")]
pub struct ExportError(#[from] docx_rs::DocxError);

/// 14 pt, in half-points.
const SIZE: usize = 28;

fn run(text: &str) -> Run {
    let font = "Times New Roman";
    Run::new().add_text(text).size(SIZE).fonts(
        RunFonts::new()
            .ascii(font)
            .hi_ansi(font)
            .cs(font)
            .east_asia(font),
    )
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

/// The bytes of a .docx file holding the minutes.
pub fn minutes_docx(sheet: &MinutesSheet) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        // A4 in twentieths of a point, margins 2 cm left 3 cm.
        .page_size(11_906, 16_838)
        .page_margin(docx_rs::PageMargin {
            top: 1134,
            left: 1701,
            bottom: 1134,
            right: 850,
            header: 708,
            footer: 708,
            gutter: 0,
        });
    for line in &sheet.lines {
        match line {
            Line::School(t) | Line::Subtitle(t) => {
                doc = doc.add_paragraph(para(t).align(AlignmentType::Center));
            }
            Line::Title(t) => {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(run(t).bold())
                        .align(AlignmentType::Center),
                );
            }
            Line::Date(t) => {
                doc = doc.add_paragraph(para(t).align(AlignmentType::Right));
            }
            Line::Field(label, text) => {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(run(&format!("{label}: ")).bold())
                        .add_run(run(text)),
                );
            }
            Line::Section(t) => {
                doc = doc.add_paragraph(Paragraph::new().add_run(run(&format!("{t}:")).bold()));
            }
            Line::Numbered(items) => {
                for (i, item) in items.iter().enumerate() {
                    doc = doc.add_paragraph(para(&format!("{}. {item}", i + 1)));
                }
            }
            Line::Paragraph(t) => {
                doc = doc.add_paragraph(para(t));
            }
            Line::Signature(label, name) => {
                doc = doc.add_paragraph(para(""));
                doc = doc.add_paragraph(para(&format!("{label} ____________ {name}")));
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(docx_rs::DocxError::from)?;
    Ok(out.into_inner())
}
