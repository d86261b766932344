//! The records a document keeps read (`Document::all`) stay equal to a full read of the
//! document while records are added, edited, removed and restored, and while concurrent
//! edits from another device are merged in: after each step the cached document answers
//! exactly what the same document opened afresh answers.

#![cfg(not(target_arch = "wasm32"))]

use kenesh_core::generator::reference_school;
use kenesh_core::staff::{StaffMember, StaffRole};
use kenesh_core::{Date, DocKind, Document, EditContext};
use proptest::prelude::*;

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];

#[derive(Clone, Debug)]
enum Step {
    /// Edits member `pick` (of those there are) on this device or, with `elsewhere`, on the
    /// other device: `field` chooses what changes.
    Edit {
        pick: u8,
        field: u8,
        elsewhere: bool,
    },
    Add {
        elsewhere: bool,
    },
    Remove {
        pick: u8,
        elsewhere: bool,
    },
    Restore {
        pick: u8,
    },
    /// The other device's changes arrive here.
    Merge,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (any::<u8>(), 0u8..6, any::<bool>())
            .prop_map(|(pick, field, elsewhere)| Step::Edit { pick, field, elsewhere }),
        1 => any::<bool>().prop_map(|elsewhere| Step::Add { elsewhere }),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(pick, elsewhere)| Step::Remove { pick, elsewhere }),
        1 => any::<u8>().prop_map(|pick| Step::Restore { pick }),
        2 => Just(Step::Merge),
    ]
}

fn member_id(doc: &mut Document, pick: u8) -> String {
    let mut ids: Vec<String> = doc.all::<StaffMember>().unwrap().into_keys().collect();
    ids.sort();
    ids[pick as usize % ids.len()].clone()
}

fn edited(mut m: StaffMember, field: u8, n: usize) -> StaffMember {
    match field {
        0 => m.full_name = format!("Өмүрбекова Айнура {n}"),
        1 => m.phone = format!("+996 700 {n:06}"),
        2 => m.subjects.push(format!("Кыргыз тили {n}")),
        3 => m.roles = vec![StaffRole::Teacher, StaffRole::ClassTeacher],
        4 => m.category_expiry = Date::new(2027 + (n % 5) as u16, 5, 31),
        _ => m.subjects.clear(),
    }
    m
}

/// Applies one step; `n` numbers the step, for distinct values and times.
fn apply(here: &mut Document, there: &mut Document, step: &Step, n: usize) {
    let ctx = EditContext {
        time_ms: 1_000 + n as i64,
    };
    match *step {
        Step::Edit {
            pick,
            field,
            elsewhere,
        } => {
            let doc = if elsewhere { there } else { here };
            let id = member_id(doc, pick);
            let m = doc.all::<StaffMember>().unwrap()[&id].clone();
            doc.put(&id, &edited(m, field, n), ctx).unwrap();
        }
        Step::Add { elsewhere } => {
            let doc = if elsewhere { there } else { here };
            let m = doc
                .all::<StaffMember>()
                .unwrap()
                .into_values()
                .next()
                .unwrap();
            doc.put(&format!("added-{n}"), &edited(m, 0, n), ctx)
                .unwrap();
        }
        Step::Remove { pick, elsewhere } => {
            let doc = if elsewhere { there } else { here };
            let id = member_id(doc, pick);
            doc.remove::<StaffMember>(&id, ctx).unwrap();
        }
        Step::Restore { pick } => {
            let id = member_id(here, pick);
            here.restore::<StaffMember>(&id, ctx).unwrap();
        }
        Step::Merge => here.merge(there).unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_kept_records_equal_a_full_read(steps in proptest::collection::vec(step(), 1..12)) {
        let today = Date::new(2026, 9, 1).unwrap();
        let mut here = reference_school(11, 12, today, &A).people;
        let mut there = Document::from_bytes(DocKind::People, &B, &here.save()).unwrap();
        here.all::<StaffMember>().unwrap();
        for (n, step) in steps.iter().enumerate() {
            apply(&mut here, &mut there, step, n);
            let kept = here.all::<StaffMember>().unwrap();
            let fresh = Document::from_bytes(DocKind::People, &A, &here.save())
                .unwrap()
                .all::<StaffMember>()
                .unwrap();
            prop_assert_eq!(kept, fresh, "after step {} ({:?})", n, step);
        }
    }
}
