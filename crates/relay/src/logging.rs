//! Structured logs on stderr, filtered by `RUST_LOG` (default `info`), that never hold a
//! token or key.
//!
//! The relay's own events carry ids (space, member, blob) and counts, never a token, an
//! invite or a payload; request spans carry the method and the path only (see `app`).
//! Dependencies are another matter: at `trace`, tungstenite prints every WebSocket frame and
//! message, and a socket's first message is its token. So trace events of tungstenite are
//! dropped whatever `RUST_LOG` says.

use std::io::IsTerminal;

use tracing::Metadata;
use tracing_subscriber::filter::{EnvFilter, FilterExt, filter_fn};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, fmt};

/// Installs the global subscriber (once, at start).
pub fn init() {
    let env = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let layer = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_filter(env.and(filter_fn(may_log)));
    tracing_subscriber::registry().with(layer).init();
}

/// Whether an event or span may be logged at all: not the frame and message dumps of the
/// WebSocket library.
fn may_log(metadata: &Metadata<'_>) -> bool {
    let target = metadata.target();
    let websocket = target.starts_with("tungstenite") || target.starts_with("tokio_tungstenite");
    !(websocket && *metadata.level() == tracing::Level::TRACE)
}
