//! Random tokens, ids and bytes for tests (not for secrets: std's hasher seeds suffice).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use kenesh_protocol::bytes;

pub fn random_bytes(len: usize) -> Vec<u8> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let state = RandomState::new();
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        let mut hasher = state.build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        out.extend_from_slice(&hasher.finish().to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A fresh access token: 32 random bytes, unpadded base64url.
pub fn token() -> String {
    bytes::encode(&random_bytes(32))
}

/// A fresh space id: 32 lowercase hex digits.
pub fn space_id() -> String {
    hex(&random_bytes(16))
}

/// A fresh batch id.
pub fn batch_id() -> String {
    hex(&random_bytes(12))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}
