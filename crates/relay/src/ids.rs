//! Checking the ids and encoded bytes a request carries, before anything else reads them.
//!
//! Every check answers 400 with the relay's own words; none echoes the input.

use kenesh_protocol::{bytes, valid_blob_id, valid_space_id};

use crate::AppError;

/// A space id: 32 lowercase hex digits.
pub(crate) fn space(text: &str) -> Result<&str, AppError> {
    if valid_space_id(text) {
        Ok(text)
    } else {
        Err(AppError::bad(
            "malformed space id: expected 32 lowercase hex digits",
        ))
    }
}

/// A blob id: the SHA-256 of its ciphertext, 64 lowercase hex digits.
pub(crate) fn blob(text: &str) -> Result<&str, AppError> {
    if valid_blob_id(text) {
        Ok(text)
    } else {
        Err(AppError::bad(
            "malformed blob id: expected 64 lowercase hex digits",
        ))
    }
}

/// A member id as the relay hands them out: 32 lowercase hex digits.
pub(crate) fn member(text: &str) -> Result<&str, AppError> {
    if is_lower_hex(text, 32) {
        Ok(text)
    } else {
        Err(AppError::bad(
            "malformed member id: expected 32 lowercase hex digits",
        ))
    }
}

/// A push's batch id: 1 to 64 characters of the base64url alphabet (hex digits qualify).
pub(crate) fn batch(text: &str) -> Result<&str, AppError> {
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if (1..=64).contains(&text.len()) && text.bytes().all(alphabet) {
        Ok(text)
    } else {
        Err(AppError::bad(
            "malformed batch id: expected 1 to 64 base64url characters",
        ))
    }
}

/// Bytes sent as unpadded base64url; `what` names the field in the error.
pub(crate) fn base64(text: &str, what: &'static str) -> Result<Vec<u8>, AppError> {
    bytes::decode(text)
        .ok_or_else(|| AppError::BadRequest(format!("{what} is not unpadded base64url")))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

fn is_lower_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lowercase() {
        assert_eq!(hex(&[0, 0xab, 0x0f, 0xff]), "00ab0fff");
    }

    #[test]
    fn refuses_traversal_and_odd_ids() {
        for text in [
            "",
            "..",
            "../../etc/passwd",
            &"A".repeat(32),
            &"a".repeat(31),
        ] {
            assert!(space(text).is_err(), "{text}");
            assert!(member(text).is_err(), "{text}");
        }
        assert!(batch("").is_err());
        assert!(batch("a/b").is_err());
        assert!(batch(&"a".repeat(65)).is_err());
        assert!(batch("Ab-_09").is_ok());
        assert!(base64("no padding=", "x").is_err());
    }
}
