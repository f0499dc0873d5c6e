//! Small shapes that several Flink responses share.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Error body of any failed Flink REST call: `{"errors": ["..."]}` (any endpoint, 4xx/5xx).
/// The entries can be whole Java stack traces.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ErrorResponse {
    /// Messages, most often one; may be a Java stack trace.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub errors: Vec<String>,
}

impl ErrorResponse {
    /// The first line of the first message, e.g. "...NotFoundException: Job 00.. not found".
    pub fn headline(&self) -> Option<&str> {
        self.errors.first().and_then(|e| e.lines().next())
    }
}

/// Record and byte counters of a vertex, subtask or task manager (`metrics` in `/jobs/:jobid`
/// vertices, `/jobs/:jobid/vertices/:vertexid` subtasks and `.../taskmanagers`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct IoMetrics {
    /// Bytes received.
    #[serde(rename = "read-bytes", deserialize_with = "crate::net::lenient::int")]
    pub read_bytes: i64,
    /// Whether `read_bytes` covers all subtasks.
    #[serde(rename = "read-bytes-complete")]
    pub read_bytes_complete: bool,
    /// Bytes sent.
    #[serde(rename = "write-bytes", deserialize_with = "crate::net::lenient::int")]
    pub write_bytes: i64,
    /// Whether `write_bytes` covers all subtasks.
    #[serde(rename = "write-bytes-complete")]
    pub write_bytes_complete: bool,
    /// Records received.
    #[serde(rename = "read-records", deserialize_with = "crate::net::lenient::int")]
    pub read_records: i64,
    /// Whether `read_records` covers all subtasks.
    #[serde(rename = "read-records-complete")]
    pub read_records_complete: bool,
    /// Records sent.
    #[serde(rename = "write-records", deserialize_with = "crate::net::lenient::int")]
    pub write_records: i64,
    /// Whether `write_records` covers all subtasks.
    #[serde(rename = "write-records-complete")]
    pub write_records_complete: bool,
    /// Milliseconds spent back-pressured (1.13+; absent before).
    #[serde(
        rename = "accumulated-backpressured-time",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub accumulated_backpressured_time: Option<i64>,
    /// Milliseconds spent idle (1.13+).
    #[serde(
        rename = "accumulated-idle-time",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub accumulated_idle_time: Option<i64>,
    /// Milliseconds spent busy (1.13+; a float, or NaN when unknown).
    #[serde(
        rename = "accumulated-busy-time",
        deserialize_with = "crate::net::lenient::opt_float"
    )]
    pub accumulated_busy_time: Option<f64>,
}

/// Min/max/average statistics with optional percentiles: checkpoint `summary` entries in
/// `/jobs/:jobid/checkpoints` and `.../checkpoints/details/:checkpointid/subtasks/:vertexid`,
/// and duration statistics of `/jobs/:jobid/rescales/summary`. Percentiles are 1.13+ and come
/// as `"NaN"` when there are too few samples; they are `None` then.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct StatsSummary {
    /// Minimum (-1 when unknown).
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub min: i64,
    /// Maximum (-1 when unknown).
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub max: i64,
    /// Average.
    #[serde(deserialize_with = "crate::net::lenient::float")]
    pub avg: f64,
    /// Median.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p50: Option<f64>,
    /// 90th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p90: Option<f64>,
    /// 95th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p95: Option<f64>,
    /// 99th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p99: Option<f64>,
    /// 99.9th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p999: Option<f64>,
}

/// Statistics of one value across the subtasks of a vertex: entries of `aggregated.metrics`
/// and `aggregated.status-duration` in `/jobs/:jobid/vertices/:vertexid` (1.17+).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskAggregate {
    /// Minimum over subtasks.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub min: Option<f64>,
    /// Maximum over subtasks.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub max: Option<f64>,
    /// Average over subtasks.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub avg: Option<f64>,
    /// Sum over subtasks.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub sum: Option<f64>,
    /// Median over subtasks.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub median: Option<f64>,
    /// 25th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p25: Option<f64>,
    /// 75th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p75: Option<f64>,
    /// 95th percentile.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub p95: Option<f64>,
}

/// Per-subtask aggregates of a vertex (`aggregated` in `/jobs/:jobid/vertices/:vertexid` and
/// `.../taskmanagers`, 1.17+): I/O metrics and time spent per execution state.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskAggregates {
    /// Keyed by I/O metric name, e.g. "read-records", "accumulated-busy-time".
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub metrics: BTreeMap<String, SubtaskAggregate>,
    /// Keyed by execution state, e.g. "RUNNING": milliseconds spent in it.
    #[serde(
        rename = "status-duration",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub status_duration: BTreeMap<String, SubtaskAggregate>,
}

/// A user accumulator: entries of `user-task-accumulators` in `/jobs/:jobid/accumulators` and
/// of `user-accumulators` in the vertex/subtask accumulator endpoints. The value is Flink's
/// `toString()` of the accumulator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct UserAccumulator {
    /// Name given by the job.
    pub name: String,
    /// Accumulator class, e.g. "LongCounter".
    #[serde(rename = "type")]
    pub kind: String,
    /// Value as text.
    pub value: String,
}

/// A Java exception as Flink serialises it (`failure-cause` of async operations and of
/// `/jobs/:jobid/execution-result`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SerializedThrowable {
    /// Exception class name.
    pub class: Option<String>,
    /// Stack trace text.
    #[serde(rename = "stack-trace")]
    pub stack_trace: Option<String>,
    /// Base64 Java serialisation; not meant for display.
    #[serde(rename = "serialized-throwable")]
    pub serialized_throwable: Option<String>,
}

impl SerializedThrowable {
    /// The first line of the stack trace, else the class name.
    pub fn headline(&self) -> Option<&str> {
        self.stack_trace
            .as_deref()
            .and_then(|s| s.lines().next())
            .or(self.class.as_deref())
    }
}

/// A URL answer: `/jobs/:jobid/jobmanager/log-url` and `/jobs/:jobid/taskmanagers/:tmid/log-url`
/// (1.15+), pointing at the Flink dashboard's log page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LogUrl {
    /// Absolute URL of the log page.
    pub url: String,
}
