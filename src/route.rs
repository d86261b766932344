//! Screens by the URL's hash (`#/staff/…`), so a reload stays on the same screen and the
//! service worker only ever serves one page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Staff,
    NewStaff,
    StaffDetail(String),
    EditStaff(String),
    Composition,
    Settings,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["staff", "new"] => Route::NewStaff,
            ["staff", id] => Route::StaffDetail(id.to_string()),
            ["staff", id, "edit"] => Route::EditStaff(id.to_string()),
            ["composition"] => Route::Composition,
            ["settings"] => Route::Settings,
            _ => Route::Staff,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Staff => "#/staff".into(),
            Route::NewStaff => "#/staff/new".into(),
            Route::StaffDetail(id) => format!("#/staff/{id}"),
            Route::EditStaff(id) => format!("#/staff/{id}/edit"),
            Route::Composition => "#/composition".into(),
            Route::Settings => "#/settings".into(),
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current route, following `hashchange`.
pub fn route_signal() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let on_change =
        Closure::<dyn FnMut()>::new(move || set_route.set(Route::parse(&current_hash())));
    if let Some(w) = web_sys::window() {
        let _ =
            w.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_change.forget();
    route
}

pub fn go(route: Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}
