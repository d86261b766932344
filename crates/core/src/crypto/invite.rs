//! What an invite link carries in its fragment (after `#`, which browsers never send to a
//! server): the relay's address, the space id, the space key and the one-time invite secret
//! the relay checks (it keeps only the secret's hash).
//!
//! The payload is one unpadded base64url string: `version (1) ‖ space id (16) ‖ space key
//! (32) ‖ invite secret (32) ‖ relay URL (UTF-8, the rest)`. About 150 characters for a
//! short URL, small enough for a QR code a tablet camera reads.

use super::{SpaceId, SpaceKey};

/// The invite format this build writes.
pub const INVITE_VERSION: u8 = 1;
const FIXED: usize = 1 + 16 + 32 + 32;
/// Longest relay URL an invite carries.
pub const MAX_RELAY_URL: usize = 2048;

#[derive(Clone, PartialEq, Eq)]
pub struct Invite {
    /// The relay's base URL, `http://` or `https://`.
    pub relay: String,
    pub space: SpaceId,
    pub key: SpaceKey,
    /// The one-time secret the newcomer shows the relay to join (`JoinSpace::invite`).
    pub secret: [u8; 32],
}

impl std::fmt::Debug for Invite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invite")
            .field("relay", &self.relay)
            .field("space", &self.space)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InviteError {
    #[error("the invite is empty")]
    Empty,
    #[error("the invite is not base64url text")]
    NotBase64,
    #[error("the invite was made by a newer version of Kenesh (format {0})")]
    UnknownVersion(u8),
    #[error("the invite is cut short")]
    TooShort,
    #[error("the invite's relay address is not a valid http(s) URL")]
    BadRelayUrl,
}

fn valid_relay(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(host) if !host.is_empty() && !host.starts_with('/'))
        && url.len() <= MAX_RELAY_URL
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl Invite {
    /// The invite as the text after `#` in the link. Fails only for a relay URL that could
    /// not be read back.
    pub fn to_fragment(&self) -> Result<String, InviteError> {
        if !valid_relay(&self.relay) {
            return Err(InviteError::BadRelayUrl);
        }
        let mut bytes = Vec::with_capacity(FIXED + self.relay.len());
        bytes.push(INVITE_VERSION);
        bytes.extend_from_slice(&self.space.0);
        bytes.extend_from_slice(self.key.as_bytes());
        bytes.extend_from_slice(&self.secret);
        bytes.extend_from_slice(self.relay.as_bytes());
        Ok(kenesh_protocol::bytes::encode(&bytes))
    }

    /// The invite secret as the relay expects it (`CreateInvite::invite`, `JoinSpace::invite`).
    pub fn secret_text(&self) -> String {
        kenesh_protocol::bytes::encode(&self.secret)
    }

    /// Reads an invite from a whole link, from its fragment with or without the `#`, or
    /// from the payload alone (surrounding whitespace is ignored).
    pub fn parse(text: &str) -> Result<Invite, InviteError> {
        let text = text.trim();
        let payload = match text.rfind('#') {
            Some(at) => &text[at + 1..],
            None => text,
        };
        if payload.is_empty() {
            return Err(InviteError::Empty);
        }
        let bytes = kenesh_protocol::bytes::decode(payload).ok_or(InviteError::NotBase64)?;
        let &version = bytes.first().ok_or(InviteError::Empty)?;
        if version != INVITE_VERSION {
            return Err(InviteError::UnknownVersion(version));
        }
        if bytes.len() <= FIXED {
            return Err(InviteError::TooShort);
        }
        let space = SpaceId(bytes[1..17].try_into().expect("16 bytes"));
        let key = SpaceKey::from_bytes(bytes[17..49].try_into().expect("32 bytes"));
        let secret: [u8; 32] = bytes[49..81].try_into().expect("32 bytes");
        let relay = std::str::from_utf8(&bytes[FIXED..]).map_err(|_| InviteError::BadRelayUrl)?;
        if !valid_relay(relay) {
            return Err(InviteError::BadRelayUrl);
        }
        Ok(Invite {
            relay: relay.to_string(),
            space,
            key,
            secret,
        })
    }
}
