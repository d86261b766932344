//! A minimal PDF writer for test data and benchmarks (the reference generator, the tests
//! of [`super::extract_text`]); the app itself writes no PDF. Pages of text lines, A4:
//! lines in ASCII are drawn in Helvetica (a simple font, WinAnsi encoding, literal
//! strings with `Tj`); other lines (Kyrgyz, Russian) in a composite Type0 font with
//! Identity-H codes, a ToUnicode CMap (`bfrange` for runs of consecutive letters, `bfchar`
//! for the rest) and words placed with `TJ` kerning instead of space characters — the
//! shapes a text extractor meets in real files. The composite font embeds no glyphs: a
//! viewer shows substitute shapes; the text is what matters here.

use std::collections::BTreeMap;
use std::fmt::Write;

/// A PDF being built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pdf {
    pages: Vec<Vec<String>>,
}

/// Page layout, in points.
const A4: (u32, u32) = (595, 842);
const FONT_SIZE: u32 = 12;
const LEADING: u32 = 16;
/// The advance of every glyph of the composite font, in thousandths of an em (`/DW`).
const CID_WIDTH: u32 = 500;
/// The gap put between words of a composite-font line, in thousandths of an em.
const WORD_GAP: i32 = 300;

impl Pdf {
    pub fn new() -> Pdf {
        Pdf::default()
    }

    /// Adds a page holding `lines` from the top.
    pub fn page<S: AsRef<str>>(mut self, lines: &[S]) -> Pdf {
        self.pages
            .push(lines.iter().map(|l| l.as_ref().to_string()).collect());
        self
    }

    /// The PDF file.
    pub fn to_bytes(&self) -> Vec<u8> {
        // The composite font's codes: each character used gets a code from 1, in
        // character order, so runs of consecutive letters become `bfrange`s.
        let chars: BTreeMap<char, u16> = {
            let mut used: Vec<char> = self
                .pages
                .iter()
                .flatten()
                .filter(|l| !l.is_ascii())
                .flat_map(|l| l.chars())
                .filter(|c| !c.is_whitespace())
                .collect();
            used.sort_unstable();
            used.dedup();
            used.into_iter().zip(1u16..).collect()
        };
        let mut w = Writer::default();
        w.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        let pages_id = 2;
        let first_page = 8;
        let kids: Vec<String> = (0..self.pages.len())
            .map(|i| format!("{} 0 R", first_page + 2 * i))
            .collect();
        w.object(
            1,
            format!("<< /Type /Catalog /Pages {pages_id} 0 R >>").as_bytes(),
        );
        w.object(
            2,
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                self.pages.len()
            )
            .as_bytes(),
        );
        w.object(
            3,
            b"<< /Type /Font /Subtype /Type0 /BaseFont /KeneshSerif /Encoding /Identity-H \
              /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        );
        w.object(
            4,
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /KeneshSerif \
                 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                 /FontDescriptor 6 0 R /DW {CID_WIDTH} /CIDToGIDMap /Identity >>"
            )
            .as_bytes(),
        );
        w.stream(5, "", to_unicode(&chars).as_bytes());
        w.object(
            6,
            b"<< /Type /FontDescriptor /FontName /KeneshSerif /Flags 6 \
              /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 \
              /CapHeight 700 /StemV 80 >>",
        );
        w.object(
            7,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        );
        for (i, lines) in self.pages.iter().enumerate() {
            let id = first_page + 2 * i;
            w.object(
                id,
                format!(
                    "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {} {}] \
                     /Resources << /Font << /F1 3 0 R /F2 7 0 R >> >> /Contents {} 0 R >>",
                    A4.0,
                    A4.1,
                    id + 1
                )
                .as_bytes(),
            );
            w.stream(id + 1, "", page_content(lines, &chars).as_bytes());
        }
        w.finish(1)
    }
}

fn page_content(lines: &[String], chars: &BTreeMap<char, u16>) -> String {
    let mut c = format!("BT\n{LEADING} TL\n56 {} Td\n", A4.1 - 56);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            c.push_str("T*\n");
        }
        if line.is_ascii() {
            let mut s = String::new();
            for ch in line.chars().filter(|c| !c.is_control()) {
                if matches!(ch, '(' | ')' | '\\') {
                    s.push('\\');
                }
                s.push(ch);
            }
            let _ = writeln!(c, "/F2 {FONT_SIZE} Tf\n({s}) Tj");
        } else {
            let _ = write!(c, "/F1 {FONT_SIZE} Tf\n[");
            for (k, word) in line.split_whitespace().enumerate() {
                if k > 0 {
                    let _ = write!(c, " {}", -WORD_GAP);
                }
                c.push('<');
                for ch in word.chars() {
                    let _ = write!(c, "{:04X}", chars.get(&ch).copied().unwrap_or(0));
                }
                c.push('>');
            }
            c.push_str("] TJ\n");
        }
    }
    c.push_str("ET\n");
    c
}

fn to_unicode(chars: &BTreeMap<char, u16>) -> String {
    let hex = |c: char| -> String {
        let mut units = [0u16; 2];
        c.encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect()
    };
    // Runs of consecutive codes mapping to consecutive BMP characters.
    let mut runs: Vec<(u16, u16, char)> = Vec::new();
    for (&ch, &code) in chars {
        // A range keeps the codes' high byte and the character's last byte from
        // overflowing, as the CMap format asks.
        let extends = |(lo, hi, first): (u16, u16, char)| {
            let step = u32::from(code - lo);
            hi + 1 == code
                && code >> 8 == lo >> 8
                && ch as u32 <= 0xFFFF
                && ch as u32 == first as u32 + step
                && (first as u32 & 0xFF) + step <= 0xFF
        };
        match runs.last_mut() {
            Some(run) if extends(*run) => run.1 = code,
            _ => runs.push((code, code, ch)),
        }
    }
    let mut ranges = Vec::new();
    let mut singles = Vec::new();
    for (lo, hi, first) in runs {
        if hi > lo {
            ranges.push(format!("<{lo:04X}> <{hi:04X}> <{}>", hex(first)));
        } else {
            singles.push(format!("<{lo:04X}> <{}>", hex(first)));
        }
    }
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in singles.chunks(100) {
        let _ = writeln!(
            s,
            "{} beginbfchar\n{}\nendbfchar",
            block.len(),
            block.join("\n")
        );
    }
    for block in ranges.chunks(100) {
        let _ = writeln!(
            s,
            "{} beginbfrange\n{}\nendbfrange",
            block.len(),
            block.join("\n")
        );
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// Numbered objects with their byte offsets, for the cross-reference table.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    offsets: BTreeMap<usize, usize>,
}

impl Writer {
    fn object(&mut self, id: usize, body: &[u8]) {
        self.offsets.insert(id, self.out.len());
        self.out
            .extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// A stream object, its data deflated (FlateDecode).
    fn stream(&mut self, id: usize, extra: &str, data: &[u8]) {
        let packed = super::deflate::deflate_zlib(data);
        let mut body = format!(
            "<< /Length {} /Filter /FlateDecode{extra} >>\nstream\n",
            packed.len()
        )
        .into_bytes();
        body.extend_from_slice(&packed);
        body.extend_from_slice(b"\nendstream");
        self.object(id, &body);
    }

    fn finish(mut self, root: usize) -> Vec<u8> {
        let size = self.offsets.keys().max().map_or(1, |m| m + 1);
        let xref = self.out.len();
        let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for id in 1..size {
            match self.offsets.get(&id) {
                Some(at) => {
                    let _ = writeln!(table, "{at:010} 00000 n ");
                }
                None => table.push_str("0000000000 65535 f \n"),
            }
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        );
        self.out.extend_from_slice(table.as_bytes());
        self.out
    }
}
