//! Task list, submission, status, reports, logs and shutdown.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::super::common::{druid_exception, error, url_interval};
use super::super::coordinator_segment_json;
use super::super::lifecycle::SubmitError;
use super::super::state::{Runner, Task, TaskStatus};
use super::super::DruidCtx;
use super::{short_status, task_json};
use crate::http_util::{json as json_resp, ok_json, text, Params};
use crate::timefmt::iso_millis;

fn matches_state(t: &Task, state: &str) -> bool {
    match state {
        "running" => t.status == TaskStatus::Running && t.runner == Runner::Running,
        "waiting" => t.status == TaskStatus::Running && t.runner == Runner::Waiting,
        "pending" => t.status == TaskStatus::Running && t.runner == Runner::Pending,
        "complete" => t.status != TaskStatus::Running,
        _ => false,
    }
}

fn filtered(ctx: &DruidCtx, p: &Params, forced_state: Option<&str>) -> Response {
    let state = forced_state
        .map(str::to_string)
        .or_else(|| p.get_nonempty("state").map(str::to_lowercase));
    if let Some(s) = &state {
        if !["running", "waiting", "pending", "complete"].contains(&s.as_str()) {
            return error(
                StatusCode::BAD_REQUEST,
                &format!(
                    "Invalid state : {s}, valid values are: [pending, waiting, running, complete]"
                ),
            );
        }
    }
    let created = match p.get_nonempty("createdTimeInterval") {
        Some(i) => match url_interval(i) {
            Some(r) => Some(r),
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("Invalid createdTimeInterval [{i}]"),
                )
            }
        },
        None => None,
    };
    let max = p.int("max").filter(|m| *m >= 0).map(|m| m as usize);
    let (st, _) = ctx.state();
    let keep = |t: &&Task| {
        p.get_nonempty("datasource")
            .is_none_or(|d| t.datasource == d)
            && p.get_nonempty("type").is_none_or(|k| t.kind == k)
            && created.is_none_or(|(a, b)| t.created >= a && t.created < b)
    };
    let mut active: Vec<&Task> = st
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Running)
        .filter(keep)
        .collect();
    let mut complete: Vec<&Task> = st
        .tasks
        .iter()
        .filter(|t| t.status != TaskStatus::Running)
        .filter(keep)
        .collect();
    active.sort_by_key(|t| std::cmp::Reverse(t.created));
    complete.sort_by_key(|t| std::cmp::Reverse(t.created));
    if let Some(m) = max {
        complete.truncate(m);
    }
    let all = active.into_iter().chain(complete);
    let list: Vec<Value> = match &state {
        Some(s) => all.filter(|t| matches_state(t, s)).map(task_json).collect(),
        None => all.map(task_json).collect(),
    };
    ok_json(&list)
}

/// `GET /tasks?state=..&datasource=..&createdTimeInterval=..&max=..&type=..`.
pub async fn list(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    filtered(&ctx, &Params::from_uri(&uri), None)
}

/// `GET /completeTasks`.
pub async fn complete(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    filtered(&ctx, &Params::from_uri(&uri), Some("complete"))
}

/// `GET /runningTasks`.
pub async fn running(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    filtered(&ctx, &Params::from_uri(&uri), Some("running"))
}

/// `GET /waitingTasks`.
pub async fn waiting(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    filtered(&ctx, &Params::from_uri(&uri), Some("waiting"))
}

/// `GET /pendingTasks`.
pub async fn pending(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    filtered(&ctx, &Params::from_uri(&uri), Some("pending"))
}

/// `POST /task`: returns `{"task": id}`.
pub async fn submit(State(ctx): State<DruidCtx>, body: Bytes) -> Response {
    let payload: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Unexpected character or end-of-input: {e}"),
            )
        }
    };
    let (mut st, now) = ctx.state();
    match st.submit_task(&payload, now) {
        Ok(id) => ok_json(&json!({"task": id})),
        Err(SubmitError::Invalid(msg)) => error(StatusCode::BAD_REQUEST, &msg),
        Err(SubmitError::Exists(id)) => druid_exception(
            StatusCode::CONFLICT,
            "entryAlreadyExists",
            "CONFLICT",
            &format!("Task[{id}] already exists"),
            json!({}),
        ),
    }
}

/// `GET /task/{id}`: `{"task": id, "payload": {...}}` (404 with a null payload when unknown).
pub async fn payload(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.task(&id) {
        Some(t) => ok_json(&json!({"task": id, "payload": t.payload})),
        None => json_resp(StatusCode::NOT_FOUND, &json!({"task": id, "payload": null})),
    }
}

/// `GET /task/{id}/status`.
pub async fn status(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.task(&id) {
        Some(t) => ok_json(&json!({"task": id, "status": task_json(t)})),
        None => json_resp(StatusCode::NOT_FOUND, &json!({"task": id, "status": null})),
    }
}

/// `GET /task/{id}/segments` (deprecated): segments published by the task.
pub async fn segments(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, _) = ctx.state();
    let Some(t) = st.task(&id) else {
        return error(
            StatusCode::NOT_FOUND,
            &format!("Can't find task for id[{id}]"),
        );
    };
    let version = t.plan.as_ref().map(|p| iso_millis(p.finish_at));
    let list: Vec<Value> = match (st.datasource(&t.datasource), version) {
        (Some(d), Some(v)) if t.status == TaskStatus::Success => d
            .segments
            .iter()
            .filter(|s| s.version == v)
            .map(|s| coordinator_segment_json(s, d))
            .collect(),
        _ => vec![],
    };
    ok_json(&list)
}

/// The `ingestionStatsAndErrors` report of a task.
pub fn reports_json(t: &Task) -> Value {
    let state = match (t.status, t.runner) {
        (TaskStatus::Running, Runner::Running) => "BUILD_SEGMENTS",
        (TaskStatus::Running, _) => "NOT_STARTED",
        _ => "COMPLETED",
    };
    json!({
        "ingestionStatsAndErrors": {
            "type": "ingestionStatsAndErrors",
            "taskId": t.id,
            "payload": {
                "ingestionState": state,
                "unparseableEvents": {},
                "rowStats": {
                    "determinePartitions": {"processed": 0, "processedBytes": 0, "processedWithError": 0, "thrownAway": 0, "unparseable": 0},
                    "buildSegments": {"processed": t.rows, "processedBytes": t.rows * 436, "processedWithError": 0, "thrownAway": t.rows / 400, "unparseable": t.unparseable}
                },
                "errorMsg": t.error,
                "segmentAvailabilityConfirmed": t.status == TaskStatus::Success,
                "segmentAvailabilityWaitTimeMs": 0
            }
        }
    })
}

/// `GET /task/{id}/reports`: 404 plain text when there is nothing yet.
pub async fn reports(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.task(&id) {
        Some(t) if t.runner != Runner::Pending && t.runner != Runner::Waiting => ok_json(&reports_json(t)),
        _ => text(StatusCode::NOT_FOUND, "No task reports were found for this task. The task may not exist, or it may not have completed yet."),
    }
}

/// The log lines of a task.
pub fn task_log(t: &Task, now: i64) -> String {
    let start = t.plan.as_ref().map(|p| p.run_at).unwrap_or(t.created);
    let mut lines = vec![
        format!("{} INFO [main] org.apache.druid.cli.CliPeon - Starting up with processors [2], memory [1,073,741,824], maxMemory [1,073,741,824].", iso_millis(start)),
        format!("{} INFO [main] org.apache.druid.indexing.worker.executor.ExecutorLifecycle - Running with task: {}", iso_millis(start + 900), t.id),
        format!("{} INFO [task-runner-0-priority-0] org.apache.druid.indexing.common.task.AbstractBatchIndexTask - Using time chunk lock since forceTimeChunkLock is [true].", iso_millis(start + 1_400)),
    ];
    if t.status == TaskStatus::Running {
        lines.push(format!("{} INFO [task-runner-0-priority-0] org.apache.druid.segment.realtime.appenderator.BaseAppenderatorDriver - Processed [{}] rows so far.", iso_millis(now), t.rows));
    } else {
        if let Some(e) = &t.error {
            lines.push(format!("{} ERROR [task-runner-0-priority-0] org.apache.druid.indexing.overlord.SingleTaskBackgroundRunner - Exception while running task[{}]: {e}", iso_millis(start + t.duration.max(2_000)), t.id));
        }
        lines.push(format!("{} INFO [task-runner-0-priority-0] org.apache.druid.indexing.worker.executor.ExecutorLifecycle - Task completed with status: {{\"id\":\"{}\",\"status\":\"{}\",\"duration\":{}}}", iso_millis(start + t.duration.max(2_000)), t.id, t.status.name(), t.duration));
    }
    lines.join("\n") + "\n"
}

/// `GET /task/{id}/log[?offset=N]`: plain text; negative offsets count from the end.
pub async fn log(State(ctx): State<DruidCtx>, Path(id): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    match st.task(&id) {
        Some(t) if t.runner != Runner::Pending && t.runner != Runner::Waiting => {
            let log = task_log(t, now);
            let bytes = log.as_bytes();
            let off = p.int("offset").unwrap_or(0);
            let start = if off < 0 { bytes.len().saturating_sub(off.unsigned_abs() as usize) } else { (off as usize).min(bytes.len()) };
            text(StatusCode::OK, String::from_utf8_lossy(&bytes[start..]).to_string())
        }
        _ => text(StatusCode::NOT_FOUND, "No log was found for this task. The task may not exist, or it may not have begun running yet."),
    }
}

/// `POST /task/{id}/shutdown`.
pub async fn shutdown(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    if st.shutdown_task(&id, now) {
        ok_json(&json!({"task": id}))
    } else {
        error(StatusCode::NOT_FOUND, &format!("Cannot find task[{id}]"))
    }
}

/// `POST /datasources/{ds}/shutdownAllTasks`.
pub async fn shutdown_all(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    let ids: Vec<String> = st
        .tasks
        .iter()
        .filter(|t| t.datasource == ds && t.status == TaskStatus::Running)
        .map(|t| t.id.clone())
        .collect();
    for id in ids {
        st.shutdown_task(&id, now);
    }
    ok_json(&json!({"dataSource": ds}))
}

/// `POST /taskStatus` with a JSON list of ids.
pub async fn bulk_status(State(ctx): State<DruidCtx>, body: Bytes) -> Response {
    let Ok(ids) = serde_json::from_slice::<Vec<String>>(&body) else {
        return error(StatusCode::BAD_REQUEST, "No TaskIds provided.");
    };
    if ids.is_empty() {
        return error(StatusCode::BAD_REQUEST, "No TaskIds provided.");
    }
    let (st, _) = ctx.state();
    let mut out = Map::new();
    for id in ids {
        if let Some(t) = st.task(&id) {
            out.insert(id, short_status(t));
        }
    }
    ok_json(&Value::Object(out))
}

/// `DELETE /pendingSegments/{ds}[?interval=..]`.
pub async fn delete_pending_segments(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
) -> Response {
    let (mut st, _) = ctx.state();
    let n = st.pending_segments.remove(&ds).unwrap_or(0);
    ok_json(&json!({"numDeleted": n}))
}
