//! Decimal numbers as PDF files and spreadsheets write them (`-12.5`, `.5`, `3.`,
//! `1.5E-3`), parsed by hand: the standard library's correctly rounded float parser is
//! not otherwise in the app and measured ~12 KB (brotli) of its wasm, for numbers that
//! need no such care. Exact for up to 15 significant digits and exponents within ±22,
//! close beyond. (Writing uses `{}`: std's float formatting is in the app anyway.)

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
