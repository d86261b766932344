//! Views: what the first screens read of a document, stored beside it, so that opening draws
//! before Automerge loads; taken as the document's cache only when they fit it.

use kenesh_core::generator::reference_school;
use kenesh_core::staff::StaffMember;
use kenesh_core::view::FORMAT;
use kenesh_core::{
    AppRole, Category, Date, Document, EditContext, LocalizedName, Member, SpaceInfo, StaffRole,
    Tombstone, View,
};
use std::collections::HashMap;

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];

fn school() -> (Document, Document) {
    let today = Date::new(2026, 9, 1).unwrap();
    let generated = reference_school(7, 120, today, &A);
    (generated.space, generated.people)
}

fn reopen(doc: &mut Document) -> Document {
    Document::from_bytes(doc.kind(), &B, &doc.save()).unwrap()
}

/// The staff view as stored and read back.
fn staff_view(doc: &mut Document) -> View {
    let view = doc.view().with_records::<StaffMember>(doc).unwrap();
    View::decode(&view.encode()).unwrap()
}

#[test]
fn a_view_round_trips_and_seeds_a_reopened_document() {
    let (_, mut doc) = school();
    let view = staff_view(&mut doc);
    let expected = doc.all::<StaffMember>().unwrap();
    let records: HashMap<String, StaffMember> = view.records().unwrap().unwrap();
    assert_eq!(records, expected);
    assert!(
        records
            .values()
            .any(|m| m.full_name.contains(['ң', 'ө', 'ү']))
    );

    let mut reopened = reopen(&mut doc);
    assert!(reopened.seed(&view, records));
    assert_eq!(reopened.all::<StaffMember>().unwrap(), expected);
}

#[test]
fn a_view_holds_several_collections_and_root_values() {
    let (mut space, _) = school();
    let view = space
        .view()
        .with_records::<Category>(&mut space)
        .unwrap()
        .with_root::<SpaceInfo>(&space, SpaceInfo::KEY)
        .unwrap();
    let view = View::decode(&view.encode()).unwrap();
    assert_eq!(
        view.records::<Category>().unwrap().unwrap(),
        space.all::<Category>().unwrap()
    );
    let info: Option<SpaceInfo> = view.root(SpaceInfo::KEY).unwrap().unwrap();
    assert_eq!(info, space.root(SpaceInfo::KEY).unwrap());
    assert_eq!(info.unwrap().school_name, "№ 5 Бишкек гимназиясы");
    // What the view does not hold, it says so, rather than an empty answer.
    assert!(view.records::<StaffMember>().unwrap().is_none());
    assert!(view.root::<SpaceInfo>("elsewhere").unwrap().is_none());
}

#[test]
fn changes_after_the_view_are_read_on_top_of_it() {
    let (_, mut doc) = school();
    let view = staff_view(&mut doc);
    let (id, mut member) = doc
        .all::<StaffMember>()
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    member.full_name = "Өмүрбекова Айнура".into();
    doc.put(&id, &member, EditContext { time_ms: 5 }).unwrap();
    doc.put("new-one", &member, EditContext { time_ms: 6 })
        .unwrap();
    doc.remove::<StaffMember>(&id, EditContext { time_ms: 7 })
        .unwrap();

    let mut reopened = reopen(&mut doc);
    assert!(reopened.seed(&view, view.records::<StaffMember>().unwrap().unwrap()));
    assert_eq!(
        reopened.all::<StaffMember>().unwrap(),
        doc.all::<StaffMember>().unwrap()
    );
    assert!(reopened.all::<StaffMember>().unwrap()[&id].is_removed());
}

#[test]
fn a_view_from_changes_the_document_lacks_is_refused() {
    let (_, mut doc) = school();
    let mut elsewhere = reopen(&mut doc);
    let (id, mut member) = elsewhere
        .all::<StaffMember>()
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    member.phone = "+996 700 000 000".into();
    elsewhere
        .put(&id, &member, EditContext { time_ms: 9 })
        .unwrap();
    let foreign = staff_view(&mut elsewhere);

    let expected = doc.all::<StaffMember>().unwrap();
    let mut reopened = reopen(&mut doc);
    let records = foreign.records::<StaffMember>().unwrap().unwrap();
    assert!(!reopened.seed(&foreign, records));
    assert_eq!(reopened.all::<StaffMember>().unwrap(), expected);
}

#[test]
fn a_damaged_view_is_an_error_not_a_panic() {
    let (_, mut doc) = school();
    let bytes = doc
        .view()
        .with_records::<StaffMember>(&mut doc)
        .unwrap()
        .encode();
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert!(View::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // A section of the wrong shape fails when its records are asked for: cut short, or
    // with bytes left over.
    let header = |len: usize| {
        format!("{{\"format\":{FORMAT},\"heads\":[],\"sections\":[[\"staff\",{len}]]}}\n")
    };
    let wrong = View::decode(&[header(2).as_bytes(), &[1, 2]].concat()).unwrap();
    assert!(wrong.records::<StaffMember>().is_err());
    let left_over = View::decode(&[header(2).as_bytes(), &[0, 0]].concat()).unwrap();
    assert!(left_over.records::<StaffMember>().is_err());
    // A view of the earlier formats (one JSON object; JSON sections) is not read.
    assert!(View::decode(br#"{"heads":[],"sections":{"staff":{}}}"#).is_err());
    assert!(View::decode(b"{\"format\":2,\"heads\":[],\"sections\":[]}\n").is_err());
    // Heads that are not change hashes are refused by the document.
    let bad_heads = View::decode(
        format!("{{\"format\":{FORMAT},\"heads\":[\"zz\"],\"sections\":[]}}\n").as_bytes(),
    )
    .unwrap();
    assert!(!doc.seed(&bad_heads, HashMap::<String, StaffMember>::new()));
}

/// Postcard does not name fields, so a view written before a viewed type changed would be
/// misread: pin each viewed type's encoding. When this fails, raise `view::FORMAT` (old
/// views are then ignored and written anew) and put the new bytes here.
#[test]
fn view_shapes_are_pinned() {
    let gone = Some(Tombstone { at_ms: 7 });
    let member = StaffMember {
        full_name: "Ө".into(),
        roles: vec![StaffRole::ClassTeacher],
        subjects: vec!["a".into()],
        education: "b".into(),
        teaching_since: Some(2001),
        category: Some("c".into()),
        category_expiry: Date::new(2030, 5, 31),
        phone: "d".into(),
        email: "e".into(),
        removed: gone.clone(),
    };
    let category = Category {
        name: LocalizedName {
            ky: "f".into(),
            ru: "g".into(),
            en: "h".into(),
        },
        order: -1,
        valid_years: 5,
        removed: gone.clone(),
    };
    let person = Member {
        name: "i".into(),
        role: AppRole::Teacher,
        staff_id: Some("j".into()),
        removed: gone,
    };
    let info = SpaceInfo {
        school_name: "k".into(),
        created_ms: 300,
    };
    let hex = |bytes: Vec<u8>| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let shapes = [
        hex(postcard::to_allocvec(&member).unwrap()),
        hex(postcard::to_allocvec(&category).unwrap()),
        hex(postcard::to_allocvec(&person).unwrap()),
        hex(postcard::to_allocvec(&info).unwrap()),
    ];
    assert_eq!(
        shapes,
        [
            "02d3a80101010161016201d10f01016301ee0f051f01640165010e",
            "0166016701680105010e",
            "01690001016a010e",
            "016bd804",
        ],
        "a type stored in views changed: raise view::FORMAT (now {FORMAT}) and pin the new bytes"
    );
}
