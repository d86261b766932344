//! This device's place in a space, kept in localStorage: which space it opens and which
//! Automerge actor (tied to a member) it writes as.

use kenesh_platform::{Pref, PrefsError};
use serde::{Deserialize, Serialize};

const IDENTITY: Pref<Identity> = Pref::new("identity");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    pub space_id: String,
    /// 16 bytes as hex: this device's Automerge actor id.
    pub actor: String,
    pub member_id: String,
}

impl Identity {
    pub fn load() -> Option<Identity> {
        IDENTITY.get().ok().flatten()
    }

    pub fn save(&self) -> Result<(), PrefsError> {
        IDENTITY.set(self)
    }

    pub fn actor_bytes(&self) -> Vec<u8> {
        (0..self.actor.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(self.actor.get(i..i + 2)?, 16).ok())
            .collect()
    }

    /// The IndexedDB database of this space.
    pub fn db_name(&self) -> String {
        format!("kenesh-{}", self.space_id)
    }
}
