//! What the handlers share: the built app's folder, the store, the WebSocket hub and the
//! limits.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::db::Db;
use crate::limits::{ConnectionCap, Limits, RateLimiter};
use crate::notify::Hub;

/// Shared state of the relay, cloned into each route that needs it (cheap: one `Arc`).
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    dist: PathBuf,
    db: Db,
    hub: Hub,
    rate: RateLimiter,
    connections: ConnectionCap,
}

impl AppState {
    /// State serving the built app from `dist` (the folder holding index.html) and the
    /// sync API from `db`, with the default [`Limits`].
    pub fn new(dist: impl Into<PathBuf>, db: Db) -> Self {
        Self::with_limits(dist, db, Limits::default())
    }

    /// Like [`AppState::new`] with the given limits.
    pub fn with_limits(dist: impl Into<PathBuf>, db: Db, limits: Limits) -> Self {
        Self {
            inner: Arc::new(Inner {
                dist: dist.into(),
                db,
                hub: Hub::default(),
                rate: RateLimiter::new(limits.rate, limits.burst),
                connections: ConnectionCap::new(limits.max_connections),
            }),
        }
    }

    /// The folder of the built app.
    pub fn dist(&self) -> &Path {
        &self.inner.dist
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn hub(&self) -> &Hub {
        &self.inner.hub
    }

    pub(crate) fn rate(&self) -> &RateLimiter {
        &self.inner.rate
    }

    pub(crate) fn connections(&self) -> &ConnectionCap {
        &self.inner.connections
    }
}
