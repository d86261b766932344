//! Where sync stands, always on screen: not connected, offline, syncing, synced at HH:MM,
//! and how many changes wait to be sent.

use crate::i18n::{Key, use_i18n};
use crate::sync::{SyncState, SyncStatus};
use leptos::prelude::*;

/// A moment as local `HH:MM`.
fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let i18n = use_i18n();
    let sync = expect_context::<SyncStatus>();
    let code = move || match sync.state.get() {
        SyncState::NotConnected => "none",
        SyncState::OtherTab => "other-tab",
        SyncState::Syncing => "syncing",
        SyncState::Synced(_) => "synced",
        SyncState::Offline => "offline",
        SyncState::Revoked => "revoked",
        SyncState::Failed(_) => "failed",
    };
    let text = move || {
        let lang = i18n.lang();
        match sync.state.get() {
            SyncState::NotConnected => lang.text(Key::SyncNotConnected).to_string(),
            SyncState::OtherTab => lang.text(Key::SyncOtherTab).to_string(),
            SyncState::Syncing => lang.text(Key::Syncing).to_string(),
            SyncState::Synced(at) => format!("{} {}", lang.text(Key::SyncedAt), clock(at)),
            SyncState::Offline => lang.text(Key::SyncOffline).to_string(),
            SyncState::Revoked => lang.text(Key::SyncRevoked).to_string(),
            SyncState::Failed(e) => format!("{} ({e})", lang.text(Key::SyncFailed)),
        }
    };
    view! {
        <div class="sync-status" data-testid="sync-state" data-state=code>
            <span class="sync-text">{text}</span>
            <Show when=move || { sync.unsent.get() > 0 }>
                <span class="unsent" data-testid="unsent" data-count=move || sync.unsent.get().to_string()>
                    {move || format!(" · {} {}", sync.unsent.get(), i18n.lang().text(Key::ChangesWaiting))}
                </span>
            </Show>
            <Show when=move || !sync.skipped.get().is_empty()>
                <div class="banner warning" role="alert" data-testid="sync-skipped">
                    <p>{i18n.t(Key::SyncSkipped)}</p>
                    <p><code>{move || sync.skipped.get().iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")}</code></p>
                </div>
            </Show>
        </div>
    }
}
