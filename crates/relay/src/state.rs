//! What the handlers share: today the folder of the built app.

use std::path::{Path, PathBuf};

/// Shared state of the relay, cloned into each route that needs it.
#[derive(Debug, Clone)]
pub struct AppState {
    dist: PathBuf,
}

impl AppState {
    /// State serving the built app from `dist` (the folder holding index.html).
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Self { dist: dist.into() }
    }

    /// The folder of the built app.
    pub fn dist(&self) -> &Path {
        &self.dist
    }
}
