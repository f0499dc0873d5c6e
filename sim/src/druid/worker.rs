//! Middle manager, peon (chat handlers) and historical endpoints.

use axum::extract::{OriginalUri, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;

use super::common::jetty_404;
use super::overlord::reports_json;
use super::state::{Runner, Task, TaskStatus};
use super::DruidCtx;
use crate::http_util::{empty, ok_json, text, Params};

/// Middle manager routes. Its peons' chat handlers are not among them: they answer on each
/// peon's own port.
pub fn middle_manager_routes() -> Router<DruidCtx> {
    Router::new()
        .route("/druid/worker/v1/enabled", get(enabled))
        .route("/druid/worker/v1/tasks", get(tasks))
        .route("/druid/worker/v1/task/{id}/log", get(log))
        .route("/druid/worker/v1/disable", post(disable))
        .route("/druid/worker/v1/enable", post(enable))
        .route("/druid/worker/v1/task/{id}/shutdown", post(shutdown))
}

/// Routes of a peon: the chat handlers of the one task it runs (any other task id is a 404, as
/// on a real peon, which has no chat handler for it).
pub fn peon_routes() -> Router<DruidCtx> {
    Router::new()
        .route("/druid/worker/v1/chat/{id}/rowStats", get(row_stats))
        .route(
            "/druid/worker/v1/chat/{id}/unparseableEvents",
            get(unparseable),
        )
        .route("/druid/worker/v1/chat/{id}/liveReports", get(live_reports))
}

/// Historical routes.
pub fn historical_routes() -> Router<DruidCtx> {
    Router::new()
        .route(
            "/druid/historical/v1/loadstatus",
            get(|| async { ok_json(&json!({"cacheInitialized": true})) }),
        )
        .route(
            "/druid/historical/v1/readiness",
            get(|| async { empty(StatusCode::OK) }),
        )
        .route("/druid/v2", post(super::broker::native_query))
}

async fn enabled(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    ok_json(&json!({st.middle_manager(): st.worker_enabled}))
}

async fn tasks(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    ok_json(
        &st.tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Running && t.runner == Runner::Running)
            .map(|t| t.id.clone())
            .collect::<Vec<_>>(),
    )
}

async fn log(State(ctx): State<DruidCtx>, Path(id): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    match st.task(&id) {
        Some(t) if t.runner == Runner::Running || t.status != TaskStatus::Running => {
            let log = super::overlord_log(t, now);
            let off = p.int("offset").unwrap_or(0);
            let start = if off < 0 { log.len().saturating_sub(off.unsigned_abs() as usize) } else { (off as usize).min(log.len()) };
            text(StatusCode::OK, String::from_utf8_lossy(&log.as_bytes()[start..]).to_string())
        }
        _ => text(StatusCode::NOT_FOUND, "No log was found for this task. The task may not exist, or it may not have begun running yet."),
    }
}

async fn disable(State(ctx): State<DruidCtx>) -> Response {
    let (mut st, _) = ctx.state();
    st.worker_enabled = false;
    ok_json(&json!({st.middle_manager(): "disabled"}))
}

async fn enable(State(ctx): State<DruidCtx>) -> Response {
    let (mut st, _) = ctx.state();
    st.worker_enabled = true;
    ok_json(&json!({st.middle_manager(): "enabled"}))
}

async fn shutdown(
    State(ctx): State<DruidCtx>,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Response {
    let (mut st, now) = ctx.state();
    if st.shutdown_task(&id, now) {
        ok_json(&json!({"task": id}))
    } else {
        jetty_404(uri.0.path())
    }
}

/// Rows a running task has processed by `now`, and how many of them did not parse (a streaming
/// task meets a bad row early, then one in 25,000).
fn live_rows(t: &Task, now: i64) -> (i64, i64) {
    let live = t.rows + (now - t.created).max(0) / 20;
    let bad = if t.supervisor.is_some() {
        t.unparseable + 1 + live / 25_000
    } else {
        t.unparseable
    };
    (live, bad)
}

async fn row_stats(
    State(ctx): State<DruidCtx>,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Response {
    let (st, now) = ctx.state();
    let Some(t) = st.task_on_peon(ctx.port).filter(|t| t.id == id) else {
        return jetty_404(uri.0.path());
    };
    let (live, bad) = live_rows(t, now);
    let rate = |w: f64| json!({"processed": w, "processedBytes": w * 436.0, "processedWithError": 0.0, "thrownAway": 0.0, "unparseable": 0.0});
    ok_json(&json!({
        "movingAverages": {"buildSegments": {"5m": rate(50.0), "15m": rate(49.2), "1m": rate(51.7)}},
        "totals": {"buildSegments": {"processed": live, "processedBytes": live * 436, "processedWithError": 0, "thrownAway": live / 400, "unparseable": bad}},
    }))
}

/// The most recent unparseable events (at most five), newest first, as `ParseExceptionReport`s.
async fn unparseable(
    State(ctx): State<DruidCtx>,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Response {
    let (st, now) = ctx.state();
    let Some(t) = st.task_on_peon(ctx.port).filter(|t| t.id == id) else {
        return jetty_404(uri.0.path());
    };
    let (_, bad) = live_rows(t, now);
    let events: Vec<_> = (0..bad.min(5))
        .map(|k| {
            let n = bad - k;
            json!({
                "input": format!("{{\"ts\":\"not-a-time-{n}\",\"page\":\"row {n}\"}}"),
                "errorType": "unparseable",
                "details": [format!("Timestamp[not-a-time-{n}] is unparseable! Event: {{ts=not-a-time-{n}, page=row {n}}}")],
                "timeOfExceptionMillis": now - k * 60_000,
            })
        })
        .collect();
    ok_json(&json!({"buildSegments": events}))
}

async fn live_reports(
    State(ctx): State<DruidCtx>,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Response {
    let (st, _) = ctx.state();
    match st.task_on_peon(ctx.port).filter(|t| t.id == id) {
        Some(t) => ok_json(&reports_json(t)),
        None => jetty_404(uri.0.path()),
    }
}
