//! Applications (Flink 2.3+): a user program and the jobs it submitted.

use super::jobs::JobOverview;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /applications/overview` (2.3+): all applications.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ApplicationsOverview {
    /// One entry per application.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub applications: Vec<ApplicationOverview>,
}

/// An entry of `GET /applications/overview`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ApplicationOverview {
    /// Application id (for a jar run: the job id).
    pub id: String,
    /// Name, e.g. "SingleJobApplication(<job name>)".
    pub name: String,
    /// State, spelled like job states ("RUNNING", "FINISHED", "CANCELED", ...).
    pub status: String,
    /// Start time, epoch ms.
    #[serde(rename = "start-time", deserialize_with = "crate::net::lenient::int")]
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
    /// Number of jobs per job state.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub jobs: BTreeMap<String, i64>,
}

/// `GET /applications/:applicationid` (2.3+): an application with its jobs.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ApplicationDetails {
    /// Application id.
    pub id: String,
    /// Name.
    pub name: String,
    /// State.
    pub status: String,
    /// Start time, epoch ms.
    #[serde(rename = "start-time", deserialize_with = "crate::net::lenient::int")]
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
    /// When the application entered each state, epoch ms (0 = never).
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub timestamps: BTreeMap<String, i64>,
    /// Its jobs, shaped like `/jobs/overview` entries.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub jobs: Vec<JobOverview>,
}
