//! The school year: from 1 September to 31 August, named by the year it starts in.

use crate::date::Date;

/// The school year a date belongs to, as the year it starts in (2025 for 2025–2026).
pub fn of(date: Date) -> u16 {
    if date.month >= 9 {
        date.year
    } else {
        date.year - 1
    }
}

/// The year's label as schools write it: `2025–2026`.
pub fn label(year: u16) -> String {
    format!("{year}–{}", year + 1)
}

/// The first day of the school year (1 September).
pub fn first_day(year: u16) -> Date {
    Date::new(year, 9, 1).expect("1 September exists")
}

/// The last day of the school year (31 August).
pub fn last_day(year: u16) -> Date {
    Date::new(year + 1, 8, 31).expect("31 August exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn september_starts_a_new_year() {
        assert_eq!(of(Date::new(2025, 8, 31).unwrap()), 2024);
        assert_eq!(of(Date::new(2025, 9, 1).unwrap()), 2025);
        assert_eq!(of(Date::new(2026, 5, 25).unwrap()), 2025);
        assert_eq!(label(2025), "2025–2026");
        assert!(first_day(2025) < last_day(2025));
    }
}
