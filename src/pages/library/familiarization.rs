//! The familiarization section of a library document's page: who must read it and by when
//! (edited through the core's [`RequirementForm`]), how many have read it, and for the
//! person using this device a one-action "I have read it" that records who and when.

use super::data;
use crate::components::field::Field;
use crate::components::field_errors::FieldErrors;
use crate::data as space;
use crate::i18n::{Key, use_i18n};
use crate::pages::work::data::{self as work, my_staff_id};
use crate::pages::work::people::{PeoplePicker, toggle};
use crate::route::Route;
use crate::store::{self, Status};
use kenesh_core::DocKind;
use kenesh_core::library::{
    Audience, AudienceKind, Familiarization, RequirementField, RequirementForm, acknowledge,
    require,
};
use leptos::prelude::*;

/// Days of acknowledgement are written in the device's time zone.
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

fn audience_key(kind: AudienceKind) -> Key {
    match kind {
        AudienceKind::Everyone => Key::FamEveryone,
        AudienceKind::Associations => Key::FamByAssociations,
        AudienceKind::People => Key::FamByPeople,
    }
}

/// What the section shows, read once per revision.
#[derive(Clone, Debug, PartialEq)]
struct State {
    familiarization: Option<Familiarization>,
    /// Who is named (associations or people), in words.
    audience: String,
    done: usize,
    total: usize,
    overdue: bool,
    /// This device's person: must read it, and when they acknowledged.
    me: Option<String>,
    mine_due: bool,
    mine_at: Option<i64>,
}

fn state(id: &str) -> Option<State> {
    let document = data::document(id)?;
    let staff = work::staff_list();
    let ids: Vec<&str> = staff.iter().map(|(i, _)| i.as_str()).collect();
    let associations = work::associations();
    let me = my_staff_id();
    let Some(f) = document.familiarization.clone() else {
        return Some(State {
            familiarization: None,
            audience: String::new(),
            done: 0,
            total: 0,
            overdue: false,
            me,
            mine_due: false,
            mine_at: None,
        });
    };
    let readers = f.readers(&ids, &associations);
    let done = readers
        .iter()
        .filter(|p| f.acknowledged(p).is_some())
        .count();
    let audience = match &f.audience {
        Audience::Everyone => String::new(),
        Audience::Associations(list) => list
            .iter()
            .map(|a| associations.get(a).map_or(a.clone(), |x| x.name.clone()))
            .collect::<Vec<_>>()
            .join(", "),
        Audience::People(list) => list
            .iter()
            .map(|p| work::name_of(&staff, p))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mine_due = me
        .as_deref()
        .is_some_and(|m| f.must_read(m, &ids, &associations));
    let mine_at = me.as_deref().and_then(|m| f.acknowledged(m));
    Some(State {
        overdue: f.is_overdue(space::today(), &ids, &associations),
        audience,
        done,
        total: readers.len(),
        me,
        mine_due,
        mine_at,
        familiarization: Some(f),
    })
}

/// The familiarization section of document `id`.
#[component]
pub fn Section(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let doc_id = id.clone();
    let current = Memo::new(move |_| {
        status.revision.track();
        state(&doc_id)
    });
    let editing = RwSignal::new(false);
    let acknowledge_id = id.clone();
    let on_acknowledge = move |_| {
        let Some(me) = my_staff_id() else {
            return;
        };
        let id = acknowledge_id.clone();
        let _ = store::edit(DocKind::Library, status, move |d, ctx| {
            acknowledge(d, &id, &me, ctx).map(|_| ())
        });
    };
    let sheet_href = Route::LibrarySheet(id.clone()).href();
    let form_id = id.clone();
    view! {
        <section class="familiarization card" data-testid="familiarization">
            <h2>{i18n.t(Key::FamTitle)}</h2>
            {move || {
                let Some(s) = current.get() else { return ().into_any() };
                let Some(f) = s.familiarization.clone() else {
                    return view! {
                        <p class="empty" data-testid="fam-none">{i18n.t(Key::FamNotRequired)}</p>
                        <Show when=move || !editing.get()>
                            <button type="button" data-testid="fam-require" on:click=move |_| editing.set(true)>
                                {i18n.t(Key::FamRequire)}
                            </button>
                        </Show>
                    }.into_any();
                };
                let kind = RequirementForm::from_familiarization(&f).kind;
                let progress = i18n
                    .lang()
                    .text(Key::FamProgress)
                    .replace("{done}", &s.done.to_string())
                    .replace("{total}", &s.total.to_string());
                let deadline = f.deadline.map(|d| d.dotted());
                let mine = match (&s.me, s.mine_at, s.mine_due) {
                    (_, Some(at), _) => {
                        let day = kenesh_core::Date::from_unix_ms(at, offset_minutes());
                        view! {
                            <p class="fam-mine done" data-testid="fam-acknowledged">
                                {i18n.lang().text(Key::FamAcknowledgedOn).replace("{date}", &day.dotted())}
                            </p>
                        }.into_any()
                    }
                    (Some(_), None, true) => view! {
                        <p class="fam-mine">
                            <button type="button" class="primary" data-testid="acknowledge" on:click=on_acknowledge.clone()>
                                {i18n.t(Key::FamAcknowledge)}
                            </button>
                        </p>
                    }.into_any(),
                    (Some(_), None, false) => view! {
                        <p class="hint">{i18n.t(Key::FamNotForYou)}</p>
                    }.into_any(),
                    (None, None, _) => view! {
                        <p class="hint"><a href=Route::My(None).href()>{i18n.t(Key::FamWhoAreYou)}</a></p>
                    }.into_any(),
                };
                view! {
                    <dl class="record">
                        <dt>{i18n.t(Key::FamWho)}</dt>
                        <dd data-testid="fam-audience">
                            {i18n.t(audience_key(kind))}
                            {(!s.audience.is_empty()).then(|| format!(": {}", s.audience))}
                        </dd>
                        <dt>{i18n.t(Key::FamDeadline)}</dt>
                        <dd data-testid="fam-deadline">
                            {deadline.unwrap_or_else(|| "—".into())}
                            {s.overdue.then(|| view! { " " <span class="badge overdue">{i18n.t(Key::Overdue)}</span> })}
                        </dd>
                    </dl>
                    <p class="fam-progress" data-testid="fam-progress">
                        <progress max=s.total value=s.done></progress>
                        " " {progress}
                    </p>
                    {mine}
                    <p class="actions">
                        <a class="button" href=sheet_href.clone() data-testid="fam-sheet-link">{i18n.t(Key::FamSheet)}</a>
                        <Show when=move || !editing.get()>
                            <button type="button" data-testid="fam-change" on:click=move |_| editing.set(true)>
                                {i18n.t(Key::FamChange)}
                            </button>
                        </Show>
                    </p>
                }.into_any()
            }}
            <Show when=move || editing.get()>
                <RequirementEditor id=form_id.clone() on_done=Callback::new(move |_| editing.set(false))/>
            </Show>
        </section>
    }
}

/// The form that sets who must read and by when.
#[component]
fn RequirementEditor(id: String, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base = data::document(&id).and_then(|d| d.familiarization);
    let initial = base
        .as_ref()
        .map(RequirementForm::from_familiarization)
        .unwrap_or_default();
    let form = RwSignal::new(initial);
    let errors = FieldErrors::new();
    let staff = work::staff_list();
    let associations = work::association_list();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let staff = work::staff_list();
        let ids: Vec<&str> = staff.iter().map(|(i, _)| i.as_str()).collect();
        let base = data::document(&id).and_then(|d| d.familiarization);
        match form
            .get_untracked()
            .parse(&ids, &work::associations(), space::today(), base.as_ref())
        {
            Err(e) => errors.show(e),
            Ok(requirement) => {
                errors.show(Vec::new());
                let id = id.clone();
                let _ = store::edit(DocKind::Library, status, move |d, ctx| {
                    require(d, &id, &requirement, ctx)
                });
                on_done.run(());
            }
        }
    };
    let audience_error = errors.of(RequirementField::Audience);
    view! {
        <form class="fam-form" data-testid="fam-form" on:submit=save novalidate>
            <label class="field">
                <span class="field-label">{i18n.t(Key::FamWho)}</span>
                <select name="fam-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    form.update(|f| f.kind = AudienceKind::from_code(&v).unwrap_or_default())
                }>
                    {AudienceKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=move || form.get().kind == k>{i18n.t(audience_key(k))}</option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || form.get().kind == AudienceKind::Associations>
                <fieldset class="field" class:invalid=move || audience_error.get().is_some()>
                    <legend>{i18n.t(Key::FamByAssociations)}</legend>
                    <div class="people-picker">
                        {associations.clone().into_iter().map(|(aid, a)| {
                            let a2 = aid.clone();
                            let a3 = aid.clone();
                            view! {
                                <label class="check">
                                    <input type="checkbox" name="fam-association" value=aid
                                        prop:checked=move || form.get().associations.contains(&a2)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            form.update(|f| toggle(&mut f.associations, a3.clone(), on))
                                        }/>
                                    {a.name}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </Show>
            <Show when=move || form.get().kind == AudienceKind::People>
                <fieldset class="field" class:invalid=move || audience_error.get().is_some()>
                    <legend>{i18n.t(Key::FamByPeople)}</legend>
                    <PeoplePicker staff=staff.clone() name="fam-person"
                        chosen=Signal::derive(move || form.get().people)
                        on_toggle=Callback::new(move |(id, on)| form.update(|f| toggle(&mut f.people, id, on)))/>
                </fieldset>
            </Show>
            <Show when=move || audience_error.get().is_some()>
                <p class="field-error" role="alert">{move || audience_error.get()}</p>
            </Show>
            <Field label=Signal::derive(i18n.t(Key::FamDeadline)) error=errors.of(RequirementField::Deadline)>
                <input type="date" name="fam-deadline" prop:value=move || form.get().deadline
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.deadline = v) }/>
            </Field>
            <div class="actions">
                <button type="submit" class="primary" data-testid="fam-save">{i18n.t(Key::Save)}</button>
                <button type="button" on:click=move |_| on_done.run(())>{i18n.t(Key::Cancel)}</button>
            </div>
        </form>
    }
}
