//! `GET /api/spaces/{space}/ws`: a WebSocket that tells a member when the log grew.
//!
//! The client's first message is its token, as text (a token never goes in a URL, where
//! logs and proxies would keep it). Once accepted, the relay sends [`Notify`] with the head
//! at once and again whenever the log grows; it ignores anything else the client sends. The
//! relay closes the socket with code 4000 + the HTTP status it would answer for a bad first
//! message (4400 not a text message, 4401 unknown token, 4403 revoked, 4404 unknown space,
//! 4429 rate), 4408 when no token came within [`TOKEN_WAIT`], 4403 as soon as the member
//! is revoked, and 1001 when the relay shuts down. At most `--max-connections` sockets are held: beyond that the upgrade
//! is answered 503.

use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::response::Response;
use kenesh_protocol::Notify;
use rusqlite::OptionalExtension;
use tokio::sync::OwnedSemaphorePermit;

use crate::auth::{self, Caller, Need};
use crate::{AppError, AppState, ids};

/// How long the relay waits for the token after the upgrade.
pub(crate) const TOKEN_WAIT: Duration = Duration::from_secs(10);
/// Largest message the client may send (a token is 43 characters).
const MAX_MESSAGE: usize = 1024;
/// Read and write buffers of a notify socket. It only ever reads a token and writes
/// `{"head":N}`, so the library's 128 KiB defaults would be memory held idle by every
/// connected device.
const BUFFER: usize = 4 * 1024;
/// How often the relay pings an idle socket, so dead peers are noticed.
const PING_EVERY: Duration = Duration::from_secs(30);

pub(crate) async fn upgrade(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    let Path(space) = path?;
    let space = ids::space(&space)?.to_owned();
    let lookup = space.clone();
    let exists = state
        .db()
        .read(move |connection| {
            Ok(connection
                .prepare_cached("SELECT 1 FROM spaces WHERE id = ?1")?
                .query_row([lookup], |_| Ok(()))
                .optional()?
                .is_some())
        })
        .await?;
    if !exists {
        return Err(AppError::Missing("unknown space"));
    }
    let upgrade = upgrade.map_err(|_| AppError::bad("not a WebSocket upgrade request"))?;
    let permit = state.connections().try_acquire().ok_or(AppError::Busy)?;
    Ok(upgrade
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .read_buffer_size(BUFFER)
        .write_buffer_size(0)
        .on_upgrade(move |socket| session(state, space, socket, permit)))
}

async fn session(
    state: AppState,
    space: String,
    mut socket: WebSocket,
    permit: OwnedSemaphorePermit,
) {
    let _permit = permit;
    let token = match tokio::time::timeout(TOKEN_WAIT, socket.recv()).await {
        Ok(Some(Ok(Message::Text(token)))) => token,
        Ok(Some(Ok(Message::Close(_))) | Some(Err(_)) | None) => return,
        Ok(Some(Ok(_))) => {
            return close(socket, 4400, "the first message must be the token as text").await;
        }
        Err(_) => return close(socket, 4408, "no token in time").await,
    };
    // Authorize, subscribe, then check for a revocation again: one committed between the
    // authorization and the subscription is caught by this check, any later one by the
    // subscription. The head is read after subscribing for the same reason.
    let caller = match auth::authorize(&state, &space, token.as_str(), Need::Member).await {
        Ok(caller) => caller,
        Err(error) => return refuse(socket, &error).await,
    };
    drop(token);
    let mut subscription = state.hub().subscribe(caller.space);
    let mut seen = subscription.current();
    match member_revoked(&state, &caller).await {
        Ok(false) => {}
        Ok(true) => return close(socket, 4403, "this token was revoked").await,
        Err(_) => return close(socket, 1011, "internal error").await,
    }
    let mut sent = match head(&state, caller.space).await {
        Ok(head) => head,
        Err(_) => return close(socket, 1011, "internal error").await,
    };
    if notify(&mut socket, sent).await.is_err() {
        return;
    }
    tracing::debug!(member = %caller.member, "listening");
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    let closing = state.hub().closing();
    tokio::pin!(closing);
    loop {
        tokio::select! {
            () = &mut closing => {
                return close(socket, 1001, "the relay is shutting down").await;
            }
            signal = subscription.changed() => {
                let Some(signal) = signal else { break };
                if signal.revocations != seen.revocations {
                    match member_revoked(&state, &caller).await {
                        Ok(false) => {}
                        Ok(true) => return close(socket, 4403, "this token was revoked").await,
                        Err(_) => return close(socket, 1011, "internal error").await,
                    }
                }
                seen = signal;
                if signal.head > sent {
                    sent = signal.head;
                    if notify(&mut socket, sent).await.is_err() {
                        break;
                    }
                }
            }
            message = socket.recv() => match message {
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            _ = ping.tick() => {
                if socket.send(Message::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
        }
    }
}

async fn notify(socket: &mut WebSocket, head: u64) -> Result<(), axum::Error> {
    let text = serde_json::to_string(&Notify { head }).unwrap_or_default();
    socket.send(Message::Text(text.into())).await
}

async fn refuse(socket: WebSocket, error: &AppError) {
    let code = 4000 + error.status().as_u16();
    let reason = match error {
        AppError::Internal => return close(socket, 1011, "internal error").await,
        AppError::BadRequest(_) => "malformed token",
        AppError::Unauthorized => "missing or unknown token",
        AppError::Forbidden(reason) | AppError::Missing(reason) => reason,
        AppError::TooManyRequests => "too many requests",
        _ => "refused",
    };
    close(socket, code, reason).await;
}

async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: Utf8Bytes::from_static(reason),
    };
    let _ = socket.send(Message::Close(Some(frame))).await;
    // Let the client answer the close so it sees the code, within reason.
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while let Some(Ok(message)) = socket.recv().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
}

async fn head(state: &AppState, space: i64) -> Result<u64, AppError> {
    state
        .db()
        .read(move |connection| {
            let head: i64 = connection
                .prepare_cached("SELECT head FROM spaces WHERE key = ?1")?
                .query_row([space], |row| row.get(0))?;
            Ok(head.unsigned_abs())
        })
        .await
}

async fn member_revoked(state: &AppState, caller: &Caller) -> Result<bool, AppError> {
    let (space, member) = (caller.space, caller.member.clone());
    state
        .db()
        .read(move |connection| {
            Ok(connection
                .prepare_cached("SELECT revoked FROM members WHERE space = ?1 AND member = ?2")?
                .query_row((space, member), |row| row.get::<_, bool>(0))
                .optional()?
                .unwrap_or(true))
        })
        .await
}
