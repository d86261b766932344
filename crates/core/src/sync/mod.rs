//! The sync engine: sans-IO, events in and effects out. The browser adapter does the HTTP
//! and storage; this decides what to send and what a received entry means.
//!
//! State per space: the relay cursor (the last sequence number applied from the log), per
//! document the heads of the changes the relay is known to have (pulled from it, or pushed
//! and acknowledged; see [`known`]), and at most one push in flight (its batch id and exact
//! ciphertexts, so a retry after a lost answer sends the same batch and the relay appends
//! nothing twice).
//!
//! - [`SyncEngine::prepare_push`] bundles exactly the local changes the relay does not have
//!   yet, one entry per document (split to respect [`PushLimits`]), each sealed in an
//!   envelope. Changes pulled from the relay are known to it, so they are never pushed back.
//! - [`SyncEngine::push_acknowledged`] records the answer; [`SyncEngine::apply_pulled`]
//!   applies pulled entries in order, skipping what it already applied and reporting (never
//!   applying) entries that fail to open or parse.
//! - [`SyncEngine::snapshot`] and [`SyncEngine::bootstrap`]: a sealed snapshot of every
//!   document covering the log up to a sequence number, from which a new device starts
//!   before pulling the entries after it.
//! - [`SyncEngine::to_bytes`]/[`SyncEngine::from_bytes`]: the state, kept durably by the
//!   adapter. Store the documents' pending chunks first and the engine state after them: a
//!   state older than the documents only costs a duplicate push, never a lost change.

pub mod conflict;
pub mod known;
pub mod wire;

pub use conflict::Concurrent;
pub use wire::WireError;

use crate::crypto::{CryptoError, Kind, Nonce, SpaceCipher, SpaceId, SpaceKey};
use crate::document::{DocKind, Document};
use automerge::ChangeHash;
use kenesh_protocol::{Pulled, PushEntries, Pushed, PutSnapshot, Snapshot, bytes};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The documents of a space, by the name they sync under ([`DocKind::name`]).
pub trait Documents {
    /// Names of every document to sync.
    fn names(&self) -> Vec<String>;
    /// The document of that name; `None` for a name this build does not know.
    fn document(&mut self, name: &str) -> Option<&mut Document>;
}

impl Documents for BTreeMap<String, Document> {
    fn names(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }

    fn document(&mut self, name: &str) -> Option<&mut Document> {
        self.get_mut(name)
    }
}

impl Documents for HashMap<DocKind, Document> {
    fn names(&self) -> Vec<String> {
        self.keys().map(|k| k.name().to_string()).collect()
    }

    fn document(&mut self, name: &str) -> Option<&mut Document> {
        self.get_mut(&DocKind::from_name(name)?)
    }
}

/// How big one push may get. The defaults keep well inside the relay's limits
/// ([`kenesh_protocol::limits`]): base64 adds a third, so 5 MiB of plaintext fits an 8 MiB
/// body, and a 1 MiB entry a 2 MiB entry limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PushLimits {
    pub max_entries: usize,
    /// Plaintext bytes of one entry. A single change larger than this still goes alone.
    pub max_entry_bytes: usize,
    /// Plaintext bytes of all entries of one push.
    pub max_push_bytes: usize,
}

impl Default for PushLimits {
    fn default() -> PushLimits {
        PushLimits {
            max_entries: kenesh_protocol::limits::MAX_ENTRIES_PER_PUSH,
            max_entry_bytes: 1024 * 1024,
            max_push_bytes: 5 * 1024 * 1024,
        }
    }
}

/// Why a pulled entry was skipped. The entry is never applied; the cursor moves past it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    #[error("not base64url")]
    NotBase64,
    #[error("{0}")]
    Crypto(#[from] CryptoError),
    #[error("malformed entry: {0}")]
    Malformed(#[from] WireError),
    #[error("entry for a document this version does not know: {0}")]
    UnknownDocument(String),
    #[error("the changes could not be applied: {0}")]
    Apply(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub seq: u64,
    pub reason: RejectReason,
}

/// What one pull did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Sequence numbers of the entries applied.
    pub applied: Vec<u64>,
    /// Entries skipped because they failed to open or parse: tampered, foreign or damaged.
    pub rejected: Vec<Rejected>,
    /// Entries at or below the cursor (delivered before), ignored.
    pub duplicates: usize,
    /// Sequence numbers missing between the cursor and the first entry pulled: the answer
    /// was to a pull from another cursor (one this device had before a crash), and nothing
    /// of it was applied. (The relay never drops entries; were the log ever pruned, the
    /// device would need the snapshot.)
    pub gap: Option<(u64, u64)>,
    /// Documents that received changes new to this device (store their pending chunks,
    /// refresh their views).
    pub changed: BTreeSet<String>,
    /// The push in flight turned out to be in the log already (its answer was lost):
    /// it was dropped and will not be retried.
    pub push_superseded: bool,
    pub cursor: u64,
    /// The relay's last sequence number at the time of the pull.
    pub head: u64,
}

impl Report {
    /// More entries wait at the relay: pull again.
    pub fn more(&self) -> bool {
        self.head > self.cursor
    }
}

/// The answer to an acknowledgement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ack {
    /// The push in flight is recorded as stored at the relay.
    Accepted,
    /// No push with that batch id is in flight (a duplicate or late answer): ignored.
    NotInFlight,
}

/// What bootstrapping from a snapshot, or importing an export file, did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub changed: BTreeSet<String>,
    /// Documents in the file that this version does not know, left out.
    pub unknown: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("not base64url")]
    NotBase64,
    #[error("{0}")]
    Crypto(#[from] CryptoError),
    #[error("malformed: {0}")]
    Malformed(#[from] WireError),
    #[error("the snapshot says it covers seq {inner} but was served as seq {outer}")]
    SeqMismatch { outer: u64, inner: u64 },
    #[error("the snapshot of `{0}` lacks the changes it names")]
    MissingHeads(String),
    #[error("document `{0}`: {1}")]
    Doc(String, String),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    #[error("the sync state is unreadable: {0}")]
    Unreadable(String),
    #[error("the sync state was written by a newer version of Kenesh ({0})")]
    UnknownVersion(u32),
    #[error("the sync state names an invalid space id")]
    BadSpace,
    #[error("the sync state holds an invalid change hash")]
    BadHash,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct InFlight {
    batch: String,
    /// The ciphertexts exactly as first sent.
    entries: Vec<String>,
    /// The changes it carries, per document.
    pushed: BTreeMap<String, Vec<ChangeHash>>,
}

pub struct SyncEngine {
    cipher: SpaceCipher,
    cursor: u64,
    known: BTreeMap<String, Vec<ChangeHash>>,
    in_flight: Option<InFlight>,
    limits: PushLimits,
}

impl std::fmt::Debug for SyncEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine")
            .field("space", &self.cipher.space())
            .field("cursor", &self.cursor)
            .field("known", &self.known)
            .field("in_flight", &self.in_flight.as_ref().map(|f| &f.batch))
            .finish()
    }
}

/// One entry being assembled.
struct Bundle {
    doc: String,
    changes: Vec<Vec<u8>>,
    size: usize,
}

impl SyncEngine {
    /// A device that has nothing from the relay yet.
    pub fn new(space: SpaceId, key: &SpaceKey) -> SyncEngine {
        SyncEngine {
            cipher: SpaceCipher::new(space, key),
            cursor: 0,
            known: BTreeMap::new(),
            in_flight: None,
            limits: PushLimits::default(),
        }
    }

    pub fn with_limits(mut self, limits: PushLimits) -> SyncEngine {
        self.limits = limits;
        self
    }

    pub fn space(&self) -> SpaceId {
        self.cipher.space()
    }

    pub fn cipher(&self) -> &SpaceCipher {
        &self.cipher
    }

    /// The last sequence number applied from the relay's log (pull `after` this).
    pub fn cursor(&self) -> u64 {
        self.cursor
    }

    /// Whether a relay whose log ends at `head` (a [`kenesh_protocol::Notify`]) has
    /// entries this device has not applied.
    pub fn needs_pull(&self, head: u64) -> bool {
        head > self.cursor
    }

    /// The batch id of the push waiting for its answer.
    pub fn in_flight(&self) -> Option<&str> {
        self.in_flight.as_ref().map(|f| f.batch.as_str())
    }

    /// The heads the relay is known to have of a document.
    pub fn known_heads(&self, doc: &str) -> &[ChangeHash] {
        self.known.get(doc).map(Vec::as_slice).unwrap_or(&[])
    }

    /// How many local changes the relay does not have yet (for "N changes waiting").
    pub fn unsent(&self, docs: &mut dyn Documents) -> usize {
        let mut count = 0;
        for name in docs.names() {
            if let Some(doc) = docs.document(&name) {
                count += known::after(doc, self.known_heads(&name)).len();
            }
        }
        count
    }

    /// The push to send now, or `None` when the relay has every local change.
    ///
    /// While a push is in flight this returns that same push (same batch id, same
    /// ciphertexts) and ignores `batch`: send it again until it is answered. Otherwise it
    /// bundles the changes not yet at the relay (a causal prefix of them, if they exceed
    /// the limits; the rest goes in the next push) under the caller's fresh random `batch`
    /// id, sealing each entry with a fresh nonce from `nonces`.
    pub fn prepare_push(
        &mut self,
        docs: &mut dyn Documents,
        nonces: &mut dyn FnMut() -> Nonce,
        batch: &str,
    ) -> Option<PushEntries> {
        if let Some(f) = &self.in_flight {
            return Some(PushEntries {
                batch: f.batch.clone(),
                entries: f.entries.clone(),
            });
        }
        let limits = self.limits;
        let mut bundles: Vec<Bundle> = Vec::new();
        let mut pushed: BTreeMap<String, Vec<ChangeHash>> = BTreeMap::new();
        let mut total = 0usize;
        let mut names = docs.names();
        crate::order::sort(&mut names);
        'docs: for name in names {
            let Some(doc) = docs.document(&name) else {
                continue;
            };
            let known = known::present(doc, self.known_heads(&name));
            // Only changes stored on this device leave it: a change the relay has but this
            // device lost in a crash would have its actor and sequence number reused.
            let durable = doc.durable_heads().to_vec();
            let unstored: HashSet<ChangeHash> = known::after(doc, &durable)
                .into_iter()
                .map(|(h, _)| h)
                .collect();
            let changes = doc.automerge_mut().get_changes(&known);
            let changes = changes
                .into_iter()
                .filter(|c| !unstored.contains(&c.hash()));
            let mut open: Option<Bundle> = None;
            let mut full = false;
            for mut change in changes {
                let bytes = change.bytes().into_owned();
                let cost = wire::change_cost(bytes.len());
                if total > 0 && total + cost > limits.max_push_bytes {
                    full = true;
                    break;
                }
                let fits = open
                    .as_ref()
                    .is_some_and(|b| b.size + cost <= limits.max_entry_bytes);
                if !fits {
                    if let Some(b) = open.take() {
                        bundles.push(b);
                    }
                    if bundles.len() >= limits.max_entries.max(1) {
                        full = true;
                        break;
                    }
                    open = Some(Bundle {
                        doc: name.clone(),
                        changes: Vec::new(),
                        size: wire::entry_overhead(&name),
                    });
                }
                let b = open.as_mut().expect("opened above");
                b.changes.push(bytes);
                b.size += cost;
                total += cost;
                pushed.entry(name.clone()).or_default().push(change.hash());
            }
            if let Some(b) = open.take() {
                bundles.push(b);
            }
            if full {
                break 'docs;
            }
        }
        if bundles.is_empty() {
            return None;
        }
        let entries: Vec<String> = bundles
            .iter()
            .map(|b| {
                let plain = wire::encode_entry(&b.doc, &b.changes);
                bytes::encode(&self.cipher.seal(Kind::Entry, nonces(), &plain))
            })
            .collect();
        self.in_flight = Some(InFlight {
            batch: batch.to_string(),
            entries: entries.clone(),
            pushed,
        });
        Some(PushEntries {
            batch: batch.to_string(),
            entries,
        })
    }

    /// The relay stored the push `batch` at `pushed.first..=pushed.last`.
    pub fn push_acknowledged(
        &mut self,
        docs: &mut dyn Documents,
        batch: &str,
        pushed: &Pushed,
    ) -> Ack {
        if self.in_flight.as_ref().is_none_or(|f| f.batch != batch) {
            return Ack::NotInFlight;
        }
        let f = self.in_flight.take().expect("checked above");
        for (name, hashes) in f.pushed {
            if let Some(doc) = docs.document(&name) {
                let heads = self.known.entry(name).or_default();
                *heads = known::advance(doc, heads, hashes);
            }
        }
        // When nothing else came between the cursor and this batch, its entries (ours) need
        // not be pulled back.
        let count = f.entries.len() as u64;
        if pushed
            .last
            .checked_sub(pushed.first)
            .and_then(|d| d.checked_add(1))
            == Some(count)
            && self.cursor.checked_add(1) == Some(pushed.first)
        {
            self.cursor = pushed.last;
        }
        Ack::Accepted
    }

    /// Drops the push in flight without an answer (the relay refused it for good, say with
    /// 413); the next [`SyncEngine::prepare_push`] bundles the changes again.
    pub fn abandon_push(&mut self) {
        self.in_flight = None;
    }

    /// Applies pulled entries in sequence order. Entries at or below the cursor are
    /// ignored; an entry that fails to open or parse is reported and skipped, never
    /// applied; entries after a gap are not applied (see [`Report::gap`]). Applying the same
    /// pull twice, or pulls out of order, is harmless.
    pub fn apply_pulled(&mut self, docs: &mut dyn Documents, pulled: &Pulled) -> Report {
        let mut report = Report {
            head: pulled.head,
            ..Report::default()
        };
        let mut entries: Vec<_> = pulled.entries.iter().collect();
        crate::order::sort_by_key(&mut entries, |e| e.seq);
        if let Some(first) = entries.iter().map(|e| e.seq).find(|&s| s > self.cursor)
            && first > self.cursor + 1
        {
            // The cursor means "every entry up to here is applied": moving it past missing
            // entries would skip them for good. Such an answer is stale (asked for from a
            // cursor this device no longer has, as after a crash): nothing of it is applied,
            // and the next pull starts from the cursor.
            report.gap = Some((self.cursor + 1, first - 1));
            entries.clear();
        }
        for entry in entries {
            if entry.seq <= self.cursor {
                report.duplicates += 1;
                continue;
            }
            match self.apply_entry(docs, &entry.data) {
                Ok((name, changed)) => {
                    report.applied.push(entry.seq);
                    if changed {
                        report.changed.insert(name);
                    }
                }
                Err(reason) => report.rejected.push(Rejected {
                    seq: entry.seq,
                    reason,
                }),
            }
            self.cursor = entry.seq;
        }
        if self.in_flight_is_known(docs) {
            self.in_flight = None;
            report.push_superseded = true;
        }
        report.cursor = self.cursor;
        report
    }

    fn apply_entry(
        &mut self,
        docs: &mut dyn Documents,
        data: &str,
    ) -> Result<(String, bool), RejectReason> {
        let sealed = bytes::decode(data).ok_or(RejectReason::NotBase64)?;
        let plain = self.cipher.open(Kind::Entry, &sealed)?;
        let body = wire::decode_entry(&plain)?;
        let doc = docs
            .document(&body.doc)
            .ok_or_else(|| RejectReason::UnknownDocument(body.doc.clone()))?;
        let hashes: Vec<ChangeHash> = body.changes.iter().map(|c| c.hash()).collect();
        let before = doc.heads();
        doc.apply_changes(body.changes)
            .map_err(|e| RejectReason::Apply(e.to_string()))?;
        let changed = doc.heads() != before;
        let heads = self.known.entry(body.doc.clone()).or_default();
        *heads = known::advance(doc, heads, hashes);
        Ok((body.doc, changed))
    }

    /// Whether every change of the push in flight is already known to be at the relay.
    fn in_flight_is_known(&mut self, docs: &mut dyn Documents) -> bool {
        let Some(f) = &self.in_flight else {
            return false;
        };
        f.pushed.iter().all(|(name, hashes)| {
            let Some(doc) = docs.document(name) else {
                return false;
            };
            let unknown: HashSet<ChangeHash> = known::after(doc, self.known_heads(name))
                .into_iter()
                .map(|(h, _)| h)
                .collect();
            hashes.iter().all(|h| !unknown.contains(h))
        })
    }

    /// A sealed snapshot of every document as the relay has it (the changes known to be
    /// there, nothing local that is not), covering the log up to the cursor. Upload it with
    /// `PUT …/snapshot`.
    pub fn snapshot(
        &mut self,
        docs: &mut dyn Documents,
        nonce: Nonce,
    ) -> Result<PutSnapshot, SyncError> {
        let mut names = docs.names();
        crate::order::sort(&mut names);
        let mut out = Vec::new();
        for name in names {
            let Some(doc) = docs.document(&name) else {
                continue;
            };
            let mut heads = known::present(doc, self.known_heads(&name));
            heads.sort_unstable();
            if heads.is_empty() {
                continue;
            }
            let bytes = doc
                .save_at(&heads)
                .map_err(|e| SyncError::Doc(name.clone(), e.to_string()))?;
            out.push(wire::SnapshotDoc { name, heads, bytes });
        }
        let body = wire::SnapshotBody {
            seq: self.cursor,
            docs: out,
        };
        let plain = wire::encode_snapshot(&body);
        Ok(PutSnapshot {
            seq: self.cursor,
            data: bytes::encode(&self.cipher.seal(Kind::Snapshot, nonce, &plain)),
        })
    }

    /// Starts from a snapshot (`GET …/snapshot`): merges its documents, counts their
    /// changes as known to the relay and moves the cursor to the snapshot's seq (never
    /// back). Then pull the entries after [`SyncEngine::cursor`]. Nothing is changed when
    /// the snapshot fails to open or parse.
    pub fn bootstrap(
        &mut self,
        docs: &mut dyn Documents,
        snapshot: &Snapshot,
    ) -> Result<Merged, SyncError> {
        let body = open_docs(&self.cipher, Kind::Snapshot, &snapshot.data)?;
        if body.seq != snapshot.seq {
            return Err(SyncError::SeqMismatch {
                outer: snapshot.seq,
                inner: body.seq,
            });
        }
        let mut merged = Merged::default();
        for d in body.docs {
            let Some(doc) = docs.document(&d.name) else {
                merged.unknown.push(d.name);
                continue;
            };
            let before = doc.heads();
            doc.apply_snapshot(&d.bytes)
                .map_err(|e| SyncError::Doc(d.name.clone(), e.to_string()))?;
            if doc.heads() != before {
                merged.changed.insert(d.name.clone());
            }
            if known::present(doc, &d.heads).len() != d.heads.len() {
                return Err(SyncError::MissingHeads(d.name));
            }
            let heads = self.known.entry(d.name.clone()).or_default();
            let beyond: HashSet<ChangeHash> = known::after(doc, &d.heads)
                .into_iter()
                .map(|(h, _)| h)
                .collect();
            let covered: Vec<ChangeHash> = known::after(doc, heads)
                .into_iter()
                .map(|(h, _)| h)
                .filter(|h| !beyond.contains(h))
                .collect();
            *heads = known::advance(doc, heads, covered);
        }
        self.cursor = self.cursor.max(body.seq);
        Ok(merged)
    }

    /// The state to keep durably (JSON). The space key is not in it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let hex = |hashes: &Vec<ChangeHash>| hashes.iter().map(|h| h.to_string()).collect();
        let state = StateV1 {
            version: STATE_VERSION,
            space: self.cipher.space().to_hex(),
            cursor: self.cursor,
            known: self
                .known
                .iter()
                .map(|(k, v)| (k.clone(), hex(v)))
                .collect(),
            in_flight: self.in_flight.as_ref().map(|f| InFlightV1 {
                batch: f.batch.clone(),
                entries: f.entries.clone(),
                pushed: f.pushed.iter().map(|(k, v)| (k.clone(), hex(v))).collect(),
            }),
        };
        serde_json::to_vec(&state).expect("the sync state serializes")
    }

    /// Reads a state kept by [`SyncEngine::to_bytes`]; `key` is the space's key.
    pub fn from_bytes(bytes: &[u8], key: &SpaceKey) -> Result<SyncEngine, StateError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let v: Version =
            serde_json::from_slice(bytes).map_err(|e| StateError::Unreadable(e.to_string()))?;
        if v.version != STATE_VERSION {
            return Err(StateError::UnknownVersion(v.version));
        }
        let state: StateV1 =
            serde_json::from_slice(bytes).map_err(|e| StateError::Unreadable(e.to_string()))?;
        let space = SpaceId::parse(&state.space).ok_or(StateError::BadSpace)?;
        let hashes = |v: Vec<String>| -> Result<Vec<ChangeHash>, StateError> {
            v.iter()
                .map(|h| h.parse::<ChangeHash>().map_err(|_| StateError::BadHash))
                .collect()
        };
        let mut known = BTreeMap::new();
        for (k, v) in state.known {
            known.insert(k, hashes(v)?);
        }
        let in_flight = match state.in_flight {
            None => None,
            Some(f) => {
                let mut pushed = BTreeMap::new();
                for (k, v) in f.pushed {
                    pushed.insert(k, hashes(v)?);
                }
                Some(InFlight {
                    batch: f.batch,
                    entries: f.entries,
                    pushed,
                })
            }
        };
        Ok(SyncEngine {
            cipher: SpaceCipher::new(space, key),
            cursor: state.cursor,
            known,
            in_flight,
            limits: PushLimits::default(),
        })
    }
}

const STATE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct StateV1 {
    version: u32,
    space: String,
    cursor: u64,
    known: BTreeMap<String, Vec<String>>,
    in_flight: Option<InFlightV1>,
}

#[derive(Serialize, Deserialize)]
struct InFlightV1 {
    batch: String,
    entries: Vec<String>,
    pushed: BTreeMap<String, Vec<String>>,
}

fn open_docs(
    cipher: &SpaceCipher,
    kind: Kind,
    data: &str,
) -> Result<wire::SnapshotBody, SyncError> {
    let sealed = bytes::decode(data).ok_or(SyncError::NotBase64)?;
    let plain = cipher.open(kind, &sealed)?;
    Ok(wire::decode_snapshot(&plain)?)
}

/// The whole space as one sealed file (the no-relay path: a USB stick between two
/// laptops): every document as stored on this device (its durable changes, local ones
/// included; store pending chunks first).
pub fn export(
    cipher: &SpaceCipher,
    docs: &mut dyn Documents,
    nonce: Nonce,
) -> Result<Vec<u8>, SyncError> {
    let mut names = docs.names();
    crate::order::sort(&mut names);
    let mut out = Vec::new();
    for name in names {
        let Some(doc) = docs.document(&name) else {
            continue;
        };
        let mut heads = doc.durable_heads().to_vec();
        heads.sort_unstable();
        if heads.is_empty() {
            continue;
        }
        let bytes = doc
            .save_at(&heads)
            .map_err(|e| SyncError::Doc(name.clone(), e.to_string()))?;
        out.push(wire::SnapshotDoc { name, heads, bytes });
    }
    let plain = wire::encode_snapshot(&wire::SnapshotBody { seq: 0, docs: out });
    Ok(cipher.seal(Kind::Export, nonce, &plain))
}

/// Merges a file made by [`export`] into the documents. Its changes the relay lacks are
/// pushed by the next sync as local ones. Nothing is changed when the file fails to open.
pub fn import(
    cipher: &SpaceCipher,
    docs: &mut dyn Documents,
    file: &[u8],
) -> Result<Merged, SyncError> {
    let plain = cipher.open(Kind::Export, file)?;
    let body = wire::decode_snapshot(&plain)?;
    let mut merged = Merged::default();
    for d in body.docs {
        let Some(doc) = docs.document(&d.name) else {
            merged.unknown.push(d.name);
            continue;
        };
        let before = doc.heads();
        doc.apply(&d.bytes, false)
            .map_err(|e| SyncError::Doc(d.name.clone(), e.to_string()))?;
        if doc.heads() != before {
            merged.changed.insert(d.name);
        }
    }
    Ok(merged)
}
