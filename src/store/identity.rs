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
    /// The space key (32 bytes, base64url), made on the first device when it first needs
    /// it (connecting to a relay, exporting) and carried by invites. Never sent to a relay.
    #[serde(default)]
    pub key: Option<String>,
    /// The relay this device syncs through, once connected.
    #[serde(default)]
    pub relay: Option<RelayLink>,
}

/// This device's membership at a relay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelayLink {
    /// The relay's base URL (`http(s)://host:port`).
    pub url: String,
    /// This device's access token (base64url); the relay keeps only its hash.
    pub token: String,
    /// The relay's id of this member.
    pub member: String,
    /// Whether this member may invite others.
    pub admin: bool,
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

    /// The space key, if this device has one.
    pub fn space_key(&self) -> Option<kenesh_core::crypto::SpaceKey> {
        let bytes = kenesh_protocol::bytes::decode(self.key.as_deref()?)?;
        Some(kenesh_core::crypto::SpaceKey::from_bytes(
            bytes.try_into().ok()?,
        ))
    }

    /// The space id as the core's type.
    pub fn space(&self) -> Option<kenesh_core::crypto::SpaceId> {
        kenesh_core::crypto::SpaceId::parse(&self.space_id)
    }

    /// The IndexedDB database of the sync engine's state.
    pub fn sync_db_name(&self) -> String {
        format!("kenesh-sync-{}", self.space_id)
    }

    /// The IndexedDB database of this space.
    pub fn db_name(&self) -> String {
        format!("kenesh-{}", self.space_id)
    }
}
