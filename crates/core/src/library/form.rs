//! The library document form as typed, validated into a [`LibraryDocument`]. Files are not
//! typed: they are checked by [`check_file`](super::check_file) and attached on their own;
//! an edit keeps the files and the familiarization of the document being edited.

use super::document::LibraryDocument;
use crate::date::Date;
use crate::validation::{
    FieldProblem, Problem, collapse_spaces, optional_date, required_name, staff_ids,
};

const TITLE_MAX: usize = 300;
const NUMBER_MAX: usize = 50;
const SUMMARY_MAX: usize = 4000;
const TAG_MAX: usize = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LibraryField {
    Title,
    Kind,
    Number,
    Date,
    IssuedBy,
    ValidFrom,
    ValidUntil,
    Summary,
    Tags,
    Author,
}

/// A library document as typed: dates as `YYYY-MM-DD` or empty, tags separated by commas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibraryDocumentForm {
    pub title: String,
    /// A kind id.
    pub kind: String,
    pub number: String,
    pub date: String,
    pub issued_by: String,
    pub valid_from: String,
    pub valid_until: String,
    pub summary: String,
    pub tags: String,
    /// Association ids, as picked from the list.
    pub associations: Vec<String>,
    /// A staff id, or empty.
    pub author: String,
}

impl LibraryDocumentForm {
    pub fn from_document(d: &LibraryDocument) -> LibraryDocumentForm {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        LibraryDocumentForm {
            title: d.title.clone(),
            kind: d.kind.clone(),
            number: d.number.clone(),
            date: date(d.date),
            issued_by: d.issued_by.clone(),
            valid_from: date(d.valid_from),
            valid_until: date(d.valid_until),
            summary: d.summary.clone(),
            tags: d.tags.join(", "),
            associations: d.associations.clone(),
            author: d.author.clone().unwrap_or_default(),
        }
    }

    /// Validates the form. `kinds` are the ids of the space's current kinds, `staff` the
    /// ids of current staff; `base` is the document being edited.
    pub fn parse(
        &self,
        kinds: &[&str],
        staff: &[&str],
        base: Option<&LibraryDocument>,
    ) -> Result<LibraryDocument, Vec<FieldProblem<LibraryField>>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldProblem { field, problem });
        let title = required_name(&self.title, TITLE_MAX).unwrap_or_else(|p| {
            fail(LibraryField::Title, p);
            String::new()
        });
        let kind = self.kind.trim().to_string();
        if kind.is_empty() {
            fail(LibraryField::Kind, Problem::Required);
        } else if !kinds.contains(&kind.as_str()) {
            fail(LibraryField::Kind, Problem::UnknownCategory);
        }
        let number = collapse_spaces(&self.number);
        if number.chars().count() > NUMBER_MAX {
            fail(LibraryField::Number, Problem::TooLong { max: NUMBER_MAX });
        }
        let issued_by = collapse_spaces(&self.issued_by);
        if issued_by.chars().count() > TITLE_MAX {
            fail(LibraryField::IssuedBy, Problem::TooLong { max: TITLE_MAX });
        }
        let mut date = |field, text: &str| {
            optional_date(text).unwrap_or_else(|p| {
                fail(field, p);
                None
            })
        };
        let dated = date(LibraryField::Date, &self.date);
        let valid_from = date(LibraryField::ValidFrom, &self.valid_from);
        let valid_until = date(LibraryField::ValidUntil, &self.valid_until);
        if let (Some(from), Some(until)) = (valid_from, valid_until)
            && until < from
        {
            fail(LibraryField::ValidUntil, Problem::EndBeforeStart);
        }
        let summary = self.summary.trim().to_string();
        if summary.chars().count() > SUMMARY_MAX {
            fail(LibraryField::Summary, Problem::TooLong { max: SUMMARY_MAX });
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.split([',', ';']).map(collapse_spaces) {
            if tag.chars().count() > TAG_MAX {
                fail(LibraryField::Tags, Problem::TooLong { max: TAG_MAX });
            } else if !tag.is_empty()
                && !tags
                    .iter()
                    .any(|t| crate::text::fold(t) == crate::text::fold(&tag))
            {
                tags.push(tag);
            }
        }
        let author = staff_ids(std::slice::from_ref(&self.author), staff)
            .unwrap_or_else(|p| {
                fail(LibraryField::Author, p);
                Vec::new()
            })
            .into_iter()
            .next();
        let mut associations: Vec<String> = Vec::new();
        for a in self.associations.iter().map(|a| a.trim()) {
            if !a.is_empty() && !associations.iter().any(|x| x == a) {
                associations.push(a.to_string());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(LibraryDocument {
            title,
            kind,
            number,
            date: dated,
            issued_by,
            valid_from,
            valid_until,
            summary,
            tags,
            associations,
            author,
            files: base.map(|b| b.files.clone()).unwrap_or_default(),
            familiarization: base.and_then(|b| b.familiarization.clone()),
            removed: base.and_then(|b| b.removed.clone()),
        })
    }
}
