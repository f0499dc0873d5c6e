//! Checkpoint statistics and configuration.

use super::common::StatsSummary;
use serde::Deserialize;
use std::collections::BTreeMap;

/// State of a checkpoint or of a task's part in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CheckpointStatus {
    /// Still running.
    InProgress,
    /// Done and usable for recovery.
    Completed,
    /// Failed or declined.
    Failed,
    /// A status this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// Kind of a checkpoint (`checkpoint_type`). 1.12 knows CHECKPOINT, SAVEPOINT and
/// SYNC_SAVEPOINT; later versions add unaligned, full and terminating kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CheckpointType {
    /// A periodic (aligned) checkpoint.
    Checkpoint,
    /// An unaligned checkpoint (1.13+).
    UnalignedCheckpoint,
    /// A full checkpoint triggered by hand (1.19+).
    FullCheckpoint,
    /// A savepoint.
    Savepoint,
    /// A synchronous savepoint (stop with savepoint, 1.x naming).
    SyncSavepoint,
    /// A savepoint that terminates the job (stop with savepoint, 1.15+).
    TerminateSavepoint,
    /// A savepoint that suspends the job (1.15+).
    SuspendSavepoint,
    /// A type this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// `GET /jobs/:jobid/checkpoints`: counts, summary, latest and recent checkpoints.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CheckpointingStatistics {
    /// How many checkpoints were triggered, completed, failed, restored.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub counts: CheckpointCounts,
    /// Statistics over completed checkpoints.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub summary: CheckpointSummary,
    /// The latest checkpoint of each kind.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub latest: LatestCheckpoints,
    /// Recent checkpoints, newest first.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub history: Vec<CheckpointStatistics>,
}

/// `counts` of `GET /jobs/:jobid/checkpoints`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CheckpointCounts {
    /// Restores from a checkpoint or savepoint.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub restored: i64,
    /// All triggered checkpoints.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub total: i64,
    /// Running now.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub in_progress: i64,
    /// Completed.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub completed: i64,
    /// Failed.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub failed: i64,
}

/// `summary` of `GET /jobs/:jobid/checkpoints`. Sizes in bytes, durations in ms.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CheckpointSummary {
    /// Size written by the checkpoint (incremental size; 1.15+).
    pub checkpointed_size: Option<StatsSummary>,
    /// Full state size.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub state_size: StatsSummary,
    /// Trigger to last acknowledgement.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub end_to_end_duration: StatsSummary,
    /// Bytes buffered during alignment (0 since 1.11).
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub alignment_buffered: StatsSummary,
    /// Bytes processed during alignment (1.12+).
    pub processed_data: Option<StatsSummary>,
    /// Bytes persisted (unaligned checkpoints, 1.12+).
    pub persisted_data: Option<StatsSummary>,
}

/// `latest` of `GET /jobs/:jobid/checkpoints`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct LatestCheckpoints {
    /// Latest completed checkpoint.
    pub completed: Option<CheckpointStatistics>,
    /// Latest completed savepoint.
    pub savepoint: Option<CheckpointStatistics>,
    /// Latest failed checkpoint.
    pub failed: Option<CheckpointStatistics>,
    /// Latest restore.
    pub restored: Option<RestoredCheckpoint>,
}

/// `latest.restored` of `GET /jobs/:jobid/checkpoints`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RestoredCheckpoint {
    /// Checkpoint id restored from.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub id: i64,
    /// When the restore happened, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub restore_timestamp: i64,
    /// Whether it was a savepoint.
    pub is_savepoint: bool,
    /// Where it was stored.
    pub external_path: Option<String>,
}

/// One checkpoint: entries of `history` and `latest` in `GET /jobs/:jobid/checkpoints`, and
/// the whole answer of `GET /jobs/:jobid/checkpoints/details/:checkpointid` (with `tasks`).
/// Completed checkpoints carry `external_path`/`discarded`, failed ones `failure_*`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CheckpointStatistics {
    /// "completed", "failed" or "in_progress": Jackson's type tag, `@class` in 1.x.
    #[serde(rename = "className", alias = "@class")]
    pub class_name: Option<String>,
    /// Checkpoint id.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub id: i64,
    /// State.
    pub status: CheckpointStatus,
    /// Whether it is a savepoint.
    pub is_savepoint: bool,
    /// "CANONICAL" or "NATIVE" for savepoints (1.15+), else null.
    #[serde(rename = "savepointFormat")]
    pub savepoint_format: Option<String>,
    /// Kind.
    pub checkpoint_type: CheckpointType,
    /// Triggered at, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub trigger_timestamp: i64,
    /// Last acknowledgement, epoch ms (-1 if none yet).
    #[serde(
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub latest_ack_timestamp: i64,
    /// Bytes written by this checkpoint (1.15+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub checkpointed_size: Option<i64>,
    /// Full state size in bytes.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub state_size: i64,
    /// Trigger to last acknowledgement in ms (-1 while in progress).
    #[serde(
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub end_to_end_duration: i64,
    /// Bytes buffered during alignment.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub alignment_buffered: i64,
    /// Bytes processed during alignment (1.12+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub processed_data: Option<i64>,
    /// Bytes persisted by unaligned checkpoints (1.12+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub persisted_data: Option<i64>,
    /// Subtasks involved.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub num_subtasks: i64,
    /// Subtasks that acknowledged.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub num_acknowledged_subtasks: i64,
    /// Per vertex id (filled by the details endpoint, empty in lists).
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub tasks: BTreeMap<String, TaskCheckpointStatistics>,
    /// Where a completed checkpoint is stored.
    pub external_path: Option<String>,
    /// Whether a completed checkpoint was discarded since.
    pub discarded: Option<bool>,
    /// When a failed checkpoint failed, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub failure_timestamp: Option<i64>,
    /// Why it failed.
    pub failure_message: Option<String>,
}

/// A vertex's part of a checkpoint: values of `tasks` in
/// `GET /jobs/:jobid/checkpoints/details/:checkpointid`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TaskCheckpointStatistics {
    /// Checkpoint id.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub id: i64,
    /// State.
    pub status: CheckpointStatus,
    /// Last acknowledgement, epoch ms.
    #[serde(
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub latest_ack_timestamp: i64,
    /// Bytes written (1.15+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub checkpointed_size: Option<i64>,
    /// Full state size in bytes.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub state_size: i64,
    /// Duration in ms.
    #[serde(
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub end_to_end_duration: i64,
    /// Bytes buffered during alignment.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub alignment_buffered: i64,
    /// Bytes processed during alignment (1.12+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub processed_data: Option<i64>,
    /// Bytes persisted (1.12+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub persisted_data: Option<i64>,
    /// Subtasks of the vertex.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub num_subtasks: i64,
    /// Subtasks that acknowledged.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub num_acknowledged_subtasks: i64,
}

/// `GET /jobs/:jobid/checkpoints/details/:checkpointid/subtasks/:vertexid`: a vertex's part of
/// a checkpoint with per-subtask details.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TaskCheckpointDetails {
    /// The vertex totals (same fields as in the checkpoint details).
    #[serde(flatten)]
    pub task: TaskCheckpointStatistics,
    /// Statistics over the subtasks.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub summary: SubtaskCheckpointSummary,
    /// One entry per subtask.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub subtasks: Vec<SubtaskCheckpointStatistics>,
}

/// `summary` of the checkpoint subtask details.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskCheckpointSummary {
    /// Bytes written (1.15+).
    pub checkpointed_size: Option<StatsSummary>,
    /// State size.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub state_size: StatsSummary,
    /// End-to-end duration.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub end_to_end_duration: StatsSummary,
    /// Synchronous and asynchronous snapshot durations.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub checkpoint_duration: SyncAsyncSummary,
    /// Alignment statistics.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub alignment: AlignmentSummary,
    /// Delay between trigger and start of the snapshot.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub start_delay: StatsSummary,
}

/// `checkpoint_duration` of [`SubtaskCheckpointSummary`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SyncAsyncSummary {
    /// Synchronous part.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub sync: StatsSummary,
    /// Asynchronous part.
    #[serde(rename = "async", deserialize_with = "crate::net::lenient::nullable")]
    pub async_: StatsSummary,
}

/// `alignment` of [`SubtaskCheckpointSummary`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct AlignmentSummary {
    /// Bytes buffered.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub buffered: StatsSummary,
    /// Bytes processed (1.12+).
    pub processed: Option<StatsSummary>,
    /// Bytes persisted (1.12+).
    pub persisted: Option<StatsSummary>,
    /// Alignment duration.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub duration: StatsSummary,
}

/// A subtask in the checkpoint subtask details. Pending subtasks carry only `index` and
/// `status`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskCheckpointStatistics {
    /// Subtask index.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub index: i64,
    /// "completed" or "pending" (lower case).
    pub status: String,
    /// Acknowledged at, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub ack_timestamp: Option<i64>,
    /// Duration in ms.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub end_to_end_duration: Option<i64>,
    /// Bytes written (1.15+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub checkpointed_size: Option<i64>,
    /// State size in bytes.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub state_size: Option<i64>,
    /// Snapshot durations.
    pub checkpoint: Option<SubtaskSyncAsync>,
    /// Alignment figures.
    pub alignment: Option<SubtaskAlignment>,
    /// Start delay in ms.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub start_delay: Option<i64>,
    /// Whether the subtask took an unaligned checkpoint (1.12+).
    pub unaligned_checkpoint: Option<bool>,
    /// Whether the subtask aborted (1.15+).
    pub aborted: Option<bool>,
}

/// `checkpoint` of a completed [`SubtaskCheckpointStatistics`], in ms.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskSyncAsync {
    /// Synchronous part.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub sync: i64,
    /// Asynchronous part.
    #[serde(rename = "async", deserialize_with = "crate::net::lenient::int")]
    pub async_: i64,
}

/// `alignment` of a completed [`SubtaskCheckpointStatistics`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SubtaskAlignment {
    /// Bytes buffered.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub buffered: i64,
    /// Bytes processed (1.12+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub processed: Option<i64>,
    /// Bytes persisted (1.12+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub persisted: Option<i64>,
    /// Alignment duration in ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub duration: i64,
}

/// Delivery guarantee of checkpoints (`mode` of `/jobs/:jobid/checkpoints/config`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum CheckpointingMode {
    /// Exactly once.
    #[serde(rename = "exactly_once", alias = "EXACTLY_ONCE")]
    ExactlyOnce,
    /// At least once.
    #[serde(rename = "at_least_once", alias = "AT_LEAST_ONCE")]
    AtLeastOnce,
    /// A mode this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// `GET /jobs/:jobid/checkpoints/config`: how the job checkpoints. Durations in ms.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CheckpointConfig {
    /// Delivery guarantee.
    pub mode: CheckpointingMode,
    /// Interval between checkpoints (a huge value means checkpointing is off).
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub interval: i64,
    /// Timeout of one checkpoint.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub timeout: i64,
    /// Minimum pause between checkpoints.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub min_pause: i64,
    /// Concurrent checkpoints allowed.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub max_concurrent: i64,
    /// Retention of checkpoints after the job ends.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub externalization: ExternalizedCheckpointConfig,
    /// State backend class, e.g. "HashMapStateBackend".
    pub state_backend: Option<String>,
    /// Checkpoint storage class (1.13+), e.g. "FileSystemCheckpointStorage".
    pub checkpoint_storage: Option<String>,
    /// Whether unaligned checkpoints are on.
    pub unaligned_checkpoints: Option<bool>,
    /// Failed checkpoints tolerated before the job fails.
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub tolerable_failed_checkpoints: Option<i64>,
    /// Aligned checkpoint timeout before switching to unaligned (1.13+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub aligned_checkpoint_timeout: Option<i64>,
    /// Whether checkpoints continue after some tasks finished (1.14+).
    pub checkpoints_after_tasks_finish: Option<bool>,
    /// Whether the changelog state backend is on (1.15+).
    pub state_changelog_enabled: Option<bool>,
    /// Changelog materialisation interval (1.15+).
    #[serde(deserialize_with = "crate::net::lenient::opt_int")]
    pub changelog_periodic_materialization_interval: Option<i64>,
    /// Changelog storage (1.15+).
    pub changelog_storage: Option<String>,
}

/// `externalization` of `GET /jobs/:jobid/checkpoints/config`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ExternalizedCheckpointConfig {
    /// Whether completed checkpoints are retained.
    pub enabled: bool,
    /// Whether they are deleted when the job is cancelled.
    pub delete_on_cancellation: bool,
}
