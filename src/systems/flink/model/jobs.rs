//! Job lists: `/jobs`, `/jobs/overview` and `/jobs/:jobid/status`.

use super::states::{JobState, JobType, TaskCounts};
use serde::Deserialize;

/// `GET /jobs`: ids and states of all jobs.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobIdsWithStatus {
    /// One entry per job.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub jobs: Vec<JobIdWithStatus>,
}

/// One entry of `GET /jobs`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobIdWithStatus {
    /// Job id (32 hex characters).
    pub id: String,
    /// Current state.
    pub status: JobState,
}

/// `GET /jobs/:jobid/status` (1.15+): the state alone, cheaper than the job details.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobStatusInfo {
    /// Current state.
    pub status: JobState,
}

/// `GET /jobs/overview`: a summary of every job the cluster knows.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobsOverview {
    /// One entry per job, running and completed.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub jobs: Vec<JobOverview>,
}

/// One job of `GET /jobs/overview` (also the `jobs` of `GET /applications/:applicationid`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobOverview {
    /// Job id (32 hex characters).
    pub jid: String,
    /// Job name.
    pub name: String,
    /// Current state.
    pub state: JobState,
    /// Start time, epoch ms.
    #[serde(rename = "start-time", deserialize_with = "crate::net::lenient::int")]
    pub start_time: i64,
    /// End time, epoch ms; -1 while the job is not terminal.
    #[serde(
        rename = "end-time",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub end_time: i64,
    /// Run time in ms (up to now for running jobs).
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub duration: i64,
    /// Last state change, epoch ms.
    #[serde(rename = "last-modification", deserialize_with = "crate::net::lenient::int")]
    pub last_modification: i64,
    /// Tasks per state.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub tasks: TaskCounts,
    /// Streaming or batch (1.19+).
    #[serde(rename = "jobType")]
    pub job_type: JobType,
    /// "Default" or "Adaptive" (2.x), `None` before.
    #[serde(rename = "schedulerType")]
    pub scheduler_type: Option<String>,
    /// Operators not yet part of the job graph, for incrementally built batch jobs (2.x).
    #[serde(
        rename = "pending-operators",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub pending_operators: Option<i64>,
}
