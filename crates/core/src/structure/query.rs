//! The list of associations: search, filter by kind or person, sort.

use super::association::{Association, AssociationKind};
use crate::text;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AssociationSort {
    #[default]
    Name,
    /// Most members first.
    Size,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssociationQuery {
    /// Words found in the name or subjects.
    pub search: String,
    pub kind: Option<AssociationKind>,
    /// Only associations this staff member heads or belongs to.
    pub person: Option<String>,
    pub removed: bool,
    pub sort: AssociationSort,
}

impl AssociationQuery {
    pub fn accepts(&self, a: &Association) -> bool {
        a.is_removed() == self.removed
            && self.kind.is_none_or(|k| a.kind == k)
            && self.person.as_deref().is_none_or(|p| a.includes(p))
            && text::matches(&self.search, &[&a.name, &a.subjects.join(" ")])
    }

    pub fn run<'a>(
        &self,
        records: impl IntoIterator<Item = (&'a String, &'a Association)>,
    ) -> Vec<(&'a String, &'a Association)> {
        let mut rows: Vec<_> = records
            .into_iter()
            .filter(|(_, a)| self.accepts(a))
            .collect();
        crate::order::sort_by(&mut rows, |a, b| {
            let primary = match self.sort {
                AssociationSort::Name => std::cmp::Ordering::Equal,
                AssociationSort::Size => b.1.members.len().cmp(&a.1.members.len()),
            };
            primary
                .then_with(|| text::collate(&a.1.name, &b.1.name))
                .then_with(|| a.0.cmp(b.0))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assoc(name: &str, kind: AssociationKind, members: &[&str]) -> Association {
        Association {
            name: name.into(),
            kind,
            members: members.iter().map(|m| m.to_string()).collect(),
            subjects: vec!["Кыргыз тили".into()],
            ..Association::default()
        }
    }

    #[test]
    fn searches_filters_and_sorts_in_kyrgyz_order() {
        let data = [
            (
                "1".to_string(),
                assoc("Өнөр", AssociationKind::Subject, &["a"]),
            ),
            (
                "2".to_string(),
                assoc("Орус тили", AssociationKind::Subject, &["a", "b"]),
            ),
            (
                "3".to_string(),
                assoc("Класс жетекчилер", AssociationKind::Upbringing, &[]),
            ),
        ];
        let names = |q: &AssociationQuery| -> Vec<String> {
            q.run(data.iter().map(|(i, a)| (i, a)))
                .into_iter()
                .map(|(_, a)| a.name.clone())
                .collect()
        };
        assert_eq!(
            names(&AssociationQuery::default()),
            vec!["Класс жетекчилер", "Орус тили", "Өнөр"]
        );
        let q = AssociationQuery {
            search: "онор".into(),
            ..AssociationQuery::default()
        };
        assert_eq!(names(&q), vec!["Өнөр"]);
        let q = AssociationQuery {
            kind: Some(AssociationKind::Upbringing),
            ..AssociationQuery::default()
        };
        assert_eq!(names(&q), vec!["Класс жетекчилер"]);
        let q = AssociationQuery {
            person: Some("b".into()),
            ..AssociationQuery::default()
        };
        assert_eq!(names(&q), vec!["Орус тили"]);
        let q = AssociationQuery {
            sort: AssociationSort::Size,
            ..AssociationQuery::default()
        };
        assert_eq!(names(&q)[0], "Орус тили");
    }
}
