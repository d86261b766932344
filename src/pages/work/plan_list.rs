//! The plans: search, filters and sort over the core's [`PlanQuery`], copying a plan into
//! the next year, and the programs of innovative work.

use super::data::{self as work, can_edit, name_of};
use super::labels::status_key;
use super::people::PersonFilter;
use crate::components::filter_check::FilterCheck;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::route::Route;
use crate::store::{self, Status};
use kenesh_core::id::new_id;
use kenesh_core::plan::{ItemStatus, PlanQuery, PlanSort, copy_plan};
use kenesh_core::structure::EditArea;
use kenesh_core::{DocKind, school_year};
use kenesh_platform::random_bytes;
use leptos::prelude::*;

#[component]
pub fn PlanList() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let today = data::today();
    let this_year = school_year::of(today);
    let query = RwSignal::new(PlanQuery {
        school_year: Some(this_year),
        ..PlanQuery::default()
    });
    let items = Memo::new(move |_| {
        status.revision.track();
        work::plan_items()
    });
    let staff = work::staff_memo(status);
    let associations = work::association_memo(status);
    let years = Memo::new(move |_| {
        let mut years = items.with(|i| PlanQuery::years(i.values()));
        for y in [this_year + 1, this_year] {
            if !years.contains(&y) {
                years.push(y);
            }
        }
        kenesh_core::order::sort_by(&mut years, |a, b| b.cmp(a));
        years
    });
    let sections = Memo::new(move |_| items.with(|i| PlanQuery::sections(i.values())));
    let rows = Memo::new(move |_| {
        items.with(|items| {
            query.with(|q| {
                q.run(items.iter(), today)
                    .into_iter()
                    .map(|(id, i)| (id.clone(), i.clone(), i.is_overdue(today)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let copied = RwSignal::new(None::<usize>);
    let copy = move |_| {
        let q = query.get_untracked();
        let (Some(year), Some(plan)) = (q.school_year, q.plan.clone()) else {
            return;
        };
        let new_items =
            items.with_untracked(|i| copy_plan(i.values(), year, plan.as_deref(), year + 1));
        let n = new_items.len();
        let result = store::edit(DocKind::Plans, status, |d, ctx| {
            for item in &new_items {
                d.put(&new_id(random_bytes()), item, ctx)?;
            }
            Ok(())
        });
        if result.is_ok() {
            copied.set(Some(n));
            query.update(|q| q.school_year = Some(year + 1));
        }
    };
    let editable =
        can_edit(EditArea::AnnualPlan, None) || can_edit(EditArea::AssociationWork, None);
    let plan_name = move |a: &Option<String>| match a {
        None => i18n.lang().text(Key::AnnualPlan).to_string(),
        Some(id) => associations.with(|all| {
            all.iter()
                .find(|(i, _)| i == id)
                .map(|(_, a)| a.name.clone())
                .unwrap_or_else(|| id.clone())
        }),
    };
    view! {
        <section class="plans">
            <div class="toolbar">
                <h1>{i18n.t(Key::PlansTitle)}</h1>
                <a class="button primary" href=Route::NewPlanItem.href() data-testid="add-plan-item">{i18n.t(Key::AddPlanItem)}</a>
            </div>
            <div class="filters">
                <input type="search" data-testid="plan-search" placeholder=i18n.t(Key::SearchPlans) aria-label=i18n.t(Key::SearchPlans)
                    on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.search = v) }/>
                <select aria-label=i18n.t(Key::SchoolYear) data-testid="plan-year" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.school_year = v.parse().ok())
                }>
                    <option value="">{i18n.t(Key::AllYears)}</option>
                    {move || years.get().into_iter().map(|y| view! {
                        <option value=y.to_string() selected=move || query.get().school_year == Some(y)>{school_year::label(y)}</option>
                    }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::PlanLabel) data-testid="plan-plan" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.plan = match v.as_str() { "*" => None, "" => Some(None), id => Some(Some(id.to_string())) })
                }>
                    <option value="*">{i18n.t(Key::AllPlans)}</option>
                    <option value="">{i18n.t(Key::AnnualPlan)}</option>
                    {move || associations.get().into_iter().map(|(id, a)| view! { <option value=id>{a.name}</option> }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::Status) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.status = ItemStatus::from_code(&v))
                }>
                    <option value="">{i18n.t(Key::AllStatuses)}</option>
                    {ItemStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{i18n.t(status_key(s))}</option> }).collect_view()}
                </select>
                <PersonFilter staff=staff set=Callback::new(move |p| query.update(|q| q.person = p))/>
                <select aria-label=i18n.t(Key::Section) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.section = (!v.is_empty()).then_some(v))
                }>
                    <option value="">{i18n.t(Key::AllSections)}</option>
                    {move || sections.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::SortBy) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    query.update(|q| q.sort = match v.as_str() { "title" => PlanSort::Title, "status" => PlanSort::Status, _ => PlanSort::Date })
                }>
                    <option value="date">{i18n.t(Key::SortDate)}</option>
                    <option value="title">{i18n.t(Key::SortTitle)}</option>
                    <option value="status">{i18n.t(Key::SortStatus)}</option>
                </select>
                <FilterCheck label=Key::OverdueOnly checked=Signal::derive(move || query.with(|q| q.overdue_only)) set=Callback::new(move |on| query.update(|q| q.overdue_only = on))/>
                <FilterCheck label=Key::ShowRemoved checked=Signal::derive(move || query.with(|q| q.removed)) set=Callback::new(move |on| query.update(|q| q.removed = on))/>
            </div>
            <div class="actions">
                <button data-testid="copy-plan" disabled=move || !editable || { let q = query.get(); q.school_year.is_none() || q.plan.is_none() } on:click=copy>
                    {i18n.t(Key::CopyToNextYear)}
                </button>
                <Show when=move || { let q = query.get(); q.school_year.is_none() || q.plan.is_none() }>
                    <span class="hint">{i18n.t(Key::CopyNeedsPlan)}</span>
                </Show>
                <Show when=move || copied.get().is_some()>
                    <span class="hint" data-testid="copied">{move || format!("{} {}", i18n.lang().text(Key::PlanCopied), copied.get().unwrap_or(0))}</span>
                </Show>
            </div>
            <p class="count" data-testid="plan-count">{move || format!("{} {}", i18n.lang().text(Key::Shown), rows.get().len())}</p>
            <Show when=move || !rows.get().is_empty() fallback=move || view! { <p class="empty" data-testid="plans-empty">{i18n.t(Key::PlansEmpty)}</p> }>
                <table>
                    <thead><tr>
                        <th>{i18n.t(Key::ItemTitle)}</th>
                        <th>{i18n.t(Key::PlanLabel)}</th>
                        <th>{i18n.t(Key::Section)}</th>
                        <th>{i18n.t(Key::MeetingDate)}</th>
                        <th>{i18n.t(Key::ResponsiblePeople)}</th>
                        <th>{i18n.t(Key::Status)}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let staff = staff.get();
                            rows.get().into_iter().map(|(id, item, overdue)| {
                                let dates = match (item.start, item.end.or(item.deadline)) {
                                    (Some(s), Some(e)) if e != s => format!("{} – {}", s.dotted(), e.dotted()),
                                    (Some(s), _) => s.dotted(),
                                    (None, Some(e)) => e.dotted(),
                                    (None, None) => String::new(),
                                };
                                let people = item.responsible.iter().map(|p| name_of(&staff, p)).collect::<Vec<_>>().join(", ");
                                let plan = plan_name(&item.association);
                                view! {
                                    <tr data-testid="plan-row" class:overdue=overdue>
                                        <td><a href=Route::EditPlanItem(id).href()>{item.title.clone()}</a></td>
                                        <td>{plan}</td>
                                        <td>{item.section.clone()}</td>
                                        <td>{dates}{overdue.then(|| view! { <span class="badge overdue">{i18n.t(Key::Overdue)}</span> })}</td>
                                        <td>{people}</td>
                                        <td>{i18n.t(status_key(item.status))}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
            <ProgramsCard/>
        </section>
    }
}

#[component]
fn ProgramsCard() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let programs = Memo::new(move |_| {
        status.revision.track();
        let mut all: Vec<_> = work::programs()
            .into_iter()
            .filter(|(_, p)| !p.is_removed())
            .collect();
        kenesh_core::order::sort_by_key(&mut all, |p| std::cmp::Reverse(p.1.span()));
        all
    });
    view! {
        <div class="card" data-testid="programs">
            <div class="toolbar">
                <h2>{i18n.t(Key::Programs)}</h2>
                <a class="button" href=Route::NewProgram.href()>{i18n.t(Key::AddProgram)}</a>
            </div>
            <Show when=move || !programs.get().is_empty() fallback=move || view! { <p class="empty">{i18n.t(Key::ProgramsEmpty)}</p> }>
                <ul>
                    {move || programs.get().into_iter().map(|(id, p)| {
                        let span = p.span().map(|(a, b)| format!(" ({} – {})", a.dotted(), b.dotted())).unwrap_or_default();
                        view! { <li><a href=Route::EditProgram(id).href()>{p.title.clone()}</a>{span}</li> }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
