//! Add or edit a methodical association. The core's [`AssociationForm`] validates.

use super::data::{self as work, can_edit};
use super::labels::kind_key;
use super::people::{PeoplePicker, PersonSelect, toggle};
use crate::components::field::Field;
use crate::components::field_errors::FieldErrors;
use crate::components::remove_toggle::RemoveToggle;
use crate::components::save_failure::SaveFailure;
use crate::i18n::{Key, use_i18n};
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::DocKind;
use kenesh_core::id::new_id;
use kenesh_core::structure::{
    Association, AssociationField, AssociationForm, AssociationKind, EditArea,
};
use kenesh_platform::random_bytes;
use leptos::prelude::*;

#[component]
pub fn AssociationFormPage(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base: Option<Association> = id.as_deref().and_then(work::association);
    let initial = base
        .as_ref()
        .map(AssociationForm::from_association)
        .unwrap_or_default();
    let form = RwSignal::new(initial.clone());
    let errors = FieldErrors::new();
    let staff = work::staff_list();
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let editable = can_edit(EditArea::Structure, id.as_deref());
    let label = move |key: Key| Signal::derive(i18n.t(key));
    let record_id = id.clone();
    let removed = base.as_ref().is_some_and(Association::is_removed);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let edited = form.get_untracked();
        match edited.parse(&ids, base.as_ref()) {
            Err(e) => errors.show(e),
            Ok(mine) => {
                errors.show(Vec::new());
                // Only this form's changes: an edit made meanwhile elsewhere stays.
                let a = match record_id.as_deref().and_then(work::association) {
                    Some(current) => edited.merge_into(&initial, mine, current),
                    None => mine,
                };
                let rid = record_id.clone().unwrap_or_else(|| new_id(random_bytes()));
                let _ = store::edit_then(
                    DocKind::Structure,
                    status,
                    |d, ctx| d.put(&rid, &a, ctx),
                    || go(Route::Structure),
                );
            }
        }
    };
    let failure = RwSignal::new(None::<String>);
    let editing = id.is_some();
    let no_staff = staff.is_empty();
    let staff_for_head = staff.clone();
    view! {
        <section class="association-form">
            <a class="back" href=Route::Structure.href()>{i18n.t(Key::BackToStructure)}</a>
            <h1>{move || i18n.lang().text(if editing { Key::EditAssociation } else { Key::AddAssociation })}</h1>
            <Show when=move || !editable>
                <p class="banner warning">{i18n.t(Key::ReadOnlyForRole)}</p>
            </Show>
            <Show when=move || removed>
                <p class="banner warning">{i18n.t(Key::RecordRemoved)}</p>
            </Show>
            {no_staff.then(|| view! { <p class="banner warning">{i18n.t(Key::StaffNeededFirst)}</p> })}
            <form on:submit=save novalidate>
                <Field label=label(Key::AssociationName) error=errors.of(AssociationField::Name)>
                    <input name="name" prop:value=move || form.get().name
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.name = v) }/>
                </Field>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::AssociationKindLabel)}</span>
                    <select name="kind" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.kind = AssociationKind::from_code(&v).unwrap_or_default())
                    }>
                        {AssociationKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=move || form.get().kind == k>{i18n.t(kind_key(k))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Field label=label(Key::Head) error=errors.of(AssociationField::Head)>
                    <PersonSelect staff=staff_for_head name="head"
                        value=Signal::derive(move || form.get().head)
                        on_change=Callback::new(move |v| form.update(|f| f.head = v))/>
                </Field>
                <fieldset class="field" class:invalid=move || errors.get(AssociationField::Members).is_some()>
                    <legend>{i18n.t(Key::Members)}</legend>
                    <PeoplePicker staff=staff name="member"
                        chosen=Signal::derive(move || form.get().members)
                        on_toggle=Callback::new(move |(id, on)| form.update(|f| toggle(&mut f.members, id, on)))/>
                    <Show when=move || errors.get(AssociationField::Members).is_some()>
                        <span class="field-error" role="alert">{move || errors.get(AssociationField::Members)}</span>
                    </Show>
                </fieldset>
                <Field label=label(Key::SubjectsHint) error=errors.of(AssociationField::Subjects)>
                    <input name="subjects" prop:value=move || form.get().subjects
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.subjects = v) }/>
                </Field>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save" disabled=!editable>{i18n.t(Key::Save)}</button>
                    <a class="button" href=Route::Structure.href()>{i18n.t(Key::Cancel)}</a>
                    {id.clone().map(|id| view! {
                        <RemoveToggle<Association> kind=DocKind::Structure id=id removed=removed failure=failure
                            then=Route::Structure disabled=!editable/>
                    })}
                </div>
            </form>
            <SaveFailure failure=failure/>
        </section>
    }
}
