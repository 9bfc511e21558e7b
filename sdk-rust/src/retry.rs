//! How long to wait before sending again, and the random bits for jitter and idempotency keys.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// A `Retry-After` longer than this is not waited out: the error goes back to the caller, who knows better.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Capped exponential backoff with ±10 % jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first: Duration::from_millis(250),
            max: Duration::from_secs(8),
        }
    }
}

impl Backoff {
    /// The wait before retry number `attempt + 1`: the server's `Retry-After` when it sent one (`None` when that
    /// is too long to wait), else `first * 2^attempt`, capped at `max`, jittered.
    pub fn wait(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        match retry_after {
            Some(after) if after > MAX_RETRY_AFTER => None,
            Some(after) => Some(after),
            None => Some(self.delay(attempt)),
        }
    }

    /// `first * 2^attempt`, capped at `max`, then ±10 %.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exponential = self.first.saturating_mul(1u32 << attempt.min(20));
        let capped = exponential.min(self.max);
        // A factor in [0.9, 1.1).
        let factor = 0.9 + 0.2 * (random_u64() >> 11) as f64 / (1u64 << 53) as f64;
        capped.mul_f64(factor)
    }
}

/// 64 random bits: a fresh randomly-keyed SipHash of a counter and the clock (no extra dependency).
pub(crate) fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.finish()
}

/// A new `Idempotency-Key`: 128 random bits, so that this client's retries of one create never make two plans.
pub(crate) fn idempotency_key() -> String {
    format!("rs-{:016x}{:016x}", random_u64(), random_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_up_to_the_cap_within_the_jitter() {
        let backoff = Backoff {
            first: Duration::from_millis(100),
            max: Duration::from_millis(1000),
        };
        for (attempt, nominal) in [
            (0, 100),
            (1, 200),
            (2, 400),
            (3, 800),
            (4, 1000),
            (30, 1000),
        ] {
            let d = backoff.delay(attempt).as_secs_f64() * 1000.0;
            assert!(
                d >= nominal as f64 * 0.9 && d < nominal as f64 * 1.1,
                "attempt {attempt}: {d} ms"
            );
        }
    }

    #[test]
    fn retry_after_wins_and_a_long_one_ends_the_retries() {
        let backoff = Backoff::default();
        assert_eq!(
            backoff.wait(0, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(backoff.wait(0, Some(Duration::from_secs(3600))), None);
    }

    #[test]
    fn keys_differ() {
        let keys: std::collections::HashSet<_> = (0..1000).map(|_| idempotency_key()).collect();
        assert_eq!(keys.len(), 1000);
        assert!(keys.iter().all(|k| k.len() == 35));
    }
}
