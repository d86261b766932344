//! `kenesh-relay`: parses flags, binds, prints the address and serves [`kenesh_relay::app`].

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, ensure};
use clap::Parser;
use kenesh_relay::{AppState, Cli, app, serve};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();

    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let dist = std::path::absolute(&cli.dist)
        .with_context(|| format!("cannot resolve the folder {}", cli.dist.display()))?;
    ensure!(
        dist.join("index.html").is_file(),
        "{} has no index.html: build the app first (`cargo xtask build`) or pass --dist",
        dist.display()
    );

    let listener = TcpListener::bind(cli.addr)
        .await
        .with_context(|| format!("cannot listen on {}", cli.addr))?;
    let addr = listener
        .local_addr()
        .context("cannot read the bound address")?;

    // The one line on stdout: scripts and tests read it to learn the port.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "Kenesh is running at http://{addr}/")
        .and_then(|()| stdout.flush())
        .context("cannot write to stdout")?;
    drop(stdout);
    tracing::info!(%addr, dist = %dist.display(), "serving the app");

    serve(listener, app(AppState::new(dist)))
        .await
        .context("server error")
}
