//! The problems a form's last check found, each shown under its field in the reader's
//! language: one for every form, whatever its fields.

use crate::i18n::{I18n, problem_text, use_i18n};
use kenesh_core::validation::FieldProblem;
use leptos::prelude::*;

pub struct FieldErrors<F: Send + Sync + 'static> {
    problems: RwSignal<Vec<FieldProblem<F>>>,
    i18n: I18n,
}

impl<F: Send + Sync + 'static> Clone for FieldErrors<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for FieldErrors<F> {}

impl<F: Copy + PartialEq + Send + Sync + 'static> FieldErrors<F> {
    /// No problems yet.
    pub fn new() -> Self {
        FieldErrors {
            problems: RwSignal::new(Vec::new()),
            i18n: use_i18n(),
        }
    }

    /// Shows what a check found (an empty list clears every message).
    pub fn show(self, problems: Vec<FieldProblem<F>>) {
        self.problems.set(problems);
    }

    /// The message for `field`, if it has a problem; tracked, so a view using it follows.
    pub fn get(self, field: F) -> Option<String> {
        self.problems.with(|problems| {
            problems
                .iter()
                .find(|p| p.field == field)
                .map(|p| problem_text(self.i18n.lang(), p.problem))
        })
    }

    /// [`FieldErrors::get`] as a signal, for [`Field`](super::field::Field).
    pub fn of(self, field: F) -> Signal<Option<String>> {
        Signal::derive(move || self.get(field))
    }
}
