//! Views: a collection's records stored beside the document, so that opening draws the first
//! screen before Automerge loads; taken as the document's cache only when they fit it.

use kenesh_core::generator::reference_school;
use kenesh_core::staff::StaffMember;
use kenesh_core::{Date, DocKind, Document, EditContext, View};

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];

fn school() -> Document {
    let today = Date::new(2026, 9, 1).unwrap();
    reference_school(7, 120, today, &A).people
}

fn reopen(doc: &mut Document) -> Document {
    Document::from_bytes(DocKind::People, &B, &doc.save()).unwrap()
}

#[test]
fn a_view_round_trips_and_seeds_a_reopened_document() {
    let mut doc = school();
    let bytes = doc.view::<StaffMember>().unwrap().encode();
    let view = View::<StaffMember>::decode(&bytes).unwrap();
    let expected = doc.all::<StaffMember>().unwrap();
    assert_eq!(view.records, expected);
    assert!(
        view.records
            .values()
            .any(|m| m.full_name.contains(['ң', 'ө', 'ү']))
    );

    let mut reopened = reopen(&mut doc);
    assert!(reopened.seed(view));
    assert_eq!(reopened.all::<StaffMember>().unwrap(), expected);
}

#[test]
fn changes_after_the_view_are_read_on_top_of_it() {
    let mut doc = school();
    let view = View::<StaffMember>::decode(&doc.view::<StaffMember>().unwrap().encode()).unwrap();
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
    assert!(reopened.seed(view));
    assert_eq!(
        reopened.all::<StaffMember>().unwrap(),
        doc.all::<StaffMember>().unwrap()
    );
    assert!(reopened.all::<StaffMember>().unwrap()[&id].is_removed());
}

#[test]
fn a_view_from_changes_the_document_lacks_is_refused() {
    let mut doc = school();
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
    let foreign = elsewhere.view::<StaffMember>().unwrap();

    let expected = doc.all::<StaffMember>().unwrap();
    let mut reopened = reopen(&mut doc);
    assert!(!reopened.seed(foreign));
    assert_eq!(reopened.all::<StaffMember>().unwrap(), expected);
}

#[test]
fn a_damaged_view_is_an_error_not_a_panic() {
    let bytes = school().view::<StaffMember>().unwrap().encode();
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            View::<StaffMember>::decode(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    assert!(View::<StaffMember>::decode(b"{\"heads\":[\"zz\"],\"records\":{}}").is_ok());
    let bad_heads = View::<StaffMember>::decode(b"{\"heads\":[\"zz\"],\"records\":{}}").unwrap();
    assert!(!school().seed(bad_heads));
}
