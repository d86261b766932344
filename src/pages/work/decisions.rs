//! Decisions across meetings until done; overdue ones first and marked.

use super::data::{self as work, name_of};
use super::meeting_list::body_name;
use super::people::PersonFilter;
use crate::components::filter_check::FilterCheck;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::route::Route;
use crate::store::Status;
use kenesh_core::meeting::DecisionQuery;
use leptos::prelude::*;

/// The rows of a decision list, drawn from a query.
#[component]
pub fn DecisionTable(#[prop(into)] query: Signal<DecisionQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let meetings = Memo::new(move |_| {
        status.revision.track();
        work::meetings()
    });
    let staff = work::staff_memo(status);
    let associations = work::association_memo(status);
    let today = data::today();
    let rows = Memo::new(move |_| {
        meetings.with(|all| {
            query
                .get()
                .run(all.iter(), today)
                .into_iter()
                .map(|r| {
                    (
                        r.meeting_id.clone(),
                        r.meeting.clone(),
                        r.decision.clone(),
                        r.overdue,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !rows.get().is_empty() fallback=move || view! { <p class="empty" data-testid="decisions-empty">{i18n.t(Key::DecisionsEmpty)}</p> }>
            <table class="decision-table">
                <thead><tr>
                    <th>{i18n.t(Key::DecisionText)}</th>
                    <th>{i18n.t(Key::ResponsiblePeople)}</th>
                    <th>{i18n.t(Key::Deadline)}</th>
                    <th>{i18n.t(Key::EditMeeting)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let staff = staff.get();
                        let associations = associations.get();
                        rows.get().into_iter().map(|(mid, m, d, overdue)| {
                            let who = d.responsible.as_deref().map(|r| name_of(&staff, r)).unwrap_or_default();
                            let body = body_name(m.association.as_deref(), &associations, i18n.lang().text(Key::Council));
                            view! {
                                <tr data-testid="open-decision" class:overdue=overdue>
                                    <td>{d.text.clone()}{d.done.map(|_| view! { " " <span class="badge done">{i18n.t(Key::DoneOn)}</span> })}</td>
                                    <td>{who}</td>
                                    <td>{d.deadline.map(|d| d.dotted()).unwrap_or_default()}
                                        {overdue.then(|| view! { " " <span class="badge overdue" data-testid="overdue">{i18n.t(Key::Overdue)}</span> })}</td>
                                    <td><a href=Route::Meeting(mid).href()>{format!("{} · {body}", m.date.dotted())}</a></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </Show>
    }
}

#[component]
pub fn DecisionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let query = RwSignal::new(DecisionQuery::default());
    let staff = work::staff_memo(status);
    view! {
        <section class="decisions-page">
            <h1>{i18n.t(Key::DecisionsTitle)}</h1>
            <div class="filters">
                <PersonFilter staff=staff testid="decision-person" set=Callback::new(move |p| query.update(|q| q.person = p))/>
                <FilterCheck label=Key::OverdueOnly checked=Signal::derive(move || query.with(|q| q.overdue_only)) set=Callback::new(move |on| query.update(|q| q.overdue_only = on))/>
                <FilterCheck label=Key::ShowDone checked=Signal::derive(move || query.with(|q| q.include_done)) set=Callback::new(move |on| query.update(|q| q.include_done = on))/>
            </div>
            <DecisionTable query=query/>
        </section>
    }
}
