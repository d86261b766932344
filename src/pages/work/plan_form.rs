//! Add or edit a plan item. The core's [`PlanItemForm`] validates.

use super::data::{self as work, can_edit};
use super::labels::status_key;
use super::people::{PeoplePicker, toggle};
use crate::components::field::{Field, bound_input};
use crate::components::field_errors::FieldErrors;
use crate::components::remove_toggle::RemoveToggle;
use crate::components::save_failure::SaveFailure;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::id::new_id;
use kenesh_core::plan::{ItemStatus, PlanItem, PlanItemField, PlanItemForm};
use kenesh_core::structure::EditArea;
use kenesh_core::{DocKind, school_year};
use kenesh_platform::random_bytes;
use leptos::prelude::*;

#[component]
pub fn PlanItemFormPage(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base: Option<PlanItem> = id.as_deref().and_then(work::plan_item);
    let today = data::today();
    let this_year = school_year::of(today);
    let initial = base
        .as_ref()
        .map(PlanItemForm::from_item)
        .unwrap_or(PlanItemForm {
            school_year: this_year,
            ..PlanItemForm::default()
        });
    let form = RwSignal::new(initial.clone());
    let errors = FieldErrors::new();
    let staff = work::staff_list();
    let associations = work::association_list();
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let association_of_base = base.as_ref().and_then(|b| b.association.clone());
    let editable = match &association_of_base {
        None => {
            can_edit(EditArea::AnnualPlan, None)
                || base.is_none() && can_edit(EditArea::AssociationWork, None)
        }
        Some(a) => {
            can_edit(EditArea::AssociationWork, Some(a)) || can_edit(EditArea::AnnualPlan, None)
        }
    } || can_edit(EditArea::OwnItems, None)
        && base
            .as_ref()
            .is_some_and(|b| work::my_staff_id().is_some_and(|me| b.responsible.contains(&me)));
    let label = move |key: Key| Signal::derive(i18n.t(key));
    let record_id = id.clone();
    let removed = base.as_ref().is_some_and(PlanItem::is_removed);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let edited = form.get_untracked();
        match edited.parse(data::today(), &ids, base.as_ref()) {
            Err(e) => errors.show(e),
            Ok(mine) => {
                errors.show(Vec::new());
                // Only this form's changes: an edit made meanwhile in another tab stays.
                let item = match record_id.as_deref().and_then(work::plan_item) {
                    Some(current) => edited.merge_into(&initial, mine, current),
                    None => mine,
                };
                let rid = record_id.clone().unwrap_or_else(|| new_id(random_bytes()));
                let _ = store::edit_then(
                    DocKind::Plans,
                    status,
                    |d, ctx| d.put(&rid, &item, ctx),
                    || go(Route::Plans),
                );
            }
        }
    };
    let failure = RwSignal::new(None::<String>);
    let editing = id.is_some();
    let date_input = move |name: &'static str,
                           field: PlanItemField,
                           get: fn(&PlanItemForm) -> String,
                           put: fn(&mut PlanItemForm, String)| {
        view! {
            <Field label=label(match field { PlanItemField::Start => Key::Start, PlanItemField::End => Key::End, _ => Key::Deadline }) error=errors.of(field)>
                {bound_input(form, "date", name, get, put)}
            </Field>
        }
    };
    view! {
        <section class="plan-form">
            <a class="back" href=Route::Plans.href()>{i18n.t(Key::BackToPlans)}</a>
            <h1>{move || i18n.lang().text(if editing { Key::EditPlanItem } else { Key::AddPlanItem })}</h1>
            <Show when=move || !editable>
                <p class="banner warning">{i18n.t(Key::ReadOnlyForRole)}</p>
            </Show>
            <Show when=move || removed>
                <p class="banner warning">{i18n.t(Key::RecordRemoved)}</p>
            </Show>
            <form on:submit=save novalidate>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::SchoolYear)}</span>
                    <select name="school_year" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Ok(y) = v.parse() { form.update(|f| f.school_year = y) }
                    }>
                        {(this_year.saturating_sub(2)..=this_year + 1).rev().map(|y| view! {
                            <option value=y.to_string() selected=move || form.get().school_year == y>{school_year::label(y)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::PlanLabel)}</span>
                    <select name="association" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.association = v) }>
                        <option value="" selected=move || form.get().association.is_empty()>{i18n.t(Key::AnnualPlan)}</option>
                        {associations.into_iter().map(|(aid, a)| {
                            let aid2 = aid.clone();
                            view! { <option value=aid selected=move || form.get().association == aid2>{a.name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Field label=label(Key::ItemTitle) error=errors.of(PlanItemField::Title)>
                    <input name="title" prop:value=move || form.get().title
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.title = v) }/>
                </Field>
                <Field label=label(Key::Section) error=errors.of(PlanItemField::Section)>
                    <input name="section" prop:value=move || form.get().section
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.section = v) }/>
                </Field>
                {date_input("start", PlanItemField::Start, |f| f.start.clone(), |f, v| f.start = v)}
                {date_input("end", PlanItemField::End, |f| f.end.clone(), |f, v| f.end = v)}
                {date_input("deadline", PlanItemField::Deadline, |f| f.deadline.clone(), |f, v| f.deadline = v)}
                <fieldset class="field" class:invalid=move || errors.get(PlanItemField::Responsible).is_some()>
                    <legend>{i18n.t(Key::ResponsiblePeople)}</legend>
                    {staff.is_empty().then(|| view! { <p class="hint">{i18n.t(Key::StaffNeededFirst)}</p> })}
                    <PeoplePicker staff=staff.clone() name="responsible"
                        chosen=Signal::derive(move || form.get().responsible)
                        on_toggle=Callback::new(move |(id, on)| form.update(|f| toggle(&mut f.responsible, id, on)))/>
                    <Show when=move || errors.get(PlanItemField::Responsible).is_some()>
                        <span class="field-error" role="alert">{move || errors.get(PlanItemField::Responsible)}</span>
                    </Show>
                </fieldset>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::Status)}</span>
                    <select name="status" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.status = ItemStatus::from_code(&v).unwrap_or_default())
                    }>
                        {ItemStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=move || form.get().status == s>{i18n.t(status_key(s))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Field label=label(Key::Outcome) error=errors.of(PlanItemField::Outcome)>
                    <textarea name="outcome" prop:value=move || form.get().outcome
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.outcome = v) }></textarea>
                </Field>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save" disabled=!editable>{i18n.t(Key::Save)}</button>
                    <a class="button" href=Route::Plans.href()>{i18n.t(Key::Cancel)}</a>
                    {id.clone().map(|id| view! {
                        <RemoveToggle<PlanItem> kind=DocKind::Plans id=id removed=removed failure=failure
                            then=Route::Plans disabled=!editable/>
                    })}
                </div>
            </form>
            <SaveFailure failure=failure/>
        </section>
    }
}
