//! The office formats: zip container, .xlsx and .docx writers, text extraction.

use kenesh_core::Date;
use kenesh_core::generator::Rng;
use kenesh_core::library::MediaType;
use kenesh_core::office::docx::{Align, Docx, Paragraph};
use kenesh_core::office::extract::normalize;
use kenesh_core::office::pdf::Pdf;
use kenesh_core::office::xlsx::{self, Cell, Column, Workbook};
use kenesh_core::office::zip::{ZipError, ZipReader, ZipWriter};
use kenesh_core::office::{ExtractError, MAX_TEXT_CHARS, extract_text};

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

#[test]
fn a_docx_holds_its_paragraphs_and_reads_back_as_text() {
    let bytes = Docx::new()
        .paragraph(Paragraph::new().bold("ПРОТОКОЛ № 3").align(Align::Center))
        .paragraph(
            Paragraph::new()
                .bold("Күн тартиби: ")
                .text("Өз ара сабакка <катышуу> & талдоо"),
        )
        .paragraph(Paragraph::new().text("биринчи сап\nэкинчи\tсап"))
        .paragraph(
            Paragraph::new()
                .text("Итоги четверти: «хорошо»")
                .align(Align::Justify),
        )
        .to_bytes();
    let zip = ZipReader::new(&bytes).unwrap();
    let names: Vec<&str> = zip.names().collect();
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/document.xml",
    ] {
        assert!(names.contains(&part), "the package holds {part}");
    }
    let xml = String::from_utf8(zip.read("word/document.xml").unwrap().unwrap()).unwrap();
    assert!(xml.contains(
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">ПРОТОКОЛ № 3</w:t></w:r></w:p>"#
    ));
    assert!(xml.contains("&lt;катышуу&gt; &amp; талдоо"));
    assert!(xml.contains("биринчи сап</w:t><w:br/>"));
    assert!(xml.contains(r#"<w:jc w:val="both"/>"#));

    let text = extract_text(MediaType::Docx, &bytes).unwrap();
    assert_eq!(
        text,
        "ПРОТОКОЛ № 3\nКүн тартиби: Өз ара сабакка <катышуу> & талдоо\nбиринчи сап\n\
         экинчи сап\nИтоги четверти: «хорошо»"
    );
}

#[test]
fn a_workbook_reads_back_as_text_for_search() {
    let bytes = Workbook::new()
        .sheet(
            "Тизме",
            &[Column::new("Аты", 20.0), Column::new("Күнү", 12.0)],
            vec![vec![Cell::from("Жаңыл"), Cell::from(d(2026, 9, 1))]],
        )
        .to_bytes();
    let text = extract_text(MediaType::Xlsx, &bytes).unwrap();
    assert_eq!(text, "Тизме\nАты Күнү\nЖаңыл 01.09.2026");
}

#[test]
fn extraction_refuses_damaged_encrypted_and_unreadable_files() {
    let docx = Docx::new()
        .paragraph(Paragraph::new().text("Кеңеш"))
        .to_bytes();
    assert!(matches!(
        extract_text(MediaType::Docx, &docx[..docx.len() / 2]),
        Err(ExtractError::Corrupt(_))
    ));
    assert!(matches!(
        extract_text(MediaType::Docx, b"not a zip at all"),
        Err(ExtractError::Corrupt(_))
    ));
    // A zip without word/document.xml is not a Word file.
    let xlsx = Workbook::new().sheet("A", &[], vec![]).to_bytes();
    assert!(matches!(
        extract_text(MediaType::Docx, &xlsx),
        Err(ExtractError::Corrupt(_))
    ));
    // Password-protected Office files are OLE compound files.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert_eq!(
        extract_text(MediaType::Docx, &ole),
        Err(ExtractError::Encrypted)
    );
    assert!(matches!(
        extract_text(MediaType::Png, b"\x89PNG"),
        Err(ExtractError::Unsupported(_))
    ));
    assert!(matches!(
        extract_text(MediaType::Doc, &ole),
        Err(ExtractError::Unsupported(_))
    ));
}

#[test]
fn extracted_text_is_normalised_and_capped() {
    assert_eq!(normalize("  a \t b\r\n\n  c  ", 100), "a b\nc");
    assert_eq!(normalize("ң\u{0}ө\u{7}ү", 100), "ң ө ү");
    // The cap counts characters (not bytes) and does not cut a word in half.
    let long = "Кеңеш ".repeat(MAX_TEXT_CHARS);
    let capped = normalize(&long, MAX_TEXT_CHARS);
    assert!(capped.chars().count() <= MAX_TEXT_CHARS);
    assert!(capped.chars().count() > MAX_TEXT_CHARS - 10);
    assert!(capped.ends_with("Кеңеш"));
    let docx = Docx::new()
        .paragraph(Paragraph::new().text(long.as_str()))
        .to_bytes();
    let text = extract_text(MediaType::Docx, &docx).unwrap();
    assert_eq!(text, capped);
}

#[test]
fn a_generated_pdf_reads_back_with_kyrgyz_russian_and_latin_text() {
    let bytes = Pdf::new()
        .page(&[
            "ПРОТОКОЛ № 3",
            "Өз ара сабакка катышууну уюштуруу: ң ө ү Ң Ө Ү",
            "Plain (Latin) text \\ with escapes",
        ])
        .page(&["Приказ вступает в силу со дня подписания."])
        .to_bytes();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let text = extract_text(MediaType::Pdf, &bytes).unwrap();
    assert_eq!(
        text,
        "ПРОТОКОЛ № 3\nӨз ара сабакка катышууну уюштуруу: ң ө ү Ң Ө Ү\n\
         Plain (Latin) text \\ with escapes\nПриказ вступает в силу со дня подписания."
    );
}

/// A hand-written PDF with no usable cross-reference table (it points nowhere), its font
/// packed in an object stream, uncompressed content using every text operator, a
/// ToUnicode CMap with `bfchar` and an array `bfrange`, and a simple font whose
/// `/Differences` name Cyrillic glyphs (`afii…`, `uni…`).
fn hand_written_pdf() -> Vec<u8> {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        2 beginbfchar <0001> <041A> <0002> <0435> endbfchar \
        1 beginbfrange <0003> <0005> [<04A3> <0435> <0448>] endbfrange \
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let font_dicts = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
        /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 >>] /ToUnicode 5 0 R >> \
        << /Type /Font /Subtype /Type1 /BaseFont /Y /FirstChar 65 /Widths [600 600 600] \
        /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
        /Differences [65 /afii10017 /uni04AF /afii10065] >> >>";
    let (f3, f4) = font_dicts.split_at(font_dicts.find(">> <<").unwrap() + 2);
    let index = format!("3 0 4 {} ", f3.len());
    let objstm = format!("{index}{f3}{f4}");
    let first = index.len();
    // The inline image's data holds a `(`: read as syntax it would swallow the rest.
    let content = "BT /F1 12 Tf 72 700 Td <0001 0002 0003 0004 0005> Tj \
        [-500 <0001> -120 <0002>] TJ ET \
        BT /F1 12 Tf 72 680 Td [<0001> -600 <0002>] TJ \
        14 TL (\\000\\001) ' ET \
        BT /F2 10 Tf 1 0 0 1 72 640 Tm (ABC) Tj 2 1 (ACB) \" \
        BI /W 2 /H 1 /BPC 8 /CS /G ID \x01(\x02 EI \
        0 -20 Td (Tj) Tj ET";
    let pdf = format!(
        "%PDF-1.5\n\
         1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [6 0 R] /Count 1 \
         /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >> endobj\n\
         5 0 obj << /Length 999 >>\nstream\n{cmap}\nendstream\nendobj\n\
         7 0 obj << /Type /ObjStm /N 2 /First {first} /Length {} >>\nstream\n{objstm}\nendstream\nendobj\n\
         6 0 obj << /Type /Page /Parent 2 0 R /Contents [8 0 R] >> endobj\n\
         8 0 obj << /Length {} >>\nstream\n{content}\nendstream\nendobj\n\
         xref\n0 1\n0000000000 65535 f \ntrailer << /Root 1 0 R /Size 9 >>\n\
         startxref\n123456\n%%EOF\n",
        objstm.len(),
        content.len()
    );
    pdf.into_bytes()
}

#[test]
fn a_pdf_with_a_broken_xref_and_every_text_operator_reads_back() {
    let text = extract_text(MediaType::Pdf, &hand_written_pdf()).unwrap();
    // Line 1: codes 1-5 (bfchar, then the array bfrange); a TJ opening with a wide gap
    // (a space) and a small kern inside a word. Line 2: a wide gap in TJ; `'` moves to
    // the next line. Then the simple font through /Differences, `"` on its own line, the
    // inline image skipped.
    assert_eq!(text, "Кеңеш Ке\nК е\nК\nАүа\nАаү\nTj");
}

#[test]
fn a_truncated_or_garbage_pdf_is_corrupt_never_a_panic() {
    let pdf = Pdf::new()
        .page(&["Педагогдордун квалификациясын жогорулатуу"])
        .page(&["Second page"])
        .to_bytes();
    // Cut anywhere: an error or the text that survived, never a panic.
    for cut in (0..pdf.len()).step_by(7) {
        let _ = extract_text(MediaType::Pdf, &pdf[..cut]);
    }
    for cut in [0, 8, 20] {
        assert!(matches!(
            extract_text(MediaType::Pdf, &pdf[..cut]),
            Err(ExtractError::Corrupt(_))
        ));
    }
    // Cut after the first page's content: the first page's words are still found.
    let second = pdf.windows(6).position(|w| w == b"10 0 o").unwrap();
    let partial = extract_text(MediaType::Pdf, &pdf[..second]).unwrap();
    assert_eq!(partial, "Педагогдордун квалификациясын жогорулатуу");
    assert_eq!(
        extract_text(MediaType::Pdf, b"%PDF-1.4\nno objects here"),
        Err(ExtractError::Corrupt("no objects"))
    );
    assert_eq!(
        extract_text(
            MediaType::Pdf,
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj"
        ),
        Err(ExtractError::Corrupt("no pages"))
    );
    // Deterministic garbage after a PDF header, and bytes of the file flipped.
    let mut rng = Rng::new(7);
    for round in 0..200 {
        let mut bytes = if round % 2 == 0 {
            let mut b = b"%PDF-1.7\n".to_vec();
            b.extend((0..2000).map(|_| rng.next_u64() as u8));
            b
        } else {
            pdf.clone()
        };
        for _ in 0..20 {
            let at = rng.below(bytes.len());
            bytes[at] = rng.next_u64() as u8;
        }
        let _ = extract_text(MediaType::Pdf, &bytes);
    }
    // Nested arrays deep enough to overflow a naive recursive parser.
    let mut deep = b"%PDF-1.4\n1 0 obj ".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 100_000));
    assert!(extract_text(MediaType::Pdf, &deep).is_err());
}

/// RC4, for [`owner_password_only`]: the writer's side written here, not taken from the
/// reader, so that the test does not check the reader against itself.
fn rc4(key: &[u8], data: &mut [u8]) {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    for b in data {
        i = i.wrapping_add(1);
        j = j.wrapping_add(s[i as usize]);
        s.swap(i as usize, j as usize);
        *b ^= s[s[i as usize].wrapping_add(s[j as usize]) as usize];
    }
}

/// `pdf` encrypted as a writer does for an owner password only (RC4, 128 bits, revision
/// 3): every stream under its object's key, the `/Encrypt` dictionary and the `/ID`. The
/// key and the dictionary's values are those qpdf 11 wrote for such a file, so the reader
/// derives the key from them on its own.
fn owner_password_only(pdf: &[u8]) -> Vec<u8> {
    use md5::Digest;
    let key = hex("47d645b3725009a52df68226e05e166a");
    let mut out = pdf.to_vec();
    let mut at = 0;
    while let Some(i) = out[at..]
        .windows(4)
        .position(|w| w == b"obj\n")
        .map(|i| i + at)
    {
        at = i + 4;
        let line_start = out[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        let line = String::from_utf8_lossy(&out[line_start..i]).into_owned();
        let mut words = line.split_whitespace();
        let (Some(Ok(num)), Some(Ok(generation))) = (
            words.next().map(str::parse::<u32>),
            words.next().map(str::parse::<u16>),
        ) else {
            continue;
        };
        let Some(start) = out[at..].windows(7).position(|w| w == b"stream\n") else {
            break;
        };
        let next_obj = out[at..]
            .windows(4)
            .position(|w| w == b"obj\n")
            .unwrap_or(usize::MAX);
        if start > next_obj {
            continue;
        }
        let start = at + start + 7;
        let end = start
            + out[start..]
                .windows(10)
                .position(|w| w == b"\nendstream")
                .unwrap();
        let mut h = md5::Md5::new();
        h.update(&key);
        h.update(&num.to_le_bytes()[..3]);
        h.update(generation.to_le_bytes());
        rc4(&h.finalize(), &mut out[start..end]);
        at = end;
    }
    let trailer = out.windows(7).rposition(|w| w == b"trailer").unwrap();
    let encrypt = "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 \
        /O <566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5> \
        /U <15922273ab831200c834fc6d54d3718a0122456a91bae5134273a6db134c87c4> >> \
        /ID [<9356a4ecf7e8d012ac960d3b9e73f255> <9356a4ecf7e8d012ac960d3b9e73f255>] ";
    out.splice(trailer + 11..trailer + 11, encrypt.bytes());
    out
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn a_pdf_encrypted_with_an_owner_password_only_reads_back() {
    let plain = Pdf::new()
        .page(&["Буйрук № 15", "Кеңештин отуруму"])
        .page(&["Приказ о методическом совете"])
        .to_bytes();
    let encrypted = owner_password_only(&plain);
    assert!(
        !encrypted.windows(6).any(|w| w == b"/F1 12"),
        "the page contents are encrypted"
    );
    assert_eq!(
        extract_text(MediaType::Pdf, &encrypted).unwrap(),
        extract_text(MediaType::Pdf, &plain).unwrap()
    );
    // A wrong key (another file's ID) leaves it locked: it asks for a password.
    let mut other = encrypted.clone();
    let id = other.windows(8).position(|w| w == b"9356a4ec").unwrap();
    other[id..id + 8].copy_from_slice(b"00000000");
    assert_eq!(
        extract_text(MediaType::Pdf, &other),
        Err(ExtractError::Encrypted)
    );
}

#[test]
fn an_encrypted_pdf_says_so() {
    let mut pdf = Pdf::new().page(&["Кеңеш"]).to_bytes();
    let trailer = pdf.windows(7).rposition(|w| w == b"trailer").unwrap();
    pdf.splice(
        trailer + 11..trailer + 11,
        b"/Encrypt 99 0 R ".iter().copied(),
    );
    assert_eq!(
        extract_text(MediaType::Pdf, &pdf),
        Err(ExtractError::Encrypted)
    );
}

#[test]
fn a_long_pdf_is_capped() {
    let line = "Окуучулардын функционалдык сабаттуулугун өнүктүрүү үчүн тапшырмалар";
    let page: Vec<&str> = vec![line; 50];
    let mut pdf = Pdf::new();
    for _ in 0..70 {
        pdf = pdf.page(&page);
    }
    let text = extract_text(MediaType::Pdf, &pdf.to_bytes()).unwrap();
    let chars = text.chars().count();
    assert!(
        chars <= MAX_TEXT_CHARS && chars > MAX_TEXT_CHARS - 100,
        "{chars}"
    );
    assert!(text.starts_with(line));
}

#[test]
fn generated_reference_files_read_back_word_for_word() {
    let files = kenesh_core::generator::reference_files(42, 6);
    assert_eq!(files.len(), 6);
    let again = kenesh_core::generator::reference_files(42, 6);
    assert!(
        files.iter().zip(&again).all(|(a, b)| a.bytes == b.bytes),
        "deterministic"
    );
    let mut kinds = std::collections::HashSet::new();
    for file in &files {
        kinds.insert(file.media);
        assert_eq!(MediaType::from_file_name(&file.name), Some(file.media));
        let text = extract_text(file.media, &file.bytes).unwrap();
        let expected = normalize(&file.lines.join("\n"), MAX_TEXT_CHARS);
        assert_eq!(text, expected, "{}", file.name);
        assert!(
            text.chars().any(|c| "ңөүҢӨҮ".contains(c)),
            "Kyrgyz letters survive"
        );
    }
    assert_eq!(kinds.len(), 2, "PDFs and Word files");
}

/// A workbook as Excel writes it: shared strings (one with rich-text runs), a sheet at a
/// path of its own, a built-in date format, booleans, skipped cells and rows.
#[test]
fn a_workbook_written_by_excel_reads_back() {
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
    let mut zip = ZipWriter::new();
    zip.add(
        "xl/workbook.xml",
        format!(
            r#"<?xml version="1.0"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId7"/></sheets></workbook>"#
        )
        .as_bytes(),
    );
    zip.add(
        "xl/_rels/workbook.xml.rels",
        br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>"#,
    );
    zip.add(
        "xl/sharedStrings.xml",
        format!(
            r#"<sst {ns} count="2" uniqueCount="2"><si><t>Аты-жөнү</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Жаңыл </t></r><r><t>Өмүрбекова</t></r></si></sst>"#
        )
        .as_bytes(),
    );
    zip.add(
        "xl/styles.xml",
        format!(
            r#"<styleSheet {ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
        )
        .as_bytes(),
    );
    zip.add(
        "xl/worksheets/data.xml",
        format!(
            r#"<worksheet {ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="b"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>46346</v></c><c r="C3"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>"#
        )
        .as_bytes(),
    );
    let sheets = xlsx::read(&zip.finish()).unwrap();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "Лист1");
    assert_eq!(
        sheets[0].rows,
        vec![
            vec![Cell::from("Аты-жөнү"), Cell::Empty, Cell::from("TRUE")],
            vec![],
            vec![
                Cell::from("Жаңыл Өмүрбекова"),
                Cell::from(d(2026, 11, 20)),
                Cell::from(2.0)
            ],
        ]
    );
}

#[test]
fn decimals_parse_as_pdf_and_spreadsheets_write_them() {
    use kenesh_core::office::number::parse_decimal;
    for (text, value) in [
        ("0", 0.0),
        ("46346", 46346.0),
        ("-12.5", -12.5),
        ("+.5", 0.5),
        ("3.", 3.0),
        ("0.1", 0.1),
        ("1.5E-3", 0.0015),
        ("2e10", 2e10),
        ("123456789012345678901234", 1.2345678901234568e23),
    ] {
        let got = parse_decimal(text).unwrap();
        assert!((got - value).abs() <= value.abs() * 1e-15, "{text}: {got}");
    }
    assert_eq!(parse_decimal("0.1"), Some(0.1), "exact for short decimals");
    for bad in ["", "-", ".", "1e", "1.2.3", "abc", "1 2"] {
        assert_eq!(parse_decimal(bad), None, "{bad}");
    }
    assert_eq!(parse_decimal("1e999999"), Some(f64::INFINITY));
    assert_eq!(parse_decimal("1e-999999"), Some(0.0));
}

/// LZW with literal codes only and a clear code every 200, so every code stays 9 bits
/// wide: what the simplest writer produces, and valid for any reader.
fn lzw_literals(data: &[u8]) -> Vec<u8> {
    let mut codes = vec![256u64];
    for chunk in data.chunks(200) {
        codes.extend(chunk.iter().map(|&b| u64::from(b)));
        codes.push(256);
    }
    codes.push(257);
    let (mut out, mut held, mut count) = (Vec::new(), 0u64, 0);
    for code in codes {
        held = (held << 9) | code;
        count += 9;
        while count >= 8 {
            count -= 8;
            out.push((held >> count) as u8);
        }
    }
    if count > 0 {
        out.push((held << (8 - count)) as u8);
    }
    out
}

#[test]
fn a_pdf_whose_pages_are_lzw_compressed_reads_back() {
    let lines: String = (1..=6)
        .map(|i| {
            format!(
                "BT /F1 12 Tf 72 {} Td (Order {i} of the school) Tj ET\n",
                760 - 20 * i
            )
        })
        .collect();
    let hidden = "BT /F1 12 Tf 72 500 Td (Hidden) Tj ET";
    let stream = |n: u32, params: &str, data: &[u8]| {
        let mut object = format!(
            "{n} 0 obj << /Length {} /Filter /LZWDecode /DecodeParms << {params} >> >>\nstream\n",
            data.len()
        )
        .into_bytes();
        object.extend_from_slice(data);
        object.extend_from_slice(b"\nendstream\nendobj\n");
        object
    };
    let mut pdf = b"%PDF-1.4\n\
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 4 0 R >> >> >> endobj\n\
        3 0 obj << /Type /Page /Parent 2 0 R /Contents [5 0 R 6 0 R] >> endobj\n\
        4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
        .to_vec();
    pdf.extend(stream(5, "/EarlyChange 0", &lzw_literals(lines.as_bytes())));
    // A predictor is for images: such a stream is not read as text.
    pdf.extend(stream(6, "/Predictor 12", &lzw_literals(hidden.as_bytes())));
    pdf.extend_from_slice(b"trailer << /Root 1 0 R >>\n%%EOF\n");
    assert!(
        lines.len() > 200,
        "the stream holds a clear code in its middle"
    );

    let text = extract_text(MediaType::Pdf, &pdf).unwrap();
    for i in 1..=6 {
        assert!(
            text.contains(&format!("Order {i} of the school")),
            "{text:?}"
        );
    }
    assert!(!text.contains("Hidden"));
}
