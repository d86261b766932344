//! A font as text extraction sees it: how a shown string splits into character codes,
//! the Unicode text of each code (from the font's ToUnicode CMap — `bfchar` and `bfrange`
//! — or, for simple fonts, its encoding: WinAnsi with `/Differences`), and each code's
//! width (to tell where words break).

use super::file::PdfFile;
use super::syntax::{Dict, Lexer, Obj};
use std::collections::HashMap;

/// A ToUnicode CMap.
#[derive(Debug, Default)]
pub struct CMap {
    /// Byte length and range of each code space (`begincodespacerange`).
    codespace: Vec<(usize, u32, u32)>,
    chars: HashMap<u32, String>,
    /// `lo hi <dst>`: code `c` maps to dst with its last UTF-16 unit raised by `c - lo`.
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// `lo hi [<d0> <d1> …]`.
    listed: Vec<(u32, u32, Vec<String>)>,
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |v, &b| (v << 8) | b as u32)
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![bytes[0] as u16];
    }
    bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect()
}

fn string_of(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(data, 0);
        let mut items: Vec<Obj> = Vec::new();
        while let Some(o) = lx.next_obj() {
            let Obj::Op(op) = &o else {
                items.push(o);
                continue;
            };
            match op.as_slice() {
                b"endcodespacerange" => {
                    for pair in items.chunks_exact(2) {
                        if let [Obj::Str(lo), Obj::Str(hi)] = pair
                            && (1..=4).contains(&lo.len())
                        {
                            cmap.codespace.push((lo.len(), code_of(lo), code_of(hi)));
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in items.chunks_exact(2) {
                        match pair {
                            [Obj::Str(src), Obj::Str(dst)] => {
                                cmap.chars.insert(code_of(src), string_of(&utf16(dst)));
                            }
                            [Obj::Str(src), Obj::Name(name)] => {
                                if let Some(c) = glyph_char(name) {
                                    cmap.chars.insert(code_of(src), c.to_string());
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in items.chunks_exact(3) {
                        match triple {
                            [Obj::Str(lo), Obj::Str(hi), Obj::Str(dst)] => {
                                cmap.ranges.push((code_of(lo), code_of(hi), utf16(dst)));
                            }
                            [Obj::Str(lo), Obj::Str(hi), Obj::Array(list)] => {
                                let list = list
                                    .iter()
                                    .map(|o| match o {
                                        Obj::Str(s) => string_of(&utf16(s)),
                                        _ => String::new(),
                                    })
                                    .collect();
                                cmap.listed.push((code_of(lo), code_of(hi), list));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            items.clear();
        }
        cmap
    }

    fn lookup(&self, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        for (lo, hi, dst) in &self.ranges {
            if (*lo..=*hi).contains(&code) {
                let mut units = dst.clone();
                let last = units.last_mut()?;
                *last = last.wrapping_add((code - lo) as u16);
                return Some(string_of(&units));
            }
        }
        for (lo, hi, list) in &self.listed {
            if (*lo..=*hi).contains(&code) {
                return list.get((code - lo) as usize).cloned();
            }
        }
        None
    }
}

#[derive(Debug)]
enum Widths {
    /// `/FirstChar` and `/Widths` of a simple font.
    Simple(u32, Vec<f64>),
    /// `/W` of a CID font: (first, last, width) runs, and `/DW`.
    Cid(Vec<(u32, u32, f64)>, f64),
}

/// What text extraction knows of a font.
#[derive(Debug)]
pub struct Font {
    to_unicode: Option<CMap>,
    /// Composite (Type0) fonts use two-byte codes unless their CMap says otherwise.
    composite: bool,
    /// The byte encoding of a simple font.
    encoding: [Option<char>; 256],
    widths: Widths,
}

/// The width assumed for a glyph of unknown width, in thousandths of an em.
const UNKNOWN_WIDTH: f64 = 500.0;

impl Font {
    /// A font with no dictionary (a `Tf` naming a font that is not there): WinAnsi.
    pub fn fallback() -> Font {
        Font {
            to_unicode: None,
            composite: false,
            encoding: win_ansi(),
            widths: Widths::Simple(0, Vec::new()),
        }
    }

    pub fn load(file: &PdfFile, dict: &Dict) -> Font {
        let composite = file.get(dict, b"Subtype").and_then(Obj::as_name) == Some(b"Type0");
        let to_unicode = dict
            .get(b"ToUnicode".as_slice())
            .and_then(|o| file.stream_ref(o))
            .and_then(|n| file.stream(n))
            .map(|data| CMap::parse(&data));
        let mut encoding = win_ansi();
        match file.get(dict, b"Encoding") {
            Some(Obj::Dict(enc)) => {
                if let Some(Obj::Array(diffs)) = file.get(enc, b"Differences") {
                    let mut code = 0usize;
                    for item in diffs {
                        match file.resolve(item) {
                            Obj::Int(n) => code = (*n).clamp(0, 255) as usize,
                            Obj::Name(name) => {
                                if code < 256 {
                                    encoding[code] = glyph_char(name);
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            Some(Obj::Name(_)) | None => {}
            _ => {}
        }
        let widths = if composite {
            let descendant = match file.get(dict, b"DescendantFonts") {
                Some(Obj::Array(a)) => a.first().and_then(|o| file.resolve(o).as_dict()),
                _ => None,
            };
            let default = descendant
                .and_then(|d| file.num(d.get(b"DW".as_slice())))
                .unwrap_or(1000.0);
            let mut runs = Vec::new();
            if let Some(Obj::Array(w)) = descendant.and_then(|d| file.get(d, b"W")) {
                let mut i = 0;
                while i + 1 < w.len() {
                    let first = file.num(Some(&w[i])).unwrap_or(0.0) as u32;
                    match file.resolve(&w[i + 1]) {
                        Obj::Array(list) => {
                            for (k, width) in list.iter().enumerate() {
                                let width = file.num(Some(width)).unwrap_or(default);
                                let c = first.saturating_add(k as u32);
                                runs.push((c, c, width));
                            }
                            i += 2;
                        }
                        last => {
                            let last = last.as_f64().unwrap_or(0.0) as u32;
                            let width = w.get(i + 2).and_then(|o| file.num(Some(o)));
                            runs.push((first, last, width.unwrap_or(default)));
                            i += 3;
                        }
                    }
                }
            }
            Widths::Cid(runs, default)
        } else {
            let first = file.num(dict.get(b"FirstChar".as_slice())).unwrap_or(0.0) as u32;
            let widths = match file.get(dict, b"Widths") {
                Some(Obj::Array(w)) => w.iter().map(|o| file.num(Some(o)).unwrap_or(0.0)).collect(),
                _ => Vec::new(),
            };
            Widths::Simple(first, widths)
        };
        Font {
            to_unicode,
            composite,
            encoding,
            widths,
        }
    }

    /// The character codes of a shown string.
    pub fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        let codespace = self.to_unicode.as_ref().map(|c| c.codespace.as_slice());
        let fixed = if self.composite { 2 } else { 1 };
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = codespace
                .unwrap_or(&[])
                .iter()
                .find(|(len, lo, hi)| {
                    bytes
                        .get(i..i + len)
                        .is_some_and(|b| (*lo..=*hi).contains(&code_of(b)))
                })
                .map(|(len, _, _)| *len)
                .unwrap_or(fixed);
            let end = (i + len).min(bytes.len());
            out.push(code_of(&bytes[i..end]));
            i = end;
        }
        out
    }

    /// Appends the text of `code` to `out`.
    pub fn push_text(&self, code: u32, out: &mut String) {
        if let Some(s) = self.to_unicode.as_ref().and_then(|c| c.lookup(code)) {
            out.push_str(&s);
        } else if !self.composite
            && let Some(c) = self.encoding.get(code as usize).copied().flatten()
        {
            out.push(c);
        }
    }

    /// The width of `code` in thousandths of an em.
    pub fn width(&self, code: u32) -> f64 {
        let w = match &self.widths {
            Widths::Simple(first, w) => code
                .checked_sub(*first)
                .and_then(|i| w.get(i as usize))
                .copied()
                .unwrap_or(UNKNOWN_WIDTH),
            Widths::Cid(runs, default) => runs
                .iter()
                .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
                .map_or(*default, |r| r.2),
        };
        if w > 0.0 { w } else { UNKNOWN_WIDTH }
    }
}

/// WinAnsiEncoding (Windows-1252): also used for StandardEncoding and MacRoman fonts,
/// which agree with it on ASCII.
fn win_ansi() -> [Option<char>; 256] {
    const HIGH: [char; 32] = [
        '€', '\u{0}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{0}', 'Ž', '\u{0}',
        '\u{0}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{0}', 'ž', 'Ÿ',
    ];
    let mut table = [None; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let c = match i {
            0x80..=0x9F => HIGH[i - 0x80],
            0..=0x1F => '\u{0}',
            _ => char::from(i as u8),
        };
        if c != '\u{0}' {
            *slot = Some(c);
        }
    }
    table
}

/// The character of a glyph name from the Adobe Glyph List: `uniXXXX`, `uXXXX`, single
/// letters and digits' names, common punctuation, and the `afii` names of Cyrillic.
pub fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u'))
        && (4..=6).contains(&hex.len())
        && let Ok(v) = u32::from_str_radix(&hex[..hex.len().min(6)], 16)
    {
        return char::from_u32(v);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    if let Some(n) = name
        .strip_prefix("afii")
        .and_then(|n| n.parse::<u32>().ok())
    {
        const UPPER: &str = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ";
        const LOWER: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        return match n {
            10017..=10049 => UPPER.chars().nth((n - 10017) as usize),
            10065..=10097 => LOWER.chars().nth((n - 10065) as usize),
            61352 => Some('№'),
            _ => None,
        };
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("ellipsis", '…'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("quotedblbase", '„'),
        ("guillemotleft", '«'),
        ("guillemotright", '»'),
        ("degree", '°'),
        ("section", '§'),
        ("nbspace", '\u{a0}'),
        ("fi", 'ﬁ'),
        ("fl", 'ﬂ'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}
