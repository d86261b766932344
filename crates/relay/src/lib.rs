//! Kenesh relay: one process that serves the built web app and, from issue #3 on, the sync API.
//!
//! [`app`] builds the whole HTTP surface from an [`AppState`]; `main.rs` only parses flags,
//! binds and calls [`serve`]. Tests drive [`app`] with `tower::ServiceExt::oneshot` and the
//! real binary on a loopback socket.
//!
//! Invariant (see the architecture notes): the relay never decrypts and never interprets a
//! record; today it only serves files.

mod cli;
mod error;
mod health;
mod serve;
mod state;
mod static_files;

use axum::Router;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use cli::Cli;
pub use error::AppError;
pub use serve::serve;
pub use state::AppState;

/// Every route of the relay.
///
/// `/healthz` answers `ok`; every other path is a file of the built app (`/` is
/// `index.html`), compressed with gzip or brotli when the client accepts it.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .fallback_service(static_files::router(state.dist()))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}
