//! Small preferences in localStorage (through `gloo-storage`), as JSON under keys prefixed
//! with `kenesh.`.
//!
//! Declare a preference once with its type and read or write it anywhere:
//!
//! ```ignore
//! const DEVICE: Pref<DeviceIdentity> = Pref::new("device");
//! DEVICE.set(&identity)?;
//! let identity: Option<DeviceIdentity> = DEVICE.get()?;
//! ```

use std::fmt;
use std::marker::PhantomData;

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Prepended to every key this module reads or writes.
pub const PREFIX: &str = "kenesh.";

/// Why a preference could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrefsError {
    /// No localStorage here (a worker, or storage disabled by the user).
    #[error("localStorage is not available")]
    Unavailable,
    /// localStorage is full.
    #[error("localStorage is full")]
    QuotaExceeded,
    /// The stored value is not valid JSON for the requested type.
    #[error("the stored value of {key} is invalid: {message}")]
    Invalid { key: String, message: String },
    /// Anything else the browser reported.
    #[error("{0}")]
    Other(String),
}

/// A preference: its name (without [`PREFIX`]) and the type of its value.
pub struct Pref<T> {
    name: &'static str,
    _value: PhantomData<fn() -> T>,
}

impl<T> Pref<T> {
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            _value: PhantomData,
        }
    }

    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The localStorage key: `kenesh.<name>`.
    pub fn key(&self) -> String {
        key(self.name)
    }

    /// Removes the stored value.
    pub fn remove(&self) -> Result<(), PrefsError> {
        remove(self.name)
    }
}

impl<T: DeserializeOwned> Pref<T> {
    /// The stored value, `None` if there is none.
    pub fn get(&self) -> Result<Option<T>, PrefsError> {
        get(self.name)
    }
}

impl<T: Serialize> Pref<T> {
    pub fn set(&self, value: &T) -> Result<(), PrefsError> {
        set(self.name, value)
    }
}

impl<T> Clone for Pref<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Pref<T> {}

impl<T> fmt::Debug for Pref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pref").field(&self.name).finish()
    }
}

/// The localStorage key of preference `name`: `kenesh.<name>`.
pub fn key(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// Reads preference `name` as JSON; `None` if it is not set.
pub fn get<T: DeserializeOwned>(name: &str) -> Result<Option<T>, PrefsError> {
    check_available()?;
    let key = key(name);
    match LocalStorage::get::<T>(&key) {
        Ok(value) => Ok(Some(value)),
        Err(StorageError::KeyNotFound(_)) => Ok(None),
        Err(StorageError::SerdeError(error)) => Err(PrefsError::Invalid {
            key,
            message: error.to_string(),
        }),
        Err(error) => Err(map_error(error)),
    }
}

/// Writes preference `name` as JSON.
pub fn set<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<(), PrefsError> {
    check_available()?;
    LocalStorage::set(key(name), value).map_err(map_error)
}

/// Removes preference `name`.
pub fn remove(name: &str) -> Result<(), PrefsError> {
    check_available()?;
    LocalStorage::delete(key(name));
    Ok(())
}

/// gloo-storage panics when there is no localStorage; check first.
fn check_available() -> Result<(), PrefsError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(()),
        _ => Err(PrefsError::Unavailable),
    }
}

fn map_error(error: StorageError) -> PrefsError {
    match error {
        StorageError::JsError(js) if js.name == "QuotaExceededError" => PrefsError::QuotaExceeded,
        StorageError::SerdeError(error) => PrefsError::Other(error.to_string()),
        other => PrefsError::Other(other.to_string()),
    }
}
