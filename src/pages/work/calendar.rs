//! The calendar (month and week) of everything dated: plan items, program stages, meetings
//! and open decisions, filterable by association and person.

use super::data::{self as work};
use super::labels::{MONTHS, WEEKDAYS, entry_key};
use super::meeting_list::body_name;
use super::people::PersonFilter;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::route::Route;
use crate::store::Status;
use kenesh_core::Date;
use kenesh_core::calendar::{
    CalendarEntry, CalendarFilter, EntryKind, add_days, gather, month_grid, shift_month, week_of,
};
use leptos::prelude::*;

fn href(e: &CalendarEntry) -> String {
    match e.kind {
        EntryKind::Meeting | EntryKind::Decision => Route::Meeting(e.record.clone()).href(),
        EntryKind::PlanItem => Route::EditPlanItem(e.record.clone()).href(),
        EntryKind::ProgramStage => Route::EditProgram(e.record.clone()).href(),
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let today = data::today();
    let anchor = RwSignal::new(today);
    let week = RwSignal::new(false);
    let filter = RwSignal::new(CalendarFilter::default());
    let staff = work::staff_memo(status);
    let associations = work::association_memo(status);
    let entries = Memo::new(move |_| {
        status.revision.track();
        let items = work::plan_items();
        let programs = work::programs();
        let meetings = work::meetings();
        let assoc = associations.get();
        let council = i18n.lang().text(Key::Council);
        let title = |m: &kenesh_core::meeting::Meeting| {
            body_name(m.association.as_deref(), &assoc, council)
        };
        gather(
            items.iter(),
            programs.iter(),
            meetings.iter(),
            &title,
            today,
        )
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        entries.with(|all| {
            all.iter()
                .filter(|e| f.accepts(e))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let day_cell = move |day: Date| {
        let list: Vec<CalendarEntry> =
            shown.with(|s| s.iter().filter(|e| e.on(day)).cloned().collect());
        view! {
            <div class="day" class:today=day == today>
                <span class="day-number">{day.day}</span>
                <ul>
                    {list.into_iter().map(|e| {
                        let link = href(&e);
                        let kind = i18n.lang().text(entry_key(e.kind));
                        view! {
                            <li class=format!("entry {}", match e.kind { EntryKind::Meeting => "meeting", EntryKind::PlanItem => "plan", EntryKind::ProgramStage => "program", EntryKind::Decision => "decision" })
                                class:overdue=e.overdue data-testid="calendar-entry">
                                <a href=link title=kind>{e.title.clone()}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    };
    let step = move |dir: i32| {
        anchor.update(|a| {
            *a = if week.get_untracked() {
                add_days(*a, 7 * dir as i64)
            } else {
                shift_month(*a, dir)
            }
        })
    };
    let heading = move || {
        let a = anchor.get();
        let lang = i18n.lang();
        if week.get() {
            let w = week_of(a);
            format!("{} – {}", w[0].dotted(), w[6].dotted())
        } else {
            format!("{} {}", lang.text(MONTHS[a.month as usize - 1]), a.year)
        }
    };
    view! {
        <section class="calendar">
            <h1>{i18n.t(Key::CalendarTitle)}</h1>
            <div class="filters">
                <button on:click=move |_| week.set(false) class:primary=move || !week.get() data-testid="month-view">{i18n.t(Key::MonthView)}</button>
                <button on:click=move |_| week.set(true) class:primary=move || week.get() data-testid="week-view">{i18n.t(Key::WeekView)}</button>
                <button on:click=move |_| step(-1)>{i18n.t(Key::Previous)}</button>
                <button on:click=move |_| anchor.set(today)>{i18n.t(Key::Today)}</button>
                <button on:click=move |_| step(1)>{i18n.t(Key::Next)}</button>
                <select aria-label=i18n.t(Key::Associations) on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.association = match v.as_str() { "*" => None, "" => Some(None), id => Some(Some(id.to_string())) })
                }>
                    <option value="*">{i18n.t(Key::AllAssociations)}</option>
                    <option value="">{i18n.t(Key::SchoolWide)}</option>
                    {move || associations.get().into_iter().map(|(id, a)| view! { <option value=id>{a.name}</option> }).collect_view()}
                </select>
                <PersonFilter staff=staff set=Callback::new(move |p| filter.update(|q| q.person = p))/>
            </div>
            <h2 data-testid="calendar-heading">{heading}</h2>
            <div class="weekdays">{WEEKDAYS.into_iter().map(|k| view! { <span>{i18n.t(k)}</span> }).collect_view()}</div>
            {move || {
                let a = anchor.get();
                if week.get() {
                    view! { <div class="week-grid">{week_of(a).into_iter().map(day_cell).collect_view()}</div> }.into_any()
                } else {
                    view! {
                        <div class="month-grid">
                            {month_grid(a.year, a.month).into_iter().flat_map(|w| w.into_iter()).map(|d| match d {
                                Some(d) => day_cell(d).into_any(),
                                None => view! { <div class="day empty-day"></div> }.into_any(),
                            }).collect_view()}
                        </div>
                    }.into_any()
                }
            }}
            <Show when=move || {
                let a = anchor.get();
                let (from, to) = if week.get() { let w = week_of(a); (w[0], w[6]) } else { (shift_month(a, 0), add_days(shift_month(a, 1), -1)) };
                !shown.with(|s| s.iter().any(|e| e.date <= to && e.end.unwrap_or(e.date) >= from))
            }>
                <p class="empty" data-testid="calendar-empty">{i18n.t(Key::CalendarEmpty)}</p>
            </Show>
        </section>
    }
}
