//! State enums shared by the job, vertex and subtask models.

use serde::Deserialize;

/// The state of a job (`state`/`status` in `/jobs`, `/jobs/overview`, `/jobs/:jobid`,
/// `/jobs/:jobid/status`). Names are Flink's `JobStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobState {
    /// Submitted, the job master is starting (1.12+).
    Initializing,
    /// Created, waiting for resources.
    Created,
    /// Running.
    Running,
    /// Failing: tasks are being cancelled after a failure.
    Failing,
    /// Terminally failed.
    Failed,
    /// Being cancelled.
    Cancelling,
    /// Terminally cancelled.
    Canceled,
    /// Terminally finished (bounded input done, or stopped with a savepoint).
    Finished,
    /// Restarting after a failure.
    Restarting,
    /// Suspended (the job manager lost leadership); not terminal.
    Suspended,
    /// Reconciling with running tasks after a job manager failover.
    Reconciling,
    /// A state this console does not know (a newer Flink).
    #[default]
    #[serde(other)]
    Unknown,
}

impl JobState {
    /// Whether the job will not change state any more (finished, failed or cancelled).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            JobState::Finished | JobState::Failed | JobState::Canceled
        )
    }

    /// Flink's own spelling, e.g. "RUNNING"; "UNKNOWN" for a state this console does not know.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Initializing => "INITIALIZING",
            JobState::Created => "CREATED",
            JobState::Running => "RUNNING",
            JobState::Failing => "FAILING",
            JobState::Failed => "FAILED",
            JobState::Cancelling => "CANCELLING",
            JobState::Canceled => "CANCELED",
            JobState::Finished => "FINISHED",
            JobState::Restarting => "RESTARTING",
            JobState::Suspended => "SUSPENDED",
            JobState::Reconciling => "RECONCILING",
            JobState::Unknown => "UNKNOWN",
        }
    }
}

/// The state of a vertex, subtask or execution attempt (`status` in `/jobs/:jobid` vertices,
/// `/jobs/:jobid/vertices/:vertexid` subtasks, ...). Names are Flink's `ExecutionState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExecutionState {
    /// Created, not yet scheduled.
    Created,
    /// Scheduled, waiting for a slot.
    Scheduled,
    /// Being deployed to a task manager.
    Deploying,
    /// Restoring state before running (1.13+).
    Initializing,
    /// Running.
    Running,
    /// Finished.
    Finished,
    /// Being cancelled.
    Canceling,
    /// Cancelled.
    Canceled,
    /// Failed.
    Failed,
    /// Reconciling after a job manager failover.
    Reconciling,
    /// A state this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

impl ExecutionState {
    /// Flink's own spelling, e.g. "RUNNING".
    pub fn as_str(self) -> &'static str {
        match self {
            ExecutionState::Created => "CREATED",
            ExecutionState::Scheduled => "SCHEDULED",
            ExecutionState::Deploying => "DEPLOYING",
            ExecutionState::Initializing => "INITIALIZING",
            ExecutionState::Running => "RUNNING",
            ExecutionState::Finished => "FINISHED",
            ExecutionState::Canceling => "CANCELING",
            ExecutionState::Canceled => "CANCELED",
            ExecutionState::Failed => "FAILED",
            ExecutionState::Reconciling => "RECONCILING",
            ExecutionState::Unknown => "UNKNOWN",
        }
    }
}

/// Whether a job is streaming or batch (`job-type` in `/jobs/:jobid`, `jobType` in
/// `/jobs/overview`, `type` in plans; Flink 1.19+).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobType {
    /// An unbounded (or streaming-mode) job.
    Streaming,
    /// A batch job.
    Batch,
    /// Not reported (Flink before 1.19) or a type this console does not know.
    #[default]
    #[serde(other)]
    Unknown,
}

/// Number of tasks per execution state, keyed in upper case: `tasks` of a vertex in
/// `/jobs/:jobid`, `status-counts` of a job or of `/jobs/:jobid/vertices/:vertexid/taskmanagers`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ExecutionStateCounts {
    /// Tasks in CREATED.
    #[serde(rename = "CREATED", deserialize_with = "crate::net::lenient::int")]
    pub created: i64,
    /// Tasks in SCHEDULED.
    #[serde(rename = "SCHEDULED", deserialize_with = "crate::net::lenient::int")]
    pub scheduled: i64,
    /// Tasks in DEPLOYING.
    #[serde(rename = "DEPLOYING", deserialize_with = "crate::net::lenient::int")]
    pub deploying: i64,
    /// Tasks in INITIALIZING (absent before 1.13).
    #[serde(rename = "INITIALIZING", deserialize_with = "crate::net::lenient::int")]
    pub initializing: i64,
    /// Tasks in RUNNING.
    #[serde(rename = "RUNNING", deserialize_with = "crate::net::lenient::int")]
    pub running: i64,
    /// Tasks in FINISHED.
    #[serde(rename = "FINISHED", deserialize_with = "crate::net::lenient::int")]
    pub finished: i64,
    /// Tasks in CANCELING.
    #[serde(rename = "CANCELING", deserialize_with = "crate::net::lenient::int")]
    pub canceling: i64,
    /// Tasks in CANCELED.
    #[serde(rename = "CANCELED", deserialize_with = "crate::net::lenient::int")]
    pub canceled: i64,
    /// Tasks in FAILED.
    #[serde(rename = "FAILED", deserialize_with = "crate::net::lenient::int")]
    pub failed: i64,
    /// Tasks in RECONCILING.
    #[serde(rename = "RECONCILING", deserialize_with = "crate::net::lenient::int")]
    pub reconciling: i64,
}

impl ExecutionStateCounts {
    /// Sum over all states.
    pub fn total(&self) -> i64 {
        self.created
            + self.scheduled
            + self.deploying
            + self.initializing
            + self.running
            + self.finished
            + self.canceling
            + self.canceled
            + self.failed
            + self.reconciling
    }
}

/// Number of tasks per state in lower case, with a total: `tasks` of a job in `/jobs/overview`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TaskCounts {
    /// All tasks of the job.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub total: i64,
    /// Tasks in CREATED.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub created: i64,
    /// Tasks in SCHEDULED.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub scheduled: i64,
    /// Tasks in DEPLOYING.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub deploying: i64,
    /// Tasks in INITIALIZING (absent before 1.13).
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub initializing: i64,
    /// Tasks in RUNNING.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub running: i64,
    /// Tasks in FINISHED.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub finished: i64,
    /// Tasks in CANCELING.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub canceling: i64,
    /// Tasks in CANCELED.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub canceled: i64,
    /// Tasks in FAILED.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub failed: i64,
    /// Tasks in RECONCILING.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub reconciling: i64,
}
