//! `kenesh-bench`: the relay benchmarks of `cargo xtask bench relay`. Prints progress, then
//! the results as one line of JSON, which xtask turns into a section of BENCHMARKS.md.
//!
//! Environment:
//! - `KENESH_RELAY_BIN`: the `kenesh-relay` binary to measure (required).
//! - `KENESH_AUTOMERGE_REPO`: a folder where npm installed
//!   `@automerge/automerge-repo-sync-server`, to measure it the same way; or
//!   `KENESH_AUTOMERGE_REPO_MISSING`: why it is not there (printed in the results).
//!
//! - `KENESH_BENCH_ONLY`: `kenesh` or `automerge-repo` to run one side (while working on
//!   the bench itself).
//!
//! Benchmarks report, they never judge: a slow number is not an error, only a broken
//! measurement is.

mod appends;
mod automerge_repo;
mod idle;
mod kenesh;
mod new_device;
mod process;
mod relay_client;
mod school;
mod stats;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::appends::Writer;
use crate::automerge_repo::SyncServer;
use crate::automerge_repo::peer::DocPeer;
use crate::automerge_repo::pusher::Pusher;
use crate::kenesh::{KeneshListener, KeneshWriter, Relay};

const WRITERS: [usize; 3] = [1, 10, 50];
/// Up to the relay's default `--max-connections`.
const CONNECTIONS: [usize; 3] = [1_000, 5_000, 10_000];
/// Listeners of the sync server, at most: each joins and syncs through Node's one thread
/// (about 4 s per 1,000 here), so 10,000 would take minutes.
const AUTOMERGE_REPO_CONNECTIONS: usize = 5_000;
const WARMUP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(5);
const NOTIFY_ROUNDS: usize = 20;
/// Listeners share this many member tokens (a school has dozens of members, not thousands).
const LISTENER_TOKENS: usize = 20;

#[tokio::main]
async fn main() -> Result<()> {
    let relay_bin = PathBuf::from(
        std::env::var_os("KENESH_RELAY_BIN").context("set KENESH_RELAY_BIN to the relay binary")?,
    );
    let open_files = process::raise_open_files();
    // Each connection is one descriptor here and one in the server; keep a margin.
    let connections: Vec<usize> = CONNECTIONS
        .into_iter()
        .filter(|&n| (n as u64) + 500 <= open_files)
        .collect();
    println!("open files limit {open_files}; connections measured: {connections:?}");

    let only = std::env::var("KENESH_BENCH_ONLY").unwrap_or_default();
    let kenesh = match only.as_str() {
        "automerge-repo" => json!({ "skipped": true }),
        _ => kenesh_benches(&relay_bin, &connections).await?,
    };
    let automerge_repo = match (
        std::env::var_os("KENESH_AUTOMERGE_REPO"),
        std::env::var("KENESH_AUTOMERGE_REPO_MISSING"),
    ) {
        _ if only == "kenesh" => json!({ "missing": "skipped (KENESH_BENCH_ONLY=kenesh)" }),
        (Some(folder), _) => automerge_repo_benches(&PathBuf::from(folder), &connections).await?,
        (None, Ok(reason)) => json!({ "missing": reason }),
        (None, Err(_)) => json!({ "missing": "KENESH_AUTOMERGE_REPO was not set" }),
    };
    let result = json!({
        "open_files": open_files,
        "warmup_s": WARMUP.as_secs_f64(),
        "measure_s": MEASURE.as_secs_f64(),
        "kenesh": kenesh,
        "automerge_repo": automerge_repo,
    });
    println!("{result}");
    Ok(())
}

async fn kenesh_benches(binary: &std::path::Path, connections: &[usize]) -> Result<Value> {
    let mut appends = Vec::new();
    {
        let relay = Relay::start(binary, 10_000).await?;
        let entries = Arc::new(school::sample_entries(relay.space, 500)?);
        let entry_bytes = entries.iter().map(|e| e.len() * 3 / 4).sum::<usize>() / entries.len();
        println!("kenesh appends: entries of {entry_bytes} bytes on average");
        for &count in &WRITERS {
            let mut writers = Vec::new();
            for i in 0..count {
                writers.push(KeneshWriter {
                    client: relay.client.clone(),
                    token: relay.member().await?,
                    entries: entries.clone(),
                    next: i * 7,
                });
            }
            let result = appends::run(writers, WARMUP, MEASURE).await?;
            println!("kenesh appends: {result:?}");
            appends.push(json!({ "entry_bytes": entry_bytes, "result": result }));
        }
    }

    let mut idle = Vec::new();
    for &count in connections {
        let relay = Relay::start(binary, count.max(10_000)).await?;
        let mut tokens = Vec::new();
        for _ in 0..LISTENER_TOKENS {
            tokens.push(relay.member().await?);
        }
        let entries = Arc::new(school::sample_entries(relay.space, 20)?);
        let writer = Arc::new(Mutex::new(KeneshWriter {
            client: relay.client.clone(),
            token: relay.admin.clone(),
            entries,
            next: 0,
        }));
        let url = relay.client.ws_url.clone();
        let result = idle::run(
            count,
            |i| {
                let (url, token) = (url.clone(), tokens[i % tokens.len()].clone());
                async move { KeneshListener::connect(&url, &token).await }
            },
            || {
                let writer = writer.clone();
                async move { writer.lock().await.append().await }
            },
            || relay.server.rss(),
            NOTIFY_ROUNDS,
        )
        .await?;
        println!("kenesh idle: {result:?}");
        idle.push(result);
    }

    let relay = Relay::start(binary, 10_000).await?;
    let device = new_device::run(&relay.client, &relay.admin, relay.space, &relay.data).await?;
    println!("kenesh new device: {device:?}");
    Ok(json!({ "appends": appends, "idle": idle, "new_device": device }))
}

async fn automerge_repo_benches(install: &std::path::Path, connections: &[usize]) -> Result<Value> {
    let versions = automerge_repo::versions(install)?;
    println!("automerge-repo: {versions:?}");
    let mut appends = Vec::new();
    {
        let server = SyncServer::start(install)?;
        DocPeer::wait_ready(&server.url).await?;
        for &count in &WRITERS {
            let mut writers = Vec::new();
            for _ in 0..count {
                writers.push(DocPeer::create(&server.url).await?);
            }
            let result = appends::run(writers, WARMUP, MEASURE).await?;
            println!("automerge-repo appends: {result:?}");
            appends.push(result);
        }
    }
    let mut idle = Vec::new();
    for &count in connections
        .iter()
        .filter(|&&n| n <= AUTOMERGE_REPO_CONNECTIONS)
    {
        match automerge_repo_idle(install, count).await {
            Ok(result) => {
                println!("automerge-repo idle: {result:?}");
                idle.push(json!(result));
            }
            // Reported, not fatal: a server that drops listeners under load is a result.
            Err(error) => {
                println!("automerge-repo idle with {count} connections failed: {error:#}");
                idle.push(json!({ "connections": count, "error": format!("{error:#}") }));
            }
        }
    }
    Ok(json!({ "versions": versions, "appends": appends, "idle": idle }))
}

async fn automerge_repo_idle(install: &std::path::Path, count: usize) -> Result<idle::Idle> {
    let server = SyncServer::start(install)?;
    DocPeer::wait_ready(&server.url).await?;
    let writer = DocPeer::create(&server.url).await?;
    let doc_id = writer.doc_id.clone();
    let writer = Arc::new(Pusher::spawn(writer));
    let url = server.url.clone();
    idle::run(
        count,
        |_| {
            let (url, doc_id) = (url.clone(), doc_id.clone());
            async move { DocPeer::open(&url, &doc_id).await }
        },
        || {
            let writer = writer.clone();
            async move { writer.push().await }
        },
        || server.server.rss(),
        NOTIFY_ROUNDS,
    )
    .await
}
