//! The office formats: zip container, .xlsx and .docx writers, text extraction.

use kenesh_core::Date;
use kenesh_core::office::xlsx::{self, Cell, Column, Workbook};
use kenesh_core::office::zip::{ZipError, ZipReader, ZipWriter};

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

#[test]
fn a_zip_round_trips_its_entries_with_unicode_names() {
    let mut zip = ZipWriter::new();
    let big = "Өз ара сабакка катышуу. ".repeat(500);
    zip.add("a.txt", b"hello");
    zip.add("папка/үй.txt", big.as_bytes());
    zip.add("empty", b"");
    let bytes = zip.finish();
    assert!(bytes.len() < big.len() / 4, "entries are deflated");
    let r = ZipReader::new(&bytes).unwrap();
    assert_eq!(
        r.names().collect::<Vec<_>>(),
        ["a.txt", "папка/үй.txt", "empty"]
    );
    assert_eq!(r.read("a.txt").unwrap().unwrap(), b"hello");
    assert_eq!(r.read("папка/үй.txt").unwrap().unwrap(), big.as_bytes());
    assert_eq!(r.read("empty").unwrap().unwrap(), b"");
    assert_eq!(r.read("missing").unwrap(), None);
}

#[test]
fn a_damaged_zip_is_an_error_not_a_panic() {
    let mut zip = ZipWriter::new();
    zip.add("doc.xml", "<a>Кеңеш</a>".repeat(50).as_bytes());
    let bytes = zip.finish();
    assert!(matches!(ZipReader::new(b"PK"), Err(ZipError::Corrupt(_))));
    assert!(matches!(
        ZipReader::new(&[0u8; 100]),
        Err(ZipError::Corrupt(_))
    ));
    // A flipped byte in the deflated data fails the checksum or the inflate.
    let mut flipped = bytes.clone();
    flipped[40] ^= 0xFF;
    let r = ZipReader::new(&flipped).unwrap();
    assert!(matches!(r.read("doc.xml"), Err(ZipError::Corrupt(_))));
    // Every truncation is an error or a shorter directory, never a panic.
    for cut in 0..bytes.len() {
        if let Ok(r) = ZipReader::new(&bytes[..cut]) {
            let _ = r.read("doc.xml");
        }
    }
    // An encrypted entry (flag bit 0) is reported as such.
    let mut locked = bytes.clone();
    let central = locked.len() - 22 - (46 + "doc.xml".len());
    locked[central + 8] |= 1;
    let r = ZipReader::new(&locked).unwrap();
    assert_eq!(r.read("doc.xml"), Err(ZipError::Encrypted));
}

#[test]
fn a_workbook_reads_back_with_kyrgyz_text_numbers_and_dates() {
    let columns = [
        Column::new("Аты-жөнү", 32.0),
        Column::new("Таанышкан күнү", 14.0),
        Column::new("Саны", 8.0),
    ];
    let rows = vec![
        vec![
            Cell::from("Өмүрбекова Жаңыл"),
            Cell::from(d(2026, 11, 20)),
            Cell::from(3i64),
        ],
        vec![
            Cell::from("Үсөнов <Таалай> & \"ко\""),
            Cell::Empty,
            Cell::from(2.5),
        ],
        vec![Cell::from("  боштук менен  ")],
    ];
    let bytes = Workbook::new()
        .sheet("Таанышуу: 2026/27", &columns, rows.clone())
        .sheet(
            "Экинчи",
            &[Column::new("A", 5.0)],
            vec![vec![Cell::from("ң")]],
        )
        .to_bytes();
    let sheets = xlsx::read(&bytes).unwrap();
    assert_eq!(sheets.len(), 2);
    assert_eq!(
        sheets[0].name, "Таанышуу_ 2026_27",
        "characters Excel forbids replaced"
    );
    assert_eq!(
        sheets[0].rows[0],
        columns
            .iter()
            .map(|c| Cell::from(c.title.as_str()))
            .collect::<Vec<_>>()
    );
    assert_eq!(sheets[0].rows[1..], rows[..]);
    assert_eq!(sheets[1].name, "Экинчи");
    assert_eq!(sheets[1].rows[1], vec![Cell::from("ң")]);

    // The parts a spreadsheet program needs, with a bold header and a date format.
    let zip = ZipReader::new(&bytes).unwrap();
    let part = |n: &str| String::from_utf8(zip.read(n).unwrap().unwrap()).unwrap();
    assert!(part("[Content_Types].xml").contains("/xl/worksheets/sheet2.xml"));
    assert!(part("_rels/.rels").contains("Target=\"xl/workbook.xml\""));
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<c r="A1" s="1" t="inlineStr"><is><t>Аты-жөнү</t>"#));
    assert!(sheet.contains(r#"<col min="1" max="1" width="32" customWidth="1"/>"#));
    assert!(sheet.contains("&lt;Таалай&gt; &amp; &quot;ко&quot;"));
    // 2026-11-20 is Excel day 46346, shown with the date style.
    assert!(sheet.contains(r#"<c r="B2" s="2"><v>46346</v></c>"#));
    assert!(part("xl/styles.xml").contains(r#"formatCode="dd.mm.yyyy""#));
}

#[test]
fn sheet_names_are_made_unique_and_short() {
    let long = "Мугалимдердин таанышуу баракчасы 2026-2027 окуу жылы";
    let bytes = Workbook::new()
        .sheet(long, &[], vec![])
        .sheet(long, &[], vec![])
        .sheet("", &[], vec![vec![Cell::from(1i64)]])
        .to_bytes();
    let names: Vec<String> = xlsx::read(&bytes)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names[0].chars().count(), 31);
    assert!(names[1].ends_with(" (2)") && names[1].chars().count() == 31);
    assert_ne!(names[0], names[1]);
    assert_eq!(names[2], "Sheet3");
}

#[test]
fn excel_day_numbers_and_column_names() {
    assert_eq!(xlsx::serial(d(1900, 3, 1)), 61);
    assert_eq!(xlsx::serial(d(2026, 11, 20)), 46346);
    assert_eq!(xlsx::column_name(0), "A");
    assert_eq!(xlsx::column_name(25), "Z");
    assert_eq!(xlsx::column_name(26), "AA");
    assert_eq!(xlsx::column_name(701), "ZZ");
    assert_eq!(xlsx::column_name(702), "AAA");
    assert_eq!(Cell::from(d(2026, 1, 5)).display(), "05.01.2026");
}
