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
    Structure,
    NewAssociation,
    EditAssociation(String),
    Plans,
    NewPlanItem,
    EditPlanItem(String),
    NewProgram,
    EditProgram(String),
    Calendar,
    /// The open items of a staff member (this device's person when `None`).
    My(Option<String>),
    Meetings,
    NewMeeting,
    Meeting(String),
    MeetingPrint(String),
    Decisions,
    /// The familiarization sheet of a library document (#5).
    LibrarySheet(String),
    // Library (#5).
    Library,
    NewLibraryDocument,
    LibraryDocument(String),
    EditLibraryDocument(String),
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
            ["structure"] => Route::Structure,
            ["associations", "new"] => Route::NewAssociation,
            ["associations", id] => Route::EditAssociation(id.to_string()),
            ["plans"] => Route::Plans,
            ["plans", "new"] => Route::NewPlanItem,
            ["plans", id] => Route::EditPlanItem(id.to_string()),
            ["programs", "new"] => Route::NewProgram,
            ["programs", id] => Route::EditProgram(id.to_string()),
            ["calendar"] => Route::Calendar,
            ["my"] => Route::My(None),
            ["my", id] => Route::My(Some(id.to_string())),
            ["meetings"] => Route::Meetings,
            ["meetings", "new"] => Route::NewMeeting,
            ["meetings", id] => Route::Meeting(id.to_string()),
            ["meetings", id, "print"] => Route::MeetingPrint(id.to_string()),
            ["decisions"] => Route::Decisions,
            ["library", id, "sheet"] => Route::LibrarySheet(id.to_string()),
            ["library"] => Route::Library,
            ["library", "new"] => Route::NewLibraryDocument,
            ["library", id] => Route::LibraryDocument(id.to_string()),
            ["library", id, "edit"] => Route::EditLibraryDocument(id.to_string()),
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
            Route::Structure => "#/structure".into(),
            Route::NewAssociation => "#/associations/new".into(),
            Route::EditAssociation(id) => format!("#/associations/{id}"),
            Route::Plans => "#/plans".into(),
            Route::NewPlanItem => "#/plans/new".into(),
            Route::EditPlanItem(id) => format!("#/plans/{id}"),
            Route::NewProgram => "#/programs/new".into(),
            Route::EditProgram(id) => format!("#/programs/{id}"),
            Route::Calendar => "#/calendar".into(),
            Route::My(None) => "#/my".into(),
            Route::My(Some(id)) => format!("#/my/{id}"),
            Route::Meetings => "#/meetings".into(),
            Route::NewMeeting => "#/meetings/new".into(),
            Route::Meeting(id) => format!("#/meetings/{id}"),
            Route::MeetingPrint(id) => format!("#/meetings/{id}/print"),
            Route::Decisions => "#/decisions".into(),
            Route::LibrarySheet(id) => format!("#/library/{id}/sheet"),
            Route::Library => "#/library".into(),
            Route::NewLibraryDocument => "#/library/new".into(),
            Route::LibraryDocument(id) => format!("#/library/{id}"),
            Route::EditLibraryDocument(id) => format!("#/library/{id}/edit"),
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
