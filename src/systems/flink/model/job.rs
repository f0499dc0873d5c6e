//! One job: details, plan, configuration, accumulators and execution result.

use super::common::{IoMetrics, SerializedThrowable, UserAccumulator};
use super::states::{ExecutionState, ExecutionStateCounts, JobState, JobType};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `GET /jobs/:jobid`: a job with its vertices. Also answers `GET /jobs/:jobid` for completed
/// jobs kept by the cluster (`state` is then terminal).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobDetails {
    /// Job id (32 hex characters).
    pub jid: String,
    /// Job name.
    pub name: String,
    /// Whether the job can be stopped gracefully (legacy stoppable sources).
    #[serde(rename = "isStoppable")]
    pub is_stoppable: bool,
    /// Current state.
    pub state: JobState,
    /// Streaming or batch (`job-type`, 1.19+).
    #[serde(rename = "job-type")]
    pub job_type: JobType,
    /// "Default" or "Adaptive" (2.x).
    #[serde(rename = "schedulerType")]
    pub scheduler_type: Option<String>,
    /// Application the job belongs to (2.3+).
    #[serde(rename = "application-id")]
    pub application_id: Option<String>,
    /// Start time, epoch ms.
    #[serde(rename = "start-time", deserialize_with = "crate::net::lenient::int")]
    pub start_time: i64,
    /// End time, epoch ms; -1 while not terminal.
    #[serde(
        rename = "end-time",
        default = "crate::net::lenient::unknown",
        deserialize_with = "crate::net::lenient::int"
    )]
    pub end_time: i64,
    /// Run time in ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub duration: i64,
    /// Job-wide max parallelism (-1 when vertices decide, 1.16+).
    #[serde(
        rename = "maxParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub max_parallelism: Option<i64>,
    /// Server time of the answer, epoch ms.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub now: i64,
    /// When the job entered each state, epoch ms (0 = never), keyed like "RUNNING".
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub timestamps: BTreeMap<String, i64>,
    /// The vertices (chained operator groups) in topological order.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub vertices: Vec<JobVertexSummary>,
    /// Number of vertices per state.
    #[serde(
        rename = "status-counts",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub status_counts: ExecutionStateCounts,
    /// The dataflow plan (edges between vertices); also served by `/jobs/:jobid/plan`.
    pub plan: Option<PlanGraph>,
    /// Operators not yet in the job graph (2.x adaptive batch).
    #[serde(
        rename = "pending-operators",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub pending_operators: Option<i64>,
}

impl JobDetails {
    /// When the job entered `state`, epoch ms, if it ever did.
    pub fn entered(&self, state: JobState) -> Option<i64> {
        self.timestamps
            .get(state.as_str())
            .copied()
            .filter(|t| *t > 0)
    }

    /// The vertex with the given id.
    pub fn vertex(&self, id: &str) -> Option<&JobVertexSummary> {
        self.vertices.iter().find(|v| v.id == id)
    }
}

/// One vertex in `vertices` of `GET /jobs/:jobid`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobVertexSummary {
    /// Vertex id (32 hex characters).
    pub id: String,
    /// Vertex name: the chained operators joined by " -> ".
    pub name: String,
    /// Current parallelism.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub parallelism: i64,
    /// Max parallelism (1.13+).
    #[serde(
        rename = "maxParallelism",
        deserialize_with = "crate::net::lenient::opt_int"
    )]
    pub max_parallelism: Option<i64>,
    /// Aggregated state of the subtasks.
    pub status: ExecutionState,
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
    /// Subtasks per state.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub tasks: ExecutionStateCounts,
    /// I/O counters summed over the subtasks.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub metrics: IoMetrics,
    /// Slot sharing group (2.x).
    #[serde(rename = "slotSharingGroupId")]
    pub slot_sharing_group_id: Option<String>,
}

/// `GET /jobs/:jobid/plan` and `GET|POST /jars/:jarid/plan`: `{"plan": {...}}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobPlan {
    /// The plan graph.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub plan: PlanGraph,
}

/// The dataflow graph of a job (`plan` of `/jobs/:jobid/plan`, `/jars/:jarid/plan` and
/// `/jobs/:jobid`): vertices as nodes, each listing its inputs.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PlanGraph {
    /// Job id.
    pub jid: String,
    /// Job name.
    pub name: String,
    /// "STREAMING" or "BATCH" (1.19+).
    #[serde(rename = "type")]
    pub job_type: JobType,
    /// Nodes, one per vertex, in no guaranteed order.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub nodes: Vec<PlanNode>,
}

impl PlanGraph {
    /// All edges as (from vertex id, to vertex id, input), in node order.
    pub fn edges(&self) -> Vec<(&str, &str, &PlanInput)> {
        self.nodes
            .iter()
            .flat_map(|n| {
                n.inputs
                    .iter()
                    .map(move |i| (i.id.as_str(), n.id.as_str(), i))
            })
            .collect()
    }
}

/// A node of a [`PlanGraph`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PlanNode {
    /// Vertex id (same as in the job details).
    pub id: String,
    /// Parallelism.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub parallelism: i64,
    /// Operator kind (often empty for streaming jobs).
    pub operator: String,
    /// Operator strategy (often empty for streaming jobs).
    pub operator_strategy: String,
    /// HTML-ish description: chained operators separated by `<br/>`, nesting shown with `+-`.
    pub description: String,
    /// Upstream edges; absent for sources.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub inputs: Vec<PlanInput>,
}

impl PlanNode {
    /// The description as plain lines: `<br/>` splits lines, other tags are dropped and the
    /// common HTML entities decoded. Server text stays text (the caller must not render HTML).
    pub fn description_lines(&self) -> Vec<String> {
        self.description
            .split("<br/>")
            .map(|line| {
                let mut out = String::new();
                let mut in_tag = false;
                for c in line.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' if in_tag => in_tag = false,
                        _ if !in_tag => out.push(c),
                        _ => {}
                    }
                }
                out.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&")
            })
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
}

/// An input edge of a [`PlanNode`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PlanInput {
    /// Upstream vertex id.
    pub id: String,
    /// Input number (0 for the first input; two-input operators have 0 and 1).
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub num: i64,
    /// Partitioning, e.g. "HASH", "REBALANCE", "FORWARD".
    pub ship_strategy: String,
    /// Data exchange, e.g. "pipelined_bounded" (absent in some 1.x plans).
    pub exchange: Option<String>,
    /// Local strategy (batch, 1.x).
    pub local_strategy: Option<String>,
}

/// `GET /jobs/:jobid/config`: the job's execution configuration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobConfig {
    /// Job id.
    pub jid: String,
    /// Job name.
    pub name: String,
    /// Execution settings; absent for some completed jobs.
    #[serde(rename = "execution-config")]
    pub execution_config: Option<ExecutionConfig>,
}

/// `execution-config` of `GET /jobs/:jobid/config`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ExecutionConfig {
    /// "PIPELINED", "BATCH", ... (1.x only).
    #[serde(rename = "execution-mode")]
    pub execution_mode: Option<String>,
    /// Human-readable restart strategy.
    #[serde(rename = "restart-strategy")]
    pub restart_strategy: String,
    /// Default parallelism of the job.
    #[serde(rename = "job-parallelism", deserialize_with = "crate::net::lenient::int")]
    pub job_parallelism: i64,
    /// Whether object reuse is on.
    #[serde(rename = "object-reuse-mode")]
    pub object_reuse_mode: bool,
    /// Global job parameters, e.g. the program arguments when the job registers them.
    #[serde(rename = "user-config", deserialize_with = "crate::net::lenient::nullable")]
    pub user_config: BTreeMap<String, String>,
}

/// `GET /jobs/:jobid/accumulators`: user accumulators summed over all tasks.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobAccumulators {
    /// User accumulators by name.
    #[serde(
        rename = "user-task-accumulators",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub user_task_accumulators: Vec<UserAccumulator>,
}

/// `GET /jobs/:jobid/execution-result`: whether the job is done and, if so, its result.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobExecutionResultResponse {
    /// IN_PROGRESS while the job runs, COMPLETED when the result is there.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub status: super::operations::QueueStatus,
    /// The result, once completed.
    #[serde(rename = "job-execution-result")]
    pub job_execution_result: Option<JobExecutionResult>,
}

/// `job-execution-result` of `GET /jobs/:jobid/execution-result`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct JobExecutionResult {
    /// Job id.
    pub id: String,
    /// Job name (2.x).
    pub name: Option<String>,
    /// "SUCCEEDED", "FAILED", "CANCELED" or "UNKNOWN".
    #[serde(rename = "application-status")]
    pub application_status: String,
    /// Accumulators by name, as base64 Java serialisations (not readable in a browser).
    #[serde(
        rename = "accumulator-results",
        deserialize_with = "crate::net::lenient::nullable"
    )]
    pub accumulator_results: BTreeMap<String, String>,
    /// Net run time in ms.
    #[serde(rename = "net-runtime", deserialize_with = "crate::net::lenient::int")]
    pub net_runtime: i64,
    /// Why the job failed, for failed jobs.
    #[serde(rename = "failure-cause")]
    pub failure_cause: Option<SerializedThrowable>,
    /// Application id (2.3+).
    #[serde(rename = "application-id")]
    pub application_id: Option<String>,
    /// Start time, epoch ms (2.x).
    #[serde(rename = "start-time", deserialize_with = "crate::net::lenient::opt_int")]
    pub start_time: Option<i64>,
    /// End time, epoch ms (2.x).
    #[serde(rename = "end-time", deserialize_with = "crate::net::lenient::opt_int")]
    pub end_time: Option<i64>,
}
