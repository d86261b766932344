//! What is inside an envelope: the plaintext formats of an entry and of a snapshot (or an
//! export file). Small hand-written binary formats with a version byte; every decoder
//! checks every length against what is left and never panics.
//!
//! Entry: `format (1) ‖ name length (1) ‖ name ‖ change count (varint) ‖ per change:
//! length (varint) ‖ Automerge change bytes`.
//!
//! Snapshot: `format (1) ‖ seq (8, little-endian) ‖ document count (varint) ‖ per document:
//! name length (1) ‖ name ‖ head count (varint) ‖ heads (32 bytes each) ‖ length (varint) ‖
//! Automerge document bytes`.

use automerge::{Change, ChangeHash};

pub const ENTRY_FORMAT: u8 = 1;
pub const SNAPSHOT_FORMAT: u8 = 1;
/// Longest document name.
pub const MAX_NAME: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("unknown format {0} (made by a newer version of Kenesh?)")]
    UnknownFormat(u8),
    #[error("cut short")]
    Truncated,
    #[error("trailing bytes")]
    Trailing,
    #[error("a document name is empty, too long or not UTF-8")]
    BadName,
    #[error("an entry with no changes")]
    Empty,
    #[error("unreadable Automerge change: {0}")]
    BadChange(String),
}

/// One entry: changes to one document.
#[derive(Debug)]
pub struct EntryBody {
    pub doc: String,
    pub changes: Vec<Change>,
}

/// One document in a snapshot: its bytes saved whole and the heads they reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotDoc {
    pub name: String,
    pub heads: Vec<ChangeHash>,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotBody {
    pub seq: u64,
    pub docs: Vec<SnapshotDoc>,
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_name(out: &mut Vec<u8>, name: &str) {
    debug_assert!(!name.is_empty() && name.len() <= MAX_NAME);
    out.push(name.len() as u8);
    out.extend_from_slice(name.as_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, WireError> {
        let (&b, rest) = self.rest.split_first().ok_or(WireError::Truncated)?;
        self.rest = rest;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if n > self.rest.len() {
            return Err(WireError::Truncated);
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(head)
    }

    fn varint(&mut self) -> Result<u64, WireError> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(WireError::Truncated)
    }

    /// A count or length, which can never exceed the bytes left.
    fn len(&mut self) -> Result<usize, WireError> {
        let n = self.varint()?;
        if n > self.rest.len() as u64 {
            return Err(WireError::Truncated);
        }
        Ok(n as usize)
    }

    fn name(&mut self) -> Result<String, WireError> {
        let n = self.byte()? as usize;
        if n == 0 || n > MAX_NAME {
            return Err(WireError::BadName);
        }
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| WireError::BadName)
    }

    fn end(&self) -> Result<(), WireError> {
        match self.rest.is_empty() {
            true => Ok(()),
            false => Err(WireError::Trailing),
        }
    }
}

/// Bytes an entry of document `name` takes besides its changes (for splitting pushes).
pub fn entry_overhead(name: &str) -> usize {
    2 + name.len() + 10
}

/// Bytes a change adds to an entry.
pub fn change_cost(change_len: usize) -> usize {
    change_len + 10
}

pub fn encode_entry(doc: &str, changes: &[Vec<u8>]) -> Vec<u8> {
    let size: usize = changes.iter().map(|c| change_cost(c.len())).sum();
    let mut out = Vec::with_capacity(entry_overhead(doc) + size);
    out.push(ENTRY_FORMAT);
    put_name(&mut out, doc);
    put_varint(&mut out, changes.len() as u64);
    for change in changes {
        put_bytes(&mut out, change);
    }
    out
}

pub fn decode_entry(bytes: &[u8]) -> Result<EntryBody, WireError> {
    let mut r = Reader { rest: bytes };
    let format = r.byte()?;
    if format != ENTRY_FORMAT {
        return Err(WireError::UnknownFormat(format));
    }
    let doc = r.name()?;
    let count = r.len()?;
    if count == 0 {
        return Err(WireError::Empty);
    }
    let mut changes = Vec::with_capacity(count);
    for _ in 0..count {
        let n = r.len()?;
        let raw = r.take(n)?;
        changes.push(parse_change(raw)?);
    }
    r.end()?;
    Ok(EntryBody { doc, changes })
}

/// Parses one Automerge change and checks its checksum (Automerge's parser does not), so
/// damaged change bytes are refused here instead of reaching the document.
fn parse_change(raw: &[u8]) -> Result<Change, WireError> {
    let change = Change::try_from(raw).map_err(|e| WireError::BadChange(e.to_string()))?;
    if change.raw_bytes().get(4..8) != Some(&change.hash().0[..4]) {
        return Err(WireError::BadChange("checksum mismatch".into()));
    }
    Ok(change)
}

pub fn encode_snapshot(body: &SnapshotBody) -> Vec<u8> {
    let size: usize = body
        .docs
        .iter()
        .map(|d| 32 + d.name.len() + 32 * d.heads.len() + d.bytes.len())
        .sum();
    let mut out = Vec::with_capacity(16 + size);
    out.push(SNAPSHOT_FORMAT);
    out.extend_from_slice(&body.seq.to_le_bytes());
    put_varint(&mut out, body.docs.len() as u64);
    for doc in &body.docs {
        put_name(&mut out, &doc.name);
        put_varint(&mut out, doc.heads.len() as u64);
        for head in &doc.heads {
            out.extend_from_slice(&head.0);
        }
        put_bytes(&mut out, &doc.bytes);
    }
    out
}

pub fn decode_snapshot(bytes: &[u8]) -> Result<SnapshotBody, WireError> {
    let mut r = Reader { rest: bytes };
    let format = r.byte()?;
    if format != SNAPSHOT_FORMAT {
        return Err(WireError::UnknownFormat(format));
    }
    let seq = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
    let count = r.len()?;
    let mut docs = Vec::new();
    for _ in 0..count {
        let name = r.name()?;
        let n_heads = r.len()?;
        let mut heads = Vec::new();
        for _ in 0..n_heads {
            let raw: [u8; 32] = r.take(32)?.try_into().expect("32 bytes");
            heads.push(ChangeHash(raw));
        }
        let n = r.len()?;
        let bytes = r.take(n)?.to_vec();
        docs.push(SnapshotDoc { name, heads, bytes });
    }
    r.end()?;
    Ok(SnapshotBody { seq, docs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for n in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, n);
            assert_eq!(Reader { rest: &out }.varint(), Ok(n));
        }
    }

    #[test]
    fn a_snapshot_round_trips() {
        let body = SnapshotBody {
            seq: 42,
            docs: vec![SnapshotDoc {
                name: "people".into(),
                heads: vec![ChangeHash([9; 32])],
                bytes: vec![1, 2, 3],
            }],
        };
        assert_eq!(decode_snapshot(&encode_snapshot(&body)), Ok(body));
    }

    #[test]
    fn lengths_beyond_the_end_are_refused() {
        let mut bytes = vec![ENTRY_FORMAT, 1, b'x'];
        put_varint(&mut bytes, u64::MAX);
        assert!(decode_entry(&bytes).is_err());
        assert_eq!(decode_entry(&[]).unwrap_err(), WireError::Truncated);
        assert_eq!(decode_entry(&[9]).unwrap_err(), WireError::UnknownFormat(9));
    }
}
