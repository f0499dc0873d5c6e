//! One vertex of a job: subtasks, attempts, accumulators, back pressure, times, task managers,
//! flame graphs.

use super::common::{IoMetrics, SubtaskAggregates, UserAccumulator};
use super::states::{ExecutionState, ExecutionStateCounts};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /jobs/:jobid/vertices/:vertexid`: a vertex with the current attempt of each subtask.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobVertexDetails {
    /// Vertex id.
    pub id: String,
    /// Vertex name.
    pub name: String,
    /// Parallelism.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub parallelism: i64,
    /// Max parallelism (1.13+).
    #[serde(
        rename = "maxParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub max_parallelism: Option<i64>,
    /// Server time of the answer, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub now: i64,
    /// One entry per subtask.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub subtasks: Vec<SubtaskAttempt>,
    /// Statistics over the subtasks (1.17+).
    pub aggregated: Option<SubtaskAggregates>,
}

/// An execution attempt of a subtask: entries of `subtasks` in
/// `/jobs/:jobid/vertices/:vertexid`, and the whole answer of
/// `/jobs/:jobid/vertices/:vertexid/subtasks/:subtaskindex` and `.../attempts/:attempt`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskAttempt {
    /// Subtask index, from 0.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub subtask: i64,
    /// State of this attempt.
    pub status: ExecutionState,
    /// Attempt number, from 0; grows with restarts.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub attempt: i64,
    /// Task manager host (1.x; replaced by `endpoint`).
    pub host: Option<String>,
    /// Task manager data endpoint "host:port" (1.16+).
    pub endpoint: Option<String>,
    /// Start time, epoch ms (-1 before deployment).
    #[serde(
        rename = "start-time",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub start_time: i64,
    /// End time, epoch ms; -1 while running.
    #[serde(
        rename = "end-time",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub end_time: i64,
    /// Run time in ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub duration: i64,
    /// I/O counters.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub metrics: IoMetrics,
    /// Task manager id.
    #[serde(rename = "taskmanager-id")]
    pub taskmanager_id: Option<String>,
    /// Milliseconds spent in each execution state (1.17+), keyed like "RUNNING".
    #[serde(
        rename = "status-duration",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub status_duration: BTreeMap<String, i64>,
    /// Speculative attempts running at the same time (batch, 1.17+).
    #[serde(
        rename = "other-concurrent-attempts",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub other_concurrent_attempts: Vec<SubtaskAttempt>,
}

impl SubtaskAttempt {
    /// Where the attempt runs: `endpoint` (newer Flink) or `host` (1.x).
    pub fn location(&self) -> Option<&str> {
        self.endpoint.as_deref().or(self.host.as_deref())
    }
}

/// `GET /jobs/:jobid/vertices/:vertexid/accumulators`: user accumulators summed over subtasks.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VertexAccumulators {
    /// Vertex id.
    pub id: String,
    /// The accumulators.
    #[serde(
        rename = "user-accumulators",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub user_accumulators: Vec<UserAccumulator>,
}

/// `GET /jobs/:jobid/vertices/:vertexid/subtasks/accumulators`: accumulators per subtask.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtasksAccumulators {
    /// Vertex id.
    pub id: String,
    /// Parallelism.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub parallelism: i64,
    /// One entry per subtask.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub subtasks: Vec<SubtaskAccumulators>,
}

/// One subtask of `GET /jobs/:jobid/vertices/:vertexid/subtasks/accumulators`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskAccumulators {
    /// Subtask index.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub subtask: i64,
    /// Attempt number.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub attempt: i64,
    /// Task manager host (1.x).
    pub host: Option<String>,
    /// Task manager endpoint (1.16+).
    pub endpoint: Option<String>,
    /// The accumulators.
    #[serde(
        rename = "user-accumulators",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub user_accumulators: Vec<UserAccumulator>,
}

/// `GET /jobs/:jobid/vertices/:vertexid/subtasks/:subtaskindex/attempts/:attempt/accumulators`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct AttemptAccumulators {
    /// Subtask index.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub subtask: i64,
    /// Attempt number.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub attempt: i64,
    /// Execution attempt id.
    pub id: String,
    /// The accumulators.
    #[serde(
        rename = "user-accumulators",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub user_accumulators: Vec<UserAccumulator>,
}

/// Back-pressure level: "ok", "low" or "high".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BackpressureLevel {
    /// Little or no back pressure.
    Ok,
    /// Some back pressure.
    Low,
    /// Strong back pressure.
    High,
    /// Not reported, or a level this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// Whether back-pressure data is there: "ok", or "deprecated" while a new sample is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BackpressureStatus {
    /// The answer carries current data.
    Ok,
    /// Sampling was triggered; ask again shortly.
    Deprecated,
    /// A status this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// `GET /jobs/:jobid/vertices/:vertexid/backpressure`. 1.x reports `backpressure-level`;
/// 1.13+ reports both `backpressureLevel` and the old key, plus busy/idle ratios.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VertexBackpressure {
    /// Whether data is present.
    pub status: BackpressureStatus,
    /// Level, new key (1.13+).
    #[serde(rename = "backpressureLevel")]
    pub backpressure_level: Option<BackpressureLevel>,
    /// Level, old key.
    #[serde(rename = "backpressure-level")]
    pub backpressure_level_legacy: Option<BackpressureLevel>,
    /// When the sample was taken, epoch ms.
    #[serde(rename = "end-timestamp", deserialize_with = "crate::net::lenient::opt_int")]
    pub end_timestamp: Option<i64>,
    /// One entry per subtask.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub subtasks: Vec<SubtaskBackpressure>,
}

impl VertexBackpressure {
    /// The vertex's level, whichever key the server used.
    pub fn level(&self) -> BackpressureLevel {
        self.backpressure_level
            .or(self.backpressure_level_legacy)
            .unwrap_or_default()
    }
}

/// A subtask of `GET /jobs/:jobid/vertices/:vertexid/backpressure`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskBackpressure {
    /// Subtask index.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub subtask: i64,
    /// Attempt number (speculative execution, 1.17+).
    #[serde(
        rename = "attempt-number",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub attempt_number: Option<i64>,
    /// Level, new key (1.13+).
    #[serde(rename = "backpressureLevel")]
    pub backpressure_level: Option<BackpressureLevel>,
    /// Level, old key.
    #[serde(rename = "backpressure-level")]
    pub backpressure_level_legacy: Option<BackpressureLevel>,
    /// Share of time back-pressured, 0..1.
    #[serde(deserialize_with = "crate::net::lenient::float")]
    pub ratio: f64,
    /// Share of time idle, 0..1 (1.13+).
    #[serde(rename = "idleRatio", deserialize_with = "crate::net::lenient::opt_float")]
    pub idle_ratio: Option<f64>,
    /// Share of time busy, 0..1 (1.13+).
    #[serde(rename = "busyRatio", deserialize_with = "crate::net::lenient::opt_float")]
    pub busy_ratio: Option<f64>,
}

impl SubtaskBackpressure {
    /// The subtask's level, whichever key the server used.
    pub fn level(&self) -> BackpressureLevel {
        self.backpressure_level
            .or(self.backpressure_level_legacy)
            .unwrap_or_default()
    }
}

/// `GET /jobs/:jobid/vertices/:vertexid/subtasktimes`: when each subtask entered each state.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtasksTimes {
    /// Vertex id.
    pub id: String,
    /// Vertex name.
    pub name: String,
    /// Server time, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub now: i64,
    /// One entry per subtask.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub subtasks: Vec<SubtaskTimes>,
}

/// A subtask of `GET /jobs/:jobid/vertices/:vertexid/subtasktimes`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskTimes {
    /// Subtask index.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub subtask: i64,
    /// Task manager host (1.x).
    pub host: Option<String>,
    /// Task manager endpoint (1.16+).
    pub endpoint: Option<String>,
    /// Run time in ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub duration: i64,
    /// Entry time per execution state, epoch ms (0 = never), keyed like "RUNNING".
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub timestamps: BTreeMap<String, i64>,
}

/// `GET /jobs/:jobid/vertices/:vertexid/taskmanagers`: the vertex's subtasks grouped by
/// task manager.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VertexTaskManagers {
    /// Vertex id.
    pub id: String,
    /// Vertex name.
    pub name: String,
    /// Server time, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub now: i64,
    /// One entry per task manager.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub taskmanagers: Vec<VertexTaskManager>,
}

/// A task manager of `GET /jobs/:jobid/vertices/:vertexid/taskmanagers`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VertexTaskManager {
    /// Host (1.x).
    pub host: Option<String>,
    /// Data endpoint "host:port" (1.16+).
    pub endpoint: Option<String>,
    /// Task manager id.
    #[serde(rename = "taskmanager-id")]
    pub taskmanager_id: Option<String>,
    /// Aggregated state of the subtasks there.
    pub status: ExecutionState,
    /// Earliest start, epoch ms.
    #[serde(
        rename = "start-time",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub start_time: i64,
    /// Latest end, epoch ms; -1 while running.
    #[serde(
        rename = "end-time",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub end_time: i64,
    /// Run time in ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub duration: i64,
    /// I/O counters summed over its subtasks.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub metrics: IoMetrics,
    /// Subtasks per state.
    #[serde(
        rename = "status-counts",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub status_counts: ExecutionStateCounts,
    /// Statistics over its subtasks (1.17+).
    pub aggregated: Option<SubtaskAggregates>,
}
