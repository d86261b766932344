//! The Remove / Restore button of a record. Removing writes a tombstone, so an edit made
//! meanwhile on another device is kept, and the record can be restored.

use crate::i18n::{Key, use_i18n};
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::{DocKind, Record};
use leptos::prelude::*;
use std::marker::PhantomData;

#[component]
pub fn RemoveToggle<T: Record>(
    kind: DocKind,
    id: String,
    #[prop(into)] removed: Signal<bool>,
    /// Where a failed write is said (see `SaveFailure`).
    failure: RwSignal<Option<String>>,
    /// Where to go once the change is stored; none: stay on this screen.
    #[prop(optional)]
    then: Option<Route>,
    #[prop(optional)] disabled: bool,
    /// The kind of record, named as `<RemoveToggle<StaffMember> …/>`.
    #[prop(optional)]
    _record: PhantomData<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let toggle = move |_| {
        let then = then.clone();
        let result =
            store::remove_or_restore::<T>(kind, status, &id, removed.get_untracked(), move || {
                if let Some(route) = then {
                    go(route);
                }
            });
        failure.set(result.err().map(|e| e.to_string()));
    };
    view! {
        <button type="button" data-testid="remove-toggle" disabled=disabled on:click=toggle>
            {move || i18n.lang().text(if removed.get() { Key::Restore } else { Key::Remove })}
        </button>
    }
}
