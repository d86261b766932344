//! Browser adapters for Kenesh: the only place that touches `web-sys`.
//!
//! - [`doc_store`]: Automerge documents in IndexedDB as one snapshot plus incremental chunks;
//! - [`blob_store`]: attached files (content-addressed blobs) in the same database;
//! - [`storage_manager`]: `navigator.storage` (usage, quota, persistence);
//! - [`prefs`]: small preferences in localStorage;
//! - [`first_view`]: the first screen's views, copied into localStorage;
//! - [`broadcast`]: telling the other tabs of this browser about new chunks;
//! - [`random`]: the clock and the random number generator the core gets passed in;
//! - [`relay_client`]: the school's relay over HTTP and a WebSocket (ciphertext only);
//! - [`sync_store`]: the sync engine's state in IndexedDB;
//! - [`background`]: waits that can be cut short, Web Locks, online state;
//! - [`files`]: downloads, chosen files, the clipboard;
//! - [`frame`]: waiting until the screen has been painted;
//! - [`page_hidden`]: the page being hidden (closed, or the app sent to the background);
//! - [`early_open`]: the space's database opened by the page before the wasm runs.
//!
//! The crate is browser-only. On every other target it compiles to an empty library so that
//! `cargo check --workspace` on the host does not break.
#![cfg(target_arch = "wasm32")]

pub mod background;
pub mod blob_store;
pub mod broadcast;
pub mod doc_store;
pub mod early_open;
pub mod error;
mod events;
pub mod files;
pub mod first_view;
pub mod frame;
mod idb;
pub mod page_hidden;
pub mod prefs;
pub mod random;
pub mod relay_client;
pub mod storage_manager;
pub mod sync_store;

pub use background::{Alarm, LockGuard, hold_lock, online, sleep};
pub use blob_store::{BlobMeta, BlobStore};
pub use broadcast::{Broadcast, BroadcastError, Message, Subscription};
pub use doc_store::{ChunkKey, DocStore, StoredChunk, StoredParts, StoredView, delete_database};
pub use error::StoreError;
pub use files::{ObjectUrl, PickedFile, chosen_file, copy_text, download, picked_file};
pub use frame::after_paint;
pub use page_hidden::on_page_hidden;
pub use prefs::{Pref, PrefsError};
pub use random::{fill_random, now_ms, random_bytes};
pub use relay_client::{RelayClient, RelayError, Watch};
pub use storage_manager::{StorageUsage, persist, persisted, usage};
pub use sync_store::SyncStore;
