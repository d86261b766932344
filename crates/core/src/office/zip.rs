//! The zip container of .docx and .xlsx files: a writer (entries deflated) and a reader
//! (stored and deflated entries). Deflate is [`super::deflate`], the checksum `crc32fast`.
//!
//! Layout written: for each entry a local header (version 2.0, flag bit 11 = UTF-8 names,
//! method 8 deflate, a fixed time 1980-01-01 00:00 — the core reads no clock) followed by
//! the deflated bytes; then the central directory and the end record. No zip64, no
//! comments, no extra fields.

/// What can go wrong reading a zip file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipError {
    #[error("not a zip file or a damaged one: {0}")]
    Corrupt(&'static str),
    #[error("the zip file is encrypted")]
    Encrypted,
    #[error("a zip feature this reader does not handle: {0}")]
    Unsupported(&'static str),
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// 1980-01-01 in MS-DOS date format (the earliest a zip can say).
const DOS_DATE: u16 = (1 << 5) | 1;
const UTF8_NAMES: u16 = 1 << 11;
/// An entry larger than this is refused when reading (a guard against zip bombs).
pub const MAX_ENTRY: usize = 256 * 1024 * 1024;

/// Builds a zip file in memory.
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl ZipWriter {
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Adds an entry `name` holding `data`, deflated.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32fast::hash(data);
        let packed = super::deflate::deflate(data);
        let offset = self.out.len() as u32;
        let name = name.as_bytes();
        let fields = |v: &mut Vec<u8>| {
            put16(v, 20); // version needed: 2.0 (deflate)
            put16(v, UTF8_NAMES);
            put16(v, 8); // deflate
            put16(v, 0); // time 00:00
            put16(v, DOS_DATE);
            put32(v, crc);
            put32(v, packed.len() as u32);
            put32(v, data.len() as u32);
            put16(v, name.len() as u16);
            put16(v, 0); // extra field length
        };
        put32(&mut self.out, LOCAL);
        fields(&mut self.out);
        self.out.extend_from_slice(name);
        self.out.extend_from_slice(&packed);

        let c = &mut self.central;
        put32(c, CENTRAL);
        put16(c, 20); // made by: MS-DOS, 2.0
        fields(c);
        put16(c, 0); // comment length
        put16(c, 0); // disk
        put16(c, 0); // internal attributes
        put32(c, 0); // external attributes
        put32(c, offset);
        c.extend_from_slice(name);
        self.count += 1;
    }

    /// The finished zip file.
    pub fn finish(mut self) -> Vec<u8> {
        let at = self.out.len() as u32;
        self.out.extend_from_slice(&self.central);
        put32(&mut self.out, END);
        put16(&mut self.out, 0);
        put16(&mut self.out, 0);
        put16(&mut self.out, self.count);
        put16(&mut self.out, self.count);
        put32(&mut self.out, self.central.len() as u32);
        put32(&mut self.out, at);
        put16(&mut self.out, 0);
        self.out
    }
}

fn put16(v: &mut Vec<u8>, n: u16) {
    v.extend_from_slice(&n.to_le_bytes());
}

fn put32(v: &mut Vec<u8>, n: u32) {
    v.extend_from_slice(&n.to_le_bytes());
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, ZipError> {
    b.get(at..at.saturating_add(2))
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or(ZipError::Corrupt("cut short"))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, ZipError> {
    b.get(at..at.saturating_add(4))
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or(ZipError::Corrupt("cut short"))
}

/// One entry of the central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    packed: usize,
    size: usize,
    local: usize,
}

/// A zip file opened for reading: the central directory parsed, entries read on demand.
#[derive(Debug)]
pub struct ZipReader<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

impl<'a> ZipReader<'a> {
    /// Reads the central directory of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Result<ZipReader<'a>, ZipError> {
        if bytes.len() < 22 {
            return Err(ZipError::Corrupt("too short"));
        }
        // The end record is the last 22 bytes plus a comment of at most 64 KB.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (lowest..=bytes.len() - 22)
            .rev()
            .find(|&at| u32_at(bytes, at) == Ok(END))
            .ok_or(ZipError::Corrupt("no end of central directory"))?;
        let count = u16_at(bytes, end + 10)? as usize;
        let mut at = u32_at(bytes, end + 16)? as usize;
        if u32_at(bytes, end + 16)? == u32::MAX || count == 0xFFFF {
            return Err(ZipError::Unsupported("zip64"));
        }
        let mut entries = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            if u32_at(bytes, at)? != CENTRAL {
                return Err(ZipError::Corrupt("bad central directory entry"));
            }
            let name_len = u16_at(bytes, at + 28)? as usize;
            let extra = u16_at(bytes, at + 30)? as usize;
            let comment = u16_at(bytes, at + 32)? as usize;
            let name = bytes
                .get(at.saturating_add(46)..at.saturating_add(46 + name_len))
                .ok_or(ZipError::Corrupt("cut short"))?;
            let packed = u32_at(bytes, at + 20)?;
            let size = u32_at(bytes, at + 24)?;
            if packed == u32::MAX || size == u32::MAX {
                return Err(ZipError::Unsupported("zip64"));
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                flags: u16_at(bytes, at + 8)?,
                method: u16_at(bytes, at + 10)?,
                crc: u32_at(bytes, at + 16)?,
                packed: packed as usize,
                size: size as usize,
                local: u32_at(bytes, at + 42)? as usize,
            });
            at = at.saturating_add(46 + name_len + extra + comment);
        }
        Ok(ZipReader { bytes, entries })
    }

    /// The entries, in the central directory's order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The names of the entries.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The contents of entry `name`, or `None` when there is no such entry.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        match self.entries.iter().find(|e| e.name == name) {
            Some(entry) => self.read_entry(entry).map(Some),
            None => Ok(None),
        }
    }

    /// The contents of `entry`, checked against its CRC-32.
    pub fn read_entry(&self, entry: &Entry) -> Result<Vec<u8>, ZipError> {
        if entry.flags & 1 != 0 {
            return Err(ZipError::Encrypted);
        }
        if entry.size > MAX_ENTRY {
            return Err(ZipError::Unsupported("an entry too large"));
        }
        let b = self.bytes;
        if u32_at(b, entry.local)? != LOCAL {
            return Err(ZipError::Corrupt("bad local header"));
        }
        let name_len = u16_at(b, entry.local.saturating_add(26))? as usize;
        let extra = u16_at(b, entry.local.saturating_add(28))? as usize;
        let start = entry.local.saturating_add(30 + name_len + extra);
        let packed = b
            .get(start..start.saturating_add(entry.packed))
            .ok_or(ZipError::Corrupt("entry cut short"))?;
        let data = match entry.method {
            0 => packed.to_vec(),
            8 => super::deflate::inflate(packed, entry.size.max(1))
                .map_err(|_| ZipError::Corrupt("bad deflate data"))?,
            _ => return Err(ZipError::Unsupported("a compression method")),
        };
        if data.len() != entry.size || crc32fast::hash(&data) != entry.crc {
            return Err(ZipError::Corrupt("checksum mismatch"));
        }
        Ok(data)
    }
}
