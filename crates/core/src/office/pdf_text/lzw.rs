//! The LZW filter of PDF (`LZWDecode`, PDF 1.7 § 7.4.4): codes of 9 to 12 bits, most
//! significant bit first; 256 clears the table, 257 ends the data. Files written by older
//! software compress their page contents this way.

const CLEAR: usize = 256;
const END: usize = 257;
const MAX_CODES: usize = 4096;

/// Decodes `data`, writing at most `limit` bytes. With `early_change` (the default, PDF's
/// `/EarlyChange 1`) the code width grows one code early, as most writers do. Damaged data
/// (a code not in the table) gives `Err` with what was decoded before it; running out of
/// data without the end code is not damage.
pub(super) fn decode(data: &[u8], early_change: bool, limit: usize) -> Result<Vec<u8>, Vec<u8>> {
    let early = usize::from(early_change);
    let mut out = Vec::new();
    // Entry `i` of the table is `out[start..start + len]` for its (start, len): a new entry
    // is the previous code's string, where it was last written, plus the byte after it.
    let mut table: Vec<(usize, usize)> = Vec::with_capacity(MAX_CODES);
    let mut width = 9;
    let mut previous: Option<(usize, usize)> = None;
    let mut bits = Bits::new(data);
    reset(&mut table);
    while let Some(code) = bits.take(width) {
        if code == CLEAR {
            reset(&mut table);
            width = 9;
            previous = None;
            continue;
        }
        if code == END {
            break;
        }
        let start = out.len();
        match (table.get(code), previous) {
            _ if code < CLEAR => out.push(code as u8),
            (Some(&(from, len)), _) => out.extend_from_within(from..from + len),
            // The string being defined by this very code: the previous one and its first byte.
            (None, Some((from, len))) if code == table.len() => {
                out.extend_from_within(from..from + len);
                out.push(out[from]);
            }
            _ => return Err(out),
        }
        if let Some((from, len)) = previous
            && table.len() < MAX_CODES
        {
            table.push((from, len + 1));
        }
        previous = Some((start, out.len() - start));
        if table.len() + early >= 1 << width && width < 12 {
            width += 1;
        }
        if out.len() > limit {
            out.truncate(limit);
            return Err(out);
        }
    }
    Ok(out)
}

/// The table as it starts: the 256 single bytes, then the two control codes.
fn reset(table: &mut Vec<(usize, usize)>) {
    table.clear();
    table.extend((0..=END).map(|_| (0, 1)));
}

/// Codes read most significant bit first.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
    held: u32,
    count: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bits {
            data,
            at: 0,
            held: 0,
            count: 0,
        }
    }

    fn take(&mut self, width: u32) -> Option<usize> {
        while self.count < width {
            let byte = *self.data.get(self.at)?;
            self.at += 1;
            self.held = (self.held << 8) | u32::from(byte);
            self.count += 8;
        }
        self.count -= width;
        let code = (self.held >> self.count) & ((1 << width) - 1);
        self.held &= (1 << self.count) - 1;
        Some(code as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A plain LZW encoder with PDF's conventions, for the round trips below.
    fn encode(data: &[u8], early_change: bool) -> Vec<u8> {
        let early = usize::from(early_change);
        let mut out = Vec::new();
        let (mut held, mut count) = (0u64, 0u32);
        let mut put = |code: usize, width: u32| {
            held = (held << width) | code as u64;
            count += width;
            while count >= 8 {
                count -= 8;
                out.push((held >> count) as u8);
            }
        };
        let mut table: HashMap<Vec<u8>, usize> =
            (0..=255u8).map(|b| (vec![b], b as usize)).collect();
        let mut next = END + 1;
        let mut width = 9;
        put(CLEAR, width);
        let mut current: Vec<u8> = Vec::new();
        for &b in data {
            let mut longer = current.clone();
            longer.push(b);
            if table.contains_key(&longer) {
                current = longer;
                continue;
            }
            put(table[&current], width);
            if next < MAX_CODES {
                table.insert(longer, next);
                next += 1;
            }
            // The decoder learns each entry one code later than the encoder makes it.
            if next + early > 1 << width && width < 12 {
                width += 1;
            }
            if next == MAX_CODES {
                put(CLEAR, width);
                table.retain(|k, _| k.len() == 1);
                next = END + 1;
                width = 9;
            }
            current = vec![b];
        }
        if !current.is_empty() {
            put(table[&current], width);
            // The decoder makes an entry for this last code, and may widen, before the end.
            if next + early >= 1 << width && width < 12 {
                width += 1;
            }
        }
        put(END, width);
        put(0, 7);
        out
    }

    #[test]
    fn decodes_the_example_of_the_pdf_reference() {
        let coded = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(decode(&coded, true, 1 << 20).unwrap(), b"-----A---B");
    }

    #[test]
    fn round_trips_long_and_repetitive_data_through_every_code_width() {
        // A fixed-seed mix of text and noise, long enough for 12-bit codes and a full table.
        let mut seed = 2026u32;
        let mut data = Vec::new();
        for i in 0..60_000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            match i % 7 {
                0 => data.extend_from_slice("Кеңеш өткөрүлдү ".as_bytes()),
                _ => data.push((seed >> 24) as u8 % 40 + b' '),
            }
        }
        for early in [true, false] {
            let coded = encode(&data, early);
            assert!(coded.len() < data.len());
            assert_eq!(
                decode(&coded, early, 1 << 24).unwrap(),
                data,
                "early change {early}"
            );
        }
        assert_eq!(decode(&encode(b"", true), true, 10).unwrap(), b"");
    }

    #[test]
    fn damaged_data_keeps_what_came_before_and_the_limit_holds() {
        let text = "Буйрук № 15 ".repeat(200).into_bytes();
        let coded = encode(&text, true);
        // Nine-bit codes: clear, "A", "B", then 300, which is not in the table (260 would be
        // the next): what came before stays.
        let codes = [CLEAR, 65, 66, 300];
        let packed: u64 = codes.iter().fold(0, |all, &c| (all << 9) | c as u64) << 4;
        let damaged = packed.to_be_bytes()[3..].to_vec();
        assert_eq!(decode(&damaged, true, 1 << 20).unwrap_err(), b"AB");
        // Cut short without the end code: what is there.
        let cut = decode(&coded[..coded.len() / 2], true, 1 << 20).unwrap();
        assert!(text.starts_with(&cut) && cut.len() > 100);
        // A limit below the decoded size stops there.
        assert_eq!(decode(&coded, true, 50).unwrap_err(), text[..50]);
    }
}
