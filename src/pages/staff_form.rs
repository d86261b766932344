//! Add or edit a staff member. The core's [`StaffForm`] validates; this only shows.

use crate::components::field::{Field, bound_input};
use crate::components::field_errors::FieldErrors;
use crate::components::save_failure::SaveFailure;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::pages::staff_detail::role_key;
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::id::new_id;
use kenesh_core::staff::{StaffField, StaffForm, StaffRole};
use kenesh_core::{DocKind, StaffMember};
use kenesh_platform::random_bytes;
use leptos::prelude::*;

#[component]
pub fn StaffFormPage(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base: Option<StaffMember> = id.as_deref().and_then(data::staff_member);
    let initial = base
        .as_ref()
        .map(StaffForm::from_member)
        .unwrap_or_default();
    let form = RwSignal::new(initial.clone());
    let errors = FieldErrors::new();
    let failure = RwSignal::new(None::<String>);
    let categories = data::categories();
    let editing = id.is_some();
    let label = move |key: Key| Signal::derive(i18n.t(key));
    let id_for_save = id.clone();
    let category_ids: Vec<String> = categories.iter().map(|(id, _)| id.clone()).collect();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = category_ids.iter().map(String::as_str).collect();
        let edited = form.get_untracked();
        match edited.parse(data::today(), &ids, base.as_ref()) {
            Err(e) => errors.show(e),
            Ok(mine) => {
                errors.show(Vec::new());
                let member = match id_for_save.as_deref().and_then(data::staff_member) {
                    Some(current) => edited.merge_into(&initial, mine, current),
                    None => mine,
                };
                let record_id = id_for_save
                    .clone()
                    .unwrap_or_else(|| new_id(random_bytes()));
                let detail = Route::StaffDetail(record_id.clone());
                let result = store::edit_then(
                    DocKind::People,
                    status,
                    |doc, ctx| doc.put(&record_id, &member, ctx),
                    move || go(detail),
                );
                if let Err(e) = result {
                    failure.set(Some(e.to_string()));
                }
            }
        }
    };
    let cancel_href = match &id {
        Some(id) => Route::StaffDetail(id.clone()).href(),
        None => Route::Staff.href(),
    };
    let text_input = move |name, get: fn(&StaffForm) -> String, put: fn(&mut StaffForm, String)| {
        bound_input(form, "text", name, get, put)
    };
    view! {
        <section class="staff-form">
            <h1>{move || i18n.lang().text(if editing { Key::EditStaff } else { Key::AddStaff })}</h1>
            <form on:submit=save novalidate>
                <Field label=label(Key::FullName) error=errors.of(StaffField::FullName)>
                    {text_input("full_name", |f| f.full_name.clone(), |f, v| f.full_name = v)}
                </Field>
                <fieldset class="field roles" class:invalid=move || errors.get(StaffField::Roles).is_some()>
                    <legend>{i18n.t(Key::Roles)}</legend>
                    {StaffRole::ALL.into_iter().map(|r| view! {
                        <label class="check">
                            <input type="checkbox" name="role" value=r.code()
                                prop:checked=move || form.get().roles.contains(&r)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| { f.roles.retain(|x| *x != r); if on { f.roles.push(r) } })
                                }/>
                            {i18n.t(role_key(r))}
                        </label>
                    }).collect_view()}
                    <Show when=move || errors.get(StaffField::Roles).is_some()>
                        <span class="field-error" role="alert">{move || errors.get(StaffField::Roles)}</span>
                    </Show>
                </fieldset>
                <Field label=label(Key::SubjectsHint) error=errors.of(StaffField::Subjects)>
                    {text_input("subjects", |f| f.subjects.clone(), |f, v| f.subjects = v)}
                </Field>
                <Field label=label(Key::Education) error=errors.of(StaffField::Education)>
                    {text_input("education", |f| f.education.clone(), |f, v| f.education = v)}
                </Field>
                <Field label=label(Key::TeachingSince) error=errors.of(StaffField::TeachingSince)>
                    <input name="teaching_since" inputmode="numeric" prop:value=move || form.get().teaching_since
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.teaching_since = v) }/>
                </Field>
                <Field label=label(Key::Category) error=errors.of(StaffField::Category)>
                    <select name="category" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.category = v) }>
                        <option value="" selected=move || form.get().category.is_empty()>{i18n.t(Key::NoCategory)}</option>
                        {categories.clone().into_iter().map(|(cid, c)| {
                            let cid2 = cid.clone();
                            view! {
                                <option value=cid selected=move || form.get().category == cid2>
                                    {move || c.name.get(i18n.lang().code()).to_string()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </Field>
                <Field label=label(Key::CategoryExpiry) error=errors.of(StaffField::CategoryExpiry)>
                    <input type="date" name="category_expiry" prop:value=move || form.get().category_expiry
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.category_expiry = v) }/>
                </Field>
                <Field label=label(Key::Phone) error=errors.of(StaffField::Phone)>
                    <input type="tel" name="phone" prop:value=move || form.get().phone
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.phone = v) }/>
                </Field>
                <Field label=label(Key::Email) error=errors.of(StaffField::Email)>
                    <input type="email" name="email" prop:value=move || form.get().email
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.email = v) }/>
                </Field>
                <SaveFailure failure=failure/>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save">{i18n.t(Key::Save)}</button>
                    <a class="button" href=cancel_href>{i18n.t(Key::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}
