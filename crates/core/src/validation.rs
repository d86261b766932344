//! What can be wrong with a value a person typed. The interface translates each problem.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong { max: usize },
    NotAYear,
    YearInFuture,
    YearTooEarly { min: u16 },
    NotADate,
    ExpiryWithoutCategory,
    UnknownCategory,
    InvalidPhone,
    InvalidEmail,
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
