//! Serving the relay on a bound listener until Ctrl-C or SIGTERM.

use std::io;
use std::time::Duration;

use tokio::net::TcpListener;

use crate::{AppState, app};

/// How long open WebSockets get to say goodbye on shutdown.
const DRAIN: Duration = Duration::from_secs(2);

/// Serves [`app`] of `state` on `listener`; on Ctrl-C or SIGTERM stops accepting, lets
/// requests in flight finish, closes WebSockets with 1001 (going away), and returns.
pub async fn serve(listener: TcpListener, state: AppState) -> io::Result<()> {
    let closing = state.clone();
    let served = axum::serve(listener, app(state.clone()))
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            closing.hub().shut_down();
        })
        .await;
    let deadline = tokio::time::Instant::now() + DRAIN;
    while state.connections().held() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    served
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };

    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
