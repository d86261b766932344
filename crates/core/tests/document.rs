//! The staff collection in its Automerge document: mapping round trips, merges of
//! concurrent edits, tombstones, history and the pending-chunk bookkeeping.

use kenesh_core::history::Action;
use kenesh_core::staff::{StaffMember, StaffRole};
use kenesh_core::{Date, DocKind, Document, EditContext};

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];

fn at(ms: i64) -> EditContext {
    EditContext { time_ms: ms }
}

fn aigul() -> StaffMember {
    StaffMember {
        full_name: "Асанова Айгүл".into(),
        roles: vec![StaffRole::Teacher, StaffRole::ClassTeacher],
        subjects: vec!["Кыргыз тили".into()],
        education: "Жогорку".into(),
        teaching_since: Some(2004),
        category: Some("first".into()),
        category_expiry: Date::new(2028, 5, 31),
        phone: "+996 555 123 456".into(),
        email: "aigul@mektep.kg".into(),
        removed: None,
    }
}

/// Device A creates a record and stores it; device B opens the same stored bytes.
fn two_devices() -> (Document, Document) {
    let mut a = Document::new(DocKind::People, &A);
    a.put("t1", &aigul(), at(1_000)).unwrap();
    let bytes = a.pending().unwrap().bytes;
    let b = Document::load(DocKind::People, &B, None, [("c1", bytes.as_slice())])
        .unwrap()
        .document;
    (a, b)
}

fn sync(a: &mut Document, b: &mut Document) {
    a.merge(b).unwrap();
    b.merge(a).unwrap();
}

#[test]
fn a_record_round_trips_through_the_document_and_its_bytes() {
    let mut doc = Document::new(DocKind::People, &A);
    doc.put("t1", &aigul(), at(1)).unwrap();
    assert_eq!(doc.get::<StaffMember>("t1").unwrap(), Some(aigul()));
    let mut reopened = Document::from_bytes(DocKind::People, &B, &doc.save()).unwrap();
    assert_eq!(reopened.all::<StaffMember>().unwrap()["t1"], aigul());
    assert_eq!(reopened.get::<StaffMember>("nobody").unwrap(), None);
}

#[test]
fn two_devices_creating_the_same_document_share_its_root() {
    let mut a = Document::new(DocKind::People, &A);
    let mut b = Document::new(DocKind::People, &B);
    a.put("t1", &aigul(), at(1)).unwrap();
    b.put(
        "t2",
        &StaffMember {
            full_name: "Үсөнов Таалай".into(),
            ..aigul()
        },
        at(2),
    )
    .unwrap();
    sync(&mut a, &mut b);
    assert_eq!(a.all::<StaffMember>().unwrap().len(), 2);
    assert_eq!(b.all::<StaffMember>().unwrap().len(), 2);
}

#[test]
fn concurrent_edits_of_different_fields_both_survive() {
    let (mut a, mut b) = two_devices();
    let mut on_a = aigul();
    on_a.phone = "+996 700 000 111".into();
    a.put("t1", &on_a, at(2_000)).unwrap();
    let mut on_b = aigul();
    on_b.education = "Жогорку, КМУ".into();
    b.put("t1", &on_b, at(2_001)).unwrap();
    sync(&mut a, &mut b);
    for doc in [&a, &b] {
        let m = doc.get::<StaffMember>("t1").unwrap().unwrap();
        assert_eq!(m.phone, "+996 700 000 111");
        assert_eq!(m.education, "Жогорку, КМУ");
    }
}

#[test]
fn an_edit_concurrent_with_a_removal_is_kept_and_restorable() {
    let (mut a, mut b) = two_devices();
    a.remove::<StaffMember>("t1", at(2_000)).unwrap();
    let mut edited = aigul();
    edited.full_name = "Асанова-Токтогулова Айгүл".into();
    b.put("t1", &edited, at(2_001)).unwrap();
    sync(&mut a, &mut b);
    let merged = a.get::<StaffMember>("t1").unwrap().unwrap();
    assert!(merged.is_removed(), "the removal holds");
    assert_eq!(
        merged.full_name, "Асанова-Токтогулова Айгүл",
        "the edit is not lost"
    );
    a.restore::<StaffMember>("t1", at(3_000)).unwrap();
    let restored = a.get::<StaffMember>("t1").unwrap().unwrap();
    assert!(!restored.is_removed());
    assert_eq!(restored.full_name, "Асанова-Токтогулова Айгүл");
}

#[test]
fn history_says_who_changed_what_and_when() {
    let (mut a, mut b) = two_devices();
    let mut m = aigul();
    m.phone = "+996 700 000 111".into();
    m.teaching_since = Some(2005);
    b.put("t1", &m, at(5_000)).unwrap();
    b.remove::<StaffMember>("t1", at(6_000)).unwrap();
    sync(&mut a, &mut b);
    let h = a.history("staff", "t1");
    let lines: Vec<_> = h
        .iter()
        .map(|e| (e.actor.clone(), e.time_ms, e.action, e.fields.clone()))
        .collect();
    let hex = |bytes: [u8; 16]| kenesh_core::id::hex(&bytes);
    assert_eq!(
        lines,
        vec![
            (hex(A), 1_000, Action::Create, vec![]),
            (
                hex(B),
                5_000,
                Action::Update,
                vec!["teaching_since".to_string(), "phone".to_string()]
            ),
            (hex(B), 6_000, Action::Remove, vec![]),
        ]
    );
    assert!(a.history("staff", "other").is_empty());
}

#[test]
fn putting_an_unchanged_record_writes_nothing() {
    let mut doc = Document::new(DocKind::People, &A);
    doc.put("t1", &aigul(), at(1)).unwrap();
    let chunk = doc.pending().unwrap();
    doc.mark_durable(&chunk);
    doc.put("t1", &aigul(), at(2)).unwrap();
    assert!(doc.pending().is_none());
}

#[test]
fn each_edit_becomes_its_own_chunk_and_a_failed_store_stays_pending() {
    let mut doc = Document::new(DocKind::People, &A);
    doc.put("t1", &aigul(), at(1)).unwrap();
    let first = doc.pending().unwrap();
    doc.mark_durable(&first);
    // The second edit's chunk could not be stored (quota): it is not marked durable.
    doc.put(
        "t1",
        &StaffMember {
            phone: "+996 555 000 000".into(),
            ..aigul()
        },
        at(2),
    )
    .unwrap();
    let failed = doc.pending().unwrap();
    // A third edit: the next chunk carries both unsaved edits.
    doc.put(
        "t1",
        &StaffMember {
            phone: "+996 555 000 000".into(),
            email: "a@b.kg".into(),
            ..aigul()
        },
        at(3),
    )
    .unwrap();
    let retry = doc.pending().unwrap();
    assert!(retry.bytes.len() > failed.bytes.len());
    doc.mark_durable(&retry);
    assert!(doc.pending().is_none());
    let stored = [
        ("c1", first.bytes.as_slice()),
        ("c2", retry.bytes.as_slice()),
    ];
    let reopened = Document::load(DocKind::People, &B, None, stored).unwrap();
    assert!(reopened.corrupt.is_empty());
    assert_eq!(
        reopened
            .document
            .get::<StaffMember>("t1")
            .unwrap()
            .unwrap()
            .email,
        "a@b.kg"
    );
}

#[test]
fn a_corrupt_chunk_is_reported_by_name_and_the_rest_loads() {
    let mut doc = Document::new(DocKind::People, &A);
    doc.put("t1", &aigul(), at(1)).unwrap();
    let c1 = doc.pending().unwrap();
    doc.mark_durable(&c1);
    doc.put(
        "t2",
        &StaffMember {
            full_name: "Үсөнов Таалай".into(),
            ..aigul()
        },
        at(2),
    )
    .unwrap();
    let c2 = doc.pending().unwrap();
    let garbage = b"\x85\x6f\x4a\x83 not automerge at all".to_vec();
    let parts = [
        ("c1", c1.bytes.as_slice()),
        ("bad", garbage.as_slice()),
        ("c2", c2.bytes.as_slice()),
    ];
    let mut loaded = Document::load(DocKind::People, &B, None, parts).unwrap();
    assert_eq!(loaded.corrupt, vec!["bad".to_string()]);
    assert_eq!(loaded.document.all::<StaffMember>().unwrap().len(), 2);
}

#[test]
fn a_document_from_a_newer_app_is_refused() {
    use automerge::transaction::Transactable;
    let mut raw = automerge::AutoCommit::new();
    raw.put(automerge::ROOT, "schema", 99_u64).unwrap();
    let bytes = raw.save();
    let err = Document::load(DocKind::People, &A, Some(("s", bytes.as_slice())), [])
        .err()
        .unwrap();
    assert!(matches!(err, kenesh_core::DocError::NewerSchema(99)));
}

#[test]
fn changes_from_another_tab_count_as_stored() {
    let (mut a, mut b) = two_devices();
    let chunk_a = a.pending().unwrap();
    a.mark_durable(&chunk_a);
    assert!(b.pending().is_none(), "b opened from stored bytes");
    a.put(
        "t1",
        &StaffMember {
            phone: "+996 555 999 999".into(),
            ..aigul()
        },
        at(9),
    )
    .unwrap();
    let edit = a.pending().unwrap();
    b.apply(&edit.bytes, true).unwrap();
    assert!(b.pending().is_none(), "the other tab already stored it");
    assert_eq!(
        b.get::<StaffMember>("t1").unwrap().unwrap().phone,
        "+996 555 999 999"
    );
}

#[test]
fn a_corrupt_snapshot_is_reported_and_later_chunks_still_load() {
    let mut doc = Document::new(DocKind::People, &A);
    doc.put("t1", &aigul(), at(1)).unwrap();
    let mut snapshot = doc.save();
    let last = snapshot.len() - 1;
    snapshot[last] ^= 0xff;
    let chunk = doc.pending().unwrap();
    let loaded = Document::load(
        DocKind::People,
        &B,
        Some(("snap", &snapshot)),
        [("c1", chunk.bytes.as_slice())],
    )
    .unwrap();
    assert_eq!(loaded.corrupt, vec!["snap".to_string()]);
    assert_eq!(
        loaded.document.get::<StaffMember>("t1").unwrap(),
        Some(aigul())
    );
}

#[test]
fn a_loaded_snapshot_writes_as_this_device() {
    let mut doc = Document::new(DocKind::People, &A);
    doc.put("t1", &aigul(), at(1)).unwrap();
    let snapshot = doc.save();
    let mut reopened = Document::load(DocKind::People, &B, Some(("snap", &snapshot)), [])
        .unwrap()
        .document;
    assert_eq!(reopened.actor_hex(), kenesh_core::id::hex(&B));
    reopened.put("t2", &aigul(), at(2)).unwrap();
    assert_eq!(
        reopened.history("staff", "t2")[0].actor,
        kenesh_core::id::hex(&B)
    );
}

#[test]
fn listing_after_edits_and_merges_matches_a_fresh_read() {
    let (mut a, mut b) = two_devices();
    assert_eq!(a.all::<StaffMember>().unwrap().len(), 1, "fills the cache");
    a.put(
        "t2",
        &StaffMember {
            full_name: "Үсөнов Таалай".into(),
            ..aigul()
        },
        at(2),
    )
    .unwrap();
    b.put(
        "t1",
        &StaffMember {
            phone: "+996 700 000 000".into(),
            ..aigul()
        },
        at(3),
    )
    .unwrap();
    b.remove::<StaffMember>("t1", at(4)).unwrap();
    a.merge(&mut b).unwrap();
    a.put(
        "t3",
        &StaffMember {
            full_name: "Жумабаева Чолпон".into(),
            ..aigul()
        },
        at(5),
    )
    .unwrap();
    let listed = a.all::<StaffMember>().unwrap();
    let fresh = Document::from_bytes(DocKind::People, &B, &a.save())
        .unwrap()
        .all::<StaffMember>()
        .unwrap();
    assert_eq!(listed, fresh);
    assert_eq!(listed.len(), 3);
    assert!(listed["t1"].is_removed());
    assert_eq!(listed["t1"].phone, "+996 700 000 000");
}

#[test]
fn history_grows_with_later_edits_and_merges() {
    let (mut a, mut b) = two_devices();
    assert_eq!(a.history("staff", "t1").len(), 1);
    b.put(
        "t1",
        &StaffMember {
            phone: "+996 700 000 000".into(),
            ..aigul()
        },
        at(5_000),
    )
    .unwrap();
    a.merge(&mut b).unwrap();
    a.remove::<StaffMember>("t1", at(7_000)).unwrap();
    let actions: Vec<Action> = a.history("staff", "t1").iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![Action::Create, Action::Update, Action::Remove]
    );
}

#[test]
fn a_snapshot_applied_to_a_new_document_loads_whole_and_stays_pending() {
    let mut a = Document::new(DocKind::People, &A);
    a.put("t1", &aigul(), at(1)).unwrap();
    let mut changed = aigul();
    changed.phone = "+996 700 111 222".into();
    a.put("t1", &changed, at(2)).unwrap();
    let snapshot = a.save();

    // Onto a new document: the same heads and records, the history kept, all pending.
    let mut fresh = Document::new(DocKind::People, &B);
    fresh.apply_snapshot(&snapshot).unwrap();
    assert_eq!(fresh.heads(), a.heads());
    assert_eq!(fresh.all::<StaffMember>().unwrap()["t1"], changed);
    assert_eq!(fresh.history("staff", "t1").len(), 2);
    assert!(fresh.has_pending());
    assert_eq!(fresh.actor_hex(), kenesh_core::id::hex(&B));

    // Onto a document with its own edits: merged, nothing of its own lost.
    let mut busy = Document::new(DocKind::People, &B);
    busy.put("t2", &aigul(), at(3)).unwrap();
    busy.apply_snapshot(&snapshot).unwrap();
    let records = busy.all::<StaffMember>().unwrap();
    assert_eq!(records["t1"], changed);
    assert_eq!(records["t2"], aigul());
}

/// `tests/e2e/fixtures/newer-schema-library.hex` is the chunk a newer version of Kenesh
/// writes into the library document: one change on the genesis that raises the schema. The
/// end-to-end test of a document the app cannot open stores it; this test makes it (run with
/// `KENESH_WRITE_FIXTURES=1` to write it again) and checks the app refuses it.
#[test]
fn the_newer_schema_fixture_is_what_a_newer_app_writes() {
    use automerge::transaction::Transactable;
    let genesis = Document::new(DocKind::Library, &A).save();
    let mut newer = automerge::AutoCommit::load(&genesis).unwrap();
    newer.set_actor(automerge::ActorId::from([0xce; 16]));
    let heads = newer.get_heads();
    newer.put(automerge::ROOT, "schema", 99_u64).unwrap();
    let chunk = newer.save_after(&heads);

    let err = Document::load(DocKind::Library, &B, None, [("c", chunk.as_slice())])
        .err()
        .unwrap();
    assert!(matches!(err, kenesh_core::DocError::NewerSchema(99)));

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/e2e/fixtures/newer-schema-library.hex"
    );
    let hex = kenesh_core::id::hex(&chunk);
    if std::env::var_os("KENESH_WRITE_FIXTURES").is_some() {
        std::fs::write(path, format!("{hex}\n")).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        stored.trim(),
        hex,
        "{path} is stale: KENESH_WRITE_FIXTURES=1 writes it"
    );
}
