//! A PDF file's objects, found by scanning the bytes for `N G obj` (so a damaged or
//! missing cross-reference table does not matter), plus those packed in object streams;
//! stream data decoded; the pages in order.

use super::crypt::{Crypt, Method, Params};
use super::lzw;
use super::syntax::{Dict, Lexer, Obj, find, is_white};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The most bytes all decoded streams of one file may take together (a guard against
/// deflate bombs).
const DECODE_BUDGET: usize = 64 * 1024 * 1024;
/// A page tree or reference chain deeper than this is damage.
const MAX_DEPTH: usize = 32;

pub struct PdfFile<'a> {
    bytes: &'a [u8],
    objects: HashMap<u32, Obj>,
    /// The raw data of stream objects (their dictionaries are in `objects`), with each
    /// one's generation (part of its key in an encrypted file).
    streams: HashMap<u32, (Range<usize>, u16)>,
    trailers: Vec<Dict>,
    budget: Cell<usize>,
    /// How the file is encrypted, if it is.
    encryption: Encryption,
}

enum Encryption {
    None,
    /// Opened with the empty user password.
    Open(Crypt),
    /// Needs a user password, or a security handler other than the standard one.
    Locked,
}

/// A page: its dictionary and the resources it uses (its own or inherited).
pub struct Page<'f> {
    pub dict: &'f Dict,
    pub resources: Option<&'f Dict>,
}

impl<'a> PdfFile<'a> {
    /// Scans `bytes` for objects.
    pub fn scan(bytes: &'a [u8]) -> PdfFile<'a> {
        let mut file = PdfFile {
            bytes,
            objects: HashMap::new(),
            streams: HashMap::new(),
            trailers: Vec::new(),
            budget: Cell::new(DECODE_BUDGET),
            encryption: Encryption::None,
        };
        let mut at = 0;
        while let Some(i) = find(bytes, b"obj", at) {
            at = i + 3;
            let Some((num, generation)) = object_number(bytes, i) else {
                continue;
            };
            let mut lx = Lexer::new(bytes, i + 3);
            let Some(obj) = lx.next_obj() else { continue };
            lx.skip_white();
            let is_stream = bytes[lx.pos..].starts_with(b"stream");
            match obj {
                Obj::Dict(dict) if is_stream => {
                    let range = stream_range(bytes, lx.pos + 6, dict.get(b"Length".as_slice()));
                    at = at.max(range.end);
                    if dict.get(b"Type".as_slice()).and_then(Obj::as_name) == Some(b"XRef") {
                        file.trailers.push(dict.clone());
                    }
                    file.streams.insert(num, (range, generation));
                    file.objects.insert(num, Obj::Dict(dict));
                }
                obj => {
                    file.objects.insert(num, obj);
                }
            }
        }
        let mut at = 0;
        while let Some(i) = find(bytes, b"trailer", at) {
            at = i + 7;
            if let Some(Obj::Dict(d)) = Lexer::new(bytes, at).next_obj() {
                file.trailers.push(d);
            }
        }
        file.encryption = file.encryption();
        if !matches!(file.encryption, Encryption::Locked) {
            file.unpack_object_streams();
        }
        file
    }

    /// What the trailer's `/Encrypt` dictionary says, tried with the empty user password.
    fn encryption(&self) -> Encryption {
        let Some(encrypt) = self
            .trailers
            .iter()
            .rev()
            .find_map(|t| t.get(b"Encrypt".as_slice()))
        else {
            return Encryption::None;
        };
        // Named but missing or damaged: there is no telling how to read the file.
        let Some(encrypt) = self.resolve(encrypt).as_dict() else {
            return Encryption::Locked;
        };
        let id = self
            .trailers
            .iter()
            .rev()
            .find_map(|t| match self.get(t, b"ID")? {
                Obj::Array(ids) => match self.resolve(ids.first()?) {
                    Obj::Str(s) => Some(s.as_slice()),
                    _ => None,
                },
                _ => None,
            })
            .unwrap_or_default();
        let string = |key: &[u8]| match self.get(encrypt, key) {
            Some(Obj::Str(s)) => s.as_slice(),
            _ => &[],
        };
        let number = |key: &[u8]| self.num(encrypt.get(key));
        let version = number(b"V").unwrap_or(0.0) as u32;
        // Version 4 and 5 name the streams' crypt filter; 1 and 2 are RC4 throughout.
        let streams = match version {
            1 | 2 => Method::Rc4,
            4 | 5 => {
                let filter = self.get(encrypt, b"StmF").and_then(Obj::as_name);
                let method = filter
                    .filter(|f| *f != b"Identity")
                    .and_then(|f| self.dict(encrypt, b"CF")?.get(f))
                    .map(|cf| self.resolve(cf))
                    .and_then(Obj::as_dict)
                    .and_then(|cf| self.get(cf, b"CFM")?.as_name());
                match method {
                    None | Some(b"None") => Method::Identity,
                    Some(b"V2") => Method::Rc4,
                    Some(b"AESV2") => Method::Aes128,
                    Some(b"AESV3") => Method::Aes256,
                    Some(_) => return Encryption::Locked,
                }
            }
            _ => return Encryption::Locked,
        };
        let standard = self.get(encrypt, b"Filter").and_then(Obj::as_name) == Some(b"Standard");
        let params = Params {
            revision: number(b"R").unwrap_or(0.0) as u32,
            length_bits: number(b"Length").unwrap_or(40.0) as u32,
            owner: string(b"O"),
            user: string(b"U"),
            user_key: string(b"UE"),
            permissions: number(b"P").unwrap_or(0.0) as i64 as i32,
            encrypt_metadata: self.get(encrypt, b"EncryptMetadata") != Some(&Obj::Bool(false)),
            id,
            streams,
        };
        match Crypt::open(&params) {
            Some(crypt) if standard => Encryption::Open(crypt),
            _ => Encryption::Locked,
        }
    }

    /// Objects stored inside object streams (PDF 1.5), where fonts and pages often are.
    fn unpack_object_streams(&mut self) {
        let packed: Vec<u32> = self
            .streams
            .keys()
            .copied()
            .filter(|n| {
                self.objects
                    .get(n)
                    .and_then(Obj::as_dict)
                    .and_then(|d| d.get(b"Type".as_slice()))
                    == Some(&Obj::Name(b"ObjStm".to_vec()))
            })
            .collect();
        let mut found = Vec::new();
        for n in packed {
            let Some(data) = self.stream(n) else { continue };
            let Some(dict) = self.objects.get(&n).and_then(Obj::as_dict) else {
                continue;
            };
            let count = self.num(dict.get(b"N".as_slice())).unwrap_or(0.0) as usize;
            let first = self.num(dict.get(b"First".as_slice())).unwrap_or(0.0) as usize;
            let mut lx = Lexer::new(&data, 0);
            let mut index = Vec::new();
            for _ in 0..count.min(1_000_000) {
                match (lx.next_obj(), lx.next_obj()) {
                    (Some(Obj::Int(num)), Some(Obj::Int(off))) if num >= 0 && off >= 0 => {
                        index.push((num as u32, off as usize));
                    }
                    _ => break,
                }
            }
            for (num, off) in index {
                if let Some(obj) = Lexer::new(&data, first.saturating_add(off)).next_obj() {
                    found.push((num, obj));
                }
            }
        }
        for (num, obj) in found {
            self.objects.entry(num).or_insert(obj);
        }
    }

    pub fn object_count(&self) -> usize {
        self.objects.len()
    }

    /// `o` with references followed.
    pub fn resolve<'s>(&'s self, mut o: &'s Obj) -> &'s Obj {
        for _ in 0..MAX_DEPTH {
            match o {
                Obj::Ref(n) => match self.objects.get(n) {
                    Some(next) => o = next,
                    None => return &Obj::Null,
                },
                _ => return o,
            }
        }
        &Obj::Null
    }

    pub fn get<'s>(&'s self, dict: &'s Dict, key: &[u8]) -> Option<&'s Obj> {
        dict.get(key).map(|o| self.resolve(o))
    }

    pub fn dict<'s>(&'s self, dict: &'s Dict, key: &[u8]) -> Option<&'s Dict> {
        self.get(dict, key).and_then(Obj::as_dict)
    }

    pub fn num(&self, o: Option<&Obj>) -> Option<f64> {
        o.map(|o| self.resolve(o)).and_then(Obj::as_f64)
    }

    /// Whether the file is encrypted in a way it cannot be read: a user password is set,
    /// or it uses a security handler other than the standard one.
    pub fn is_locked(&self) -> bool {
        matches!(self.encryption, Encryption::Locked)
    }

    /// The decoded data of stream object `n`; `None` for an unknown object or a filter
    /// this reader does not decode (images).
    pub fn stream(&self, n: u32) -> Option<Vec<u8>> {
        let (range, generation) = self.streams.get(&n)?;
        let dict = self.objects.get(&n)?.as_dict()?;
        let raw = self.bytes.get(range.clone())?;
        // Cross-reference streams are never encrypted.
        let raw = match &self.encryption {
            Encryption::Open(crypt) if !type_is_dict(dict, b"XRef") => {
                std::borrow::Cow::Owned(crypt.stream(n, *generation, raw)?)
            }
            _ => std::borrow::Cow::Borrowed(raw),
        };
        let filters: Vec<&[u8]> = match self.get(dict, b"Filter") {
            Some(Obj::Name(n)) => vec![n.as_slice()],
            Some(Obj::Array(a)) => a.iter().filter_map(|o| self.resolve(o).as_name()).collect(),
            _ => Vec::new(),
        };
        let params = |i: usize| -> Option<&Dict> {
            match self
                .get(dict, b"DecodeParms")
                .or_else(|| self.get(dict, b"DP"))?
            {
                Obj::Array(a) => self.resolve(a.get(i)?).as_dict(),
                other => other.as_dict(),
            }
        };
        let mut data = raw.into_owned();
        for (i, f) in filters.into_iter().enumerate() {
            let params = params(i);
            let number = |key: &[u8]| params.and_then(|p| self.get(p, key)?.as_f64());
            // Predictors are for images and cross-reference data, which text never needs.
            if number(b"Predictor").is_some_and(|p| p > 1.0) {
                return None;
            }
            data = match f {
                b"FlateDecode" | b"Fl" => self.inflate(&data)?,
                b"LZWDecode" | b"LZW" => {
                    let early_change = number(b"EarlyChange") != Some(0.0);
                    self.spend(lzw::decode(&data, early_change, self.budget.get()))?
                }
                b"ASCIIHexDecode" | b"AHx" => Lexer::new(&data, 0).hex_body(),
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                _ => return None,
            };
        }
        Some(data)
    }

    /// Takes a decoder's output from the file's budget; damaged data gives what came out
    /// before the damage.
    fn spend(&self, decoded: Result<Vec<u8>, Vec<u8>>) -> Option<Vec<u8>> {
        let budget = self.budget.get();
        if budget == 0 {
            return None;
        }
        let out = decoded.unwrap_or_else(|partial| partial);
        self.budget.set(budget - out.len().min(budget));
        Some(out)
    }

    /// Inflates zlib data within the file's budget; a damaged stream gives what came out
    /// before the damage.
    fn inflate(&self, data: &[u8]) -> Option<Vec<u8>> {
        use crate::office::deflate::{inflate, inflate_zlib};
        let budget = self.budget.get();
        self.spend(match inflate_zlib(data, budget) {
            Err(partial) if partial.is_empty() => inflate(data, budget),
            zlib => zlib,
        })
    }

    /// The number of the stream object `o` refers to.
    pub fn stream_ref(&self, o: &Obj) -> Option<u32> {
        let mut o = o;
        for _ in 0..MAX_DEPTH {
            match o {
                Obj::Ref(n) if self.streams.contains_key(n) => return Some(*n),
                Obj::Ref(n) => o = self.objects.get(n)?,
                _ => return None,
            }
        }
        None
    }

    /// The pages in reading order: the page tree from the catalog, or, when that is
    /// damaged, every page object by number.
    pub fn pages(&self) -> Vec<Page<'_>> {
        let mut out = Vec::new();
        let root = self
            .trailers
            .iter()
            .rev()
            .filter_map(|t| self.get(t, b"Root").and_then(Obj::as_dict))
            .next()
            .or_else(|| {
                let mut catalogs: Vec<(&u32, &Obj)> = self
                    .objects
                    .iter()
                    .filter(|(_, o)| type_is(o, b"Catalog"))
                    .collect();
                crate::order::sort_by_key(&mut catalogs, |(n, _)| **n);
                catalogs.last().and_then(|(_, o)| o.as_dict())
            });
        if let Some(tree) = root.and_then(|r| r.get(b"Pages".as_slice())) {
            let mut seen = HashSet::new();
            self.walk(tree, None, &mut seen, 0, &mut out);
        }
        if out.is_empty() {
            let mut pages: Vec<(&u32, &Obj)> = self
                .objects
                .iter()
                .filter(|(_, o)| type_is(o, b"Page"))
                .collect();
            crate::order::sort_by_key(&mut pages, |(n, _)| **n);
            for (_, page) in pages {
                let Some(dict) = page.as_dict() else { continue };
                out.push(Page {
                    dict,
                    resources: self.inherited_resources(dict),
                });
            }
        }
        out
    }

    fn walk<'s>(
        &'s self,
        node: &'s Obj,
        resources: Option<&'s Dict>,
        seen: &mut HashSet<u32>,
        depth: usize,
        out: &mut Vec<Page<'s>>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Obj::Ref(n) = node
            && !seen.insert(*n)
        {
            return;
        }
        let Some(dict) = self.resolve(node).as_dict() else {
            return;
        };
        let resources = self.dict(dict, b"Resources").or(resources);
        match self.get(dict, b"Kids") {
            Some(Obj::Array(kids)) if !type_is_dict(dict, b"Page") => {
                for kid in kids {
                    self.walk(kid, resources, seen, depth + 1, out);
                }
            }
            _ => out.push(Page { dict, resources }),
        }
    }

    fn inherited_resources<'s>(&'s self, mut dict: &'s Dict) -> Option<&'s Dict> {
        for _ in 0..MAX_DEPTH {
            if let Some(r) = self.dict(dict, b"Resources") {
                return Some(r);
            }
            dict = self.dict(dict, b"Parent")?;
        }
        None
    }
}

fn type_is(o: &Obj, ty: &[u8]) -> bool {
    o.as_dict().is_some_and(|d| type_is_dict(d, ty))
}

fn type_is_dict(d: &Dict, ty: &[u8]) -> bool {
    d.get(b"Type".as_slice()).and_then(Obj::as_name) == Some(ty)
}

/// The object number of the `N G obj` whose `obj` keyword is at `at`.
fn object_number(b: &[u8], at: usize) -> Option<(u32, u16)> {
    if b.get(at + 3)
        .is_some_and(|&c| !is_white(c) && !super::syntax::is_delim(c))
    {
        return None;
    }
    let digits_before = |end: usize| {
        let mut j = end;
        while j > 0 && b[j - 1].is_ascii_digit() {
            j -= 1;
        }
        j
    };
    let white_before = |end: usize| {
        let mut j = end;
        while j > 0 && is_white(b[j - 1]) {
            j -= 1;
        }
        j
    };
    let gen_end = white_before(at);
    if gen_end == at {
        return None;
    }
    let gen_start = digits_before(gen_end);
    if gen_start == gen_end {
        return None;
    }
    let num_end = white_before(gen_start);
    if num_end == gen_start {
        return None;
    }
    let num_start = digits_before(num_end);
    if num_start == num_end || num_end - num_start > 10 {
        return None;
    }
    let num = std::str::from_utf8(&b[num_start..num_end])
        .ok()?
        .parse()
        .ok()?;
    let generation = std::str::from_utf8(&b[gen_start..gen_end])
        .ok()?
        .parse()
        .unwrap_or(0);
    Some((num, generation))
}

/// Where the data of a stream starts (`start` is just after the `stream` keyword) and
/// ends: by its `/Length` when that lands on `endstream`, else at the next `endstream`.
fn stream_range(b: &[u8], mut start: usize, length: Option<&Obj>) -> Range<usize> {
    if b.get(start) == Some(&b'\r') {
        start += 1;
    }
    if b.get(start) == Some(&b'\n') {
        start += 1;
    }
    let start = start.min(b.len());
    if let Some(&Obj::Int(len)) = length
        && len >= 0
        && let Some(end) = start.checked_add(len as usize)
        && end <= b.len()
    {
        let mut lx = Lexer::new(b, end);
        lx.skip_white();
        if b[lx.pos..].starts_with(b"endstream") {
            return start..end;
        }
    }
    match find(b, b"endstream", start) {
        Some(mut end) => {
            if end > start && b[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && b[end - 1] == b'\r' {
                end -= 1;
            }
            start..end
        }
        None => start..b.len(),
    }
}

/// Decodes ASCII base-85 data (`~>` ends it).
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    let mut i = 0;
    if data.starts_with(b"<~") {
        i = 2;
    }
    while i < data.len() {
        let c = data[i];
        i += 1;
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |v, &d| v * 85 + d as u64);
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |v, &d| v * 85 + d as u64);
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}
