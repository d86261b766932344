//! The large space a new device opens: the reference school of
//! `kenesh_core::generator` with [`STAFF`] members, then [`YEARS`] school years of edits
//! made one at a time, as staff would make them (new phone numbers, new categories, people
//! leaving and joining).

use std::collections::HashMap;

use anyhow::Result;
use kenesh_core::document::{DocKind, Document, EditContext};
use kenesh_core::generator::{Rng, reference_school, staff_member};
use kenesh_core::{Date, StaffMember, new_id};

pub const SEED: u64 = 2026;
/// As many as the browser benchmarks' generated space.
pub const STAFF: usize = 2000;
pub const YEARS: u16 = 5;
pub const EDITS_PER_YEAR: usize = 2000;
const FIRST_YEAR: u16 = 2021;
pub const ACTOR: [u8; 16] = *b"kenesh-bench-rel";

pub struct School {
    pub docs: HashMap<DocKind, Document>,
    rng: Rng,
    /// Every staff member ever added (removed ones stay: they may be restored).
    staff: Vec<String>,
}

impl School {
    /// The school as set up on 1 September of the first year, every change stored.
    pub fn generate() -> Result<School> {
        let today = Date::new(FIRST_YEAR, 9, 1).expect("a valid date");
        let mut generated = reference_school(SEED, STAFF, today, &ACTOR);
        let mut staff: Vec<String> = generated.people.all::<StaffMember>()?.into_keys().collect();
        staff.sort();
        let mut docs = HashMap::new();
        docs.insert(DocKind::Space, generated.space);
        docs.insert(DocKind::People, generated.people);
        let mut school = School {
            docs,
            rng: Rng::new(SEED + 1),
            staff,
        };
        school.store();
        Ok(school)
    }

    /// One edit in school year `year` (0-based), edit number `n` of that year, stored at
    /// once: the change a device pushes next.
    pub fn edit(&mut self, year: u16, n: usize) -> Result<()> {
        // Spread the year's edits over its 365 days.
        let today = Date::new(FIRST_YEAR + year, 9, 1).expect("a valid date");
        let day_ms = 86_400_000;
        let time_ms =
            today.days_since_epoch() * day_ms + (n as i64 * 365 * day_ms) / EDITS_PER_YEAR as i64;
        let ctx = EditContext { time_ms };
        let people = self.docs.get_mut(&DocKind::People).expect("people");
        let roll = self.rng.below(100);
        if roll < 5 {
            let id = new_id(self.rng.bytes16());
            people.put(&id, &staff_member(&mut self.rng, today), ctx)?;
            self.staff.push(id);
        } else {
            let id = self.staff[self.rng.below(self.staff.len())].clone();
            let Some(mut member) = people.get::<StaffMember>(&id)? else {
                return Ok(());
            };
            match roll {
                5..10 if member.removed.is_none() => people.remove::<StaffMember>(&id, ctx)?,
                5..10 => people.restore::<StaffMember>(&id, ctx)?,
                10..40 => {
                    member.category =
                        Some(self.rng.pick(&["second", "first", "highest"]).to_string());
                    member.category_expiry = Date::new(FIRST_YEAR + year + 5, 5, 31);
                    people.put(&id, &member, ctx)?;
                }
                _ => {
                    member.phone = format!(
                        "+996 {} {:03} {:03}",
                        self.rng.pick(&["555", "700", "772", "550"]),
                        self.rng.below(1000),
                        self.rng.below(1000)
                    );
                    people.put(&id, &member, ctx)?;
                }
            }
        }
        self.store();
        Ok(())
    }

    /// Marks every change durable, as the app does once IndexedDB stored it: the sync
    /// engine pushes stored changes only.
    fn store(&mut self) {
        for doc in self.docs.values_mut() {
            if let Some(chunk) = doc.pending() {
                doc.mark_durable(&chunk);
            }
        }
    }
}

/// Fresh, empty documents of every kind, as on a device that has just joined.
pub fn empty_docs(actor: &[u8]) -> HashMap<DocKind, Document> {
    DocKind::ALL
        .into_iter()
        .map(|kind| (kind, Document::new(kind, actor)))
        .collect()
}

/// `count` real entries as the sync engine seals them for the relay: each carries the one
/// change of one edit of the school, encrypted with a fresh space key. The engine is told
/// each push was stored (the relay plays no part: only the ciphertexts are wanted).
pub fn sample_entries(space: kenesh_core::crypto::SpaceId, count: usize) -> Result<Vec<String>> {
    use kenesh_core::crypto::SpaceKey;
    use kenesh_core::sync::SyncEngine;
    use kenesh_protocol::Pushed;

    let mut school = School::generate()?;
    let mut engine = SyncEngine::new(space, &SpaceKey::from_bytes(rand::random()));
    let mut seq = 0;
    let mut out = Vec::new();
    let mut acknowledge = |engine: &mut SyncEngine, docs: &mut HashMap<DocKind, Document>| {
        let mut entries = Vec::new();
        while let Some(push) = engine.prepare_push(docs, &mut rand::random::<[u8; 24]>, "b") {
            let pushed = Pushed {
                first: seq + 1,
                last: seq + push.entries.len() as u64,
            };
            seq = pushed.last;
            engine.push_acknowledged(docs, &push.batch, &pushed);
            entries.extend(push.entries);
        }
        entries
    };
    acknowledge(&mut engine, &mut school.docs);
    for n in 0..count {
        school.edit(0, n)?;
        out.extend(acknowledge(&mut engine, &mut school.docs));
    }
    Ok(out)
}
