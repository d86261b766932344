//! The files of a library document: name, size, whether this device has it; open (PDFs
//! and images previewed in the page, other types downloaded under their file name) and
//! download. Opening a file not on this device fetches it from the relay.

use crate::i18n::{Key, use_i18n};
use crate::pages::library::data::size_text;
use crate::store::blobs::{self, FileProblem};
use kenesh_core::library::{Attachment, MediaType};
use kenesh_platform::{ObjectUrl, download};
use leptos::prelude::*;
use std::rc::Rc;

/// A file shown in the page.
#[derive(Clone)]
struct Preview {
    name: String,
    media: MediaType,
    url: Rc<ObjectUrl>,
}

/// Asks the user to confirm (a browser dialog).
fn confirm(question: &str) -> bool {
    web_sys::window().is_some_and(|w| w.confirm_with_message(question).unwrap_or(false))
}

#[component]
pub fn Attachments(
    #[prop(into)] files: Signal<Vec<Attachment>>,
    /// Takes a file off the document, after the user confirmed; no button when `None`.
    #[prop(optional)]
    on_remove: Option<Callback<Attachment>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let local = blobs::local_signal();
    let problem = RwSignal::new(None::<(String, FileProblem)>);
    let busy = RwSignal::new(None::<String>);
    // Kept in a local (not thread-safe) signal: the object URL is revoked when replaced.
    let preview = RwSignal::new_local(None::<Preview>);
    let act = move |file: Attachment, save: bool| {
        problem.set(None);
        busy.set(Some(file.blob.to_string()));
        leptos::task::spawn_local(async move {
            let result = blobs::open_file(&file).await;
            busy.set(None);
            let bytes = match result {
                Ok(bytes) => bytes,
                Err(p) => {
                    problem.set(Some((file.blob.to_string(), p)));
                    return;
                }
            };
            match file.media().filter(|m| m.previews() && !save) {
                Some(media) => match ObjectUrl::new(&bytes, media.mime()) {
                    Ok(url) => preview.set(Some(Preview {
                        name: file.file_name.clone(),
                        media,
                        url: Rc::new(url),
                    })),
                    Err(e) => {
                        problem.set(Some((file.blob.to_string(), FileProblem::StoreFailed(e))))
                    }
                },
                None => {
                    if let Err(e) = download(&file.file_name, &bytes) {
                        problem.set(Some((file.blob.to_string(), FileProblem::StoreFailed(e))));
                    }
                }
            }
        });
    };
    view! {
        <div class="attachments">
            <Show when=move || !files.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{i18n.t(Key::LibraryNoFiles)}</p> }>
                <table class="files" data-testid="files">
                    <tbody>
                        {move || files.get().into_iter().map(|file| {
                            let lang = i18n.lang();
                            let id = file.blob.clone();
                            let here_id = id.clone();
                            let here = move || local.with(|l| l.contains(&here_id));
                            let here2 = here.clone();
                            let busy_id = id.to_string();
                            let problem_id = id.to_string();
                            let problem_id2 = problem_id.clone();
                            let open_file = file.clone();
                            let save_file = file.clone();
                            let previews = file.media().is_some_and(MediaType::previews);
                            view! {
                                <tr data-testid="file-row" data-file=file.file_name.clone()>
                                    <td class="file-name">{file.file_name.clone()}</td>
                                    <td class="num" data-testid="file-size">{size_text(file.size, lang)}</td>
                                    <td data-testid="file-here" class:here=here2>
                                        {move || i18n.lang().text(if here() { Key::LibraryOnDevice } else { Key::LibraryNotOnDevice })}
                                    </td>
                                    <td class="no-print">
                                        <Show when=move || previews>
                                            <button type="button" data-testid="open-file"
                                                on:click={ let f = open_file.clone(); move |_| act(f.clone(), false) }>
                                                {i18n.t(Key::LibraryOpen)}
                                            </button>
                                        </Show>
                                        <button type="button" data-testid="download-file"
                                            on:click={ let f = save_file.clone(); move |_| act(f.clone(), true) }>
                                            {i18n.t(Key::LibraryDownload)}
                                        </button>
                                        {on_remove.map(|remove| {
                                            let f = file.clone();
                                            view! {
                                                <button type="button" class="danger" data-testid="remove-file"
                                                    on:click=move |_| if confirm(i18n.lang().text(Key::LibraryRemoveFileConfirm)) { remove.run(f.clone()) }>
                                                    {i18n.t(Key::LibraryRemoveFile)}
                                                </button>
                                            }
                                        })}
                                        <Show when={ let b = busy_id.clone(); move || busy.get().as_deref() == Some(b.as_str()) }>
                                            <span class="busy">{i18n.t(Key::LibraryFileDownloading)}</span>
                                        </Show>
                                        <Show when={ let p = problem_id.clone(); move || problem.with(|x| x.as_ref().is_some_and(|(id, _)| *id == p)) }>
                                            <span class="field-error" role="alert" data-testid="file-open-problem">
                                                {let p = problem_id2.clone(); move || problem.with(|x| x.as_ref().filter(|(id, _)| *id == p).map(|(_, e)| e.text(i18n.lang())))}
                                            </span>
                                        </Show>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            {move || preview.get().map(|p| {
                let url = p.url.as_str().to_string();
                let body = match p.media {
                    MediaType::Pdf => view! { <iframe class="preview-pdf" data-testid="preview-pdf" src=url title=p.name.clone()></iframe> }.into_any(),
                    _ => view! { <img class="preview-image" data-testid="preview-image" src=url alt=p.name.clone()/> }.into_any(),
                };
                view! {
                    <figure class="preview no-print" data-testid="preview">
                        <figcaption>
                            {p.name.clone()}
                            <button type="button" on:click=move |_| preview.set(None)>{i18n.t(Key::LibraryClosePreview)}</button>
                        </figcaption>
                        {body}
                    </figure>
                }
            })}
        </div>
    }
}
