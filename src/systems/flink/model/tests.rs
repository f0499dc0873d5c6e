//! Decodes every recorded Flink 2.3 answer (`../fixtures/2.3`, recorded from a real cluster
//! running the e2e test job by `scripts/record-flink-fixtures.sh`) and every 1.12-shaped answer
//! (`../fixtures/1.12`, built from the 1.12 REST reference), and checks the values the views
//! rely on.

use super::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// Loads a fixture at compile time: `fixture!("2.3", "overview")`.
macro_rules! fixture {
    ($version:literal, $name:literal) => {
        (
            concat!($version, "/", $name),
            include_str!(concat!("../fixtures/", $version, "/", $name, ".json")),
        )
    };
}

/// Every fixture file must appear here; `every_fixture_file_is_decoded` checks the directory
/// against this list so a newly recorded answer cannot go untested.
const DECODED: &[&str] = &[
    // 2.3
    "2.3/application-detail",
    "2.3/application-detail-canceled",
    "2.3/application-exceptions",
    "2.3/applications-overview",
    "2.3/checkpoint-detail",
    "2.3/checkpoint-subtasks",
    "2.3/checkpoint-trigger",
    "2.3/checkpoint-trigger-status",
    "2.3/config",
    "2.3/datasets",
    "2.3/error-jar-plan-missing",
    "2.3/error-job-not-found",
    "2.3/error-no-such-endpoint",
    "2.3/error-profiler-duration",
    "2.3/error-rescaling-trigger",
    "2.3/jar-plan",
    "2.3/jar-run",
    "2.3/jars",
    "2.3/jars-upload",
    "2.3/job-accumulators",
    "2.3/job-accumulators-finished",
    "2.3/job-cancel",
    "2.3/job-checkpoints",
    "2.3/job-checkpoints-cancelled",
    "2.3/job-checkpoints-config",
    "2.3/job-config",
    "2.3/job-detail",
    "2.3/job-detail-cancelled",
    "2.3/job-detail-finished",
    "2.3/job-detail-rescaled",
    "2.3/job-detail-stopped",
    "2.3/job-exceptions",
    "2.3/job-execution-result",
    "2.3/job-jobmanager-config",
    "2.3/job-jobmanager-environment",
    "2.3/job-jobmanager-log-url",
    "2.3/job-metrics",
    "2.3/job-metrics-list",
    "2.3/job-plan",
    "2.3/job-rescales-config",
    "2.3/job-rescales-details",
    "2.3/job-rescales-details-scale-up",
    "2.3/job-rescales-history",
    "2.3/job-rescales-history-scale-up",
    "2.3/job-rescales-overview",
    "2.3/job-rescales-summary",
    "2.3/job-resource-requirements",
    "2.3/job-resource-requirements-put",
    "2.3/job-status",
    "2.3/job-taskmanager-log-url",
    "2.3/jobmanager-config",
    "2.3/jobmanager-environment",
    "2.3/jobmanager-logs",
    "2.3/jobmanager-metrics",
    "2.3/jobmanager-metrics-list",
    "2.3/jobmanager-profiler",
    "2.3/jobmanager-thread-dump",
    "2.3/jobs",
    "2.3/jobs-metrics-agg",
    "2.3/jobs-metrics-list",
    "2.3/jobs-overview",
    "2.3/jobs-overview-after",
    "2.3/overview",
    "2.3/savepoint-disposal-status",
    "2.3/savepoint-disposal-trigger",
    "2.3/savepoint-status",
    "2.3/savepoint-trigger",
    "2.3/stop-status",
    "2.3/stop-trigger",
    "2.3/taskmanager-detail",
    "2.3/taskmanager-logs",
    "2.3/taskmanager-metrics",
    "2.3/taskmanager-metrics-list",
    "2.3/taskmanager-profiler",
    "2.3/taskmanager-profiler-trigger",
    "2.3/taskmanager-thread-dump",
    "2.3/taskmanagers",
    "2.3/taskmanagers-metrics-agg",
    "2.3/vertex-accumulators",
    "2.3/vertex-backpressure",
    "2.3/vertex-detail",
    "2.3/vertex-detail-source",
    "2.3/vertex-flamegraph",
    "2.3/vertex-flamegraph-idle-on-cpu",
    "2.3/vertex-flamegraph-source-full",
    "2.3/vertex-flamegraph-waiting",
    "2.3/vertex-metrics",
    "2.3/vertex-metrics-list",
    "2.3/vertex-subtask",
    "2.3/vertex-subtask-attempt",
    "2.3/vertex-subtask-attempt-accumulators",
    "2.3/vertex-subtask-metrics",
    "2.3/vertex-subtasks-accumulators",
    "2.3/vertex-subtasks-metrics",
    "2.3/vertex-subtasks-metrics-list",
    "2.3/vertex-subtasktimes",
    "2.3/vertex-taskmanagers",
    "2.3/vertex-watermarks",
    "2.3/vertex-watermarks-sink",
    // 1.12
    "1.12/checkpoint-detail",
    "1.12/checkpoint-subtasks",
    "1.12/config",
    "1.12/datasets",
    "1.12/datasets-delete-status",
    "1.12/error-job-not-found",
    "1.12/error-rescaling-trigger",
    "1.12/jar-plan",
    "1.12/jar-run",
    "1.12/jars",
    "1.12/jars-upload",
    "1.12/job-accumulators",
    "1.12/job-checkpoints",
    "1.12/job-checkpoints-config",
    "1.12/job-config",
    "1.12/job-detail",
    "1.12/job-detail-failed",
    "1.12/job-exceptions",
    "1.12/job-exceptions-none",
    "1.12/job-execution-result",
    "1.12/job-execution-result-running",
    "1.12/job-metrics",
    "1.12/job-metrics-list",
    "1.12/job-plan",
    "1.12/jobmanager-config",
    "1.12/jobmanager-logs",
    "1.12/jobmanager-metrics",
    "1.12/jobmanager-metrics-list",
    "1.12/jobs",
    "1.12/jobs-metrics-agg",
    "1.12/jobs-overview",
    "1.12/overview",
    "1.12/rescaling-status",
    "1.12/rescaling-trigger",
    "1.12/savepoint-disposal-status",
    "1.12/savepoint-disposal-trigger",
    "1.12/savepoint-status",
    "1.12/savepoint-status-failed",
    "1.12/savepoint-status-in-progress",
    "1.12/savepoint-trigger",
    "1.12/stop-status",
    "1.12/stop-trigger",
    "1.12/taskmanager-detail",
    "1.12/taskmanager-logs",
    "1.12/taskmanager-metrics",
    "1.12/taskmanager-metrics-list",
    "1.12/taskmanager-thread-dump",
    "1.12/taskmanagers",
    "1.12/taskmanagers-metrics-agg",
    "1.12/vertex-accumulators",
    "1.12/vertex-backpressure",
    "1.12/vertex-backpressure-sampling",
    "1.12/vertex-detail",
    "1.12/vertex-metrics",
    "1.12/vertex-metrics-list",
    "1.12/vertex-subtask",
    "1.12/vertex-subtask-attempt",
    "1.12/vertex-subtask-attempt-accumulators",
    "1.12/vertex-subtask-metrics",
    "1.12/vertex-subtasks-accumulators",
    "1.12/vertex-subtasks-metrics",
    "1.12/vertex-subtasktimes",
    "1.12/vertex-taskmanagers",
    "1.12/vertex-watermarks",
];

/// Decodes a fixture, failing the test with the fixture's name and serde's message.
fn decode<T: DeserializeOwned>((name, text): (&str, &str)) -> T {
    assert!(DECODED.contains(&name), "{name} is missing from DECODED");
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => panic!(
            "{name} does not decode as {}: {e}",
            std::any::type_name::<T>()
        ),
    }
}

const TEST_JOB_VERTICES: [&str; 5] = [
    "Source: Orders -> Tag Orders -> Order Timestamps",
    "Source: Controls",
    "Count Per Key",
    "Sample",
    "Print: Writer",
];

fn is_job_id(id: &str) -> bool {
    id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())
}

fn accumulator(list: &[UserAccumulator], name: &str) -> Option<i64> {
    list.iter()
        .find(|a| a.name == name)
        .and_then(|a| a.value.parse().ok())
}

#[test]
fn every_fixture_file_is_decoded() {
    // file!() is relative to the workspace root inside the console crate, absolute when the
    // module is compiled from elsewhere through #[path].
    let this_file = std::path::Path::new(file!());
    let this_file = if this_file.is_absolute() {
        this_file.to_path_buf()
    } else {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(this_file)
    };
    let fixtures = this_file
        .parent()
        .and_then(|p| p.parent())
        .expect("model directory has a parent")
        .join("fixtures");
    let mut on_disk = Vec::new();
    for version in ["2.3", "1.12"] {
        let dir = fixtures.join(version);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.extension().and_then(|e| e.to_str()) == Some("json") {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                on_disk.push(format!("{version}/{stem}"));
            }
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = DECODED.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "fixture files and the DECODED list differ");
}

// ---------------------------------------------------------------- Flink 2.3, recorded

#[test]
fn v2_cluster_overview_and_config() {
    let o: ClusterOverview = decode(fixture!("2.3", "overview"));
    assert_eq!(o.flink_version, "2.3.0");
    assert_eq!((o.taskmanagers, o.slots_total), (1, 2));
    assert_eq!(
        (o.jobs_running, o.jobs_finished, o.jobs_cancelled),
        (1, 1, 1)
    );

    let c: DashboardConfig = decode(fixture!("2.3", "config"));
    assert_eq!(c.flink_version, "2.3.0");
    assert!(c.flink_revision.contains('@'));
    assert_eq!(c.features.web_submit, Some(true));
    assert_eq!(c.features.web_cancel, Some(true));
    assert_eq!(c.features.web_rescale, Some(true));
    assert_eq!(c.features.web_history, Some(false));
    assert!(c.refresh_interval > 0);

    let d: ClusterDataSets = decode(fixture!("2.3", "datasets"));
    assert!(d.data_sets.is_empty());
}

#[test]
fn v2_job_lists() {
    let jobs: JobIdsWithStatus = decode(fixture!("2.3", "jobs"));
    let mut states: Vec<JobState> = jobs.jobs.iter().map(|j| j.status).collect();
    states.sort_by_key(|s| s.as_str());
    assert_eq!(
        states,
        [JobState::Canceled, JobState::Finished, JobState::Running]
    );
    assert!(jobs.jobs.iter().all(|j| is_job_id(&j.id)));

    let overview: JobsOverview = decode(fixture!("2.3", "jobs-overview"));
    let main = overview
        .jobs
        .iter()
        .find(|j| j.name == "Switchboard Test Job: main")
        .expect("main job listed");
    assert_eq!(main.state, JobState::Running);
    assert_eq!(main.end_time, -1);
    assert_eq!(main.tasks.total, 9);
    assert_eq!(main.tasks.running, 9);
    assert_eq!(main.job_type, JobType::Streaming);
    assert_eq!(main.scheduler_type.as_deref(), Some("Adaptive"));
    let finite = overview
        .jobs
        .iter()
        .find(|j| j.name.ends_with("finite"))
        .expect("finite job");
    assert_eq!(finite.state, JobState::Finished);
    assert!(finite.end_time > finite.start_time);
    assert_eq!(finite.tasks.finished, 5);
    let cancelled = overview
        .jobs
        .iter()
        .find(|j| j.name.ends_with("cancel-me"))
        .expect("cancelled job");
    assert_eq!(cancelled.state, JobState::Canceled);
    assert_eq!(cancelled.tasks.canceled, 5);

    let after: JobsOverview = decode(fixture!("2.3", "jobs-overview-after"));
    assert!(after.jobs.iter().all(|j| j.state.is_terminal()));

    let status: JobStatusInfo = decode(fixture!("2.3", "job-status"));
    assert_eq!(status.status, JobState::Running);
}

#[test]
fn v2_job_details_name_the_test_job_vertices() {
    let job: JobDetails = decode(fixture!("2.3", "job-detail"));
    assert_eq!(job.name, "Switchboard Test Job: main");
    assert_eq!(job.state, JobState::Running);
    assert_eq!(job.job_type, JobType::Streaming);
    assert_eq!(job.application_id.as_deref(), Some(job.jid.as_str()));
    let names: Vec<&str> = job.vertices.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, TEST_JOB_VERTICES);
    let parallelism: Vec<i64> = job.vertices.iter().map(|v| v.parallelism).collect();
    assert_eq!(parallelism, [2, 1, 2, 2, 2]);
    assert!(job
        .vertices
        .iter()
        .all(|v| v.status == ExecutionState::Running));
    assert!(job
        .vertices
        .iter()
        .all(|v| v.tasks.running == v.parallelism));
    assert_eq!(job.status_counts.running, 5);
    assert!(job.entered(JobState::Running).is_some());
    assert_eq!(job.entered(JobState::Failed), None);
    let counter = job
        .vertices
        .iter()
        .find(|v| v.name == "Count Per Key")
        .expect("counter");
    assert!(counter.metrics.read_records > 0);
    assert!(counter.metrics.read_records_complete);
    assert!(counter.metrics.accumulated_idle_time.is_some());
    assert!(job.vertex(&counter.id).is_some());
    let plan = job.plan.as_ref().expect("2.x details embed the plan");
    assert_eq!(plan.nodes.len(), 5);

    for (fixture, state) in [
        (fixture!("2.3", "job-detail-finished"), JobState::Finished),
        (fixture!("2.3", "job-detail-cancelled"), JobState::Canceled),
        (fixture!("2.3", "job-detail-stopped"), JobState::Finished),
        (fixture!("2.3", "job-detail-rescaled"), JobState::Running),
    ] {
        let details: JobDetails = decode(fixture);
        assert_eq!(details.state, state, "{}", fixture.0);
        assert_eq!(details.vertices.len(), 5, "{}", fixture.0);
        if state.is_terminal() {
            assert!(details.end_time >= details.start_time, "{}", fixture.0);
        }
    }
    let rescaled: JobDetails = decode(fixture!("2.3", "job-detail-rescaled"));
    assert!(rescaled.vertices.iter().all(|v| v.parallelism == 1));
}

#[test]
fn v2_plan_has_fan_in_and_real_edges() {
    let plan: JobPlan = decode(fixture!("2.3", "job-plan"));
    let graph = &plan.plan;
    assert_eq!(graph.job_type, JobType::Streaming);
    let name_of = |id: &str| {
        graph
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.description_lines()[0].clone())
            .unwrap_or_default()
    };
    let mut edges: Vec<(String, String, String)> = graph
        .edges()
        .into_iter()
        .map(|(from, to, input)| (name_of(from), name_of(to), input.ship_strategy.clone()))
        .collect();
    edges.sort();
    assert_eq!(
        edges,
        [
            ("Count Per Key".into(), "Sample".into(), "REBALANCE".into()),
            ("Sample".into(), "Print: Writer".into(), "FORWARD".into()),
            (
                "Source: Controls".into(),
                "Count Per Key".into(),
                "HASH".into()
            ),
            (
                "Source: Orders".into(),
                "Count Per Key".into(),
                "HASH".into()
            ),
        ]
    );
    let source = graph
        .nodes
        .iter()
        .find(|n| n.inputs.is_empty() && n.parallelism == 2)
        .expect("orders source");
    assert_eq!(
        source.description_lines(),
        ["Source: Orders", "+- Tag Orders", "   +- Order Timestamps"]
    );
    let counter = graph
        .nodes
        .iter()
        .find(|n| n.inputs.len() == 2)
        .expect("two-input vertex");
    assert_eq!(
        counter.inputs.iter().map(|i| i.num).collect::<Vec<_>>(),
        [0, 1]
    );
    assert_eq!(
        counter.inputs[0].exchange.as_deref(),
        Some("pipelined_bounded")
    );

    let jar_plan: JobPlan = decode(fixture!("2.3", "jar-plan"));
    assert_eq!(jar_plan.plan.name, "Switchboard Test Job: plan");
    assert_eq!(jar_plan.plan.edges().len(), 4);
}

#[test]
fn v2_job_config_carries_the_program_arguments() {
    let config: JobConfig = decode(fixture!("2.3", "job-config"));
    let exec = config.execution_config.expect("execution config");
    assert_eq!(exec.job_parallelism, 2);
    assert!(exec.restart_strategy.contains("fixed delay"));
    let args = &exec.user_config;
    assert_eq!(args.get("label").map(String::as_str), Some("main"));
    assert_eq!(args.get("rate").map(String::as_str), Some("200"));
    assert_eq!(args.get("keys").map(String::as_str), Some("500"));
    assert_eq!(args.get("fail-after").map(String::as_str), Some("1500"));
}

#[test]
fn v2_accumulators_and_execution_result() {
    let acc: JobAccumulators = decode(fixture!("2.3", "job-accumulators"));
    assert!(accumulator(&acc.user_task_accumulators, "switchboard-events") > Some(0));
    assert!(acc
        .user_task_accumulators
        .iter()
        .all(|a| a.kind == "LongCounter"));

    let finished: JobAccumulators = decode(fixture!("2.3", "job-accumulators-finished"));
    // --count 300 orders plus 300 / 100 control events.
    assert_eq!(
        accumulator(&finished.user_task_accumulators, "switchboard-events"),
        Some(303)
    );
    assert_eq!(
        accumulator(&finished.user_task_accumulators, "switchboard-controls"),
        Some(3)
    );

    let result: JobExecutionResultResponse = decode(fixture!("2.3", "job-execution-result"));
    assert_eq!(result.status.id, QueueStatusId::Completed);
    let r = result.job_execution_result.expect("result");
    assert_eq!(r.application_status, "SUCCEEDED");
    assert_eq!(r.name.as_deref(), Some("Switchboard Test Job: finite"));
    assert!(r.accumulator_results.contains_key("switchboard-events"));
    assert!(r.net_runtime > 0);
    assert!(r.failure_cause.is_none());
}

#[test]
fn v2_exception_history_has_both_injected_failures() {
    let ex: JobExceptions = decode(fixture!("2.3", "job-exceptions"));
    assert_eq!(ex.root_exception, None, "2.x dropped root-exception");
    let history = ex.exception_history.as_ref().expect("exception history");
    assert!(history.entries.len() >= 2);
    assert!(history
        .entries
        .windows(2)
        .all(|w| w[0].timestamp >= w[1].timestamp));
    let summaries = ex.summaries();
    assert_eq!(summaries.len(), history.entries.len());
    assert!(summaries[0]
        .headline
        .contains("requested with --fail-after"));
    assert!(summaries
        .iter()
        .any(|s| s.stacktrace.contains("--fail-checkpoint")));
    assert!(summaries.iter().all(|s| s.timestamp > 0));

    let app: JobExceptions = decode(fixture!("2.3", "application-exceptions"));
    assert!(app.exception_history.is_some());
    assert!(app.summaries().is_empty());
}

#[test]
fn v2_checkpoint_statistics() {
    let stats: CheckpointingStatistics = decode(fixture!("2.3", "job-checkpoints"));
    assert!(stats.counts.completed >= 4);
    assert!(stats.counts.failed >= 1);
    assert!(stats.counts.restored >= 1);
    assert!(stats.summary.state_size.max > 0);
    assert!(stats
        .summary
        .checkpointed_size
        .as_ref()
        .is_some_and(|s| s.max > 0));
    assert!(stats.summary.end_to_end_duration.p50.is_some());
    let latest = stats.latest.completed.as_ref().expect("latest completed");
    assert_eq!(latest.status, CheckpointStatus::Completed);
    assert_eq!(latest.class_name.as_deref(), Some("completed"));
    assert!(latest
        .external_path
        .as_deref()
        .is_some_and(|p| p.starts_with("file:")));
    assert_eq!(latest.num_acknowledged_subtasks, latest.num_subtasks);
    let savepoint = stats.latest.savepoint.as_ref().expect("savepoint taken");
    assert!(savepoint.is_savepoint);
    assert_eq!(savepoint.checkpoint_type, CheckpointType::Savepoint);
    assert_eq!(savepoint.savepoint_format.as_deref(), Some("CANONICAL"));
    let failed = stats.latest.failed.as_ref().expect("declined checkpoint");
    assert_eq!(failed.status, CheckpointStatus::Failed);
    assert!(failed.failure_message.is_some());
    assert!(failed.failure_timestamp.is_some());
    assert!(stats
        .latest
        .restored
        .as_ref()
        .is_some_and(|r| r.restore_timestamp > 0));
    assert!(!stats.history.is_empty());

    let cancelled: CheckpointingStatistics = decode(fixture!("2.3", "job-checkpoints-cancelled"));
    assert!(cancelled.counts.completed >= 1);

    let config: CheckpointConfig = decode(fixture!("2.3", "job-checkpoints-config"));
    assert_eq!(config.mode, CheckpointingMode::ExactlyOnce);
    assert_eq!(config.interval, 3000);
    assert_eq!(config.state_backend.as_deref(), Some("HashMapStateBackend"));
    assert_eq!(
        config.checkpoint_storage.as_deref(),
        Some("FileSystemCheckpointStorage")
    );
    assert_eq!(config.tolerable_failed_checkpoints, Some(2));
    assert!(!config.externalization.enabled);
}

#[test]
fn v2_checkpoint_details_and_subtasks() {
    let detail: CheckpointStatistics = decode(fixture!("2.3", "checkpoint-detail"));
    assert_eq!(detail.tasks.len(), 5);
    assert!(detail.tasks.values().any(|t| t.state_size > 0));
    assert_eq!(
        detail.tasks.values().map(|t| t.num_subtasks).sum::<i64>(),
        detail.num_subtasks
    );

    let sub: TaskCheckpointDetails = decode(fixture!("2.3", "checkpoint-subtasks"));
    assert_eq!(sub.task.id, detail.id);
    assert_eq!(sub.task.num_subtasks, 2);
    assert_eq!(sub.subtasks.len(), 2);
    assert!(sub.subtasks.iter().all(|s| s.status == "completed"));
    assert!(sub
        .subtasks
        .iter()
        .all(|s| s.checkpoint.is_some() && s.alignment.is_some()));
    assert!(sub.summary.state_size.min > 0);
    // Two samples are too few for percentiles: Flink sends "NaN" strings.
    assert_eq!(sub.summary.state_size.p99, None);
    assert!(sub.summary.checkpoint_duration.async_.max >= 0);
}

#[test]
fn v2_vertex_views() {
    let v: JobVertexDetails = decode(fixture!("2.3", "vertex-detail"));
    assert_eq!(v.name, "Count Per Key");
    assert_eq!(v.parallelism, 2);
    assert_eq!(v.max_parallelism, Some(128));
    assert_eq!(v.subtasks.len(), 2);
    assert!(v
        .subtasks
        .iter()
        .all(|s| s.location().is_some() && s.host.is_none()));
    assert!(v
        .subtasks
        .iter()
        .all(|s| s.status == ExecutionState::Running && s.attempt >= 1));
    assert!(v
        .subtasks
        .iter()
        .all(|s| s.status_duration.contains_key("RUNNING")));
    let aggregated = v.aggregated.as_ref().expect("aggregated");
    assert!(aggregated.metrics["read-records"].sum > Some(0.0));

    let source: JobVertexDetails = decode(fixture!("2.3", "vertex-detail-source"));
    assert!(source.name.starts_with("Source: Orders"));

    let subtask: SubtaskAttempt = decode(fixture!("2.3", "vertex-subtask"));
    let attempt: SubtaskAttempt = decode(fixture!("2.3", "vertex-subtask-attempt"));
    assert_eq!(subtask.subtask, 0);
    assert_eq!(subtask.attempt, attempt.attempt);
    assert!(attempt.taskmanager_id.is_some());

    let times: SubtasksTimes = decode(fixture!("2.3", "vertex-subtasktimes"));
    assert_eq!(times.subtasks.len(), 2);
    assert!(times
        .subtasks
        .iter()
        .all(|s| s.timestamps.get("RUNNING") > Some(&0)));

    let tms: VertexTaskManagers = decode(fixture!("2.3", "vertex-taskmanagers"));
    assert_eq!(tms.taskmanagers.len(), 1);
    assert_eq!(tms.taskmanagers[0].status_counts.running, 2);
    assert!(tms.taskmanagers[0].endpoint.is_some());

    let bp: VertexBackpressure = decode(fixture!("2.3", "vertex-backpressure"));
    assert_eq!(bp.status, BackpressureStatus::Ok);
    assert_eq!(bp.level(), BackpressureLevel::Ok);
    assert_eq!(bp.subtasks.len(), 2);
    assert!(bp
        .subtasks
        .iter()
        .all(|s| s.idle_ratio.is_some() && s.busy_ratio.is_some()));

    let flame: FlameGraph = decode(fixture!("2.3", "vertex-flamegraph"));
    let root = flame.data.as_ref().expect("flame graph data");
    assert_eq!(root.name, "root");
    assert!(root.value > 0 && root.depth() > 3);
    let parsed = FlameGraph::parse(fixture!("2.3", "vertex-flamegraph").1).expect("parse");
    assert_eq!(
        parsed, flame,
        "the depth-proof parser reads what serde reads"
    );
}

/// A flame graph `depth` frames deep, shaped like Flink's, with an unknown field per frame.
fn deep_flame_graph(depth: usize) -> String {
    let mut text = String::from(r#"{"endTimestamp": 1700000000000, "data": "#);
    for i in 0..depth {
        text.push_str(&format!(
            r#"{{"name": "frame\u00e9{i}", "value": 7, "extra": {{"a": [1, {{"b": null}}]}}, "children": ["#
        ));
    }
    text.push_str(r#"{"name": "leaf", "value": 7, "children": []}"#);
    for _ in 0..depth {
        text.push_str("]}");
    }
    text.push('}');
    text
}

#[test]
fn flame_graphs_as_deep_as_flink_samples_still_parse() {
    let text = deep_flame_graph(150);
    assert!(
        serde_json::from_str::<FlameGraph>(&text).is_err(),
        "serde_json stops at 128 nested levels; this is why FlameGraph::parse exists"
    );
    let graph = FlameGraph::parse(&text).expect("deep graph");
    assert_eq!(graph.end_timestamp, 1_700_000_000_000);
    let root = graph.data.expect("root");
    assert_eq!(root.name, "frame\u{e9}0");
    assert_eq!(root.depth(), 150);
    let mut node = &root;
    while let Some(child) = node.children.first() {
        node = child;
    }
    assert_eq!((node.name.as_str(), node.value), ("leaf", 7));

    let empty =
        FlameGraph::parse(r#"{"endTimestamp": 5, "data": null, "other": "x"}"#).expect("empty");
    assert_eq!((empty.end_timestamp, empty.data), (5, None));
}

#[test]
fn malformed_flame_graphs_are_errors_not_panics() {
    let good = fixture!("2.3", "vertex-flamegraph").1;
    for cut in (0..good.len()).step_by(13) {
        if good.is_char_boundary(cut) && !good[cut..].trim().is_empty() {
            assert!(
                FlameGraph::parse(&good[..cut]).is_err(),
                "prefix of {cut} bytes"
            );
        }
    }
    for bad in [
        "",
        "[]",
        r#"{"data": 5}"#,
        r#"{"data": {"name": 5}}"#,
        r#"{"data": {"children": [1]}}"#,
        r#"{"data": {"name": "a\q"}}"#,
        r#"{"endTimestamp": "soon"} trailing"#,
    ] {
        assert!(FlameGraph::parse(bad).is_err(), "{bad}");
    }
    let too_deep = deep_flame_graph(MAX_FLAME_DEPTH + 1);
    assert!(FlameGraph::parse(&too_deep).is_err());
}

#[test]
fn v2_vertex_accumulators_and_metrics() {
    let acc: VertexAccumulators = decode(fixture!("2.3", "vertex-accumulators"));
    let total = accumulator(&acc.user_accumulators, "switchboard-events").expect("events");
    let per: SubtasksAccumulators = decode(fixture!("2.3", "vertex-subtasks-accumulators"));
    assert_eq!(per.subtasks.len(), 2);
    assert!(total > 0);
    // Recorded a moment later than the vertex total, so compare shapes, not sums.
    assert!(per
        .subtasks
        .iter()
        .all(|s| accumulator(&s.user_accumulators, "switchboard-events") > Some(0)));
    let attempt: AttemptAccumulators =
        decode(fixture!("2.3", "vertex-subtask-attempt-accumulators"));
    assert!(accumulator(&attempt.user_accumulators, "switchboard-events") > Some(0));

    let ids: Vec<MetricValue> = decode(fixture!("2.3", "vertex-metrics-list"));
    assert!(ids.iter().all(|m| m.value.is_none()));
    assert!(metric(&ids, "0.Count_Per_Key.switchboardEventsCounted").is_some());
    let values: Vec<MetricValue> = decode(fixture!("2.3", "vertex-metrics"));
    assert_eq!(
        metric(&values, "0.Count_Per_Key.switchboardLabel").and_then(|m| m.value.as_deref()),
        Some("main")
    );
    assert!(metric(&values, "0.numRecordsIn").and_then(MetricValue::as_f64) > Some(0.0));

    let agg: Vec<AggregatedMetric> = decode(fixture!("2.3", "vertex-subtasks-metrics"));
    let records = agg
        .iter()
        .find(|m| m.id == "numRecordsIn")
        .expect("numRecordsIn");
    assert!(records.sum > Some(0.0) && records.min <= records.max);
    let sub_ids: Vec<MetricValue> = decode(fixture!("2.3", "vertex-subtasks-metrics-list"));
    assert!(metric(&sub_ids, "numRecordsIn").is_some());
    let sub: Vec<MetricValue> = decode(fixture!("2.3", "vertex-subtask-metrics"));
    assert!(
        metric(&sub, "Count_Per_Key.switchboardEventsCounted").and_then(MetricValue::as_f64)
            > Some(0.0)
    );

    for fixture in [
        fixture!("2.3", "vertex-watermarks"),
        fixture!("2.3", "vertex-watermarks-sink"),
    ] {
        let marks: Vec<MetricValue> = decode(fixture);
        assert!(!marks.is_empty(), "{}", fixture.0);
        assert!(
            marks
                .iter()
                .all(|m| m.id.ends_with("currentInputWatermark")),
            "{}",
            fixture.0
        );
    }
    let marks: Vec<MetricValue> = decode(fixture!("2.3", "vertex-watermarks"));
    assert!(
        marks[0].as_f64() > Some(1.0e12),
        "event-time watermark in epoch ms"
    );
}

#[test]
fn v2_job_metrics() {
    let ids: Vec<MetricValue> = decode(fixture!("2.3", "job-metrics-list"));
    assert!(metric(&ids, "numRestarts").is_some());
    let values: Vec<MetricValue> = decode(fixture!("2.3", "job-metrics"));
    assert!(metric(&values, "numRestarts").and_then(MetricValue::as_f64) >= Some(2.0));
    assert!(
        metric(&values, "numberOfCompletedCheckpoints").and_then(MetricValue::as_f64) > Some(0.0)
    );

    let all_ids: Vec<MetricValue> = decode(fixture!("2.3", "jobs-metrics-list"));
    assert!(metric(&all_ids, "numRestarts").is_some());
    let agg: Vec<AggregatedMetric> = decode(fixture!("2.3", "jobs-metrics-agg"));
    assert!(agg
        .iter()
        .any(|m| m.id == "numRestarts" && m.max >= Some(2.0)));
}

#[test]
fn v2_task_managers() {
    let list: TaskManagers = decode(fixture!("2.3", "taskmanagers"));
    assert_eq!(list.taskmanagers.len(), 1);
    let tm = &list.taskmanagers[0];
    assert_eq!(tm.slots_number, 2);
    assert!(tm.path.contains("taskmanager"));
    assert!(tm.hardware.cpu_cores > 0);
    assert!(tm
        .memory_configuration
        .as_ref()
        .is_some_and(|m| m.total_process_memory > 0));
    assert!(tm
        .total_resource
        .as_ref()
        .is_some_and(|r| r.cpu_cores > 0.0));

    let detail: TaskManagerInfo = decode(fixture!("2.3", "taskmanager-detail"));
    assert_eq!(detail.id, tm.id);
    let metrics = detail.metrics.as_ref().expect("detail metrics");
    assert!(metrics.heap_used > 0 && metrics.heap_used <= metrics.heap_max);
    assert!(metrics
        .garbage_collectors
        .iter()
        .any(|g| g.name.starts_with("G1")));
    assert!(metrics.netty_shuffle_memory_segments_total > Some(0));
    assert_eq!(detail.allocated_slots.len(), 2);

    let ids: Vec<MetricValue> = decode(fixture!("2.3", "taskmanager-metrics-list"));
    assert!(metric(&ids, "Status.JVM.CPU.Load").is_some());
    let values: Vec<MetricValue> = decode(fixture!("2.3", "taskmanager-metrics"));
    assert!(
        metric(&values, "Status.JVM.Memory.Heap.Used").and_then(MetricValue::as_f64) > Some(0.0)
    );
    let agg: Vec<AggregatedMetric> = decode(fixture!("2.3", "taskmanagers-metrics-agg"));
    assert!(agg[0].sum > Some(0.0));

    let logs: LogList = decode(fixture!("2.3", "taskmanager-logs"));
    assert!(logs
        .logs
        .iter()
        .any(|l| l.name.ends_with(".log") && l.size > 0 && l.mtime.is_some()));
    let dump: ThreadDump = decode(fixture!("2.3", "taskmanager-thread-dump"));
    assert!(!dump.thread_infos.is_empty());
    assert!(dump
        .thread_infos
        .iter()
        .all(|t| t.stringified_thread_info.contains(&t.thread_name)));

    let trigger: ProfilingInfo = decode(fixture!("2.3", "taskmanager-profiler-trigger"));
    assert_eq!(trigger.status, ProfilingStatus::Running);
    assert_eq!(trigger.finished_time, None);
    let runs: ProfilingList = decode(fixture!("2.3", "taskmanager-profiler"));
    let run = &runs.profiling_list[0];
    assert_eq!(run.status, ProfilingStatus::Finished);
    assert!(run
        .output_file
        .as_deref()
        .is_some_and(|f| f.ends_with(".html")));
}

#[test]
fn v2_job_manager() {
    for fixture in [
        fixture!("2.3", "jobmanager-config"),
        fixture!("2.3", "job-jobmanager-config"),
    ] {
        let entries: Vec<ConfigEntry> = decode(fixture);
        assert_eq!(
            config_value(&entries, "taskmanager.numberOfTaskSlots"),
            Some("2"),
            "{}",
            fixture.0
        );
        assert_eq!(
            config_value(&entries, "jobmanager.scheduler"),
            Some("adaptive"),
            "{}",
            fixture.0
        );
    }
    for fixture in [
        fixture!("2.3", "jobmanager-environment"),
        fixture!("2.3", "job-jobmanager-environment"),
    ] {
        let env: JobManagerEnvironment = decode(fixture);
        assert!(env.jvm.version.contains("17"), "{}", fixture.0);
        assert!(
            env.classpath.iter().any(|c| c.contains("flink-dist")),
            "{}",
            fixture.0
        );
        assert!(!env.jvm.options.is_empty(), "{}", fixture.0);
    }
    let logs: LogList = decode(fixture!("2.3", "jobmanager-logs"));
    assert!(logs
        .logs
        .iter()
        .any(|l| l.name.contains("standalonesession")));
    let ids: Vec<MetricValue> = decode(fixture!("2.3", "jobmanager-metrics-list"));
    assert!(metric(&ids, "numRunningJobs").is_some());
    let values: Vec<MetricValue> = decode(fixture!("2.3", "jobmanager-metrics"));
    assert_eq!(
        metric(&values, "taskSlotsTotal").and_then(MetricValue::as_f64),
        Some(2.0)
    );
    let dump: ThreadDump = decode(fixture!("2.3", "jobmanager-thread-dump"));
    assert!(!dump.thread_infos.is_empty());
    let runs: ProfilingList = decode(fixture!("2.3", "jobmanager-profiler"));
    assert!(runs.profiling_list.is_empty());

    let jm: LogUrl = decode(fixture!("2.3", "job-jobmanager-log-url"));
    assert!(jm.url.ends_with("#/job-manager/logs"));
    let tm: LogUrl = decode(fixture!("2.3", "job-taskmanager-log-url"));
    assert!(tm.url.contains("#/task-manager/"));
}

#[test]
fn v2_jars() {
    let jars: JarList = decode(fixture!("2.3", "jars"));
    assert_eq!(jars.files.len(), 1);
    let jar = &jars.files[0];
    assert_eq!(jar.name, "switchboard-test-job.jar");
    assert_eq!(jar.entry[0].name, "switchboard.testjob.SwitchboardTestJob");
    assert_eq!(jar.entry[0].description, None);
    assert!(jar.uploaded > 0);

    let upload: JarUploadResponse = decode(fixture!("2.3", "jars-upload"));
    assert_eq!(upload.status, "success");
    assert_eq!(upload.jar_id(), jar.id);

    let run: JarRunResponse = decode(fixture!("2.3", "jar-run"));
    assert!(is_job_id(&run.jobid));
    assert_eq!(run.application_id.as_deref(), Some(run.jobid.as_str()));
}

#[test]
fn v2_async_operations() {
    for fixture in [
        fixture!("2.3", "savepoint-trigger"),
        fixture!("2.3", "stop-trigger"),
        fixture!("2.3", "checkpoint-trigger"),
        fixture!("2.3", "savepoint-disposal-trigger"),
    ] {
        let t: TriggerResponse = decode(fixture);
        assert!(is_job_id(&t.request_id), "{}", fixture.0);
    }
    for fixture in [
        fixture!("2.3", "savepoint-status"),
        fixture!("2.3", "stop-status"),
    ] {
        let s: AsyncOperationResult = decode(fixture);
        assert!(s.is_done(), "{}", fixture.0);
        assert!(s.failure().is_none(), "{}", fixture.0);
        let location = s.operation.as_ref().and_then(|o| o.location.as_deref());
        assert!(
            location.is_some_and(|l| l.contains("/savepoints/savepoint-")),
            "{}",
            fixture.0
        );
    }
    let cp: AsyncOperationResult = decode(fixture!("2.3", "checkpoint-trigger-status"));
    assert!(cp.operation.as_ref().and_then(|o| o.checkpoint_id) > Some(0));
    let disposal: AsyncOperationResult = decode(fixture!("2.3", "savepoint-disposal-status"));
    assert!(disposal.is_done() && disposal.failure().is_none());

    let cancel: BTreeMap<String, serde_json::Value> = decode(fixture!("2.3", "job-cancel"));
    assert!(cancel.is_empty(), "PATCH /jobs/:id answers an empty object");
}

#[test]
fn v2_rescaling_through_the_adaptive_scheduler() {
    let req: ResourceRequirements = decode(fixture!("2.3", "job-resource-requirements"));
    assert_eq!(req.len(), 5);
    let mut uppers: Vec<i64> = req.values().map(|r| r.parallelism.upper_bound).collect();
    uppers.sort();
    assert_eq!(uppers, [1, 2, 2, 2, 2]);
    assert!(req.values().all(|r| r.parallelism.lower_bound == 1));
    let put: ResourceRequirements = decode(fixture!("2.3", "job-resource-requirements-put"));
    assert!(put.is_empty());

    let config: RescalesConfig = decode(fixture!("2.3", "job-rescales-config"));
    assert_eq!(config.rescale_history_max, 20);
    assert!(config.executing_cooldown_timeout > Some(0));

    let history: Vec<Rescale> = decode(fixture!("2.3", "job-rescales-history"));
    let causes: Vec<&str> = history
        .iter()
        .filter_map(|r| r.trigger_cause.as_deref())
        .collect();
    assert_eq!(causes.first(), Some(&"UPDATE_REQUIREMENT"));
    assert_eq!(causes.last(), Some(&"INITIAL_SCHEDULE"));
    assert!(history
        .iter()
        .all(|r| r.terminal_state.as_deref() == Some("COMPLETED")));

    let details: Rescale = decode(fixture!("2.3", "job-rescales-details"));
    assert_eq!(details.rescale_uuid, history[0].rescale_uuid);
    assert_eq!(details.vertices.len(), 5);
    let counter = details
        .vertices
        .values()
        .find(|v| v.job_vertex_name == "Count Per Key")
        .expect("counter vertex");
    assert_eq!(
        (counter.pre_rescale_parallelism, counter.desired_parallelism),
        (Some(2), Some(1))
    );
    assert_eq!(details.slots.len(), 1);

    let overview: RescalesOverview = decode(fixture!("2.3", "job-rescales-overview"));
    assert_eq!(overview.rescales_counts.completed, history.len() as i64);
    assert!(overview.latest.completed.is_some());
    assert!(overview.latest.failed.is_none());

    let summary: RescalesSummary = decode(fixture!("2.3", "job-rescales-summary"));
    assert!(summary.completed.max > 0);
    assert_eq!(summary.failed.p50, None, "NaN percentile without samples");
}

#[test]
fn v2_a_scale_up_from_1_to_2_with_its_scheduler_states() {
    let history: Vec<Rescale> = decode(fixture!("2.3", "job-rescales-history-scale-up"));
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].trigger_cause.as_deref(),
        Some("UPDATE_REQUIREMENT")
    );
    assert_eq!(
        history[1].trigger_cause.as_deref(),
        Some("INITIAL_SCHEDULE")
    );
    assert!(history
        .iter()
        .all(|r| r.state() == "COMPLETED" && r.scheduler_states.is_empty()));
    let up: Rescale = decode(fixture!("2.3", "job-rescales-details-scale-up"));
    assert_eq!(up.rescale_uuid, history[0].rescale_uuid);
    let v = up.vertices_by_name();
    assert_eq!(v.len(), 5);
    assert_eq!(v[0].job_vertex_name, "Count Per Key");
    assert!(v
        .iter()
        .all(|v| (v.pre_rescale_parallelism, v.post_rescale_parallelism) == (Some(1), Some(2))));
    let states: Vec<&str> = up
        .scheduler_states
        .iter()
        .map(|s| s.state.as_str())
        .collect();
    assert_eq!(
        states,
        [
            "Executing",
            "Restarting",
            "CreatingExecutionGraph",
            "Executing"
        ]
    );
    assert!(up
        .scheduler_states
        .iter()
        .all(|s| s.enter.is_some() && s.exception.is_none()));
    assert_eq!(
        up.duration(0),
        Some(up.end_timestamp.unwrap() - up.start_timestamp.unwrap())
    );
    let older: Rescale = decode(fixture!("2.3", "job-rescales-details"));
    assert_eq!(
        older.scheduler_states.first().map(|s| s.state.as_str()),
        Some("Executing")
    );
}

#[test]
fn rescales_in_progress_have_no_terminal_state_and_run_until_now() {
    let r = Rescale {
        start_timestamp: Some(1_000),
        ..Default::default()
    };
    assert_eq!(r.state(), "IN_PROGRESS");
    assert_eq!(r.duration(4_500), Some(3_500));
    assert_eq!(Rescale::default().duration(10), None);
}

#[test]
fn v2_applications() {
    let apps: ApplicationsOverview = decode(fixture!("2.3", "applications-overview"));
    assert_eq!(apps.applications.len(), 3);
    assert!(apps
        .applications
        .iter()
        .any(|a| a.status == "RUNNING" && a.jobs.get("RUNNING") == Some(&1)));
    let app: ApplicationDetails = decode(fixture!("2.3", "application-detail"));
    assert!(app.name.contains("Switchboard Test Job: main"));
    assert_eq!(app.jobs.len(), 1);
    assert_eq!(app.jobs[0].jid, app.id);
}

#[test]
fn v2_errors() {
    let e: ErrorResponse = decode(fixture!("2.3", "error-job-not-found"));
    assert!(e
        .headline()
        .is_some_and(|h| h.contains("Job 00000000000000000000000000000000 not found")));
    let e: ErrorResponse = decode(fixture!("2.3", "error-no-such-endpoint"));
    assert_eq!(
        e.headline(),
        Some("Unable to load requested file /no/such/endpoint.")
    );
    let e: ErrorResponse = decode(fixture!("2.3", "error-rescaling-trigger"));
    assert!(e
        .headline()
        .is_some_and(|h| h.contains("Rescaling is temporarily disabled")));
    let e: ErrorResponse = decode(fixture!("2.3", "error-jar-plan-missing"));
    assert!(!e.errors.is_empty());
}

// ---------------------------------------------------------------- Flink 1.12, from the reference

#[test]
fn v1_cluster() {
    let o: ClusterOverview = decode(fixture!("1.12", "overview"));
    assert_eq!(o.flink_version, "1.12.7");
    assert_eq!((o.slots_total, o.slots_available, o.jobs_failed), (4, 1, 1));
    assert_eq!(o.taskmanagers_blocked, None);
    let c: DashboardConfig = decode(fixture!("1.12", "config"));
    assert_eq!(c.features.web_submit, Some(true));
    assert_eq!(c.features.web_cancel, None, "1.12 has no web-cancel flag");
    let d: ClusterDataSets = decode(fixture!("1.12", "datasets"));
    assert!(d.data_sets[0].is_complete);
    let del: AsyncOperationResult = decode(fixture!("1.12", "datasets-delete-status"));
    assert!(del.is_done());
}

#[test]
fn v1_jobs() {
    let jobs: JobIdsWithStatus = decode(fixture!("1.12", "jobs"));
    assert_eq!(jobs.jobs.len(), 3);
    let overview: JobsOverview = decode(fixture!("1.12", "jobs-overview"));
    let running = &overview.jobs[0];
    assert_eq!(
        (running.name.as_str(), running.state),
        ("Fraud Detection", JobState::Running)
    );
    assert_eq!(
        running.job_type,
        JobType::Unknown,
        "1.12 does not report the job type"
    );
    assert_eq!(running.scheduler_type, None);
    assert_eq!(running.tasks.initializing, 0);
    assert_eq!(overview.jobs[1].state, JobState::Failed);

    let job: JobDetails = decode(fixture!("1.12", "job-detail"));
    assert_eq!(job.vertices.len(), 3);
    assert_eq!(job.vertices[1].parallelism, 2);
    assert_eq!(job.vertices[0].max_parallelism, None);
    assert_eq!(job.vertices[0].metrics.accumulated_busy_time, None);
    assert_eq!(job.application_id, None);
    assert!(job.entered(JobState::Running).is_some());
    let plan = job.plan.as_ref().expect("plan");
    assert_eq!(plan.edges().len(), 2);
    assert_eq!(plan.job_type, JobType::Unknown);

    let failed: JobDetails = decode(fixture!("1.12", "job-detail-failed"));
    assert_eq!(failed.state, JobState::Failed);
    assert_eq!(failed.status_counts.failed, 1);
    assert!(failed.entered(JobState::Failing).is_some());

    let plan: JobPlan = decode(fixture!("1.12", "job-plan"));
    let source = plan
        .plan
        .nodes
        .iter()
        .find(|n| n.inputs.is_empty())
        .expect("source");
    assert_eq!(
        source.description_lines(),
        ["Source: Transactions", "+- Timestamps/Watermarks"]
    );
    let jar_plan: JobPlan = decode(fixture!("1.12", "jar-plan"));
    assert_eq!(jar_plan.plan.nodes.len(), 3);

    let config: JobConfig = decode(fixture!("1.12", "job-config"));
    let exec = config.execution_config.expect("execution config");
    assert_eq!(exec.execution_mode.as_deref(), Some("PIPELINED"));
    assert_eq!(
        exec.user_config.get("input-topic").map(String::as_str),
        Some("transactions")
    );

    let acc: JobAccumulators = decode(fixture!("1.12", "job-accumulators"));
    assert_eq!(
        accumulator(&acc.user_task_accumulators, "suspicious-transactions"),
        Some(1280)
    );
}

#[test]
fn v1_exceptions_and_results() {
    let ex: JobExceptions = decode(fixture!("1.12", "job-exceptions"));
    assert!(ex.exception_history.is_none());
    let summaries = ex.summaries();
    assert_eq!(summaries.len(), 2, "root exception plus one task exception");
    assert_eq!(
        summaries[0].headline,
        "java.lang.RuntimeException: Alert sink unavailable"
    );
    assert_eq!(summaries[1].task.as_deref(), Some("Sink: Alerts (2/2)"));
    assert_eq!(summaries[1].location.as_deref(), Some("10.0.0.12:35421"));
    let none: JobExceptions = decode(fixture!("1.12", "job-exceptions-none"));
    assert!(none.summaries().is_empty());

    let result: JobExecutionResultResponse = decode(fixture!("1.12", "job-execution-result"));
    let r = result.job_execution_result.expect("result");
    assert_eq!(r.application_status, "FAILED");
    assert!(r
        .failure_cause
        .as_ref()
        .and_then(SerializedThrowable::headline)
        .is_some_and(|h| h.contains("Job execution failed")));
    assert_eq!(r.start_time, None);
    let running: JobExecutionResultResponse =
        decode(fixture!("1.12", "job-execution-result-running"));
    assert_eq!(running.status.id, QueueStatusId::InProgress);
    assert!(running.job_execution_result.is_none());
}

#[test]
fn v1_checkpoints() {
    let stats: CheckpointingStatistics = decode(fixture!("1.12", "job-checkpoints"));
    assert_eq!((stats.counts.completed, stats.counts.failed), (119, 2));
    assert_eq!(stats.summary.checkpointed_size, None, "added in 1.15");
    assert_eq!(
        stats.summary.state_size.p50, None,
        "percentiles added in 1.13"
    );
    assert_eq!(stats.summary.state_size.max, 4_194_304);
    assert_eq!(stats.history.len(), 5);
    assert_eq!(
        stats.history[0].class_name.as_deref(),
        Some("completed"),
        "1.x tags with @class"
    );
    let failed = stats.latest.failed.as_ref().expect("failed");
    assert_eq!(
        failed.failure_message.as_deref(),
        Some("Checkpoint expired before completing.")
    );
    assert_eq!(failed.latest_ack_timestamp, -1);
    let savepoint = stats.latest.savepoint.as_ref().expect("savepoint");
    assert_eq!(savepoint.checkpoint_type, CheckpointType::Savepoint);
    assert_eq!(savepoint.savepoint_format, None);
    assert!(stats
        .latest
        .restored
        .as_ref()
        .is_some_and(|r| r.is_savepoint));

    let detail: CheckpointStatistics = decode(fixture!("1.12", "checkpoint-detail"));
    assert_eq!(detail.tasks.len(), 3);
    assert_eq!(detail.checkpointed_size, None);
    let sub: TaskCheckpointDetails = decode(fixture!("1.12", "checkpoint-subtasks"));
    assert_eq!(sub.subtasks.len(), 2);
    assert_eq!(
        sub.subtasks[1].checkpoint.as_ref().map(|c| c.async_),
        Some(161)
    );
    assert_eq!(
        sub.summary.alignment.processed.as_ref().map(|p| p.max),
        Some(6_144)
    );

    let config: CheckpointConfig = decode(fixture!("1.12", "job-checkpoints-config"));
    assert_eq!(config.mode, CheckpointingMode::ExactlyOnce);
    assert_eq!(config.interval, 30_000);
    assert!(config.externalization.enabled && !config.externalization.delete_on_cancellation);
    assert_eq!(config.checkpoint_storage, None);
}

#[test]
fn v1_vertices() {
    let v: JobVertexDetails = decode(fixture!("1.12", "vertex-detail"));
    assert_eq!(v.subtasks.len(), 2);
    assert_eq!(
        v.subtasks[0].location(),
        Some("10.0.0.12"),
        "1.x reports host"
    );
    assert!(v.aggregated.is_none());
    let s: SubtaskAttempt = decode(fixture!("1.12", "vertex-subtask"));
    let a: SubtaskAttempt = decode(fixture!("1.12", "vertex-subtask-attempt"));
    assert_eq!((s.subtask, a.attempt), (1, 0));
    assert!(s.status_duration.is_empty());

    let bp: VertexBackpressure = decode(fixture!("1.12", "vertex-backpressure"));
    assert_eq!(bp.level(), BackpressureLevel::High);
    assert_eq!(bp.subtasks[1].level(), BackpressureLevel::Low);
    assert_eq!(bp.subtasks[0].ratio, 0.82);
    assert_eq!(bp.subtasks[0].busy_ratio, None);
    let sampling: VertexBackpressure = decode(fixture!("1.12", "vertex-backpressure-sampling"));
    assert_eq!(sampling.status, BackpressureStatus::Deprecated);
    assert_eq!(sampling.level(), BackpressureLevel::Unknown);

    let acc: VertexAccumulators = decode(fixture!("1.12", "vertex-accumulators"));
    let per: SubtasksAccumulators = decode(fixture!("1.12", "vertex-subtasks-accumulators"));
    let sum: i64 = per
        .subtasks
        .iter()
        .filter_map(|s| accumulator(&s.user_accumulators, "suspicious-transactions"))
        .sum();
    assert_eq!(
        Some(sum),
        accumulator(&acc.user_accumulators, "suspicious-transactions")
    );
    assert_eq!(per.subtasks[0].host.as_deref(), Some("10.0.0.12"));
    let attempt: AttemptAccumulators =
        decode(fixture!("1.12", "vertex-subtask-attempt-accumulators"));
    assert_eq!(
        accumulator(&attempt.user_accumulators, "suspicious-transactions"),
        Some(646)
    );

    let times: SubtasksTimes = decode(fixture!("1.12", "vertex-subtasktimes"));
    assert!(times
        .subtasks
        .iter()
        .all(|s| s.host.is_some() && s.timestamps["RUNNING"] > 0));
    let tms: VertexTaskManagers = decode(fixture!("1.12", "vertex-taskmanagers"));
    assert_eq!(tms.taskmanagers[0].host.as_deref(), Some("10.0.0.12:35421"));
    assert_eq!(tms.taskmanagers[0].status_counts.total(), 2);

    let marks: Vec<MetricValue> = decode(fixture!("1.12", "vertex-watermarks"));
    assert!(marks[0].as_f64() > Some(0.0));
    assert_eq!(
        marks[1].as_f64(),
        Some(i64::MIN as f64),
        "no watermark yet is Long.MIN_VALUE"
    );
}

#[test]
fn v1_metrics() {
    for (fixture, id) in [
        (fixture!("1.12", "vertex-metrics-list"), "0.numRecordsIn"),
        (fixture!("1.12", "job-metrics-list"), "fullRestarts"),
        (
            fixture!("1.12", "jobmanager-metrics-list"),
            "taskSlotsTotal",
        ),
        (
            fixture!("1.12", "taskmanager-metrics-list"),
            "Status.JVM.CPU.Load",
        ),
    ] {
        let ids: Vec<MetricValue> = decode(fixture);
        assert!(metric(&ids, id).is_some(), "{}", fixture.0);
    }
    for (fixture, id, value) in [
        (
            fixture!("1.12", "vertex-metrics"),
            "0.buffers.inPoolUsage",
            0.875,
        ),
        (
            fixture!("1.12", "vertex-subtask-metrics"),
            "numRecordsIn",
            103_424.0,
        ),
        (
            fixture!("1.12", "job-metrics"),
            "numberOfCompletedCheckpoints",
            119.0,
        ),
        (
            fixture!("1.12", "jobmanager-metrics"),
            "taskSlotsTotal",
            4.0,
        ),
        (
            fixture!("1.12", "taskmanager-metrics"),
            "Status.JVM.CPU.Load",
            0.3125,
        ),
    ] {
        let values: Vec<MetricValue> = decode(fixture);
        assert_eq!(
            metric(&values, id).and_then(MetricValue::as_f64),
            Some(value),
            "{}",
            fixture.0
        );
    }
    for fixture in [
        fixture!("1.12", "vertex-subtasks-metrics"),
        fixture!("1.12", "jobs-metrics-agg"),
        fixture!("1.12", "taskmanagers-metrics-agg"),
    ] {
        let agg: Vec<AggregatedMetric> = decode(fixture);
        assert!(
            agg[0].sum.is_some() && agg[0].skew.is_none(),
            "{}",
            fixture.0
        );
    }
}

#[test]
fn v1_task_and_job_managers() {
    let list: TaskManagers = decode(fixture!("1.12", "taskmanagers"));
    let tm = &list.taskmanagers[0];
    assert_eq!((tm.slots_number, tm.free_slots), (4, 1));
    assert_eq!(tm.assigned_tasks, None);
    assert!(tm.allocated_slots.is_empty());
    let detail: TaskManagerInfo = decode(fixture!("1.12", "taskmanager-detail"));
    let m = detail.metrics.expect("metrics");
    assert_eq!(m.memory_segments_total, Some(11_469));
    assert_eq!(m.garbage_collectors.len(), 2);
    let logs: LogList = decode(fixture!("1.12", "taskmanager-logs"));
    assert!(logs.logs.iter().all(|l| l.mtime.is_none()));
    let dump: ThreadDump = decode(fixture!("1.12", "taskmanager-thread-dump"));
    assert_eq!(dump.thread_infos.len(), 2);

    let config: Vec<ConfigEntry> = decode(fixture!("1.12", "jobmanager-config"));
    assert_eq!(config_value(&config, "state.backend"), Some("rocksdb"));
    assert_eq!(config_value(&config, "s3.secret-key"), Some("******"));
    let logs: LogList = decode(fixture!("1.12", "jobmanager-logs"));
    assert_eq!(logs.logs.len(), 2);
}

#[test]
fn v1_jars_and_operations() {
    let jars: JarList = decode(fixture!("1.12", "jars"));
    assert_eq!(
        jars.files[0].entry[0].name,
        "com.example.fraud.FraudDetectionJob"
    );
    let upload: JarUploadResponse = decode(fixture!("1.12", "jars-upload"));
    assert_eq!(upload.jar_id(), jars.files[0].id);
    let run: JarRunResponse = decode(fixture!("1.12", "jar-run"));
    assert!(is_job_id(&run.jobid) && run.application_id.is_none());

    for fixture in [
        fixture!("1.12", "savepoint-trigger"),
        fixture!("1.12", "stop-trigger"),
        fixture!("1.12", "savepoint-disposal-trigger"),
        fixture!("1.12", "rescaling-trigger"),
    ] {
        let t: TriggerResponse = decode(fixture);
        assert!(is_job_id(&t.request_id), "{}", fixture.0);
    }
    let pending: AsyncOperationResult = decode(fixture!("1.12", "savepoint-status-in-progress"));
    assert!(!pending.is_done() && pending.operation.is_none());
    for fixture in [
        fixture!("1.12", "savepoint-status"),
        fixture!("1.12", "stop-status"),
    ] {
        let s: AsyncOperationResult = decode(fixture);
        assert!(s.is_done() && s.failure().is_none(), "{}", fixture.0);
        assert!(s
            .operation
            .and_then(|o| o.location)
            .is_some_and(|l| l.starts_with("hdfs://")));
    }
    for (fixture, expected) in [
        (
            fixture!("1.12", "savepoint-status-failed"),
            "Checkpoint expired",
        ),
        (
            fixture!("1.12", "rescaling-status"),
            "Rescaling is temporarily disabled",
        ),
    ] {
        let s: AsyncOperationResult = decode(fixture);
        assert!(s.is_done(), "{}", fixture.0);
        let headline = s
            .failure()
            .and_then(SerializedThrowable::headline)
            .unwrap_or_default();
        assert!(headline.contains(expected), "{}: {headline}", fixture.0);
    }
    let disposal: AsyncOperationResult = decode(fixture!("1.12", "savepoint-disposal-status"));
    assert!(disposal.is_done() && disposal.failure().is_none());

    let e: ErrorResponse = decode(fixture!("1.12", "error-job-not-found"));
    assert!(e.headline().is_some_and(|h| h.ends_with("not found")));
    let e: ErrorResponse = decode(fixture!("1.12", "error-rescaling-trigger"));
    assert_eq!(e.errors.len(), 1);
}

// ---------------------------------------------------------------- leniency

#[test]
fn numbers_arrive_as_floats_strings_nan_or_null() {
    let s: StatsSummary = serde_json::from_str(
        r#"{"min": "12", "max": 34.9, "avg": "NaN", "p50": "NaN", "p90": 7, "p99": null, "extra": [1]}"#,
    )
    .expect("lenient summary");
    assert_eq!((s.min, s.max), (12, 34));
    assert!(s.avg.is_nan());
    assert_eq!((s.p50, s.p90, s.p95, s.p99), (None, Some(7.0), None, None));

    let o: ClusterOverview = serde_json::from_str(
        r#"{"taskmanagers": null, "slots-total": "8", "flink-version": "1.9.3"}"#,
    )
    .expect("lenient overview");
    assert_eq!((o.taskmanagers, o.slots_total), (-1, 8));

    let j: JobOverview =
        serde_json::from_str(r#"{"jid": "x", "state": "SOMETHING_NEW"}"#).expect("minimal job");
    assert_eq!(j.state, JobState::Unknown);
    assert_eq!(j.end_time, -1, "absent end time reads as unknown");

    let e: JobExceptions =
        serde_json::from_str(r#"{"all-exceptions": null, "exceptionHistory": {"entries": null}}"#)
            .expect("nulls as empty");
    assert!(e.summaries().is_empty());
}

#[test]
fn wrong_shapes_are_errors_not_panics() {
    assert!(serde_json::from_str::<JobDetails>(r#"{"vertices": 5}"#).is_err());
    assert!(serde_json::from_str::<ClusterOverview>(r#"{"taskmanagers": {"a": 1}}"#).is_err());
    assert!(serde_json::from_str::<Vec<MetricValue>>("{}").is_err());
}

#[test]
fn request_bodies_leave_unset_fields_out() {
    let run = JarRunRequest {
        program_args_list: vec!["--rate".into(), "5".into()],
        parallelism: Some(2),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&run).expect("serialize"),
        r#"{"programArgsList":["--rate","5"],"parallelism":2}"#
    );
    let stop = StopWithSavepointRequest {
        drain: true,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&stop).expect("serialize"),
        r#"{"drain":true}"#
    );
    let savepoint = SavepointTriggerRequest {
        target_directory: Some("s3://bucket/sp".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&savepoint).expect("serialize"),
        r#"{"target-directory":"s3://bucket/sp","cancel-job":false}"#
    );
    let mut req = ResourceRequirements::new();
    req.insert(
        "v1".into(),
        VertexResourceRequirements {
            parallelism: ParallelismBounds {
                lower_bound: 1,
                upper_bound: 3,
            },
        },
    );
    assert_eq!(
        serde_json::to_string(&req).expect("serialize"),
        r#"{"v1":{"parallelism":{"lowerBound":1,"upperBound":3}}}"#
    );
}

#[test]
fn flame_graph_and_profiler_answers_of_2_3_decode() {
    for f in [
        fixture!("2.3", "vertex-flamegraph-source-full"),
        fixture!("2.3", "vertex-flamegraph-idle-on-cpu"),
        fixture!("2.3", "vertex-flamegraph-waiting"),
    ] {
        assert!(DECODED.contains(&f.0));
        let g = FlameGraph::parse(f.1).unwrap_or_else(|e| panic!("{}: {e}", f.0));
        assert!(g.end_timestamp == -3 || g.data.is_some(), "{}", f.0);
    }
    let e: ErrorResponse = decode(fixture!("2.3", "error-profiler-duration"));
    assert!(e.errors[1]
        .contains("IllegalArgumentException: `duration` must be set between (0s, 300s]."));
}
