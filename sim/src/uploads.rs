//! Request bodies the simulators read as a stream (StarRocks stream load): how many were started,
//! finished and broken off by the client, how many bytes arrived, and an optional reading rate so
//! that a test can catch an upload in the middle.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use http_body_util::BodyExt;
use serde_json::{json, Value};

/// Counters of streamed uploads and the reading rate.
#[derive(Default)]
pub struct Uploads {
    started: AtomicU64,
    completed: AtomicU64,
    aborted: AtomicU64,
    bytes: AtomicU64,
    rate: AtomicU64,
}

/// What one upload brought.
pub struct Received {
    /// Its first bytes, up to the limit given to [`Uploads::read`].
    pub kept: Vec<u8>,
    /// Every byte received.
    pub total: u64,
    /// Line breaks in all of it.
    pub lines: u64,
}

impl Uploads {
    /// Nothing counted, no rate limit.
    pub fn new() -> Arc<Uploads> {
        Arc::new(Uploads::default())
    }

    /// Reads at most `bytes_per_sec` (0: as fast as the client sends).
    pub fn set_rate(&self, bytes_per_sec: u64) {
        self.rate.store(bytes_per_sec, Ordering::Relaxed);
    }

    /// Sets every counter back to 0.
    pub fn reset(&self) {
        for c in [&self.started, &self.completed, &self.aborted, &self.bytes] {
            c.store(0, Ordering::Relaxed);
        }
    }

    /// The counters and rate as JSON.
    pub fn to_json(&self) -> Value {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        json!({"started": g(&self.started), "completed": g(&self.completed),
               "aborted": g(&self.aborted), "bytes": g(&self.bytes),
               "bytes_per_sec": g(&self.rate)})
    }

    /// Reads `body` to its end, keeping its first `keep` bytes; `None` when the client broke it
    /// off. A read dropped halfway (its connection closed) counts as aborted too.
    pub async fn read(&self, mut body: Body, keep: usize) -> Option<Received> {
        self.started.fetch_add(1, Ordering::Relaxed);
        let mut pending = Pending {
            aborted: &self.aborted,
            done: false,
        };
        let mut r = Received {
            kept: Vec::new(),
            total: 0,
            lines: 0,
        };
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else {
                return None;
            };
            let Ok(data) = frame.into_data() else {
                continue;
            };
            let room = keep.saturating_sub(r.kept.len()).min(data.len());
            r.kept.extend_from_slice(&data[..room]);
            r.total += data.len() as u64;
            r.lines += data.iter().filter(|b| **b == b'\n').count() as u64;
            self.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
            let rate = self.rate.load(Ordering::Relaxed);
            if let Some(ms) = (data.len() as u64 * 1000).checked_div(rate) {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
        }
        pending.done = true;
        self.completed.fetch_add(1, Ordering::Relaxed);
        Some(r)
    }
}

/// Counts a read as aborted unless it got to the end.
struct Pending<'a> {
    aborted: &'a AtomicU64,
    done: bool,
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.aborted.fetch_add(1, Ordering::Relaxed);
        }
    }
}
