//! Overlord task answers: the task list (`TaskStatusPlus`), one task's status, payload and
//! reports, the bulk status, submission, and the workers that run tasks.

use crate::net::lenient::{int, nullable};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a task runs (`host` is null and `port` -1 while it has no place yet).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Host name.
    #[serde(default, deserialize_with = "nullable")]
    pub host: String,
    /// Plain-text port, -1 when none.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub port: i64,
    /// TLS port, -1 when none.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub tls_port: i64,
}

impl Location {
    /// `host:port` of the process running the task (its peon), when the task has a place: the
    /// plain-text port, else the TLS one.
    pub fn host_port(&self) -> Option<String> {
        let port = if self.port > 0 { self.port } else { self.tls_port };
        (!self.host.is_empty() && port > 0).then(|| format!("{}:{}", self.host, port))
    }
}

/// One task of the list (`TaskStatusPlus`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskSummary {
    /// Task id.
    #[serde(default)]
    pub id: String,
    /// Task type (`index_parallel`, `index_kafka`, ...).
    #[serde(default, rename = "type", deserialize_with = "nullable")]
    pub kind: String,
    /// Creation time (ISO).
    #[serde(default, deserialize_with = "nullable")]
    pub created_time: String,
    /// `RUNNING`, `SUCCESS` or `FAILED`.
    #[serde(default, deserialize_with = "nullable")]
    pub status: String,
    /// The runner's view: `PENDING`, `WAITING`, `RUNNING` or `NONE`.
    #[serde(default, deserialize_with = "nullable")]
    pub runner_status_code: String,
    /// Milliseconds run, -1 while running.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub duration: i64,
    /// Where it runs.
    #[serde(default, deserialize_with = "nullable")]
    pub location: Location,
    /// Its datasource.
    #[serde(default, deserialize_with = "nullable")]
    pub data_source: String,
    /// Why it failed.
    #[serde(default)]
    pub error_msg: Option<String>,
}

impl TaskSummary {
    /// Whether the task has finished (SUCCESS or FAILED).
    pub fn finished(&self) -> bool {
        is_finished(&self.status)
    }

    /// The state shown: the runner's state while it runs (PENDING / WAITING / RUNNING), its
    /// outcome once it finished.
    pub fn shown_state(&self) -> String {
        if self.finished() || self.runner_status_code.is_empty() || self.runner_status_code == "NONE"
        {
            self.status.clone()
        } else {
            self.runner_status_code.clone()
        }
    }
}

/// Whether a task status names a finished task.
pub fn is_finished(status: &str) -> bool {
    matches!(status, "SUCCESS" | "FAILED")
}

/// The tone of a task state (also runner states).
pub fn state_tone(state: &str) -> crate::ui::Tone {
    use crate::ui::Tone;
    match state {
        "SUCCESS" => Tone::Ok,
        "FAILED" => Tone::Bad,
        "RUNNING" | "PENDING" | "WAITING" => Tone::Warn,
        _ => Tone::Unknown,
    }
}

/// `GET /task/{id}/status`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TaskStatusAnswer {
    /// The task id asked.
    #[serde(default)]
    pub task: String,
    /// Its status, null when unknown.
    #[serde(default)]
    pub status: Option<TaskSummary>,
}

/// `GET /task/{id}`: the payload (the spec as the overlord keeps it).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TaskPayload {
    /// The task id.
    #[serde(default)]
    pub task: String,
    /// The task's spec.
    #[serde(default)]
    pub payload: Value,
}

/// One entry of `POST /taskStatus`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShortStatus {
    /// Task id.
    #[serde(default)]
    pub id: String,
    /// `RUNNING`, `SUCCESS` or `FAILED`.
    #[serde(default, deserialize_with = "nullable")]
    pub status: String,
    /// Milliseconds run, -1 while running.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub duration: i64,
    /// Why it failed.
    #[serde(default)]
    pub error_msg: Option<String>,
}

/// `POST /taskStatus`: status per task id.
pub type BulkStatus = BTreeMap<String, ShortStatus>;

/// `POST /task`: the new task's id.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SubmitAnswer {
    /// The task id.
    #[serde(default)]
    pub task: String,
}

/// The host of one worker (middle manager).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct WorkerHost {
    /// `host:port`.
    #[serde(default)]
    pub host: String,
}

/// One worker of `GET /workers`, as far as task logs need it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkerTasks {
    /// The worker.
    #[serde(default)]
    pub worker: WorkerHost,
    /// Ids of the tasks it runs.
    #[serde(default, deserialize_with = "nullable")]
    pub running_tasks: Vec<String>,
}

/// Row counts of one ingestion phase of a report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowStats {
    /// Phase name (`buildSegments`, `determinePartitions`, ...).
    pub phase: String,
    /// Rows processed.
    pub processed: i64,
    /// Rows processed with an error.
    pub processed_with_error: i64,
    /// Rows thrown away (filtered, out of interval).
    pub thrown_away: i64,
    /// Rows that could not be parsed.
    pub unparseable: i64,
}

/// What the Reports tab shows of `GET /task/{id}/reports`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportSummary {
    /// `NOT_STARTED`, `DETERMINE_PARTITIONS`, `BUILD_SEGMENTS`, `COMPLETED`.
    pub ingestion_state: String,
    /// Row counts per phase.
    pub phases: Vec<RowStats>,
    /// The task's error message.
    pub error_msg: Option<String>,
    /// Unparseable events and other errors, as text.
    pub errors: Vec<String>,
    /// Whether the published segments were confirmed available.
    pub segment_availability_confirmed: Option<bool>,
}

fn num(v: Option<&Value>) -> i64 {
    match v {
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)).unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Row counts per phase of `{phase: counts}` (each phase's counts, or its `totals`).
fn phases_of(stats: Option<&Value>) -> Vec<RowStats> {
    let Some(Value::Object(stats)) = stats else {
        return Vec::new();
    };
    stats
        .iter()
        .map(|(phase, s)| {
            // Parallel tasks nest a `totals` object per phase.
            let s = s.get("totals").unwrap_or(s);
            RowStats {
                phase: phase.clone(),
                processed: num(s.get("processed")),
                processed_with_error: num(s.get("processedWithError")),
                thrown_away: num(s.get("thrownAway")),
                unparseable: num(s.get("unparseable")),
            }
        })
        .collect()
}

/// Unparseable events of `{phase: [event]}` as `phase: details` lines (`details` is a text or a
/// list of texts; an event without it is shown whole).
fn events_of(events: Option<&Value>) -> Vec<String> {
    let Some(Value::Object(events)) = events else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (phase, list) in events {
        for e in list.as_array().into_iter().flatten() {
            let detail = match e.get("details").or_else(|| e.get("message")) {
                Some(Value::Array(parts)) => parts.iter().map(text_of).collect::<Vec<_>>().join("; "),
                Some(v) => text_of(v),
                None => text_of(e),
            };
            lines.push(format!("{phase}: {detail}"));
        }
    }
    lines
}

/// What a peon says of its running task: row counts per phase (`rowStats` answer's `totals`)
/// and the latest unparseable events (`unparseableEvents` answer).
pub fn live_summary(row_stats: &Value, unparseable: &Value) -> (Vec<RowStats>, Vec<String>) {
    (phases_of(row_stats.get("totals")), events_of(Some(unparseable)))
}

/// Reads the `ingestionStatsAndErrors` report out of a reports answer (absent parts are empty).
pub fn report_summary(reports: &Value) -> ReportSummary {
    let p = reports
        .pointer("/ingestionStatsAndErrors/payload")
        .unwrap_or(&Value::Null);
    let phases = phases_of(p.get("rowStats"));
    let errors = events_of(p.get("unparseableEvents"));
    ReportSummary {
        ingestion_state: p
            .get("ingestionState")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        phases,
        error_msg: p
            .get("errorMsg")
            .and_then(Value::as_str)
            .map(str::to_string),
        errors,
        segment_availability_confirmed: p
            .get("segmentAvailabilityConfirmed")
            .and_then(Value::as_bool),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_task_lists() {
        let l: Vec<TaskSummary> =
            serde_json::from_str(include_str!("../fixtures/tasks.json")).unwrap();
        assert!(!l.is_empty());
        let t = &l[0];
        assert_eq!(t.kind, "query_worker");
        assert_eq!(t.status, "SUCCESS");
        assert_eq!(t.duration, 17897);
        assert_eq!(t.location.host_port().as_deref(), Some("localhost:8101"));
        assert_eq!(t.data_source, "wikipedia_api");
        assert_eq!(t.shown_state(), "SUCCESS");
        let r: Vec<TaskSummary> =
            serde_json::from_str(include_str!("../fixtures/runningTasks.json")).unwrap();
        assert_eq!(r[0].shown_state(), "RUNNING");
        assert!(!r[0].finished());
        let w: Vec<TaskSummary> =
            serde_json::from_str(include_str!("../fixtures/waitingTasks.json")).unwrap();
        assert!(w.iter().all(|t| !t.id.is_empty()));
    }

    #[test]
    fn a_pending_task_has_no_location() {
        let t: TaskSummary = serde_json::from_str(
            r#"{"id":"a","type":"index","status":"RUNNING","runnerStatusCode":"PENDING","duration":null,"location":{"host":null,"port":-1,"tlsPort":-1},"dataSource":"d","errorMsg":null}"#,
        )
        .unwrap();
        assert_eq!(t.location.host_port(), None);
        assert_eq!(t.shown_state(), "PENDING");
        assert_eq!(t.duration, -1);
    }

    #[test]
    fn decodes_status_bulk_status_submit_and_workers() {
        let s: TaskStatusAnswer =
            serde_json::from_str(include_str!("../fixtures/task-status.json")).unwrap();
        let st = s.status.unwrap();
        assert_eq!(st.status, "RUNNING");
        assert_eq!(st.location.host_port().as_deref(), Some("localhost:8100"));
        let b: BulkStatus =
            serde_json::from_str(include_str!("../fixtures/taskStatus-bulk.json")).unwrap();
        assert_eq!(b.len(), 2);
        assert!(b.values().all(|s| s.status == "SUCCESS" && s.duration > 0));
        let a: SubmitAnswer =
            serde_json::from_str(include_str!("../fixtures/task-submit-response.json")).unwrap();
        assert!(a.task.starts_with("index_parallel_wikipedia"));
        let w: Vec<WorkerTasks> =
            serde_json::from_str(include_str!("../fixtures/workers.json")).unwrap();
        assert_eq!(w[0].worker.host, "localhost:8091");
        let unknown: TaskStatusAnswer =
            serde_json::from_str(r#"{"task":"x","status":null}"#).unwrap();
        assert!(unknown.status.is_none());
    }

    #[test]
    fn reads_the_row_counts_of_a_report() {
        let v: Value = serde_json::from_str(include_str!("../fixtures/task-reports.json")).unwrap();
        let r = report_summary(&v);
        assert_eq!(r.ingestion_state, "COMPLETED");
        let build = r.phases.iter().find(|p| p.phase == "buildSegments").unwrap();
        assert_eq!(build.processed, 39244);
        assert_eq!(build.thrown_away, 0);
        assert_eq!(r.phases.len(), 2);
        assert!(r.errors.is_empty());
        assert_eq!(r.segment_availability_confirmed, Some(false));
        let with_errors = serde_json::json!({"ingestionStatsAndErrors": {"payload": {
            "ingestionState": "BUILD_SEGMENTS",
            "rowStats": {"buildSegments": {"totals": {"processed": "5", "unparseable": 2}}},
            "unparseableEvents": {"buildSegments": [{"details": "bad row 3"}, "raw text"]},
            "errorMsg": "boom"}}});
        let r = report_summary(&with_errors);
        assert_eq!(r.phases[0].processed, 5);
        assert_eq!(r.phases[0].unparseable, 2);
        let (phases, events) = live_summary(
            &serde_json::json!({"movingAverages": {"buildSegments": {"1m": {"processed": 5.0}}},
                "totals": {"buildSegments": {"processed": 120, "thrownAway": 3, "unparseable": 2}}}),
            &serde_json::json!({"buildSegments": [{"details": ["Timestamp[x] is unparseable!", "row 7"], "errorType": "unparseable"}]}),
        );
        assert_eq!((phases[0].phase.as_str(), phases[0].processed, phases[0].unparseable), ("buildSegments", 120, 2));
        assert_eq!(events, vec!["buildSegments: Timestamp[x] is unparseable!; row 7"]);
        assert_eq!(r.errors, ["buildSegments: bad row 3", "buildSegments: raw text"]);
        assert_eq!(r.error_msg.as_deref(), Some("boom"));
        assert_eq!(report_summary(&Value::Null), ReportSummary::default());
    }
}
