//! The familiarization requirement as typed: who must read (everyone, some associations,
//! named people) and by when, validated into a [`Familiarization`], and written into a
//! document so that acknowledgements made meanwhile on other devices are kept.

use super::document::LibraryDocument;
use super::familiarization::{Audience, Familiarization};
use crate::date::Date;
use crate::document::{DocError, Document, EditContext};
use crate::structure::Association;
use crate::validation::{FieldProblem, Problem, optional_date, staff_ids};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AudienceKind {
    #[default]
    Everyone,
    Associations,
    People,
}

impl AudienceKind {
    pub const ALL: [AudienceKind; 3] = [
        AudienceKind::Everyone,
        AudienceKind::Associations,
        AudienceKind::People,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AudienceKind::Everyone => "everyone",
            AudienceKind::Associations => "associations",
            AudienceKind::People => "people",
        }
    }

    pub fn from_code(code: &str) -> Option<AudienceKind> {
        AudienceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequirementField {
    /// The associations or people chosen.
    Audience,
    Deadline,
}

/// The requirement as typed: the deadline as `YYYY-MM-DD` or empty, the chosen association
/// or staff ids (only those of the chosen kind count).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequirementForm {
    pub kind: AudienceKind,
    pub associations: Vec<String>,
    pub people: Vec<String>,
    pub deadline: String,
}

impl RequirementForm {
    pub fn from_familiarization(f: &Familiarization) -> RequirementForm {
        let (kind, associations, people) = match &f.audience {
            Audience::Everyone => (AudienceKind::Everyone, Vec::new(), Vec::new()),
            Audience::Associations(a) => (AudienceKind::Associations, a.clone(), Vec::new()),
            Audience::People(p) => (AudienceKind::People, Vec::new(), p.clone()),
        };
        RequirementForm {
            kind,
            associations,
            people,
            deadline: f.deadline.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Validates the form: at least one association (current ones) or person (on the
    /// staff) when those are chosen; a deadline that is a date and, when it changes, not in
    /// the past. `base` is the requirement being edited (its acknowledgements are kept).
    pub fn parse(
        &self,
        staff: &[&str],
        associations: &HashMap<String, Association>,
        today: Date,
        base: Option<&Familiarization>,
    ) -> Result<Familiarization, Vec<FieldProblem<RequirementField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });
        let audience = match self.kind {
            AudienceKind::Everyone => Audience::Everyone,
            AudienceKind::Associations => {
                let mut ids: Vec<String> = Vec::new();
                for a in self.associations.iter().map(|a| a.trim()) {
                    if a.is_empty() || ids.iter().any(|x| x == a) {
                        continue;
                    }
                    if associations.get(a).is_none_or(|x| x.is_removed()) {
                        fail(RequirementField::Audience, Problem::NoSuchAssociation);
                    } else {
                        ids.push(a.to_string());
                    }
                }
                if ids.is_empty() && self.associations.iter().all(|a| a.trim().is_empty()) {
                    fail(RequirementField::Audience, Problem::Required);
                }
                Audience::Associations(ids)
            }
            AudienceKind::People => match staff_ids(&self.people, staff) {
                Ok(ids) if ids.is_empty() => {
                    fail(RequirementField::Audience, Problem::Required);
                    Audience::People(ids)
                }
                Ok(ids) => Audience::People(ids),
                Err(p) => {
                    fail(RequirementField::Audience, p);
                    Audience::People(Vec::new())
                }
            },
        };
        let deadline = optional_date(&self.deadline).unwrap_or_else(|p| {
            fail(RequirementField::Deadline, p);
            None
        });
        let unchanged = base.is_some_and(|b| b.deadline == deadline);
        if let Some(d) = deadline
            && d < today
            && !unchanged
        {
            fail(RequirementField::Deadline, Problem::DeadlineInPast);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Familiarization {
            audience,
            deadline,
            acknowledgements: base.map(|b| b.acknowledgements.clone()).unwrap_or_default(),
        })
    }
}

/// Sets who must read document `id` and by when. The acknowledgements are those in the
/// document now (not the ones the form saw), so none made meanwhile is lost; only the
/// audience and deadline are written.
pub fn require(
    doc: &mut Document,
    id: &str,
    requirement: &Familiarization,
    ctx: EditContext,
) -> Result<(), DocError> {
    let mut document: LibraryDocument = doc
        .get(id)?
        .ok_or_else(|| DocError::NoRecord(id.to_string()))?;
    let acknowledgements = document
        .familiarization
        .take()
        .map(|f| f.acknowledgements)
        .unwrap_or_default();
    document.familiarization = Some(Familiarization {
        audience: requirement.audience.clone(),
        deadline: requirement.deadline,
        acknowledgements,
    });
    doc.put(id, &document, ctx)
}
