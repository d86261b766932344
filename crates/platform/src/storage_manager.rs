//! `navigator.storage`: how much this origin uses, its quota, and persistence (so the browser
//! does not evict the school's data under storage pressure).

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

use crate::error::StoreError;

/// What `navigator.storage.estimate()` reports, in bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageUsage {
    pub usage: f64,
    pub quota: f64,
}

impl StorageUsage {
    /// Used share of the quota, from 0 to 1 (0 if the quota is unknown).
    pub fn fraction(&self) -> f64 {
        if self.quota > 0.0 {
            self.usage / self.quota
        } else {
            0.0
        }
    }
}

/// Usage and quota of this origin (all of its storage, not only IndexedDB). Browsers round
/// these numbers and may update them with some delay.
pub async fn usage() -> Result<StorageUsage, StoreError> {
    let estimate: StorageEstimate = JsFuture::from(manager()?.estimate()?)
        .await?
        .unchecked_into();
    Ok(StorageUsage {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
    })
}

/// Asks the browser to keep this origin's data under storage pressure
/// (`navigator.storage.persist()`). The answer says whether it is persistent now; browsers
/// may grant it silently (installed apps, frequent use), ask the user, or refuse.
pub async fn persist() -> Result<bool, StoreError> {
    let granted = JsFuture::from(manager()?.persist()?).await?;
    Ok(granted.as_bool().unwrap_or(false))
}

/// Whether this origin's storage is already persistent (`navigator.storage.persisted()`).
pub async fn persisted() -> Result<bool, StoreError> {
    let persisted = JsFuture::from(manager()?.persisted()?).await?;
    Ok(persisted.as_bool().unwrap_or(false))
}

/// `navigator.storage` of the current global (window or worker).
fn manager() -> Result<StorageManager, StoreError> {
    let unavailable = || StoreError::Other("navigator.storage is not available".into());
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .map_err(|_| unavailable())?;
    Reflect::get(&navigator, &JsValue::from_str("storage"))
        .ok()
        .and_then(|s| s.dyn_into::<StorageManager>().ok())
        .ok_or_else(unavailable)
}
