//! Envelopes, invites and every decoder of sync data: round trips, tampering, foreign data,
//! and random bytes that must never make a decoder panic.

#![cfg(not(target_arch = "wasm32"))]

mod sync_support;

use kenesh_core::crypto::{
    CryptoError, ENVELOPE_OVERHEAD, Invite, InviteError, Kind, SpaceCipher, SpaceId, SpaceKey,
};
use kenesh_core::sync::{self, PushLimits, SyncEngine, wire};
use kenesh_protocol::{Entry, Pulled, Snapshot, bytes};
use proptest::prelude::*;
use sync_support::{Device, SPACE, key};

fn cipher() -> SpaceCipher {
    SpaceCipher::new(SPACE, &key())
}

const NONCE: [u8; 24] = [0x11; 24];

#[test]
fn an_envelope_round_trips_and_carries_version_and_nonce() {
    let sealed = cipher().seal(Kind::Entry, NONCE, b"hello");
    assert_eq!(sealed.len(), 5 + ENVELOPE_OVERHEAD);
    assert_eq!(sealed[0], 1);
    assert_eq!(&sealed[1..25], &NONCE);
    assert!(!sealed.windows(5).any(|w| w == b"hello"));
    assert_eq!(cipher().open(Kind::Entry, &sealed).unwrap(), b"hello");
    // An empty message seals too.
    let empty = cipher().seal(Kind::Blob, NONCE, b"");
    assert_eq!(cipher().open(Kind::Blob, &empty).unwrap(), b"");
}

#[test]
fn changing_any_byte_is_detected() {
    let sealed = cipher().seal(Kind::Entry, NONCE, "Асанова Айгүл, +996 555".as_bytes());
    for i in 0..sealed.len() {
        for flip in [0x01u8, 0x80] {
            let mut bad = sealed.clone();
            bad[i] ^= flip;
            let err = cipher().open(Kind::Entry, &bad).unwrap_err();
            if i == 0 {
                assert!(matches!(err, CryptoError::UnknownVersion(_)));
            } else {
                assert_eq!(err, CryptoError::Rejected, "byte {i}");
            }
        }
    }
}

#[test]
fn truncated_or_extended_data_is_refused() {
    let sealed = cipher().seal(Kind::Snapshot, NONCE, b"snapshot");
    for len in 0..sealed.len() {
        assert!(
            cipher().open(Kind::Snapshot, &sealed[..len]).is_err(),
            "{len}"
        );
    }
    let mut longer = sealed.clone();
    longer.push(0);
    assert_eq!(
        cipher().open(Kind::Snapshot, &longer),
        Err(CryptoError::Rejected)
    );
    assert_eq!(
        cipher().open(Kind::Entry, &[]),
        Err(CryptoError::TooShort(0))
    );
    assert_eq!(
        cipher().open(Kind::Entry, &[1; 40]),
        Err(CryptoError::TooShort(40))
    );
}

#[test]
fn another_key_space_or_kind_cannot_open_it() {
    let sealed = cipher().seal(Kind::Entry, NONCE, b"record");
    let other_key = SpaceCipher::new(SPACE, &SpaceKey::from_bytes([0x43; 32]));
    let other_space = SpaceCipher::new(SpaceId([0x5b; 16]), &key());
    assert_eq!(
        other_key.open(Kind::Entry, &sealed),
        Err(CryptoError::Rejected)
    );
    assert_eq!(
        other_space.open(Kind::Entry, &sealed),
        Err(CryptoError::Rejected)
    );
    for kind in [Kind::Snapshot, Kind::Blob, Kind::Export, Kind::Label] {
        assert_eq!(cipher().open(kind, &sealed), Err(CryptoError::Rejected));
    }
}

fn invite() -> Invite {
    Invite {
        relay: "https://mektep-12.kg:8080".into(),
        space: SPACE,
        key: key(),
        secret: [0x77; 32],
    }
}

#[test]
fn an_invite_round_trips_through_a_link() {
    let fragment = invite().to_fragment().unwrap();
    assert!(fragment.len() < 160, "{} characters", fragment.len());
    assert!(
        fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(Invite::parse(&fragment).unwrap(), invite());
    assert_eq!(Invite::parse(&format!("#{fragment}")).unwrap(), invite());
    let link = format!("https://mektep-12.kg:8080/join#{fragment}\n");
    assert_eq!(Invite::parse(&link).unwrap(), invite());
    assert_eq!(invite().secret_text(), bytes::encode(&[0x77; 32]));
    assert!(!format!("{:?}", invite()).contains(&bytes::encode(key().as_bytes())));
}

#[test]
fn a_bad_invite_says_what_is_wrong() {
    let fragment = invite().to_fragment().unwrap();
    assert_eq!(Invite::parse(""), Err(InviteError::Empty));
    assert_eq!(Invite::parse("https://x/#"), Err(InviteError::Empty));
    assert_eq!(Invite::parse("not*base64"), Err(InviteError::NotBase64));
    assert_eq!(
        Invite::parse(&fragment[..100]),
        Err(InviteError::TooShort),
        "cut at 75 bytes"
    );
    let mut raw = bytes::decode(&fragment).unwrap();
    raw[0] = 2;
    assert_eq!(
        Invite::parse(&bytes::encode(&raw)),
        Err(InviteError::UnknownVersion(2))
    );
    let mut bad_url = invite();
    bad_url.relay = "ftp://x".into();
    assert_eq!(bad_url.to_fragment(), Err(InviteError::BadRelayUrl));
    let mut raw = bytes::decode(&fragment).unwrap();
    raw.truncate(81);
    raw.extend_from_slice(b"javascript:alert(1)");
    assert_eq!(
        Invite::parse(&bytes::encode(&raw)),
        Err(InviteError::BadRelayUrl)
    );
}

fn engine() -> SyncEngine {
    SyncEngine::new(SPACE, &key())
}

/// A real entry's plaintext and a real snapshot's plaintext, to mutate.
fn real_plaintexts() -> (Vec<u8>, Vec<u8>) {
    let mut a = Device::new(0, PushLimits::default());
    let ctx = a.tick();
    let member = kenesh_core::staff::StaffMember {
        full_name: "Асанова Айгүл".into(),
        ..Default::default()
    };
    a.people().put("t1", &member, ctx).unwrap();
    a.store_all();
    let push = a.prepare_push().unwrap();
    let entry = cipher()
        .open(Kind::Entry, &bytes::decode(&push.entries[0]).unwrap())
        .unwrap();
    let mut relay = sync_support::Relay::default();
    let pushed = relay.push(&push);
    a.acknowledge(&push.batch, &pushed);
    let snap = a.engine.snapshot(&mut a.docs, NONCE).unwrap();
    let snapshot = cipher()
        .open(Kind::Snapshot, &bytes::decode(&snap.data).unwrap())
        .unwrap();
    (entry, snapshot)
}

fn mutate(mut data: Vec<u8>, edits: &[(u16, u8)], cut: Option<u16>) -> Vec<u8> {
    for &(at, x) in edits {
        if !data.is_empty() {
            let i = at as usize % data.len();
            data[i] ^= x;
        }
    }
    if let Some(cut) = cut {
        data.truncate(cut as usize % (data.len() + 1));
    }
    data
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_never_make_a_decoder_panic(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = cipher().open(Kind::Entry, &data);
        let _ = wire::decode_entry(&data);
        let _ = wire::decode_snapshot(&data);
        let _ = Invite::parse(&bytes::encode(&data));
        let _ = Invite::parse(&String::from_utf8_lossy(&data));
        let _ = SyncEngine::from_bytes(&data, &key());
        let _ = sync::import(&cipher(), &mut Device::new(0, PushLimits::default()).docs, &data);
    }

    /// Random plaintext sealed with the right key (what a buggy or hostile member could
    /// push) is still only reported, never a panic.
    #[test]
    fn sealed_garbage_is_reported_not_applied(data in proptest::collection::vec(any::<u8>(), 0..300), first in 0u8..3) {
        let mut plain = data;
        if let Some(b) = plain.first_mut() {
            *b = first; // reach past the format byte often
        }
        let sealed = bytes::encode(&cipher().seal(Kind::Entry, NONCE, &plain));
        let mut device = Device::new(0, PushLimits::default());
        let before = device.people().heads();
        let report = device.engine.apply_pulled(&mut device.docs, &Pulled {
            entries: vec![Entry { seq: 1, data: sealed }],
            head: 1,
        });
        prop_assert!(report.applied.len() + report.rejected.len() == 1);
        if !report.rejected.is_empty() {
            prop_assert_eq!(device.people().heads(), before);
        }
        let snapshot = Snapshot { seq: 0, data: bytes::encode(&cipher().seal(Kind::Snapshot, NONCE, &plain)) };
        let _ = engine().bootstrap(&mut device.docs, &snapshot);
    }

    /// Real entries and snapshots with bytes changed or cut, sealed with the right key so
    /// they reach the parsers (Automerge's included): reported, never a panic.
    #[test]
    fn damaged_real_plaintexts_never_panic(
        edits in proptest::collection::vec((any::<u16>(), 1u8..), 1..4),
        cut in proptest::option::of(any::<u16>()),
    ) {
        let (entry, snapshot) = real_plaintexts();
        let entry = mutate(entry, &edits, cut);
        let snapshot = mutate(snapshot, &edits, cut);
        let mut device = Device::new(1, PushLimits::default());
        let _ = wire::decode_entry(&entry);
        let _ = wire::decode_snapshot(&snapshot);
        let report = device.engine.apply_pulled(&mut device.docs, &Pulled {
            entries: vec![Entry { seq: 1, data: bytes::encode(&cipher().seal(Kind::Entry, NONCE, &entry)) }],
            head: 1,
        });
        prop_assert_eq!(report.applied.len() + report.rejected.len(), 1);
        let sealed = bytes::encode(&cipher().seal(Kind::Snapshot, NONCE, &snapshot));
        let _ = engine().bootstrap(&mut device.docs, &Snapshot { seq: 1, data: sealed });
    }

    #[test]
    fn random_entry_text_is_rejected(text in "\\PC{0,200}") {
        let mut device = Device::new(0, PushLimits::default());
        let report = device.engine.apply_pulled(&mut device.docs, &Pulled {
            entries: vec![Entry { seq: 1, data: text.clone() }],
            head: 1,
        });
        prop_assert_eq!(report.rejected.len(), 1);
        let snapshot = Snapshot { seq: 0, data: text };
        let result = engine().bootstrap(&mut device.docs, &snapshot);
        prop_assert!(result.is_err());
    }

    /// Sealed with a random key, space and nonce: only that key, space and kind open it.
    #[test]
    fn envelopes_open_only_with_their_key_space_and_kind(
        k in any::<[u8; 32]>(), s in any::<[u8; 16]>(), n in any::<[u8; 24]>(),
        msg in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let c = SpaceCipher::new(SpaceId(s), &SpaceKey::from_bytes(k));
        let sealed = c.seal(Kind::Blob, n, &msg);
        prop_assert_eq!(c.open(Kind::Blob, &sealed).unwrap(), msg);
        prop_assert!(c.open(Kind::Entry, &sealed).is_err());
        let mut k2 = k;
        k2[0] ^= 1;
        prop_assert!(SpaceCipher::new(SpaceId(s), &SpaceKey::from_bytes(k2)).open(Kind::Blob, &sealed).is_err());
        let mut s2 = s;
        s2[15] ^= 1;
        prop_assert!(SpaceCipher::new(SpaceId(s2), &SpaceKey::from_bytes(k)).open(Kind::Blob, &sealed).is_err());
    }

    /// A kept state that parses but holds nonsense (ids, hashes, a push in flight) is
    /// refused or leads to harmless calls, never a panic.
    #[test]
    fn odd_engine_states_never_panic(
        space in "[0-9a-f]{30,34}", cursor in any::<u64>(), name in "[a-z]{1,7}",
        hashes in proptest::collection::vec("[0-9a-f]{62,66}", 0..3),
        batch in "\\PC{0,8}", entries in proptest::collection::vec("\\PC{0,30}", 0..3),
        in_flight in any::<bool>(), first in any::<u64>(), last in any::<u64>(),
    ) {
        let flight = serde_json::json!({"batch": batch, "entries": entries, "pushed": {name.clone(): hashes}});
        let state = serde_json::json!({
            "version": 1, "space": space, "cursor": cursor,
            "known": {name.clone(): hashes, "people": hashes},
            "in_flight": if in_flight { flight } else { serde_json::Value::Null },
        });
        if let Ok(mut engine) = SyncEngine::from_bytes(state.to_string().as_bytes(), &key()) {
            let mut d = Device::new(0, PushLimits::default());
            d.store_all();
            let _ = engine.unsent(&mut d.docs);
            let _ = engine.prepare_push(&mut d.docs, &mut || NONCE, "b");
            let _ = engine.push_acknowledged(&mut d.docs, &batch, &kenesh_protocol::Pushed { first, last });
            let _ = engine.apply_pulled(&mut d.docs, &Pulled { entries: vec![], head: first });
            let _ = engine.snapshot(&mut d.docs, NONCE);
            let _ = engine.to_bytes();
        }
    }

    #[test]
    fn invites_round_trip(
        k in any::<[u8; 32]>(), s in any::<[u8; 16]>(), secret in any::<[u8; 32]>(),
        host in "[a-z0-9.-]{1,40}", port in proptest::option::of(1u16..),
    ) {
        let relay = match port {
            Some(p) => format!("https://{host}:{p}"),
            None => format!("http://{host}"),
        };
        let invite = Invite { relay, space: SpaceId(s), key: SpaceKey::from_bytes(k), secret };
        let text = invite.to_fragment().unwrap();
        prop_assert_eq!(Invite::parse(&text).unwrap(), invite);
    }
}
