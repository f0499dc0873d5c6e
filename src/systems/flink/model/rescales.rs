//! Rescale history of the adaptive scheduler (Flink 2.3+): `/jobs/:jobid/rescales/*`.
//! Needs `web.adaptive-scheduler.rescale-history.size` > 0 for content.

use super::common::StatsSummary;
use super::taskmanager::ResourceProfile;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /jobs/:jobid/rescales/config`: the adaptive scheduler's timing settings, in ms.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RescalesConfig {
    /// Rescales kept in the history (0 = history off).
    #[serde(rename = "rescaleHistoryMax", deserialize_with = "crate::net::lenient::int")]
    pub rescale_history_max: i64,
    /// Scheduler execution mode (e.g. "REACTIVE"), null by default.
    #[serde(rename = "schedulerExecutionMode")]
    pub scheduler_execution_mode: Option<String>,
    /// How long a new job waits for resources.
    #[serde(
        rename = "submissionResourceWaitTimeoutInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub submission_resource_wait_timeout: Option<i64>,
    /// How long resources must be stable before a new job starts.
    #[serde(
        rename = "submissionResourceStabilizationTimeoutInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub submission_resource_stabilization_timeout: Option<i64>,
    /// How long an idle slot is kept.
    #[serde(
        rename = "slotIdleTimeoutInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub slot_idle_timeout: Option<i64>,
    /// Minimum time between rescales.
    #[serde(
        rename = "executingCooldownTimeoutInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub executing_cooldown_timeout: Option<i64>,
    /// How long resources must be stable before a running job rescales.
    #[serde(
        rename = "executingResourceStabilizationTimeoutInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub executing_resource_stabilization_timeout: Option<i64>,
    /// Longest delay before a desired rescale is triggered.
    #[serde(
        rename = "maximumDelayForTriggeringRescaleInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub maximum_delay_for_triggering_rescale: Option<i64>,
    /// Failed checkpoints after which a pending rescale is forced.
    #[serde(
        rename = "rescaleOnFailedCheckpointCount",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub rescale_on_failed_checkpoint_count: Option<i64>,
}

/// `rescalesCounts` of the rescale overview and summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct RescalesCounts {
    /// Rescales that were not needed.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub ignored: i64,
    /// Running now.
    #[serde(rename = "inProgress", deserialize_with = "crate::net::lenient::int")]
    pub in_progress: i64,
    /// Completed.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub completed: i64,
    /// Failed.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub failed: i64,
}

/// `GET /jobs/:jobid/rescales/overview`: counts and the latest rescale of each outcome.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RescalesOverview {
    /// Counts by outcome.
    #[serde(
        rename = "rescalesCounts",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub rescales_counts: RescalesCounts,
    /// Latest rescale per outcome.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub latest: LatestRescales,
}

/// `latest` of [`RescalesOverview`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct LatestRescales {
    /// Latest completed rescale.
    pub completed: Option<Rescale>,
    /// Latest failed rescale.
    pub failed: Option<Rescale>,
    /// Latest ignored rescale.
    pub ignored: Option<Rescale>,
}

/// A rescale: entries of `GET /jobs/:jobid/rescales/history` (a JSON array, newest first,
/// with `vertices`/`slots` left empty) and the answer of
/// `GET /jobs/:jobid/rescales/details/:rescaleuuid` (with them filled).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Rescale {
    /// Rescale id; `/rescales/details/:id` takes it.
    #[serde(rename = "rescaleUuid")]
    pub rescale_uuid: String,
    /// Id of the resource requirements that led to it.
    #[serde(rename = "resourceRequirementsUuid")]
    pub resource_requirements_uuid: Option<String>,
    /// Attempt number for the same requirements.
    #[serde(
        rename = "rescaleAttemptId",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub rescale_attempt_id: Option<i64>,
    /// Per vertex id.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub vertices: BTreeMap<String, RescaleVertex>,
    /// Per slot sharing group id.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub slots: BTreeMap<String, RescaleSlots>,
    /// The adaptive scheduler's states during the rescale, in order (details only).
    #[serde(
        rename = "schedulerStates",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub scheduler_states: Vec<SchedulerStateSpan>,
    /// Started, epoch ms.
    #[serde(
        rename = "startTimestampInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub start_timestamp: Option<i64>,
    /// Ended, epoch ms; `None` while in progress.
    #[serde(
        rename = "endTimestampInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub end_timestamp: Option<i64>,
    /// "COMPLETED", "FAILED", "IGNORED"; `None` while in progress.
    #[serde(rename = "terminalState")]
    pub terminal_state: Option<String>,
    /// Why it started, e.g. "INITIAL_SCHEDULE", "UPDATE_REQUIREMENT", "RECOVERABLE_FAILOVER".
    #[serde(rename = "triggerCause")]
    pub trigger_cause: Option<String>,
    /// Why it ended, e.g. "SUCCEEDED".
    #[serde(rename = "terminatedReason")]
    pub terminated_reason: Option<String>,
}

impl Rescale {
    /// "COMPLETED", "FAILED", "IGNORED", or "IN_PROGRESS" while it has no terminal state.
    pub fn state(&self) -> &str {
        self.terminal_state
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or("IN_PROGRESS")
    }

    /// How long it took (or has taken until `now`, epoch ms, while in progress).
    pub fn duration(&self, now: i64) -> Option<i64> {
        let start = self.start_timestamp.filter(|t| *t > 0)?;
        let end = self.end_timestamp.filter(|t| *t > 0).unwrap_or(now);
        (end >= start).then_some(end - start)
    }

    /// The vertices ordered by name (then id).
    pub fn vertices_by_name(&self) -> Vec<RescaleVertex> {
        let mut v: Vec<RescaleVertex> = self.vertices.values().cloned().collect();
        v.sort_by(|a, b| {
            a.job_vertex_name
                .cmp(&b.job_vertex_name)
                .then_with(|| a.job_vertex_id.cmp(&b.job_vertex_id))
        });
        v
    }
}

/// A state the adaptive scheduler went through during a [`Rescale`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SchedulerStateSpan {
    /// State name, e.g. "Executing", "Restarting", "WaitingForResources", "CreatingExecutionGraph".
    pub state: String,
    /// Entered, epoch ms.
    #[serde(
        rename = "enterTimestampInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub enter: Option<i64>,
    /// Left, epoch ms (`None` while in it).
    #[serde(
        rename = "leaveTimestampInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub leave: Option<i64>,
    /// Time spent in it, ms.
    #[serde(
        rename = "durationInMillis",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub duration: Option<i64>,
    /// The failure that made it leave, as text.
    #[serde(rename = "stringifiedException")]
    pub exception: Option<String>,
}

/// A vertex of a [`Rescale`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RescaleVertex {
    /// Vertex id.
    #[serde(rename = "jobVertexId")]
    pub job_vertex_id: String,
    /// Vertex name.
    #[serde(rename = "jobVertexName")]
    pub job_vertex_name: String,
    /// Slot sharing group id.
    #[serde(rename = "slotSharingGroupId")]
    pub slot_sharing_group_id: Option<String>,
    /// Slot sharing group name.
    #[serde(rename = "slotSharingGroupName")]
    pub slot_sharing_group_name: Option<String>,
    /// Desired parallelism.
    #[serde(
        rename = "desiredParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub desired_parallelism: Option<i64>,
    /// Minimum parallelism that was acceptable.
    #[serde(
        rename = "sufficientParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub sufficient_parallelism: Option<i64>,
    /// Parallelism before.
    #[serde(
        rename = "preRescaleParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub pre_rescale_parallelism: Option<i64>,
    /// Parallelism after (`None` until known).
    #[serde(
        rename = "postRescaleParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub post_rescale_parallelism: Option<i64>,
}

/// A slot sharing group of a [`Rescale`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RescaleSlots {
    /// Slot sharing group id.
    #[serde(rename = "slotSharingGroupId")]
    pub slot_sharing_group_id: String,
    /// Slot sharing group name.
    #[serde(rename = "slotSharingGroupName")]
    pub slot_sharing_group_name: Option<String>,
    /// Requested slot resources (-1 = unspecified).
    #[serde(rename = "requestResourceProfile")]
    pub request_resource_profile: Option<ResourceProfile>,
    /// Acquired slot resources.
    #[serde(rename = "acquiredResourceProfile")]
    pub acquired_resource_profile: Option<ResourceProfile>,
    /// Slots wanted.
    #[serde(rename = "desiredSlots", deserialize_with = "crate::net::lenient::opt_int")]
    pub desired_slots: Option<i64>,
    /// Slots needed at least.
    #[serde(
        rename = "minimalRequiredSlots",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub minimal_required_slots: Option<i64>,
    /// Slots before.
    #[serde(
        rename = "preRescaleSlots",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub pre_rescale_slots: Option<i64>,
    /// Slots after.
    #[serde(
        rename = "postRescaleSlots",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub post_rescale_slots: Option<i64>,
}

/// `GET /jobs/:jobid/rescales/summary`: counts and duration statistics (ms) by outcome.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RescalesSummary {
    /// Counts by outcome.
    #[serde(
        rename = "rescalesCounts",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub rescales_counts: RescalesCounts,
    /// Durations of all rescales.
    #[serde(
        rename = "rescalesDurationStatsInMillis",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub all: StatsSummary,
    /// Durations of completed rescales.
    #[serde(
        rename = "completedRescalesDurationStatsInMillis",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub completed: StatsSummary,
    /// Durations of ignored rescales.
    #[serde(
        rename = "ignoredRescalesDurationStatsInMillis",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub ignored: StatsSummary,
    /// Durations of failed rescales.
    #[serde(
        rename = "failedRescalesDurationStatsInMillis",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub failed: StatsSummary,
}
