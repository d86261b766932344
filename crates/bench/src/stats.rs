//! Latency samples and their percentiles.

use std::time::Duration;

use serde::Serialize;

/// p50, p99 and max of a set of durations, in milliseconds.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Percentiles {
    pub n: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Percentiles {
    pub fn of(samples: &[Duration]) -> Percentiles {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        // Nearest rank: the smallest sample with at least p % of the samples at or below it.
        let rank = |p: f64| {
            if ms.is_empty() {
                return f64::NAN;
            }
            let index = ((p / 100.0) * ms.len() as f64).ceil() as usize;
            round(ms[index.clamp(1, ms.len()) - 1])
        };
        Percentiles {
            n: ms.len(),
            p50_ms: rank(50.0),
            p99_ms: rank(99.0),
            max_ms: ms.last().copied().map(round).unwrap_or(f64::NAN),
        }
    }
}

/// Two decimals are plenty for milliseconds.
pub fn round(ms: f64) -> f64 {
    (ms * 100.0).round() / 100.0
}

pub fn millis(duration: Duration) -> f64 {
    round(duration.as_secs_f64() * 1e3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(&samples);
        assert_eq!(
            (p.n, p.p50_ms, p.p99_ms, p.max_ms),
            (100, 50.0, 99.0, 100.0)
        );
        assert!(Percentiles::of(&[]).p50_ms.is_nan());
    }
}
