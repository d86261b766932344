//! Bytes in JSON: unpadded base64url.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `None` for text that is not unpadded base64url.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_and_refuses_garbage() {
        let bytes = [0u8, 255, 7, 42];
        assert_eq!(super::decode(&super::encode(&bytes)).unwrap(), bytes);
        assert!(super::decode("not base64!").is_none());
    }
}
