//! Appends per second with concurrent writers: each writer appends one small change, waits
//! until the server confirms it, and appends the next, for a fixed time.

use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;
use tokio::task::JoinSet;

use crate::stats::Percentiles;

/// One writer: a device with its own connection that appends and waits for the answer.
pub trait Writer: Send + 'static {
    /// Appends one change; returns once the server confirmed it.
    fn append(&mut self) -> impl Future<Output = Result<()>> + Send;
}

#[derive(Debug, Serialize)]
pub struct Appends {
    pub writers: usize,
    pub appends: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub latency: Percentiles,
}

/// Runs `writers` together: `warmup` first (not counted), then `measure`.
pub async fn run<W: Writer>(
    writers: Vec<W>,
    warmup: Duration,
    measure: Duration,
) -> Result<Appends> {
    let count = writers.len();
    let start = Instant::now() + warmup;
    let end = start + measure;
    let mut tasks = JoinSet::new();
    for mut writer in writers {
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let t = Instant::now();
                if t >= end {
                    break;
                }
                writer.append().await?;
                if t >= start {
                    latencies.push(t.elapsed());
                }
            }
            anyhow::Ok(latencies)
        });
    }
    let mut all = Vec::new();
    while let Some(done) = tasks.join_next().await {
        all.extend(done??);
    }
    // Appends started in the window; the last ones end a little after it.
    let seconds = measure.as_secs_f64();
    Ok(Appends {
        writers: count,
        appends: all.len(),
        seconds,
        per_second: (all.len() as f64 / seconds).round(),
        latency: Percentiles::of(&all),
    })
}
