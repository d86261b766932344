//! Says that a write failed, with the browser's reason, under the screen that made it.

use crate::i18n::{Key, use_i18n};
use leptos::prelude::*;

#[component]
pub fn SaveFailure(failure: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || failure.get().is_some()>
            <div class="banner error" role="alert"><p>{i18n.t(Key::SaveFailed)}</p><pre>{move || failure.get()}</pre></div>
        </Show>
    }
}
