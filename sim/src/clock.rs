//! The simulated clock: real time since start plus an offset that tests can advance.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Shared simulated clock. Everything time-driven (tasks finishing, counters growing) reads it.
#[derive(Debug)]
pub struct SimClock {
    epoch_ms: i64,
    started: Instant,
    offset_ms: AtomicI64,
}

impl SimClock {
    /// A clock that starts at `epoch_ms` (or the real time when `None`).
    pub fn new(epoch_ms: Option<i64>) -> SimClock {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        SimClock {
            epoch_ms: epoch_ms.unwrap_or(real),
            started: Instant::now(),
            offset_ms: AtomicI64::new(0),
        }
    }

    /// Simulated "now" in epoch milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.epoch_ms
            + self.started.elapsed().as_millis() as i64
            + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Simulated "now" in epoch nanoseconds.
    pub fn now_ns(&self) -> i64 {
        self.epoch_ms * 1_000_000
            + self.started.elapsed().as_nanos() as i64
            + self.offset_ms.load(Ordering::Relaxed) * 1_000_000
    }

    /// The epoch milliseconds at which the simulation started.
    pub fn start_ms(&self) -> i64 {
        self.epoch_ms
    }

    /// Seconds of simulated time since start (fractional).
    pub fn elapsed_secs(&self) -> f64 {
        (self.now_ms() - self.epoch_ms) as f64 / 1000.0
    }

    /// Moves simulated time forward by `ms` (negative values are ignored; at most ten years per call).
    pub fn advance(&self, ms: i64) {
        const TEN_YEARS: i64 = 10 * 365 * 86_400_000;
        if ms > 0 && self.offset_ms.load(Ordering::Relaxed) < 100 * TEN_YEARS {
            self.offset_ms
                .fetch_add(ms.min(TEN_YEARS), Ordering::Relaxed);
        }
    }
}
