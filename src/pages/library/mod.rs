//! The library and data bank (R5): the list with one search, the document form, and the
//! document page with its files. Thin views over `kenesh_core::library`; the files go
//! through `crate::store::blobs`.
//!
//! The document page leaves a marked slot for the familiarization section
//! (`familiarization::Section`, built beside this module): see `document.rs`.

pub mod data;
pub mod document;
pub mod familiarization;
pub mod form;
pub mod list;
pub mod sheet;

use crate::i18n::Key;
use crate::route::Route;
use leptos::prelude::*;

/// The navigation entry a screen of this module belongs to.
pub fn section_of(route: &Route) -> Option<Route> {
    Some(match route {
        Route::Library
        | Route::NewLibraryDocument
        | Route::LibraryDocument(_)
        | Route::EditLibraryDocument(_)
        | Route::LibrarySheet(_) => Route::Library,
        _ => return None,
    })
}

/// The navigation entries of this module.
pub const NAV: [(Route, Key); 1] = [(Route::Library, Key::NavLibrary)];

/// The screen for a route of this module.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Library => view! { <list::LibraryList/> }.into_any(),
        Route::NewLibraryDocument => view! { <form::LibraryFormPage id=None/> }.into_any(),
        Route::EditLibraryDocument(id) => view! { <form::LibraryFormPage id=Some(id)/> }.into_any(),
        Route::LibraryDocument(id) => view! { <document::LibraryDocumentPage id=id/> }.into_any(),
        Route::LibrarySheet(id) => view! { <sheet::SheetPage id=id/> }.into_any(),
        _ => ().into_any(),
    }
}
