//! Limits that protect the relay: a request rate per token and a cap on WebSocket
//! connections. Body sizes and counts per request come from `kenesh_protocol::limits`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::auth::SecretHash;

/// Tunable limits, from the command line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Most WebSocket connections held at once.
    pub max_connections: usize,
    /// Requests per second each token may make on average; 0 turns the limit off.
    pub rate: f64,
    /// Requests a token may make at once after a quiet spell.
    pub burst: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 10_000,
            rate: 50.0,
            burst: 200,
        }
    }
}

/// Buckets kept before full (idle) ones are forgotten.
const PRUNE_AT: usize = 10_000;

/// A token bucket per token hash, in memory: each token holds up to `burst` requests and
/// regains `rate` per second.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<SecretHash, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub(crate) fn new(rate: f64, burst: u32) -> Self {
        Self {
            rate: if rate.is_finite() { rate.max(0.0) } else { 0.0 },
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the token with this hash may make one more request now (and counts it).
    pub(crate) fn allow(&self, key: &SecretHash) -> bool {
        self.allow_at(key, Instant::now())
    }

    fn allow_at(&self, key: &SecretHash, now: Instant) -> bool {
        if self.rate == 0.0 {
            return true;
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= PRUNE_AT && !buckets.contains_key(key) {
            let (rate, burst) = (self.rate, self.burst);
            buckets.retain(|_, bucket| bucket.refilled(now, rate, burst) < burst);
        }
        let bucket = buckets.entry(*key).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        bucket.tokens = bucket.refilled(now, self.rate, self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

impl Bucket {
    fn refilled(&self, now: Instant, rate: f64, burst: f64) -> f64 {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + elapsed * rate).min(burst)
    }
}

/// At most `max` WebSocket connections at once; a connection holds its permit until it ends.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionCap {
    permits: Arc<Semaphore>,
    max: usize,
}

impl ConnectionCap {
    pub(crate) fn new(max: usize) -> Self {
        let max = max.min(Semaphore::MAX_PERMITS);
        Self {
            permits: Arc::new(Semaphore::new(max)),
            max,
        }
    }

    /// Connections held now.
    pub(crate) fn held(&self) -> usize {
        self.max.saturating_sub(self.permits.available_permits())
    }

    /// A permit for one more connection, `None` when the relay holds as many as it may.
    pub(crate) fn try_acquire(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.permits).try_acquire_owned().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_the_rate() {
        let limiter = RateLimiter::new(10.0, 3);
        let key = [1; 32];
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.allow_at(&key, start));
        }
        assert!(!limiter.allow_at(&key, start));
        assert!(
            limiter.allow_at(&[2; 32], start),
            "other tokens are unaffected"
        );
        assert!(!limiter.allow_at(&key, start + Duration::from_millis(50)));
        assert!(limiter.allow_at(&key, start + Duration::from_millis(150)));
    }

    #[test]
    fn rate_zero_is_unlimited() {
        let limiter = RateLimiter::new(0.0, 1);
        for _ in 0..1000 {
            assert!(limiter.allow(&[0; 32]));
        }
    }

    #[test]
    fn idle_buckets_are_forgotten() {
        let limiter = RateLimiter::new(1000.0, 1);
        let start = Instant::now();
        for i in 0..PRUNE_AT as u32 {
            let mut key = [0; 32];
            key[..4].copy_from_slice(&i.to_le_bytes());
            assert!(limiter.allow_at(&key, start));
        }
        assert!(limiter.allow_at(&[0xff; 32], start + Duration::from_secs(1)));
        assert_eq!(limiter.buckets.lock().unwrap().len(), 1);
    }

    #[test]
    fn the_connection_cap_holds() {
        let cap = ConnectionCap::new(2);
        let first = cap.try_acquire().unwrap();
        let _second = cap.try_acquire().unwrap();
        assert!(cap.try_acquire().is_none());
        assert_eq!(cap.held(), 2);
        drop(first);
        assert!(cap.try_acquire().is_some());
    }
}
