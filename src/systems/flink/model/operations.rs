//! Asynchronous operations (savepoints, stop, checkpoints, disposal, rescaling, data set
//! deletion): trigger answers, status answers and request bodies.

use super::common::SerializedThrowable;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answer of every trigger: `POST /jobs/:jobid/savepoints`, `POST /jobs/:jobid/stop`,
/// `POST /jobs/:jobid/checkpoints` (1.19+), `POST /savepoint-disposal`,
/// `PATCH /jobs/:jobid/rescaling` (1.x) and `DELETE /datasets/:datasetid`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TriggerResponse {
    /// Trigger id to poll the status with.
    #[serde(rename = "request-id")]
    pub request_id: String,
}

/// Whether an asynchronous operation is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QueueStatusId {
    /// Still running.
    InProgress,
    /// Done (successfully or not: check the operation's `failure-cause`).
    Completed,
    /// A status this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// `status` of asynchronous operation answers and of `/jobs/:jobid/execution-result`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct QueueStatus {
    /// IN_PROGRESS or COMPLETED.
    pub id: QueueStatusId,
}

/// Status of an asynchronous operation: `GET /jobs/:jobid/savepoints/:triggerid` (savepoint
/// and stop-with-savepoint), `GET /jobs/:jobid/checkpoints/:triggerid` (1.19+),
/// `GET /savepoint-disposal/:triggerid`, `GET /jobs/:jobid/rescaling/:triggerid` (1.x) and
/// `GET /datasets/delete/:triggerid`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct AsyncOperationResult {
    /// Done or not.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub status: QueueStatus,
    /// The outcome, once completed.
    pub operation: Option<OperationOutcome>,
}

impl AsyncOperationResult {
    /// Whether the operation finished (with or without error).
    pub fn is_done(&self) -> bool {
        self.status.id == QueueStatusId::Completed
    }

    /// The error, when the operation completed with one.
    pub fn failure(&self) -> Option<&SerializedThrowable> {
        self.operation
            .as_ref()
            .and_then(|o| o.failure_cause.as_ref())
    }
}

/// `operation` of [`AsyncOperationResult`]: which fields appear depends on the operation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct OperationOutcome {
    /// Savepoint location (savepoint and stop).
    pub location: Option<String>,
    /// Id of the triggered checkpoint (manual checkpoints).
    #[serde(rename = "checkpointId", deserialize_with = "crate::net::lenient::opt_int")]
    pub checkpoint_id: Option<i64>,
    /// Why the operation failed.
    #[serde(rename = "failure-cause")]
    pub failure_cause: Option<SerializedThrowable>,
}

/// Body of `POST /jobs/:jobid/savepoints`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SavepointTriggerRequest {
    /// Target directory; the cluster default (`execution.checkpointing.savepoint-dir`) if unset.
    #[serde(rename = "target-directory", skip_serializing_if = "Option::is_none")]
    pub target_directory: Option<String>,
    /// Cancel the job after the savepoint (deprecated; prefer stop).
    #[serde(rename = "cancel-job")]
    pub cancel_job: bool,
    /// "CANONICAL" or "NATIVE" (1.15+).
    #[serde(rename = "formatType", skip_serializing_if = "Option::is_none")]
    pub format_type: Option<String>,
}

/// Body of `POST /jobs/:jobid/stop`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StopWithSavepointRequest {
    /// Target directory; the cluster default if unset.
    #[serde(rename = "targetDirectory", skip_serializing_if = "Option::is_none")]
    pub target_directory: Option<String>,
    /// Emit MAX_WATERMARK first so timers fire (drain).
    pub drain: bool,
    /// "CANONICAL" or "NATIVE" (1.15+).
    #[serde(rename = "formatType", skip_serializing_if = "Option::is_none")]
    pub format_type: Option<String>,
}

/// Body of `POST /savepoint-disposal`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SavepointDisposalRequest {
    /// Savepoint path to delete.
    #[serde(rename = "savepoint-path")]
    pub savepoint_path: String,
}

/// Body of `POST /jobs/:jobid/checkpoints` (1.19+).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckpointTriggerRequest {
    /// "CONFIGURED", "FULL" or "INCREMENTAL".
    #[serde(rename = "checkpointType", skip_serializing_if = "Option::is_none")]
    pub checkpoint_type: Option<String>,
}

/// `GET /jobs/:jobid/resource-requirements` (adaptive scheduler, 1.18+), and the body of
/// `PUT /jobs/:jobid/resource-requirements` which rescales: parallelism bounds per vertex id.
pub type ResourceRequirements = BTreeMap<String, VertexResourceRequirements>;

/// A vertex's entry of [`ResourceRequirements`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct VertexResourceRequirements {
    /// Parallelism bounds.
    pub parallelism: ParallelismBounds,
}

/// Parallelism bounds of a vertex.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct ParallelismBounds {
    /// Lowest acceptable parallelism.
    #[serde(rename = "lowerBound")]
    pub lower_bound: i64,
    /// Highest (desired) parallelism.
    #[serde(rename = "upperBound")]
    pub upper_bound: i64,
}
