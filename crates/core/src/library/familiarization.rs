//! Familiarization (read acknowledgement): a document may require that everyone, some
//! associations or named people read it by a deadline; each person acknowledges once.
//!
//! Acknowledgements are a map keyed by staff id, so acknowledgements made at the same time
//! on several devices are different keys of one map and all survive a merge.

use super::document::LibraryDocument;
use crate::date::Date;
use crate::document::{DocError, Document, EditContext};
use crate::structure::Association;
use crate::text;
use autosurgeon::{Hydrate, Reconcile};
use std::collections::{BTreeMap, HashMap};

/// Who must read a document.
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub enum Audience {
    /// Every current member of the staff.
    #[default]
    Everyone,
    /// The heads and members of these associations (ids).
    Associations(Vec<String>),
    /// These staff ids.
    People(Vec<String>),
}

/// When a person acknowledged (the key of the map is who).
#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Acknowledgement {
    pub at_ms: i64,
}

#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Familiarization {
    pub audience: Audience,
    pub deadline: Option<Date>,
    /// Acknowledgements by staff id.
    pub acknowledgements: BTreeMap<String, Acknowledgement>,
}

/// One line of the familiarization sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    pub person: String,
    /// When the person acknowledged, if they did.
    pub acknowledged_ms: Option<i64>,
    /// Required now (false: acknowledged but no longer in the audience).
    pub required: bool,
}

impl Familiarization {
    pub fn new(audience: Audience, deadline: Option<Date>) -> Familiarization {
        Familiarization {
            audience,
            deadline,
            acknowledgements: BTreeMap::new(),
        }
    }

    /// The staff ids who must read, in the order of `staff` (the current staff). People
    /// named who left the staff and removed associations are left out.
    pub fn readers(
        &self,
        staff: &[&str],
        associations: &HashMap<String, Association>,
    ) -> Vec<String> {
        let wanted = |id: &str| match &self.audience {
            Audience::Everyone => true,
            Audience::People(people) => people.iter().any(|p| p == id),
            Audience::Associations(ids) => ids.iter().any(|a| {
                associations
                    .get(a)
                    .is_some_and(|a| !a.is_removed() && a.includes(id))
            }),
        };
        staff
            .iter()
            .filter(|id| wanted(id))
            .map(|id| id.to_string())
            .collect()
    }

    pub fn must_read(
        &self,
        person: &str,
        staff: &[&str],
        associations: &HashMap<String, Association>,
    ) -> bool {
        staff.contains(&person) && self.readers(&[person], associations).len() == 1
    }

    pub fn acknowledged(&self, person: &str) -> Option<i64> {
        self.acknowledgements.get(person).map(|a| a.at_ms)
    }

    /// Readers who have not acknowledged yet.
    pub fn pending(
        &self,
        staff: &[&str],
        associations: &HashMap<String, Association>,
    ) -> Vec<String> {
        self.readers(staff, associations)
            .into_iter()
            .filter(|p| !self.acknowledgements.contains_key(p))
            .collect()
    }

    /// Past its deadline on `today` with someone still to read.
    pub fn is_overdue(
        &self,
        today: Date,
        staff: &[&str],
        associations: &HashMap<String, Association>,
    ) -> bool {
        self.deadline.is_some_and(|d| d < today) && !self.pending(staff, associations).is_empty()
    }

    /// The sheet: the readers in staff order, then anyone who acknowledged without being
    /// required (any more), in the order they acknowledged.
    pub fn sheet(
        &self,
        staff: &[&str],
        associations: &HashMap<String, Association>,
    ) -> Vec<SheetRow> {
        let readers = self.readers(staff, associations);
        let mut rows: Vec<SheetRow> = readers
            .iter()
            .map(|p| SheetRow {
                person: p.clone(),
                acknowledged_ms: self.acknowledged(p),
                required: true,
            })
            .collect();
        let mut extra: Vec<SheetRow> = self
            .acknowledgements
            .iter()
            .filter(|(p, _)| !readers.contains(p))
            .map(|(p, a)| SheetRow {
                person: p.clone(),
                acknowledged_ms: Some(a.at_ms),
                required: false,
            })
            .collect();
        crate::order::sort_by_key(&mut extra, |r| r.acknowledged_ms);
        rows.extend(extra);
        rows
    }
}

/// A document a person still has to read.
#[derive(Clone, Debug, PartialEq)]
pub struct ToRead<'a> {
    pub id: &'a String,
    pub document: &'a LibraryDocument,
    pub deadline: Option<Date>,
    pub overdue: bool,
}

/// What `person` has to read: documents (not removed) whose familiarization includes them
/// and that they have not acknowledged; earliest deadline first, undated last, then by title.
pub fn to_read<'a>(
    person: &str,
    documents: impl IntoIterator<Item = (&'a String, &'a LibraryDocument)>,
    staff: &[&str],
    associations: &HashMap<String, Association>,
    today: Date,
) -> Vec<ToRead<'a>> {
    let mut out: Vec<ToRead<'a>> = documents
        .into_iter()
        .filter(|(_, d)| !d.is_removed())
        .filter_map(|(id, d)| {
            let f = d.familiarization.as_ref()?;
            let due = f.must_read(person, staff, associations) && f.acknowledged(person).is_none();
            due.then(|| ToRead {
                id,
                document: d,
                deadline: f.deadline,
                overdue: f.deadline.is_some_and(|dl| dl < today),
            })
        })
        .collect();
    crate::order::sort_by(&mut out, |a, b| {
        let key = |r: &ToRead| (r.deadline.is_none(), r.deadline);
        key(a)
            .cmp(&key(b))
            .then_with(|| text::collate(&a.document.title, &b.document.title))
            .then_with(|| a.id.cmp(b.id))
    });
    out
}

/// Records that `person` read document `id`, at the edit's time. Only the new key of the
/// acknowledgement map is written. An earlier acknowledgement is kept (false), as is a
/// document that requires no familiarization (false).
pub fn acknowledge(
    doc: &mut Document,
    id: &str,
    person: &str,
    ctx: EditContext,
) -> Result<bool, DocError> {
    let mut document: LibraryDocument = doc
        .get(id)?
        .ok_or_else(|| DocError::NoRecord(id.to_string()))?;
    let Some(f) = document.familiarization.as_mut() else {
        return Ok(false);
    };
    if f.acknowledgements.contains_key(person) {
        return Ok(false);
    }
    f.acknowledgements
        .insert(person.to_string(), Acknowledgement { at_ms: ctx.time_ms });
    doc.put(id, &document, ctx)?;
    Ok(true)
}
