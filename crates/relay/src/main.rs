//! `kenesh-relay`: parses flags, binds, prints the address and serves [`kenesh_relay::app`].

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, ensure};
use clap::Parser;
use kenesh_relay::{AppState, Cli, Db, serve};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    kenesh_relay::logging::init();

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

    let db = Db::open(&cli.data).context("cannot open the data file")?;
    let data = std::path::absolute(&cli.data).unwrap_or_else(|_| cli.data.clone());

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
    tracing::info!(%addr, dist = %dist.display(), data = %data.display(), "serving the app and the sync API");

    serve(listener, AppState::with_limits(dist, db, cli.limits()))
        .await
        .context("server error")
}
