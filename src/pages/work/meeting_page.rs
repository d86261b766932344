//! One meeting: its heading (body, date, agenda), then attendance, the minutes' text and
//! the decisions, each written as its own small edit so colleagues' edits merge.

use super::data::{self as work, can_edit, name_of};
use super::minutes_print::export_docx;
use super::people::PersonSelect;
use crate::components::field_errors::FieldErrors;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::route::{Route, go};
use crate::store::{self, Status};
use kenesh_core::id::new_id;
use kenesh_core::meeting::{
    self, AgendaItemForm, Attendance, DecisionField, DecisionForm, Meeting, MeetingField,
    MeetingForm, next_number, numbers,
};
use kenesh_core::structure::EditArea;
use kenesh_core::{DocKind, school_year};
use kenesh_platform::{now_ms, random_bytes};
use leptos::prelude::*;

fn may_edit(association: Option<&str>) -> bool {
    match association {
        None => can_edit(EditArea::CouncilMeetings, None),
        Some(a) => can_edit(EditArea::AssociationWork, Some(a)),
    }
}

#[component]
pub fn MeetingPage(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base: Option<Meeting> = id.as_deref().and_then(work::meeting);
    let mut initial = base
        .as_ref()
        .map(MeetingForm::from_meeting)
        .unwrap_or_default();
    if initial.agenda.is_empty() {
        initial.agenda.push(AgendaItemForm::default());
    }
    let form = RwSignal::new(initial);
    let errors = FieldErrors::new();
    let staff = work::staff_list();
    let associations = work::association_list();
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let editable = base.as_ref().map_or(
        can_edit(EditArea::CouncilMeetings, None) || can_edit(EditArea::AssociationWork, None),
        |m| may_edit(m.association.as_deref()),
    );
    let record_id = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        match form.get_untracked().parse(&ids) {
            Err(e) => errors.show(e),
            Ok(header) => {
                errors.show(Vec::new());
                let result = match record_id.clone() {
                    Some(rid) => store::edit(DocKind::Meetings, status, |d, ctx| {
                        meeting::update_meeting(d, &rid, ctx, |m| header.apply_to(m))
                    }),
                    None => {
                        let rid = new_id(random_bytes());
                        let target = Route::Meeting(rid.clone());
                        store::edit_then(
                            DocKind::Meetings,
                            status,
                            |d, ctx| {
                                let all = d.all::<Meeting>()?;
                                let number = next_number(
                                    all.iter(),
                                    school_year::of(header.date),
                                    header.association.as_deref(),
                                );
                                d.put(&rid, &header.new_meeting(number, now_ms() as i64), ctx)
                            },
                            move || go(target),
                        )
                    }
                };
                if let Err(e) = result {
                    leptos::logging::error!("{e}");
                }
            }
        }
    };
    let agenda_len = Memo::new(move |_| form.with(|f| f.agenda.len()));
    let staff_for_agenda = staff.clone();
    let editing = id.is_some();
    view! {
        <section class="meeting">
            <a class="back" href=Route::Meetings.href()>{i18n.t(Key::BackToMeetings)}</a>
            <h1>{move || i18n.lang().text(if editing { Key::EditMeeting } else { Key::AddMeeting })}
                {id.clone().map(|id| view! { <MeetingNumber id=id/> })}
            </h1>
            <Show when=move || !editable>
                <p class="banner warning">{i18n.t(Key::ReadOnlyForRole)}</p>
            </Show>
            <form class="meeting-header" on:submit=save novalidate>
                <label class="field">
                    <span class="field-label">{i18n.t(Key::Body)}</span>
                    <select name="body" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.association = v) }>
                        <option value="" selected=move || form.get().association.is_empty()>{i18n.t(Key::Council)}</option>
                        {associations.into_iter().map(|(aid, a)| {
                            let aid2 = aid.clone();
                            view! { <option value=aid selected=move || form.get().association == aid2>{a.name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field" class:invalid=move || errors.get(MeetingField::Date).is_some()>
                    <span class="field-label">{i18n.t(Key::MeetingDate)}</span>
                    <input type="date" name="date" prop:value=move || form.get().date
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.date = v) }/>
                    <span class="field-error" role="alert">{move || errors.get(MeetingField::Date)}</span>
                </label>
                <fieldset class="field agenda" class:invalid=move || errors.get(MeetingField::Agenda).is_some()>
                    <legend>{i18n.t(Key::Agenda)}</legend>
                    {move || (0..agenda_len.get()).map(|i| {
                        let staff = staff_for_agenda.clone();
                        view! {
                            <div class="agenda-item">
                                <span>{format!("{}.", i + 1)}</span>
                                <input name="agenda-title" placeholder=i18n.t(Key::AgendaQuestion) aria-label=i18n.t(Key::AgendaQuestion)
                                    prop:value=move || form.with(|f| f.agenda.get(i).map(|a| a.title.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.agenda[i].title = v) }/>
                                <PersonSelect staff=staff name="agenda-speaker"
                                    value=Signal::derive(move || form.with(|f| f.agenda.get(i).map(|a| a.speaker.clone()).unwrap_or_default()))
                                    on_change=Callback::new(move |v| form.update(|f| f.agenda[i].speaker = v))/>
                                <span class="field-error">{move || errors.get(MeetingField::Speaker(i))}</span>
                            </div>
                        }
                    }).collect_view()}
                    <button type="button" data-testid="add-agenda-item" on:click=move |_| form.update(|f| f.agenda.push(AgendaItemForm::default()))>
                        {i18n.t(Key::AddAgendaItem)}
                    </button>
                    <span class="field-error" role="alert">{move || errors.get(MeetingField::Agenda)}</span>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save" disabled=!editable>{i18n.t(Key::Save)}</button>
                </div>
            </form>
            {match id {
                None => view! { <p class="hint">{i18n.t(Key::SaveMeetingFirst)}</p> }.into_any(),
                Some(id) => view! {
                    <AttendanceCard id=id.clone() staff=staff.clone() editable=editable/>
                    <MinutesCard id=id.clone() editable=editable/>
                    <DecisionsCard id=id.clone() staff=staff editable=editable/>
                    <ExportCard id=id/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn MeetingNumber(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let number = Memo::new(move |_| {
        status.revision.track();
        numbers(work::meetings().iter()).get(&id).copied()
    });
    view! {
        {move || number.get().map(|n| view! {
            " № " <span data-testid="meeting-number">{n.shown}</span>
            {n.renumbered.then(|| view! { <small class="badge" data-testid="renumbered">{i18n.t(Key::Renumbered)}</small> })}
        })}
    }
}

#[component]
fn AttendanceCard(id: String, staff: Vec<(String, String)>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let meeting_id = id.clone();
    let meeting = Memo::new(move |_| {
        status.revision.track();
        work::meeting(&meeting_id)
    });
    let expected = Memo::new(move |_| {
        let Some(m) = meeting.get() else {
            return Vec::new();
        };
        let mut people: Vec<String> = match &m.association {
            None => work::council().everyone(),
            Some(a) => work::association(a)
                .map(|a| a.head.into_iter().chain(a.members).collect())
                .unwrap_or_default(),
        };
        if people.is_empty() {
            people = staff.iter().map(|(id, _)| id.clone()).collect();
        }
        for marked in m.attendance.keys() {
            if !people.contains(marked) {
                people.push(marked.clone());
            }
        }
        people.dedup();
        people
    });
    let names = work::staff_list();
    let mark = move |person: String, attendance: Attendance| {
        let id = id.clone();
        let _ = store::edit(DocKind::Meetings, status, move |d, ctx| {
            meeting::mark_attendance(d, &id, &person, attendance, ctx)
        });
    };
    view! {
        <div class="card" data-testid="attendance">
            <h2>{i18n.t(Key::Attendance)}</h2>
            <table>
                <thead><tr>
                    <th>{i18n.t(Key::FullName)}</th>
                    <th>{i18n.t(Key::Present)}</th>
                    <th>{i18n.t(Key::Reason)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let m = meeting.get();
                        expected.get().into_iter().map(|person| {
                            let mark_present = mark.clone();
                            let mark_reason = mark.clone();
                            let current = m.as_ref().and_then(|m| m.attendance.get(&person).cloned());
                            let present = current.as_ref().is_some_and(|a| a.present);
                            let reason = current.map(|a| a.reason).unwrap_or_default();
                            let p1 = person.clone();
                            let p2 = person.clone();
                            view! {
                                <tr data-testid="attendance-row" data-person=person.clone()>
                                    <td>{name_of(&names, &person)}</td>
                                    <td><input type="checkbox" name="present" value=person.clone() disabled=!editable prop:checked=present
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            mark_present(p1.clone(), Attendance { present: on, reason: String::new() })
                                        }/></td>
                                    <td><input name="reason" disabled=!editable prop:value=reason aria-label=i18n.t(Key::Reason)
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            mark_reason(p2.clone(), Attendance { present: false, reason: v })
                                        }/></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn MinutesCard(id: String, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let meeting_id = id.clone();
    let text = Memo::new(move |_| {
        status.revision.track();
        work::meeting(&meeting_id)
            .map(|m| m.minutes.as_str().to_string())
            .unwrap_or_default()
    });
    view! {
        <div class="card" data-testid="minutes">
            <h2>{i18n.t(Key::MinutesText)}</h2>
            <p class="hint">{i18n.t(Key::MinutesHint)}</p>
            <textarea name="minutes" rows="10" disabled=!editable prop:value=move || text.get()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    let id = id.clone();
                    let _ = store::edit(DocKind::Meetings, status, move |d, ctx| meeting::set_minutes(d, &id, &v, ctx));
                }></textarea>
        </div>
    }
}

#[component]
fn DecisionsCard(id: String, staff: Vec<(String, String)>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let meeting_id = id.clone();
    let meeting = Memo::new(move |_| {
        status.revision.track();
        work::meeting(&meeting_id)
    });
    let form = RwSignal::new(DecisionForm::default());
    let errors = FieldErrors::new();
    let ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let add_id = id.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        match form
            .get_untracked()
            .parse(data::today(), &ids, now_ms() as i64)
        {
            Err(e) => errors.show(e),
            Ok(decision) => {
                errors.show(Vec::new());
                let mid = add_id.clone();
                let did = new_id(random_bytes());
                if store::edit(DocKind::Meetings, status, move |d, ctx| {
                    meeting::add_decision(d, &mid, &did, decision, ctx)
                })
                .is_ok()
                {
                    form.set(DecisionForm::default());
                }
            }
        }
    };
    let names = staff.clone();
    let today = data::today();
    view! {
        <div class="card" data-testid="decisions">
            <h2>{i18n.t(Key::Decisions)}</h2>
            <ol class="decisions">
                {move || meeting.get().map(|m| m.decisions_in_order().into_iter().map(|(did, d)| {
                    let did = did.clone();
                    let mid = id.clone();
                    let overdue = d.is_overdue(today);
                    let done = d.done;
                    let who = d.responsible.as_deref().map(|r| name_of(&names, r)).unwrap_or_default();
                    view! {
                        <li data-testid="decision-row" class:overdue=overdue class:done=done.is_some()>
                            <span class="decision-text">{d.text.clone()}</span>
                            " · " <span>{who}</span>
                            {d.deadline.map(|dl| view! { " · " <span>{dl.dotted()}</span> })}
                            {overdue.then(|| view! { <span class="badge overdue">{i18n.t(Key::Overdue)}</span> })}
                            {done.map(|dn| view! { <span class="badge done">{i18n.t(Key::DoneOn)}" "{dn.dotted()}</span> })}
                            <button type="button" data-testid="decision-done" disabled=!editable on:click=move |_| {
                                let (mid, did) = (mid.clone(), did.clone());
                                let when = if done.is_some() { None } else { Some(data::today()) };
                                let _ = store::edit(DocKind::Meetings, status, move |d, ctx| meeting::set_decision_done(d, &mid, &did, when, ctx));
                            }>{i18n.t(if done.is_some() { Key::Reopen } else { Key::MarkDone })}</button>
                        </li>
                    }
                }).collect_view())}
            </ol>
            <form class="decision-form" on:submit=add novalidate>
                <label class="field" class:invalid=move || errors.get(DecisionField::Text).is_some()>
                    <span class="field-label">{i18n.t(Key::DecisionText)}</span>
                    <textarea name="decision-text" prop:value=move || form.get().text
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.text = v) }></textarea>
                    <span class="field-error" role="alert">{move || errors.get(DecisionField::Text)}</span>
                </label>
                <label class="field" class:invalid=move || errors.get(DecisionField::Responsible).is_some()>
                    <span class="field-label">{i18n.t(Key::ResponsiblePeople)}</span>
                    <PersonSelect staff=staff name="decision-responsible"
                        value=Signal::derive(move || form.get().responsible)
                        on_change=Callback::new(move |v| form.update(|f| f.responsible = v))/>
                    <span class="field-error" role="alert">{move || errors.get(DecisionField::Responsible)}</span>
                </label>
                <label class="field" class:invalid=move || errors.get(DecisionField::Deadline).is_some()>
                    <span class="field-label">{i18n.t(Key::Deadline)}</span>
                    <input type="date" name="decision-deadline" prop:value=move || form.get().deadline
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.deadline = v) }/>
                    <span class="field-error" role="alert">{move || errors.get(DecisionField::Deadline)}</span>
                </label>
                <div class="actions">
                    <button type="submit" data-testid="add-decision" disabled=!editable>{i18n.t(Key::AddDecision)}</button>
                </div>
            </form>
        </div>
    }
}

#[component]
fn ExportCard(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let failed = RwSignal::new(None::<String>);
    let print_href = Route::MeetingPrint(id.clone()).href();
    view! {
        <div class="actions" data-testid="minutes-actions">
            <a class="button" href=print_href data-testid="print-minutes">{i18n.t(Key::PrintMinutes)}</a>
            <button type="button" data-testid="export-docx" on:click=move |_| {
                failed.set(export_docx(&id, i18n.lang()).err());
            }>{i18n.t(Key::ExportDocx)}</button>
            <Show when=move || failed.get().is_some()>
                <p class="banner error" role="alert">{i18n.t(Key::ExportFailed)}" "{move || failed.get()}</p>
            </Show>
        </div>
    }
}
