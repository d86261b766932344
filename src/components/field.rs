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

/// An `<input>` of `kind` ("text", "date") bound to one text field of a form: it shows
/// `get(form)` and writes what is typed with `put`.
pub fn bound_input<F>(
    form: RwSignal<F>,
    kind: &'static str,
    name: &'static str,
    get: fn(&F) -> String,
    put: fn(&mut F, String),
) -> impl IntoView
where
    F: Send + Sync + 'static,
{
    view! {
        <input type=kind name=name prop:value=move || form.with(get)
            on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| put(f, v)) }/>
    }
}
