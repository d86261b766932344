//! Convergence: 3–5 devices edit the same records concurrently (staff fields, removes and
//! restores, text), push and pull through a simulated relay while requests and answers
//! are delivered in random order, duplicated or lost, pulls are repeated or stale, devices
//! crash and reopen from what they stored, snapshots are taken, files are carried by USB
//! stick, and foreign or damaged entries appear in the log. At the end every device syncs
//! fully, and then all documents are identical, nothing is left to push, and (when no
//! device crashed or merged a file) every change sits in the log exactly once. A new device
//! that starts from the relay's snapshot ends identical too.

#![cfg(not(target_arch = "wasm32"))]

mod sync_support;

use automerge::{Change, ChangeHash};
use autosurgeon::Text;
use kenesh_core::crypto::{Kind, SpaceCipher, SpaceId};
use kenesh_core::staff::{StaffMember, StaffRole};
use kenesh_core::sync::{self, PushLimits, wire};
use kenesh_protocol::{Pulled, PushEntries, Pushed, bytes};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};
use sync_support::{Device, Minutes, MinutesMap, Relay, SPACE, key};

#[derive(Clone, Debug)]
enum Edit {
    Staff {
        id: u8,
        fields: Vec<(u8, u8)>,
    },
    Remove {
        id: u8,
    },
    Restore {
        id: u8,
    },
    Text {
        note: u8,
        pos: u8,
        del: u8,
        insert: String,
    },
}

#[derive(Clone, Debug)]
enum Op {
    /// An edit, its chunk stored at once when `store` (as the app does unless the disk is
    /// full or the tab dies first).
    Edit {
        dev: u8,
        edit: Edit,
        store: bool,
    },
    /// Store pending document chunks, and the engine state after them when `engine`.
    Store {
        dev: u8,
        engine: bool,
    },
    /// Prepare a push and send it.
    Push {
        dev: u8,
    },
    /// A push reaches the relay; with `again` the network delivers it once more later.
    Deliver {
        pick: u8,
        again: bool,
    },
    /// The relay's answer to a push reaches its device, or is lost.
    Answer {
        pick: u8,
        lost: bool,
    },
    /// A pull is answered by the relay now; the answer travels.
    Pull {
        dev: u8,
        limit: u8,
    },
    /// A pull answer reaches its device (possibly after later ones), is lost, or is
    /// applied twice.
    PullAnswer {
        pick: u8,
        lost: bool,
        twice: bool,
    },
    /// A whole uneventful round: push (every answer arriving) and pull everything.
    Sync {
        dev: u8,
    },
    Crash {
        dev: u8,
    },
    Snapshot {
        dev: u8,
    },
    Usb {
        from: u8,
        to: u8,
    },
    Inject {
        what: u8,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0u8..4, proptest::collection::vec((0u8..8, 0u8..6), 1..4))
            .prop_map(|(id, fields)| Edit::Staff { id, fields }),
        1 => (0u8..4).prop_map(|id| Edit::Remove { id }),
        1 => (0u8..4).prop_map(|id| Edit::Restore { id }),
        3 => (0u8..3, any::<u8>(), 0u8..4, "[a-z ]{0,4}")
            .prop_map(|(note, pos, del, insert)| Edit::Text { note, pos, del, insert }),
    ]
}

fn op(devices: u8) -> impl Strategy<Value = Op> {
    let dev = 0..devices;
    prop_oneof![
        6 => (dev.clone(), edit(), proptest::bool::weighted(0.7))
            .prop_map(|(dev, edit, store)| Op::Edit { dev, edit, store }),
        2 => (dev.clone(), any::<bool>()).prop_map(|(dev, engine)| Op::Store { dev, engine }),
        4 => dev.clone().prop_map(|dev| Op::Push { dev }),
        4 => (any::<u8>(), proptest::bool::weighted(0.2))
            .prop_map(|(pick, again)| Op::Deliver { pick, again }),
        3 => (any::<u8>(), proptest::bool::weighted(0.3))
            .prop_map(|(pick, lost)| Op::Answer { pick, lost }),
        4 => (dev.clone(), 1u8..5).prop_map(|(dev, limit)| Op::Pull { dev, limit }),
        4 => (any::<u8>(), proptest::bool::weighted(0.2), proptest::bool::weighted(0.2))
            .prop_map(|(pick, lost, twice)| Op::PullAnswer { pick, lost, twice }),
        3 => dev.clone().prop_map(|dev| Op::Sync { dev }),
        1 => dev.clone().prop_map(|dev| Op::Crash { dev }),
        1 => dev.clone().prop_map(|dev| Op::Snapshot { dev }),
        1 => (dev.clone(), dev).prop_map(|(from, to)| Op::Usb { from, to }),
        1 => any::<u8>().prop_map(|what| Op::Inject { what }),
    ]
}

fn scenario() -> impl Strategy<Value = (u8, bool, Vec<Op>)> {
    (3u8..=5, any::<bool>()).prop_flat_map(|(devices, small)| {
        (
            Just(devices),
            Just(small),
            proptest::collection::vec(op(devices), 4..32),
        )
    })
}

const NAMES: [&str; 4] = ["Асанова Айгүл", "Үсөнов Таалай", "Бермет", "Nurlan"];

fn apply_edit(d: &mut Device, edit: &Edit) {
    let ctx = d.tick();
    match edit {
        Edit::Staff { id, fields } => {
            let id = format!("s{id}");
            let mut m: StaffMember = d.people().get(&id).unwrap().unwrap_or_default();
            for &(field, v) in fields {
                match field {
                    0 => m.full_name = NAMES[v as usize % 4].into(),
                    1 => m.phone = format!("+996 555 00{v}"),
                    2 => m.email = format!("t{v}@mektep.kg"),
                    3 => {
                        m.roles = StaffRole::ALL
                            .into_iter()
                            .enumerate()
                            .filter(|(i, _)| v & (1 << i) != 0)
                            .map(|(_, r)| r)
                            .collect()
                    }
                    4 => m.subjects = (0..v % 3).map(|i| format!("предмет {i}")).collect(),
                    5 => m.teaching_since = (v > 0).then(|| 2000 + u16::from(v)),
                    6 => {
                        m.category =
                            (v > 0).then(|| ["first", "second", "highest"][v as usize % 3].into())
                    }
                    _ => m.education = format!("Жогорку {v}"),
                }
            }
            d.people().put(&id, &m, ctx).unwrap();
        }
        Edit::Remove { id } => {
            let id = format!("s{id}");
            if let Some(m) = d.people().get::<StaffMember>(&id).unwrap()
                && !m.is_removed()
            {
                d.people().remove::<StaffMember>(&id, ctx).unwrap();
            }
        }
        Edit::Restore { id } => {
            let id = format!("s{id}");
            if let Some(m) = d.people().get::<StaffMember>(&id).unwrap()
                && m.is_removed()
            {
                d.people().restore::<StaffMember>(&id, ctx).unwrap();
            }
        }
        Edit::Text {
            note,
            pos,
            del,
            insert,
        } => {
            let id = format!("n{note}");
            let mut map: MinutesMap = d.space().root("minutes").unwrap().unwrap_or_default();
            match map.get_mut(&id) {
                Some(m) => {
                    let len = m.body.as_str().len();
                    let pos = *pos as usize % (len + 1);
                    let del = (*del as usize).min(len - pos);
                    m.body.splice(pos, del as isize, insert);
                }
                None => {
                    map.insert(
                        id.clone(),
                        Minutes {
                            title: format!("Кеңеш {id}"),
                            body: Text::with_value(insert),
                        },
                    );
                }
            }
            d.space().put_root("minutes", &map, ctx).unwrap();
        }
    }
}

/// An entry sealed for another space (a real change inside).
fn foreign_entry(d: &mut Device) -> String {
    let raw: Vec<Vec<u8>> = d
        .people()
        .automerge_changes_for_test()
        .into_iter()
        .take(1)
        .collect();
    let plain = wire::encode_entry("people", &raw);
    let other = SpaceCipher::new(SpaceId([0xee; 16]), &key());
    bytes::encode(&other.seal(Kind::Entry, d.nonce(), &plain))
}

trait TestChanges {
    fn automerge_changes_for_test(&mut self) -> Vec<Vec<u8>>;
}

impl TestChanges for kenesh_core::Document {
    fn automerge_changes_for_test(&mut self) -> Vec<Vec<u8>> {
        let bytes = self.save_all_changes();
        let mut copy = automerge::AutoCommit::load(&bytes).unwrap();
        copy.get_changes(&[])
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect()
    }
}

#[derive(Default)]
struct Net {
    requests: Vec<(usize, PushEntries)>,
    answers: Vec<(usize, String, Pushed)>,
    pulls: Vec<(usize, Pulled)>,
}

fn pick<T>(queue: &[T], pick: u8) -> Option<usize> {
    (!queue.is_empty()).then(|| pick as usize % queue.len())
}

struct World {
    relay: Relay,
    devices: Vec<Device>,
    net: Net,
    injected: BTreeSet<u64>,
    crashed: bool,
    usb: bool,
}

impl World {
    fn new(count: u8, small: bool) -> World {
        let limits = if small {
            PushLimits {
                max_entries: 2,
                max_entry_bytes: 400,
                max_push_bytes: 900,
            }
        } else {
            PushLimits::default()
        };
        let mut devices: Vec<Device> = (0..count).map(|n| Device::new(n, limits)).collect();
        let mut relay = Relay::default();
        // The first device writes staff records and two sets of minutes everyone then
        // has, so later edits of the same fields conflict and text edits merge.
        let first = &mut devices[0];
        for id in 0..4 {
            apply_edit(
                first,
                &Edit::Staff {
                    id,
                    fields: vec![(0, id), (1, id)],
                },
            );
        }
        for note in 0..2 {
            apply_edit(
                first,
                &Edit::Text {
                    note,
                    pos: 0,
                    del: 0,
                    insert: "protocol of the council".into(),
                },
            );
        }
        first.store_all();
        first.push_all(&mut relay);
        for d in &mut devices {
            d.pull_all(&relay, 100);
            d.store_all();
        }
        World {
            relay,
            devices,
            net: Net::default(),
            injected: BTreeSet::new(),
            crashed: false,
            usb: false,
        }
    }

    fn check_report(&self, report: &sync::Report) {
        for r in &report.rejected {
            assert!(
                self.injected.contains(&r.seq),
                "a pushed entry was rejected: {r:?}"
            );
        }
    }

    fn run(&mut self, op: &Op) {
        match *op {
            Op::Edit {
                dev,
                ref edit,
                store,
            } => {
                let d = &mut self.devices[dev as usize];
                apply_edit(d, edit);
                if store {
                    d.store_docs();
                }
            }
            Op::Store { dev, engine } => {
                let d = &mut self.devices[dev as usize];
                if engine {
                    d.store_all();
                } else {
                    d.store_docs();
                }
            }
            Op::Push { dev } => {
                if let Some(push) = self.devices[dev as usize].prepare_push() {
                    self.net.requests.push((dev as usize, push));
                }
            }
            Op::Deliver { pick: p, again } => {
                if let Some(i) = pick(&self.net.requests, p) {
                    let (dev, push) = if again {
                        self.net.requests[i].clone()
                    } else {
                        self.net.requests.remove(i)
                    };
                    let pushed = self.relay.push(&push);
                    self.net.answers.push((dev, push.batch, pushed));
                }
            }
            Op::Answer { pick: p, lost } => {
                if let Some(i) = pick(&self.net.answers, p) {
                    let (dev, batch, pushed) = self.net.answers.remove(i);
                    if !lost {
                        self.devices[dev].acknowledge(&batch, &pushed);
                    }
                }
            }
            Op::Pull { dev, limit } => {
                let d = &self.devices[dev as usize];
                let pulled = self.relay.pull(d.engine.cursor(), limit as usize);
                self.net.pulls.push((dev as usize, pulled));
            }
            Op::PullAnswer {
                pick: p,
                lost,
                twice,
            } => {
                if let Some(i) = pick(&self.net.pulls, p) {
                    let (dev, pulled) = self.net.pulls.remove(i);
                    if !lost {
                        let report = self.devices[dev].apply(&pulled);
                        self.check_report(&report);
                        if twice {
                            let again = self.devices[dev].apply(&pulled);
                            assert!(again.applied.is_empty());
                        }
                    }
                }
            }
            Op::Sync { dev } => {
                let d = &mut self.devices[dev as usize];
                d.push_all(&mut self.relay);
                let reports = d.pull_all(&self.relay, 3);
                for r in &reports {
                    self.check_report(r);
                }
            }
            Op::Crash { dev } => {
                self.devices[dev as usize].crash();
                self.crashed = true;
            }
            Op::Snapshot { dev } => {
                let d = &mut self.devices[dev as usize];
                let nonce = d.nonce();
                let snapshot = d.engine.snapshot(&mut d.docs, nonce).unwrap();
                self.relay.put_snapshot(snapshot);
            }
            Op::Usb { from, to } => {
                if from == to {
                    return;
                }
                let from = &mut self.devices[from as usize];
                let nonce = from.nonce();
                let file = sync::export(from.engine.cipher(), &mut from.docs, nonce).unwrap();
                let to = &mut self.devices[to as usize];
                sync::import(to.engine.cipher(), &mut to.docs, &file).unwrap();
                self.usb = true;
            }
            Op::Inject { what } => {
                let data = match what % 3 {
                    0 => bytes::encode(&[what; 57]),
                    1 => foreign_entry(&mut self.devices[0]),
                    _ => match self.relay.log.last() {
                        Some(e) => {
                            let mut sealed = bytes::decode(&e.data).unwrap();
                            let i = what as usize % sealed.len();
                            sealed[i] ^= 0x20;
                            bytes::encode(&sealed)
                        }
                        None => "!".into(),
                    },
                };
                self.relay.inject(data);
                self.injected.insert(self.relay.head());
            }
        }
    }

    /// Everything still travelling arrives once or is lost; then every device stores,
    /// pushes everything and pulls everything.
    fn settle(&mut self) {
        for (dev, push) in std::mem::take(&mut self.net.requests) {
            let pushed = self.relay.push(&push);
            self.net.answers.push((dev, push.batch, pushed));
        }
        self.net.answers.clear();
        self.net.pulls.clear();
        for d in &mut self.devices {
            d.store_all();
            d.push_all(&mut self.relay);
        }
        for i in 0..self.devices.len() {
            let reports = self.devices[i].pull_all(&self.relay, 3);
            for r in &reports {
                self.check_report(r);
            }
            self.devices[i].store_all();
        }
    }
}

/// What must be equal on every device: the heads of each document (so the same history),
/// the values, and for every staff record the fields in conflict and the concurrent values
/// of its text fields with who wrote each.
#[derive(Debug, PartialEq)]
struct Fingerprint {
    heads: Vec<Vec<ChangeHash>>,
    staff: String,
    minutes: String,
    conflicts: String,
}

fn fingerprint(d: &mut Device) -> Fingerprint {
    let heads = ["people", "space"]
        .iter()
        .map(|n| d.docs.get_mut(*n).unwrap().heads())
        .collect();
    let staff = d.staff();
    let mut conflicts = Vec::new();
    for id in staff.keys() {
        let fields = d.people().conflicted_fields::<StaffMember>(id).unwrap();
        conflicts.push(format!("{id}: {fields:?}"));
        for field in ["full_name", "phone", "email", "education"] {
            let values = d
                .people()
                .field_values::<StaffMember, String>(id, field)
                .unwrap();
            conflicts.push(format!("{id}.{field}: {values:?}"));
        }
    }
    Fingerprint {
        heads,
        staff: format!("{staff:?}"),
        minutes: format!("{:?}", d.minutes()),
        conflicts: conflicts.join("\n"),
    }
}

fn check(world: &mut World) {
    world.settle();
    // Nothing is left to push, and a second round changes nothing at the relay.
    let head = world.relay.head();
    for d in &mut world.devices {
        assert!(
            d.prepare_push().is_none(),
            "a device pushes again after a full sync"
        );
        assert_eq!(d.engine.unsent(&mut d.docs), 0);
        assert!(!d.engine.needs_pull(head));
    }
    // Every device holds the same documents: the same heads (so the same history) and the
    // same values. (`save()` bytes are not compared: Automerge does not promise the same
    // bytes for the same history.)
    let expected = fingerprint(&mut world.devices[0]);
    for d in &mut world.devices[1..] {
        assert_eq!(fingerprint(d), expected);
    }
    // A new device, from the relay's snapshot (when there is one) and the log after it.
    let mut newcomer = Device::new(9, PushLimits::default());
    if let Some(snapshot) = world.relay.snapshot.clone() {
        newcomer
            .engine
            .bootstrap(&mut newcomer.docs, &snapshot)
            .unwrap();
    }
    for r in newcomer.pull_all(&world.relay, 7) {
        world.check_report(&r);
    }
    assert_eq!(fingerprint(&mut newcomer), expected);
    newcomer.store_all();
    assert!(newcomer.prepare_push().is_none());
    // Exactly once: with no crash and no file merged, no change is in the log twice.
    if !world.crashed && !world.usb {
        let cipher = SpaceCipher::new(SPACE, &key());
        let mut seen: HashMap<ChangeHash, u64> = HashMap::new();
        for entry in &world.relay.log {
            if world.injected.contains(&entry.seq) {
                continue;
            }
            let plain = cipher
                .open(Kind::Entry, &bytes::decode(&entry.data).unwrap())
                .unwrap();
            for change in wire::decode_entry(&plain).unwrap().changes {
                let hash = Change::hash(&change);
                if let Some(earlier) = seen.insert(hash, entry.seq) {
                    panic!("change pushed twice: seq {earlier} and {}", entry.seq);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_device_converges((devices, small, ops) in scenario()) {
        let mut world = World::new(devices, small);
        for op in &ops {
            world.run(op);
        }
        check(&mut world);
    }
}
