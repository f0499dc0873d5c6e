//! Cluster-wide answers: overview, dashboard configuration, cluster data sets.

use serde::Deserialize;

/// `GET /overview`: task managers, slots and job counts of the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ClusterOverview {
    /// Registered task managers.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub taskmanagers: i64,
    /// Task managers blocked from new slots (1.16+; absent before).
    #[serde(
        rename = "taskmanagers-blocked",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub taskmanagers_blocked: Option<i64>,
    /// All task slots.
    #[serde(rename = "slots-total", deserialize_with = "crate::net::lenient::int")]
    pub slots_total: i64,
    /// Free task slots.
    #[serde(rename = "slots-available", deserialize_with = "crate::net::lenient::int")]
    pub slots_available: i64,
    /// Free slots on blocked task managers (1.16+).
    #[serde(
        rename = "slots-free-and-blocked",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub slots_free_and_blocked: Option<i64>,
    /// Jobs running now.
    #[serde(rename = "jobs-running", deserialize_with = "crate::net::lenient::int")]
    pub jobs_running: i64,
    /// Jobs finished (kept in the job store).
    #[serde(rename = "jobs-finished", deserialize_with = "crate::net::lenient::int")]
    pub jobs_finished: i64,
    /// Jobs cancelled.
    #[serde(rename = "jobs-cancelled", deserialize_with = "crate::net::lenient::int")]
    pub jobs_cancelled: i64,
    /// Jobs failed.
    #[serde(rename = "jobs-failed", deserialize_with = "crate::net::lenient::int")]
    pub jobs_failed: i64,
    /// Flink version, e.g. "2.3.0".
    #[serde(rename = "flink-version")]
    pub flink_version: String,
    /// Short commit id of the Flink build.
    #[serde(rename = "flink-commit")]
    pub flink_commit: String,
}

/// `GET /config`: the web dashboard's configuration, including the version and which
/// mutating features the cluster allows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DashboardConfig {
    /// Suggested refresh interval of the dashboard in ms.
    #[serde(rename = "refresh-interval", deserialize_with = "crate::net::lenient::int")]
    pub refresh_interval: i64,
    /// Time zone name of the job manager.
    #[serde(rename = "timezone-name")]
    pub timezone_name: String,
    /// Time zone offset of the job manager in ms.
    #[serde(rename = "timezone-offset", deserialize_with = "crate::net::lenient::int")]
    pub timezone_offset: i64,
    /// Flink version, e.g. "2.3.0".
    #[serde(rename = "flink-version")]
    pub flink_version: String,
    /// Commit and build date, e.g. "c0f8d1a @ 2026-06-14T16:29:03+02:00".
    #[serde(rename = "flink-revision")]
    pub flink_revision: String,
    /// Which dashboard features are enabled.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub features: DashboardFeatures,
}

/// `features` of `GET /config`: switches for jar submission, cancellation, rescaling and the
/// history server. Absent flags (older versions) read as `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct DashboardFeatures {
    /// Jars may be uploaded and run (`web.submit.enable`).
    #[serde(rename = "web-submit")]
    pub web_submit: Option<bool>,
    /// Jobs may be cancelled from the dashboard (`web.cancel.enable`, 1.18+).
    #[serde(rename = "web-cancel")]
    pub web_cancel: Option<bool>,
    /// Jobs may be rescaled (`web.rescale.enable` with the adaptive scheduler, 1.18+).
    #[serde(rename = "web-rescale")]
    pub web_rescale: Option<bool>,
    /// The answer comes from a history server (1.13+).
    #[serde(rename = "web-history")]
    pub web_history: Option<bool>,
}

/// `GET /datasets`: cluster data sets (cached intermediate results of batch jobs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ClusterDataSets {
    /// All data sets.
    #[serde(rename = "dataSets", deserialize_with = "crate::net::lenient::nullable")]
    pub data_sets: Vec<ClusterDataSet>,
}

/// One entry of `GET /datasets`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ClusterDataSet {
    /// Data set id (32 hex characters); `DELETE /datasets/:datasetid` takes it.
    pub id: String,
    /// Whether all partitions of the data set are available.
    #[serde(rename = "isComplete")]
    pub is_complete: bool,
}
