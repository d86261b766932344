//! The settings of sync: connecting to the school's relay, inviting a colleague (a link and
//! its QR code), and moving the space through an encrypted file when there is no relay.

use crate::i18n::{Key, use_i18n};
use crate::store::Status;
use crate::sync::{self, Failure, RelayMember, SyncStatus};
use leptos::prelude::*;

#[component]
pub fn RelaySection() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let sync_status = expect_context::<SyncStatus>();
    let relay = RwSignal::new(sync::relay());
    let url = RwSignal::new(sync::page_origin());
    let failure = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);
    let invite = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            match sync::connect(&url.get_untracked(), status, sync_status).await {
                Ok(()) => relay.set(sync::relay()),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let make_invite = move |_| {
        invite.set(None);
        busy.set(true);
        failure.set(None);
        copied.set(false);
        leptos::task::spawn_local(async move {
            match sync::create_invite().await {
                Ok(link) => invite.set(Some(link)),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let members = RwSignal::new(None::<Vec<RelayMember>>);
    let load_members = move || {
        leptos::task::spawn_local(async move {
            match sync::members().await {
                Ok(list) => members.set(Some(list)),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let revoke = move |member: String| {
        failure.set(None);
        leptos::task::spawn_local(async move {
            match sync::revoke(&member).await {
                Ok(()) => load_members(),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let copy = move |_| {
        if let Some(link) = invite.get_untracked() {
            leptos::task::spawn_local(async move {
                copied.set(kenesh_platform::copy_text(&link).await.is_ok());
            });
        }
    };
    view! {
        <section class="card relay">
            <h2>{i18n.t(Key::RelayTitle)}</h2>
            <p class="hint">{i18n.t(Key::RelayHint)}</p>
            {move || match relay.get() {
                None => view! {
                    <form on:submit=connect novalidate class="inline">
                        <label class="field">
                            <span class="field-label">{i18n.t(Key::RelayAddress)}</span>
                            <input name="relay-url" data-testid="relay-url" prop:value=move || url.get()
                                on:input=move |ev| url.set(event_target_value(&ev))/>
                        </label>
                        <button type="submit" data-testid="connect" disabled=move || busy.get()>{i18n.t(Key::ConnectRelay)}</button>
                    </form>
                }.into_any(),
                Some(link) => view! {
                    <p>{i18n.t(Key::ConnectedTo)}": "<code data-testid="relay">{link.url.clone()}</code></p>
                    <Show when=move || link.admin>
                        <button data-testid="create-invite" on:click=make_invite disabled=move || busy.get()>{i18n.t(Key::CreateInvite)}</button>
                        " "
                        <button data-testid="show-members" on:click=move |_| load_members()>{i18n.t(Key::RelayMembers)}</button>
                    </Show>
                }.into_any(),
            }}
            <Show when=move || invite.get().is_some()>
                <div class="invite">
                    <p class="hint">{i18n.t(Key::InviteHint)}</p>
                    <textarea readonly data-testid="invite-link" rows="3" prop:value=move || invite.get().unwrap_or_default()></textarea>
                    <button data-testid="copy-invite" on:click=copy>{move || i18n.lang().text(if copied.get() { Key::Copied } else { Key::Copy })}</button>
                    <div class="qr" data-testid="invite-qr" inner_html=move || invite.get().and_then(|l| sync::qr_svg(&l)).unwrap_or_default()></div>
                </div>
            </Show>
            <Show when=move || members.get().is_some()>
                <h3>{i18n.t(Key::RelayMembers)}</h3>
                <ul class="members" data-testid="members">
                    {move || members.get().unwrap_or_default().into_iter().map(|m| {
                        let id = m.member.clone();
                        let can_revoke = !m.me && !m.revoked;
                        view! {
                            <li data-testid="member" data-revoked=m.revoked.to_string()>
                                <span class="who">{m.name.clone()}</span>
                                {m.admin.then(|| view! { " · " {i18n.t(Key::RoleAdministrator)} })}
                                {m.revoked.then(|| view! { " · " <em>{i18n.t(Key::AccessRevoked)}</em> })}
                                {can_revoke.then(|| view! {
                                    " " <button data-testid="revoke" on:click=move |_| revoke(id.clone())>{i18n.t(Key::RevokeAccess)}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || failure.get().is_some()>
                <div class="banner error" role="alert" data-testid="relay-failed">
                    <p>{move || failure.get().map(|f| i18n.lang().text(f.key()))}</p>
                    <pre>{move || failure.get().map(|f| f.to_string())}</pre>
                </div>
            </Show>
        </section>
    }
}

#[component]
pub fn FileSection() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<Status>();
    let failure = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(false);
    let export = move |_| {
        failure.set(None);
        done.set(false);
        leptos::task::spawn_local(async move {
            if let Err(e) = sync::export_file(status).await {
                failure.set(Some(e));
            }
        });
    };
    let import = move |ev: leptos::ev::Event| {
        failure.set(None);
        done.set(false);
        let Some(input) = ev.target() else {
            return;
        };
        let input: wasm_bindgen::JsValue = input.into();
        leptos::task::spawn_local(async move {
            let result = match kenesh_platform::chosen_file(&input).await {
                Ok(Some(bytes)) => sync::import_file(&bytes, status).await.map(|_| ()),
                Ok(None) => return,
                Err(e) => Err(Failure::BadFile(e)),
            };
            match result {
                Ok(()) => done.set(true),
                Err(e) => failure.set(Some(e)),
            }
            // The same file can be picked again.
            let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
        });
    };
    view! {
        <section class="card file-sync">
            <h2>{i18n.t(Key::FileTitle)}</h2>
            <p class="hint">{i18n.t(Key::FileHint)}</p>
            <button data-testid="export" on:click=export>{i18n.t(Key::ExportSpace)}</button>
            <label class="file-input">
                <span>{i18n.t(Key::ImportSpace)}</span>
                <input type="file" data-testid="import" accept=".kenesh,application/octet-stream" on:change=import/>
            </label>
            <Show when=move || done.get()>
                <p class="banner info" role="status" data-testid="import-done">{i18n.t(Key::ImportDone)}</p>
            </Show>
            <Show when=move || failure.get().is_some()>
                <div class="banner error" role="alert" data-testid="file-failed">
                    <p>{move || failure.get().map(|f| i18n.lang().text(f.key()))}</p>
                    <pre>{move || failure.get().map(|f| f.to_string())}</pre>
                </div>
            </Show>
        </section>
    }
}
