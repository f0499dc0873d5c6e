//! Coordinator dynamic config and auto-compaction config/status, with history.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};

use super::super::common::{empty_ok, error};
use super::super::gen::compaction_config;
use super::super::state::Segment;
use super::super::DruidCtx;
use super::rules::{audit_info, history};
use crate::http_util::{ok_json, Params};
use crate::timefmt::iso_millis;

/// `GET /config`.
pub async fn get_config(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    ok_json(&st.coordinator_config)
}

/// Overlays the fields of `update` on `base` (unknown fields are kept, as Jackson ignores nothing here).
pub fn overlay(base: &Value, update: &Value) -> Value {
    let mut out = base.clone();
    if let (Some(o), Some(u)) = (out.as_object_mut(), update.as_object()) {
        for (k, v) in u {
            o.insert(k.clone(), v.clone());
        }
    }
    out
}

/// `POST /config`: empty 200; audited.
pub async fn set_config(
    State(ctx): State<DruidCtx>,
    headers: HeaderMap,
    ci: ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let update: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "Coordinator dynamic config must be a JSON object",
            )
        }
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    if update
        .get("maxSegmentsToMove")
        .and_then(Value::as_i64)
        .is_some_and(|v| v < 0)
    {
        return error(
            StatusCode::BAD_REQUEST,
            "maxSegmentsToMove should be non-negative",
        );
    }
    let (author, comment, ip) = audit_info(&headers, &ci);
    let (mut st, now) = ctx.state();
    let merged = overlay(&st.coordinator_config, &update);
    st.coordinator_config = merged.clone();
    st.record(
        "coordinator.config",
        "coordinator.config",
        &author,
        &comment,
        &ip,
        &merged,
        now,
    );
    empty_ok()
}

/// `GET /config/history?interval=..&count=..`.
pub async fn config_history(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    match history(
        st.audit
            .iter()
            .filter(|e| e.kind == "coordinator.config")
            .collect(),
        &p,
        now,
    ) {
        Ok(v) => ok_json(&v),
        Err(r) => r,
    }
}

/// `GET /config/compaction`.
pub async fn compaction_all(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    ok_json(&json!({
        "compactionConfigs": st.compaction.values().cloned().collect::<Vec<_>>(),
        "compactionTaskSlotRatio": st.compaction_slots.0,
        "maxCompactionTaskSlots": st.compaction_slots.1,
        "useAutoScaleSlots": false,
        "engine": "native",
        "compactionPolicy": {"type": "newestSegmentFirst", "priorityDatasource": null},
    }))
}

/// `GET /config/compaction/{ds}`.
pub async fn compaction_one(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.compaction.get(&ds) {
        Some(c) => ok_json(c),
        None => error(StatusCode::NOT_FOUND, "unknown dataSource"),
    }
}

/// `POST /config/compaction`: creates or updates a datasource's config (empty 200).
pub async fn compaction_set(
    State(ctx): State<DruidCtx>,
    headers: HeaderMap,
    ci: ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let cfg: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let Some(ds) = cfg
        .get("dataSource")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return error(StatusCode::BAD_REQUEST, "dataSource cannot be null");
    };
    let (author, comment, ip) = audit_info(&headers, &ci);
    let (mut st, now) = ctx.state();
    let full = overlay(&compaction_config(&ds, "P1D"), &cfg);
    st.compaction.insert(ds.clone(), full.clone());
    let global = json!({"compactionTaskSlotRatio": st.compaction_slots.0, "maxCompactionTaskSlots": st.compaction_slots.1, "useAutoScaleSlots": false, "engine": "native"});
    st.compaction_history.push((ds, json!({"globalConfig": global, "compactionConfig": full, "auditInfo": {"author": author, "comment": comment, "ip": ip}, "auditTime": iso_millis(now)})));
    empty_ok()
}

/// `DELETE /config/compaction/{ds}`.
pub async fn compaction_delete(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (mut st, _) = ctx.state();
    match st.compaction.remove(&ds) {
        Some(_) => empty_ok(),
        None => error(StatusCode::NOT_FOUND, "datasource not found"),
    }
}

/// `POST /config/compaction/taskslots?ratio=..&max=..`.
pub async fn compaction_slots(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let ratio = p.get("ratio").and_then(|v| v.parse::<f64>().ok());
    let max = p.int("max");
    let (mut st, _) = ctx.state();
    st.compaction_slots = (ratio.unwrap_or(0.1), max.unwrap_or(2_147_483_647));
    empty_ok()
}

/// `GET /config/compaction/{ds}/history`.
pub async fn compaction_history(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (st, _) = ctx.state();
    let list: Vec<Value> = st
        .compaction_history
        .iter()
        .filter(|(d, _)| *d == ds)
        .map(|(_, v)| v.clone())
        .collect();
    ok_json(&list)
}

fn interval_count(segs: &[&Segment]) -> usize {
    let mut iv: Vec<(i64, i64)> = segs.iter().map(|s| (s.start, s.end)).collect();
    iv.sort();
    iv.dedup();
    iv.len()
}

fn compaction_numbers(ctx: &DruidCtx, ds: &str) -> Option<Value> {
    let (st, _) = ctx.state();
    st.compaction.get(ds)?;
    let d = st.datasource(ds)?;
    let used: Vec<&Segment> = d
        .segments
        .iter()
        .filter(|s| s.used && !s.overshadowed && !s.realtime)
        .collect();
    let done: Vec<&Segment> = used.iter().copied().filter(|s| s.compacted).collect();
    let todo: Vec<&Segment> = used.iter().copied().filter(|s| !s.compacted).collect();
    // The newest day is skipped (skipOffsetFromLatest), the rest waits.
    let newest = todo.iter().map(|s| s.end).max().unwrap_or(0);
    let skipped: Vec<&Segment> = todo
        .iter()
        .copied()
        .filter(|s| s.end > newest - 86_400_000)
        .collect();
    let awaiting: Vec<&Segment> = todo
        .iter()
        .copied()
        .filter(|s| s.end <= newest - 86_400_000)
        .collect();
    let bytes = |v: &[&Segment]| v.iter().map(|s| s.size).sum::<i64>();
    Some(json!({
        "dataSource": ds,
        "scheduleStatus": "RUNNING",
        "message": null,
        "bytesAwaitingCompaction": bytes(&awaiting),
        "bytesCompacted": bytes(&done),
        "bytesSkipped": bytes(&skipped),
        "segmentCountAwaitingCompaction": awaiting.len(),
        "segmentCountCompacted": done.len(),
        "segmentCountSkipped": skipped.len(),
        "intervalCountAwaitingCompaction": interval_count(&awaiting),
        "intervalCountCompacted": interval_count(&done),
        "intervalCountSkipped": interval_count(&skipped),
    }))
}

/// `GET /compaction/progress?dataSource=..`.
pub async fn compaction_progress(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let Some(ds) = p.get_nonempty("dataSource") else {
        return error(
            StatusCode::BAD_REQUEST,
            "dataSource cannot be null or empty",
        );
    };
    match compaction_numbers(&ctx, ds) {
        Some(v) => ok_json(&json!({"remainingSegmentSize": v["bytesAwaitingCompaction"]})),
        None => error(StatusCode::NOT_FOUND, "unknown dataSource"),
    }
}

/// `GET /compaction/status[?dataSource=..]`.
pub async fn compaction_status(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let names: Vec<String> = match p.get_nonempty("dataSource") {
        Some(ds) => vec![ds.to_string()],
        None => {
            let (st, _) = ctx.state();
            st.compaction.keys().cloned().collect()
        }
    };
    let mut out = Vec::new();
    for ds in &names {
        match compaction_numbers(&ctx, ds) {
            Some(v) => out.push(v),
            None if p.get_nonempty("dataSource").is_some() => {
                return error(StatusCode::NOT_FOUND, "unknown dataSource")
            }
            None => {}
        }
    }
    ok_json(&json!({"latestStatus": out}))
}
