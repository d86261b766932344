//! The staff list as a person asks for it: search, filters and sort.

use super::member::{StaffMember, StaffRole};
use crate::date::Date;
use crate::text;
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    ExperienceDesc,
    Category,
    CategoryExpiry,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StaffQuery {
    /// Words to find in name, subjects, education, phone and email.
    pub search: String,
    pub role: Option<StaffRole>,
    /// A category id; `Some("")` means "without a category".
    pub category: Option<String>,
    /// A subject, compared folded.
    pub subject: Option<String>,
    /// Show removed records instead of current ones.
    pub removed: bool,
    pub sort: SortKey,
}

impl StaffQuery {
    pub fn accepts(&self, m: &StaffMember) -> bool {
        if m.is_removed() != self.removed {
            return false;
        }
        if self.role.is_some_and(|r| !m.roles.contains(&r)) {
            return false;
        }
        if let Some(c) = &self.category
            && m.category.as_deref().unwrap_or("") != c
        {
            return false;
        }
        if let Some(s) = &self.subject {
            let s = text::fold(s);
            if !m.subjects.iter().any(|x| text::fold(x) == s) {
                return false;
            }
        }
        if self.search.trim().is_empty() {
            return true;
        }
        let subjects = m.subjects.join(" ");
        text::matches(
            &self.search,
            &[&m.full_name, &subjects, &m.education, &m.phone, &m.email],
        )
    }

    /// The records that pass, sorted. `category_order` gives each category id its place.
    pub fn run<'a, I>(
        &self,
        records: I,
        today: Date,
        category_order: &dyn Fn(&str) -> i64,
    ) -> Vec<(&'a String, &'a StaffMember)>
    where
        I: IntoIterator<Item = (&'a String, &'a StaffMember)>,
    {
        let mut rows: Vec<_> = records
            .into_iter()
            .filter(|(_, m)| self.accepts(m))
            .map(|(id, m)| (text::collation_key(&m.full_name), id, m))
            .collect();
        let by_name = |a: &(Vec<u32>, &String, &StaffMember),
                       b: &(Vec<u32>, &String, &StaffMember)| {
            a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1))
        };
        let rank = |m: &StaffMember| {
            m.category
                .as_deref()
                .map(category_order)
                .unwrap_or(i64::MIN)
        };
        crate::order::sort_by(&mut rows, |a, b| {
            let primary = match self.sort {
                SortKey::Name => Ordering::Equal,
                SortKey::ExperienceDesc => {
                    b.2.experience_years(today)
                        .cmp(&a.2.experience_years(today))
                }
                SortKey::Category => rank(b.2).cmp(&rank(a.2)),
                SortKey::CategoryExpiry => match (a.2.category_expiry, b.2.category_expiry) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
            };
            primary.then_with(|| by_name(a, b))
        });
        rows.into_iter().map(|(_, id, m)| (id, m)).collect()
    }

    /// Every subject taught, folded-deduplicated and in alphabet order (for the filter).
    pub fn subjects<'a>(records: impl IntoIterator<Item = &'a StaffMember>) -> Vec<String> {
        let mut seen = std::collections::HashMap::new();
        for m in records.into_iter().filter(|m| !m.is_removed()) {
            for s in &m.subjects {
                seen.entry(text::fold(s)).or_insert_with(|| s.clone());
            }
        }
        let mut out: Vec<String> = seen.into_values().collect();
        crate::order::sort_by(&mut out, |a, b| text::collate(a, b));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Tombstone;

    fn member(
        name: &str,
        roles: &[StaffRole],
        subjects: &[&str],
        since: u16,
        cat: Option<&str>,
    ) -> StaffMember {
        StaffMember {
            full_name: name.into(),
            roles: roles.to_vec(),
            subjects: subjects.iter().map(|s| s.to_string()).collect(),
            teaching_since: Some(since),
            category: cat.map(String::from),
            ..StaffMember::default()
        }
    }

    fn staff() -> Vec<(String, StaffMember)> {
        vec![
            (
                "1".into(),
                member(
                    "Үсөнова Айгүл",
                    &[StaffRole::Teacher],
                    &["Математика"],
                    2001,
                    Some("highest"),
                ),
            ),
            (
                "2".into(),
                member(
                    "Орозбеков Нурлан",
                    &[StaffRole::Teacher, StaffRole::ClassTeacher],
                    &["Физика"],
                    2015,
                    None,
                ),
            ),
            (
                "3".into(),
                member(
                    "Өмүрбекова Жаңыл",
                    &[StaffRole::Teacher],
                    &["математика", "Информатика"],
                    2020,
                    Some("first"),
                ),
            ),
            (
                "4".into(),
                StaffMember {
                    removed: Some(Tombstone { at_ms: 1 }),
                    ..member(
                        "Асанов Бакыт",
                        &[StaffRole::Administration],
                        &[],
                        1990,
                        None,
                    )
                },
            ),
        ]
    }

    fn order(id: &str) -> i64 {
        match id {
            "second" => 0,
            "first" => 1,
            "highest" => 2,
            _ => -1,
        }
    }

    fn names(q: &StaffQuery, data: &[(String, StaffMember)]) -> Vec<String> {
        let today = Date::new(2026, 11, 25).unwrap();
        q.run(data.iter().map(|(i, m)| (i, m)), today, &order)
            .into_iter()
            .map(|(_, m)| m.full_name.clone())
            .collect()
    }

    #[test]
    fn sorts_by_kyrgyz_alphabet_and_hides_removed() {
        let data = staff();
        assert_eq!(
            names(&StaffQuery::default(), &data),
            vec!["Орозбеков Нурлан", "Өмүрбекова Жаңыл", "Үсөнова Айгүл"]
        );
        let removed = StaffQuery {
            removed: true,
            ..StaffQuery::default()
        };
        assert_eq!(names(&removed, &data), vec!["Асанов Бакыт"]);
    }

    #[test]
    fn search_folds_kyrgyz_letters_and_case() {
        let data = staff();
        let q = |s: &str| StaffQuery {
            search: s.into(),
            ..StaffQuery::default()
        };
        assert_eq!(names(&q("ЖАҢЫЛ"), &data), vec!["Өмүрбекова Жаңыл"]);
        assert_eq!(names(&q("жаныл"), &data), vec!["Өмүрбекова Жаңыл"]);
        assert_eq!(names(&q("математика"), &data).len(), 2);
        assert!(names(&q("химия"), &data).is_empty());
    }

    #[test]
    fn filters_by_role_category_and_subject() {
        let data = staff();
        let role = StaffQuery {
            role: Some(StaffRole::ClassTeacher),
            ..StaffQuery::default()
        };
        assert_eq!(names(&role, &data), vec!["Орозбеков Нурлан"]);
        let none = StaffQuery {
            category: Some(String::new()),
            ..StaffQuery::default()
        };
        assert_eq!(names(&none, &data), vec!["Орозбеков Нурлан"]);
        let subject = StaffQuery {
            subject: Some("МАТЕМАТИКА".into()),
            ..StaffQuery::default()
        };
        assert_eq!(
            names(&subject, &data),
            vec!["Өмүрбекова Жаңыл", "Үсөнова Айгүл"]
        );
    }

    #[test]
    fn sorts_by_experience_and_category() {
        let data = staff();
        let exp = StaffQuery {
            sort: SortKey::ExperienceDesc,
            ..StaffQuery::default()
        };
        assert_eq!(
            names(&exp, &data),
            vec!["Үсөнова Айгүл", "Орозбеков Нурлан", "Өмүрбекова Жаңыл"]
        );
        let cat = StaffQuery {
            sort: SortKey::Category,
            ..StaffQuery::default()
        };
        assert_eq!(
            names(&cat, &data),
            vec!["Үсөнова Айгүл", "Өмүрбекова Жаңыл", "Орозбеков Нурлан"]
        );
    }

    #[test]
    fn subjects_are_deduplicated_folded() {
        let data = staff();
        let subjects = StaffQuery::subjects(data.iter().map(|(_, m)| m));
        assert_eq!(subjects, vec!["Информатика", "Математика", "Физика"]);
    }
}
