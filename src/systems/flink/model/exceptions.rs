//! Job exceptions: the 1.x root exception list and the exception history (1.13+, the only
//! form in 2.x).

use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /jobs/:jobid/exceptions[?maxExceptions=N]` (and `GET /applications/:id/exceptions`
/// in 2.3, which carries only `exceptionHistory`). Flink 1.12 fills `root-exception`,
/// `timestamp`, `all-exceptions` and `truncated`; 1.13–1.x fill both forms; 2.x only
/// `exceptionHistory`. Use [`JobExceptions::summaries`] to show either.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobExceptions {
    /// Stack trace of the latest root cause (1.x).
    #[serde(rename = "root-exception")]
    pub root_exception: Option<String>,
    /// When the root exception happened, epoch ms (1.x).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub timestamp: Option<i64>,
    /// Task failures of the current execution (1.x).
    #[serde(
        rename = "all-exceptions",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub all_exceptions: Vec<ExecutionException>,
    /// Whether `all-exceptions` was cut (1.x).
    pub truncated: Option<bool>,
    /// Failure history, newest first (1.13+).
    #[serde(rename = "exceptionHistory")]
    pub exception_history: Option<ExceptionHistory>,
}

/// An entry of `all-exceptions` in the 1.x `GET /jobs/:jobid/exceptions`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ExecutionException {
    /// Stack trace.
    pub exception: String,
    /// Name of the failed task with its subtask, e.g. "Map (1/2)".
    pub task: String,
    /// Task manager location, e.g. "host:port".
    pub location: String,
    /// When it happened, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub timestamp: i64,
    /// Task manager id (1.13+).
    #[serde(rename = "taskManagerId")]
    pub task_manager_id: Option<String>,
}

/// `exceptionHistory` of `GET /jobs/:jobid/exceptions`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ExceptionHistory {
    /// Failures, newest first.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub entries: Vec<ExceptionHistoryEntry>,
    /// Whether older entries were cut.
    pub truncated: bool,
}

/// A failure in the exception history: the root cause with the failures it caused at the same
/// time (`concurrentExceptions`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ExceptionHistoryEntry {
    /// Exception class, e.g. "java.lang.IllegalStateException".
    #[serde(rename = "exceptionName")]
    pub exception_name: String,
    /// Full stack trace.
    pub stacktrace: String,
    /// When it happened, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub timestamp: i64,
    /// Failed task with subtask, e.g. "Count Per Key (1/2)#0"; absent for global failures.
    #[serde(rename = "taskName")]
    pub task_name: Option<String>,
    /// Task manager location (deprecated in 1.16+ for `endpoint`).
    pub location: Option<String>,
    /// Task manager endpoint "host:port" (1.16+).
    pub endpoint: Option<String>,
    /// Task manager id.
    #[serde(rename = "taskManagerId")]
    pub task_manager_id: Option<String>,
    /// Labels from failure enrichers (1.18+).
    #[serde(
        rename = "failureLabels",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub failure_labels: BTreeMap<String, String>,
    /// Failures that happened together with this one (root entries only).
    #[serde(
        rename = "concurrentExceptions",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub concurrent_exceptions: Vec<ExceptionHistoryEntry>,
}

/// A failure reduced to what a list shows, built from either exception format.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionSummary {
    /// When it happened, epoch ms (-1 if unknown).
    pub timestamp: i64,
    /// First line of the stack trace.
    pub headline: String,
    /// Failed task, if known.
    pub task: Option<String>,
    /// Where it ran, if known.
    pub location: Option<String>,
    /// Full stack trace.
    pub stacktrace: String,
}

impl JobExceptions {
    /// Failures newest first: the exception history when present (1.13+), else the 1.x root
    /// exception followed by the task exceptions.
    pub fn summaries(&self) -> Vec<ExceptionSummary> {
        if let Some(history) = &self.exception_history {
            if !history.entries.is_empty() || self.root_exception.is_none() {
                return history
                    .entries
                    .iter()
                    .map(|e| ExceptionSummary {
                        timestamp: e.timestamp,
                        headline: first_line(&e.stacktrace, &e.exception_name),
                        task: e.task_name.clone(),
                        location: e.endpoint.clone().or_else(|| e.location.clone()),
                        stacktrace: e.stacktrace.clone(),
                    })
                    .collect();
            }
        }
        let mut out = Vec::new();
        if let Some(root) = &self.root_exception {
            out.push(ExceptionSummary {
                timestamp: self.timestamp.unwrap_or(-1),
                headline: first_line(root, ""),
                task: None,
                location: None,
                stacktrace: root.clone(),
            });
        }
        out.extend(self.all_exceptions.iter().map(|e| ExceptionSummary {
            timestamp: e.timestamp,
            headline: first_line(&e.exception, ""),
            task: Some(e.task.clone()).filter(|t| !t.is_empty()),
            location: Some(e.location.clone()).filter(|l| !l.is_empty()),
            stacktrace: e.exception.clone(),
        }));
        out
    }
}

fn first_line(text: &str, fallback: &str) -> String {
    text.lines()
        .next()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or(fallback)
        .to_string()
}
