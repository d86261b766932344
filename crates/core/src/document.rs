//! A collection document: one Automerge document that holds records of one or more kinds,
//! each kind in its own map keyed by a random record id.
//!
//! The document knows which of its changes are durable (stored by the adapter) and hands
//! out the rest as one [`PendingChunk`], so an edit is stored as its own incremental chunk
//! and an edit that could not be stored (a full disk) stays pending, never lost.

use crate::history::{Action, ChangeNote, HistoryIndex};
use crate::one_pass::OnePass;
use automerge::transaction::CommitOptions;
use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ChangeHash, ObjType, ROOT, ReadDoc, Value};
use automerge::{PatchAction, Prop};
use autosurgeon::{Hydrate, Reconcile};
use std::any::Any;
use std::collections::{HashMap, HashSet};

/// The schema version this build writes. Older documents are migrated on open; a document
/// from a newer app is refused with [`DocError::NewerSchema`] rather than damaged.
pub const SCHEMA_VERSION: u64 = 1;

/// The documents of a space. Collections that grow every school year get one document per
/// year in later modules; staff and settings are small and live in one each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// The school, its settings, its members and their devices.
    Space,
    /// The teaching staff.
    People,
    /// The methodical council, the associations and who is responsible for what (R1).
    Structure,
    /// Plans of methodical work and programs of innovative work (R3).
    Plans,
    /// Council and association meetings with their minutes and decisions (R4).
    Meetings,
    /// The library: documents with their files, their kinds, familiarization (R5).
    Library,
}

impl DocKind {
    pub const ALL: [DocKind; 6] = [
        DocKind::Space,
        DocKind::People,
        DocKind::Structure,
        DocKind::Plans,
        DocKind::Meetings,
        DocKind::Library,
    ];

    /// The name under which the document is stored and synced.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Space => "space",
            DocKind::People => "people",
            DocKind::Structure => "structure",
            DocKind::Plans => "plans",
            DocKind::Meetings => "meetings",
            DocKind::Library => "library",
        }
    }

    pub fn from_name(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The record maps every document of this kind starts with.
    fn collections(self) -> &'static [&'static str] {
        match self {
            DocKind::Space => &["members", "devices", "categories"],
            DocKind::People => &["staff"],
            DocKind::Structure => &["council", "associations", "responsibilities"],
            DocKind::Plans => &["plan_items", "programs"],
            DocKind::Meetings => &["meetings"],
            DocKind::Library => &["library_documents", "library_kinds"],
        }
    }
}

/// A tombstone: the record is removed but kept, so an edit made elsewhere at the same time
/// is not lost and the record can be restored.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Tombstone {
    pub at_ms: i64,
}

/// A kind of record stored in a collection map of a document.
pub trait Record: Reconcile + Hydrate + Clone + PartialEq + 'static {
    /// The key of the map in the document that holds records of this kind.
    const COLLECTION: &'static str;
    fn removed(&self) -> Option<&Tombstone>;
    fn set_removed(&mut self, tombstone: Option<Tombstone>);
    /// Names of the fields that differ, for the history.
    fn changed_fields(&self, other: &Self) -> Vec<&'static str>;
}

/// Implements [`Record`] for a struct with a `removed: Option<Tombstone>` field: the
/// collection's key and the fields compared for the history, in order.
#[macro_export]
macro_rules! record {
    ($ty:ty, $collection:literal, [$($field:ident),* $(,)?]) => {
        impl $crate::document::Record for $ty {
            const COLLECTION: &'static str = $collection;

            fn removed(&self) -> Option<&$crate::document::Tombstone> {
                self.removed.as_ref()
            }

            fn set_removed(&mut self, tombstone: Option<$crate::document::Tombstone>) {
                self.removed = tombstone;
            }

            fn changed_fields(&self, other: &Self) -> Vec<&'static str> {
                let mut fields = Vec::new();
                $(if self.$field != other.$field {
                    fields.push(stringify!($field));
                })*
                fields
            }
        }
    };
}

/// When an edit happens. The adapter reads the clock; the core only records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EditContext {
    pub time_ms: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("the document was written by a newer version of Kenesh (schema {0})")]
    NewerSchema(u64),
    #[error("the document has no `{0}` collection")]
    MissingCollection(&'static str),
    #[error("no record {0}")]
    NoRecord(String),
    #[error("automerge: {0}")]
    Automerge(#[from] automerge::AutomergeError),
    #[error("reading the document: {0}")]
    Hydrate(#[from] autosurgeon::HydrateError),
    #[error("writing the document: {0}")]
    Reconcile(#[from] autosurgeon::ReconcileError),
}

/// Changes not yet stored: the bytes of one incremental chunk and the heads it reaches.
#[derive(Clone, Debug)]
pub struct PendingChunk {
    pub bytes: Vec<u8>,
    pub heads: Vec<ChangeHash>,
}

/// A document opened from stored parts, with the keys of parts that could not be read.
pub struct Loaded {
    pub document: Document,
    pub corrupt: Vec<String>,
}

/// Load options that fail on any unreadable part instead of keeping a readable prefix.
fn strict() -> automerge::LoadOptions<'static> {
    automerge::LoadOptions::new().on_partial_load(automerge::OnPartialLoad::Error)
}

/// Does `bytes` parse whole as Automerge data? `load_incremental` quietly keeps the
/// readable prefix of a damaged chunk, so a damaged chunk must be caught before it.
/// Changes whose dependencies are elsewhere (an incremental chunk) are fine.
fn readable(bytes: &[u8]) -> bool {
    match automerge::Automerge::load_with_options(bytes, strict()) {
        Ok(_) | Err(automerge::AutomergeError::MissingDeps) => true,
        Err(_) => false,
    }
}

pub struct Document {
    kind: DocKind,
    doc: AutoCommit,
    durable: Vec<ChangeHash>,
    /// Hydrated records by collection, as of some heads: reading every record through
    /// autosurgeon is slow, so [`Document::all`] re-reads only the records changed since.
    cache: HashMap<&'static str, Cached>,
    /// Every record's history lines, read from the change messages, as of some heads.
    history: HistoryIndex,
}

/// The records of one collection (a `HashMap<String, T>`) as of `heads`.
struct Cached {
    heads: Vec<ChangeHash>,
    records: Box<dyn Any>,
}

impl Document {
    /// A new, empty document of a kind, edited by `actor`.
    ///
    /// Every device starts from the same genesis change (fixed actor, time zero), so two
    /// devices that create the same document offline get the same root maps and merge
    /// cleanly instead of shadowing each other's maps.
    pub fn new(kind: DocKind, actor: &[u8]) -> Document {
        let mut doc = AutoCommit::new();
        doc.set_actor(ActorId::from(vec![0u8; 16]));
        doc.put(ROOT, "schema", SCHEMA_VERSION)
            .expect("genesis: put schema");
        doc.put(ROOT, "kind", kind.name())
            .expect("genesis: put kind");
        for key in kind.collections() {
            doc.put_object(ROOT, *key, ObjType::Map)
                .expect("genesis: put collection");
        }
        doc.commit_with(CommitOptions::default().with_time(0));
        doc.set_actor(ActorId::from(actor));
        Document {
            kind,
            doc,
            durable: Vec::new(),
            cache: HashMap::new(),
            history: HistoryIndex::default(),
        }
    }

    /// Opens a document from a stored snapshot and incremental chunks (in write order).
    /// A part that cannot be read is skipped and reported by key; nothing is repaired.
    pub fn load<'a>(
        kind: DocKind,
        actor: &[u8],
        snapshot: Option<(&'a str, &'a [u8])>,
        chunks: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Loaded, DocError> {
        let mut document = Document::new(kind, actor);
        let mut corrupt = Vec::new();
        if let Some((key, bytes)) = snapshot {
            // Loading a snapshot whole is several times faster than applying its changes
            // one by one onto the genesis; the genesis is merged back in (a no-op when the
            // snapshot has it, as every snapshot of this app does).
            match AutoCommit::load_with_options(bytes, strict()) {
                Ok(mut doc) => {
                    let genesis = document.doc.save();
                    doc.load_incremental(&genesis)?;
                    doc.set_actor(ActorId::from(actor));
                    document.doc = doc;
                }
                Err(_) => corrupt.push(key.to_string()),
            }
        }
        for (key, bytes) in chunks {
            if !readable(bytes) || document.doc.load_incremental(bytes).is_err() {
                corrupt.push(key.to_string());
            }
        }
        document.check_schema()?;
        document.durable = document.doc.get_heads();
        Ok(Loaded { document, corrupt })
    }

    /// Opens a document saved whole (an export or a test fixture).
    pub fn from_bytes(kind: DocKind, actor: &[u8], bytes: &[u8]) -> Result<Document, DocError> {
        let loaded = Document::load(kind, actor, Some(("snapshot", bytes)), [])?;
        match loaded.corrupt.first() {
            Some(_) => Err(DocError::Automerge(automerge::AutomergeError::Fail)),
            None => Ok(loaded.document),
        }
    }

    pub(crate) fn check_schema(&self) -> Result<(), DocError> {
        let version = match self.doc.get(ROOT, "schema")? {
            Some((Value::Scalar(s), _)) => s.as_u64().unwrap_or(0),
            _ => 0,
        };
        if version > SCHEMA_VERSION {
            return Err(DocError::NewerSchema(version));
        }
        // Version 1 is the first schema: there is nothing older to migrate yet. A later
        // version adds its step here, keyed on `version`.
        Ok(())
    }

    pub fn kind(&self) -> DocKind {
        self.kind
    }

    /// This device's actor id as hex.
    pub fn actor_hex(&self) -> String {
        self.doc.get_actor().to_hex_string()
    }

    pub(crate) fn collection(&self, key: &'static str) -> Result<automerge::ObjId, DocError> {
        match self.doc.get(ROOT, key)? {
            Some((Value::Object(ObjType::Map), id)) => Ok(id),
            _ => Err(DocError::MissingCollection(key)),
        }
    }

    /// All records of a kind, removed ones included, by id. The first call reads them all;
    /// later calls re-read only the records that changes since then touched.
    pub fn all<T: Record>(&mut self) -> Result<HashMap<String, T>, DocError> {
        let heads = self.doc.get_heads();
        let stale = match self.cache.get(T::COLLECTION) {
            Some(c) if c.heads == heads => None,
            Some(c) => Some(c.heads.clone()),
            None => {
                let records = self.hydrate_all::<T>()?;
                self.cache.insert(
                    T::COLLECTION,
                    Cached {
                        heads,
                        records: Box::new(records.clone()),
                    },
                );
                return Ok(records);
            }
        };
        if let Some(before) = stale {
            let touched = self.touched(T::COLLECTION, &before, &heads);
            let obj = self.collection(T::COLLECTION)?;
            let reader = OnePass::below(&self.doc, &obj);
            let mut fresh = Vec::with_capacity(touched.len());
            for id in touched {
                let record: Option<T> = match self.doc.get(&obj, id.as_str())? {
                    Some(_) => Some(autosurgeon::hydrate_prop(&reader, &obj, id.as_str())?),
                    None => None,
                };
                fresh.push((id, record));
            }
            let cached = self.cache.get_mut(T::COLLECTION).expect("checked above");
            let records = cached
                .records
                .downcast_mut::<HashMap<String, T>>()
                .expect("one record type per collection");
            for (id, record) in fresh {
                match record {
                    Some(r) => records.insert(id, r),
                    None => records.remove(&id),
                };
            }
            cached.heads = heads;
        }
        let cached = &self.cache[T::COLLECTION];
        Ok(cached
            .records
            .downcast_ref::<HashMap<String, T>>()
            .expect("one record type per collection")
            .clone())
    }

    /// Takes records read from a stored view as the cache of their collection, so that the
    /// next [`Document::all`] re-reads only the records changed since the view's heads.
    /// Refused (false) if a head of the view is not a change of this document.
    pub fn seed<T: Record>(
        &mut self,
        view: &crate::view::View,
        records: HashMap<String, T>,
    ) -> bool {
        let Some(heads) = view.heads() else {
            return false;
        };
        if heads
            .iter()
            .any(|h| self.doc.get_change_by_hash(h).is_none())
        {
            return false;
        }
        self.cache.insert(
            T::COLLECTION,
            Cached {
                heads,
                records: Box::new(records),
            },
        );
        true
    }

    fn hydrate_all<T: Record>(&self) -> Result<HashMap<String, T>, DocError> {
        let obj = self.collection(T::COLLECTION)?;
        let reader = OnePass::below(&self.doc, &obj);
        let mut out = HashMap::new();
        for item in self.doc.map_range(&obj, ..) {
            let record: T = autosurgeon::hydrate_prop(&reader, &obj, item.key.as_ref())?;
            out.insert(item.key.to_string(), record);
        }
        Ok(out)
    }

    /// Ids of the records of `collection` that changed between two sets of heads, `after`
    /// being the document's: read from the operations of the changes since `before` when
    /// each can be placed, otherwise from a diff, which visits every operation of the
    /// document (50-110 ms natively for one edited member of 2,000).
    fn touched(
        &mut self,
        collection: &'static str,
        before: &[ChangeHash],
        after: &[ChangeHash],
    ) -> HashSet<String> {
        match self.touched_by_changes(collection, before) {
            Some(ids) => ids,
            None => self.touched_by_diff(collection, before, after),
        }
    }

    /// The records of `collection` that the operations of the changes since `before` write
    /// into: each operation's object is followed up its parents to the collection. `None`
    /// when there are many changes (a diff is cheaper then), an object cannot be placed or
    /// the collection's own map was written at the root.
    fn touched_by_changes(
        &mut self,
        collection: &'static str,
        before: &[ChangeHash],
    ) -> Option<HashSet<String>> {
        const MAX_CHANGES: usize = 64;
        let target = self.collection(collection).ok()?;
        let changes = self.doc.get_changes(before);
        if changes.len() > MAX_CHANGES {
            return None;
        }
        let mut ids = HashSet::new();
        // The record (if any) each object lies in, as found.
        let mut placed: HashMap<String, Option<String>> = HashMap::new();
        for change in &changes {
            for op in change.decode().operations {
                let key = match op.key {
                    automerge::legacy::Key::Map(key) => Some(key.to_string()),
                    automerge::legacy::Key::Seq(_) => None,
                };
                let obj = op.obj.to_string();
                let (obj_id, _) = self.doc.import(&obj).ok()?;
                if obj_id == ROOT {
                    if key.as_deref() == Some(collection) {
                        return None;
                    }
                } else if obj_id == target {
                    ids.insert(key?);
                } else {
                    if !placed.contains_key(&obj) {
                        let record = self.record_holding(&target, &obj_id)?;
                        placed.insert(obj.clone(), record);
                    }
                    ids.extend(placed[&obj].clone());
                }
            }
        }
        Some(ids)
    }

    /// The id of the record in the collection `target` that holds the object `obj`, or
    /// `Some(None)` if the object lies outside that collection.
    fn record_holding(
        &self,
        target: &automerge::ObjId,
        obj: &automerge::ObjId,
    ) -> Option<Option<String>> {
        for parent in self.doc.parents(obj).ok()? {
            if &parent.obj == target {
                return match parent.prop {
                    Prop::Map(id) => Some(Some(id)),
                    Prop::Seq(_) => None,
                };
            }
        }
        Some(None)
    }

    /// [`Document::touched`] from a diff of the whole document.
    fn touched_by_diff(
        &mut self,
        collection: &str,
        before: &[ChangeHash],
        after: &[ChangeHash],
    ) -> HashSet<String> {
        let mut ids = HashSet::new();
        for patch in self.doc.diff(before, after) {
            let in_collection = |p: &Prop| matches!(p, Prop::Map(k) if k == collection);
            match (patch.path.first(), patch.path.get(1), &patch.action) {
                (Some((_, p)), Some((_, Prop::Map(id))), _) if in_collection(p) => {
                    ids.insert(id.clone());
                }
                (
                    Some((_, p)),
                    None,
                    PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key },
                ) if in_collection(p) => {
                    ids.insert(key.clone());
                }
                _ => {}
            }
        }
        ids
    }

    /// One record by id.
    pub fn get<T: Record>(&self, id: &str) -> Result<Option<T>, DocError> {
        let obj = self.collection(T::COLLECTION)?;
        if self.doc.get(&obj, id)?.is_none() {
            return Ok(None);
        }
        let reader = OnePass::below(&self.doc, &obj);
        Ok(Some(autosurgeon::hydrate_prop(&reader, &obj, id)?))
    }

    /// A single value at the root of the document (the school's name, say).
    pub fn root<T: Hydrate>(&self, key: &str) -> Result<Option<T>, DocError> {
        if self.doc.get(ROOT, key)?.is_none() {
            return Ok(None);
        }
        let reader = OnePass::below(&self.doc, &ROOT);
        Ok(Some(autosurgeon::hydrate_prop(&reader, ROOT, key)?))
    }

    /// Writes a single value at the root of the document.
    pub fn put_root<T: Reconcile>(
        &mut self,
        key: &str,
        value: &T,
        ctx: EditContext,
    ) -> Result<(), DocError> {
        autosurgeon::reconcile_prop(&mut self.doc, ROOT, key, value)?;
        let note = ChangeNote::new("", key, Action::Update, Vec::new());
        self.doc.commit_with(
            CommitOptions::default()
                .with_message(note.to_message())
                .with_time(ctx.time_ms),
        );
        Ok(())
    }

    /// Creates or updates a record. Only fields that differ are written, so two devices
    /// editing different fields of one record both keep their edits.
    pub fn put<T: Record>(
        &mut self,
        id: &str,
        record: &T,
        ctx: EditContext,
    ) -> Result<(), DocError> {
        let before: Option<T> = self.get(id)?;
        let (action, fields) = match &before {
            None => (Action::Create, Vec::new()),
            Some(old) if old == record => return Ok(()),
            Some(old) => (Action::Update, old.changed_fields(record)),
        };
        self.write(
            id,
            record,
            ChangeNote::new(T::COLLECTION, id, action, fields),
            ctx,
        )
    }

    /// Marks a record removed (a tombstone): it disappears from lists but an edit made
    /// concurrently elsewhere is kept and the record can be restored.
    pub fn remove<T: Record>(&mut self, id: &str, ctx: EditContext) -> Result<(), DocError> {
        self.set_removed::<T>(
            id,
            Some(Tombstone { at_ms: ctx.time_ms }),
            Action::Remove,
            ctx,
        )
    }

    /// Clears a record's tombstone.
    pub fn restore<T: Record>(&mut self, id: &str, ctx: EditContext) -> Result<(), DocError> {
        self.set_removed::<T>(id, None, Action::Restore, ctx)
    }

    fn set_removed<T: Record>(
        &mut self,
        id: &str,
        tombstone: Option<Tombstone>,
        action: Action,
        ctx: EditContext,
    ) -> Result<(), DocError> {
        let mut record: T = self.get(id)?.ok_or_else(|| DocError::NoRecord(id.into()))?;
        record.set_removed(tombstone);
        self.write(
            id,
            &record,
            ChangeNote::new(T::COLLECTION, id, action, Vec::new()),
            ctx,
        )
    }

    fn write<T: Record>(
        &mut self,
        id: &str,
        record: &T,
        note: ChangeNote,
        ctx: EditContext,
    ) -> Result<(), DocError> {
        let obj = self.collection(T::COLLECTION)?;
        autosurgeon::reconcile_prop(&mut self.doc, obj, id, record)?;
        self.doc.commit_with(
            CommitOptions::default()
                .with_message(note.to_message())
                .with_time(ctx.time_ms),
        );
        Ok(())
    }

    /// The history of one record, oldest first, from the change metadata.
    pub fn history(&mut self, collection: &str, id: &str) -> Vec<crate::HistoryEntry> {
        let heads = self.doc.get_heads();
        if self.history.heads != heads {
            let since = std::mem::take(&mut self.history.heads);
            let changes = self.doc.get_changes(&since);
            self.history.add(&changes);
            self.history.heads = heads;
        }
        self.history.of(collection, id)
    }

    /// The changes not yet stored, as one incremental chunk, or `None` when all are.
    pub fn pending(&mut self) -> Option<PendingChunk> {
        let heads = self.doc.get_heads();
        if heads == self.durable {
            return None;
        }
        Some(PendingChunk {
            bytes: self.doc.save_after(&self.durable),
            heads,
        })
    }

    /// Records that a chunk was stored durably.
    pub fn mark_durable(&mut self, chunk: &PendingChunk) {
        self.durable = chunk.heads.clone();
    }

    /// True when some change is not yet stored.
    pub fn has_pending(&mut self) -> bool {
        self.doc.get_heads() != self.durable
    }

    /// Applies changes from elsewhere (another tab, a colleague). When `already_stored`
    /// is true (another tab wrote them) and nothing of ours was pending, they count as
    /// durable here too.
    pub fn apply(&mut self, bytes: &[u8], already_stored: bool) -> Result<(), DocError> {
        let was_clean = !self.has_pending();
        self.doc.load_incremental(bytes)?;
        self.check_schema()?;
        if already_stored && was_clean {
            self.durable = self.doc.get_heads();
        }
        Ok(())
    }

    /// Applies a whole saved document from elsewhere (a sync snapshot). Onto a document that
    /// holds nothing but its genesis it is loaded whole, several times faster than applying
    /// its changes one by one; either way its changes stay pending until stored, as
    /// [`Document::apply`] leaves them.
    pub fn apply_snapshot(&mut self, bytes: &[u8]) -> Result<(), DocError> {
        let genesis = Document::new(self.kind, &[0; 16]).doc.get_heads();
        if self.doc.get_heads() != genesis {
            return self.apply(bytes, false);
        }
        let mut doc = AutoCommit::load_with_options(bytes, strict())?;
        doc.load_incremental(&self.doc.save())?;
        doc.set_actor(self.doc.get_actor().clone());
        self.doc = doc;
        self.check_schema()
    }

    /// The whole document as one snapshot (for compaction and export).
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// Every change of the document (used to merge documents in tests and export).
    pub fn save_all_changes(&mut self) -> Vec<u8> {
        self.doc.save_after(&[])
    }

    /// The number of changes in the document.
    pub fn change_count(&mut self) -> usize {
        self.doc.get_changes(&[]).len()
    }

    /// Merges another copy of the same document into this one.
    pub fn merge(&mut self, other: &mut Document) -> Result<(), DocError> {
        self.doc.merge(&mut other.doc)?;
        self.check_schema()
    }

    // Used by the sync engine (`crate::sync`).

    /// The heads of the document: the changes nothing else depends on yet.
    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// The heads of the changes stored durably on this device (see [`Document::mark_durable`]).
    pub fn durable_heads(&self) -> &[ChangeHash] {
        &self.durable
    }

    /// The Automerge document, read-only.
    pub(crate) fn automerge(&self) -> &AutoCommit {
        &self.doc
    }

    /// The Automerge document, for the sync engine and conflict resolution. Anything that
    /// commits through it must leave a history note, as [`Document::put`] does.
    pub(crate) fn automerge_mut(&mut self) -> &mut AutoCommit {
        &mut self.doc
    }

    /// Applies changes received from elsewhere; they stay pending until stored, like any
    /// change not yet durable.
    pub(crate) fn apply_changes(
        &mut self,
        changes: Vec<automerge::Change>,
    ) -> Result<(), DocError> {
        self.doc.apply_changes(changes)?;
        self.check_schema()
    }

    /// The document as it was at `heads` (which must all be in it), saved whole.
    pub(crate) fn save_at(&mut self, heads: &[ChangeHash]) -> Result<Vec<u8>, DocError> {
        if self.doc.get_heads() == heads {
            return Ok(self.doc.save());
        }
        Ok(self.doc.fork_at(heads)?.save())
    }
}
