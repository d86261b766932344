//! The minutes in the paper layout (print view) and the .docx export: both draw the core's
//! [`MinutesSheet`] in the interface language.

use super::data::{self as work, name_of};
use super::meeting_list::body_name;
use crate::data;
use crate::i18n::{Key, Lang, use_i18n};
use crate::route::Route;
use crate::store::Status;
use kenesh_core::meeting::{Line, MinutesLabels, MinutesSheet, minutes_docx, numbers};
use leptos::prelude::*;

/// The minutes of meeting `id` as a sheet in `lang`, and the meeting's shown number.
pub fn sheet(id: &str, lang: Lang) -> Option<(MinutesSheet, u32)> {
    let meeting = work::meeting(id)?;
    let all = work::meetings();
    let number = numbers(all.iter())
        .get(id)
        .map(|n| n.shown)
        .unwrap_or(meeting.number);
    let staff = work::staff_list();
    let associations = work::association_list();
    let (body, chair, secretary) = match &meeting.association {
        None => {
            let council = work::council();
            (
                lang.text(Key::MeetingOfCouncil).to_string(),
                council.chair,
                council.secretary,
            )
        }
        Some(a) => {
            let name = body_name(Some(a), &associations, "");
            let head = associations
                .iter()
                .find(|(i, _)| i == a)
                .and_then(|(_, a)| a.head.clone());
            (
                format!("{} «{name}»", lang.text(Key::MeetingOfAssociation)),
                head,
                None,
            )
        }
    };
    let labels = MinutesLabels {
        minutes: lang.text(Key::MinutesWord),
        present: lang.text(Key::MinutesPresent),
        absent: lang.text(Key::MinutesAbsent),
        agenda: lang.text(Key::Agenda),
        heard: lang.text(Key::MinutesHeard),
        spoke: lang.text(Key::MinutesSpoke),
        decided: lang.text(Key::MinutesDecided),
        responsible: lang.text(Key::MinutesResponsible),
        deadline: lang.text(Key::MinutesDeadline),
        chair: lang.text(Key::Chair),
        secretary: lang.text(Key::Secretary),
        nobody: lang.text(Key::MinutesNobody),
    };
    let name = |id: &str| name_of(&staff, id);
    let sheet = MinutesSheet::build(
        &meeting,
        number,
        &data::school_name(),
        &body,
        &name,
        chair.as_deref(),
        secretary.as_deref(),
        &labels,
    );
    Some((sheet, number))
}

/// Builds the .docx of meeting `id` and offers it as a download.
pub fn export_docx(id: &str, lang: Lang) -> Result<(), String> {
    let (sheet, number) = sheet(id, lang).ok_or("no such meeting")?;
    let bytes = minutes_docx(&sheet);
    let date = work::meeting(id)
        .map(|m| m.date.to_string())
        .unwrap_or_default();
    kenesh_platform::download(&format!("protocol-{number}-{date}.docx"), &bytes)
}

#[component]
pub fn MinutesPrint(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let meeting_id = id.clone();
    let sheet = Memo::new(move |_| {
        status.revision.track();
        sheet(&meeting_id, i18n.lang()).map(|(s, _)| s)
    });
    view! {
        <section class="minutes-print">
            <div class="no-print actions">
                <a class="back" href=Route::Meeting(id.clone()).href()>{i18n.t(Key::BackToMeeting)}</a>
                <button class="primary" data-testid="print" on:click=move |_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{i18n.t(Key::Print)}</button>
            </div>
            {move || match sheet.get() {
                None => view! { <p class="empty">{i18n.t(Key::NoSuchRecord)}</p> }.into_any(),
                Some(sheet) => view! {
                    <article class="minutes-sheet" data-testid="minutes-sheet">
                        {sheet.lines.into_iter().map(|line| match line {
                            Line::School(t) => view! { <p class="school">{t}</p> }.into_any(),
                            Line::Title(t) => view! { <h1 class="title">{t}</h1> }.into_any(),
                            Line::Subtitle(t) => view! { <p class="subtitle">{t}</p> }.into_any(),
                            Line::Date(t) => view! { <p class="date">{t}</p> }.into_any(),
                            Line::Field(l, t) => view! { <p><strong>{l}": "</strong>{t}</p> }.into_any(),
                            Line::Section(t) => view! { <h2>{t}":"</h2> }.into_any(),
                            Line::Numbered(items) => view! {
                                <ol>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol>
                            }.into_any(),
                            Line::Paragraph(t) => view! { <p>{t}</p> }.into_any(),
                            Line::Signature(l, n) => view! {
                                <p class="signature"><span>{l}</span><span class="sign-line"></span><span>{n}</span></p>
                            }.into_any(),
                        }).collect_view()}
                    </article>
                }.into_any(),
            }}
        </section>
    }
}
