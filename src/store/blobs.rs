//! The library's files on this device: adding one (checked, read, sealed, stored in one
//! transaction, then named in the record), opening one (from here, or fetched from the
//! relay, opened, its content hash checked, then kept), uploading the ones the relay lacks
//! and downloading the sections this device keeps offline (both from the sync runner), and
//! removing the ones no document names any more.
//!
//! Glue over [`BlobStore`] (IndexedDB), [`BlobCipher`] (core) and the relay client.

use super::{Status, read};
use crate::i18n::{Key, Lang, problem_text};
use kenesh_core::DocKind;
use kenesh_core::crypto::{BlobCipher, BlobError, SealedBlob};
use kenesh_core::library::{
    Attachment, BlobHasher, BlobId, LibraryDocument, MediaType, Problem, check_file, unused_files,
};
use kenesh_core::office::ExtractError;
use kenesh_platform::{
    BlobMeta, BlobStore, Pref, RelayClient, RelayError, StoreError, now_ms, picked_file, sleep,
};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

/// The sections (kind ids) whose files this device keeps offline.
const KEEP_OFFLINE: Pref<BTreeSet<String>> = Pref::new("library.keep-offline");

/// Why a file could not be added or opened; every case has a translated message.
#[derive(Clone, Debug, PartialEq)]
pub enum FileProblem {
    /// Refused before reading: unsupported type, too large, empty.
    Check(Problem),
    /// The browser could not read the chosen file.
    Unreadable,
    /// The device ran out of storage while storing it: nothing was stored.
    Quota,
    StoreFailed(String),
    /// Not on this device and the relay cannot be reached.
    Offline,
    /// Not on this device and this device has no relay.
    NoRelay,
    /// The relay does not have it (yet).
    Missing,
    /// What the relay sent is not this file.
    Corrupt,
    /// The document already has this file.
    Already,
    /// The file is damaged or not really of its type (a PDF that is not one).
    Damaged,
}

impl FileProblem {
    pub fn text(&self, lang: Lang) -> String {
        let key = match self {
            FileProblem::Check(problem) => return problem_text(lang, *problem),
            FileProblem::Unreadable => Key::LibraryFileUnreadable,
            FileProblem::Quota => Key::LibraryFileQuota,
            FileProblem::StoreFailed(_) => Key::LibraryFileStoreFailed,
            FileProblem::Offline => Key::LibraryFileOffline,
            FileProblem::NoRelay => Key::LibraryFileNoRelay,
            FileProblem::Missing => Key::LibraryFileMissing,
            FileProblem::Corrupt => Key::LibraryFileCorrupt,
            FileProblem::Already => Key::LibraryFileAlready,
            FileProblem::Damaged => Key::LibraryFileDamaged,
        };
        lang.text(key).to_string()
    }
}

/// What the screens follow: which blobs are here, their texts, the kept sections.
struct Shared {
    local: ArcRwSignal<HashSet<BlobId>>,
    texts: ArcRwSignal<HashMap<BlobId, String>>,
    offline: ArcRwSignal<BTreeSet<String>>,
    store: RefCell<Option<Rc<BlobStore>>>,
    loaded: std::cell::Cell<bool>,
}

thread_local! {
    static SHARED: Shared = Shared {
        local: ArcRwSignal::new(HashSet::new()),
        texts: ArcRwSignal::new(HashMap::new()),
        offline: ArcRwSignal::new(KEEP_OFFLINE.get().ok().flatten().unwrap_or_default()),
        store: RefCell::new(None),
        loaded: std::cell::Cell::new(false),
    };
}

/// The blob store of the open space, opened on first use.
async fn store() -> Result<Rc<BlobStore>, StoreError> {
    if let Some(store) = SHARED.with(|s| s.store.borrow().clone()) {
        return Ok(store);
    }
    let name = read(|s| s.identity().db_name());
    let store = Rc::new(BlobStore::open(&name).await?);
    SHARED.with(|s| *s.store.borrow_mut() = Some(store.clone()));
    Ok(store)
}

/// Removes from this device the files no document names any more and stored long enough
/// ago (see [`unused_files`]); returns the metas of the files left. Nothing is removed while
/// the library document did not load whole: a reference in a part it skipped would be
/// missed.
async fn remove_unused(store: &BlobStore, metas: Vec<BlobMeta>) -> Vec<BlobMeta> {
    if !read(|s| s.intact(DocKind::Library)) {
        return metas;
    }
    let documents: HashMap<String, LibraryDocument> = super::records(DocKind::Library);
    let here = metas
        .iter()
        .filter_map(|m| Some((BlobId::parse(&m.id)?, m.stored_ms)));
    let unused: Vec<String> = unused_files(&documents, here, now_ms())
        .iter()
        .map(ToString::to_string)
        .collect();
    if unused.is_empty() || store.remove(&unused).await.is_err() {
        return metas;
    }
    metas
        .into_iter()
        .filter(|m| !unused.contains(&m.id))
        .collect()
}

/// Reads which blobs are here and their texts into the signals, once per page, after
/// removing the files no document names.
fn ensure_loaded() {
    if SHARED.with(|s| s.loaded.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async {
        let Ok(store) = store().await else {
            SHARED.with(|s| s.loaded.set(false));
            return;
        };
        if let Ok(metas) = store.metas().await {
            let metas = remove_unused(&store, metas).await;
            let ids = metas.iter().filter_map(|m| BlobId::parse(&m.id)).collect();
            SHARED.with(|s| s.local.set(ids));
        }
        if let Ok(texts) = store.texts().await {
            let texts = texts
                .into_iter()
                .filter_map(|(id, t)| Some((BlobId::parse(&id)?, t)))
                .collect();
            SHARED.with(|s| s.texts.set(texts));
        }
    });
}

/// The blobs stored on this device.
pub fn local_signal() -> RwSignal<HashSet<BlobId>> {
    ensure_loaded();
    SHARED.with(|s| RwSignal::from(s.local.clone()))
}

/// The text extracted from the files on this device, by blob.
pub fn texts_signal() -> RwSignal<HashMap<BlobId, String>> {
    ensure_loaded();
    SHARED.with(|s| RwSignal::from(s.texts.clone()))
}

/// The sections kept offline on this device.
pub fn keep_offline_signal() -> RwSignal<BTreeSet<String>> {
    SHARED.with(|s| RwSignal::from(s.offline.clone()))
}

/// Keeps (or stops keeping) a section's files on this device; the sync runner downloads
/// them when online.
pub fn set_keep_offline(kind: &str, on: bool, _status: Status) {
    let mut kinds = KEEP_OFFLINE.get().ok().flatten().unwrap_or_default();
    if on {
        kinds.insert(kind.to_string());
    } else {
        kinds.remove(kind);
    }
    let _ = KEEP_OFFLINE.set(&kinds);
    SHARED.with(|s| s.offline.set(kinds));
    crate::sync::ring();
}

/// Is a file chosen in `input`?
pub fn has_file(input: &web_sys::HtmlInputElement) -> bool {
    picked_file(input).is_some()
}

/// The text of a file for search, where it can be extracted in the browser (PDF, .docx,
/// .xlsx); `Ok(None)` for images, old Office files and protected files. A file that is
/// damaged or not of its type is an error: it is not attached.
fn extract(media: MediaType, bytes: &[u8]) -> Result<Option<String>, FileProblem> {
    match kenesh_core::office::extract_text(media, bytes) {
        Ok(text) => Ok(Some(text).filter(|t| !t.trim().is_empty())),
        Err(ExtractError::Corrupt(_)) => Err(FileProblem::Damaged),
        Err(ExtractError::Encrypted | ExtractError::Unsupported(_)) => Ok(None),
    }
}

fn cipher() -> Result<BlobCipher, FileProblem> {
    let key = crate::sync::space_key().map_err(|e| FileProblem::StoreFailed(e.to_string()))?;
    let space = read(|s| s.identity().space())
        .ok_or_else(|| FileProblem::StoreFailed("bad space id".into()))?;
    Ok(BlobCipher::new(space, &key))
}

/// How much of a file is hashed, sealed or opened between two looks at the page: tens of
/// milliseconds of work.
const PIECE: usize = 1 << 20;

/// Seals a file a piece at a time, giving the page back between pieces: in one go a 20 MB
/// file held it for over a second.
async fn seal(cipher: &BlobCipher, bytes: &[u8]) -> SealedBlob {
    let mut hasher = BlobHasher::default();
    for piece in bytes.chunks(PIECE) {
        hasher.update(piece);
        sleep(0).await;
    }
    let mut sealing = cipher.sealing(hasher.finish(), bytes.len());
    for piece in bytes.chunks(PIECE) {
        sealing.update(piece);
        sleep(0).await;
    }
    sealing.finish()
}

/// Opens a fetched envelope a piece at a time, with [`BlobCipher::open`]'s checks.
async fn open(
    cipher: &BlobCipher,
    plain: &BlobId,
    sealed: &BlobId,
    envelope: Vec<u8>,
) -> Result<Vec<u8>, BlobError> {
    let mut opening = cipher.opening(plain.clone(), sealed.clone(), envelope)?;
    while !opening.advance(PIECE)? {
        sleep(0).await;
    }
    Ok(opening.finish())
}

fn stored(e: StoreError) -> FileProblem {
    match e {
        StoreError::QuotaExceeded => FileProblem::Quota,
        e => FileProblem::StoreFailed(e.to_string()),
    }
}

/// Stores a file's bytes (and text) and shows it as here.
async fn keep(meta: BlobMeta, bytes: &[u8], text: Option<String>) -> Result<(), FileProblem> {
    store()
        .await
        .map_err(stored)?
        .put(&meta, bytes, text.as_deref())
        .await
        .map_err(stored)?;
    if let Some(id) = BlobId::parse(&meta.id) {
        SHARED.with(|s| {
            s.local.update(|l| {
                l.insert(id.clone());
            });
            if let Some(text) = text {
                s.texts.update(|t| {
                    t.insert(id, text);
                });
            }
        });
    }
    Ok(())
}

/// Adds the file chosen in `input`: checks it, reads it, seals it and stores it in one
/// transaction. Returns the attachment to put in the record, only once the blob is stored.
pub async fn add_file(input: &web_sys::HtmlInputElement) -> Result<Attachment, FileProblem> {
    let picked = picked_file(input).ok_or(FileProblem::Unreadable)?;
    let media = check_file(&picked.name, &picked.mime, picked.size).map_err(FileProblem::Check)?;
    let bytes = picked.read().await.map_err(|_| FileProblem::Unreadable)?;
    // The file may have changed between choosing and reading.
    check_file(&picked.name, &picked.mime, bytes.len() as u64).map_err(FileProblem::Check)?;
    let text = extract(media, &bytes)?;
    let sealed = seal(&cipher()?, &bytes).await;
    let meta = BlobMeta {
        id: sealed.plain.to_string(),
        sealed: Some(sealed.sealed.to_string()),
        size: bytes.len() as u64,
        uploaded: false,
        stored_ms: Some(now_ms()),
    };
    keep(meta, &bytes, text).await?;
    crate::sync::ring();
    Ok(Attachment::of_sealed(&picked.name, media, &sealed))
}

fn relay() -> Option<(RelayClient, String)> {
    let identity = read(|s| s.identity().clone());
    let link = identity.relay?;
    Some((RelayClient::new(&link.url, &link.token), identity.space_id))
}

/// Fetches a file from the relay, opens it, checks it is the attached file and keeps it.
async fn fetch(
    client: &RelayClient,
    space: &str,
    file: &Attachment,
) -> Result<Vec<u8>, FileProblem> {
    let sealed = file.sealed.as_ref().ok_or(FileProblem::Missing)?;
    let envelope = client
        .blob(space, sealed.as_str())
        .await
        .map_err(|e| match e {
            RelayError::Refused { status: 404, .. } => FileProblem::Missing,
            _ => FileProblem::Offline,
        })?;
    let bytes = open(&cipher()?, &file.blob, sealed, envelope)
        .await
        .map_err(|_: BlobError| FileProblem::Corrupt)?;
    let meta = BlobMeta {
        id: file.blob.to_string(),
        sealed: Some(sealed.to_string()),
        size: bytes.len() as u64,
        uploaded: true,
        stored_ms: Some(now_ms()),
    };
    // Kept for next time (its text for the search, where it has one); a full disk only
    // means it is fetched again.
    let text = file.media().and_then(|m| extract(m, &bytes).ok().flatten());
    let _ = keep(meta, &bytes, text).await;
    Ok(bytes)
}

/// The bytes of an attached file: from this device, else from the relay.
pub async fn open_file(file: &Attachment) -> Result<Vec<u8>, FileProblem> {
    let store = store().await.map_err(stored)?;
    if let Some(bytes) = store.bytes(file.blob.as_str()).await.map_err(stored)? {
        return Ok(bytes);
    }
    let (client, space) = relay().ok_or(FileProblem::NoRelay)?;
    fetch(&client, &space, file).await
}

/// Uploads the files the relay lacks, then downloads the files of the sections kept
/// offline that are not here. Run by the sync runner after it pushed the changes (the
/// records that name the files), so a device that reads a record soon finds its file.
pub async fn sync_files(client: &RelayClient, space: &str) -> Result<(), RelayError> {
    let Ok(store) = store().await else {
        return Ok(());
    };
    let Ok(metas) = store.metas().await else {
        return Ok(());
    };
    let pending: Vec<&BlobMeta> = metas.iter().filter(|m| !m.uploaded).collect();
    if !pending.is_empty() {
        let cipher = cipher().map_err(|e| RelayError::BadAnswer(format!("{e:?}")))?;
        for meta in pending {
            let Ok(Some(bytes)) = store.bytes(&meta.id).await else {
                continue;
            };
            let sealed = seal(&cipher, &bytes).await;
            client
                .put_blob(space, sealed.sealed.as_str(), &sealed.bytes)
                .await?;
            let _ = store.mark_uploaded(meta).await;
        }
    }
    let kept = KEEP_OFFLINE.get().ok().flatten().unwrap_or_default();
    if kept.is_empty() {
        return Ok(());
    }
    let here: HashSet<&str> = metas.iter().map(|m| m.id.as_str()).collect();
    let documents: HashMap<String, LibraryDocument> = super::records(DocKind::Library);
    let mut wanted: Vec<Attachment> = Vec::new();
    for d in documents.values() {
        if d.is_removed() || !kept.contains(&d.kind) {
            continue;
        }
        for f in &d.files {
            if !here.contains(f.blob.as_str()) && !wanted.iter().any(|w| w.blob == f.blob) {
                wanted.push(f.clone());
            }
        }
    }
    for file in wanted {
        match fetch(client, space, &file).await {
            Ok(_) | Err(FileProblem::Missing | FileProblem::Corrupt) => {}
            Err(FileProblem::Offline) => {
                return Err(RelayError::Unreachable("blob download".into()));
            }
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}
