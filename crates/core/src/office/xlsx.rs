//! A small .xlsx (SpreadsheetML) writer — a workbook of named sheets, a bold header row,
//! column widths, cells of text, numbers and dates shown as dates — and a reader good
//! enough to read the cells of a sheet back.
//!
//! ```
//! use kenesh_core::office::xlsx::{Cell, Column, Workbook};
//! let bytes = Workbook::new()
//!     .sheet(
//!         "Таанышуу",
//!         &[Column::new("Аты-жөнү", 32.0), Column::new("Күнү", 12.0)],
//!         vec![vec![Cell::from("Өмүрбекова Жаңыл"), Cell::from(kenesh_core::Date::new(2026, 11, 20).unwrap())]],
//!     )
//!     .to_bytes();
//! let sheets = kenesh_core::office::xlsx::read(&bytes).unwrap();
//! assert_eq!(sheets[0].rows[1][0], Cell::from("Өмүрбекова Жаңыл"));
//! ```
//!
//! Layout written (what a reader in another language needs): a zip holding
//! `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml` (sheet names in order),
//! `xl/_rels/workbook.xml.rels`, `xl/styles.xml` and `xl/worksheets/sheet{N}.xml` (N from 1).
//! Row 1 is the header. Text cells are inline strings (`<c t="inlineStr"><is><t>…`, no
//! shared strings), numbers `<c><v>…`, dates the Excel day number (days since 1899-12-30)
//! with style 2 (format `dd.mm.yyyy`); style 1 is the bold header.

use super::xml::{self, Event, Reader, escape};
use super::zip::{ZipError, ZipReader, ZipWriter};
use crate::date::Date;
use std::collections::HashMap;
use std::fmt::Write;

/// A column of a sheet: its header and width (in characters of the default font).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: f64,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f64) -> Column {
        Column {
            title: title.into(),
            width,
        }
    }
}

/// The value of one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// Stored as Excel's day number, shown as `dd.mm.yyyy`.
    Date(Date),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Number(n)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Number(n as f64)
    }
}

impl From<Date> for Cell {
    fn from(d: Date) -> Cell {
        Cell::Date(d)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    /// The cell as text: dates as `dd.mm.yyyy`, whole numbers without a decimal point.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => format!("{:02}.{:02}.{}", d.day, d.month, d.year),
        }
    }
}

/// Excel's day number of `date` (1900 date system: day 1 is 1900-01-01, counted from
/// 1899-12-30 because of Lotus's leap-year bug).
pub fn serial(date: Date) -> i64 {
    date.days_since_epoch() + 25_569
}

fn date_of_serial(serial: f64) -> Option<Date> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64 - 25_569;
    Some(Date::from_unix_ms(days * 86_400_000, 0))
}

/// The longest text a cell holds in Excel.
const MAX_CELL_CHARS: usize = 32_767;

#[derive(Debug, Clone, PartialEq)]
struct Sheet {
    name: String,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

/// A workbook being built; [`Workbook::to_bytes`] writes the .xlsx file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workbook {
    sheets: Vec<Sheet>,
}

impl Workbook {
    pub fn new() -> Workbook {
        Workbook::default()
    }

    /// Adds a sheet named `name` with a bold header row of the `columns`' titles, then
    /// `rows`. The name is made valid for Excel (at most 31 characters, none of `[]:*?/\`,
    /// unique in the workbook).
    pub fn sheet(mut self, name: &str, columns: &[Column], rows: Vec<Vec<Cell>>) -> Workbook {
        let name = self.sheet_name(name);
        self.sheets.push(Sheet {
            name,
            columns: columns.to_vec(),
            rows,
        });
        self
    }

    fn sheet_name(&self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let clean = clean.trim().trim_matches('\'');
        let base = if clean.is_empty() {
            format!("Sheet{}", self.sheets.len() + 1)
        } else {
            clean.chars().take(31).collect()
        };
        let taken = |n: &str| {
            self.sheets
                .iter()
                .any(|s| s.name.to_lowercase() == n.to_lowercase())
        };
        let mut name = base.clone();
        let mut i = 2;
        while taken(&name) {
            let suffix = format!(" ({i})");
            name = base
                .chars()
                .take(31 - suffix.chars().count())
                .collect::<String>()
                + &suffix;
            i += 1;
        }
        name
    }

    /// The .xlsx file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new();
        let n = self.sheets.len().max(1);
        let mut types = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
            r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        ));
        for i in 1..=n {
            let _ = write!(
                types,
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            );
        }
        types.push_str("</Types>");
        zip.add("[Content_Types].xml", types.as_bytes());
        zip.add(
            "_rels/.rels",
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
                "</Relationships>"
            )
            .as_bytes(),
        );
        let empty = Sheet {
            name: "Sheet1".into(),
            columns: Vec::new(),
            rows: Vec::new(),
        };
        let sheets: Vec<&Sheet> = if self.sheets.is_empty() {
            vec![&empty]
        } else {
            self.sheets.iter().collect()
        };
        let mut book = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        ));
        let mut rels = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        ));
        for (i, sheet) in sheets.iter().enumerate() {
            let i = i + 1;
            let _ = write!(
                book,
                r#"<sheet name="{}" sheetId="{i}" r:id="rId{i}"/>"#,
                escape(&sheet.name)
            );
            let _ = write!(
                rels,
                r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            );
        }
        book.push_str("</sheets></workbook>");
        let _ = write!(
            rels,
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
            n + 1
        );
        zip.add("xl/workbook.xml", book.as_bytes());
        zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
        zip.add("xl/styles.xml", STYLES.as_bytes());
        for (i, sheet) in sheets.iter().enumerate() {
            let name = format!("xl/worksheets/sheet{}.xml", i + 1);
            zip.add(&name, sheet_xml(sheet).as_bytes());
        }
        zip.finish()
    }
}

/// Style 0: normal; 1: bold (the header); 2: a date `dd.mm.yyyy`.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    "</styleSheet>"
);

/// `A`, `B`, … `Z`, `AA`, … for column index `i` (from 0).
pub fn column_name(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn sheet_xml(sheet: &Sheet) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    ));
    if !sheet.columns.is_empty() {
        // The header stays in view when scrolling.
        x.push_str(concat!(
            r#"<sheetViews><sheetView workbookViewId="0">"#,
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#,
            r#"</sheetView></sheetViews>"#
        ));
        x.push_str("<cols>");
        for (i, c) in sheet.columns.iter().enumerate() {
            let width = if c.width.is_finite() && c.width > 0.0 {
                c.width.min(255.0)
            } else {
                10.0
            };
            let _ = write!(
                x,
                r#"<col min="{0}" max="{0}" width="{width}" customWidth="1"/>"#,
                i + 1
            );
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    let header = (!sheet.columns.is_empty()).then(|| {
        sheet
            .columns
            .iter()
            .map(|c| Cell::Text(c.title.clone()))
            .collect::<Vec<_>>()
    });
    let rows = header
        .iter()
        .map(|h| (h, true))
        .chain(sheet.rows.iter().map(|r| (r, false)));
    for (r, (row, bold)) in rows.enumerate() {
        let r = r + 1;
        let _ = write!(x, r#"<row r="{r}">"#);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{r}", column_name(c));
            let style = if bold { r#" s="1""# } else { "" };
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    let t: String = t.chars().take(MAX_CELL_CHARS).collect();
                    let space = if t.trim() != t {
                        r#" xml:space="preserve""#
                    } else {
                        ""
                    };
                    let _ = write!(
                        x,
                        r#"<c r="{at}"{style} t="inlineStr"><is><t{space}>{}</t></is></c>"#,
                        escape(&t)
                    );
                }
                Cell::Number(n) if n.is_finite() => {
                    let _ = write!(x, r#"<c r="{at}"{style}><v>{n}</v></c>"#);
                }
                Cell::Number(_) => {}
                Cell::Date(d) => {
                    let _ = write!(x, r#"<c r="{at}" s="2"><v>{}</v></c>"#, serial(*d));
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// What can go wrong reading an .xlsx file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XlsxError {
    #[error(transparent)]
    Zip(#[from] ZipError),
    #[error("not a spreadsheet: {0} is missing")]
    Missing(&'static str),
}

/// A sheet read back: its name and rows (row 1 first; a row's cells by column, gaps as
/// [`Cell::Empty`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetData {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// Reads the sheets of an .xlsx file (written here or by Excel/LibreOffice: shared and
/// inline strings, numbers, dates by their cell format). Formulas give their cached value.
pub fn read(bytes: &[u8]) -> Result<Vec<SheetData>, XlsxError> {
    let zip = ZipReader::new(bytes)?;
    let text = |name: &str| -> Result<Option<String>, ZipError> {
        Ok(zip
            .read(name)?
            .map(|b| String::from_utf8_lossy(&b).into_owned()))
    };
    let book = text("xl/workbook.xml")?.ok_or(XlsxError::Missing("xl/workbook.xml"))?;
    let rels = text("xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let targets: HashMap<String, String> = Reader::new(&rels)
        .filter_map(|e| match e {
            Event::Start {
                name: "Relationship",
                attrs,
                ..
            } => Some((
                xml::attr(attrs, "Id")?.into_owned(),
                xml::attr(attrs, "Target")?.into_owned(),
            )),
            _ => None,
        })
        .collect();
    let shared = text("xl/sharedStrings.xml")?
        .map(|x| shared_strings(&x))
        .unwrap_or_default();
    let dates = text("xl/styles.xml")?
        .map(|x| date_styles(&x))
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, e) in Reader::new(&book).enumerate() {
        let Event::Start {
            name: "sheet",
            attrs,
            ..
        } = e
        else {
            continue;
        };
        let name = xml::attr(attrs, "name").unwrap_or_default().into_owned();
        let target = xml::attr(attrs, "id")
            .and_then(|id| targets.get(id.as_ref()).cloned())
            .unwrap_or_else(|| format!("worksheets/sheet{}.xml", i + 1));
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let xml = text(&path)?.ok_or(XlsxError::Missing("a worksheet"))?;
        out.push(SheetData {
            name,
            rows: sheet_rows(&xml, &shared, &dates),
        });
    }
    Ok(out)
}

fn shared_strings(x: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut current, mut in_t) = (String::new(), false);
    for e in Reader::new(x) {
        match e {
            Event::Start { name: "si", .. } => current.clear(),
            Event::End { name: "si" } => out.push(std::mem::take(&mut current)),
            Event::Start {
                name: "t",
                empty: false,
                ..
            } => in_t = true,
            Event::End { name: "t" } => in_t = false,
            Event::Text(t) if in_t => current.push_str(&t),
            _ => {}
        }
    }
    out
}

/// Which cell styles (indexes into `cellXfs`) show a date.
fn date_styles(x: &str) -> Vec<bool> {
    let mut custom: HashMap<String, bool> = HashMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    for e in Reader::new(x) {
        match e {
            Event::Start {
                name: "numFmt",
                attrs,
                ..
            } => {
                let id = xml::attr(attrs, "numFmtId")
                    .unwrap_or_default()
                    .into_owned();
                let code = xml::attr(attrs, "formatCode").unwrap_or_default();
                let code = code.to_lowercase();
                let is_date = !code.contains("[h]") && (code.contains('d') || code.contains('y'));
                custom.insert(id, is_date);
            }
            Event::Start {
                name: "cellXfs", ..
            } => in_xfs = true,
            Event::End { name: "cellXfs" } => in_xfs = false,
            Event::Start {
                name: "xf", attrs, ..
            } if in_xfs => {
                let id = xml::attr(attrs, "numFmtId").unwrap_or_default();
                let builtin = id
                    .parse::<u32>()
                    .is_ok_and(|n| (14..=17).contains(&n) || n == 22);
                out.push(builtin || custom.get(id.as_ref()).copied().unwrap_or(false));
            }
            _ => {}
        }
    }
    out
}

/// The column index of a reference like `C12`.
fn column_of(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let mut n = 0usize;
    let mut any = false;
    for b in letters {
        n = n * 26 + (b.to_ascii_uppercase() - b'A') as usize + 1;
        any = true;
        if n > 16_384 {
            return None;
        }
    }
    any.then(|| n - 1)
}

fn sheet_rows(x: &str, shared: &[String], dates: &[bool]) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut row_at: Option<usize> = None;
    // The cell being read: column, type, style, value text.
    let mut cell: Option<(usize, String, usize, String)> = None;
    let mut in_value = false;
    for e in Reader::new(x) {
        match e {
            Event::Start {
                name: "row",
                attrs,
                empty,
            } => {
                row.clear();
                let r = xml::attr(attrs, "r").and_then(|r| r.parse::<usize>().ok());
                row_at = r.map(|r| r.saturating_sub(1)).or(Some(rows.len()));
                if empty {
                    finish_row(&mut rows, &mut row, row_at.take());
                }
            }
            Event::End { name: "row" } => finish_row(&mut rows, &mut row, row_at.take()),
            Event::Start {
                name: "c",
                attrs,
                empty,
            } => {
                let col = xml::attr(attrs, "r")
                    .and_then(|r| column_of(&r))
                    .unwrap_or(row.len());
                let kind = xml::attr(attrs, "t").unwrap_or_default().into_owned();
                let style = xml::attr(attrs, "s")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                cell = Some((col, kind, style, String::new()));
                if empty {
                    cell = None;
                }
            }
            Event::Start {
                name: "v" | "t",
                empty: false,
                ..
            } => in_value = true,
            Event::End { name: "v" | "t" } => in_value = false,
            Event::Text(t) if in_value => {
                if let Some(c) = cell.as_mut() {
                    c.3.push_str(&t);
                }
            }
            Event::End { name: "c" } => {
                let Some((col, kind, style, value)) = cell.take() else {
                    continue;
                };
                let value = match kind.as_str() {
                    "s" => value
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| shared.get(i).cloned())
                        .map_or(Cell::Empty, Cell::Text),
                    "inlineStr" | "str" | "e" => Cell::Text(value),
                    "b" => Cell::Text(if value.trim() == "1" { "TRUE" } else { "FALSE" }.into()),
                    _ => match super::number::parse_decimal(value.trim()) {
                        Some(n) if dates.get(style).copied().unwrap_or(false) => {
                            date_of_serial(n).map_or(Cell::Number(n), Cell::Date)
                        }
                        Some(n) => Cell::Number(n),
                        None if value.is_empty() => Cell::Empty,
                        None => Cell::Text(value),
                    },
                };
                if col < 16_384 {
                    if row.len() <= col {
                        row.resize(col + 1, Cell::Empty);
                    }
                    row[col] = value;
                }
            }
            _ => {}
        }
    }
    rows
}

fn finish_row(rows: &mut Vec<Vec<Cell>>, row: &mut Vec<Cell>, at: Option<usize>) {
    let at = at.unwrap_or(rows.len());
    // Rows are numbered; a gap (or a far-off row number) fills with empty rows, capped.
    if at > rows.len() + 100_000 {
        return;
    }
    while rows.len() < at {
        rows.push(Vec::new());
    }
    if rows.len() == at {
        rows.push(std::mem::take(row));
    } else {
        rows[at] = std::mem::take(row);
    }
}
