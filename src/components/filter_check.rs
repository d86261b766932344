//! A check box among a list's filters ("show removed", "overdue only"…).

use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;

#[component]
pub fn FilterCheck(
    label: Key,
    #[prop(into)] checked: Signal<bool>,
    set: Callback<bool>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check">
            <input type="checkbox" data-testid=testid prop:checked=move || checked.get()
                on:change=move |ev| set.run(event_target_checked(&ev))/>
            {i18n.t(label)}
        </label>
    }
}
