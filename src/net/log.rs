//! The request log: every call the console makes, for the "API inspector" panel.

use leptos::prelude::*;
use std::cell::RefCell;

/// How many calls the log keeps (the oldest go first).
pub const LOG_CAPACITY: usize = 500;

/// One call, as the request log shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// Increasing number of the call.
    pub id: u64,
    /// HTTP method.
    pub method: String,
    /// The full URL called.
    pub url: String,
    /// The status, once answered.
    pub status: Option<u16>,
    /// Milliseconds from start to end (or so far).
    pub duration_ms: f64,
    /// Response size in bytes, once read.
    pub size: Option<usize>,
    /// The failure, if any, in one line.
    pub error: Option<String>,
    /// The curl equivalent, credentials masked.
    pub curl: String,
    /// Whether the call is still running.
    pub pending: bool,
}

thread_local! {
    static LOG: RefCell<Option<ArcRwSignal<Vec<LogEntry>>>> = const { RefCell::new(None) };
    static NEXT_ID: RefCell<u64> = const { RefCell::new(1) };
}

/// The reactive list of logged calls, newest last.
pub fn entries() -> ArcRwSignal<Vec<LogEntry>> {
    LOG.with(|l| {
        l.borrow_mut()
            .get_or_insert_with(|| ArcRwSignal::new(Vec::new()))
            .clone()
    })
}

/// Records the start of a call and returns its id.
pub fn start(method: &str, url: &str, curl: String) -> u64 {
    let id = NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n - 1
    });
    entries().update(|v| {
        if v.len() >= LOG_CAPACITY {
            v.remove(0);
        }
        v.push(LogEntry {
            id,
            method: method.to_string(),
            url: url.to_string(),
            status: None,
            duration_ms: 0.0,
            size: None,
            error: None,
            curl,
            pending: true,
        });
    });
    id
}

/// Records how a call ended.
pub fn finish(
    id: u64,
    status: Option<u16>,
    duration_ms: f64,
    size: Option<usize>,
    error: Option<String>,
) {
    entries().update(|v| {
        if let Some(e) = v.iter_mut().find(|e| e.id == id) {
            e.status = status;
            e.duration_ms = duration_ms;
            e.size = size;
            e.error = error;
            e.pending = false;
        }
    });
}

/// Empties the log.
pub fn clear() {
    entries().set(Vec::new());
}
