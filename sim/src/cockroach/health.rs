//! `/health`, `/api/v2/health/` and the Prometheus endpoint `/_status/vars`.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::NodeCtx;
use crate::http_util::{go_error, json, lock, ok_json, raw, Params};
use crate::rng::{counter, wander};

/// `GET /api/v2/health/[?ready=true]` -> `{}` (no login needed).
pub async fn health(RawQuery(q): RawQuery) -> Response {
    let params = Params::parse(q.as_deref());
    if let Some(v) = params.get_nonempty("ready") {
        if ![
            "true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False", "T", "F",
        ]
        .contains(&v)
        {
            return go_error(StatusCode::BAD_REQUEST, "invalid ready value");
        }
    }
    ok_json(&json!({}))
}

/// `GET /health[?ready=1]` (the older gRPC-gateway endpoint) -> `{}`.
pub async fn legacy_health(RawQuery(q): RawQuery) -> Response {
    let _ = q;
    json(StatusCode::OK, &json!({}))
}

/// `GET /_status/vars`: Prometheus text for this node; counters grow, gauges wander.
pub async fn prometheus_vars(State(ctx): State<NodeCtx>) -> Response {
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    let id = ctx.node_id;
    let seed = c.seed ^ (id as u64 * 7_727);
    let sessions = c.sessions.iter().filter(|s| s.node_id == id).count();
    let leases = c.ranges.iter().filter(|r| r.leaseholder == id).count();
    let replicas = c.ranges.iter().filter(|r| r.replicas.contains(&id)).count();
    let node = format!("node_id=\"{id}\"");
    let store = format!("store=\"{id}\"");
    let mut out = String::new();
    let mut metric = |name: &str, kind: &str, labels: &str, v: f64| {
        out.push_str(&format!(
            "# HELP {name} {name}\n# TYPE {name} {kind}\n{name}{{{labels}}} {v}\n"
        ));
    };
    metric("sql_conns", "gauge", &node, sessions as f64);
    metric(
        "sql_select_count",
        "counter",
        &node,
        counter(seed + 1, t, 182_331.0, 41.0).round(),
    );
    metric(
        "sql_insert_count",
        "counter",
        &node,
        counter(seed + 2, t, 44_120.0, 9.0).round(),
    );
    metric(
        "sql_update_count",
        "counter",
        &node,
        counter(seed + 3, t, 21_004.0, 4.0).round(),
    );
    metric(
        "sql_txn_commit_count",
        "counter",
        &node,
        counter(seed + 4, t, 240_101.0, 52.0).round(),
    );
    metric(
        "sys_cpu_user_percent",
        "gauge",
        &node,
        wander(seed + 5, t, 0.18, 0.12).max(0.0),
    );
    metric(
        "sys_rss",
        "gauge",
        &node,
        wander(seed + 6, t, 412_348_416.0, 60_000_000.0).round(),
    );
    metric("liveness_livenodes", "gauge", &node, 3.0);
    metric("replicas", "gauge", &store, replicas as f64);
    metric("replicas_leaseholders", "gauge", &store, leases as f64);
    metric("ranges_unavailable", "gauge", &store, 0.0);
    metric(
        "capacity_used",
        "gauge",
        &store,
        counter(seed + 7, t, 2_600_000_000.0, 1_800.0).round(),
    );
    raw(
        StatusCode::OK,
        "text/plain; version=0.0.4; charset=utf-8",
        out,
    )
}
