//! Sync glue: runs the core's sans-IO [`SyncEngine`](kenesh_core::sync::SyncEngine) against
//! the relay in the background ([`runner`]), connects this device to a relay, makes invites,
//! joins a space from an invite ([`join`]) and moves the space through a file ([`transfer`]).
//! The screens call these and read [`SyncStatus`].

mod join;
mod runner;
mod transfer;

pub use join::join;
pub use transfer::{export_file, import_file};

use crate::i18n::Key;
use crate::store::{self, RelayLink, Status, remote};
use kenesh_core::crypto::{Invite, Kind, SpaceCipher, SpaceKey};
use kenesh_platform::{Alarm, RelayClient, RelayError, now_ms, random_bytes};
use kenesh_protocol::{CreateInvite, RegisterSpace, RelayRole, bytes};
use leptos::prelude::*;
use std::cell::RefCell;

/// What the background sync is doing, for the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncState {
    /// No relay is set up on this device.
    NotConnected,
    /// Another tab of this browser syncs this space.
    OtherTab,
    Syncing,
    /// Everything is exchanged with the relay; at this time (ms).
    Synced(f64),
    /// The relay cannot be reached; retrying.
    Offline,
    /// The relay refuses this device's token.
    Revoked,
    /// Something else went wrong; retrying.
    Failed(String),
}

/// The sync status the interface shows; provided as a context by the app.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    pub state: RwSignal<SyncState>,
    /// Local changes the relay does not have yet.
    pub unsent: RwSignal<usize>,
    /// Entries from the relay that could not be opened or applied, skipped.
    pub skipped: RwSignal<Vec<u64>>,
}

impl SyncStatus {
    pub fn new() -> SyncStatus {
        SyncStatus {
            state: RwSignal::new(SyncState::NotConnected),
            unsent: RwSignal::new(0),
            skipped: RwSignal::new(Vec::new()),
        }
    }
}

/// Why a sync action the person started failed, as a text to show.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Failure {
    #[error("bad relay address")]
    BadAddress,
    #[error("{0}")]
    Unreachable(String),
    #[error("the space is already registered at this relay")]
    AlreadyRegistered,
    #[error("the invite is used, expired or revoked")]
    InviteRefused,
    #[error("{0}")]
    BadInvite(String),
    #[error("the relay refused: {0}")]
    Refused(String),
    #[error("only an administrator can invite")]
    NotAdmin,
    #[error("this device is not connected to a relay")]
    NoRelay,
    #[error("{0}")]
    BadFile(String),
    #[error("{0}")]
    Storage(String),
}

impl Failure {
    /// The translated explanation.
    pub fn key(&self) -> Key {
        match self {
            Failure::BadAddress => Key::SyncBadAddress,
            Failure::Unreachable(_) => Key::SyncUnreachable,
            Failure::AlreadyRegistered => Key::SyncAlreadyRegistered,
            Failure::InviteRefused => Key::InviteRefused,
            Failure::BadInvite(_) => Key::InviteBad,
            Failure::Refused(_) => Key::SyncRefused,
            Failure::NotAdmin => Key::InviteNotAdmin,
            Failure::NoRelay => Key::SyncNotConnected,
            Failure::BadFile(_) => Key::ImportBadFile,
            Failure::Storage(_) => Key::SaveFailed,
        }
    }

    fn relay(e: RelayError) -> Failure {
        match e {
            RelayError::Unreachable(m) => Failure::Unreachable(m),
            RelayError::Refused { status: 409, .. } => Failure::AlreadyRegistered,
            other => Failure::Refused(other.to_string()),
        }
    }
}

thread_local! {
    static ALARM: RefCell<Option<Alarm>> = const { RefCell::new(None) };
}

/// Wakes the background sync (an edit was made, the network came back).
pub fn ring() {
    ALARM.with(|a| {
        if let Some(alarm) = a.borrow().as_ref() {
            alarm.ring();
        }
    });
}

/// Starts sync for the open space, once per page: the background runner if a relay is set
/// up, and the wake-ups (edits, the network coming back).
pub fn start(status: Status, sync: SyncStatus) {
    let first = ALARM.with(|a| {
        let mut a = a.borrow_mut();
        if a.is_some() {
            return false;
        }
        *a = Some(Alarm::new());
        true
    });
    if !first {
        return;
    }
    // Every edit (this tab's or another's) changes the revision. Not the save state: the
    // runner stores pending changes itself, and that would wake it again, forever.
    Effect::new(move |_| {
        status.revision.track();
        ring();
    });
    if let Some(w) = web_sys::window() {
        let on_online = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(ring);
        use wasm_bindgen::JsCast;
        let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        on_online.forget();
    }
    if remote::identity().relay.is_some() {
        run(status, sync);
    }
}

fn run(status: Status, sync: SyncStatus) {
    let Some(alarm) = ALARM.with(|a| a.borrow().clone()) else {
        return;
    };
    leptos::task::spawn_local(runner::run(status, sync, alarm));
}

/// The space key of this device, made and kept now if it has none yet.
pub(crate) fn space_key() -> Result<SpaceKey, Failure> {
    if let Some(key) = remote::identity().space_key() {
        return Ok(key);
    }
    let key: [u8; 32] = random_bytes();
    remote::update_identity(|i| i.key = Some(bytes::encode(&key))).map_err(Failure::Storage)?;
    Ok(SpaceKey::from_bytes(key))
}

pub(crate) fn cipher() -> Result<SpaceCipher, Failure> {
    let identity = remote::identity();
    let space = identity
        .space()
        .ok_or_else(|| Failure::Storage("bad space id".into()))?;
    Ok(SpaceCipher::new(space, &space_key()?))
}

/// A member's name sealed for the relay's member list (members can read it, the relay not).
pub(crate) fn sealed_label(cipher: &SpaceCipher, name: &str) -> String {
    bytes::encode(&cipher.seal(Kind::Label, random_bytes(), name.as_bytes()))
}

/// The address of the app that serves this page (the relay serves the app, so by default
/// it is the relay too).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn clean_url(url: &str) -> Result<String, Failure> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(char::is_whitespace) => {
            Ok(url.to_string())
        }
        _ => Err(Failure::BadAddress),
    }
}

/// Registers this space at the relay at `url` (this device becomes its administrator) and
/// starts syncing.
pub async fn connect(url: &str, status: Status, sync: SyncStatus) -> Result<(), Failure> {
    let url = clean_url(url)?;
    let cipher = cipher()?;
    let identity = remote::identity();
    let name = crate::data::me().map(|m| m.name).unwrap_or_default();
    let token = bytes::encode(&random_bytes::<32>());
    let client = RelayClient::new(&url, &token);
    let joined = client
        .register(
            &identity.space_id,
            &RegisterSpace {
                token: token.clone(),
                label: sealed_label(&cipher, &name),
            },
        )
        .await
        .map_err(Failure::relay)?;
    remote::update_identity(|i| {
        i.relay = Some(RelayLink {
            url,
            token,
            member: joined.member,
            admin: joined.role == RelayRole::Admin,
        })
    })
    .map_err(Failure::Storage)?;
    run(status, sync);
    Ok(())
}

/// How long an invite works.
const INVITE_DAYS: i64 = 14;

/// Makes a one-time invite at the relay and returns the link to give a colleague: the
/// relay's address with the invite in the fragment (`#/join/…`), which browsers never send.
pub async fn create_invite() -> Result<String, Failure> {
    let identity = remote::identity();
    let link = identity.relay.clone().ok_or(Failure::NoRelay)?;
    if !link.admin {
        return Err(Failure::NotAdmin);
    }
    let key = identity.space_key().ok_or(Failure::NoRelay)?;
    let space = identity
        .space()
        .ok_or_else(|| Failure::Storage("bad space id".into()))?;
    let secret: [u8; 32] = random_bytes();
    let invite = Invite {
        relay: link.url.clone(),
        space,
        key,
        secret,
    };
    let client = RelayClient::new(&link.url, &link.token);
    client
        .create_invite(
            &identity.space_id,
            &CreateInvite {
                invite: invite.secret_text(),
                role: RelayRole::Member,
                expires_ms: now_ms() as i64 + INVITE_DAYS * 24 * 3600 * 1000,
            },
        )
        .await
        .map_err(|e| match e {
            RelayError::Refused { status: 403, .. } => Failure::NotAdmin,
            e => Failure::relay(e),
        })?;
    let fragment = invite
        .to_fragment()
        .map_err(|e| Failure::BadInvite(e.to_string()))?;
    Ok(format!("{}/#/join/{fragment}", link.url))
}

/// A member as the relay lists it, with the name only members can read.
#[derive(Clone, Debug, PartialEq)]
pub struct RelayMember {
    pub member: String,
    pub name: String,
    pub admin: bool,
    pub revoked: bool,
    /// This device's own membership.
    pub me: bool,
}

/// The space's members at the relay (administrators only).
pub async fn members() -> Result<Vec<RelayMember>, Failure> {
    let identity = remote::identity();
    let link = identity.relay.clone().ok_or(Failure::NoRelay)?;
    let cipher = cipher()?;
    let list = RelayClient::new(&link.url, &link.token)
        .members(&identity.space_id)
        .await
        .map_err(|e| match e {
            RelayError::Refused { status: 403, .. } => Failure::NotAdmin,
            e => Failure::relay(e),
        })?;
    Ok(list
        .members
        .into_iter()
        .map(|m| RelayMember {
            name: bytes::decode(&m.label)
                .and_then(|b| cipher.open(Kind::Label, &b).ok())
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default(),
            admin: m.role == RelayRole::Admin,
            revoked: m.revoked,
            me: m.member == link.member,
            member: m.member,
        })
        .collect())
}

/// Revokes one member's access at the relay: its token is refused from then on.
pub async fn revoke(member: &str) -> Result<(), Failure> {
    let identity = remote::identity();
    let link = identity.relay.clone().ok_or(Failure::NoRelay)?;
    RelayClient::new(&link.url, &link.token)
        .revoke(&identity.space_id, member)
        .await
        .map_err(|e| match e {
            RelayError::Refused { status: 403, .. } => Failure::NotAdmin,
            e => Failure::relay(e),
        })
}

/// The relay this device syncs through, if any.
pub fn relay() -> Option<RelayLink> {
    store::remote::identity().relay
}

/// The invite payload in a `#/join/<payload>` hash, if the hash is one.
pub fn join_payload(hash: &str) -> Option<String> {
    let rest = hash.trim_start_matches('#').trim_start_matches('/');
    rest.strip_prefix("join/")
        .map(|p| p.trim_matches('/').to_string())
        .filter(|p| !p.is_empty())
}

/// An SVG QR code of `text`, or `None` if it does not fit in one.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::L).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
    )
}
