//! One library document: its fields, its files (size, on this device or not, open or
//! download), attaching another file, the storage its section uses, and the
//! familiarization section.

use super::data;
use crate::components::attachments::Attachments;
use crate::components::remove_toggle::RemoveToggle;
use crate::components::save_failure::SaveFailure;
use crate::i18n::{Key, use_i18n};
use crate::pages::work::data as work;
use crate::route::Route;
use crate::store::{self, Status, blobs};
use kenesh_core::DocKind;
use kenesh_core::library::{Attachment, LibraryDocument, storage_usage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn LibraryDocumentPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let record_id = id.clone();
    let document = Memo::new(move |_| {
        status.revision.track();
        data::document(&record_id)
    });
    let kinds = Memo::new(move |_| {
        status.revision.track();
        data::kinds()
    });
    let files = Signal::derive(move || {
        document.with(|d| d.as_ref().map(|d| d.files.clone()).unwrap_or_default())
    });
    // Storage of this document's section (its kind).
    let section_bytes = Memo::new(move |_| {
        status.revision.track();
        let kind = document.with(|d| d.as_ref().map(|d| d.kind.clone()))?;
        let all = data::documents();
        let usage = storage_usage(all.iter());
        Some(usage.by_kind.get(&kind).copied().unwrap_or(0))
    });
    let failure = RwSignal::new(None::<String>);
    let file_problem = RwSignal::new(None::<blobs::FileProblem>);
    let attaching = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let attach_id = id.clone();
    let attach = move |_| {
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        if !blobs::has_file(&input) || attaching.get_untracked() {
            return;
        }
        file_problem.set(None);
        attaching.set(true);
        let id = attach_id.clone();
        leptos::task::spawn_local(async move {
            let result = blobs::add_file(&input).await;
            attaching.set(false);
            let attachment = match result {
                Ok(a) => a,
                Err(p) => {
                    file_problem.set(Some(p));
                    return;
                }
            };
            // Read again now: the document may have changed while the file was stored.
            let Some(mut current) = data::document(&id) else {
                return;
            };
            if !current.attach(attachment) {
                file_problem.set(Some(blobs::FileProblem::Already));
                return;
            }
            input.set_value("");
            let result = store::edit(DocKind::Library, status, |doc, ctx| {
                doc.put(&id, &current, ctx)
            });
            if let Err(e) = result {
                failure.set(Some(e.to_string()));
            }
        });
    };
    let remove_id = id.clone();
    let remove_file = Callback::new(move |file: Attachment| {
        let Some(mut current) = data::document(&remove_id) else {
            return;
        };
        if current.detach(&file.blob)
            && let Err(e) = store::edit(DocKind::Library, status, |doc, ctx| {
                doc.put(&remove_id, &current, ctx)
            })
        {
            failure.set(Some(e.to_string()));
        }
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let edit_href = Route::EditLibraryDocument(id.clone()).href();
    let conflict_id = id.clone();
    view! {
        <section class="library-document">
            <a class="back no-print" href=Route::Library.href()>{i18n.t(Key::LibraryBack)}</a>
            {move || match document.get() {
                None => view! { <p class="empty">{i18n.t(Key::NoSuchRecord)}</p> }.into_any(),
                Some(d) => {
                    let lang = i18n.lang();
                    let kind = data::kind_name(&kinds.get(), &d.kind, lang);
                    let today = crate::data::today();
                    let in_force = d.in_force(today);
                    let staff = work::staff_list();
                    let associations: Vec<String> = d.associations.iter().map(|a| work::association(a).map(|x| x.name).unwrap_or_else(|| a.clone())).collect();
                    let date = |x: Option<kenesh_core::Date>| x.map(kenesh_core::Date::dotted).unwrap_or_default();
                    view! {
                        <h1 data-testid="document-title">{d.title.clone()}</h1>
                        <crate::components::conflicts::Conflicts id=conflict_id.clone()/>
                        <Show when=move || document.get().is_some_and(|d| d.is_removed())>
                            <p class="banner warning" data-testid="removed-note">{i18n.t(Key::RecordRemoved)}</p>
                        </Show>
                        <dl class="record">
                            <dt>{i18n.t(Key::LibraryKindLabel)}</dt>
                            <dd data-testid="document-kind">{kind}</dd>
                            <dt>{i18n.t(Key::LibraryNumber)}</dt>
                            <dd data-testid="document-number">{d.number.clone()}</dd>
                            <dt>{i18n.t(Key::LibraryDate)}</dt>
                            <dd data-testid="document-date">{date(d.date)}</dd>
                            <dt>{i18n.t(Key::LibraryIssuedBy)}</dt>
                            <dd data-testid="document-issued-by">{d.issued_by.clone()}</dd>
                            <dt>{i18n.t(Key::LibraryValidFrom)}</dt>
                            <dd>{date(d.valid_from)}</dd>
                            <dt>{i18n.t(Key::LibraryValidUntil)}</dt>
                            <dd>
                                {date(d.valid_until)}
                                <span class="in-force" class:outdated=!in_force data-testid="in-force">
                                    {format!(" ({})", lang.text(if in_force { Key::LibraryInForce } else { Key::LibraryNotInForce }))}
                                </span>
                            </dd>
                            <dt>{i18n.t(Key::LibrarySummary)}</dt>
                            <dd class="summary" data-testid="document-summary">{d.summary.clone()}</dd>
                            <dt>{i18n.t(Key::LibraryTags)}</dt>
                            <dd data-testid="document-tags">{d.tags.join(", ")}</dd>
                            <dt>{i18n.t(Key::LibraryConcerns)}</dt>
                            <dd data-testid="document-associations">{associations.join(", ")}</dd>
                            <dt>{i18n.t(Key::LibraryAuthor)}</dt>
                            <dd data-testid="document-author">{d.author.as_deref().map(|a| work::name_of(&staff, a)).unwrap_or_default()}</dd>
                        </dl>
                    }.into_any()
                }
            }}
            <h2>{i18n.t(Key::LibraryFiles)}</h2>
            <Attachments files=files on_remove=remove_file/>
            <p class="storage" data-testid="section-storage">
                {move || section_bytes.get().map(|b| format!("{}: {}", i18n.lang().text(Key::LibraryStorage), data::size_text(b, i18n.lang())))}
            </p>
            <div class="attach no-print">
                <label class="field" class:invalid=move || file_problem.get().is_some()>
                    <span class="field-label">{i18n.t(Key::LibraryAttach)}</span>
                    <input type="file" data-testid="attach-file" node_ref=file_input on:change=attach/>
                    <span class="field-hint">{i18n.t(Key::LibraryAttachHint)}</span>
                    <Show when=move || attaching.get()>
                        <span class="busy">{i18n.t(Key::LibraryAttaching)}</span>
                    </Show>
                    <Show when=move || file_problem.get().is_some()>
                        <span class="field-error" role="alert" data-testid="file-problem">
                            {move || file_problem.get().map(|p| p.text(i18n.lang()))}
                        </span>
                    </Show>
                </label>
            </div>
            <super::familiarization::Section id=id.clone()/>
            <div class="actions no-print">
                <a class="button" href=edit_href data-testid="edit">{i18n.t(Key::Edit)}</a>
                <button data-testid="print" on:click=print>{i18n.t(Key::Print)}</button>
                <RemoveToggle<LibraryDocument> kind=DocKind::Library id=id.clone() failure=failure
                    removed=Signal::derive(move || document.get().is_some_and(|d| d.is_removed()))/>
            </div>
            <SaveFailure failure=failure/>
        </section>
    }
}
