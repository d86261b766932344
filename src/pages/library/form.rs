//! Add or edit a library document. The core's [`LibraryDocumentForm`] validates; a file
//! chosen here is checked and stored before the document is saved, so a file that fails
//! (too large, wrong type, unreadable, no room) leaves the form as typed and nothing saved.

use super::data;
use crate::components::field::{Field, bound_input};
use crate::components::field_errors::FieldErrors;
use crate::components::save_failure::SaveFailure;
use crate::i18n::{Key, use_i18n};
use crate::pages::work::data as work;
use crate::route::{Route, go};
use crate::store::{self, Status, blobs};
use kenesh_core::DocKind;
use kenesh_core::id::new_id;
use kenesh_core::library::{LibraryDocumentForm, LibraryField};
use kenesh_platform::random_bytes;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn LibraryFormPage(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let base = id.as_deref().and_then(data::document);
    let initial = base
        .as_ref()
        .map(LibraryDocumentForm::from_document)
        .unwrap_or_else(|| LibraryDocumentForm {
            kind: "internal_order".into(),
            ..Default::default()
        });
    let form = RwSignal::new(initial);
    let errors = FieldErrors::new();
    let failure = RwSignal::new(None::<String>);
    let file_problem = RwSignal::new(None::<blobs::FileProblem>);
    let busy = RwSignal::new(false);
    let kinds = data::kinds();
    let associations = work::association_list();
    let staff = work::staff_list();
    let editing = id.is_some();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let label = move |key: Key| Signal::derive(i18n.t(key));
    let kind_ids: Vec<String> = kinds.iter().map(|(id, _)| id.clone()).collect();
    let staff_ids: Vec<String> = staff.iter().map(|(id, _)| id.clone()).collect();
    let id_for_save = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let kinds: Vec<&str> = kind_ids.iter().map(String::as_str).collect();
        let staff: Vec<&str> = staff_ids.iter().map(String::as_str).collect();
        let current = id_for_save.as_deref().and_then(data::document);
        let parsed = form.get_untracked().parse(&kinds, &staff, current.as_ref());
        let mut document = match parsed {
            Err(e) => {
                errors.show(e);
                return;
            }
            Ok(d) => d,
        };
        errors.show(Vec::new());
        file_problem.set(None);
        let input: Option<web_sys::HtmlInputElement> =
            file_input.get_untracked().map(|i| i.unchecked_into());
        let record_id = id_for_save
            .clone()
            .unwrap_or_else(|| new_id(random_bytes()));
        busy.set(true);
        leptos::task::spawn_local(async move {
            // The file is stored first: the record names it only once it is stored.
            if let Some(input) = input.filter(blobs::has_file) {
                match blobs::add_file(&input).await {
                    Ok(attachment) => {
                        document.attach(attachment);
                    }
                    Err(problem) => {
                        file_problem.set(Some(problem));
                        busy.set(false);
                        return;
                    }
                }
            }
            let missing_kind = data::missing_kind(&document.kind);
            let kind_id = document.kind.clone();
            let detail = Route::LibraryDocument(record_id.clone());
            let result = store::edit_then(
                DocKind::Library,
                status,
                |doc, ctx| {
                    if let Some(kind) = &missing_kind {
                        doc.put(&kind_id, kind, ctx)?;
                    }
                    doc.put(&record_id, &document, ctx)
                },
                move || go(detail),
            );
            busy.set(false);
            if let Err(e) = result {
                failure.set(Some(e.to_string()));
            }
        });
    };
    let cancel_href = match &id {
        Some(id) => Route::LibraryDocument(id.clone()).href(),
        None => Route::Library.href(),
    };
    type Text = fn(&LibraryDocumentForm) -> String;
    type Put = fn(&mut LibraryDocumentForm, String);
    let text_input = move |name, get: Text, put: Put| bound_input(form, "text", name, get, put);
    let date_input = move |name, get: Text, put: Put| bound_input(form, "date", name, get, put);
    view! {
        <section class="library-form">
            <h1>{move || i18n.lang().text(if editing { Key::LibraryEdit } else { Key::LibraryAdd })}</h1>
            <form on:submit=save novalidate>
                <Field label=label(Key::LibraryDocTitle) error=errors.of(LibraryField::Title)>
                    {text_input("title", |f| f.title.clone(), |f, v| f.title = v)}
                </Field>
                <Field label=label(Key::LibraryKindLabel) error=errors.of(LibraryField::Kind)>
                    <select name="kind" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.kind = v) }>
                        {kinds.clone().into_iter().map(|(kid, k)| {
                            let kid2 = kid.clone();
                            view! {
                                <option value=kid selected=move || form.get().kind == kid2>
                                    {move || k.name.get(i18n.lang().code()).to_string()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </Field>
                <Field label=label(Key::LibraryNumber) error=errors.of(LibraryField::Number)>
                    {text_input("number", |f| f.number.clone(), |f, v| f.number = v)}
                </Field>
                <Field label=label(Key::LibraryDate) error=errors.of(LibraryField::Date)>
                    {date_input("date", |f| f.date.clone(), |f, v| f.date = v)}
                </Field>
                <Field label=label(Key::LibraryIssuedBy) error=errors.of(LibraryField::IssuedBy)>
                    {text_input("issued_by", |f| f.issued_by.clone(), |f, v| f.issued_by = v)}
                </Field>
                <Field label=label(Key::LibraryValidFrom) error=errors.of(LibraryField::ValidFrom)>
                    {date_input("valid_from", |f| f.valid_from.clone(), |f, v| f.valid_from = v)}
                </Field>
                <Field label=label(Key::LibraryValidUntil) error=errors.of(LibraryField::ValidUntil)>
                    {date_input("valid_until", |f| f.valid_until.clone(), |f, v| f.valid_until = v)}
                </Field>
                <Field label=label(Key::LibrarySummary) error=errors.of(LibraryField::Summary)>
                    <textarea name="summary" rows="4" prop:value=move || form.get().summary
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.summary = v) }></textarea>
                </Field>
                <Field label=label(Key::LibraryTags) error=errors.of(LibraryField::Tags)>
                    {text_input("tags", |f| f.tags.clone(), |f, v| f.tags = v)}
                </Field>
                <fieldset class="field associations">
                    <legend>{i18n.t(Key::LibraryConcerns)}</legend>
                    {associations.into_iter().map(|(aid, a)| {
                        let checked_id = aid.clone();
                        let change_id = aid.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" name="association" value=aid
                                    prop:checked=move || form.get().associations.contains(&checked_id)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = change_id.clone();
                                        form.update(|f| { f.associations.retain(|x| *x != id); if on { f.associations.push(id) } })
                                    }/>
                                {a.name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <Field label=label(Key::LibraryAuthor) error=errors.of(LibraryField::Author)>
                    <select name="author" on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.author = v) }>
                        <option value="" selected=move || form.get().author.is_empty()>{i18n.t(Key::LibraryNoAuthor)}</option>
                        {staff.into_iter().map(|(sid, name)| {
                            let sid2 = sid.clone();
                            view! { <option value=sid selected=move || form.get().author == sid2>{name}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <label class="field" class:invalid=move || file_problem.get().is_some()>
                    <span class="field-label">{i18n.t(Key::LibraryAttach)}</span>
                    <input type="file" name="file" data-testid="file" node_ref=file_input
                        on:change=move |_| file_problem.set(None)/>
                    <span class="field-hint">{i18n.t(Key::LibraryAttachHint)}</span>
                    <Show when=move || file_problem.get().is_some()>
                        <span class="field-error" role="alert" data-testid="file-problem">
                            {move || file_problem.get().map(|p| p.text(i18n.lang()))}
                        </span>
                    </Show>
                </label>
                <SaveFailure failure=failure/>
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save" prop:disabled=move || busy.get()>
                        {move || i18n.lang().text(if busy.get() { Key::LibraryAttaching } else { Key::Save })}
                    </button>
                    <a class="button" href=cancel_href>{i18n.t(Key::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}
