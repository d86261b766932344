//! First run: create the school's space and tie this device to you.

use crate::components::field::Field;
use crate::components::field_errors::FieldErrors;
use crate::components::lang_switch::LangSwitch;
use crate::i18n::{Key, use_i18n};
use crate::store::{self, Status};
use kenesh_core::AppRole;
use kenesh_core::space::{SetupField, SpaceSetup};
use leptos::prelude::*;

pub fn app_role_key(role: AppRole) -> Key {
    match role {
        AppRole::Administrator => Key::RoleAdministrator,
        AppRole::CouncilMember => Key::RoleCouncilMember,
        AppRole::AssociationHead => Key::RoleAssociationHead,
        AppRole::Teacher => Key::RoleTeacher,
    }
}

#[component]
pub fn Setup(on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let school = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(AppRole::Administrator);
    let errors = FieldErrors::new();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let setup = SpaceSetup {
            school_name: school.get_untracked(),
            your_name: name.get_untracked(),
            role: role.get_untracked(),
        };
        match setup.validate() {
            Err(e) => errors.show(e),
            Ok(setup) => {
                errors.show(Vec::new());
                busy.set(true);
                leptos::task::spawn_local(async move {
                    match store::create(&setup, status).await {
                        Ok(()) => on_created.run(()),
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
        <div class="setup">
            <header class="setup-header">
                <h1>{i18n.t(Key::AppName)}</h1>
                <LangSwitch/>
            </header>
            <p class="lead">{i18n.t(Key::SetupIntro)}</p>
            <form on:submit=submit novalidate>
                <Field label=Signal::derive(i18n.t(Key::SchoolName)) error=errors.of(SetupField::SchoolName)>
                    <input name="school" autocomplete="organization" prop:value=move || school.get()
                        on:input=move |ev| school.set(event_target_value(&ev))/>
                </Field>
                <Field label=Signal::derive(i18n.t(Key::YourName)) error=errors.of(SetupField::YourName)>
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
                    <div class="banner error" role="alert">
                        <p>{i18n.t(Key::SaveFailed)}</p>
                        <pre>{move || failure.get()}</pre>
                    </div>
                </Show>
                <button type="submit" class="primary" disabled=move || busy.get()>{i18n.t(Key::CreateSpace)}</button>
            </form>
        </div>
    }
}
