//! Kenesh relay: one process that serves the built web app and the sync API.
//!
//! [`app`] builds the whole HTTP surface from an [`AppState`]; `main.rs` only parses flags,
//! opens the store, binds and calls [`serve`]. Tests drive [`app`] with
//! `tower::ServiceExt::oneshot` and the real binary on a loopback socket.
//!
//! The sync API is exactly the protocol of `kenesh_protocol` (routes, bodies, status codes,
//! limits). One concept per module: `db` (the SQLite file), `auth` (tokens and roles),
//! `access` (registering, inviting, joining, revoking), `log` (push and pull), `blobs`,
//! `snapshot`, `ws` and `notify` (telling sockets about growth), `limits` (rate and
//! connections), `body` and `ids` (decoding input), `error`, `logging`.
//!
//! Invariant (see the architecture notes): the relay never decrypts and never interprets a
//! record: it stores the ciphertext clients send, as they send it. Tokens and invite secrets
//! are kept only as SHA-256 and never logged; request logs carry the method and the path,
//! never the query string or headers.

mod access;
mod api;
mod auth;
mod blobs;
mod body;
mod cli;
mod db;
mod error;
mod health;
mod ids;
mod limits;
mod log;
pub mod logging;
mod notify;
mod serve;
mod snapshot;
mod state;
mod static_files;
mod ws;

use axum::Router;
use axum::extract::Request;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use cli::Cli;
pub use db::{Db, OpenError};
pub use error::AppError;
pub use limits::Limits;
pub use serve::serve;
pub use state::AppState;

/// Every route of the relay.
///
/// `/healthz` answers `ok`; `/api/…` is the sync API; every other path is a file of the
/// built app (`/` is `index.html`), compressed with gzip or brotli when the client accepts it.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .nest("/api", api::router(state.clone()))
        .fallback_service(static_files::router(state.dist()))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
}

/// The span of one request: method and path only. The query string and the headers (where
/// the token travels) are left out on purpose.
fn request_span(request: &Request) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
    )
}
