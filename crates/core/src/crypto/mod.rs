//! End-to-end encryption of what a space sends to its relay.
//!
//! The space key (32 random bytes made on the creator's device) never leaves the members'
//! devices: the relay stores and forwards envelopes it cannot read. Every entry of the log,
//! every snapshot and every blob is sealed with XChaCha20-Poly1305 under a key derived from
//! the space key, with a 24-byte nonce the caller draws (the core has no randomness).
//!
//! An envelope is `version (1 byte) ‖ nonce (24 bytes) ‖ ciphertext and tag`. Its associated
//! data binds the envelope version, the space id and the [`Kind`], so a ciphertext cannot be
//! replayed into another space, read as another kind (an entry as a snapshot, say) or have
//! its version byte changed. Opening tampered, truncated or foreign data returns
//! [`CryptoError`]; nothing here panics on any input.

mod blob;
mod invite;

pub use blob::{BlobCipher, BlobError, Opening, SealedBlob, Sealing};
pub use invite::{Invite, InviteError};

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroize;

/// The envelope format this build writes and reads.
pub const ENVELOPE_VERSION: u8 = 1;
/// Bytes of a nonce.
pub const NONCE_LEN: usize = 24;
/// Bytes of the tag that ends an envelope.
const TAG_LEN: usize = 16;
/// Bytes an envelope adds to its plaintext: version, nonce and tag.
pub const ENVELOPE_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;
/// Bytes of an envelope's associated data: a label, the version, the kind, the space id.
const AD_LEN: usize = 8 + 2 + 16;

/// A nonce for one envelope: 24 random bytes from the caller. XChaCha20's nonce is long
/// enough that random nonces never repeat in practice.
pub type Nonce = [u8; NONCE_LEN];

/// What an envelope holds. Part of the associated data: an envelope opens only as the kind
/// it was sealed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An entry of the space's log: changes to one document.
    Entry,
    /// A snapshot of every document, covering the log up to a sequence number.
    Snapshot,
    /// An attached file.
    Blob,
    /// A whole-space export file (the no-relay path).
    Export,
    /// A member's label in the relay's member list (`RegisterSpace::label`,
    /// `JoinSpace::label`), readable by members only.
    Label,
}

impl Kind {
    fn code(self) -> u8 {
        match self {
            Kind::Entry => 1,
            Kind::Snapshot => 2,
            Kind::Blob => 3,
            Kind::Export => 4,
            Kind::Label => 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("the data is too short to be an envelope ({0} bytes)")]
    TooShort(usize),
    #[error("unknown envelope version {0}")]
    UnknownVersion(u8),
    /// Authentication failed: the data was changed, or it was sealed with another key, for
    /// another space or as another kind. These cannot be told apart, by design.
    #[error("the data was changed or belongs to another space")]
    Rejected,
}

/// A space's id: 16 random bytes, written as 32 lowercase hex digits (the relay's route).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpaceId(pub [u8; 16]);

impl SpaceId {
    /// Reads 32 lowercase hex digits; `None` for anything else.
    pub fn parse(text: &str) -> Option<SpaceId> {
        if !kenesh_protocol::valid_space_id(text) {
            return None;
        }
        let mut out = [0u8; 16];
        for (i, pair) in text.as_bytes().chunks(2).enumerate() {
            let digit = |b: u8| match b {
                b'0'..=b'9' => b - b'0',
                _ => b - b'a' + 10,
            };
            out[i] = (digit(pair[0]) << 4) | digit(pair[1]);
        }
        Some(SpaceId(out))
    }

    pub fn to_hex(&self) -> String {
        crate::id::hex(&self.0)
    }
}

impl std::fmt::Display for SpaceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The space key: 32 random bytes shared by the space's members and never sent to the
/// relay. It is wiped from memory when dropped and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SpaceKey([u8; 32]);

impl SpaceKey {
    pub fn from_bytes(bytes: [u8; 32]) -> SpaceKey {
        SpaceKey(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl Drop for SpaceKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for SpaceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SpaceKey(…)")
    }
}

/// Derives a 32-byte subkey of the space key for one purpose (HKDF-SHA256, the space id as
/// salt, `purpose` as info). Different purposes give unrelated keys, so the space key
/// itself is never used directly by a cipher.
pub fn derive_key(key: &SpaceKey, space: SpaceId, purpose: &str) -> [u8; 32] {
    let hkdf = Hkdf::<Sha256>::new(Some(&space.0), key.as_bytes());
    let mut out = [0u8; 32];
    let mut info = b"kenesh/v1/".to_vec();
    info.extend_from_slice(purpose.as_bytes());
    hkdf.expand(&info, &mut out)
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    out
}

/// The purpose the envelope key is derived for (see [`derive_key`]).
const ENVELOPE_PURPOSE: &str = "envelope";

/// Seals and opens envelopes of one space.
pub struct SpaceCipher {
    space: SpaceId,
    aead: XChaCha20Poly1305,
}

impl std::fmt::Debug for SpaceCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpaceCipher")
            .field("space", &self.space)
            .finish_non_exhaustive()
    }
}

impl SpaceCipher {
    pub fn new(space: SpaceId, key: &SpaceKey) -> SpaceCipher {
        let mut subkey = derive_key(key, space, ENVELOPE_PURPOSE);
        let aead = XChaCha20Poly1305::new(&subkey.into());
        subkey.zeroize();
        SpaceCipher { space, aead }
    }

    pub fn space(&self) -> SpaceId {
        self.space
    }

    fn associated_data(&self, version: u8, kind: Kind) -> [u8; AD_LEN] {
        let mut ad = [0u8; AD_LEN];
        ad[..8].copy_from_slice(b"kenesh/e");
        ad[8] = version;
        ad[9] = kind.code();
        ad[10..].copy_from_slice(&self.space.0);
        ad
    }

    /// Seals `plaintext` as `kind` with the caller's fresh random `nonce`.
    pub fn seal(&self, kind: Kind, nonce: Nonce, plaintext: &[u8]) -> Vec<u8> {
        let ad = self.associated_data(ENVELOPE_VERSION, kind);
        let sealed = self
            .aead
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &ad,
                },
            )
            .expect("XChaCha20-Poly1305 seals any message that fits in memory");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(ENVELOPE_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens an envelope sealed as `kind` for this space with this key.
    pub fn open(&self, kind: Kind, envelope: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let Some(&version) = envelope.first() else {
            return Err(CryptoError::TooShort(0));
        };
        if version != ENVELOPE_VERSION {
            return Err(CryptoError::UnknownVersion(version));
        }
        if envelope.len() < ENVELOPE_OVERHEAD {
            return Err(CryptoError::TooShort(envelope.len()));
        }
        let nonce: Nonce = envelope[1..1 + NONCE_LEN]
            .try_into()
            .expect("length checked above");
        let ad = self.associated_data(version, kind);
        self.aead
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &envelope[1 + NONCE_LEN..],
                    aad: &ad,
                },
            )
            .map_err(|_| CryptoError::Rejected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_id_round_trips_through_hex() {
        let id = SpaceId([0xab; 16]);
        assert_eq!(SpaceId::parse(&id.to_hex()), Some(id));
        assert_eq!(SpaceId::parse("AB"), None);
    }

    #[test]
    fn subkeys_differ_by_purpose_and_space() {
        let key = SpaceKey::from_bytes([7; 32]);
        let a = derive_key(&key, SpaceId([1; 16]), "envelope");
        assert_ne!(a, derive_key(&key, SpaceId([1; 16]), "export"));
        assert_ne!(a, derive_key(&key, SpaceId([2; 16]), "envelope"));
        assert_ne!(&a, key.as_bytes());
    }

    #[test]
    fn the_key_is_never_printed() {
        let key = SpaceKey::from_bytes([0x41; 32]);
        assert_eq!(format!("{key:?}"), "SpaceKey(…)");
    }
}
