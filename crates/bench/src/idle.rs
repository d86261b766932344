//! Idle WebSocket connections: open `count` listeners, let them sit, read the server's
//! memory; then one client pushes a change and every listener's update is timed.

use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::stats::{Percentiles, round};

/// A device holding a connection open, waiting to hear of changes.
pub trait Listener: Send + 'static {
    /// Waits for the next message announcing a change; returns when it arrived.
    fn next_update(&mut self) -> impl Future<Output = Result<Instant>> + Send;
}

#[derive(Debug, Serialize)]
pub struct Idle {
    pub connections: usize,
    pub connect_seconds: f64,
    /// The server's resident memory with no listener, and with `connections` of them.
    pub rss_before_mib: f64,
    pub rss_mib: f64,
    /// (rss - rss_before) / connections.
    pub per_connection_kib: f64,
    /// From the start of a push to each listener's message: every listener, every round.
    pub notify: Percentiles,
    pub rounds: usize,
}

/// Connections opened at once while setting up.
const CONNECTING: usize = 100;
const MIB: f64 = 1024.0 * 1024.0;

/// Opens `count` listeners with `connect(i)`, waits, reads `rss()`, then `rounds` times
/// runs `push()` and times the update's arrival at every listener.
pub async fn run<L, C, CF, P, PF>(
    count: usize,
    connect: C,
    mut push: P,
    rss: impl Fn() -> Result<u64>,
    rounds: usize,
) -> Result<Idle>
where
    L: Listener,
    C: Fn(usize) -> CF,
    CF: Future<Output = Result<L>> + Send + 'static,
    P: FnMut() -> PF,
    PF: Future<Output = Result<()>>,
{
    let rss_before = rss()?;
    let started = Instant::now();
    let (arrivals, mut arrived) = mpsc::unbounded_channel::<Instant>();
    let mut listeners = JoinSet::new();
    let mut connecting: JoinSet<Result<L>> = JoinSet::new();
    for i in 0..count {
        if connecting.len() >= CONNECTING {
            let listener = connecting
                .join_next()
                .await
                .expect("not empty")?
                .context("connecting a listener")?;
            listeners.spawn(listen(listener, arrivals.clone()));
        }
        connecting.spawn(connect(i));
    }
    while let Some(listener) = connecting.join_next().await {
        let listener = listener?.context("connecting a listener")?;
        listeners.spawn(listen(listener, arrivals.clone()));
    }
    let connect_seconds = started.elapsed().as_secs_f64();
    // Idle for a while: what the server keeps per connection, not what it allocated to
    // accept it.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_now = rss()?;

    let mut latencies = Vec::with_capacity(count * rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        push().await.context("pushing a change")?;
        for _ in 0..count {
            let at = tokio::time::timeout(Duration::from_secs(60), arrived.recv())
                .await
                .context("a listener heard nothing within 60 s")?
                .context("the listeners stopped")?;
            latencies.push(at.saturating_duration_since(start));
        }
        if let Some(Some(Err(error))) = listeners.try_join_next().map(|r| r.ok()) {
            bail!("a listener failed: {error:#}");
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    listeners.abort_all();
    Ok(Idle {
        connections: count,
        connect_seconds: round(connect_seconds),
        rss_before_mib: round(rss_before as f64 / MIB),
        rss_mib: round(rss_now as f64 / MIB),
        per_connection_kib: round((rss_now as f64 - rss_before as f64) / count as f64 / 1024.0),
        notify: Percentiles::of(&latencies),
        rounds,
    })
}

async fn listen<L: Listener>(
    mut listener: L,
    arrivals: mpsc::UnboundedSender<Instant>,
) -> Result<()> {
    loop {
        let at = listener.next_update().await?;
        if arrivals.send(at).is_err() {
            return Ok(());
        }
    }
}
