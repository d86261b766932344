//! Opening an invite link (`#/join/…`) on a device with no space: your name and role, then
//! the space comes from the relay.

use crate::components::field::Field;
use crate::components::lang_switch::LangSwitch;
use crate::i18n::{Key, problem_text, use_i18n};
use crate::pages::setup::app_role_key;
use crate::store::Status;
use crate::sync::{self, Failure};
use kenesh_core::AppRole;
use kenesh_core::validation::required_name;
use leptos::prelude::*;

#[component]
pub fn Join(payload: String, on_joined: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(AppRole::Teacher);
    let problem = RwSignal::new(None::<kenesh_core::Problem>);
    let failure = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let payload = StoredValue::new(payload);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match required_name(&name.get_untracked(), 150) {
            Err(p) => problem.set(Some(p)),
            Ok(your_name) => {
                problem.set(None);
                failure.set(None);
                busy.set(true);
                let payload = payload.get_value();
                let role = role.get_untracked();
                leptos::task::spawn_local(async move {
                    match sync::join(&payload, &your_name, role, status).await {
                        Ok(()) => {
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_hash("#/staff");
                            }
                            on_joined.run(());
                        }
                        Err(e) => {
                            failure.set(Some(e));
                            busy.set(false);
                        }
                    }
                });
            }
        }
    };
    view! {
        <div class="setup join">
            <header class="setup-header">
                <h1>{i18n.t(Key::JoinTitle)}</h1>
                <LangSwitch/>
            </header>
            <p class="lead">{i18n.t(Key::JoinIntro)}</p>
            <form on:submit=submit novalidate>
                <Field label=Signal::derive(i18n.t(Key::YourName)) error=Signal::derive(move || problem.get().map(|p| problem_text(i18n.lang(), p)))>
                    <input name="your-name" autocomplete="name" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <Field label=Signal::derive(i18n.t(Key::YourRole)) error=Signal::derive(|| None::<String>)>
                    <select name="role" on:change=move |ev| {
                        if let Some(r) = AppRole::from_code(&event_target_value(&ev)) {
                            role.set(r);
                        }
                    }>
                        {AppRole::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=move || role.get() == r>{i18n.t(app_role_key(r))}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <p class="hint">{i18n.t(Key::SetupDeviceHint)}</p>
                <Show when=move || failure.get().is_some()>
                    <div class="banner error" role="alert" data-testid="join-failed">
                        <p>{move || failure.get().map(|f| i18n.lang().text(f.key()))}</p>
                        <pre>{move || failure.get().map(|f| f.to_string())}</pre>
                    </div>
                </Show>
                <Show when=move || busy.get()>
                    <p class="hint" data-testid="joining">{i18n.t(Key::Joining)}</p>
                </Show>
                <button type="submit" class="primary" data-testid="join" disabled=move || busy.get()>{i18n.t(Key::JoinButton)}</button>
            </form>
        </div>
    }
}
