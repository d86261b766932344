//! Deflate for the zip container and PDF streams, through `flate2` with the `zlib-rs`
//! backend that Automerge already brings into the build (one deflate in the wasm, not two).

use flate2::Compression;
use flate2::read::{DeflateDecoder, ZlibDecoder};
use flate2::write::{DeflateEncoder, ZlibEncoder};
use std::io::{Read, Write};

/// Raw deflate (zip entries).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::new(6));
    encoder.write_all(data).expect("writing to a Vec");
    encoder.finish().expect("writing to a Vec")
}

/// Deflate with the zlib header (PDF `FlateDecode` streams).
pub fn deflate_zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(6));
    encoder.write_all(data).expect("writing to a Vec");
    encoder.finish().expect("writing to a Vec")
}

/// Inflates raw deflate data into at most `limit` bytes. `Err` carries what came out
/// before the data broke off or went wrong.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, Vec<u8>> {
    read_all(DeflateDecoder::new(data), limit)
}

/// [`inflate`] for data with the zlib header.
pub fn inflate_zlib(data: &[u8], limit: usize) -> Result<Vec<u8>, Vec<u8>> {
    read_all(ZlibDecoder::new(data), limit)
}

fn read_all(decoder: impl Read, limit: usize) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::new();
    match decoder.take(limit as u64).read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(_) => Err(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_to_the_limit() {
        let text = "Кеңештин отуруму, өткөрүлгөн күнү. ".repeat(200);
        let bytes = text.as_bytes();
        assert_eq!(inflate(&deflate(bytes), bytes.len()), Ok(bytes.to_vec()));
        assert_eq!(
            inflate_zlib(&deflate_zlib(bytes), bytes.len()),
            Ok(bytes.to_vec())
        );
        assert_eq!(inflate(&deflate(bytes), 10).unwrap().len(), 10);
    }

    #[test]
    fn damaged_data_gives_what_came_before_the_damage() {
        let bytes = "абв".repeat(5000);
        let packed = deflate_zlib(bytes.as_bytes());
        let cut = &packed[..packed.len() / 2];
        let partial = inflate_zlib(cut, usize::MAX).unwrap_err();
        assert!(!partial.is_empty() && bytes.as_bytes().starts_with(&partial));
        assert!(inflate(b"\xff\xff\xff\xff", 100).is_err());
    }
}
