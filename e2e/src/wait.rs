//! Polling: the console loads data asynchronously, so every check waits for what it expects.

use std::time::{Duration, Instant};

/// How long a check waits by default before it fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How often a check looks again.
pub const POLL: Duration = Duration::from_millis(100);

/// Runs `probe` until it returns `Some`, for at most `timeout`; panics naming `what` (and the
/// last thing `probe` saw, through `last`) when time runs out.
pub async fn eventually_within<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl AsyncFnMut(&mut String) -> Option<T>,
) -> T {
    let start = Instant::now();
    let mut last = String::new();
    loop {
        if let Some(v) = probe(&mut last).await {
            return v;
        }
        if start.elapsed() > timeout {
            panic!(
                "timed out after {:?} waiting for {what}; last seen: {last}",
                timeout
            );
        }
        tokio::time::sleep(POLL).await;
    }
}

/// [`eventually_within`] with the default [`TIMEOUT`].
pub async fn eventually<T>(what: &str, probe: impl AsyncFnMut(&mut String) -> Option<T>) -> T {
    eventually_within(what, TIMEOUT, probe).await
}
