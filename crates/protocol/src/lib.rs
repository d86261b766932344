//! The relay's wire protocol, shared by the relay (`kenesh-relay`) and the browser's sync
//! engine. Every payload here is ciphertext the relay cannot read: it stores and forwards
//! bytes, nothing else.
//!
//! All routes live under `/api/spaces/{space}` where `{space}` is [`SpaceId`] text (32
//! lowercase hex digits). Requests other than registration and joining carry
//! `Authorization: Bearer <token>`; a token is 32 random bytes as unpadded base64url, and
//! the relay keeps only its SHA-256.
//!
//! | method and path | body | answer |
//! |---|---|---|
//! | `POST /api/spaces/{space}` | [`RegisterSpace`] | 201 [`Joined`]; 409 if the space exists |
//! | `POST /api/spaces/{space}/invites` (admin) | [`CreateInvite`] | 201 |
//! | `POST /api/spaces/{space}/members` | [`JoinSpace`] | 201 [`Joined`]; 403 for a used, expired or unknown invite |
//! | `GET /api/spaces/{space}/members` (admin) | – | 200 [`MemberList`] |
//! | `DELETE /api/spaces/{space}/members/{member}` (admin) | – | 204; that member's token is refused from then on |
//! | `POST /api/spaces/{space}/log` | [`PushEntries`] | 200 [`Pushed`], sent only once the entries are durable |
//! | `GET /api/spaces/{space}/log?after=N&limit=M` | – | 200 [`Pulled`] |
//! | `PUT /api/spaces/{space}/blobs/{sha256 hex}` | raw ciphertext | 201; 400 if the hash does not match the body |
//! | `GET /api/spaces/{space}/blobs/{sha256 hex}` | – | 200 raw ciphertext |
//! | `PUT /api/spaces/{space}/snapshot` | [`PutSnapshot`] | 204 |
//! | `GET /api/spaces/{space}/snapshot` | – | 200 [`Snapshot`]; 404 if none |
//! | `GET /api/spaces/{space}/ws` | WebSocket; first client message is the token | server sends [`Notify`] as JSON text |
//!
//! Errors: 400 malformed input, 401 missing or unknown token, 403 revoked token or not an
//! administrator, 404 unknown space, 409 conflict, 413 over a limit, 429 too many requests
//! (with `Retry-After`), 503 the relay holds its most WebSocket connections; the body is
//! [`ErrorBody`]. A request on a space is checked in this order: ids (400), token present
//! (401), space known (404), token known (401), not revoked (403), administrator (403),
//! rate (429), then the body (400, 413).
//!
//! Details the table leaves out:
//! - Registering again with the token that registered the space (a retry after a lost
//!   answer) answers 201 and the same [`Joined`]; joining again with the same invite and
//!   token likewise. Joining with a token already in the space is 409.
//! - An invite secret is [`limits::INVITE_BYTES`] random bytes as unpadded base64url; a
//!   member id is 32 lowercase hex digits; a batch id is 1 to 64 base64url characters.
//! - A push needs 1 to [`limits::MAX_ENTRIES_PER_PUSH`] entries (0 is 400, more is 413). A
//!   batch id pushed before answers its first sequence numbers and appends nothing; reused
//!   with a different number of entries it is 409.
//! - A pull's `after` defaults to 0 and `limit` to [`limits::MAX_PULL`] (larger is taken as
//!   it); see [`limits::MAX_PULL_BYTES`]. Keep pulling while the last `seq` is below `head`.
//! - A snapshot whose `seq` is past the head, or older than the stored one, is 409.
//! - Revoking the last administrator is 409; revoking a revoked member is 204 again.
//! - WebSocket: after the upgrade the client sends its token as one text message within
//!   10 s. The relay answers [`Notify`] at once with the head, then after each growth. It
//!   closes the socket with code 4000 + the HTTP status for a bad first message (4400 not
//!   text, 4401 unknown token, 4403 revoked, 4429 rate), 4408 when no token came in time,
//!   4403 when the member is revoked later, and 1001 when the relay shuts down (reconnect
//!   then). A malformed space id is 400 and an unknown space 404 before the upgrade; 503
//!   when the relay holds its most connections.

use serde::{Deserialize, Serialize};

pub mod bytes;

/// Limits the relay enforces and clients respect.
pub mod limits {
    /// Largest JSON request body (a push of entries).
    pub const MAX_BODY: usize = 8 * 1024 * 1024;
    /// Most entries in one push.
    pub const MAX_ENTRIES_PER_PUSH: usize = 256;
    /// Largest single entry (ciphertext).
    pub const MAX_ENTRY: usize = 2 * 1024 * 1024;
    /// Largest blob (an attached file, encrypted).
    pub const MAX_BLOB: usize = 32 * 1024 * 1024;
    /// Largest snapshot.
    pub const MAX_SNAPSHOT: usize = 64 * 1024 * 1024;
    /// Most entries one pull returns.
    pub const MAX_PULL: u32 = 1000;
    /// A pull stops adding entries once their ciphertext passes this many bytes (it always
    /// returns at least one entry when there is one): pull again from the last `seq`.
    pub const MAX_PULL_BYTES: usize = MAX_BODY;
    /// Longest member label, in bytes (UTF-8).
    pub const MAX_LABEL: usize = 4096;
    /// Bytes of an invite secret (before base64url).
    pub const INVITE_BYTES: std::ops::RangeInclusive<usize> = 16..=64;
}

/// A member's role at the relay: administrators invite and revoke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelayRole {
    Admin,
    Member,
}

/// Registers a new space; the caller becomes its first administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterSpace {
    /// The creator's access token (base64url); the relay stores its hash.
    pub token: String,
    /// A label for the member list (encrypted by the client; opaque to the relay).
    pub label: String,
}

/// An invitation the administrator's device made: the secret goes in the invite link's
/// fragment, the relay keeps only its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateInvite {
    /// The invite secret (base64url).
    pub invite: String,
    pub role: RelayRole,
    /// Unix milliseconds after which the invite no longer works.
    pub expires_ms: i64,
}

/// Joins a space with an invite, registering the newcomer's own token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinSpace {
    pub invite: String,
    pub token: String,
    pub label: String,
}

/// Who the relay now knows the caller as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    pub member: String,
    pub role: RelayRole,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInfo {
    pub member: String,
    pub role: RelayRole,
    pub label: String,
    pub revoked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberList {
    pub members: Vec<MemberInfo>,
}

/// Appends entries to the space's log. `batch` is a random id the client picks; pushing
/// the same batch again (a retry after a lost answer) appends nothing and answers the same
/// sequence numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushEntries {
    pub batch: String,
    /// Ciphertexts, base64url.
    pub entries: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pushed {
    /// Sequence numbers of the entries, in order.
    pub first: u64,
    pub last: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    /// Ciphertext, base64url.
    pub data: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pulled {
    pub entries: Vec<Entry>,
    /// The last sequence number in the log now (0 for an empty log).
    pub head: u64,
}

/// A snapshot covering every entry up to and including `seq`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutSnapshot {
    pub seq: u64,
    /// Ciphertext, base64url.
    pub data: String,
}

pub type Snapshot = PutSnapshot;

/// Sent over the WebSocket whenever the log grows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notify {
    pub head: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}

/// A space's id: 16 random bytes as 32 lowercase hex digits.
pub fn valid_space_id(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A blob's address: the SHA-256 of its ciphertext as 64 lowercase hex digits.
pub fn valid_blob_id(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_strict_lowercase_hex() {
        assert!(valid_space_id(&"ab".repeat(16)));
        assert!(!valid_space_id(&"AB".repeat(16)));
        assert!(!valid_space_id("../../etc/passwd"));
        assert!(!valid_blob_id(&"0".repeat(63)));
        assert!(valid_blob_id(&"0".repeat(64)));
    }
}
