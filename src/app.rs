//! The root component: language, storage status, and either the first-run screen or the
//! space's shell.

use crate::components::shell::Shell;
use crate::i18n::{I18n, Key, Lang};
use crate::pages::join::Join;
use crate::pages::setup::Setup;
use crate::store::{self, Identity, Status};
use crate::sync::SyncStatus;
use kenesh_platform::Pref;

/// The interface language this device chose.
const LANGUAGE: Pref<String> = Pref::new("lang");
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Opening,
    Setup,
    /// A device with no space opened an invite link (`#/join/…`).
    Join(String),
    Open,
    Failed(String),
}

fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut langs: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    langs.extend(nav.language());
    langs
}

fn initial_lang() -> Lang {
    LANGUAGE
        .get()
        .ok()
        .flatten()
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_else(|| Lang::pick(browser_languages().iter().map(String::as_str)))
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    let i18n = I18n(lang);
    provide_context(i18n);
    Effect::new(move |_| {
        let l = lang.get();
        let _ = LANGUAGE.set(&l.code().to_string());
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", l.code());
        }
    });
    let status = Status::new();
    provide_context(status);
    provide_context(SyncStatus::new());

    let phase = RwSignal::new(Phase::Opening);
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    // An invite opened in a browser that already has a space: said, not followed.
    let join_refused = RwSignal::new(false);
    match Identity::load() {
        None => match crate::sync::join_payload(&hash) {
            Some(payload) => phase.set(Phase::Join(payload)),
            None => phase.set(Phase::Setup),
        },
        Some(identity) => {
            let joining = crate::sync::join_payload(&hash).is_some();
            // The first screen is drawn now from the copies of its views, if there are any;
            // the rest of the shell waits for the space to open.
            if !joining && store::first_screen::prepare(&identity.db_name()) {
                phase.set(Phase::Open);
            }
            leptos::task::spawn_local(async move {
                if joining {
                    join_refused.set(true);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_hash("#/staff");
                    }
                }
                match store::open(identity, status).await {
                    // Not set again if the first screen is already drawn: that would draw
                    // the whole shell again.
                    Ok(()) if phase.get_untracked() == Phase::Open => {}
                    Ok(()) => phase.set(Phase::Open),
                    Err(e) => phase.set(Phase::Failed(e)),
                }
            });
        }
    }
    let on_created = Callback::new(move |_| phase.set(Phase::Open));

    // A document of the space could not be opened after all (see `store::Slot::load`).
    Effect::new(move |_| {
        if let Some(e) = status.unopenable.get() {
            phase.set(Phase::Failed(e));
        }
    });

    view! {
        {move || match phase.get() {
            Phase::Opening => view! { <p class="loading">{i18n.t(Key::Opening)}</p> }.into_any(),
            Phase::Setup => view! { <Setup on_created=on_created/> }.into_any(),
            Phase::Join(payload) => view! { <Join payload=payload on_joined=on_created/> }.into_any(),
            Phase::Open => view! {
                <Show when=move || join_refused.get()>
                    <p class="banner warning" role="alert" data-testid="join-has-space">{i18n.t(Key::JoinHasSpace)}</p>
                </Show>
                <Shell/>
            }.into_any(),
            Phase::Failed(e) => view! {
                <div class="banner error" role="alert">
                    <p>{i18n.t(Key::OpenFailed)}</p>
                    <pre>{e}</pre>
                </div>
            }.into_any(),
        }}
    }
}
