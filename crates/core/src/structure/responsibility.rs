use crate::document::Tombstone;
use crate::text;
use autosurgeon::{Hydrate, Reconcile};

/// Which part of the service an area of work belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Reconcile, Hydrate)]
pub enum AreaKind {
    #[default]
    PlanSection,
    LibrarySection,
    MonitoringArea,
}

impl AreaKind {
    pub const ALL: [AreaKind; 3] = [
        AreaKind::PlanSection,
        AreaKind::LibrarySection,
        AreaKind::MonitoringArea,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AreaKind::PlanSection => "plan_section",
            AreaKind::LibrarySection => "library_section",
            AreaKind::MonitoringArea => "monitoring_area",
        }
    }

    pub fn from_code(code: &str) -> Option<AreaKind> {
        AreaKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One row of the responsibility matrix: an area of work and the staff responsible for it.
#[derive(Clone, Debug, Default, PartialEq, Reconcile, Hydrate)]
pub struct Responsibility {
    pub kind: AreaKind,
    pub area: String,
    pub people: Vec<String>,
    pub removed: Option<Tombstone>,
}

crate::record!(Responsibility, "responsibilities", [kind, area, people]);

/// Lookups over the responsibility rows (removed rows are ignored).
pub struct ResponsibilityMatrix<'a> {
    rows: Vec<(&'a String, &'a Responsibility)>,
}

impl<'a> ResponsibilityMatrix<'a> {
    pub fn new(rows: impl IntoIterator<Item = (&'a String, &'a Responsibility)>) -> Self {
        let mut rows: Vec<_> = rows
            .into_iter()
            .filter(|(_, r)| r.removed.is_none())
            .collect();
        crate::order::sort_by(&mut rows, |a, b| {
            a.1.kind
                .cmp(&b.1.kind)
                .then_with(|| text::collate(&a.1.area, &b.1.area))
                .then_with(|| a.0.cmp(b.0))
        });
        ResponsibilityMatrix { rows }
    }

    /// The rows in order: by kind, then area in alphabet order.
    pub fn rows(&self) -> &[(&'a String, &'a Responsibility)] {
        &self.rows
    }

    /// Who is responsible for an area (compared folded: "мониторинг" finds "Мониторинг"),
    /// each person once.
    pub fn responsible_for(&self, kind: AreaKind, area: &str) -> Vec<&'a str> {
        let wanted = text::fold(area.trim());
        let mut out: Vec<&str> = Vec::new();
        for (_, r) in &self.rows {
            if r.kind == kind && text::fold(r.area.trim()) == wanted {
                for p in &r.people {
                    if !out.contains(&p.as_str()) {
                        out.push(p);
                    }
                }
            }
        }
        out
    }

    /// The areas a person is responsible for.
    pub fn areas_of(&self, staff_id: &str) -> Vec<&'a Responsibility> {
        self.rows
            .iter()
            .filter(|(_, r)| r.people.iter().any(|p| p == staff_id))
            .map(|(_, r)| *r)
            .collect()
    }

    /// Areas nobody is responsible for (to fill in first).
    pub fn unassigned(&self) -> Vec<&'a Responsibility> {
        self.rows
            .iter()
            .filter(|(_, r)| r.people.is_empty())
            .map(|(_, r)| *r)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: AreaKind, area: &str, people: &[&str]) -> Responsibility {
        Responsibility {
            kind,
            area: area.into(),
            people: people.iter().map(|p| p.to_string()).collect(),
            removed: None,
        }
    }

    #[test]
    fn looks_up_who_is_responsible_and_for_what() {
        let rows = [
            (
                "1".to_string(),
                row(AreaKind::MonitoringArea, "Билим сапаты", &["aigul"]),
            ),
            (
                "2".to_string(),
                row(AreaKind::PlanSection, "Аттестация", &["nurlan", "aigul"]),
            ),
            (
                "3".to_string(),
                row(AreaKind::LibrarySection, "Буйруктар", &[]),
            ),
            (
                "4".to_string(),
                Responsibility {
                    removed: Some(Tombstone { at_ms: 1 }),
                    ..row(AreaKind::PlanSection, "Аттестация", &["gone"])
                },
            ),
        ];
        let m = ResponsibilityMatrix::new(rows.iter().map(|(i, r)| (i, r)));
        assert_eq!(
            m.responsible_for(AreaKind::PlanSection, " АТТЕСТАЦИЯ "),
            vec!["nurlan", "aigul"]
        );
        assert!(
            m.responsible_for(AreaKind::MonitoringArea, "Аттестация")
                .is_empty()
        );
        let areas: Vec<&str> = m
            .areas_of("aigul")
            .iter()
            .map(|r| r.area.as_str())
            .collect();
        assert_eq!(areas, vec!["Аттестация", "Билим сапаты"]);
        assert!(m.areas_of("gone").is_empty(), "removed rows do not count");
        assert_eq!(m.unassigned().len(), 1);
        assert_eq!(m.rows().len(), 3);
    }
}
