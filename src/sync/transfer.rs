//! The space as one encrypted file, for when there is no relay: export it, and merge a
//! colleague's file into this device's documents.

use super::Failure;
use crate::store::{Status, remote};
use kenesh_core::sync::{SyncError, export, import};
use kenesh_platform::{download, now_ms, random_bytes};

/// Saves every stored change of the space as one encrypted file (a download).
pub async fn export_file(status: Status) -> Result<(), Failure> {
    let cipher = super::cipher()?;
    if !remote::store_all(status).await {
        return Err(Failure::Storage("pending".into()));
    }
    let file = remote::with_docs(|d| export(&cipher, d, random_bytes()))
        .map_err(|e| Failure::Storage(e.to_string()))?;
    let date = js_sys::Date::new(&(now_ms() as f64).into());
    let name = format!(
        "kenesh-{:04}-{:02}-{:02}.kenesh",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    );
    download(&name, &file).map_err(Failure::Storage)
}

/// Merges a file made by [`export_file`] on a colleague's device of the same space.
/// Nothing changes when it fails to open; what it brings is stored and then synced.
/// Returns how many documents got something new.
pub async fn import_file(file: &[u8], status: Status) -> Result<usize, Failure> {
    let cipher = super::cipher()?;
    let merged = remote::with_docs(|d| import(&cipher, d, file)).map_err(|e| match e {
        SyncError::Doc(doc, e) => Failure::Storage(format!("{doc}: {e}")),
        e => Failure::BadFile(e.to_string()),
    })?;
    status.changed();
    if !remote::store_all(status).await {
        return Err(Failure::Storage("pending".into()));
    }
    super::ring();
    Ok(merged.changed.len())
}
