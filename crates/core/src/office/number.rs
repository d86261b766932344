//! Decimal numbers as PDF files and spreadsheets write them (`-12.5`, `.5`, `3.`,
//! `1.5E-3`), parsed and written by hand: the standard library's correctly rounded float
//! parser and shortest-round-trip formatter would add their weight to the app's wasm
//! (the parser alone measured ~12 KB brotli) for numbers that need no such care.
//! Parsing is exact for up to 15 significant digits and exponents within ±22, close
//! beyond; writing keeps 15 significant digits.

/// The value of decimal `text`, or `None` when it is not a number.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    // Digits past 17 no longer change an f64's value much; they only scale it.
    const LIMIT: u64 = 10_000_000_000_000_000;
    let (mut mantissa, mut exponent, mut any) = (0u64, 0i32, false);
    while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
        if mantissa < LIMIT {
            mantissa = mantissa * 10 + u64::from(d - b'0');
        } else {
            exponent = exponent.saturating_add(1);
        }
        any = true;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if mantissa < LIMIT {
                mantissa = mantissa * 10 + u64::from(d - b'0');
                exponent -= 1;
            }
            any = true;
            i += 1;
        }
    }
    if !any {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign = match b.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let start = i;
        let mut e = 0i32;
        while let Some(d) = b.get(i).filter(|c| c.is_ascii_digit()) {
            e = (e * 10 + i32::from(d - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent = exponent.saturating_add(sign * e);
    }
    if i != b.len() {
        return None;
    }
    let value = mantissa as f64;
    let value = if exponent >= 0 {
        value * 10f64.powi(exponent)
    } else {
        value / 10f64.powi(-exponent)
    };
    Some(if negative { -value } else { value })
}

/// Appends `n` as a decimal a spreadsheet reads: whole numbers as integers, others with
/// up to 15 significant digits (trailing zeros dropped), very large or small ones in
/// `E` notation. Not-a-number and infinities are written as `0`.
pub fn write_decimal(n: f64, out: &mut String) {
    use std::fmt::Write;
    if !n.is_finite() || n == 0.0 {
        out.push('0');
        return;
    }
    if n < 0.0 {
        out.push('-');
    }
    let a = n.abs();
    if a.fract() == 0.0 && a < 1e18 {
        let _ = write!(out, "{}", a as u64);
        return;
    }
    // The decimal exponent of the first significant digit, and 15 digits from it.
    let mut exp = 0i32;
    let mut m = a;
    while m >= 10.0 {
        m /= 10.0;
        exp += 1;
    }
    while m < 1.0 {
        m *= 10.0;
        exp -= 1;
    }
    let scale = 14 - exp;
    // In two steps, so that 10^scale stays finite for the smallest numbers.
    let half = scale / 2;
    let mut digits = (a * 10f64.powi(half) * 10f64.powi(scale - half)).round() as u64;
    if digits >= 1_000_000_000_000_000 {
        // Rounding carried into a 16th digit (9.99… → 10.0…).
        digits /= 10;
        exp += 1;
    }
    let text = digits.to_string();
    let text = text.trim_end_matches('0');
    let text = if text.is_empty() { "0" } else { text };
    if (-5..15).contains(&exp) {
        if exp >= 0 {
            let whole = (exp + 1) as usize;
            if text.len() <= whole {
                out.push_str(text);
                out.extend(std::iter::repeat_n('0', whole - text.len()));
            } else {
                out.push_str(&text[..whole]);
                out.push('.');
                out.push_str(&text[whole..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(text);
        }
    } else {
        out.push_str(&text[..1]);
        if text.len() > 1 {
            out.push('.');
            out.push_str(&text[1..]);
        }
        let _ = write!(out, "E{exp}");
    }
}
