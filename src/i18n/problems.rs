//! Validation problems from the core, in words.

use super::{Key, Lang};
use kenesh_core::Problem;

pub fn problem_text(lang: Lang, problem: Problem) -> String {
    let key = match problem {
        Problem::Required => Key::ProblemRequired,
        Problem::TooLong { .. } => Key::ProblemTooLong,
        Problem::NotAYear => Key::ProblemNotAYear,
        Problem::YearInFuture => Key::ProblemYearInFuture,
        Problem::YearTooEarly { .. } => Key::ProblemYearTooEarly,
        Problem::NotADate => Key::ProblemNotADate,
        Problem::ExpiryWithoutCategory => Key::ProblemExpiryWithoutCategory,
        Problem::UnknownCategory => Key::ProblemUnknownCategory,
        Problem::InvalidPhone => Key::ProblemInvalidPhone,
        Problem::InvalidEmail => Key::ProblemInvalidEmail,
        Problem::EndBeforeStart => Key::ProblemEndBeforeStart,
        Problem::DeadlineInPast => Key::ProblemDeadlineInPast,
        Problem::NotOnStaff => Key::ProblemNotOnStaff,
        Problem::UnsupportedFileType => Key::ProblemUnsupportedFileType,
        Problem::FileTooLarge { .. } => Key::ProblemFileTooLarge,
        Problem::NoSuchAssociation => Key::ProblemNoSuchAssociation,
    };
    let text = lang.text(key);
    match problem {
        Problem::TooLong { max } => text.replace("{max}", &max.to_string()),
        Problem::YearTooEarly { min } => text.replace("{min}", &min.to_string()),
        Problem::FileTooLarge { max_mb } => text.replace("{max}", &max_mb.to_string()),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_filled_in_every_language() {
        for lang in Lang::ALL {
            let text = problem_text(lang, Problem::TooLong { max: 150 });
            assert!(text.contains("150") && !text.contains('{'), "{text}");
            let text = problem_text(lang, Problem::FileTooLarge { max_mb: 25 });
            assert!(text.contains("25") && !text.contains('{'), "{text}");
        }
    }
}
