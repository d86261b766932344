//! The sync engine against a simulated relay: exactly the missing changes are pushed,
//! nothing comes back, lost answers and repeated deliveries are harmless, tampered and
//! foreign entries are reported and skipped, a new device starts from a snapshot, the
//! state survives a restart, and concurrent values of a field are listed and resolved.

mod sync_support;

use automerge::{Change, ChangeHash};
use kenesh_core::crypto::{Kind, SpaceCipher, SpaceId, SpaceKey};
use kenesh_core::staff::StaffMember;
use kenesh_core::sync::{self, Ack, PushLimits, RejectReason, SyncEngine, wire};
use kenesh_core::{Document, crypto::CryptoError};
use kenesh_protocol::{PushEntries, bytes};
use std::collections::HashSet;
use sync_support::{Device, Relay, SPACE, key};

fn member(name: &str) -> StaffMember {
    StaffMember {
        full_name: name.into(),
        phone: "+996 555 000 000".into(),
        ..StaffMember::default()
    }
}

fn device(n: u8) -> Device {
    Device::new(n, PushLimits::default())
}

/// The change hashes inside a push, opened with the space key.
fn pushed_hashes(push: &PushEntries) -> Vec<ChangeHash> {
    let cipher = SpaceCipher::new(SPACE, &key());
    push.entries
        .iter()
        .flat_map(|e| {
            let plain = cipher
                .open(Kind::Entry, &bytes::decode(e).unwrap())
                .unwrap();
            wire::decode_entry(&plain)
                .unwrap()
                .changes
                .iter()
                .map(Change::hash)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn all_hashes(doc: &mut Document) -> HashSet<ChangeHash> {
    doc.automerge_changes()
}

trait Hashes {
    fn automerge_changes(&mut self) -> HashSet<ChangeHash>;
}

impl Hashes for Document {
    fn automerge_changes(&mut self) -> HashSet<ChangeHash> {
        let bytes = self.save_all_changes();
        let mut copy = automerge::AutoCommit::load(&bytes).unwrap();
        copy.get_changes(&[]).iter().map(Change::hash).collect()
    }
}

#[test]
fn pushes_exactly_the_missing_changes_and_never_pushes_back_what_it_received() {
    let mut relay = Relay::default();
    let mut a = device(0);
    let mut b = device(1);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();

    // A's first push carries every change of its documents, genesis included.
    let push = a.prepare_push().unwrap();
    let mut expected = all_hashes(a.people());
    expected.extend(all_hashes(a.space()));
    let sent: HashSet<_> = pushed_hashes(&push).into_iter().collect();
    assert_eq!(sent, expected);
    assert_eq!(push.entries.len(), 2, "one entry per document");
    let pushed = relay.push(&push);
    assert_eq!(a.acknowledge(&push.batch, &pushed), Ack::Accepted);
    assert_eq!(
        a.engine.cursor(),
        2,
        "its own entries need not be pulled back"
    );
    assert!(a.prepare_push().is_none(), "nothing is pushed twice");

    // B receives them and has nothing to push back, genesis included.
    b.pull_all(&relay, 1000);
    b.store_all();
    assert_eq!(b.staff()["t1"].full_name, "Айгүл");
    assert!(b.prepare_push().is_none());
    assert_eq!(b.engine.unsent(&mut b.docs), 0);

    // B edits: only that edit goes out.
    let before = all_hashes(b.people());
    let mut edited = b.staff()["t1"].clone();
    edited.phone = "+996 700 111 222".into();
    let ctx = b.tick();
    b.people().put("t1", &edited, ctx).unwrap();
    b.store_all();
    assert_eq!(b.engine.unsent(&mut b.docs), 1);
    let push = b.prepare_push().unwrap();
    let sent = pushed_hashes(&push);
    assert_eq!(sent.len(), 1);
    assert!(!before.contains(&sent[0]));
    let pushed = relay.push(&push);
    b.acknowledge(&push.batch, &pushed);

    // A pulls it and pushes nothing.
    let reports = a.pull_all(&relay, 1000);
    assert_eq!(reports[0].applied, vec![3]);
    assert!(reports[0].changed.contains("people"));
    a.store_all();
    assert!(a.prepare_push().is_none());
    assert_eq!(a.staff()["t1"].phone, "+996 700 111 222");
}

#[test]
fn only_changes_stored_on_the_device_are_pushed() {
    let mut a = device(0);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    assert!(a.prepare_push().is_none(), "nothing is stored yet");
    assert_eq!(a.engine.unsent(&mut a.docs), 3, "but it is waiting");
    a.store_docs();
    assert!(a.prepare_push().is_some());
}

#[test]
fn a_lost_answer_is_retried_with_the_same_batch_and_appends_nothing_twice() {
    let mut relay = Relay::default();
    let mut a = device(0);
    let mut b = device(1);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();
    let first = a.prepare_push().unwrap();
    relay.push(&first); // the answer is lost
    a.store_all(); // the push in flight survives a restart
    a.crash();
    let ctx = a.tick();
    a.people().put("t2", &member("Таалай"), ctx).unwrap();
    a.store_all();
    let retry = a.prepare_push().unwrap();
    assert_eq!(retry, first, "same batch, same ciphertexts");
    let pushed = relay.push(&retry);
    assert_eq!(relay.head(), 2, "the relay appended nothing twice");
    assert_eq!(a.acknowledge(&retry.batch, &pushed), Ack::Accepted);
    assert_eq!(a.acknowledge(&retry.batch, &pushed), Ack::NotInFlight);
    // The later edit goes in the next push.
    let next = a.prepare_push().unwrap();
    assert_ne!(next.batch, first.batch);
    assert_eq!(pushed_hashes(&next).len(), 1);
    relay.push(&next);
    b.pull_all(&relay, 1000);
    assert_eq!(b.staff().len(), 2);
}

#[test]
fn a_push_whose_answer_was_lost_is_dropped_once_it_is_pulled_back() {
    let mut relay = Relay::default();
    let mut a = device(0);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();
    let push = a.prepare_push().unwrap();
    let pushed = relay.push(&push); // answer lost
    let report = &a.pull_all(&relay, 1000)[0];
    assert!(report.push_superseded);
    assert_eq!(report.changed.len(), 0, "its own changes, nothing new");
    assert_eq!(a.engine.in_flight(), None);
    assert!(a.prepare_push().is_none());
    assert_eq!(a.acknowledge(&push.batch, &pushed), Ack::NotInFlight);
}

/// Another device adds three staff members, storing and pushing after each.
fn three_pushes(relay: &mut Relay) {
    let mut a = device(0);
    for i in 0..3 {
        let ctx = a.tick();
        a.people()
            .put(&format!("t{i}"), &member(&format!("M{i}")), ctx)
            .unwrap();
        a.store_all();
        a.push_all(relay);
    }
}

#[test]
fn pulling_twice_or_out_of_order_is_harmless() {
    let mut relay = Relay::default();
    let mut b = device(1);
    three_pushes(&mut relay);
    let early = relay.pull(0, 2);
    let all = relay.pull(0, 100);
    let report = b.apply(&all);
    assert_eq!(report.applied.len(), 4);
    let again = b.apply(&all);
    assert_eq!((again.applied.len(), again.duplicates), (0, 4));
    let stale = b.apply(&early);
    assert_eq!((stale.applied.len(), stale.duplicates), (0, 2));
    assert_eq!(b.staff().len(), 3);
    b.store_all();
    assert!(b.prepare_push().is_none());
}

#[test]
fn an_answer_from_after_a_gap_is_not_applied_and_the_missing_entries_come_next() {
    let mut relay = Relay::default();
    let mut b = device(1);
    three_pushes(&mut relay);
    // An answer to a pull from seq 2, reaching a device whose cursor is 0 (as when it
    // crashed after asking and reopened with an older cursor).
    let later = relay.pull(2, 100);
    let report = b.apply(&later);
    assert_eq!(report.gap, Some((1, 2)));
    assert!(report.applied.is_empty(), "{report:?}");
    assert_eq!((report.cursor, b.engine.cursor()), (0, 0));
    assert!(report.more(), "the device pulls again");
    // The next pull from the cursor brings everything, the missing entries first.
    let reports = b.pull_all(&relay, 100);
    assert_eq!(reports[0].applied, vec![1, 2, 3, 4]);
    assert_eq!(b.staff().len(), 3);
}

#[test]
fn a_push_split_by_the_limits_sends_everything_in_causal_order() {
    let limits = PushLimits {
        max_entries: 2,
        max_entry_bytes: 300,
        max_push_bytes: 600,
    };
    let mut relay = Relay::default();
    let mut a = Device::new(0, limits);
    let mut b = device(1);
    for i in 0..20 {
        let ctx = a.tick();
        a.people()
            .put(&format!("t{i}"), &member(&format!("Мугалим {i}")), ctx)
            .unwrap();
    }
    a.store_all();
    let pushes = a.push_all(&mut relay);
    assert!(pushes > 2, "{pushes} pushes");
    let mut seen = 0;
    for entry in relay.pull(0, 1000).entries {
        let plain = SpaceCipher::new(SPACE, &key())
            .open(Kind::Entry, &bytes::decode(&entry.data).unwrap())
            .unwrap();
        assert!(plain.len() <= 300 || wire::decode_entry(&plain).unwrap().changes.len() == 1);
        seen += wire::decode_entry(&plain).unwrap().changes.len();
    }
    assert_eq!(seen, a.people().change_count() + a.space().change_count());
    // B applies them one at a time: every entry's dependencies came before it.
    for report in b.pull_all(&relay, 1) {
        assert!(report.rejected.is_empty());
    }
    assert_eq!(b.staff(), a.staff());
    assert_eq!(b.people().heads(), a.people().heads());
}

#[test]
fn tampered_and_foreign_entries_are_reported_and_skipped() {
    let mut relay = Relay::default();
    let mut a = device(0);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();
    let push = a.prepare_push().unwrap();

    // A tampered copy, an entry from another space, one under another key, not base64,
    // a snapshot replayed as an entry: all before the real ones.
    let mut sealed = bytes::decode(&push.entries[0]).unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    relay.inject(bytes::encode(&sealed));
    let plain = wire::encode_entry("people", &[]);
    let other_space = SpaceCipher::new(SpaceId([1; 16]), &key());
    relay.inject(bytes::encode(&other_space.seal(
        Kind::Entry,
        [1; 24],
        &plain,
    )));
    let other_key = SpaceCipher::new(SPACE, &SpaceKey::from_bytes([9; 32]));
    relay.inject(bytes::encode(&other_key.seal(Kind::Entry, [2; 24], &plain)));
    relay.inject("not base64!".into());
    let snap = a.engine.snapshot(&mut a.docs, [3; 24]).unwrap();
    relay.inject(snap.data);
    relay.push(&push);

    let mut b = device(1);
    let report = &b.pull_all(&relay, 1000)[0];
    let reasons: Vec<_> = report
        .rejected
        .iter()
        .map(|r| (r.seq, r.reason.clone()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (1, RejectReason::Crypto(CryptoError::Rejected)),
            (2, RejectReason::Crypto(CryptoError::Rejected)),
            (3, RejectReason::Crypto(CryptoError::Rejected)),
            (4, RejectReason::NotBase64),
            (5, RejectReason::Crypto(CryptoError::Rejected)),
        ]
    );
    assert_eq!(report.applied, vec![6, 7]);
    assert_eq!(b.engine.cursor(), 7);
    assert_eq!(b.staff()["t1"].full_name, "Айгүл");
}

#[test]
fn an_entry_for_an_unknown_document_is_reported() {
    let mut relay = Relay::default();
    let cipher = SpaceCipher::new(SPACE, &key());
    let mut a = device(0);
    a.store_all();
    let mut genesis = a.people().automerge_changes_raw();
    let plain = wire::encode_entry("lessons-2031", &[genesis.remove(0)]);
    relay.inject(bytes::encode(&cipher.seal(Kind::Entry, [5; 24], &plain)));
    let mut b = device(1);
    let report = &b.pull_all(&relay, 10)[0];
    assert_eq!(
        report.rejected[0].reason,
        RejectReason::UnknownDocument("lessons-2031".into())
    );
}

trait Raw {
    fn automerge_changes_raw(&mut self) -> Vec<Vec<u8>>;
}

impl Raw for Document {
    fn automerge_changes_raw(&mut self) -> Vec<Vec<u8>> {
        let bytes = self.save_all_changes();
        let mut copy = automerge::AutoCommit::load(&bytes).unwrap();
        copy.get_changes(&[])
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect()
    }
}

#[test]
fn a_new_device_starts_from_a_snapshot_and_the_entries_after_it() {
    let mut relay = Relay::default();
    let mut a = device(0);
    for i in 0..5 {
        let ctx = a.tick();
        a.people()
            .put(&format!("t{i}"), &member(&format!("M{i}")), ctx)
            .unwrap();
        a.store_all();
        a.push_all(&mut relay);
    }
    // A local edit not yet pushed stays out of the snapshot.
    let ctx = a.tick();
    a.people()
        .put("local", &member("Жергиликтүү"), ctx)
        .unwrap();
    a.store_all();
    let nonce = a.nonce();
    let snapshot = a.engine.snapshot(&mut a.docs, nonce).unwrap();
    assert_eq!(snapshot.seq, 6);
    relay.put_snapshot(snapshot);
    a.push_all(&mut relay);

    let mut c = device(2);
    let merged = c
        .engine
        .bootstrap(&mut c.docs, relay.snapshot.as_ref().unwrap())
        .unwrap();
    // The space document holds only the genesis change every device starts with.
    assert_eq!(
        merged.changed.into_iter().collect::<Vec<_>>(),
        vec!["people"]
    );
    assert_eq!(c.engine.cursor(), 6);
    assert_eq!(c.staff().len(), 5, "the local edit was not in the snapshot");
    let reports = c.pull_all(&relay, 1000);
    assert_eq!(reports[0].applied, vec![7]);
    assert_eq!(c.staff(), a.staff());
    c.store_all();
    assert!(
        c.prepare_push().is_none(),
        "nothing from the snapshot goes back"
    );

    // A snapshot served under another seq, or for another space, is refused.
    let mut wrong = relay.snapshot.clone().unwrap();
    wrong.seq = 7;
    let mut d = device(3);
    assert!(matches!(
        d.engine.bootstrap(&mut d.docs, &wrong),
        Err(sync::SyncError::SeqMismatch { outer: 7, inner: 6 })
    ));
    let mut foreign = SyncEngine::new(SpaceId([7; 16]), &key());
    assert!(
        foreign
            .bootstrap(&mut d.docs, relay.snapshot.as_ref().unwrap())
            .is_err()
    );
    assert_eq!(d.engine.cursor(), 0);
}

#[test]
fn the_engine_state_round_trips() {
    let mut relay = Relay::default();
    let mut a = device(0);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();
    a.push_all(&mut relay);
    let ctx = a.tick();
    a.people().put("t2", &member("Таалай"), ctx).unwrap();
    a.store_all();
    let push = a.prepare_push().unwrap();
    let bytes = a.engine.to_bytes();
    let back = SyncEngine::from_bytes(&bytes, &key()).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.cursor(), a.engine.cursor());
    assert_eq!(back.in_flight(), Some(push.batch.as_str()));
    assert!(
        !String::from_utf8_lossy(&bytes).contains(&bytes::encode(key().as_bytes())),
        "the key is not in the state"
    );
    assert!(matches!(
        SyncEngine::from_bytes(br#"{"version":99}"#, &key()),
        Err(sync::StateError::UnknownVersion(99))
    ));
}

#[test]
fn concurrent_values_of_a_field_are_listed_with_their_writers_and_resolved() {
    let mut relay = Relay::default();
    let mut a = device(0);
    let mut b = device(1);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();
    a.push_all(&mut relay);
    b.pull_all(&relay, 1000);

    // Both change the phone while apart; A also changes the e-mail.
    let mut on_a = a.staff()["t1"].clone();
    on_a.phone = "A-phone".into();
    on_a.email = "a@mektep.kg".into();
    let ctx = a.tick();
    a.people().put("t1", &on_a, ctx).unwrap();
    let mut on_b = b.staff()["t1"].clone();
    on_b.phone = "B-phone".into();
    let ctx = b.tick();
    b.people().put("t1", &on_b, ctx).unwrap();
    for d in [&mut a, &mut b] {
        d.store_all();
        d.push_all(&mut relay);
    }
    for d in [&mut a, &mut b] {
        d.pull_all(&relay, 1000);
    }

    for d in [&mut a, &mut b] {
        assert_eq!(
            d.people().conflicted_fields::<StaffMember>("t1").unwrap(),
            vec!["phone".to_string()]
        );
        let values = d
            .people()
            .field_values::<StaffMember, String>("t1", "phone")
            .unwrap();
        let mut seen: Vec<_> = values
            .iter()
            .map(|v| (v.value.clone(), v.actor.clone()))
            .collect();
        seen.sort();
        assert_eq!(
            seen,
            vec![
                ("A-phone".to_string(), kenesh_core::id::hex(&a_actor())),
                ("B-phone".to_string(), kenesh_core::id::hex(&b_actor())),
            ]
        );
        // The e-mail has one value only.
        assert_eq!(
            d.people()
                .field_values::<StaffMember, String>("t1", "email")
                .unwrap()
                .len(),
            1
        );
    }

    // B picks the value shown now; that clears the conflict everywhere.
    let shown = b.staff()["t1"].phone.clone();
    let ctx = b.tick();
    b.people()
        .resolve::<StaffMember, _>("t1", "phone", &shown, ctx)
        .unwrap();
    b.store_all();
    b.push_all(&mut relay);
    a.pull_all(&relay, 1000);
    for d in [&mut a, &mut b] {
        assert!(
            d.people()
                .conflicted_fields::<StaffMember>("t1")
                .unwrap()
                .is_empty()
        );
        assert_eq!(d.staff()["t1"].phone, shown);
    }
    let history = a.people().history("staff", "t1");
    assert_eq!(history.last().unwrap().fields, vec!["phone".to_string()]);
}

fn a_actor() -> [u8; 16] {
    [1; 16]
}

fn b_actor() -> [u8; 16] {
    [2; 16]
}

#[test]
fn an_export_file_merges_without_a_relay() {
    let mut a = device(0);
    let mut b = device(1);
    let ctx = a.tick();
    a.people().put("t1", &member("Айгүл"), ctx).unwrap();
    a.store_all();
    let cipher = SpaceCipher::new(SPACE, &key());
    let file = sync::export(&cipher, &mut a.docs, [8; 24]).unwrap();
    let merged = sync::import(&cipher, &mut b.docs, &file).unwrap();
    assert!(merged.changed.contains("people"));
    assert_eq!(b.staff(), a.staff());
    // A file of another space, or damaged, changes nothing.
    let other = SpaceCipher::new(SpaceId([3; 16]), &key());
    let mut c = device(2);
    assert!(sync::import(&other, &mut c.docs, &file).is_err());
    let mut damaged = file.clone();
    damaged[40] ^= 0x10;
    assert!(sync::import(&cipher, &mut c.docs, &damaged).is_err());
    assert!(c.staff().is_empty());
    // Changes merged from a file are pushed like local ones, once.
    let mut relay = Relay::default();
    b.store_all();
    b.push_all(&mut relay);
    a.pull_all(&relay, 1000);
    a.store_all();
    assert!(a.prepare_push().is_none());
}
