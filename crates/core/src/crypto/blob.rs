//! Attached files sealed for the relay's blob store.
//!
//! A blob is sealed deterministically within a space: its nonce is derived from a subkey of
//! the space key and the file's [`BlobId`] (the SHA-256 of its plaintext). The same file
//! attached on two devices of a space therefore gives the same envelope, whose SHA-256 (the
//! relay's blob id, [`SealedBlob::sealed`]) is the same, and the relay stores it once. The
//! only thing this reveals to the relay is that two uploads are the same file, which it
//! would see anyway from their ids; across spaces and keys envelopes are unrelated.
//!
//! A nonce is reused only for the same plaintext (the same id), which XChaCha20-Poly1305
//! tolerates: it seals the same bytes to the same envelope.

use super::{CryptoError, Kind, NONCE_LEN, Nonce, SpaceCipher, SpaceId, SpaceKey, derive_key};
use crate::library::BlobId;
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroize;

/// A file sealed for the relay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedBlob {
    /// The id of the plaintext (what an [`Attachment`](crate::library::Attachment) names).
    pub plain: BlobId,
    /// The SHA-256 of [`SealedBlob::bytes`]: the relay's id of the blob.
    pub sealed: BlobId,
    /// The envelope to upload.
    pub bytes: Vec<u8>,
}

/// Why a blob fetched from the relay was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BlobError {
    /// The bytes are not the envelope asked for (their SHA-256 is another id).
    #[error("the blob's bytes do not match its relay id")]
    WrongEnvelope,
    /// The envelope does not open with this space's key.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// It opened, but the plaintext is not the file the attachment names.
    #[error("the blob's content is not the attached file")]
    WrongContent,
}

/// Seals and opens the blobs of one space.
pub struct BlobCipher {
    cipher: SpaceCipher,
    nonce_key: [u8; 32],
}

impl std::fmt::Debug for BlobCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobCipher")
            .field("space", &self.cipher.space())
            .finish_non_exhaustive()
    }
}

impl Drop for BlobCipher {
    fn drop(&mut self) {
        self.nonce_key.zeroize();
    }
}

impl BlobCipher {
    pub fn new(space: SpaceId, key: &SpaceKey) -> BlobCipher {
        BlobCipher {
            cipher: SpaceCipher::new(space, key),
            nonce_key: derive_key(key, space, "blob-nonce"),
        }
    }

    /// The nonce of the file `plain`: HMAC-based (HKDF) of the space's nonce key and the id.
    fn nonce(&self, plain: &BlobId) -> Nonce {
        let hkdf = Hkdf::<Sha256>::new(Some(&self.nonce_key), plain.as_str().as_bytes());
        let mut nonce = [0u8; NONCE_LEN];
        hkdf.expand(b"kenesh/v1/blob-nonce", &mut nonce)
            .expect("24 bytes is a valid HKDF-SHA256 output length");
        nonce
    }

    /// Seals a file's bytes; the same bytes always give the same envelope in this space.
    pub fn seal(&self, plaintext: &[u8]) -> SealedBlob {
        let plain = BlobId::of(plaintext);
        let bytes = self.cipher.seal(Kind::Blob, self.nonce(&plain), plaintext);
        SealedBlob {
            sealed: BlobId::of(&bytes),
            plain,
            bytes,
        }
    }

    /// Opens an envelope fetched as `sealed` and checks that it holds the file `plain`.
    pub fn open(
        &self,
        plain: &BlobId,
        sealed: &BlobId,
        envelope: &[u8],
    ) -> Result<Vec<u8>, BlobError> {
        if BlobId::of(envelope) != *sealed {
            return Err(BlobError::WrongEnvelope);
        }
        let bytes = self.cipher.open(Kind::Blob, envelope)?;
        if BlobId::of(&bytes) != *plain {
            return Err(BlobError::WrongContent);
        }
        Ok(bytes)
    }
}
