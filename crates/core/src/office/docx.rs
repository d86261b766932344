//! A small .docx (WordprocessingML) writer: paragraphs of runs (plain or bold), alignment,
//! one font and size for the whole document, page size and margins. What the meeting
//! minutes need, written as the minimal OOXML package Word and LibreOffice open:
//! `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/styles.xml` (the
//! default font) and `word/_rels/document.xml.rels` (linking the styles).
//!
//! ```
//! use kenesh_core::office::docx::{Align, Docx, Paragraph};
//! let bytes = Docx::new()
//!     .paragraph(Paragraph::new().bold("ПРОТОКОЛ № 3").align(Align::Center))
//!     .paragraph(Paragraph::new().bold("Төрага: ").text("Асанова Айгүл"))
//!     .to_bytes();
//! assert_eq!(&bytes[..2], b"PK");
//! ```

use super::xml::escape;
use super::zip::ZipWriter;
use std::fmt::Write;

/// A paragraph's alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Both edges (justified).
    Justify,
}

impl Align {
    fn value(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "both",
        }
    }
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

/// A paragraph: runs of text and an alignment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub align: Option<Align>,
}

impl Paragraph {
    pub fn new() -> Paragraph {
        Paragraph::default()
    }

    /// Adds plain text. A `\n` in it breaks the line, a `\t` is a tab.
    pub fn text(mut self, text: impl Into<String>) -> Paragraph {
        self.runs.push(Run {
            text: text.into(),
            bold: false,
        });
        self
    }

    /// Adds bold text.
    pub fn bold(mut self, text: impl Into<String>) -> Paragraph {
        self.runs.push(Run {
            text: text.into(),
            bold: true,
        });
        self
    }

    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = Some(align);
        self
    }
}

/// Page size and margins, in twentieths of a point (twips; 567 = 1 cm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
    pub header: u32,
    pub footer: u32,
}

impl Page {
    /// A4 portrait with the margins of Kyrgyz office papers: 3 cm left, 1.5 cm right,
    /// 2 cm top and bottom.
    pub const A4: Page = Page {
        width: 11_906,
        height: 16_838,
        top: 1134,
        right: 850,
        bottom: 1134,
        left: 1701,
        header: 708,
        footer: 708,
    };
}

/// A Word document being built; [`Docx::to_bytes`] writes the .docx file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Docx {
    font: String,
    /// In half-points.
    size: u32,
    page: Page,
    body: String,
}

impl Default for Docx {
    fn default() -> Docx {
        Docx::new()
    }
}

impl Docx {
    /// An empty A4 document in Times New Roman 14.
    pub fn new() -> Docx {
        Docx {
            font: "Times New Roman".into(),
            size: 28,
            page: Page::A4,
            body: String::new(),
        }
    }

    /// The document's font and its size in points.
    pub fn font(mut self, name: &str, points: u32) -> Docx {
        self.font = name.into();
        self.size = points * 2;
        self
    }

    pub fn page(mut self, page: Page) -> Docx {
        self.page = page;
        self
    }

    pub fn paragraph(mut self, p: Paragraph) -> Docx {
        self.push(&p);
        self
    }

    /// Adds a paragraph to a document held in a variable.
    pub fn push(&mut self, p: &Paragraph) {
        let x = &mut self.body;
        x.push_str("<w:p>");
        if let Some(a) = p.align {
            let _ = write!(x, r#"<w:pPr><w:jc w:val="{}"/></w:pPr>"#, a.value());
        }
        for run in &p.runs {
            x.push_str("<w:r>");
            if run.bold {
                x.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
            }
            for (i, line) in run.text.split('\n').enumerate() {
                if i > 0 {
                    x.push_str("<w:br/>");
                }
                for (j, piece) in line.trim_end_matches('\r').split('\t').enumerate() {
                    if j > 0 {
                        x.push_str("<w:tab/>");
                    }
                    if !piece.is_empty() {
                        let _ = write!(x, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece));
                    }
                }
            }
            x.push_str("</w:r>");
        }
        x.push_str("</w:p>");
    }

    /// The .docx file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new();
        zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
        zip.add("_rels/.rels", RELS.as_bytes());
        zip.add("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes());
        zip.add("word/styles.xml", self.styles().as_bytes());
        zip.add("word/document.xml", self.document().as_bytes());
        zip.finish()
    }

    fn document(&self) -> String {
        let p = &self.page;
        format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}"#,
                r#"<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"/>"#,
                r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{header}" w:footer="{footer}" w:gutter="0"/>"#,
                "</w:sectPr></w:body></w:document>"
            ),
            W = W,
            R = R,
            body = self.body,
            w = p.width,
            h = p.height,
            top = p.top,
            right = p.right,
            bottom = p.bottom,
            left = p.left,
            header = p.header,
            footer = p.footer,
        )
    }

    fn styles(&self) -> String {
        let font = escape(&self.font);
        format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>"#,
                r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>"#,
                r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="ky-KG"/>"#,
                r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"#,
                r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#,
                r#"</w:pPr></w:pPrDefault></w:docDefaults>"#,
                r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
                "</w:styles>"
            ),
            W = W,
            font = font,
            size = self.size,
        )
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    "</Types>"
);

const RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    "</Relationships>"
);
