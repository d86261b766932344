//! The familiarization sheet of a document (`#/library/{id}/sheet`): who read it when and
//! who has not yet, in the paper layout ("лист ознакомления", A4 in print), and its export
//! to .xlsx. Both draw the core's [`FamiliarizationSheet`].

use super::data;
use super::familiarization::offset_minutes;
use crate::data as space;
use crate::i18n::{Key, Lang, use_i18n};
use crate::pages::work::data as work;
use crate::route::Route;
use crate::store::Status;
use kenesh_core::library::{FamiliarizationSheet, SheetLabels};
use leptos::prelude::*;

/// The sheet of document `id` in `lang`, if it requires familiarization.
pub fn sheet(id: &str, lang: Lang) -> Option<FamiliarizationSheet> {
    let document = data::document(id)?;
    let labels = SheetLabels {
        heading: lang.text(Key::SheetHeading),
        with: lang.text(Key::SheetWith),
        dated: lang.text(Key::SheetDated),
        deadline: lang.text(Key::SheetDeadline),
        columns: [
            lang.text(Key::SheetColNumber),
            lang.text(Key::SheetColName),
            lang.text(Key::SheetColPosition),
            lang.text(Key::SheetColDate),
            lang.text(Key::SheetColSignature),
        ],
    };
    FamiliarizationSheet::build(
        &document,
        &space::school_name(),
        &space::staff(),
        &work::associations(),
        offset_minutes(),
        &labels,
    )
}

/// Builds the .xlsx of the sheet of document `id` and offers it as a download.
pub fn export_xlsx(id: &str, lang: Lang) -> Result<(), String> {
    let sheet = sheet(id, lang).ok_or("no familiarization")?;
    let bytes = sheet.xlsx();
    let number: String = data::document(id)
        .map(|d| d.number)
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name = match number.trim_matches('_') {
        "" => format!("{}.xlsx", lang.text(Key::SheetFileName)),
        n => format!("{}-{n}.xlsx", lang.text(Key::SheetFileName)),
    };
    kenesh_platform::download(&name, &bytes)
}

#[component]
pub fn SheetPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let doc_id = id.clone();
    let sheet = Memo::new(move |_| {
        status.revision.track();
        sheet(&doc_id, i18n.lang())
    });
    let failed = RwSignal::new(None::<String>);
    let export_id = id.clone();
    let export = move |_| failed.set(export_xlsx(&export_id, i18n.lang()).err());
    view! {
        <section class="fam-sheet-page">
            <div class="no-print actions">
                <a class="back" href=Route::LibraryDocument(id.clone()).href()>{i18n.t(Key::SheetBack)}</a>
                <button type="button" class="primary" data-testid="print" on:click=move |_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{i18n.t(Key::Print)}</button>
                <button type="button" data-testid="export-xlsx" on:click=export>{i18n.t(Key::SheetExport)}</button>
            </div>
            <Show when=move || failed.get().is_some()>
                <p class="banner error no-print" role="alert">{i18n.t(Key::SheetExportFailed)}</p>
            </Show>
            {move || match sheet.get() {
                None => view! { <p class="empty">{i18n.t(Key::FamNotRequired)}</p> }.into_any(),
                Some(sheet) => {
                    let pending = sheet.lines.iter().filter(|l| l.required && l.acknowledged_ms.is_none()).count();
                    let summary = i18n.lang().text(Key::FamProgress)
                        .replace("{done}", &sheet.acknowledged.to_string())
                        .replace("{total}", &sheet.required.to_string());
                    view! {
                        <p class="no-print fam-summary" data-testid="sheet-summary">
                            {summary}
                            {(pending > 0).then(|| view! {
                                " · " <span class="badge overdue">{i18n.lang().text(Key::SheetNotYet).replace("{n}", &pending.to_string())}</span>
                            })}
                        </p>
                        <article class="fam-sheet" data-testid="fam-sheet">
                            <p class="school">{sheet.school.clone()}</p>
                            <h1 class="title">{sheet.heading.clone()}</h1>
                            <p class="subtitle" data-testid="sheet-document">{sheet.document.clone()}</p>
                            {sheet.deadline.clone().map(|d| view! { <p class="subtitle">{d}</p> })}
                            <table>
                                <thead><tr>
                                    {sheet.columns.iter().enumerate().map(|(i, c)| view! { <th class=format!("col{i}")>{c.clone()}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>
                                    {sheet.lines.iter().map(|line| {
                                        let pending = line.required && line.acknowledged_ms.is_none();
                                        view! {
                                            <tr data-testid="sheet-row" data-person=line.person.clone()
                                                class:pending=pending class:extra=!line.required>
                                                {line.cells().into_iter().enumerate().map(|(i, c)| view! { <td class=format!("col{i}")>{c}</td> }).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </article>
                    }.into_any()
                }
            }}
        </section>
    }
}
