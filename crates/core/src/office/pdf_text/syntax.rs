//! PDF syntax: a lexer and parser for objects (numbers, strings, names, arrays,
//! dictionaries, references) and the keywords of content streams. Forgiving: damaged
//! input ends the parse instead of failing it, and nothing here panics on any bytes.

use std::collections::HashMap;

/// A PDF object. Keywords other than `true`/`false`/`null` (operators in a content
/// stream, `obj`, `stream`, `R`…) come back as [`Obj::Op`].
#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32),
    Op(Vec<u8>),
}

pub type Dict = HashMap<Vec<u8>, Obj>;

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(n) => Some(n as f64),
            Obj::Real(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }
}

/// Nesting deeper than this (arrays in arrays…) is treated as damage.
const MAX_DEPTH: usize = 64;

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

/// Reads objects one after the other from a byte slice.
pub struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { bytes, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next object, or `None` at the end (or at bytes that are no object: a stray `)`,
    /// `>` or `}` is skipped as an empty keyword).
    pub fn next_obj(&mut self) -> Option<Obj> {
        self.obj(0)
    }

    fn obj(&mut self, depth: usize) -> Option<Obj> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_white();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Obj::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Obj::Str(self.literal()))
            }
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Obj::Dict(self.dict(depth)))
            }
            b'<' => {
                self.pos += 1;
                Some(Obj::Str(self.hex()))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => match self.obj(depth + 1) {
                            Some(o) => items.push(o),
                            None => break,
                        },
                    }
                }
                Some(Obj::Array(items))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => Some(self.number()),
            b')' | b'>' | b']' | b'{' | b'}' => {
                self.pos += 1;
                Some(Obj::Op(vec![b]))
            }
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let word = &self.bytes[start..self.pos];
                Some(match word {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => Obj::Op(word.to_vec()),
                })
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let hex = self.bytes.get(self.pos..self.pos + 2);
                if let Some(v) = hex
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// Hex digits up to `>` (or the end): the body of a hex string or ASCIIHex data.
    pub fn hex_body(&mut self) -> Vec<u8> {
        self.hex()
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn dict(&mut self, depth: usize) -> Dict {
        let mut dict = Dict::new();
        loop {
            self.skip_white();
            match self.peek() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name();
                    self.skip_white();
                    if self.peek() == Some(b'>') {
                        // A key without a value: damage.
                        continue;
                    }
                    match self.obj(depth + 1) {
                        Some(v) => {
                            dict.insert(key, v);
                        }
                        None => break,
                    }
                }
                Some(_) => {
                    // Not a key: skip one object (or one byte) and go on.
                    let before = self.pos;
                    if self.obj(depth + 1).is_none() || self.pos == before {
                        self.pos = before + 1;
                    }
                }
            }
        }
        dict
    }

    fn number(&mut self) -> Obj {
        let start = self.pos;
        let n = self.plain_number();
        // `12 0 R` is a reference.
        if let Obj::Int(num) = n
            && (0..=i64::from(u32::MAX)).contains(&num)
            && !self.bytes[start..self.pos].contains(&b'+')
        {
            let save = self.pos;
            self.skip_white();
            if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                let gen_start = self.pos;
                while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    self.pos += 1;
                }
                let gen_ok = self.pos - gen_start <= 5;
                self.skip_white();
                if gen_ok
                    && self.peek() == Some(b'R')
                    && self.bytes.get(self.pos + 1).is_none_or(|&b| !is_regular(b))
                {
                    self.pos += 1;
                    return Obj::Ref(num as u32);
                }
            }
            self.pos = save;
        }
        n
    }

    fn plain_number(&mut self) -> Obj {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
        {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("0");
        if let Ok(n) = text.parse::<i64>() {
            return Obj::Int(n);
        }
        // Writers produce odd reals (`--5`, `5.`, `.5-`); take what parses.
        let cleaned: String = text
            .chars()
            .enumerate()
            .filter(|&(i, c)| c != '+' && (c != '-' || i == 0))
            .map(|(_, c)| c)
            .collect();
        Obj::Real(crate::office::number::parse_decimal(&cleaned).unwrap_or(0.0))
    }

    /// After the keyword `ID` of an inline image: skips the image data up to `EI`.
    pub fn skip_inline_image(&mut self) {
        // One white-space byte follows `ID`, then binary data ending at white space + `EI`.
        self.pos += 1;
        let b = self.bytes;
        while self.pos + 2 <= b.len() {
            if b[self.pos] == b'E'
                && b[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(b[self.pos - 1])
                && b.get(self.pos + 2).is_none_or(|&c| !is_regular(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = b.len();
    }
}

/// Finds `needle` in `hay` from `from`. Jumps from one occurrence of the needle's first byte
/// to the next: a large file is mostly image data, scanned once for `trailer`.
pub fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut at = from;
    while at < hay.len() {
        let i = at + hay[at..].iter().position(|&b| b == first)?;
        if hay[i + 1..].starts_with(rest) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}
