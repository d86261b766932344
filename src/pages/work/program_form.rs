//! Add or edit a program of innovative or experimental work. [`ProgramForm`] validates.

use super::data::{self as work, can_edit};
use super::people::{PeoplePicker, toggle};
use crate::components::field_errors::FieldErrors;
use crate::i18n::{Key, use_i18n};
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::DocKind;
use kenesh_core::id::new_id;
use kenesh_core::plan::{Program, ProgramField, ProgramForm, StageForm};
use kenesh_core::structure::EditArea;
use kenesh_platform::random_bytes;
use leptos::prelude::*;

#[component]
pub fn ProgramFormPage(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base: Option<Program> = id.as_deref().and_then(work::program);
    let mut initial = base
        .as_ref()
        .map(ProgramForm::from_program)
        .unwrap_or_default();
    if initial.stages.is_empty() {
        initial.stages.push(StageForm::default());
    }
    let form = RwSignal::new(initial);
    let errors = FieldErrors::new();
    let staff = work::staff_list();
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let editable = can_edit(EditArea::AnnualPlan, None);
    let record_id = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        match form.get_untracked().parse(&ids, base.as_ref()) {
            Err(e) => errors.show(e),
            Ok(p) => {
                errors.show(Vec::new());
                let rid = record_id.clone().unwrap_or_else(|| new_id(random_bytes()));
                let _ = store::edit_then(
                    DocKind::Plans,
                    status,
                    |d, ctx| d.put(&rid, &p, ctx),
                    || go(Route::Plans),
                );
            }
        }
    };
    let stage_count = Memo::new(move |_| form.with(|f| f.stages.len()));
    view! {
        <section class="program-form">
            <a class="back" href=Route::Plans.href()>{i18n.t(Key::BackToPlans)}</a>
            <h1>{move || i18n.lang().text(if id.is_some() { Key::EditProgram } else { Key::AddProgram })}</h1>
            <Show when=move || !editable>
                <p class="banner warning">{i18n.t(Key::ReadOnlyForRole)}</p>
            </Show>
            <form on:submit=save novalidate>
                <label class="field" class:invalid=move || errors.get(ProgramField::Title).is_some()>
                    <span class="field-label">{i18n.t(Key::ProgramTitle)}</span>
                    <input name="title" prop:value=move || form.get().title
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.title = v) }/>
                    <span class="field-error">{move || errors.get(ProgramField::Title)}</span>
                </label>
                <label class="field" class:invalid=move || errors.get(ProgramField::Goal).is_some()>
                    <span class="field-label">{i18n.t(Key::Goal)}</span>
                    <textarea name="goal" prop:value=move || form.get().goal
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.goal = v) }></textarea>
                    <span class="field-error">{move || errors.get(ProgramField::Goal)}</span>
                </label>
                <fieldset class="field">
                    <legend>{i18n.t(Key::Stages)}</legend>
                    {move || (0..stage_count.get()).map(|i| view! {
                        <div class="stage">
                            <input name="stage-title" placeholder=i18n.t(Key::Stage) aria-label=i18n.t(Key::Stage)
                                prop:value=move || form.with(|f| f.stages.get(i).map(|s| s.title.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.stages[i].title = v) }/>
                            <input type="date" name="stage-start" aria-label=i18n.t(Key::Start)
                                prop:value=move || form.with(|f| f.stages.get(i).map(|s| s.start.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.stages[i].start = v) }/>
                            <input type="date" name="stage-end" aria-label=i18n.t(Key::End)
                                prop:value=move || form.with(|f| f.stages.get(i).map(|s| s.end.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.stages[i].end = v) }/>
                            <input name="stage-result" placeholder=i18n.t(Key::StageResult) aria-label=i18n.t(Key::StageResult)
                                prop:value=move || form.with(|f| f.stages.get(i).map(|s| s.result.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.stages[i].result = v) }/>
                            <span class="field-error">{move || {
                                [ProgramField::StageTitle(i), ProgramField::StageStart(i), ProgramField::StageEnd(i)]
                                    .into_iter().filter_map(|f| errors.get(f)).collect::<Vec<_>>().join(" ")
                            }}</span>
                        </div>
                    }).collect_view()}
                    <button type="button" on:click=move |_| form.update(|f| f.stages.push(StageForm::default()))>{i18n.t(Key::AddStage)}</button>
                </fieldset>
                <fieldset class="field">
                    <legend>{i18n.t(Key::Participants)}</legend>
                    <PeoplePicker staff=staff name="participant"
                        chosen=Signal::derive(move || form.get().participants)
                        on_toggle=Callback::new(move |(id, on)| form.update(|f| toggle(&mut f.participants, id, on)))/>
                    <span class="field-error">{move || errors.get(ProgramField::Participants)}</span>
                </fieldset>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::Results)}</span>
                    <textarea name="results" prop:value=move || form.get().results
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.results = v) }></textarea>
                </label>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save" disabled=!editable>{i18n.t(Key::Save)}</button>
                    <a class="button" href=Route::Plans.href()>{i18n.t(Key::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}
