//! Per-host politeness: at most N requests at once and a minimum delay between request
//! starts, and backoff when a host fails or asks us to slow down.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// A number in `[0, 1)`, different on every call (std's per-instance hasher keys).
pub(crate) fn random_unit() -> f64 {
    let bits = std::collections::hash_map::RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// Exponential backoff with "equal jitter": after `failures` failures in a row, a delay
/// in `[e/2, e]` where `e = base * 2^(failures-1)`, capped at `cap`. Below the cap the
/// delays never shrink from one failure to the next.
pub(crate) fn backoff(base: Duration, cap: Duration, failures: u32, unit: f64) -> Duration {
    let exponent = failures.saturating_sub(1).min(30);
    let full = base.saturating_mul(1u32 << exponent).min(cap);
    full.mul_f64(0.5 + 0.5 * unit.clamp(0.0, 1.0))
}

/// `interval` spread by `jitter` (a fraction) either way, so feeds do not poll in step.
pub(crate) fn jittered(interval: Duration, jitter: f64, unit: f64) -> Duration {
    let jitter = jitter.clamp(0.0, 1.0);
    interval.mul_f64(1.0 + jitter * (2.0 * unit.clamp(0.0, 1.0) - 1.0))
}

/// How the host gates behave.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Politeness {
    pub concurrency: usize,
    pub min_delay: Duration,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    pub max_retry_after: Duration,
}

#[derive(Debug)]
struct Timing {
    next_start: Instant,
    blocked_until: Instant,
    failures: u32,
}

/// The gate in front of one host (`host:port`).
#[derive(Debug)]
pub(crate) struct HostGate {
    permits: Arc<Semaphore>,
    timing: Mutex<Timing>,
}

impl HostGate {
    fn new(concurrency: usize) -> HostGate {
        let now = Instant::now();
        HostGate {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            timing: Mutex::new(Timing { next_start: now, blocked_until: now, failures: 0 }),
        }
    }

    /// Waits for a free slot, the host's minimum delay and any backoff; the request may
    /// start when this returns, and the slot is held until the permit is dropped.
    pub async fn acquire(&self, min_delay: Duration) -> Option<OwnedSemaphorePermit> {
        let permit = Arc::clone(&self.permits).acquire_owned().await.ok()?;
        loop {
            let wait_until = {
                let mut timing = self.timing.lock().unwrap_or_else(PoisonError::into_inner);
                let now = Instant::now();
                let earliest = timing.next_start.max(timing.blocked_until);
                if earliest <= now {
                    timing.next_start = now + min_delay;
                    None
                } else {
                    Some(earliest)
                }
            };
            match wait_until {
                None => return Some(permit),
                Some(at) => tokio::time::sleep_until(at).await,
            }
        }
    }

    /// The host answered: its failure count starts again.
    pub fn succeeded(&self) {
        self.timing.lock().unwrap_or_else(PoisonError::into_inner).failures = 0;
    }

    /// The host failed (no connection, a timeout, 5xx) or asked us to wait (429,
    /// `Retry-After`): nothing more goes to it for the returned delay.
    pub fn failed(&self, politeness: &Politeness, retry_after: Option<Duration>) -> Duration {
        let mut timing = self.timing.lock().unwrap_or_else(PoisonError::into_inner);
        timing.failures = timing.failures.saturating_add(1);
        let mut delay =
            backoff(politeness.backoff_base, politeness.backoff_cap, timing.failures, random_unit());
        if let Some(asked) = retry_after {
            delay = delay.max(asked.min(politeness.max_retry_after));
        }
        timing.blocked_until = timing.blocked_until.max(Instant::now() + delay);
        delay
    }
}

/// The gates of every host seen so far.
#[derive(Debug, Default)]
pub(crate) struct Hosts {
    gates: Mutex<HashMap<String, Arc<HostGate>>>,
}

impl Hosts {
    /// The gate of a host (`host:port`), made on first use.
    pub fn gate(&self, host: &str, concurrency: usize) -> Arc<HostGate> {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(gates.entry(host.to_owned()).or_insert_with(|| Arc::new(HostGate::new(concurrency))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        let base = Duration::from_secs(10);
        let cap = Duration::from_secs(300);
        assert_eq!(backoff(base, cap, 1, 0.0), Duration::from_secs(5));
        assert_eq!(backoff(base, cap, 1, 1.0), Duration::from_secs(10));
        assert_eq!(backoff(base, cap, 3, 1.0), Duration::from_secs(40));
        assert_eq!(backoff(base, cap, 30, 1.0), cap);
        assert_eq!(backoff(base, cap, u32::MAX, 0.0), cap / 2);
        for failures in 1..5 {
            // The most the n-th delay can be is the least the next one can be.
            assert!(backoff(base, cap, failures, 1.0) <= backoff(base, cap, failures + 1, 0.0));
        }
        let unit = random_unit();
        assert!((0.0..1.0).contains(&unit));
        assert_ne!(random_unit().to_bits(), random_unit().to_bits());
    }

    #[test]
    fn jitter_spreads_both_ways() {
        let interval = Duration::from_secs(100);
        assert_eq!(jittered(interval, 0.1, 0.0), Duration::from_secs(90));
        assert_eq!(jittered(interval, 0.1, 1.0), Duration::from_secs(110));
        assert_eq!(jittered(interval, 0.0, 0.3), interval);
    }

    #[tokio::test(start_paused = true)]
    async fn a_gate_spaces_requests_and_honours_retry_after() {
        let politeness = Politeness {
            concurrency: 1,
            min_delay: Duration::from_millis(100),
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(30),
        };
        let gate = HostGate::new(politeness.concurrency);
        let start = Instant::now();
        drop(gate.acquire(politeness.min_delay).await);
        drop(gate.acquire(politeness.min_delay).await);
        assert!(start.elapsed() >= Duration::from_millis(100));
        let delay = gate.failed(&politeness, Some(Duration::from_secs(3600)));
        assert_eq!(delay, Duration::from_secs(30), "Retry-After is capped");
        let before = Instant::now();
        drop(gate.acquire(politeness.min_delay).await);
        assert!(before.elapsed() >= Duration::from_secs(30));
    }
}
