//! Overlord leadership, worker (dynamic) config with history, workers and scaling.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};

use super::super::common::{empty_ok, error, leader_url};
use super::super::coordinator_rules::{audit_info, history as audit_history};
use super::super::state::{Runner, TaskStatus};
use super::super::DruidCtx;
use crate::http_util::{json as json_resp, ok_json, Params};
use crate::timefmt::iso_millis;

/// `GET /druid/indexer/v1/leader`: plain-text URL.
pub async fn leader(State(ctx): State<DruidCtx>) -> Response {
    leader_url(&ctx, "overlord")
}

/// `GET /druid/indexer/v1/isLeader`.
pub async fn is_leader() -> Response {
    json_resp(StatusCode::OK, &json!({"leader": true}))
}

/// `GET /worker`.
pub async fn get_config(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    ok_json(&st.worker_config)
}

/// `POST /worker`: replaces the worker config (empty 200, audited).
pub async fn set_config(
    State(ctx): State<DruidCtx>,
    headers: HeaderMap,
    ci: ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let cfg: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "Worker config must be a JSON object",
            )
        }
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if cfg
        .get("type")
        .and_then(Value::as_str)
        .is_none_or(|t| t != "default")
    {
        return error(
            StatusCode::BAD_REQUEST,
            "Could not resolve worker behavior config type; expected \"default\"",
        );
    }
    let (author, comment, ip) = audit_info(&headers, &ci);
    let (mut st, now) = ctx.state();
    st.worker_config = cfg.clone();
    st.record(
        "worker.config",
        "worker.config",
        &author,
        &comment,
        &ip,
        &cfg,
        now,
    );
    empty_ok()
}

/// `GET /worker/history?interval=..&count=..`.
pub async fn history(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    match audit_history(
        st.audit
            .iter()
            .filter(|e| e.kind == "worker.config")
            .collect(),
        &p,
        now,
    ) {
        Ok(v) => ok_json(&v),
        Err(r) => r,
    }
}

/// `GET /workers`.
pub async fn workers(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    let running: Vec<String> = st
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Running && t.runner == Runner::Running)
        .map(|t| t.id.clone())
        .collect();
    let last = st
        .tasks
        .iter()
        .filter(|t| t.status != TaskStatus::Running)
        .map(|t| t.created + t.duration.max(0))
        .max()
        .unwrap_or(st.start_ms);
    ok_json(&json!([{
        "worker": {"scheme": "http", "host": st.middle_manager(), "ip": st.host, "capacity": st.peon_ports.len(), "version": "0", "category": "_default_worker_category"},
        "currCapacityUsed": running.len(),
        "currParallelIndexCapacityUsed": running.len().min(2),
        "availabilityGroups": running,
        "runningTasks": running,
        "lastCompletedTaskTime": iso_millis(last),
        "blacklistedUntil": null,
    }]))
}

/// `GET /scaling`: no autoscaler events.
pub async fn scaling() -> Response {
    ok_json(&json!([]))
}
