//! A calendar date without time zone, as the school uses it (expiry of a category, a
//! deadline). The core reads no clock: "today" is always passed in.

use autosurgeon::{Hydrate, Reconcile};
use std::fmt;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Reconcile,
    Hydrate,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date or `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, the value of an HTML date input.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date of a moment given in milliseconds since 1970-01-01 UTC shifted by the
    /// caller's time-zone offset in minutes (Kyrgyzstan: +360).
    pub fn from_unix_ms(ms: i64, offset_minutes: i32) -> Date {
        let days = (ms + offset_minutes as i64 * 60_000).div_euclid(86_400_000);
        civil_from_days(days)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `dd.mm.yyyy`, as dates are written in Kyrgyzstan on paper and on screen (ISO
    /// `yyyy-mm-dd`, the `Display` form, stays for stored values and file names).
    pub fn dotted(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// The same day `months` later (clamped to the month's last day).
    pub fn add_months(self, months: u32) -> Date {
        let total = self.year as u32 * 12 + (self.month as u32 - 1) + months;
        let (year, month) = ((total / 12) as u16, (total % 12 + 1) as u8);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as u16;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso() {
        let d = Date::parse_iso("2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("2023-13-01"), None);
        assert_eq!(Date::parse_iso("23-01-01"), None);
        assert_eq!(Date::parse_iso(""), None);
    }

    #[test]
    fn dotted_is_day_month_year() {
        assert_eq!(Date::new(2026, 9, 1).unwrap().dotted(), "01.09.2026");
        assert_eq!(Date::new(987, 12, 31).unwrap().dotted(), "31.12.0987");
    }

    #[test]
    fn unix_ms_round_trips_through_days() {
        // 2026-11-25 00:00 UTC
        let ms = 1_795_564_800_000;
        let d = Date::from_unix_ms(ms, 0);
        assert_eq!(d, Date::new(2026, 11, 25).unwrap());
        assert_eq!(d.days_since_epoch() * 86_400_000, ms);
        // 20:00 UTC is already the next day in Bishkek (UTC+6).
        assert_eq!(Date::from_unix_ms(ms + 20 * 3_600_000, 360).day, 26);
    }

    #[test]
    fn add_months_clamps_the_day() {
        let d = Date::new(2025, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::new(2025, 2, 28).unwrap());
        assert_eq!(d.add_months(12), Date::new(2026, 1, 31).unwrap());
    }
}
