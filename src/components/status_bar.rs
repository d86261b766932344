//! Storage status that must never be missed: unsaved edits, a full disk, unreadable parts,
//! and a new version of the app waiting.

use crate::i18n::{Key, use_i18n};
use crate::store::{self, SaveState, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

#[component]
pub fn StatusBar() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let update_ready = RwSignal::new(false);
    // `sw-register.js` fires this when a new version is installed and waiting.
    let on_update = Closure::<dyn FnMut()>::new(move || update_ready.set(true));
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(
            "kenesh-update-ready",
            on_update.as_ref().unchecked_ref(),
        );
        // Leaving with edits not yet stored asks first.
        let before_unload = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
            move |ev: web_sys::BeforeUnloadEvent| {
                if store::has_pending() {
                    ev.prevent_default();
                    ev.set_return_value("unsaved");
                }
            },
        );
        let _ = w.add_event_listener_with_callback(
            "beforeunload",
            before_unload.as_ref().unchecked_ref(),
        );
        before_unload.forget();
    }
    on_update.forget();
    // `sw-register.js` defines `keneshApplyUpdate`: activate the waiting worker, then reload.
    let reload = move |_| {
        if let Some(w) = web_sys::window()
            && let Ok(f) = js_sys::Reflect::get(&w, &"keneshApplyUpdate".into())
            && let Some(f) = f.dyn_ref::<js_sys::Function>()
        {
            let _ = f.call0(&w);
        }
    };
    view! {
        <div class="status-bar" aria-live="polite">
            {move || match status.save.get() {
                SaveState::Saved => view! { <span class="saved" data-testid="save-state" data-state="saved">{i18n.t(Key::AllSaved)}</span> }.into_any(),
                SaveState::Saving => view! { <span class="saving" data-testid="save-state" data-state="saving">{i18n.t(Key::Saving)}</span> }.into_any(),
                SaveState::QuotaFull => view! {
                    <div class="banner error" role="alert" data-testid="save-state" data-state="quota">
                        <p>{i18n.t(Key::QuotaFull)}</p>
                        <button on:click=move |_| store::retry(status)>{i18n.t(Key::Retry)}</button>
                    </div>
                }.into_any(),
                SaveState::Failed(e) => view! {
                    <div class="banner error" role="alert" data-testid="save-state" data-state="failed">
                        <p>{i18n.t(Key::SaveFailed)}</p>
                        <pre>{e}</pre>
                        <button on:click=move |_| store::retry(status)>{i18n.t(Key::Retry)}</button>
                    </div>
                }.into_any(),
            }}
            <Show when=move || !status.corrupt.get().is_empty()>
                <div class="banner warning" role="alert" data-testid="corrupt">
                    <p>{i18n.t(Key::CorruptParts)}</p>
                    <ul>{move || status.corrupt.get().into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
                </div>
            </Show>
            <Show when=move || update_ready.get()>
                <div class="banner info" role="status" data-testid="update">
                    <p>{i18n.t(Key::UpdateReady)}</p>
                    <button on:click=reload>{i18n.t(Key::Reload)}</button>
                </div>
            </Show>
        </div>
    }
}
