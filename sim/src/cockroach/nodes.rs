//! `nodes/`, `nodes/{node_id}/ranges/`, `ranges/hot/`, `ranges/{range_id}/`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::auth::{require, CrdbAdmin};
use super::pagination::{rpc_paginate, simple_paginate, simple_values, PaginationState};
use super::state::{CrdbCluster, Range};
use super::NodeCtx;
use crate::http_util::{b64, go_error, lock, ok_json};
use crate::rng::{counter, wander};

fn node_json(c: &CrdbCluster, id: i64, now_ns: i64, t: f64) -> Value {
    let Some(n) = c.nodes.iter().find(|n| n.id == id) else {
        return Value::Null;
    };
    let seed = c.seed ^ (id as u64 * 104_729);
    let replicas = c.ranges.iter().filter(|r| r.replicas.contains(&id)).count() as f64;
    let leases = c.ranges.iter().filter(|r| r.leaseholder == id).count() as f64;
    let sessions = c.sessions.iter().filter(|s| s.node_id == id).count() as f64;
    let capacity = 107_374_182_400f64;
    let used = counter(
        seed + 1,
        t,
        2_600_000_000.0 + id as f64 * 150_000_000.0,
        1_800.0,
    );
    let host = n
        .sql_address
        .rsplit_once(':')
        .map(|(h, _)| h.to_string())
        .unwrap_or_default();
    json!({
        "node_id": id,
        "address": {"network_field": "tcp", "address_field": format!("{host}:{}", 26356 + id)},
        "attrs": {},
        "locality": {"tiers": [{"key": "region", "value": n.region}, {"key": "zone", "value": n.zone}]},
        "ServerVersion": {"major_val": 24, "minor_val": 3, "patch": 0, "internal": 0},
        "build_tag": "v24.3.1",
        "started_at": n.started_at_ns,
        "cluster_name": "",
        "sql_address": {"network_field": "tcp", "address_field": n.sql_address},
        "metrics": {
            "sys.cpu.user.percent": wander(seed + 2, t, 0.18, 0.12).max(0.0),
            "sys.cpu.sys.percent": wander(seed + 3, t, 0.05, 0.03).max(0.0),
            "sys.rss": wander(seed + 4, t, 412_348_416.0, 60_000_000.0).round(),
            "sys.go.allocbytes": wander(seed + 5, t, 180_000_000.0, 40_000_000.0).round(),
            "sys.uptime": ((now_ns - n.started_at_ns) / 1_000_000_000) as f64,
            "sql.conns": sessions,
            "sql.select.count": counter(seed + 6, t, 182_331.0, 41.0).round(),
            "sql.insert.count": counter(seed + 7, t, 44_120.0, 9.0).round(),
            "sql.update.count": counter(seed + 8, t, 21_004.0, 4.0).round(),
            "sql.delete.count": counter(seed + 9, t, 3_310.0, 0.7).round(),
            "sql.txn.commit.count": counter(seed + 10, t, 240_101.0, 52.0).round(),
            "sql.service.latency-p99": wander(seed + 11, t, 8_400_000.0, 3_000_000.0).max(500_000.0).round(),
            "exec.latency-p99": wander(seed + 12, t, 2_100_000.0, 900_000.0).max(100_000.0).round(),
            "round-trip-latency-p99": wander(seed + 13, t, 900_000.0, 300_000.0).max(100_000.0).round(),
            "clock-offset.meannanos": wander(seed + 14, t, 0.0, 80_000.0).round(),
            "liveness.heartbeatsuccesses": counter(seed + 15, t, 1_203.0, 0.22).round(),
            "liveness.livenodes": 3.0,
        },
        "store_metrics": {
            id.to_string(): {
                "capacity": capacity,
                "capacity.available": (capacity - used - 8_000_000_000.0).round(),
                "capacity.used": used.round(),
                "replicas": replicas,
                "replicas.leaseholders": leases,
                "ranges": replicas,
                "livebytes": (used * 0.8).round(),
                "keybytes": (used * 0.1).round(),
                "valbytes": (used * 0.7).round(),
                "rebalancing.queriespersecond": wander(seed + 16, t, 40.0, 25.0).max(0.0),
            }
        },
        "total_system_memory": 17_179_869_184i64,
        "num_cpus": 4,
        "updated_at": now_ns - 1_000_000_000 * (id % 10),
        "liveness_status": 3,
    })
}

/// `GET /api/v2/nodes/` (admin; simple pagination).
pub async fn list_nodes(CrdbAdmin { ctx, params, .. }: CrdbAdmin) -> Response {
    let (limit, offset) = simple_values(&params);
    let now_ns = ctx.shared.clock.now_ns();
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    let all: Vec<Value> = c
        .nodes
        .iter()
        .map(|n| node_json(&c, n.id, now_ns, t))
        .collect();
    let (page, next) = simple_paginate(&all, limit, offset);
    let mut out = json!({"nodes": page});
    if let Some(n) = next.filter(|n| *n > 0) {
        out["next"] = json!(n);
    }
    ok_json(&out)
}

fn range_info(c: &CrdbCluster, r: &Range, node: i64, t: f64) -> Value {
    let qps = wander(c.seed ^ r.id as u64, t, r.qps, r.qps * 0.4).max(0.0);
    json!({
        "desc": {
            "range_id": r.id,
            "start_key": b64(&r.start_key),
            "end_key": b64(&r.end_key),
            "store_id": 0,
            "queries_per_second": 0,
        },
        "span": {"start_key": r.start_pretty, "end_key": r.end_pretty},
        "source_node_id": node,
        "source_store_id": node,
        "lease_history": [{
            "start": {"wall_time": r.lease_start_ns, "logical": 0},
            "replica": {"node_id": r.leaseholder, "store_id": r.leaseholder, "replica_id": r.replicas.iter().position(|x| *x == r.leaseholder).unwrap_or(0) + 1, "type": 0},
            "proposed_ts": {"wall_time": r.lease_start_ns, "logical": 0},
            "epoch": 1,
            "sequence": 3 + r.id % 5,
            "acquisition_type": 2,
        }],
        "problems": {},
        "stats": {"queries_per_second": qps, "writes_per_second": qps * 0.3},
    })
}

fn parse_node(ctx: &NodeCtx, raw: &str) -> Result<i64, Response> {
    if raw == "local" {
        return Ok(ctx.node_id);
    }
    raw.parse::<i64>().map_err(|_| {
        go_error(
            StatusCode::BAD_REQUEST,
            &format!("strconv.ParseInt: parsing {raw:?}: invalid syntax"),
        )
    })
}

/// `GET /api/v2/nodes/{node_id}/ranges/?ranges=..&limit=..&offset=..` (admin; simple pagination).
pub async fn node_ranges(
    Path(node): Path<String>,
    CrdbAdmin { ctx, params, .. }: CrdbAdmin,
) -> Response {
    let node = match parse_node(&ctx, &node) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let mut wanted = Vec::new();
    for v in params.all("ranges") {
        for part in v.split(',').filter(|p| !p.is_empty()) {
            match part.trim().parse::<i64>() {
                Ok(id) => wanted.push(id),
                Err(_) => {
                    return go_error(
                        StatusCode::BAD_REQUEST,
                        &format!("strconv.ParseInt: parsing {part:?}: invalid syntax"),
                    )
                }
            }
        }
    }
    let (limit, offset) = simple_values(&params);
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    if !c.nodes.iter().any(|n| n.id == node) {
        return go_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            super::auth::INTERNAL_ERROR,
        );
    }
    let all: Vec<Value> = c
        .ranges
        .iter()
        .filter(|r| r.replicas.contains(&node) && (wanted.is_empty() || wanted.contains(&r.id)))
        .map(|r| range_info(&c, r, node, t))
        .collect();
    let (page, next) = simple_paginate(&all, limit, offset);
    let mut out = json!({"ranges": page});
    if let Some(n) = next.filter(|n| *n > 0) {
        out["next"] = json!(n);
    }
    ok_json(&out)
}

/// `GET /api/v2/ranges/hot/?node_id=..&limit=..&start=..` (admin; RPC pagination).
pub async fn hot_ranges(CrdbAdmin { ctx, params, .. }: CrdbAdmin) -> Response {
    let only = match params.get_nonempty("node_id") {
        Some(raw) => match parse_node(&ctx, raw) {
            Ok(n) => Some(n),
            Err(r) => return r,
        },
        None => None,
    };
    let limit = params.int("limit").filter(|v| *v > 0).unwrap_or(0) as usize;
    let start = match params.get_nonempty("start") {
        Some(tok) => match PaginationState::unmarshal(tok) {
            Some(s) => Some(s),
            None => return go_error(StatusCode::BAD_REQUEST, "invalid pagination state"),
        },
        None => None,
    };
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    let mut by_node = Vec::new();
    for n in c.nodes.iter().filter(|n| only.is_none_or(|o| o == n.id)) {
        let mut hot: Vec<(f64, Value)> = c
            .ranges
            .iter()
            .filter(|r| r.leaseholder == n.id && !r.table.is_empty())
            .map(|r| {
                let qps = wander(c.seed ^ r.id as u64, t, r.qps, r.qps * 0.4).max(0.0);
                let w = qps * 0.28;
                (
                    qps,
                    json!({
                        "range_id": r.id,
                        "node_id": n.id,
                        "qps": qps,
                        "writes_per_second": w,
                        "reads_per_second": qps - w,
                        "write_bytes_per_second": w * 250.0,
                        "read_bytes_per_second": (qps - w) * 460.0,
                        "cpu_time_per_second": qps * 12_000.0,
                        "leaseholder_node_id": r.leaseholder,
                        "databases": [r.database],
                        "tables": [r.table],
                        "indexes": [r.index],
                        "schema_name": "public",
                        "replica_node_ids": r.replicas,
                        "store_id": n.id,
                    }),
                )
            })
            .collect();
        hot.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        by_node.push((n.id, hot.into_iter().map(|(_, v)| v).collect::<Vec<_>>()));
    }
    let (page, state) = rpc_paginate(&by_node, limit, start);
    ok_json(&json!({"ranges": page, "next": state.marshal()}))
}

/// `GET /api/v2/ranges/{range_id}/` (admin): the range as seen by every node holding a replica.
pub async fn range(
    State(ctx): State<NodeCtx>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Response {
    if !raw.chars().all(|c| c.is_ascii_digit()) || raw.is_empty() {
        return go_error(StatusCode::NOT_FOUND, "404 page not found");
    }
    if let Err(r) = require(&ctx, &headers, true) {
        return r;
    }
    let id: i64 = raw.parse().unwrap_or(-1);
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    let mut by_node = Map::new();
    if let Some(r) = c.ranges.iter().find(|r| r.id == id) {
        for n in &r.replicas {
            by_node.insert(
                n.to_string(),
                json!({"range_info": range_info(&c, r, *n, t)}),
            );
        }
    }
    ok_json(&json!({"responses_by_node_id": by_node}))
}
