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
//!
//! A large file is sealed a piece at a time ([`Sealing`]) so that the page can draw between
//! pieces. `chacha20poly1305` seals only in one go, so [`Sealing`] composes the same cipher
//! and MAC (`chacha20`, `poly1305`) as that crate does; a test checks that the envelope is
//! byte for byte the crate's.

use super::{
    AD_LEN, CryptoError, ENVELOPE_VERSION, Kind, NONCE_LEN, Nonce, SpaceCipher, SpaceId, SpaceKey,
    TAG_LEN, derive_key,
};
use crate::library::{BlobHasher, BlobId};
use chacha20::XChaCha20;
use chacha20::cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
use hkdf::Hkdf;
use poly1305::Poly1305;
use poly1305::universal_hash::{KeyInit, UniversalHash};
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
    /// The key `cipher` seals with, for [`Sealing`].
    envelope_key: [u8; 32],
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
        self.envelope_key.zeroize();
    }
}

impl BlobCipher {
    pub fn new(space: SpaceId, key: &SpaceKey) -> BlobCipher {
        BlobCipher {
            cipher: SpaceCipher::new(space, key),
            nonce_key: derive_key(key, space, "blob-nonce"),
            envelope_key: derive_key(key, space, super::ENVELOPE_PURPOSE),
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
        let mut sealing = self.sealing(BlobId::of(plaintext), plaintext.len());
        sealing.update(plaintext);
        sealing.finish()
    }

    /// Starts sealing the file `plain` of `len` bytes a piece at a time; `plain` is its id
    /// ([`BlobHasher`] gives it a piece at a time too). The envelope is the one
    /// [`BlobCipher::seal`] makes.
    pub fn sealing(&self, plain: BlobId, len: usize) -> Sealing {
        let nonce = self.nonce(&plain);
        let (stream, mac) = self.keyed(&nonce);
        let mut envelope = Vec::with_capacity(super::ENVELOPE_OVERHEAD + len);
        envelope.push(ENVELOPE_VERSION);
        envelope.extend_from_slice(&nonce);
        let mut hash = BlobHasher::default();
        hash.update(&envelope);
        Sealing {
            plain,
            stream,
            mac,
            hash,
            start: envelope.len(),
            authenticated: envelope.len(),
            envelope,
        }
    }

    /// The cipher and the MAC of one envelope, as chacha20poly1305 keys them: the MAC key is
    /// the first keystream block, the message is enciphered from the second, and the MAC
    /// has taken the associated data.
    fn keyed(&self, nonce: &Nonce) -> (XChaCha20, Poly1305) {
        let mut stream = XChaCha20::new(&self.envelope_key.into(), &(*nonce).into());
        let mut mac_key = [0u8; 32];
        stream.apply_keystream(&mut mac_key);
        stream.seek(64u64);
        let mut mac = Poly1305::new(&mac_key.into());
        mac_key.zeroize();
        mac.update_padded(&self.associated_data());
        (stream, mac)
    }

    fn associated_data(&self) -> [u8; AD_LEN] {
        self.cipher.associated_data(ENVELOPE_VERSION, Kind::Blob)
    }

    /// Opens an envelope fetched as `sealed` and checks that it holds the file `plain`.
    pub fn open(
        &self,
        plain: &BlobId,
        sealed: &BlobId,
        envelope: &[u8],
    ) -> Result<Vec<u8>, BlobError> {
        let mut opening = self.opening(plain.clone(), sealed.clone(), envelope.to_vec())?;
        while !opening.advance(usize::MAX)? {}
        Ok(opening.finish())
    }

    /// Starts opening an envelope fetched as `sealed` a piece at a time (see [`Opening`]),
    /// with the checks of [`BlobCipher::open`].
    pub fn opening(
        &self,
        plain: BlobId,
        sealed: BlobId,
        envelope: Vec<u8>,
    ) -> Result<Opening, BlobError> {
        let malformed = match envelope.first() {
            None => Some(CryptoError::TooShort(0)),
            Some(&v) if v != ENVELOPE_VERSION => Some(CryptoError::UnknownVersion(v)),
            Some(_) if envelope.len() < super::ENVELOPE_OVERHEAD => {
                Some(CryptoError::TooShort(envelope.len()))
            }
            Some(_) => None,
        };
        if let Some(error) = malformed {
            return Err(if BlobId::of(&envelope) != sealed {
                BlobError::WrongEnvelope
            } else {
                error.into()
            });
        }
        let start = 1 + NONCE_LEN;
        let nonce: Nonce = envelope[1..start].try_into().expect("length checked above");
        let (stream, mac) = self.keyed(&nonce);
        let mut envelope_hash = BlobHasher::default();
        envelope_hash.update(&envelope[..start]);
        Ok(Opening {
            plain,
            sealed,
            stream,
            pass: Pass::Check(Box::new((mac, envelope_hash))),
            plain_hash: BlobHasher::default(),
            start,
            end: envelope.len() - TAG_LEN,
            at: start,
            envelope,
        })
    }
}

/// The MAC block that ends an envelope: the lengths of the associated data and message.
fn lengths(message_len: usize) -> [u8; 16] {
    let mut block = [0u8; 16];
    block[..8].copy_from_slice(&(AD_LEN as u64).to_le_bytes());
    block[8..].copy_from_slice(&(message_len as u64).to_le_bytes());
    block
}

/// A file being sealed a piece at a time ([`BlobCipher::sealing`]).
pub struct Sealing {
    plain: BlobId,
    stream: XChaCha20,
    mac: Poly1305,
    /// Of the envelope so far: its SHA-256 is the relay's id of the blob.
    hash: BlobHasher,
    envelope: Vec<u8>,
    /// Where the ciphertext starts in `envelope`, and how far the MAC has read it (whole
    /// 16-byte blocks only: it pads what it is given).
    start: usize,
    authenticated: usize,
}

impl std::fmt::Debug for Sealing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealing")
            .field("plain", &self.plain)
            .field("sealed_bytes", &(self.envelope.len() - self.start))
            .finish_non_exhaustive()
    }
}

impl Sealing {
    /// Seals the next piece of the file (the pieces in order, of any sizes).
    pub fn update(&mut self, piece: &[u8]) {
        let at = self.envelope.len();
        self.envelope.extend_from_slice(piece);
        self.stream.apply_keystream(&mut self.envelope[at..]);
        self.hash.update(&self.envelope[at..]);
        let whole = self.start + (self.envelope.len() - self.start) / 16 * 16;
        self.mac
            .update_padded(&self.envelope[self.authenticated..whole]);
        self.authenticated = whole;
    }

    /// The sealed file, once every piece went through [`Sealing::update`].
    pub fn finish(mut self) -> SealedBlob {
        self.mac.update_padded(&self.envelope[self.authenticated..]);
        self.mac
            .update_padded(&lengths(self.envelope.len() - self.start));
        let tag = self.mac.finalize();
        self.hash.update(&tag);
        self.envelope.extend_from_slice(&tag);
        SealedBlob {
            plain: self.plain,
            sealed: self.hash.finish(),
            bytes: self.envelope,
        }
    }
}

/// A fetched envelope being opened a piece at a time ([`BlobCipher::opening`]): a first
/// pass checks its hash (the relay's id) and its tag, a second deciphers it in place and
/// checks the file's hash. The file is handed out only once every check passed; after a
/// failed check every call fails the same way.
pub struct Opening {
    plain: BlobId,
    sealed: BlobId,
    stream: XChaCha20,
    pass: Pass,
    plain_hash: BlobHasher,
    envelope: Vec<u8>,
    /// The ciphertext is `envelope[start..end]`; the current pass is at `at`.
    start: usize,
    end: usize,
    at: usize,
}

enum Pass {
    /// The envelope's MAC and hash, over the ciphertext so far.
    Check(Box<(Poly1305, BlobHasher)>),
    Decipher,
    Refused(BlobError),
}

impl std::fmt::Debug for Opening {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opening")
            .field("plain", &self.plain)
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

impl Opening {
    /// Does up to about `max` bytes more of the work; true once the file is open and
    /// checked. A failed check is the error [`BlobCipher::open`] returns.
    pub fn advance(&mut self, max: usize) -> Result<bool, BlobError> {
        let result = self.step(max);
        if let Err(e) = &result {
            self.pass = Pass::Refused(e.clone());
        }
        result
    }

    fn step(&mut self, max: usize) -> Result<bool, BlobError> {
        let mut to = self.end.min(self.at.saturating_add(max));
        match &mut self.pass {
            Pass::Refused(e) => Err(e.clone()),
            Pass::Check(check) => {
                let (mac, hash) = &mut **check;
                if to < self.end {
                    // The MAC pads what it is given: whole 16-byte blocks until the end.
                    to = (self.start + (to - self.start) / 16 * 16)
                        .max(self.at + 16)
                        .min(self.end);
                }
                let piece = &self.envelope[self.at..to];
                hash.update(piece);
                mac.update_padded(piece);
                self.at = to;
                if self.at == self.end {
                    self.authenticate()?;
                }
                Ok(false)
            }
            Pass::Decipher => {
                let piece = &mut self.envelope[self.at..to];
                self.stream.apply_keystream(piece);
                self.plain_hash.update(piece);
                self.at = to;
                if self.at < self.end {
                    return Ok(false);
                }
                if std::mem::take(&mut self.plain_hash).finish() != self.plain {
                    return Err(BlobError::WrongContent);
                }
                Ok(true)
            }
        }
    }

    /// The end of the first pass: the envelope's hash, then its tag.
    fn authenticate(&mut self) -> Result<(), BlobError> {
        let Pass::Check(check) = std::mem::replace(&mut self.pass, Pass::Decipher) else {
            return Ok(());
        };
        let (mut mac, mut hash) = *check;
        let tag: [u8; TAG_LEN] = self.envelope[self.end..]
            .try_into()
            .expect("the tag ends the envelope");
        hash.update(&tag);
        if hash.finish() != self.sealed {
            return Err(BlobError::WrongEnvelope);
        }
        mac.update_padded(&lengths(self.end - self.start));
        mac.verify(&tag.into()).map_err(|_| CryptoError::Rejected)?;
        self.at = self.start;
        Ok(())
    }

    /// The file, once [`Opening::advance`] returned true.
    pub fn finish(mut self) -> Vec<u8> {
        self.envelope.truncate(self.end);
        self.envelope.drain(..self.start);
        self.envelope
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic bytes (the generator's fixed-seed random numbers).
    fn bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut rng = crate::generator::Rng::new(seed);
        (0..len).map(|_| rng.next_u64() as u8).collect()
    }

    #[test]
    fn sealing_in_pieces_gives_the_envelope_of_chacha20poly1305() {
        let space = SpaceId::parse("00112233445566778899aabbccddeeff").unwrap();
        let key = SpaceKey::from_bytes([7; 32]);
        let cipher = BlobCipher::new(space, &key);
        for (len, piece) in [
            (0, 1),
            (1, 1),
            (15, 4),
            (16, 16),
            (17, 5),
            (1000, 64),
            (70_001, 4096),
            (70_001, 7),
        ] {
            let file = bytes(len as u64, len);
            let plain = BlobId::of(&file);
            // The crate's own one-go AEAD, with the same nonce.
            let reference = cipher.cipher.seal(Kind::Blob, cipher.nonce(&plain), &file);
            let mut sealing = cipher.sealing(plain.clone(), len);
            let mut hasher = BlobHasher::default();
            for p in file.chunks(piece) {
                sealing.update(p);
                hasher.update(p);
            }
            assert_eq!(
                hasher.finish(),
                plain,
                "{len} bytes hashed in pieces of {piece}"
            );
            let sealed = sealing.finish();
            assert_eq!(sealed.bytes, reference, "{len} bytes in pieces of {piece}");
            assert_eq!(sealed.sealed, BlobId::of(&reference));
            assert_eq!(sealed, cipher.seal(&file));
            assert_eq!(
                cipher.open(&plain, &sealed.sealed, &sealed.bytes).unwrap(),
                file
            );
        }
    }
}
