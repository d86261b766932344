//! Shared by the sync tests: a simulated relay with the protocol's semantics, a device
//! (documents, engine and what it stored), and a test-only record with a text field.

#![allow(dead_code)]

use autosurgeon::{Hydrate, Reconcile, Text};
use kenesh_core::crypto::{Nonce, SpaceId, SpaceKey};
use kenesh_core::staff::StaffMember;
use kenesh_core::sync::{Ack, Documents, PushLimits, Report, SyncEngine};
use kenesh_core::{DocKind, Document, EditContext};
use kenesh_protocol::{Entry, Pulled, PushEntries, Pushed, PutSnapshot};
use std::collections::{BTreeMap, HashMap};

pub const SPACE: SpaceId = SpaceId([0x5a; 16]);

pub fn key() -> SpaceKey {
    SpaceKey::from_bytes([0x42; 32])
}

pub fn at(ms: i64) -> EditContext {
    EditContext { time_ms: ms }
}

/// The relay as the protocol describes it: an append-only log with sequence numbers from
/// 1, batch ids that make a repeated push append nothing, and one current snapshot.
#[derive(Default)]
pub struct Relay {
    pub log: Vec<Entry>,
    batches: HashMap<String, Pushed>,
    pub snapshot: Option<PutSnapshot>,
}

impl Relay {
    pub fn head(&self) -> u64 {
        self.log.len() as u64
    }

    pub fn push(&mut self, push: &PushEntries) -> Pushed {
        if let Some(done) = self.batches.get(&push.batch) {
            return done.clone();
        }
        let first = self.head() + 1;
        for data in &push.entries {
            let seq = self.head() + 1;
            self.log.push(Entry {
                seq,
                data: data.clone(),
            });
        }
        let done = Pushed {
            first,
            last: self.head(),
        };
        self.batches.insert(push.batch.clone(), done.clone());
        done
    }

    /// Appends an entry no client pushed (a foreign or damaged one).
    pub fn inject(&mut self, data: String) {
        let seq = self.head() + 1;
        self.log.push(Entry { seq, data });
    }

    pub fn pull(&self, after: u64, limit: usize) -> Pulled {
        Pulled {
            entries: self
                .log
                .iter()
                .filter(|e| e.seq > after)
                .take(limit)
                .cloned()
                .collect(),
            head: self.head(),
        }
    }

    pub fn put_snapshot(&mut self, snapshot: PutSnapshot) {
        if self.snapshot.as_ref().is_none_or(|s| s.seq <= snapshot.seq) {
            self.snapshot = Some(snapshot);
        }
    }
}

/// A test-only record kind with a text field, kept at the root of the space document
/// (`minutes`: id → minutes), to exercise merging of concurrent text edits.
#[derive(Debug, Clone, Reconcile, Hydrate)]
pub struct Minutes {
    pub title: String,
    pub body: Text,
}

pub type MinutesMap = HashMap<String, Minutes>;

/// The documents a simulated device holds: the counts these tests expect are for these
/// two; more kinds sync the same way.
pub const KINDS: [DocKind; 2] = [DocKind::Space, DocKind::People];

/// One device: its documents, its engine, and what it stored (document chunks in write
/// order and the engine state), from which it reopens after a crash.
pub struct Device {
    pub actor: [u8; 16],
    pub docs: BTreeMap<String, Document>,
    pub engine: SyncEngine,
    pub stored_chunks: BTreeMap<String, Vec<Vec<u8>>>,
    pub stored_engine: Option<Vec<u8>>,
    limits: PushLimits,
    nonces: u64,
    batches: u64,
    pub clock: i64,
}

impl Device {
    pub fn new(n: u8, limits: PushLimits) -> Device {
        let actor = [n + 1; 16];
        let docs = KINDS
            .into_iter()
            .map(|k| (k.name().to_string(), Document::new(k, &actor)))
            .collect();
        Device {
            actor,
            docs,
            engine: SyncEngine::new(SPACE, &key()).with_limits(limits),
            stored_chunks: BTreeMap::new(),
            stored_engine: None,
            limits,
            nonces: 0,
            batches: 0,
            clock: 0,
        }
    }

    pub fn tick(&mut self) -> EditContext {
        self.clock += 1;
        at(self.clock)
    }

    pub fn people(&mut self) -> &mut Document {
        self.docs.get_mut("people").unwrap()
    }

    pub fn space(&mut self) -> &mut Document {
        self.docs.get_mut("space").unwrap()
    }

    pub fn nonce(&mut self) -> Nonce {
        self.nonces += 1;
        let mut n = [0u8; 24];
        n[0] = self.actor[0];
        n[8..16].copy_from_slice(&self.nonces.to_le_bytes());
        n
    }

    /// Stores every document's pending chunk (as the adapter does after an edit or a pull).
    pub fn store_docs(&mut self) {
        for (name, doc) in &mut self.docs {
            if let Some(chunk) = doc.pending() {
                self.stored_chunks
                    .entry(name.clone())
                    .or_default()
                    .push(chunk.bytes.clone());
                doc.mark_durable(&chunk);
            }
        }
    }

    /// Stores the documents, then the engine state (never the other way round).
    pub fn store_all(&mut self) {
        self.store_docs();
        self.stored_engine = Some(self.engine.to_bytes());
    }

    /// Loses everything not stored and reopens from what was.
    pub fn crash(&mut self) {
        let mut docs = BTreeMap::new();
        for kind in KINDS {
            let chunks = self
                .stored_chunks
                .get(kind.name())
                .cloned()
                .unwrap_or_default();
            let loaded = Document::load(
                kind,
                &self.actor,
                None,
                chunks.iter().map(|c| ("chunk", c.as_slice())),
            )
            .unwrap();
            assert!(loaded.corrupt.is_empty());
            docs.insert(kind.name().to_string(), loaded.document);
        }
        self.docs = docs;
        self.engine = match &self.stored_engine {
            Some(bytes) => SyncEngine::from_bytes(bytes, &key()).unwrap(),
            None => SyncEngine::new(SPACE, &key()),
        }
        .with_limits(self.limits);
    }

    pub fn prepare_push(&mut self) -> Option<PushEntries> {
        self.batches += 1;
        let batch = format!("d{}-b{}", self.actor[0], self.batches);
        let mut nonces = self.nonces;
        let tag = self.actor[0];
        let mut next = || {
            nonces += 1;
            let mut n = [0u8; 24];
            n[0] = tag;
            n[8..16].copy_from_slice(&nonces.to_le_bytes());
            n
        };
        let push = self.engine.prepare_push(&mut self.docs, &mut next, &batch);
        self.nonces = nonces;
        push
    }

    pub fn acknowledge(&mut self, batch: &str, pushed: &Pushed) -> Ack {
        self.engine.push_acknowledged(&mut self.docs, batch, pushed)
    }

    pub fn apply(&mut self, pulled: &Pulled) -> Report {
        self.engine.apply_pulled(&mut self.docs, pulled)
    }

    /// Pushes until nothing is left, every answer arriving.
    pub fn push_all(&mut self, relay: &mut Relay) -> usize {
        let mut pushes = 0;
        while let Some(push) = self.prepare_push() {
            let pushed = relay.push(&push);
            assert_eq!(self.acknowledge(&push.batch, &pushed), Ack::Accepted);
            pushes += 1;
            assert!(pushes < 1000, "pushing never ends");
        }
        pushes
    }

    /// Pulls until the cursor reaches the relay's head.
    pub fn pull_all(&mut self, relay: &Relay, limit: usize) -> Vec<Report> {
        let mut reports = Vec::new();
        loop {
            let report = self.apply(&relay.pull(self.engine.cursor(), limit));
            let more = report.more();
            reports.push(report);
            if !more {
                return reports;
            }
        }
    }

    pub fn staff(&mut self) -> BTreeMap<String, StaffMember> {
        self.people()
            .all::<StaffMember>()
            .unwrap()
            .into_iter()
            .collect()
    }

    pub fn minutes(&mut self) -> BTreeMap<String, (String, String)> {
        self.space()
            .root::<MinutesMap>("minutes")
            .unwrap()
            .unwrap_or_default()
            .into_iter()
            .map(|(k, m)| (k, (m.title, m.body.as_str().to_string())))
            .collect()
    }
}

impl Documents for Device {
    fn names(&self) -> Vec<String> {
        self.docs.names()
    }

    fn document(&mut self, name: &str) -> Option<&mut Document> {
        self.docs.document(name)
    }
}
