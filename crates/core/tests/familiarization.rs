//! Familiarization beyond the acknowledgement itself: the requirement's form, setting it
//! while other devices acknowledge, and the sheet in its paper layout.

use kenesh_core::library::{
    Audience, AudienceKind, FamiliarizationSheet, LibraryDocument, RequirementField,
    RequirementForm, SheetLabels, acknowledge, require,
};
use kenesh_core::staff::StaffMember;
use kenesh_core::structure::Association;
use kenesh_core::validation::FieldProblem;
use kenesh_core::{Date, DocKind, Document, EditContext, Problem, Tombstone};
use std::collections::HashMap;

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];

fn at(ms: i64) -> EditContext {
    EditContext { time_ms: ms }
}

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

/// Milliseconds of `day` at `hour` UTC.
fn ms(day: Date, hour: i64) -> i64 {
    day.days_since_epoch() * 86_400_000 + hour * 3_600_000
}

fn person(name: &str, subjects: &[&str]) -> StaffMember {
    StaffMember {
        full_name: name.into(),
        subjects: subjects.iter().map(|s| s.to_string()).collect(),
        ..StaffMember::default()
    }
}

fn staff() -> HashMap<String, StaffMember> {
    let mut out = HashMap::new();
    out.insert("aigul".into(), person("Өмүрбекова Айгүл", &["математика"]));
    out.insert("bakyt".into(), person("Асанов Бакыт", &["физика"]));
    out.insert("chynara".into(), person("Ысакова Чынара", &["математика"]));
    out.insert("erlan".into(), person("Бекова Эрлан", &["тарых"]));
    out.insert(
        "left".into(),
        StaffMember {
            removed: Some(Tombstone { at_ms: 1 }),
            ..person("Кеткен Мугалим", &["химия"])
        },
    );
    out
}

fn structure() -> HashMap<String, Association> {
    let mut out = HashMap::new();
    out.insert(
        "math".to_string(),
        Association {
            name: "Математика жана физика".into(),
            head: Some("aigul".into()),
            members: vec!["bakyt".into(), "chynara".into()],
            ..Association::default()
        },
    );
    out.insert(
        "lang".to_string(),
        Association {
            name: "Тил жана адабият".into(),
            members: vec!["erlan".into(), "chynara".into()],
            ..Association::default()
        },
    );
    out.insert(
        "old".to_string(),
        Association {
            name: "Жабылган".into(),
            members: vec!["erlan".into()],
            removed: Some(Tombstone { at_ms: 1 }),
            ..Association::default()
        },
    );
    out
}

fn ids(staff: &HashMap<String, StaffMember>) -> Vec<&str> {
    let mut ids: Vec<&str> = staff
        .iter()
        .filter(|(_, m)| !m.is_removed())
        .map(|(i, _)| i.as_str())
        .collect();
    ids.sort();
    ids
}

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 25,
};

fn problems(
    form: &RequirementForm,
    base: Option<&kenesh_core::library::Familiarization>,
) -> Vec<FieldProblem<RequirementField>> {
    let staff = staff();
    form.parse(&ids(&staff), &structure(), TODAY, base)
        .err()
        .unwrap_or_default()
}

#[test]
fn the_requirement_form_checks_who_and_by_when() {
    let staff = staff();
    let associations = structure();
    let by_math = RequirementForm {
        kind: AudienceKind::Associations,
        associations: vec!["math".into(), " math ".into(), "".into()],
        people: vec!["erlan".into()],
        deadline: "2026-12-01".into(),
    };
    let f = by_math
        .parse(&ids(&staff), &associations, TODAY, None)
        .unwrap();
    assert_eq!(f.audience, Audience::Associations(vec!["math".into()]));
    assert_eq!(f.deadline, Some(d(2026, 12, 1)));
    assert!(f.acknowledgements.is_empty());
    assert_eq!(
        RequirementForm::from_familiarization(&f).associations,
        ["math"]
    );

    let field = |field, problem| FieldProblem { field, problem };
    let none_chosen = RequirementForm {
        associations: vec![" ".into()],
        ..by_math.clone()
    };
    assert_eq!(
        problems(&none_chosen, None),
        [field(RequirementField::Audience, Problem::Required)]
    );
    let removed = RequirementForm {
        associations: vec!["old".into()],
        ..by_math.clone()
    };
    assert_eq!(
        problems(&removed, None),
        [field(
            RequirementField::Audience,
            Problem::NoSuchAssociation
        )],
        "a closed association is not offered"
    );
    let people = RequirementForm {
        kind: AudienceKind::People,
        people: vec!["erlan".into(), "left".into()],
        ..by_math.clone()
    };
    assert_eq!(
        problems(&people, None),
        [field(RequirementField::Audience, Problem::NotOnStaff)]
    );
    let nobody = RequirementForm {
        kind: AudienceKind::People,
        people: Vec::new(),
        ..by_math.clone()
    };
    assert_eq!(
        problems(&nobody, None),
        [field(RequirementField::Audience, Problem::Required)]
    );
    let everyone = RequirementForm {
        kind: AudienceKind::Everyone,
        deadline: String::new(),
        ..removed.clone()
    };
    let f = everyone
        .parse(&ids(&staff), &associations, TODAY, None)
        .unwrap();
    assert_eq!(
        (f.audience, f.deadline),
        (Audience::Everyone, None),
        "the lists of another kind do not count; no deadline is allowed"
    );
    let bad_date = RequirementForm {
        deadline: "2026-13-01".into(),
        ..by_math.clone()
    };
    assert_eq!(
        problems(&bad_date, None),
        [field(RequirementField::Deadline, Problem::NotADate)]
    );
    let past = RequirementForm {
        deadline: "2026-11-24".into(),
        ..by_math.clone()
    };
    assert_eq!(
        problems(&past, None),
        [field(RequirementField::Deadline, Problem::DeadlineInPast)]
    );
    // A requirement whose deadline passed can still be edited (its deadline kept), and it
    // keeps its acknowledgements.
    let mut old = past
        .clone()
        .parse(&ids(&staff), &associations, d(2026, 11, 1), None)
        .unwrap();
    old.acknowledgements.insert(
        "bakyt".into(),
        kenesh_core::library::Acknowledgement { at_ms: 5 },
    );
    let widened = RequirementForm {
        associations: vec!["math".into(), "lang".into()],
        ..past
    };
    let f = widened
        .parse(&ids(&staff), &associations, TODAY, Some(&old))
        .unwrap();
    assert_eq!(f.acknowledged("bakyt"), Some(5));
    assert_eq!(
        f.readers(&ids(&staff), &associations),
        ["aigul", "bakyt", "chynara", "erlan"]
    );
    assert_eq!(
        AudienceKind::from_code("people"),
        Some(AudienceKind::People)
    );
    assert_eq!(AudienceKind::from_code("nobody"), None);
}

#[test]
fn changing_the_requirement_keeps_acknowledgements_made_meanwhile_elsewhere() {
    let staff = staff();
    let associations = structure();
    let mut a = Document::new(DocKind::Library, &A);
    let order = LibraryDocument {
        title: "Ички тартип".into(),
        kind: "internal_order".into(),
        ..LibraryDocument::default()
    };
    a.put("order", &order, at(10)).unwrap();
    assert!(
        !acknowledge(&mut a, "order", "aigul", at(11)).unwrap(),
        "nothing to read yet"
    );
    let math = RequirementForm {
        kind: AudienceKind::Associations,
        associations: vec!["math".into()],
        deadline: "2026-12-01".into(),
        ..RequirementForm::default()
    }
    .parse(&ids(&staff), &associations, TODAY, None)
    .unwrap();
    require(&mut a, "order", &math, at(20)).unwrap();
    let mut b = Document::from_bytes(DocKind::Library, &B, &a.save()).unwrap();

    // B acknowledges while A, which has not seen it, widens the audience.
    assert!(acknowledge(&mut b, "order", "bakyt", at(30)).unwrap());
    let seen: LibraryDocument = a.get("order").unwrap().unwrap();
    let wider = RequirementForm {
        associations: vec!["math".into(), "lang".into()],
        ..RequirementForm::from_familiarization(seen.familiarization.as_ref().unwrap())
    }
    .parse(
        &ids(&staff),
        &associations,
        TODAY,
        seen.familiarization.as_ref(),
    )
    .unwrap();
    assert!(acknowledge(&mut a, "order", "aigul", at(35)).unwrap());
    require(&mut a, "order", &wider, at(40)).unwrap();
    a.merge(&mut b).unwrap();
    b.merge(&mut a).unwrap();
    for doc in [&mut a, &mut b] {
        let f = doc
            .get::<LibraryDocument>("order")
            .unwrap()
            .unwrap()
            .familiarization
            .unwrap();
        assert_eq!(f.acknowledged("bakyt"), Some(30));
        assert_eq!(f.acknowledged("aigul"), Some(35));
        assert_eq!(
            f.audience,
            Audience::Associations(vec!["math".into(), "lang".into()])
        );
        assert_eq!(f.pending(&ids(&staff), &associations), ["chynara", "erlan"]);
    }
}

fn labels() -> SheetLabels<'static> {
    SheetLabels {
        heading: "ЛИСТ ОЗНАКОМЛЕНИЯ",
        with: "с документом",
        dated: "от",
        deadline: "Срок ознакомления: до",
        columns: ["№", "ФИО", "Должность / МО", "Дата ознакомления", "Подпись"],
    }
}

#[test]
fn the_sheet_lists_readers_by_name_with_their_dates() {
    let mut staff = staff();
    let associations = structure();
    let mut doc = Document::new(DocKind::Library, &A);
    let order = LibraryDocument {
        title: "Окуу жылынын башталышы жөнүндө".into(),
        kind: "internal_order".into(),
        number: "№ 15-П".into(),
        date: Some(d(2026, 9, 1)),
        ..LibraryDocument::default()
    };
    doc.put("order", &order, at(1)).unwrap();
    let math = RequirementForm {
        kind: AudienceKind::Associations,
        associations: vec!["math".into()],
        deadline: "2026-12-01".into(),
        ..RequirementForm::default()
    }
    .parse(&ids(&staff), &associations, TODAY, None)
    .unwrap();
    require(&mut doc, "order", &math, at(2)).unwrap();
    // Chynara read it late in the evening of 26 November in Bishkek (UTC+6): 27th there.
    acknowledge(&mut doc, "order", "chynara", at(ms(d(2026, 11, 26), 20))).unwrap();
    acknowledge(&mut doc, "order", "aigul", at(ms(d(2026, 11, 25), 3))).unwrap();
    // Erlan is not in the association but read it anyway.
    acknowledge(&mut doc, "order", "erlan", at(ms(d(2026, 11, 24), 3))).unwrap();
    let order: LibraryDocument = doc.get("order").unwrap().unwrap();

    let sheet =
        FamiliarizationSheet::build(&order, "№ 5 мектеп", &staff, &associations, 360, &labels())
            .unwrap();
    assert_eq!(sheet.heading, "ЛИСТ ОЗНАКОМЛЕНИЯ");
    assert_eq!(
        sheet.document,
        "с документом «Окуу жылынын башталышы жөнүндө» № 15-П от 01.09.2026"
    );
    assert_eq!(
        sheet.deadline.as_deref(),
        Some("Срок ознакомления: до 01.12.2026")
    );
    assert_eq!((sheet.acknowledged, sheet.required), (2, 3));
    let table = sheet.table();
    assert_eq!(table[0][3], "Дата ознакомления");
    // Readers in alphabet order (Ө after О, before Ы), then the one not required.
    assert_eq!(
        table[1..],
        [
            ["1", "Асанов Бакыт", "Математика жана физика", "", ""].map(String::from),
            [
                "2",
                "Өмүрбекова Айгүл",
                "Математика жана физика",
                "25.11.2026",
                ""
            ]
            .map(String::from),
            [
                "3",
                "Ысакова Чынара",
                "Математика жана физика",
                "27.11.2026",
                ""
            ]
            .map(String::from),
            ["4", "Бекова Эрлан", "тарых", "24.11.2026", ""].map(String::from),
        ]
    );
    assert!(sheet.lines[..3].iter().all(|l| l.required));
    assert!(!sheet.lines[3].required);
    assert_eq!(sheet.lines[2].person, "chynara");

    // In UTC the evening acknowledgement is still the 26th.
    let utc = FamiliarizationSheet::build(&order, "", &staff, &associations, 0, &labels()).unwrap();
    assert_eq!(utc.lines[2].date, "26.11.2026");

    // Everyone: the position is every association a person is in, else their subjects; a
    // person who left is no longer listed unless they acknowledged.
    let mut everyone = order.clone();
    let f = everyone.familiarization.as_mut().unwrap();
    f.audience = Audience::Everyone;
    f.deadline = None;
    f.acknowledgements.clear();
    staff.get_mut("erlan").unwrap().removed = Some(Tombstone { at_ms: 3 });
    everyone.number.clear();
    everyone.date = None;
    let sheet =
        FamiliarizationSheet::build(&everyone, "", &staff, &associations, 360, &labels()).unwrap();
    assert_eq!(
        sheet.document,
        "с документом «Окуу жылынын башталышы жөнүндө»"
    );
    assert_eq!(sheet.deadline, None);
    let rows: Vec<(&str, &str)> = sheet
        .lines
        .iter()
        .map(|l| (l.name.as_str(), l.position.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Асанов Бакыт", "Математика жана физика"),
            ("Өмүрбекова Айгүл", "Математика жана физика"),
            ("Ысакова Чынара", "Математика жана физика, Тил жана адабият"),
        ]
    );
    assert_eq!((sheet.acknowledged, sheet.required), (0, 3));

    let plain = LibraryDocument {
        familiarization: None,
        ..order
    };
    assert!(
        FamiliarizationSheet::build(&plain, "", &staff, &associations, 0, &labels()).is_none(),
        "no sheet without a requirement"
    );
}

#[test]
fn the_sheet_exports_to_xlsx_with_names_and_dates() {
    use kenesh_core::office::xlsx::{Cell, read};
    let staff = staff();
    let associations = structure();
    let mut doc = Document::new(DocKind::Library, &A);
    let order = LibraryDocument {
        title: "Ички тартип эрежелери".into(),
        kind: "internal_order".into(),
        number: "112/1-к".into(),
        date: Some(d(2026, 9, 1)),
        ..LibraryDocument::default()
    };
    doc.put("order", &order, at(1)).unwrap();
    let people = RequirementForm {
        kind: AudienceKind::People,
        people: vec!["chynara".into(), "aigul".into()],
        deadline: "2026-12-01".into(),
        ..RequirementForm::default()
    }
    .parse(&ids(&staff), &associations, TODAY, None)
    .unwrap();
    require(&mut doc, "order", &people, at(2)).unwrap();
    acknowledge(&mut doc, "order", "aigul", at(ms(d(2026, 11, 25), 3))).unwrap();
    let order: LibraryDocument = doc.get("order").unwrap().unwrap();
    let sheet =
        FamiliarizationSheet::build(&order, "№ 5 мектеп", &staff, &associations, 360, &labels())
            .unwrap();

    let sheets = read(&sheet.xlsx()).unwrap();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "ЛИСТ ОЗНАКОМЛЕНИЯ");
    let rows = &sheets[0].rows;
    let text = |c: &Cell| c.display();
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        ["№", "ФИО", "Должность / МО", "Дата ознакомления", "Подпись"]
    );
    assert_eq!(rows[1][1], Cell::from("Өмүрбекова Айгүл"));
    assert_eq!(rows[1][3], Cell::Date(d(2026, 11, 25)), "a date, not text");
    assert_eq!(rows[2][1], Cell::from("Ысакова Чынара"));
    assert_eq!(rows[2].get(3).cloned().unwrap_or(Cell::Empty), Cell::Empty);
    let below: Vec<String> = rows[3..]
        .iter()
        .filter_map(|r| r.get(1).map(text))
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        below,
        [
            "№ 5 мектеп",
            "ЛИСТ ОЗНАКОМЛЕНИЯ",
            "с документом «Ички тартип эрежелери» № 112/1-к от 01.09.2026",
            "Срок ознакомления: до 01.12.2026",
        ]
    );
}
