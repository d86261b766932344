//! The library (R5) in its Automerge document: files addressed by content and stored once,
//! storage per file and section, the form's checks, familiarization under acknowledgements
//! made offline on three devices, and the search's folding of letters, case and numbers.

use kenesh_core::generator::{reference_library, reference_school, reference_work};
use kenesh_core::library::{
    Attachment, Audience, BlobId, Familiarization, LibraryDocument, LibraryDocumentForm,
    LibraryField, LibraryIndex, LibraryKind, LibraryQuery, LibrarySort, MAX_FILE_BYTES, MediaType,
    UNUSED_FILE_GRACE_MS, acknowledge, check_file, matches, storage_usage, to_read, unused_files,
};
use kenesh_core::staff::StaffMember;
use kenesh_core::structure::Association;
use kenesh_core::validation::FieldProblem;
use kenesh_core::{Date, DocKind, Document, EditContext, Problem};
use std::collections::HashMap;

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];
const C: [u8; 16] = [0xc3; 16];

fn at(ms: i64) -> EditContext {
    EditContext { time_ms: ms }
}

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn copy_of(a: &mut Document, actor: &[u8]) -> Document {
    Document::from_bytes(a.kind(), actor, &a.save()).unwrap()
}

fn order(title: &str, number: &str) -> LibraryDocument {
    LibraryDocument {
        title: title.into(),
        kind: "internal_order".into(),
        number: number.into(),
        date: Some(d(2026, 9, 1)),
        ..LibraryDocument::default()
    }
}

fn pdf(name: &str, bytes: &[u8]) -> Attachment {
    let media = check_file(name, "application/pdf", bytes.len() as u64).unwrap();
    Attachment::new(name, media, bytes)
}

#[test]
fn a_blob_is_named_by_the_sha256_of_its_bytes() {
    let id = BlobId::of(b"abc");
    assert_eq!(
        id.as_str(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(BlobId::parse(id.as_str()), Some(id.clone()));
    assert_eq!(BlobId::parse("BA7816"), None);
    assert_eq!(BlobId::parse(&id.as_str().to_uppercase()), None);
    assert_ne!(BlobId::of(b"abd"), id);
}

#[test]
fn the_same_bytes_attached_twice_are_one_blob_and_count_once() {
    let scan = b"%PDF-1.7 the charter scan".to_vec();
    let other = b"%PDF-1.7 an order".to_vec();
    let mut charter = LibraryDocument {
        kind: "charter".into(),
        ..order("Мектептин уставы", "")
    };
    assert!(charter.attach(pdf("устав.pdf", &scan)));
    assert!(
        !charter.attach(pdf("устав (1).pdf", &scan)),
        "the same bytes again are not attached again"
    );
    assert_eq!(charter.files.len(), 1);
    let mut internal = order("Уставды тааныштыруу жөнүндө", "№ 7-к");
    internal.attach(pdf("копия.pdf", &scan));
    internal.attach(pdf("буйрук.pdf", &other));
    assert_eq!(charter.files[0].blob, internal.files[0].blob, "one blob id");

    let mut removed = order("Эски буйрук", "1");
    removed.attach(pdf("old.pdf", b"%PDF old"));
    removed.removed = Some(kenesh_core::Tombstone { at_ms: 1 });

    let docs: Vec<(String, LibraryDocument)> = vec![
        ("charter".into(), charter),
        ("internal".into(), internal),
        ("removed".into(), removed),
    ];
    let usage = storage_usage(docs.iter().map(|(i, d)| (i, d)));
    let (s, o) = (scan.len() as u64, other.len() as u64);
    assert_eq!(usage.total, s + o, "the shared scan counts once");
    assert_eq!(usage.by_kind["charter"], s);
    assert_eq!(usage.by_kind["internal_order"], s + o);
    assert_eq!(
        usage.by_kind.len(),
        2,
        "removed documents take no space here"
    );
    assert_eq!(usage.files.len(), 2);
    let shared = usage
        .files
        .iter()
        .find(|f| f.blob == BlobId::of(&scan))
        .unwrap();
    assert_eq!((shared.size, shared.documents), (s, 2));

    // Stored and read back, the references are intact.
    let mut doc = Document::new(DocKind::Library, &A);
    for (id, r) in &docs {
        doc.put(id, r, at(10)).unwrap();
    }
    let back = copy_of(&mut doc, &B).all::<LibraryDocument>().unwrap();
    assert_eq!(back["internal"].files, docs[1].1.files);
    assert_eq!(back["internal"].files[1].media(), Some(MediaType::Pdf));
}

#[test]
fn files_no_document_names_are_unused_once_older_than_the_grace() {
    let mut kept = order("Буйрук", "1");
    kept.attach(pdf("буйрук.pdf", b"%PDF kept"));
    let mut removed = order("Эски буйрук", "2");
    removed.attach(pdf("эски.pdf", b"%PDF removed"));
    removed.removed = Some(kenesh_core::Tombstone { at_ms: 1 });
    let docs: Vec<(String, LibraryDocument)> =
        vec![("kept".into(), kept), ("removed".into(), removed)];
    let now = 1_800_000_000_000;
    let old = now - UNUSED_FILE_GRACE_MS - 1;
    let recent = now - UNUSED_FILE_GRACE_MS + 60_000;
    let stored = [
        (BlobId::of(b"%PDF kept"), Some(old)),
        (BlobId::of(b"%PDF removed"), Some(old)),
        (BlobId::of(b"%PDF never saved"), Some(old)),
        (BlobId::of(b"%PDF form still open"), Some(recent)),
        (BlobId::of(b"%PDF of unknown age"), None),
    ];
    assert_eq!(
        unused_files(docs.iter().map(|(i, d)| (i, d)), stored, now),
        vec![BlobId::of(b"%PDF never saved")],
        "named (also by a removed document), recent and unknown-age files stay"
    );
}

#[test]
fn files_of_other_types_or_over_the_limit_are_refused() {
    assert_eq!(
        check_file("a.pdf", "application/pdf", 10),
        Ok(MediaType::Pdf)
    );
    // Browsers often declare Office files generically: the extension decides.
    assert_eq!(
        check_file("Отчет.DOCX", "application/octet-stream", 10),
        Ok(MediaType::Docx)
    );
    assert_eq!(check_file("план.xls", "", 10), Ok(MediaType::Xls));
    assert_eq!(check_file("фото.JPG", "", 10), Ok(MediaType::Jpeg));
    assert_eq!(
        check_file("notes.txt", "text/plain", 10),
        Err(Problem::UnsupportedFileType)
    );
    assert_eq!(
        check_file("setup.exe", "application/octet-stream", 10),
        Err(Problem::UnsupportedFileType)
    );
    assert_eq!(
        check_file("scan.pdf", "text/plain", 10),
        Err(Problem::UnsupportedFileType),
        "a declared type that is not ours is not overruled by the name"
    );
    assert_eq!(
        check_file("big.pdf", "application/pdf", MAX_FILE_BYTES),
        Ok(MediaType::Pdf)
    );
    assert_eq!(
        check_file("big.pdf", "application/pdf", MAX_FILE_BYTES + 1),
        Err(Problem::FileTooLarge { max_mb: 25 })
    );
    assert_eq!(
        check_file("empty.pdf", "application/pdf", 0),
        Err(Problem::Required)
    );
}

fn kinds() -> Vec<String> {
    LibraryKind::defaults()
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn good_form() -> LibraryDocumentForm {
    LibraryDocumentForm {
        title: "  Аттестация  жөнүндө жобо ".into(),
        kind: "local_act".into(),
        number: "№ 15-П".into(),
        date: "2026-09-01".into(),
        issued_by: "Мектептин директору".into(),
        valid_from: "2026-09-01".into(),
        valid_until: "2027-08-31".into(),
        summary: "Мугалимдерди аттестациялоонун тартиби.".into(),
        tags: "аттестация, Аттестация; баалоо,".into(),
        associations: vec!["math".into(), "math".into()],
        author: String::new(),
    }
}

#[test]
fn the_form_checks_dates_kind_and_author() {
    let kinds = kinds();
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    let doc = good_form().parse(&kinds, &["aigul"], None).unwrap();
    assert_eq!(doc.title, "Аттестация жөнүндө жобо");
    assert_eq!(
        doc.tags,
        vec!["аттестация", "баалоо"],
        "tags fold-deduplicated"
    );
    assert_eq!(doc.associations, vec!["math"]);
    assert_eq!(doc.author, None);
    assert_eq!(
        LibraryDocumentForm::from_document(&doc)
            .parse(&kinds, &["aigul"], Some(&doc))
            .unwrap(),
        doc
    );

    let bad = LibraryDocumentForm {
        kind: "decree".into(),
        valid_until: "2026-08-31".into(),
        author: "ghost".into(),
        ..good_form()
    };
    let got: Vec<_> = bad
        .parse(&kinds, &["aigul"], None)
        .unwrap_err()
        .into_iter()
        .map(|FieldProblem { field, problem }| (field, problem))
        .collect();
    assert_eq!(
        got,
        vec![
            (LibraryField::Kind, Problem::UnknownCategory),
            (LibraryField::ValidUntil, Problem::EndBeforeStart),
            (LibraryField::Author, Problem::NotOnStaff),
        ]
    );

    // An edit keeps the files and the familiarization of the stored document.
    let mut stored = doc.clone();
    stored.attach(pdf("жобо.pdf", b"%PDF-1.4 jobo"));
    stored.familiarization = Some(Familiarization::new(Audience::Everyone, None));
    let edited = LibraryDocumentForm {
        summary: "Жаңы тартип.".into(),
        ..LibraryDocumentForm::from_document(&stored)
    }
    .parse(&kinds, &["aigul"], Some(&stored))
    .unwrap();
    assert_eq!(edited.files, stored.files);
    assert_eq!(edited.familiarization, stored.familiarization);
    assert_eq!(edited.summary, "Жаңы тартип.");
}

fn structure() -> HashMap<String, Association> {
    let mut out = HashMap::new();
    out.insert(
        "math".to_string(),
        Association {
            name: "Математика".into(),
            head: Some("aigul".into()),
            members: vec!["bakyt".into(), "chynara".into()],
            ..Association::default()
        },
    );
    out.insert(
        "old".to_string(),
        Association {
            name: "Жабылган".into(),
            members: vec!["dinara".into()],
            removed: Some(kenesh_core::Tombstone { at_ms: 1 }),
            ..Association::default()
        },
    );
    out
}

const STAFF: [&str; 5] = ["aigul", "bakyt", "chynara", "dinara", "erlan"];

#[test]
fn a_file_taken_off_on_one_device_and_one_attached_on_another_merge() {
    let first = pdf("буйрук.pdf", b"%PDF-1.7 the order");
    let second = pdf("тиркеме.pdf", b"%PDF-1.7 the annex");
    let mut order = order("Окуу жылынын башталышы жөнүндө", "№ 12-П");
    order.attach(first.clone());
    let mut a = Document::new(DocKind::Library, &A);
    a.put("order", &order, at(10)).unwrap();
    let mut b = copy_of(&mut a, &B);

    let mut on_a: LibraryDocument = a.get("order").unwrap().unwrap();
    assert!(on_a.detach(&first.blob));
    assert!(!on_a.detach(&first.blob), "already taken off");
    a.put("order", &on_a, at(20)).unwrap();
    let mut on_b: LibraryDocument = b.get("order").unwrap().unwrap();
    assert!(on_b.attach(second.clone()));
    b.put("order", &on_b, at(21)).unwrap();

    a.merge(&mut b).unwrap();
    b.merge(&mut a).unwrap();
    for doc in [&mut a, &mut b] {
        let merged: LibraryDocument = doc.get("order").unwrap().unwrap();
        assert_eq!(
            merged.files,
            vec![second.clone()],
            "the removal and the new file both kept"
        );
    }
}

#[test]
fn acknowledgements_from_three_devices_all_survive_the_merge() {
    let associations = structure();
    let mut a = Document::new(DocKind::Library, &A);
    let mut charter = order("Ички тартип эрежелери", "№ 15-П");
    charter.familiarization = Some(Familiarization::new(
        Audience::Associations(vec!["math".into(), "old".into()]),
        Some(d(2026, 12, 1)),
    ));
    a.put("rules", &charter, at(100)).unwrap();
    a.put("other", &order("Башка буйрук", "3"), at(101))
        .unwrap();
    let mut b = copy_of(&mut a, &B);
    let mut c = copy_of(&mut a, &C);

    // Offline, each device acknowledges for its own person; on A the title is also
    // corrected, and on B and C the same person acknowledges twice (phone and laptop).
    assert!(acknowledge(&mut a, "rules", "aigul", at(1_000)).unwrap());
    let mut renamed: LibraryDocument = a.get("rules").unwrap().unwrap();
    renamed.title = "Ички тартиптин эрежелери".into();
    a.put("rules", &renamed, at(1_001)).unwrap();
    assert!(acknowledge(&mut b, "rules", "bakyt", at(2_000)).unwrap());
    assert!(acknowledge(&mut b, "rules", "chynara", at(2_500)).unwrap());
    assert!(acknowledge(&mut c, "rules", "chynara", at(3_000)).unwrap());
    assert!(
        !acknowledge(&mut c, "rules", "chynara", at(3_100)).unwrap(),
        "a second acknowledgement keeps the first"
    );
    assert!(
        !acknowledge(&mut c, "other", "chynara", at(3_200)).unwrap(),
        "nothing to acknowledge without a requirement"
    );

    // Merge in a chain, then back, so all three saw everything.
    a.merge(&mut b).unwrap();
    a.merge(&mut c).unwrap();
    b.merge(&mut a).unwrap();
    c.merge(&mut a).unwrap();

    let mut seen = Vec::new();
    for doc in [&mut a, &mut b, &mut c] {
        let rules: LibraryDocument = doc.get("rules").unwrap().unwrap();
        assert_eq!(rules.title, "Ички тартиптин эрежелери", "the edit is kept");
        seen.push(rules.familiarization.unwrap());
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[1], seen[2]);
    let f = &seen[0];
    assert_eq!(f.acknowledged("aigul"), Some(1_000));
    assert_eq!(f.acknowledged("bakyt"), Some(2_000));
    let chynara = f.acknowledged("chynara");
    assert!(
        chynara == Some(2_500) || chynara == Some(3_000),
        "one of her acknowledgements wins: {chynara:?}"
    );
    // Dinara is only in a removed association, Erlan in none.
    assert_eq!(
        f.readers(&STAFF, &associations),
        vec!["aigul", "bakyt", "chynara"]
    );
    assert!(f.pending(&STAFF, &associations).is_empty());
    assert!(!f.is_overdue(d(2026, 12, 2), &STAFF, &associations));
}

#[test]
fn who_still_has_to_read_and_what_is_overdue() {
    let associations = structure();
    let mut doc = Document::new(DocKind::Library, &A);
    let require = |title: &str, audience, deadline| LibraryDocument {
        familiarization: Some(Familiarization::new(audience, deadline)),
        ..order(title, "")
    };
    doc.put(
        "everyone",
        &require("Өрт коопсуздугу", Audience::Everyone, Some(d(2026, 12, 1))),
        at(1),
    )
    .unwrap();
    doc.put(
        "math",
        &require(
            "Математика боюнча сунуштар",
            Audience::Associations(vec!["math".into()]),
            Some(d(2026, 11, 20)),
        ),
        at(2),
    )
    .unwrap();
    doc.put(
        "named",
        &require(
            "Аттестация графиги",
            Audience::People(vec!["erlan".into(), "left-school".into()]),
            None,
        ),
        at(3),
    )
    .unwrap();
    let mut gone = require("Жокко чыгарылган", Audience::Everyone, None);
    gone.removed = Some(kenesh_core::Tombstone { at_ms: 4 });
    doc.put("gone", &gone, at(4)).unwrap();
    acknowledge(&mut doc, "everyone", "bakyt", at(10)).unwrap();
    // Dinara acknowledged a document not meant for her: she appears on the sheet after
    // the readers, as not required.
    acknowledge(&mut doc, "math", "dinara", at(11)).unwrap();

    let all = doc.all::<LibraryDocument>().unwrap();
    let today = d(2026, 11, 25);
    let titles = |person: &str| -> Vec<(String, bool)> {
        to_read(person, all.iter(), &STAFF, &associations, today)
            .into_iter()
            .map(|r| (r.document.title.clone(), r.overdue))
            .collect()
    };
    assert_eq!(
        titles("aigul"),
        vec![
            ("Математика боюнча сунуштар".to_string(), true),
            ("Өрт коопсуздугу".to_string(), false),
        ]
    );
    assert_eq!(
        titles("bakyt"),
        vec![("Математика боюнча сунуштар".to_string(), true)]
    );
    assert_eq!(
        titles("erlan"),
        vec![
            ("Өрт коопсуздугу".to_string(), false),
            ("Аттестация графиги".to_string(), false),
        ],
        "undated last"
    );
    assert!(
        titles("left-school").is_empty(),
        "not on the staff any more"
    );

    let math = all["math"].familiarization.as_ref().unwrap();
    assert!(math.is_overdue(today, &STAFF, &associations));
    assert!(!math.is_overdue(d(2026, 11, 20), &STAFF, &associations));
    let sheet: Vec<(String, Option<i64>, bool)> = math
        .sheet(&STAFF, &associations)
        .into_iter()
        .map(|r| (r.person, r.acknowledged_ms, r.required))
        .collect();
    assert_eq!(
        sheet,
        vec![
            ("aigul".to_string(), None, true),
            ("bakyt".to_string(), None, true),
            ("chynara".to_string(), None, true),
            ("dinara".to_string(), Some(11), false),
        ]
    );
    let everyone = all["everyone"].familiarization.as_ref().unwrap();
    assert_eq!(everyone.pending(&STAFF, &associations).len(), 4);

    // The audience can be changed from one form to another and back; the
    // acknowledgements already made stay.
    for audience in [
        Audience::Everyone,
        Audience::Associations(vec!["math".into()]),
        Audience::People(vec!["aigul".into()]),
    ] {
        let mut math: LibraryDocument = doc.get("math").unwrap().unwrap();
        math.familiarization.as_mut().unwrap().audience = audience.clone();
        doc.put("math", &math, at(20)).unwrap();
        let back: LibraryDocument = copy_of(&mut doc, &B).get("math").unwrap().unwrap();
        let f = back.familiarization.unwrap();
        assert_eq!(f.audience, audience);
        assert_eq!(f.acknowledged("dinara"), Some(11));
    }
}

fn library() -> Vec<(String, LibraryDocument)> {
    let mut pe = order("Мугалимдердин өз алдынча билим алуусу жөнүндө", "№ 15-П");
    pe.tags = vec!["Өз алдынча билим".into()];
    let mut er = order("Жаңы окуу жылына даярдык", "15-Р");
    er.summary = "Бардык мугалимдер үчүн".into();
    let mut material = LibraryDocument {
        title: "Математикалык сабаттуулук".into(),
        kind: "methodical_material".into(),
        summary: "Иш тажрыйбасы".into(),
        associations: vec!["math".into()],
        valid_from: Some(d(2025, 9, 1)),
        valid_until: Some(d(2026, 6, 30)),
        ..LibraryDocument::default()
    };
    material.attach(pdf("тапшырмалар.pdf", b"%PDF tasks"));
    let law = LibraryDocument {
        title: "«Мамлекеттик тил жөнүндө» мыйзам".into(),
        kind: "law".into(),
        number: "№ 81".into(),
        date: Some(d(2004, 4, 2)),
        tags: vec!["Мамлекеттик тил".into()],
        ..LibraryDocument::default()
    };
    vec![
        ("pe".into(), pe),
        ("er".into(), er),
        ("material".into(), material),
        ("law".into(), law),
    ]
}

#[test]
fn search_folds_kyrgyz_letters_case_and_numbers() {
    let docs = library();
    let mut texts = HashMap::new();
    texts.insert(
        BlobId::of(b"%PDF tasks"),
        "Функционалдык сабаттуулукту өнүктүрүүчү ТАПШЫРМАЛАР".to_string(),
    );
    let index = LibraryIndex::new(docs.iter().map(|(i, d)| (i, d)), &texts);
    let found = |q: &str| -> Vec<&str> {
        let mut ids = index.search(q);
        ids.sort();
        ids
    };
    // Kyrgyz letters and case; the same words typed on a Russian keyboard.
    assert_eq!(found("ӨЗ АЛДЫНЧА"), vec!["pe"]);
    assert_eq!(found("оз алдынча"), vec!["pe"]);
    assert_eq!(found("жаңы"), vec!["er"]);
    assert_eq!(found("ЖАНЫ"), vec!["er"]);
    assert_eq!(found("үчүн"), vec!["er"]);
    assert_eq!(found("мамлекеттик тил"), vec!["law"], "title and tag");
    assert_eq!(
        found("мамлекеттик математика"),
        Vec::<&str>::new(),
        "every word"
    );
    // Numbers: the sign, spaces, dashes and case do not matter; П and Р stay apart; a
    // Latin P finds the Cyrillic Р.
    assert_eq!(found("№ 15-П"), vec!["pe"]);
    assert_eq!(found("15-п"), vec!["pe"]);
    assert_eq!(found("15 п"), vec!["pe"]);
    assert_eq!(found("15П"), vec!["pe"]);
    assert_eq!(found("15-P"), vec!["er"], "a Latin P");
    assert_eq!(found("15-р"), vec!["er"]);
    assert_eq!(found("№ 15"), vec!["er", "pe"]);
    assert_eq!(found("№81"), vec!["law"]);
    // Text extracted from an attached file, and the file's name.
    assert_eq!(found("өнүктүрүүчү"), vec!["material"]);
    assert_eq!(found("тапшырмалар.pdf"), vec!["material"]);
    let material = &docs[2].1;
    assert!(matches("өнүктүрүүчү", material, &texts));
    assert!(!matches("өнүктүрүүчү", material, &HashMap::new()));
    assert_eq!(found("  "), vec!["er", "law", "material", "pe"]);
}

#[test]
fn an_updated_index_folds_only_what_changed() {
    let mut docs = library();
    let mut texts = HashMap::new();
    let index = LibraryIndex::new(docs.iter().map(|(i, d)| (i, d)), &texts);
    assert_eq!(index.folded(), 4);
    let found = |index: &LibraryIndex, q: &str| -> Vec<String> {
        let mut ids: Vec<String> = index.search(q).into_iter().map(String::from).collect();
        ids.sort();
        ids
    };

    // Nothing changed: nothing is folded again.
    let same = index.updated(docs.iter().map(|(i, d)| (i, d)), &texts);
    assert_eq!(same.folded(), 0);
    assert_eq!(found(&same, "жаңы"), vec!["er"]);

    // One document edited, one added, one gone: the edited and the added are folded.
    docs[1].1.title = "Өнүгүү планы".into();
    docs.retain(|(id, _)| id != "law");
    docs.push(("new".into(), order("Жаңы буйрук", "№ 16-П")));
    let edited = same.updated(docs.iter().map(|(i, d)| (i, d)), &texts);
    assert_eq!(edited.folded(), 2);
    assert_eq!(found(&edited, "жаңы"), vec!["new"], "the old title is gone");
    assert_eq!(found(&edited, "өнүгүү"), vec!["er"]);
    assert_eq!(
        found(&edited, "мамлекеттик"),
        Vec::<String>::new(),
        "the removed one"
    );

    // The text of a file appears (it was extracted after the index was built): only the
    // document with that file is folded again, and its text is found.
    texts.insert(
        BlobId::of(b"%PDF tasks"),
        "Функционалдык сабаттуулук".to_string(),
    );
    let with_text = edited.updated(docs.iter().map(|(i, d)| (i, d)), &texts);
    assert_eq!(with_text.folded(), 1);
    assert_eq!(found(&with_text, "функционалдык"), vec!["material"]);
    assert_eq!(found(&edited, "функционалдык"), Vec::<String>::new());
}

#[test]
fn the_list_filters_and_sorts() {
    let mut docs = library();
    docs[1].1.removed = Some(kenesh_core::Tombstone { at_ms: 1 });
    let index = LibraryIndex::new(docs.iter().map(|(i, d)| (i, d)), &HashMap::new());
    let ids = |q: &LibraryQuery| -> Vec<String> {
        q.run(docs.iter().map(|(i, d)| (i, d)), &index)
            .into_iter()
            .map(|(i, _)| i.clone())
            .collect()
    };
    assert_eq!(ids(&LibraryQuery::default()), vec!["pe", "material", "law"]);
    let by_title = LibraryQuery {
        sort: LibrarySort::Title,
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&by_title), vec!["law", "material", "pe"]);
    let q = LibraryQuery {
        search: "15".into(),
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&q), vec!["pe"], "the removed 15-Р is not listed");
    let q = LibraryQuery {
        removed: true,
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&q), vec!["er"]);
    let q = LibraryQuery {
        kind: Some("law".into()),
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&q), vec!["law"]);
    let q = LibraryQuery {
        association: Some("math".into()),
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&q), vec!["material"]);
    let q = LibraryQuery {
        tag: Some("ӨЗ АЛДЫНЧА БИЛИМ".into()),
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&q), vec!["pe"]);
    let q = LibraryQuery {
        in_force_on: Some(d(2026, 11, 25)),
        ..LibraryQuery::default()
    };
    assert_eq!(ids(&q), vec!["pe", "law"], "the material ran out in June");
}

#[test]
fn the_library_is_its_own_document_with_seeded_kinds() {
    assert_eq!(DocKind::from_name("library"), Some(DocKind::Library));
    assert!(DocKind::ALL.contains(&DocKind::Library));
    let mut doc = Document::new(DocKind::Library, &A);
    let kinds = LibraryKind::defaults();
    assert_eq!(kinds.len(), 10);
    for (id, k) in &kinds {
        assert!(!k.name.ky.is_empty() && !k.name.ru.is_empty() && !k.name.en.is_empty());
        doc.put(id, k, at(1)).unwrap();
    }
    // Two devices seeding the kinds offline agree on them after a merge.
    let mut other = Document::new(DocKind::Library, &B);
    for (id, k) in &kinds {
        other.put(id, k, at(2)).unwrap();
    }
    doc.merge(&mut other).unwrap();
    let merged = doc.all::<LibraryKind>().unwrap();
    assert_eq!(merged.len(), 10);
    assert_eq!(merged["best_practice"].name.get("ru"), "Передовой опыт");
    assert!(merged["best_practice"].authored && !merged["best_practice"].normative);
    assert!(merged["internal_order"].normative);
}

#[test]
fn the_reference_library_is_the_same_for_a_seed_and_searchable() {
    let today = d(2026, 11, 25);
    let mut school = reference_school(7, 40, today, &A);
    let mut staff: Vec<String> = school
        .people
        .all::<StaffMember>()
        .unwrap()
        .into_keys()
        .collect();
    staff.sort();
    let mut work = reference_work(7, &staff, 1, today, &A);
    let mut associations: Vec<String> = work
        .structure
        .all::<Association>()
        .unwrap()
        .into_keys()
        .collect();
    associations.sort();
    let mut one = reference_library(7, 200, &staff, &associations, today, &A);
    let mut two = reference_library(7, 200, &staff, &associations, today, &A);
    assert_eq!(one.library.save(), two.library.save());
    let docs = one.library.all::<LibraryDocument>().unwrap();
    assert_eq!(docs.len(), 200);
    assert_eq!(one.library.all::<LibraryKind>().unwrap().len(), 10);
    let kinds = kinds();
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    let ids: Vec<&str> = staff.iter().map(String::as_str).collect();
    assert!(docs.values().all(|d| {
        LibraryDocumentForm::from_document(d)
            .parse(&kinds, &ids, Some(d))
            .is_ok()
    }));
    assert!(
        docs.values()
            .all(|d| d.files.iter().all(|f| one.texts.contains_key(&f.blob)))
    );
    let usage = storage_usage(docs.iter());
    let attached: u64 = docs
        .values()
        .flat_map(|d| d.files.iter().map(|f| f.size))
        .sum();
    assert!(usage.total < attached, "some files are attached twice");
    assert!(
        docs.values().any(|d| d.familiarization.is_some()),
        "some documents must be read"
    );
    // Every order's number is found however it is typed.
    let index = LibraryIndex::new(docs.iter(), &one.texts);
    let (id, numbered) = docs
        .iter()
        .find(|(_, d)| d.number.starts_with("№ ") && d.number.contains('-'))
        .unwrap();
    let bare = numbered.number.trim_start_matches("№ ").to_lowercase();
    assert!(index.search(&bare).contains(&id.as_str()));
}
