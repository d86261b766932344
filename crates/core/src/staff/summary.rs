//! Staff composition at a glance: by category, by experience band, by role.

use super::member::{StaffMember, StaffRole};
use crate::date::Date;
use std::collections::BTreeMap;

/// Bands of teaching experience as schools report them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExperienceBand {
    UpTo2,
    From2To5,
    From5To10,
    From10To20,
    Over20,
    Unknown,
}

impl ExperienceBand {
    pub const ALL: [ExperienceBand; 6] = [
        ExperienceBand::UpTo2,
        ExperienceBand::From2To5,
        ExperienceBand::From5To10,
        ExperienceBand::From10To20,
        ExperienceBand::Over20,
        ExperienceBand::Unknown,
    ];

    pub fn of(years: Option<u16>) -> ExperienceBand {
        match years {
            None => ExperienceBand::Unknown,
            Some(0..2) => ExperienceBand::UpTo2,
            Some(2..5) => ExperienceBand::From2To5,
            Some(5..10) => ExperienceBand::From5To10,
            Some(10..20) => ExperienceBand::From10To20,
            Some(_) => ExperienceBand::Over20,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Composition {
    pub total: usize,
    /// By category id; `""` is "without a category".
    pub by_category: BTreeMap<String, usize>,
    /// How many hold a category whose term has run out.
    pub expired_category: usize,
    pub by_experience: BTreeMap<ExperienceBand, usize>,
    pub by_role: BTreeMap<StaffRole, usize>,
}

impl Composition {
    /// The composition of the current (not removed) staff as of `today`.
    pub fn of<'a>(staff: impl IntoIterator<Item = &'a StaffMember>, today: Date) -> Composition {
        let mut c = Composition::default();
        for m in staff.into_iter().filter(|m| !m.is_removed()) {
            c.total += 1;
            *c.by_category
                .entry(m.category.clone().unwrap_or_default())
                .or_default() += 1;
            if m.category_expired(today) {
                c.expired_category += 1;
            }
            *c.by_experience
                .entry(ExperienceBand::of(m.experience_years(today)))
                .or_default() += 1;
            for r in &m.roles {
                *c.by_role.entry(*r).or_default() += 1;
            }
        }
        c
    }

    /// A share of the total in whole percent.
    pub fn percent(&self, count: usize) -> u32 {
        (count * 100 + self.total / 2)
            .checked_div(self.total)
            .unwrap_or(0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Tombstone;

    #[test]
    fn counts_by_category_band_and_role() {
        let today = Date::new(2026, 11, 25).unwrap();
        let m = |since: Option<u16>,
                 cat: Option<&str>,
                 expiry: Option<Date>,
                 roles: &[StaffRole]| StaffMember {
            teaching_since: since,
            category: cat.map(String::from),
            category_expiry: expiry,
            roles: roles.to_vec(),
            ..StaffMember::default()
        };
        let staff = [
            m(Some(2026), None, None, &[StaffRole::Teacher]),
            m(
                Some(2024),
                Some("first"),
                Date::new(2026, 1, 1),
                &[StaffRole::Teacher, StaffRole::ClassTeacher],
            ),
            m(
                Some(2010),
                Some("first"),
                Date::new(2029, 1, 1),
                &[StaffRole::Teacher],
            ),
            m(
                Some(1995),
                Some("highest"),
                None,
                &[StaffRole::Administration],
            ),
            m(None, None, None, &[StaffRole::AdditionalEducationTeacher]),
            StaffMember {
                removed: Some(Tombstone { at_ms: 0 }),
                ..m(Some(2000), Some("first"), None, &[StaffRole::Teacher])
            },
        ];
        let c = Composition::of(&staff, today);
        assert_eq!(c.total, 5);
        assert_eq!(c.by_category[""], 2);
        assert_eq!(c.by_category["first"], 2);
        assert_eq!(c.by_category["highest"], 1);
        assert_eq!(c.expired_category, 1);
        assert_eq!(c.by_experience[&ExperienceBand::UpTo2], 1);
        assert_eq!(c.by_experience[&ExperienceBand::From2To5], 1);
        assert_eq!(c.by_experience[&ExperienceBand::From10To20], 1);
        assert_eq!(c.by_experience[&ExperienceBand::Over20], 1);
        assert_eq!(c.by_experience[&ExperienceBand::Unknown], 1);
        assert_eq!(c.by_role[&StaffRole::Teacher], 3);
        assert_eq!(c.percent(2), 40);
    }

    #[test]
    fn experience_counts_from_september() {
        let m = StaffMember {
            teaching_since: Some(2020),
            ..StaffMember::default()
        };
        assert_eq!(m.experience_years(Date::new(2026, 8, 31).unwrap()), Some(5));
        assert_eq!(m.experience_years(Date::new(2026, 9, 1).unwrap()), Some(6));
    }
}
