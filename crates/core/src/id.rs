//! Record ids: random, drawn by the caller (the core has no randomness of its own).

/// A record id made of 16 random bytes, written as 32 lowercase hex digits.
pub fn new_id(random: [u8; 16]) -> String {
    hex(&random)
}

/// Lowercase hex of any bytes (actor ids, record ids).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_hex_of_the_bytes() {
        let mut bytes = [0u8; 16];
        bytes[0] = 0xab;
        bytes[15] = 0x01;
        let id = new_id(bytes);
        assert_eq!(id.len(), 32);
        assert!(id.starts_with("ab"));
        assert!(id.ends_with("01"));
    }
}
