//! Choosing people from the staff list.

use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;

/// Check boxes, one per staff member; `name` names the inputs (for tests and forms).
#[component]
pub fn PeoplePicker(
    staff: Vec<(String, String)>,
    #[prop(into)] chosen: Signal<Vec<String>>,
    on_toggle: Callback<(String, bool)>,
    name: &'static str,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    view! {
        <div class="people-picker">
            {staff.into_iter().map(|(id, full_name)| {
                let id2 = id.clone();
                let id3 = id.clone();
                view! {
                    <label class="check">
                        <input type="checkbox" name=name value=id.clone() disabled=disabled
                            prop:checked=move || chosen.get().contains(&id2)
                            on:change=move |ev| on_toggle.run((id3.clone(), event_target_checked(&ev)))/>
                        {full_name}
                    </label>
                }
            }).collect_view()}
        </div>
    }
}

/// One person or nobody.
#[component]
pub fn PersonSelect(
    staff: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    name: &'static str,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select name=name disabled=disabled on:change=move |ev| on_change.run(event_target_value(&ev))>
            <option value="" selected=move || value.get().is_empty()>{i18n.t(Key::NobodyChosen)}</option>
            {staff.into_iter().map(|(id, full_name)| {
                let id2 = id.clone();
                view! { <option value=id selected=move || value.get() == id2>{full_name}</option> }
            }).collect_view()}
        </select>
    }
}

/// Adds or removes `id` in a list, keeping its order.
pub fn toggle(list: &mut Vec<String>, id: String, on: bool) {
    list.retain(|x| *x != id);
    if on {
        list.push(id);
    }
}

/// The "who" filter of a work list: everyone, or one person of the staff.
#[component]
pub fn PersonFilter(
    #[prop(into)] staff: Signal<Vec<(String, String)>>,
    set: Callback<Option<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select aria-label=i18n.t(Key::FilterPerson) data-testid=testid on:change=move |ev| {
            let v = event_target_value(&ev);
            set.run((!v.is_empty()).then_some(v))
        }>
            <option value="">{i18n.t(Key::AllPeople)}</option>
            {move || staff.get().into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
        </select>
    }
}
