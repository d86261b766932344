//! The meetings of the council and the associations: search, filters, sort.

use super::data::{self as work};
use super::people::PersonFilter;
use crate::components::filter_check::FilterCheck;
use crate::i18n::{Key, use_i18n};
use crate::route::Route;
use crate::store::Status;
use kenesh_core::meeting::{MeetingQuery, MeetingSort, numbers};
use kenesh_core::school_year;
use leptos::prelude::*;

/// What met: the council, or an association by name.
pub fn body_name(
    association: Option<&str>,
    associations: &[(String, kenesh_core::structure::Association)],
    council: &str,
) -> String {
    match association {
        None => council.to_string(),
        Some(id) => associations
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, a)| a.name.clone())
            .unwrap_or_else(|| id.to_string()),
    }
}

#[component]
pub fn MeetingList() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let query = RwSignal::new(MeetingQuery::default());
    let meetings = Memo::new(move |_| {
        status.revision.track();
        work::meetings()
    });
    let associations = work::association_memo(status);
    let staff = work::staff_memo(status);
    let years = Memo::new(move |_| {
        let mut y: Vec<u16> = meetings.with(|m| m.values().map(|m| m.school_year).collect());
        kenesh_core::order::sort_by(&mut y, |a, b| b.cmp(a));
        y.dedup();
        y
    });
    let rows = Memo::new(move |_| {
        meetings.with(|all| {
            let numbers = numbers(all.iter());
            query.with(|q| {
                q.run(all.iter())
                    .into_iter()
                    .map(|(id, m)| (id.clone(), m.clone(), numbers.get(id).copied()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let total =
        Memo::new(move |_| meetings.with(|m| m.values().filter(|m| !m.is_removed()).count()));
    view! {
        <section class="meetings">
            <div class="toolbar">
                <h1>{i18n.t(Key::MeetingsTitle)}</h1>
                <a class="button primary" href=Route::NewMeeting.href() data-testid="add-meeting">{i18n.t(Key::AddMeeting)}</a>
            </div>
            <div class="filters">
                <input type="search" placeholder=i18n.t(Key::SearchMeetings) aria-label=i18n.t(Key::SearchMeetings) data-testid="meeting-search"
                    on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.search = v) }/>
                <select aria-label=i18n.t(Key::SchoolYear) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.school_year = v.parse().ok())
                }>
                    <option value="">{i18n.t(Key::AllYears)}</option>
                    {move || years.get().into_iter().map(|y| view! { <option value=y.to_string()>{school_year::label(y)}</option> }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::Body) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.body = match v.as_str() { "*" => None, "" => Some(None), id => Some(Some(id.to_string())) })
                }>
                    <option value="*">{i18n.t(Key::AllBodies)}</option>
                    <option value="">{i18n.t(Key::Council)}</option>
                    {move || associations.get().into_iter().map(|(id, a)| view! { <option value=id>{a.name}</option> }).collect_view()}
                </select>
                <PersonFilter staff=staff set=Callback::new(move |p| query.update(|q| q.person = p))/>
                <select aria-label=i18n.t(Key::SortBy) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.sort = if v == "old" { MeetingSort::DateAsc } else { MeetingSort::DateDesc })
                }>
                    <option value="new">{i18n.t(Key::SortNewest)}</option>
                    <option value="old">{i18n.t(Key::SortOldest)}</option>
                </select>
                <FilterCheck label=Key::ShowRemoved checked=Signal::derive(move || query.with(|q| q.removed)) set=Callback::new(move |on| query.update(|q| q.removed = on))/>
            </div>
            <Show when=move || !rows.get().is_empty() fallback=move || view! {
                <p class="empty" data-testid="meetings-empty">{move || i18n.lang().text(if total.get() == 0 { Key::MeetingsEmpty } else { Key::NothingFound })}</p>
            }>
                <table>
                    <thead><tr>
                        <th class="num">"№"</th>
                        <th>{i18n.t(Key::MeetingDate)}</th>
                        <th>{i18n.t(Key::Body)}</th>
                        <th>{i18n.t(Key::Agenda)}</th>
                        <th class="num">{i18n.t(Key::Decisions)}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let associations = associations.get();
                            rows.get().into_iter().map(|(id, m, n)| {
                                let body = body_name(m.association.as_deref(), &associations, i18n.lang().text(Key::Council));
                                let agenda = m.agenda.iter().map(|a| a.title.clone()).collect::<Vec<_>>().join("; ");
                                let open = m.decisions.values().filter(|d| d.is_open()).count();
                                let renumbered = n.is_some_and(|n| n.renumbered);
                                view! {
                                    <tr data-testid="meeting-row">
                                        <td class="num">
                                            {n.map(|n| n.shown.to_string()).unwrap_or_default()}
                                            {renumbered.then(|| view! { <span class="badge" title=i18n.t(Key::Renumbered)>"*"</span> })}
                                        </td>
                                        <td><a href=Route::Meeting(id).href()>{m.date.dotted()}</a></td>
                                        <td>{body}</td>
                                        <td>{agenda}</td>
                                        <td class="num">{format!("{open} / {}", m.decisions.len())}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
