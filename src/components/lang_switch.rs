use crate::i18n::{Key, Lang, use_i18n};
use leptos::prelude::*;

/// Kyrgyz, Russian or English; the choice is remembered on this device.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="lang-switch">
            <span class="sr-only">{i18n.t(Key::Language)}</span>
            <select
                aria-label=i18n.t(Key::Language)
                data-testid="lang"
                on:change=move |ev| {
                    if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                        i18n.0.set(l);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() selected=move || i18n.0.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
