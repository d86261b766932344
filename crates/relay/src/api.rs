//! The sync API's routes under `/api`, with their body limits (see `kenesh_protocol` for
//! the protocol itself).

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post, put};
use kenesh_protocol::limits::{MAX_BLOB, MAX_BODY};

use crate::snapshot::MAX_SNAPSHOT_BODY;
use crate::{AppError, AppState, access, blobs, log, snapshot, ws};

/// Largest body of registering, inviting and joining: a few short fields.
const SMALL_BODY: usize = 64 * 1024;

/// The routes of the sync API, to be nested at `/api`.
pub(crate) fn router(state: AppState) -> Router {
    let small = DefaultBodyLimit::max(SMALL_BODY);
    Router::new()
        .route("/spaces/{space}", post(access::register).layer(small))
        .route(
            "/spaces/{space}/invites",
            post(access::create_invite).layer(small),
        )
        .route(
            "/spaces/{space}/members",
            post(access::join).get(access::list_members).layer(small),
        )
        .route("/spaces/{space}/members/{member}", delete(access::revoke))
        .route("/spaces/{space}/log", post(log::push).get(log::pull))
        .route(
            "/spaces/{space}/blobs/{blob}",
            put(blobs::put)
                .get(blobs::get)
                .layer(DefaultBodyLimit::max(MAX_BLOB)),
        )
        .route(
            "/spaces/{space}/snapshot",
            put(snapshot::put)
                .get(snapshot::get)
                .layer(DefaultBodyLimit::max(MAX_SNAPSHOT_BODY)),
        )
        .route("/spaces/{space}/ws", get(ws::upgrade))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
