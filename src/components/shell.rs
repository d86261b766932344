//! The frame around every screen: school name, navigation, language and status.

use super::lang_switch::LangSwitch;
use super::painted::painted;
use super::status_bar::StatusBar;
use super::sync_status::SyncStatusLine;
use crate::data;
use crate::i18n::{Key, use_i18n};
use crate::pages::{
    composition::CompositionPage, settings::SettingsPage, staff_detail::StaffDetail,
    staff_form::StaffFormPage, staff_list::StaffList,
};
use crate::route::{Route, route_signal};
use crate::store::Status;
use leptos::prelude::*;

#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let route = route_signal();
    let sync = expect_context::<crate::sync::SyncStatus>();
    // The shell may be drawn before the space is open (the first screen, see
    // `store::first_screen`): what reads more than the first screen waits for it.
    Effect::new(move |_| {
        if status.open.get() {
            crate::sync::start(status, sync);
        }
    });
    let school = Memo::new(move |_| {
        status.revision.track();
        data::school_name()
    });
    let nav = [
        (Route::Staff, Key::NavStaff),
        (Route::Composition, Key::NavComposition),
    ]
    .into_iter()
    .chain(crate::pages::work::NAV)
    .chain(crate::pages::library::NAV)
    .chain([(Route::Settings, Key::NavSettings)]);
    // Library documents this device's person has still to read: a count on "My items",
    // counted after the first screen is drawn (it may load the library document).
    let drawn = painted();
    let to_read = Memo::new(move |_| {
        status.revision.track();
        if !drawn.get() || !status.open.get() {
            return 0;
        }
        crate::pages::work::my_items::to_read_count()
    });
    let active = move |r: &Route| {
        let current = route.get();
        match r {
            Route::Staff => matches!(
                current,
                Route::Staff | Route::NewStaff | Route::StaffDetail(_) | Route::EditStaff(_)
            ),
            other => {
                *other == current
                    || crate::pages::work::section_of(&current).as_ref() == Some(other)
                    || crate::pages::library::section_of(&current).as_ref() == Some(other)
            }
        }
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="app-name">{i18n.t(Key::AppName)}</span>
                <span class="school-name" data-testid="school-name">{move || school.get()}</span>
            </div>
            <nav class="app-nav" aria-label=i18n.t(Key::Navigation)>
                {nav
                    .into_iter()
                    .map(|(r, key)| {
                        let href = r.href();
                        let r2 = r.clone();
                        let mine = r == Route::My(None);
                        view! {
                            <a href=href class:active=move || active(&r2)>
                                {i18n.t(key)}
                                {mine.then(|| view! {
                                    <Show when=move || { to_read.get() > 0 }>
                                        <span class="badge count" data-testid="to-read-count">{move || to_read.get()}</span>
                                    </Show>
                                })}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <LangSwitch/>
        </header>
        <StatusBar/>
        <SyncStatusLine/>
        <main class="app-main">
            {move || match route.get() {
                Route::Staff => view! { <StaffList/> }.into_any(),
                // Read only here, so that the staff list is not drawn again when it opens.
                _ if !status.open.get() => view! { <p class="loading">{i18n.t(Key::Opening)}</p> }.into_any(),
                Route::NewStaff => view! { <StaffFormPage id=None/> }.into_any(),
                Route::EditStaff(id) => view! { <StaffFormPage id=Some(id)/> }.into_any(),
                Route::StaffDetail(id) => view! { <StaffDetail id=id/> }.into_any(),
                Route::Composition => view! { <CompositionPage/> }.into_any(),
                Route::Settings => view! { <SettingsPage/> }.into_any(),
                library if crate::pages::library::section_of(&library).is_some() => {
                    crate::pages::library::page(library)
                }
                work => crate::pages::work::page(work),
            }}
        </main>
    }
}
