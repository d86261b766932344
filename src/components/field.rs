use leptos::prelude::*;

/// A labelled form field with its translated error under it.
#[component]
pub fn Field(
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <label class="field" class:invalid=move || error.get().is_some()>
            <span class="field-label">{move || label.get()}</span>
            {children()}
            <Show when=move || error.get().is_some()>
                <span class="field-error" role="alert">{move || error.get()}</span>
            </Show>
        </label>
    }
}
