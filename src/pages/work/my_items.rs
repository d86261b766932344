//! "My items": what one staff member has to read (library documents awaiting their
//! familiarization), their open plan items and decisions; by default the person using this
//! device.

use super::data::{self as work};
use super::decisions::DecisionTable;
use super::labels::status_key;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::library::{LibraryDocument, acknowledge, to_read};
use kenesh_core::meeting::DecisionQuery;
use kenesh_core::plan::PlanQuery;
use kenesh_core::{DocKind, Member};
use leptos::prelude::*;

#[component]
pub fn MyItems(person: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let person = person.or_else(work::my_staff_id);
    let staff = work::staff_list();
    let today = data::today();
    let chosen = person.clone().unwrap_or_default();
    let p = person.clone();
    let items = Memo::new(move |_| {
        status.revision.track();
        let Some(p) = p.clone() else {
            return Vec::new();
        };
        let all = work::plan_items();
        let q = PlanQuery {
            person: Some(p),
            ..PlanQuery::default()
        };
        q.run(all.iter(), today)
            .into_iter()
            .filter(|(_, i)| i.status.is_open())
            .map(|(id, i)| (id.clone(), i.clone(), i.is_overdue(today)))
            .collect::<Vec<_>>()
    });
    let reading = {
        let p = person.clone();
        Memo::new(move |_| {
            status.revision.track();
            let Some(p) = p.clone() else {
                return Vec::new();
            };
            to_read_of(&p, today)
        })
    };
    // Ties this device's member to the chosen staff record, so "my items" opens on it.
    let mine = work::my_staff_id();
    let can_claim = person.is_some() && person != mine;
    let reads_here = person.is_some() && person == mine;
    let on_acknowledge = move |id: String| {
        let Some(me) = work::my_staff_id() else {
            return;
        };
        let _ = store::edit(DocKind::Library, status, move |d, ctx| {
            acknowledge(d, &id, &me, ctx).map(|_| ())
        });
    };
    let claim = {
        let person = person.clone();
        move |_| {
            let member_id = store::read(|s| s.identity().member_id.clone());
            let person = person.clone();
            let _ = store::edit(DocKind::Space, status, move |d, ctx| {
                let Some(mut me) = d.get::<Member>(&member_id)? else {
                    return Ok(());
                };
                me.staff_id = person;
                d.put(&member_id, &me, ctx)
            });
        }
    };
    let decisions = Signal::derive({
        let person = person.clone();
        move || DecisionQuery {
            person: Some(person.clone().unwrap_or_else(|| "\u{0}".into())),
            ..DecisionQuery::default()
        }
    });
    view! {
        <section class="my-items">
            <h1>{i18n.t(Key::MyTitle)}</h1>
            <label class="field">
                <span class="field-label">{i18n.t(Key::WhoAmI)}</span>
                <select name="person" data-testid="my-person" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    go(Route::My((!v.is_empty()).then_some(v)))
                }>
                    <option value="" selected=chosen.is_empty()>{i18n.t(Key::ChoosePerson)}</option>
                    {staff.into_iter().map(|(id, n)| {
                        let selected = id == chosen;
                        view! { <option value=id selected=selected>{n}</option> }
                    }).collect_view()}
                </select>
            </label>
            {can_claim.then(|| view! {
                <p class="hint">
                    <button type="button" data-testid="this-is-me" on:click=claim>{i18n.t(Key::ThisIsMe)}</button>
                    " " {i18n.t(Key::ThisIsMeHint)}
                </p>
            })}
            {match person {
                None => view! { <p class="empty">{i18n.t(Key::ChoosePerson)}</p> }.into_any(),
                Some(_) => view! {
                    <h2>{i18n.t(Key::ToReadTitle)}</h2>
                    <Show when=move || !reading.get().is_empty() fallback=move || view! { <p class="empty" data-testid="to-read-empty">{i18n.t(Key::ToReadEmpty)}</p> }>
                        <ul class="my-plan to-read">
                            {move || reading.get().into_iter().map(|r| {
                                let id = r.id.clone();
                                let due = r.deadline.map(|d| i18n.lang().text(Key::ToReadDue).replace("{date}", &d.dotted()));
                                view! {
                                    <li data-testid="to-read-item" data-id=r.id.clone() class:overdue=r.overdue>
                                        <a href=Route::LibraryDocument(r.id.clone()).href()>{r.title.clone()}</a>
                                        {(!r.number.is_empty()).then(|| format!(" · {}", r.number))}
                                        {due.map(|d| format!(" · {d}"))}
                                        {r.overdue.then(|| view! { " " <span class="badge overdue">{i18n.t(Key::Overdue)}</span> })}
                                        {reads_here.then(|| view! {
                                            " " <button type="button" data-testid="to-read-acknowledge"
                                                on:click=move |_| on_acknowledge(id.clone())>{i18n.t(Key::FamAcknowledge)}</button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </Show>
                    <h2>{i18n.t(Key::MyPlanItems)}</h2>
                    <Show when=move || !items.get().is_empty() fallback=move || view! { <p class="empty">{i18n.t(Key::MyEmpty)}</p> }>
                        <ul class="my-plan">
                            {move || items.get().into_iter().map(|(id, i, overdue)| view! {
                                <li data-testid="my-plan-item" class:overdue=overdue>
                                    <a href=Route::EditPlanItem(id).href()>{i.title.clone()}</a>
                                    " · " {i.due().map(|d| d.dotted()).unwrap_or_default()}
                                    " · " {i18n.t(status_key(i.status))}
                                    {overdue.then(|| view! { " " <span class="badge overdue">{i18n.t(Key::Overdue)}</span> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </Show>
                    <h2>{i18n.t(Key::MyDecisions)}</h2>
                    <DecisionTable query=decisions/>
                }.into_any(),
            }}
        </section>
    }
}

/// A library document waiting for a person's familiarization, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ToReadRow {
    pub id: String,
    pub title: String,
    pub number: String,
    pub deadline: Option<kenesh_core::Date>,
    pub overdue: bool,
}

/// What `person` still has to read, earliest deadline first (the core's [`to_read`]).
pub fn to_read_of(person: &str, today: kenesh_core::Date) -> Vec<ToReadRow> {
    let documents: std::collections::HashMap<String, LibraryDocument> =
        store::records(DocKind::Library);
    let staff = work::staff_list();
    let ids: Vec<&str> = staff.iter().map(|(i, _)| i.as_str()).collect();
    let associations = work::associations();
    to_read(person, documents.iter(), &ids, &associations, today)
        .into_iter()
        .map(|r| ToReadRow {
            id: r.id.clone(),
            title: r.document.title.clone(),
            number: r.document.number.clone(),
            deadline: r.deadline,
            overdue: r.overdue,
        })
        .collect()
}

/// How many documents the person using this device has still to read (0 when the device
/// is not tied to a staff record).
pub fn to_read_count() -> usize {
    work::my_staff_id().map_or(0, |me| to_read_of(&me, data::today()).len())
}
