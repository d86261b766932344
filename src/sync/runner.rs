//! The background sync of one space in this tab: push what is stored, pull what is new,
//! store it before moving the cursor, hold the notify socket, retry with backoff.
//!
//! Only one tab of a browser runs it (a Web Lock); the others see its changes through
//! IndexedDB and the BroadcastChannel like any other tab's edits.
//!
//! Crash guard: before applying pulled entries the runner writes the range it is applying
//! (`applying`), and clears it with the new engine state in one transaction. A marker found
//! on start means the page died while applying: a range is then pulled again one entry at
//! a time, and a single entry found in the marker is skipped (reported, never applied
//! again), so one entry that crashes Automerge cannot keep the app from opening.

use super::{SyncState, SyncStatus};
use crate::store::{Status, remote};
use kenesh_core::sync::SyncEngine;
use kenesh_platform::{
    Alarm, RelayClient, RelayError, StoreError, SyncStore, Watch, hold_lock, now_ms, random_bytes,
};
use kenesh_protocol::{Entry, Pulled, bytes};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::rc::Rc;

pub(super) const ENGINE: &str = "engine";
pub(super) const APPLYING: &str = "applying";
pub(super) const SNAPSHOT_SEQ: &str = "snapshot-seq";
const SKIPPED: &str = "skipped";

/// Entries per pull.
const PULL_LIMIT: u32 = 200;
/// A fresh snapshot is uploaded once the log grew this much past the last one.
const SNAPSHOT_EVERY: u64 = 100;
/// With nothing to wake it, the runner still polls this often (ms).
const IDLE_POLL_MS: u32 = 60_000;
const MAX_BACKOFF_MS: u32 = 10_000;

#[derive(Serialize, Deserialize)]
struct Applying {
    from: u64,
    to: u64,
}

#[derive(Debug)]
enum Fail {
    Offline,
    Revoked,
    Storage(String),
    Other(String),
}

impl From<RelayError> for Fail {
    fn from(e: RelayError) -> Fail {
        match e {
            RelayError::Unreachable(_) => Fail::Offline,
            e if e.is_access_denied() => Fail::Revoked,
            e => Fail::Other(e.to_string()),
        }
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Fail {
        Fail::Storage(e.to_string())
    }
}

struct Runner {
    status: Status,
    sync: SyncStatus,
    alarm: Alarm,
    store: SyncStore,
    engine: SyncEngine,
    key: kenesh_core::crypto::SpaceKey,
    client: RelayClient,
    space: String,
    /// The relay's head as last heard (a pull's answer or the socket).
    head: Rc<Cell<u64>>,
    /// Pull one entry at a time up to here (after a crash while applying).
    careful_until: u64,
    snapshot_seq: u64,
    skipped: Vec<u64>,
    watch: Option<Watch>,
    watch_closed: Rc<Cell<bool>>,
}

pub(super) async fn run(status: Status, sync: SyncStatus, alarm: Alarm) {
    let identity = remote::identity();
    let (Some(link), Some(key), Some(space)) = (
        identity.relay.clone(),
        identity.space_key(),
        identity.space(),
    ) else {
        sync.state.set(SyncState::NotConnected);
        return;
    };
    sync.state.set(SyncState::OtherTab);
    // Held for the life of the page.
    let _lock = hold_lock(&format!("kenesh-sync-{}", identity.space_id)).await;
    sync.state.set(SyncState::Syncing);
    let store = match SyncStore::open(&identity.sync_db_name()).await {
        Ok(s) => s,
        Err(e) => {
            sync.state.set(SyncState::Failed(e.to_string()));
            return;
        }
    };
    let engine = match load_engine(&store, &key).await {
        Ok(engine) => engine.unwrap_or_else(|| SyncEngine::new(space, &key)),
        Err(e) => {
            sync.state.set(SyncState::Failed(e));
            return;
        }
    };
    let snapshot_seq = read_u64(&store, SNAPSHOT_SEQ).await;
    let skipped: Vec<u64> = match store.get(SKIPPED).await {
        Ok(Some(b)) => serde_json::from_slice(&b).unwrap_or_default(),
        _ => Vec::new(),
    };
    sync.skipped.set(skipped.clone());
    let mut runner = Runner {
        status,
        sync,
        alarm,
        store,
        engine,
        key,
        client: RelayClient::new(&link.url, &link.token),
        space: identity.space_id.clone(),
        head: Rc::new(Cell::new(0)),
        careful_until: 0,
        snapshot_seq,
        skipped,
        watch: None,
        watch_closed: Rc::new(Cell::new(true)),
    };
    if let Err(e) = runner.recover().await {
        sync.state.set(SyncState::Failed(format!("{e:?}")));
        return;
    }
    runner.main().await;
}

async fn load_engine(
    store: &SyncStore,
    key: &kenesh_core::crypto::SpaceKey,
) -> Result<Option<SyncEngine>, String> {
    match store.get(ENGINE).await.map_err(|e| e.to_string())? {
        None => Ok(None),
        Some(bytes) => match SyncEngine::from_bytes(&bytes, key) {
            Ok(engine) => Ok(Some(engine)),
            // A state written by a newer version is not overwritten.
            Err(e @ kenesh_core::sync::StateError::UnknownVersion(_)) => Err(e.to_string()),
            // An unreadable state costs a full pull and a repeated push, nothing more.
            Err(_) => Ok(None),
        },
    }
}

async fn read_u64(store: &SyncStore, name: &str) -> u64 {
    match store.get(name).await {
        Ok(Some(b)) => std::str::from_utf8(&b)
            .ok()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0),
        _ => 0,
    }
}

fn backoff_ms(failures: u32) -> u32 {
    (500u32 << failures.min(6)).min(MAX_BACKOFF_MS)
}

impl Runner {
    async fn main(&mut self) {
        let mut failures = 0u32;
        let mut force_pull = true;
        loop {
            self.ensure_watch();
            if failures == 0 {
                self.sync.state.set(SyncState::Syncing);
            }
            match self.round(force_pull).await {
                Ok(()) => {
                    failures = 0;
                    force_pull = false;
                    self.sync.state.set(SyncState::Synced(now_ms() as f64));
                }
                Err(Fail::Offline) => {
                    failures += 1;
                    force_pull = true;
                    self.watch = None;
                    self.sync.state.set(SyncState::Offline);
                }
                Err(Fail::Revoked) => {
                    self.watch = None;
                    self.sync.state.set(SyncState::Revoked);
                    self.update_unsent();
                    return;
                }
                Err(Fail::Storage(e) | Fail::Other(e)) => {
                    failures += 1;
                    force_pull = true;
                    self.sync.state.set(SyncState::Failed(e));
                }
            }
            self.update_unsent();
            let timeout = if failures == 0 {
                IDLE_POLL_MS
            } else {
                backoff_ms(failures)
            };
            if !self.alarm.wait(timeout).await {
                force_pull = true;
            }
        }
    }

    fn update_unsent(&mut self) {
        let engine = &self.engine;
        let unsent = remote::with_docs(|d| engine.unsent(d));
        self.sync.unsent.set(unsent);
    }

    /// Holds the notify socket open: each new head wakes the runner.
    fn ensure_watch(&mut self) {
        if self.watch.is_some() && !self.watch_closed.get() {
            return;
        }
        self.watch = None;
        let head = self.head.clone();
        let alarm = self.alarm.clone();
        let closed = self.watch_closed.clone();
        closed.set(false);
        let closed2 = closed.clone();
        let alarm2 = self.alarm.clone();
        let opened = now_ms();
        match self.client.watch(
            &self.space,
            move |h| {
                if h > head.get() {
                    head.set(h);
                    alarm.ring();
                }
            },
            move || {
                closed2.set(true);
                // A socket that worked for a while dropped (the relay restarted, the
                // network changed): reconnect and catch up now. One that fails at once
                // waits for the backoff.
                if now_ms().saturating_sub(opened) > 5_000 {
                    alarm2.ring();
                }
            },
        ) {
            Ok(w) => self.watch = Some(w),
            Err(_) => closed.set(true),
        }
    }

    async fn save_state(&self) -> Result<(), Fail> {
        self.store.put(ENGINE, &self.engine.to_bytes()).await?;
        Ok(())
    }

    /// After a crash while applying: see the module's docs.
    async fn recover(&mut self) -> Result<(), Fail> {
        let Some(marker) = self.store.get(APPLYING).await? else {
            return Ok(());
        };
        let Ok(applying) = serde_json::from_slice::<Applying>(&marker) else {
            self.store.delete(APPLYING).await?;
            return Ok(());
        };
        if applying.to <= self.engine.cursor() {
            self.store.delete(APPLYING).await?;
            return Ok(());
        }
        if applying.from == applying.to {
            // This one entry crashed the page: skip it for good, as one that fails to open.
            let seq = applying.from;
            let skip = Pulled {
                entries: vec![Entry {
                    seq,
                    data: String::new(),
                }],
                head: seq,
            };
            let engine = &mut self.engine;
            remote::with_docs(|d| engine.apply_pulled(d, &skip));
            self.skipped.push(seq);
            self.sync.skipped.set(self.skipped.clone());
            let skipped = serde_json::to_vec(&self.skipped).unwrap_or_default();
            let state = self.engine.to_bytes();
            self.store
                .write(&[
                    (ENGINE, Some(&state)),
                    (SKIPPED, Some(&skipped)),
                    (APPLYING, None),
                ])
                .await?;
        } else {
            self.careful_until = applying.to;
            self.store.delete(APPLYING).await?;
        }
        Ok(())
    }

    async fn round(&mut self, force_pull: bool) -> Result<(), Fail> {
        if force_pull || self.head.get() > self.engine.cursor() {
            while self.pull_once().await? {}
        }
        self.push_all().await?;
        // The library's files: after the records that name them (#5).
        crate::store::blobs::sync_files(&self.client, &self.space).await?;
        // Others pushed between our pull and our push (the relay's head is past our
        // cursor): fetch their entries now rather than at the next wake.
        if self.head.get() > self.engine.cursor() {
            while self.pull_once().await? {}
        }
        self.maybe_snapshot().await;
        Ok(())
    }

    /// Pulls and applies one batch; true when more wait at the relay.
    async fn pull_once(&mut self) -> Result<bool, Fail> {
        let cursor = self.engine.cursor();
        let limit = if self.careful_until > cursor {
            1
        } else {
            PULL_LIMIT
        };
        let pulled = self.client.pull(&self.space, cursor, limit).await?;
        self.head.set(self.head.get().max(pulled.head));
        let fresh = pulled.entries.iter().map(|e| e.seq).filter(|&s| s > cursor);
        let (Some(from), Some(to)) = (fresh.clone().min(), fresh.max()) else {
            return Ok(false);
        };
        let marker = serde_json::to_vec(&Applying { from, to }).unwrap_or_default();
        self.store.put(APPLYING, &marker).await?;
        let engine = &mut self.engine;
        let report = remote::with_docs(|d| engine.apply_pulled(d, &pulled));
        if !report.rejected.is_empty() {
            self.skipped.extend(report.rejected.iter().map(|r| r.seq));
            self.sync.skipped.set(self.skipped.clone());
        }
        if !report.changed.is_empty() {
            self.status.changed();
        }
        // The pulled changes are stored before the cursor that says they were applied.
        if !remote::store_all(self.status).await {
            self.store.delete(APPLYING).await?;
            // Forget the advance: the changes stay in the documents (idempotent to pull
            // again) and are stored once the disk has room.
            if let Ok(Some(engine)) = load_engine(&self.store, &self.key).await {
                self.engine = engine;
            } else {
                self.engine = SyncEngine::new(self.engine.space(), &self.key);
            }
            return Err(Fail::Storage("storage".into()));
        }
        let state = self.engine.to_bytes();
        let skipped = serde_json::to_vec(&self.skipped).unwrap_or_default();
        self.store
            .write(&[
                (ENGINE, Some(&state)),
                (SKIPPED, Some(&skipped)),
                (APPLYING, None),
            ])
            .await?;
        Ok(report.more())
    }

    /// Pushes every stored change the relay lacks.
    async fn push_all(&mut self) -> Result<(), Fail> {
        remote::store_all(self.status).await;
        loop {
            let batch = bytes::encode(&random_bytes::<12>());
            let engine = &mut self.engine;
            let push =
                remote::with_docs(|d| engine.prepare_push(d, &mut || random_bytes(), &batch));
            let Some(push) = push else {
                return Ok(());
            };
            // The push in flight is kept first: a retry after a lost answer sends the same
            // batch, and the relay appends nothing twice.
            self.save_state().await?;
            match self.client.push(&self.space, &push).await {
                Ok(pushed) => {
                    let engine = &mut self.engine;
                    remote::with_docs(|d| engine.push_acknowledged(d, &push.batch, &pushed));
                    self.head.set(self.head.get().max(pushed.last));
                    self.save_state().await?;
                }
                Err(RelayError::Refused {
                    status: status @ (400 | 409 | 413),
                    message,
                }) => {
                    self.engine.abandon_push();
                    self.save_state().await?;
                    return Err(Fail::Other(format!("{status}: {message}")));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Uploads a fresh snapshot now and then, so a new device starts fast.
    async fn maybe_snapshot(&mut self) {
        let cursor = self.engine.cursor();
        let due = cursor > 0
            && (self.snapshot_seq == 0 || cursor >= self.snapshot_seq + SNAPSHOT_EVERY)
            && self.engine.in_flight().is_none();
        if !due {
            return;
        }
        let engine = &mut self.engine;
        let Ok(snapshot) = remote::with_docs(|d| engine.snapshot(d, random_bytes())) else {
            return;
        };
        match self.client.put_snapshot(&self.space, &snapshot).await {
            Ok(()) | Err(RelayError::Refused { status: 409, .. }) => {
                self.snapshot_seq = cursor;
                let _ = self
                    .store
                    .put(SNAPSHOT_SEQ, cursor.to_string().as_bytes())
                    .await;
            }
            Err(_) => {}
        }
    }
}
