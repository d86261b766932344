//! Structure, plans and meetings in their Automerge documents: copying a plan into a new
//! year, decisions tracked until done, meeting numbers after two devices created meetings
//! offline, and concurrent minutes and attendance that both survive a merge.

use kenesh_core::library::MediaType;
use kenesh_core::meeting::{
    self, AgendaItemForm, Attendance, DecisionForm, DecisionQuery, Meeting, MeetingForm,
    MinutesLabels, MinutesSheet, next_number, numbers,
};
use kenesh_core::office::{self, zip::ZipReader};
use kenesh_core::plan::{ItemStatus, PlanItem, PlanQuery, copy_plan};
use kenesh_core::structure::{
    AreaKind, Association, Council, Responsibility, ResponsibilityMatrix,
};
use kenesh_core::{Date, DocKind, Document, EditContext};
use std::collections::HashMap;

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];

fn at(ms: i64) -> EditContext {
    EditContext { time_ms: ms }
}

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn sync(a: &mut Document, b: &mut Document) {
    a.merge(b).unwrap();
    b.merge(a).unwrap();
}

/// Device B opens what device A stored.
fn copy_of(a: &mut Document, actor: &[u8]) -> Document {
    Document::from_bytes(a.kind(), actor, &a.save()).unwrap()
}

fn meeting_on(date: &str, number: u32, created_ms: i64) -> Meeting {
    MeetingForm {
        association: String::new(),
        date: date.into(),
        agenda: vec![AgendaItemForm {
            title: "Жылдык пландын аткарылышы".into(),
            speaker: String::new(),
        }],
    }
    .parse(&[])
    .unwrap()
    .new_meeting(number, created_ms)
}

#[test]
fn a_plan_is_copied_into_the_next_year() {
    let mut doc = Document::new(DocKind::Plans, &A);
    let item = |title: &str, start: Date, status| PlanItem {
        school_year: 2025,
        title: title.into(),
        section: "Аттестация".into(),
        start: Some(start),
        end: Some(start.add_months(1)),
        responsible: vec!["aigul".into()],
        status,
        outcome: "Өттү".into(),
        ..PlanItem::default()
    };
    doc.put(
        "1",
        &item("Үлгү сабактар", d(2025, 10, 1), ItemStatus::Done),
        at(1),
    )
    .unwrap();
    doc.put(
        "2",
        &item("Семинар", d(2026, 2, 28), ItemStatus::InProgress),
        at(2),
    )
    .unwrap();
    doc.put(
        "3",
        &item("Жокко чыккан", d(2025, 11, 1), ItemStatus::Cancelled),
        at(3),
    )
    .unwrap();
    let other = PlanItem {
        association: Some("math".into()),
        ..item("Математика жумалыгы", d(2025, 12, 1), ItemStatus::Done)
    };
    doc.put("4", &other, at(4)).unwrap();
    doc.remove::<PlanItem>("2", at(5)).unwrap();
    doc.put(
        "5",
        &item("Кеңеш", d(2026, 1, 31), ItemStatus::Planned),
        at(6),
    )
    .unwrap();

    let all = doc.all::<PlanItem>().unwrap();
    let copied = copy_plan(all.values(), 2025, None, 2026);
    let titles: Vec<&str> = copied.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Үлгү сабактар", "Кеңеш"],
        "annual plan only, not removed or cancelled"
    );
    assert!(copied.iter().all(|i| i.school_year == 2026
        && i.status == ItemStatus::Planned
        && i.outcome.is_empty()
        && i.responsible == vec!["aigul".to_string()]));
    assert_eq!(copied[0].start, Some(d(2026, 10, 1)));
    assert_eq!(
        copied[1].end,
        Some(d(2027, 2, 28)),
        "31 Jan + 1 month, a year later"
    );

    for (n, i) in copied.iter().enumerate() {
        doc.put(&format!("new{n}"), i, at(10 + n as i64)).unwrap();
    }
    let all = doc.all::<PlanItem>().unwrap();
    let next_year = PlanQuery {
        school_year: Some(2026),
        ..PlanQuery::default()
    };
    assert_eq!(next_year.run(all.iter(), d(2026, 9, 1)).len(), 2);
    let last_year = PlanQuery {
        school_year: Some(2025),
        plan: Some(None),
        ..PlanQuery::default()
    };
    assert_eq!(
        last_year.run(all.iter(), d(2026, 9, 1)).len(),
        3,
        "the old plan is untouched"
    );
    let math = copy_plan(all.values(), 2025, Some("math"), 2026);
    assert_eq!(math.len(), 1);
    assert_eq!(math[0].association.as_deref(), Some("math"));
}

#[test]
fn decisions_stay_on_the_list_until_done_and_overdue_ones_come_first() {
    let mut doc = Document::new(DocKind::Meetings, &A);
    let today = d(2026, 11, 25);
    doc.put("m1", &meeting_on("2026-10-20", 1, 1), at(1))
        .unwrap();
    doc.put("m2", &meeting_on("2026-11-20", 2, 2), at(2))
        .unwrap();
    let staff = ["aigul", "nurlan"];
    let decide = |text: &str, who: &str, deadline: &str, ms| {
        DecisionForm {
            text: text.into(),
            responsible: who.into(),
            deadline: deadline.into(),
        }
        .parse(d(2026, 10, 1), &staff, ms)
        .unwrap()
    };
    let mut doc_add =
        |m: &str, id: &str, dec| meeting::add_decision(&mut doc, m, id, dec, at(3)).unwrap();
    doc_add(
        "m1",
        "d1",
        decide("Ачык сабак өткөрүү", "aigul", "2026-11-01", 10),
    );
    doc_add(
        "m2",
        "d2",
        decide("Олимпиадага даярдоо", "aigul", "2026-12-15", 11),
    );
    doc_add(
        "m2",
        "d3",
        decide("Отчет даярдоо", "nurlan", "2026-11-10", 12),
    );
    doc_add("m2", "d4", decide("Кабинетти жасалгалоо", "aigul", "", 13));

    let all = doc.all::<Meeting>().unwrap();
    let aigul = DecisionQuery {
        person: Some("aigul".into()),
        ..DecisionQuery::default()
    };
    let rows = aigul.run(all.iter(), today);
    let ids: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| (r.decision_id.as_str(), r.overdue))
        .collect();
    assert_eq!(ids, vec![("d1", true), ("d2", false), ("d4", false)]);

    meeting::set_decision_done(&mut doc, "m1", "d1", Some(today), at(4)).unwrap();
    let all = doc.all::<Meeting>().unwrap();
    let rows = aigul.run(all.iter(), today);
    assert_eq!(rows.len(), 2, "a decision marked done leaves the list");
    assert!(rows.iter().all(|r| !r.overdue));
    let overdue = DecisionQuery {
        overdue_only: true,
        ..DecisionQuery::default()
    };
    let late: Vec<&str> = overdue
        .run(all.iter(), today)
        .iter()
        .map(|r| r.decision_id.as_str())
        .collect();
    assert_eq!(late, vec!["d3"]);
    let with_done = DecisionQuery {
        include_done: true,
        ..aigul.clone()
    };
    assert_eq!(with_done.run(all.iter(), today).len(), 3);
    // The day after its deadline, d2 turns overdue.
    assert!(aigul.run(all.iter(), d(2026, 12, 16))[0].overdue);
}

#[test]
fn meetings_created_offline_on_two_devices_get_distinct_numbers_after_merge() {
    let mut a = Document::new(DocKind::Meetings, &A);
    a.put("first", &meeting_on("2026-09-05", 1, 100), at(100))
        .unwrap();
    let mut b = copy_of(&mut a, &B);

    // Both devices, offline, create the next council meeting: both take number 2.
    let on_a = next_number(a.all::<Meeting>().unwrap().iter(), 2026, None);
    let on_b = next_number(b.all::<Meeting>().unwrap().iter(), 2026, None);
    assert_eq!((on_a, on_b), (2, 2));
    a.put("from-a", &meeting_on("2026-10-10", on_a, 200), at(200))
        .unwrap();
    b.put("from-b", &meeting_on("2026-10-03", on_b, 300), at(300))
        .unwrap();
    // An association's numbering is its own.
    let assoc = Meeting {
        association: Some("math".into()),
        ..meeting_on("2026-10-03", 1, 400)
    };
    b.put("math-1", &assoc, at(400)).unwrap();
    sync(&mut a, &mut b);

    let on_a = numbers(a.all::<Meeting>().unwrap().iter());
    let on_b = numbers(b.all::<Meeting>().unwrap().iter());
    assert_eq!(on_a, on_b, "every device shows the same numbers");
    let shown = |id: &str| (on_a[id].shown, on_a[id].renumbered);
    assert_eq!(shown("first"), (1, false));
    // Same given number: the earlier date keeps it, the other moves to the next.
    assert_eq!(shown("from-b"), (2, false));
    assert_eq!(shown("from-a"), (3, true));
    assert_eq!(shown("math-1"), (1, false));
    let mut council: Vec<u32> = on_a
        .iter()
        .filter(|(id, _)| *id != "math-1")
        .map(|(_, n)| n.shown)
        .collect();
    council.sort();
    assert_eq!(council, vec![1, 2, 3], "no duplicate numbers");
    assert_eq!(
        next_number(a.all::<Meeting>().unwrap().iter(), 2026, None),
        4
    );
    // Once the meeting that took its number is removed, the other gets its own back.
    a.remove::<Meeting>("from-b", at(500)).unwrap();
    let after = numbers(a.all::<Meeting>().unwrap().iter());
    assert_eq!(
        (after["from-a"].shown, after["from-a"].renumbered),
        (2, false)
    );
    assert!(!after.contains_key("from-b"));
}

#[test]
fn two_people_writing_the_minutes_offline_keep_both_texts() {
    let mut a = Document::new(DocKind::Meetings, &A);
    a.put("m", &meeting_on("2026-11-20", 1, 1), at(1)).unwrap();
    meeting::set_minutes(&mut a, "m", "Асанова Айгүл баяндады.\n", at(2)).unwrap();
    let mut b = copy_of(&mut a, &B);

    meeting::set_minutes(
        &mut a,
        "m",
        "Асанова Айгүл баяндады.\nӨмүрбекова Жаңыл сунуш киргизди.\n",
        at(3),
    )
    .unwrap();
    meeting::set_minutes(
        &mut b,
        "m",
        "Асанова Айгүл жарым жылдык жыйынтык боюнча баяндады.\nҮсөнов Таалай кошулду.\n",
        at(4),
    )
    .unwrap();
    sync(&mut a, &mut b);
    // Each device's minutes edit is a history line naming the field, with its writer.
    let (a_hex, b_hex) = (a.actor_hex(), b.actor_hex());
    let history = a.history("meetings", "m");
    let minutes: Vec<(&str, i64)> = history
        .iter()
        .filter(|h| h.fields == vec!["minutes".to_string()])
        .map(|h| (h.actor.as_str(), h.time_ms))
        .collect();
    assert!(minutes.contains(&(a_hex.as_str(), 3)) && minutes.contains(&(b_hex.as_str(), 4)));
    let text_a = a
        .get::<Meeting>("m")
        .unwrap()
        .unwrap()
        .minutes
        .as_str()
        .to_string();
    let text_b = b
        .get::<Meeting>("m")
        .unwrap()
        .unwrap()
        .minutes
        .as_str()
        .to_string();
    assert_eq!(text_a, text_b);
    for words in [
        "жарым жылдык жыйынтык боюнча",
        "Өмүрбекова Жаңыл сунуш киргизди.",
        "Үсөнов Таалай кошулду.",
    ] {
        assert!(text_a.contains(words), "{words:?} kept in {text_a:?}");
    }
}

#[test]
fn two_people_marking_attendance_keep_both_marks() {
    let mut a = Document::new(DocKind::Meetings, &A);
    a.put("m", &meeting_on("2026-11-20", 1, 1), at(1)).unwrap();
    let mut b = copy_of(&mut a, &B);
    let here = Attendance {
        present: true,
        reason: String::new(),
    };
    let ill = Attendance {
        present: false,
        reason: "ооруп калды".into(),
    };
    meeting::mark_attendance(&mut a, "m", "aigul", here.clone(), at(2)).unwrap();
    meeting::mark_attendance(&mut b, "m", "nurlan", ill.clone(), at(3)).unwrap();
    // And, concurrently, one of them adds a decision: nothing else is lost either.
    let decision = DecisionForm {
        text: "Кабинетти жабдуу".into(),
        ..DecisionForm::default()
    }
    .parse(d(2026, 11, 20), &[], 5)
    .unwrap();
    meeting::add_decision(&mut b, "m", "d1", decision, at(4)).unwrap();
    sync(&mut a, &mut b);
    for doc in [&mut a, &mut b] {
        let m: Meeting = doc.get("m").unwrap().unwrap();
        assert_eq!(m.attendance.get("aigul"), Some(&here));
        assert_eq!(m.attendance.get("nurlan"), Some(&ill));
        assert_eq!(m.present(), vec!["aigul"]);
        assert_eq!(m.absent(), vec![("nurlan", "ооруп калды")]);
        assert_eq!(m.decisions.len(), 1);
    }
}

#[test]
fn structure_records_round_trip_and_answer_who_is_responsible() {
    let mut doc = Document::new(DocKind::Structure, &A);
    let council = Council {
        members: vec!["aigul".into(), "nurlan".into()],
        chair: Some("gulnara".into()),
        secretary: Some("aigul".into()),
        removed: None,
    };
    doc.put(Council::ID, &council, at(1)).unwrap();
    let math = Association {
        name: "Математика".into(),
        head: Some("nurlan".into()),
        members: vec!["aigul".into(), "taalai".into()],
        subjects: vec!["Алгебра".into(), "Геометрия".into()],
        ..Association::default()
    };
    doc.put("math", &math, at(2)).unwrap();
    let row = |area: &str, people: &[&str]| Responsibility {
        kind: AreaKind::MonitoringArea,
        area: area.into(),
        people: people.iter().map(|p| p.to_string()).collect(),
        removed: None,
    };
    doc.put("r1", &row("Билим сапаты", &["aigul"]), at(3))
        .unwrap();
    doc.put("r2", &row("Тартип", &["nurlan", "aigul"]), at(4))
        .unwrap();

    let mut reopened = copy_of(&mut doc, &B);
    assert_eq!(
        reopened.get::<Council>(Council::ID).unwrap(),
        Some(council.clone())
    );
    assert_eq!(council.everyone(), vec!["gulnara", "aigul", "nurlan"]);
    assert!(
        reopened
            .get::<Association>("math")
            .unwrap()
            .unwrap()
            .includes("taalai")
    );
    let rows: HashMap<String, Responsibility> = reopened.all().unwrap();
    let matrix = ResponsibilityMatrix::new(rows.iter());
    assert_eq!(
        matrix.responsible_for(AreaKind::MonitoringArea, "тартип"),
        vec!["nurlan", "aigul"]
    );
    assert_eq!(matrix.areas_of("aigul").len(), 2);
    assert_eq!(matrix.areas_of("taalai").len(), 0);
}

#[test]
fn the_minutes_export_to_a_docx_holding_the_decision() {
    let mut doc = Document::new(DocKind::Meetings, &A);
    let mut m = meeting_on("2026-11-20", 3, 1);
    m.attendance.insert(
        "aigul".into(),
        Attendance {
            present: true,
            reason: String::new(),
        },
    );
    m.attendance.insert(
        "nurlan".into(),
        Attendance {
            present: false,
            reason: "курста".into(),
        },
    );
    doc.put("m", &m, at(1)).unwrap();
    let decision = DecisionForm {
        text: "Өз ара сабакка катышууну уюштуруу".into(),
        responsible: "aigul".into(),
        deadline: "2026-12-20".into(),
    }
    .parse(d(2026, 11, 20), &["aigul"], 2)
    .unwrap();
    meeting::add_decision(&mut doc, "m", "d1", decision, at(2)).unwrap();
    meeting::set_minutes(&mut doc, "m", "Асанова Айгүл баяндады.", at(3)).unwrap();
    let m: Meeting = doc.get("m").unwrap().unwrap();
    let labels = MinutesLabels {
        minutes: "ПРОТОКОЛ",
        present: "Катышкандар",
        absent: "Катышпагандар",
        agenda: "Күн тартиби",
        heard: "УГУЛДУ",
        spoke: "СӨЗ СҮЙЛӨДҮ",
        decided: "ТОКТОМ КЫЛЫНДЫ",
        responsible: "жооптуу",
        deadline: "мөөнөтү",
        chair: "Төрага",
        secretary: "Катчы",
        nobody: "—",
    };
    let name = |id: &str| match id {
        "aigul" => "Асанова Айгүл".to_string(),
        "nurlan" => "Орозбеков Нурлан".to_string(),
        other => other.to_string(),
    };
    let sheet = MinutesSheet::build(
        &m,
        3,
        "№ 5 мектеп",
        "методикалык кеңештин отуруму",
        &name,
        Some("aigul"),
        Some("nurlan"),
        &labels,
    );
    let text = sheet.plain_text();
    assert!(text.contains("ПРОТОКОЛ № 3"));
    assert!(text.contains("20.11.2026"));
    assert!(text.contains("Катышкандар: 1 — Асанова Айгүл"));
    assert!(text.contains("Катышпагандар: Орозбеков Нурлан (курста)"));
    assert!(text.contains(
        "1. Өз ара сабакка катышууну уюштуруу (жооптуу: Асанова Айгүл; мөөнөтү: 20.12.2026)"
    ));
    assert!(text.contains("Төрага ____________ Асанова Айгүл"));
    let bytes = meeting::minutes_docx(&sheet);
    // A Word package: content types, the package relationship to word/document.xml, and
    // the document holding every line of the sheet with its Kyrgyz letters intact.
    let zip = ZipReader::new(&bytes).unwrap();
    let part = |name: &str| String::from_utf8(zip.read(name).unwrap().unwrap()).unwrap();
    assert!(part("[Content_Types].xml").contains(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ));
    assert!(part("_rels/.rels").contains(r#"Target="word/document.xml""#));
    let xml = part("word/document.xml");
    for needle in [
        "ПРОТОКОЛ № 3",
        "Өз ара сабакка катышууну уюштуруу",
        "Орозбеков Нурлан (курста)",
        "Асанова Айгүл баяндады.",
        "Төрага ____________ Асанова Айгүл",
    ] {
        assert!(xml.contains(needle), "word/document.xml holds {needle}");
    }
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    assert!(part("word/styles.xml").contains(r#"w:ascii="Times New Roman""#));
    // The text a library search would index reads back line by line.
    let text = office::extract_text(MediaType::Docx, &bytes).unwrap();
    for line in sheet.plain_text().lines().filter(|l| !l.trim().is_empty()) {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&line), "extracted text holds {line}");
    }
}

#[test]
fn two_people_adding_members_to_an_association_keep_both() {
    let mut a = Document::new(DocKind::Structure, &A);
    let math = Association {
        name: "Математика".into(),
        members: vec!["aigul".into()],
        ..Association::default()
    };
    a.put("math", &math, at(1)).unwrap();
    let mut b = copy_of(&mut a, &B);
    let mut on_a: Association = a.get("math").unwrap().unwrap();
    on_a.members.push("nurlan".into());
    a.put("math", &on_a, at(2)).unwrap();
    let mut on_b: Association = b.get("math").unwrap().unwrap();
    on_b.members.push("taalai".into());
    on_b.head = Some("aigul".into());
    b.put("math", &on_b, at(3)).unwrap();
    sync(&mut a, &mut b);
    let merged: Association = a.get("math").unwrap().unwrap();
    assert_eq!(merged, b.get::<Association>("math").unwrap().unwrap());
    let mut members = merged.members.clone();
    members.sort();
    assert_eq!(members, vec!["aigul", "nurlan", "taalai"]);
    assert_eq!(merged.head.as_deref(), Some("aigul"));
}
