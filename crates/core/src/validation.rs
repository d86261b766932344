//! What can be wrong with a value a person typed. The interface translates each problem.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    NotAYear,
    YearInFuture,
    YearTooEarly {
        min: u16,
    },
    NotADate,
    ExpiryWithoutCategory,
    UnknownCategory,
    InvalidPhone,
    InvalidEmail,
    /// An end date earlier than the start date.
    EndBeforeStart,
    /// A deadline already passed, for something new.
    DeadlineInPast,
    /// A person who is not (or no longer) on the staff list.
    NotOnStaff,
    /// A file of a type the library does not take.
    UnsupportedFileType,
    /// A file larger than the limit.
    FileTooLarge {
        max_mb: u32,
    },
    /// An association that is not (or no longer) in the structure.
    NoSuchAssociation,
}

/// A problem with one field of a form; `F` names the form's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldProblem<F> {
    pub field: F,
    pub problem: Problem,
}

/// Parses an optional `YYYY-MM-DD` date: empty is `Ok(None)`.
pub fn optional_date(text: &str) -> Result<Option<crate::date::Date>, Problem> {
    match text.trim() {
        "" => Ok(None),
        t => crate::date::Date::parse_iso(t)
            .map(Some)
            .ok_or(Problem::NotADate),
    }
}

/// Checks that every id is on the staff (`staff` holds the ids of current staff members);
/// keeps the order, drops blanks and repeats.
pub fn staff_ids(ids: &[String], staff: &[&str]) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for id in ids.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        if !staff.contains(&id) {
            return Err(Problem::NotOnStaff);
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    Ok(out)
}

/// Trims and folds runs of white space into one space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a required one-line name: not blank and at most `max` letters.
pub fn required_name(text: &str, max: usize) -> Result<String, Problem> {
    let name = collapse_spaces(text);
    if name.is_empty() {
        Err(Problem::Required)
    } else if name.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(name)
    }
}
