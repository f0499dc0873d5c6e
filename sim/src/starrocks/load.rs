//! FE side of loading: stream load and transactions redirect (307) to a BE; label state queries.

use axum::extract::{Path, RawQuery};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::respond::{fe_json, v1_failed, v1_ok, v1_ok_with, FeUser};
use crate::http_util::{empty, header_str, lock, with_header};

fn redirect(host: &str, port: u16, path: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) if !q.is_empty() => format!("http://{host}:{port}{path}?{q}"),
        _ => format!("http://{host}:{port}{path}"),
    };
    with_header(empty(StatusCode::TEMPORARY_REDIRECT), "location", &location)
}

fn txn_result(msg: &str) -> Response {
    fe_json(&json!({"Status": "FAILED", "Message": msg}))
}

/// `PUT /api/{db}/{table}/_stream_load`: needs `Expect: 100-continue`, then 307 to a BE.
pub async fn fe_stream_load(
    Path((db, table)): Path<(String, String)>,
    headers: HeaderMap,
    FeUser { ctx, .. }: FeUser,
    RawQuery(q): RawQuery,
) -> Response {
    if !headers.contains_key(header::EXPECT) {
        return txn_result(
            "class com.starrocks.common.DdlException: There is no 100-continue header",
        );
    }
    if db.is_empty() {
        return txn_result("class com.starrocks.common.DdlException: No database selected.");
    }
    let mut c = lock(&ctx.cluster);
    let be_count = c.backends().count().max(1);
    let idx = c.next_be % be_count;
    c.next_be += 1;
    let be = &c.nodes[idx];
    redirect(
        &be.host,
        be.http_port,
        &format!("/api/{db}/{table}/_stream_load"),
        q.as_deref(),
    )
}

/// The BE that runs a transaction with this label (stable, so every step lands on one BE).
pub fn txn_backend(label: &str, be_count: usize) -> usize {
    let sum: usize = label.bytes().map(|b| b as usize).sum();
    sum % be_count.max(1)
}

/// `POST|PUT /api/transaction/{begin,load,prepare,commit,rollback}`: 307 to the transaction's BE.
pub async fn fe_transaction(
    Path(op): Path<String>,
    headers: HeaderMap,
    FeUser { ctx, .. }: FeUser,
    RawQuery(q): RawQuery,
) -> Response {
    if !["begin", "load", "prepare", "commit", "rollback"].contains(&op.as_str()) {
        return txn_result(&format!("Unsupported operation {op}"));
    }
    let Some(label) = header_str(&headers, "label").filter(|l| !l.is_empty()) else {
        return txn_result("empty label");
    };
    if header_str(&headers, "db").is_none_or(str::is_empty) {
        return txn_result("No database selected.");
    }
    let c = lock(&ctx.cluster);
    let be = &c.nodes[txn_backend(label, c.backends().count())];
    redirect(
        &be.host,
        be.http_port,
        &format!("/api/transaction/{op}"),
        q.as_deref(),
    )
}

/// `GET /api/{db}/_load_info?label=..`.
pub async fn load_info(Path(db): Path<String>, FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let Some(label) = p.get_nonempty("label") else {
        return v1_failed("No label selected");
    };
    let c = lock(&ctx.cluster);
    if c.db(&db).is_none() {
        return v1_failed(&format!("unknown database, database={db}"));
    }
    match c.labels.get(&(db.clone(), label.to_string())) {
        Some(l) => v1_ok_with(json!({"jobInfo": {
            "dbName": db,
            "tblNames": [l.table],
            "label": label,
            "clusterName": "default_cluster",
            "state": if l.state == "VISIBLE" { "FINISHED" } else if l.state == "ABORTED" { "CANCELLED" } else { "LOADING" },
            "failMsg": l.reason,
            "trackingUrl": "",
        }})),
        None => v1_failed(&format!("Unknown load label({label})")),
    }
}

/// `GET /api/{db}/get_load_state?label=..`: `{"state":..,"reason":..}` merged into a v1 result.
pub async fn get_load_state(
    Path(db): Path<String>,
    FeUser { ctx, params: p, .. }: FeUser,
) -> Response {
    let Some(label) = p.get_nonempty("label") else {
        return v1_failed("No label selected");
    };
    let c = lock(&ctx.cluster);
    if c.db(&db).is_none() {
        return v1_failed(&format!("Database[{db}] does not exist"));
    }
    let (state, reason) = match c.labels.get(&(db, label.to_string())) {
        Some(l) => (l.state.clone(), l.reason.clone()),
        None => ("UNKNOWN".to_string(), String::new()),
    };
    v1_ok_with(json!({"state": state, "reason": reason}))
}

/// `POST /api/{db}/{label}/_cancel`: aborts an open transaction.
pub async fn cancel(
    Path((db, label)): Path<(String, String)>,
    FeUser { ctx, .. }: FeUser,
) -> Response {
    let mut c = lock(&ctx.cluster);
    if c.db(&db).is_none() {
        return v1_failed(&format!("Database[{db}] does not exist"));
    }
    match c.labels.get_mut(&(db, label.clone())) {
        Some(l) if l.state == "PREPARE" || l.state == "PREPARED" => {
            l.state = "ABORTED".into();
            l.reason = "user cancel".into();
            l.pending_rows.clear();
            v1_ok()
        }
        Some(l) => v1_failed(&format!(
            "transaction with label {label} is already {}",
            l.state
        )),
        None => v1_failed(&format!("Load job not found for label {label}")),
    }
}
