//! The library list: one search box over titles, numbers, summaries, tags and the text of
//! attached files ([`LibraryIndex`]), filters by section, association and validity, sort,
//! and the storage its files use per section.

use super::data;
use crate::components::filter_check::FilterCheck;
use crate::components::paged_list::{PAGE, PagedList};
use crate::i18n::{Key, use_i18n};
use crate::pages::work::data as work;
use crate::route::Route;
use crate::store::{self, Status};
use kenesh_core::library::{LibraryIndex, LibraryQuery, LibrarySort, storage_usage};
use leptos::prelude::*;
use std::sync::Arc;

/// The search index, compared by identity (it is rebuilt only when its inputs change).
#[derive(Clone)]
struct Folded(Arc<LibraryIndex>);

impl PartialEq for Folded {
    fn eq(&self, other: &Folded) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn LibraryList() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let query = RwSignal::new(LibraryQuery::default());
    let documents = Memo::new(move |_| {
        status.revision.track();
        data::documents()
    });
    let kinds = Memo::new(move |_| {
        status.revision.track();
        data::kinds()
    });
    let associations = Memo::new(move |_| {
        status.revision.track();
        work::association_list()
    });
    // The text extracted from the files on this device, for the search.
    let texts = store::blobs::texts_signal();
    // Updated once per change of the documents or texts, not per keystroke.
    let index = Memo::new(move |_| {
        texts.with(|texts| documents.with(|docs| Folded(data::search_index(docs, texts))))
    });
    let rows = Memo::new(move |_| {
        let index = index.get();
        documents.with(|docs| {
            query
                .with(|q| q.run(docs.iter(), &index.0))
                .into_iter()
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>()
        })
    });
    let total =
        Memo::new(move |_| documents.with(|d| d.values().filter(|d| !d.is_removed()).count()));
    let usage = Memo::new(move |_| documents.with(|d| storage_usage(d.iter())));
    let limit = RwSignal::new(PAGE);
    let set = move |f: &dyn Fn(&mut LibraryQuery)| {
        query.update(|q| f(q));
        limit.set(PAGE);
    };

    view! {
        <section class="library-list">
            <div class="toolbar">
                <h1>{i18n.t(Key::LibraryTitle)}</h1>
                <a class="button primary no-print" href=Route::NewLibraryDocument.href() data-testid="add-document">{i18n.t(Key::LibraryAdd)}</a>
            </div>
            <div class="filters no-print">
                <input type="search" data-testid="library-search" placeholder=i18n.t(Key::LibrarySearch) aria-label=i18n.t(Key::LibrarySearch)
                    prop:value=move || query.get().search
                    on:input=move |ev| { let v = event_target_value(&ev); set(&|q| q.search = v.clone()) }/>
                <select aria-label=i18n.t(Key::LibraryKindLabel) data-testid="filter-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.kind = (!v.is_empty()).then(|| v.clone()))
                }>
                    <option value="">{i18n.t(Key::LibraryAllKinds)}</option>
                    {move || kinds.get().into_iter().map(|(id, k)| {
                        view! { <option value=id.clone()>{move || k.name.get(i18n.lang().code()).to_string()}</option> }
                    }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::LibraryConcerns) data-testid="filter-association" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.association = (!v.is_empty()).then(|| v.clone()))
                }>
                    <option value="">{i18n.t(Key::AllAssociations)}</option>
                    {move || associations.get().into_iter().map(|(id, a)| view! { <option value=id>{a.name}</option> }).collect_view()}
                </select>
                <select aria-label=i18n.t(Key::SortBy) data-testid="sort" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|q| q.sort = if v == "title" { LibrarySort::Title } else { LibrarySort::Newest })
                }>
                    <option value="newest">{i18n.t(Key::SortNewest)}</option>
                    <option value="title">{i18n.t(Key::SortTitle)}</option>
                </select>
                <FilterCheck label=Key::LibraryInForceOnly testid="in-force-only" checked=Signal::derive(move || query.with(|q| q.in_force_on.is_some()))
                    set=Callback::new(move |on: bool| set(&|q| q.in_force_on = on.then(crate::data::today)))/>
                <FilterCheck label=Key::ShowRemoved testid="show-removed" checked=Signal::derive(move || query.with(|q| q.removed))
                    set=Callback::new(move |on| set(&|q| q.removed = on))/>
            </div>
            <PagedList count_id="library-count" shown=Signal::derive(move || rows.with(Vec::len)) total=total.into()
                limit=limit empty=Key::LibraryEmpty>
                <table class="library-table">
                    <thead>
                        <tr>
                            <th>{i18n.t(Key::LibraryDocTitle)}</th>
                            <th>{i18n.t(Key::LibraryKindLabel)}</th>
                            <th>{i18n.t(Key::LibraryNumber)}</th>
                            <th>{i18n.t(Key::LibraryDate)}</th>
                            <th class="num">{i18n.t(Key::LibraryFiles)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = i18n.lang();
                            let kinds = kinds.get();
                            let today = crate::data::today();
                            let shown = documents.with(|docs| {
                                rows.with(|ids| ids.iter().take(limit.get()).filter_map(|id| Some((id.clone(), docs.get(id)?.clone()))).collect::<Vec<_>>())
                            });
                            shown.into_iter().map(|(id, d)| {
                                let kind = data::kind_name(&kinds, &d.kind, lang);
                                let outdated = !d.in_force(today);
                                view! {
                                    <tr data-testid="library-row" class:outdated=outdated>
                                        <td><a href=Route::LibraryDocument(id).href()>{d.title}</a></td>
                                        <td>{kind}</td>
                                        <td>{d.number}</td>
                                        <td>{d.date.map(|d| d.dotted()).unwrap_or_default()}</td>
                                        <td class="num">{d.files.len()}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </PagedList>
            <h2>{i18n.t(Key::LibraryStorage)}</h2>
            <table class="library-storage" data-testid="library-storage">
                <tbody>
                    {move || {
                        let lang = i18n.lang();
                        let usage = usage.get();
                        let kinds = kinds.get();
                        let offline = store::blobs::keep_offline_signal();
                        let sections = kinds.into_iter().map(|(id, k)| {
                            let bytes = usage.by_kind.get(&id).copied().unwrap_or(0);
                            let name = k.name.get(lang.code()).to_string();
                            let kind_id = id.clone();
                            let kind_id2 = id.clone();
                            view! {
                                <tr data-testid="storage-section" data-kind=id.clone()>
                                    <th>{name}</th>
                                    <td class="num">{data::size_text(bytes, lang)}</td>
                                    <td class="no-print">
                                        <label class="check" title=lang.text(Key::LibraryKeepOfflineHint)>
                                            <input type="checkbox" data-testid="keep-offline"
                                                prop:checked=move || offline.get().contains(&kind_id)
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    store::blobs::set_keep_offline(&kind_id2, on, status);
                                                }/>
                                            {lang.text(Key::LibraryKeepOffline)}
                                        </label>
                                    </td>
                                </tr>
                            }
                        }).collect_view();
                        view! {
                            {sections}
                            <tr class="total">
                                <th>{lang.text(Key::LibraryStorageTotal)}</th>
                                <td class="num" data-testid="storage-total">{data::size_text(usage.total, lang)}</td>
                                <td></td>
                            </tr>
                        }
                    }}
                </tbody>
            </table>
        </section>
    }
}
