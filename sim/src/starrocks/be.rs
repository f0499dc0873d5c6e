//! BE and CN tool endpoints: health, pprof, compaction, configs, caches, logs, tablets.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::respond::{be_json, be_text, BE_DEFAULT_CT};
use super::state::TOKEN;
use super::SrCtx;
use crate::http_util::{html, lock, raw, Params};
use crate::rng::wander;
use crate::timefmt::sr_datetime_millis;

/// `GET /api/health`: the exact literal the BE returns.
pub async fn health() -> Response {
    raw(
        StatusCode::OK,
        "application/json",
        "{\"status\": \"OK\",\"msg\": \"To Be Added\"}",
    )
}

/// `GET /pprof/heap` and `/pprof/growth`.
pub async fn pprof_heap() -> Response {
    be_text("heap profile is not available: StarRocks is not built with tcmalloc heap profiling\n")
}

/// `GET /pprof/profile?seconds=N` and `/pprof/pmuprofile`: a (tiny) profile, at once.
pub async fn pprof_profile(RawQuery(q): RawQuery) -> Response {
    let secs = Params::parse(q.as_deref()).int("seconds").unwrap_or(10);
    raw(
        StatusCode::OK,
        "application/octet-stream",
        format!(
            "--- symbol\nbinary=/opt/starrocks/be/lib/starrocks_be\n--- profile\nseconds={secs}\n"
        )
        .into_bytes(),
    )
}

/// `GET /pprof/contention`.
pub async fn pprof_contention() -> Response {
    be_text("--- contention\nsampling period = 1\ncycles/second = 2400000000\n")
}

/// `GET /pprof/cmdline`.
pub async fn pprof_cmdline() -> Response {
    be_text("/opt/starrocks/be/lib/starrocks_be\n")
}

/// `HEAD|GET|POST /pprof/symbol`: symbol count, or addresses resolved to names.
pub async fn pprof_symbol(method: Method, body: Bytes) -> Response {
    if method == Method::POST && !body.is_empty() {
        let text = String::from_utf8_lossy(&body);
        let lines: String = text
            .split('+')
            .filter(|a| !a.trim().is_empty())
            .map(|a| format!("{}\tstarrocks::PipelineDriver::process\n", a.trim()))
            .collect();
        return be_text(lines);
    }
    be_text("num_symbols: 1\n")
}

/// `HEAD|GET /api/_download_load` and `/api/_tablet/_download?token=..&file=..`: with the
/// cluster's token, a snapshot directory (what `/api/snapshot` answers) lists its files, and its
/// header file is sent as bytes; anything else does not exist.
pub async fn download(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let (Some(token), Some(file)) = (p.get_nonempty("token"), p.get_nonempty("file")) else {
        return raw(
            StatusCode::BAD_REQUEST,
            BE_DEFAULT_CT,
            "token or file parameter is missing",
        );
    };
    if token != TOKEN {
        return raw(StatusCode::UNAUTHORIZED, BE_DEFAULT_CT, "invalid token.");
    }
    let tablet = file
        .strip_prefix(SNAPSHOT_DIR)
        .map(|rest| rest.split('/').collect::<Vec<_>>());
    match tablet.as_deref() {
        Some([t]) if t.parse::<i64>().is_ok() => be_text(format!("{t}.hdr\n")),
        Some([t, f]) if t.parse::<i64>().is_ok() && *f == format!("{t}.hdr") => raw(
            StatusCode::OK,
            "application/octet-stream",
            format!("TABLET_META\0{t}\0\x01\x02").into_bytes(),
        ),
        _ => raw(
            StatusCode::NOT_FOUND,
            BE_DEFAULT_CT,
            format!("file not exist: {file}"),
        ),
    }
}

/// Where `/api/snapshot` puts a tablet's snapshot (the tablet id follows).
const SNAPSHOT_DIR: &str = "/opt/starrocks/be/storage/snapshot/20250115103000.1.7200/";

/// `GET /api/_stop_be`.
pub async fn stop_be() -> Response {
    be_json(
        &json!({"status": "Success", "msg": "stop be received, the simulated BE keeps running"}),
    )
}

/// `HEAD|GET /api/meta/header/{tablet_id}`: tablet meta JSON.
pub async fn meta_header(State(ctx): State<SrCtx>, Path(tablet): Path<String>) -> Response {
    let Ok(id) = tablet.parse::<i64>() else {
        return raw(
            StatusCode::BAD_REQUEST,
            BE_DEFAULT_CT,
            "invalid argument: tablet_id",
        );
    };
    let c = lock(&ctx.cluster);
    let found = c
        .databases
        .iter()
        .flat_map(|d| &d.tables)
        .find(|t| t.tablets().contains(&id));
    match found {
        Some(t) => be_json(
            &json!({"table_id": t.id, "partition_id": t.partitions[0].0, "tablet_id": id, "schema_hash": t.id * 31 % 1_000_000_007, "shard_id": 0, "creation_time": c.start_ms / 1000, "tablet_state": "PB_RUNNING", "rs_metas": [{"rowset_id": 2, "start_version": 0, "end_version": 2, "num_rows": t.rows.len() / t.tablets().len().max(1)}]}),
        ),
        None => raw(
            StatusCode::NOT_FOUND,
            BE_DEFAULT_CT,
            format!("tablet {id} not found"),
        ),
    }
}

/// `GET /api/checksum?tablet_id=..&version=..&schema_hash=..`: the checksum as text.
pub async fn checksum(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    match (p.int("tablet_id"), p.int("version")) {
        (Some(t), Some(v)) => be_text(format!("{}", (t * 2_654_435_761 + v) % 4_294_967_296)),
        _ => raw(
            StatusCode::BAD_REQUEST,
            BE_DEFAULT_CT,
            "invalid argument: tablet_id or version",
        ),
    }
}

/// `GET /api/reload_tablet?tablet_id=..&schema_hash=..&path=..`.
pub async fn reload_tablet(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    if p.int("tablet_id").is_none() || p.get_nonempty("path").is_none() {
        return raw(
            StatusCode::BAD_REQUEST,
            BE_DEFAULT_CT,
            "invalid argument: tablet_id, schema_hash or path",
        );
    }
    be_text("load header succeed")
}

/// `POST /api/restore_tablet?tablet_id=..&schema_hash=..`.
pub async fn restore_tablet(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    if p.int("tablet_id").is_none() {
        return raw(
            StatusCode::BAD_REQUEST,
            BE_DEFAULT_CT,
            "invalid argument: tablet_id",
        );
    }
    be_text("restore tablet succeed")
}

/// `GET /api/snapshot?tablet_id=..&schema_hash=..`: the snapshot path.
pub async fn snapshot(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    match p.int("tablet_id") {
        Some(t) => be_text(format!("{SNAPSHOT_DIR}{t}")),
        None => raw(
            StatusCode::BAD_REQUEST,
            BE_DEFAULT_CT,
            "invalid argument: tablet_id",
        ),
    }
}

/// `GET /api/compaction/show?tablet_id=..`.
pub async fn compaction_show(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let Some(id) = p.int("tablet_id") else {
        return be_json(&json!({"status": "Fail", "msg": "Parameter not found: tablet_id"}));
    };
    let now = ctx.shared.clock.now_ms();
    be_json(&json!({
        "cumulative point": 50 + id % 7,
        "last cumulative failure time": sr_datetime_millis(now - 3_600_000),
        "last base failure time": sr_datetime_millis(now - 7_200_000),
        "last cumulative success time": sr_datetime_millis(now - 300_000),
        "last base success time": sr_datetime_millis(now - 900_000),
        "rowsets": ["[0-48] 10 DATA OVERLAPPING", "[49-49] 2 DATA OVERLAPPING"],
    }))
}

/// `POST /api/compact?tablet_id=..&compaction_type=base|cumulative`.
pub async fn compact(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    if p.int("tablet_id").is_none() {
        return be_json(&json!({"status": "Fail", "msg": "Parameter not found: tablet_id"}));
    }
    match p.get("compaction_type") {
        Some("base") | Some("cumulative") => {
            be_json(&json!({"status": "Success", "msg": "compaction task executed successful"}))
        }
        other => be_json(
            &json!({"status": "Fail", "msg": format!("compaction_type parameter is not set or illegal: {}", other.unwrap_or_default())}),
        ),
    }
}

/// `GET /api/compaction/show_repair`.
pub async fn show_repair() -> Response {
    be_json(&json!({"status": "Success", "tablets": []}))
}

/// `PUT /api/compaction/submit_repair?tablet_id=..`.
pub async fn submit_repair(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    match p.get_nonempty("tablet_id").or(p.get_nonempty("tablet_ids")) {
        Some(ids) => be_json(
            &json!({"status": "Success", "msg": format!("submitted {} tablets", ids.split(',').count())}),
        ),
        None => be_json(&json!({"status": "Fail", "msg": "tablet_id or tablet_ids is required"})),
    }
}

/// `POST /api/update_config?name=value`: exactly one config at a time.
pub async fn update_config(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    if p.0.len() != 1 {
        return be_json(
            &json!({"status": "BAD", "msg": "Now only support to set a single config once, via 'config_name=new_value'"}),
        );
    }
    let (k, v) = p.0[0].clone();
    let mut c = lock(&ctx.cluster);
    let node = &mut c.nodes[ctx.node_index()];
    if !node.config.contains_key(&k) {
        return be_json(&json!({"status": "BAD", "msg": format!("Config not found: {k}")}));
    }
    node.config.insert(k, v);
    be_json(&json!({"status": "OK", "msg": ""}))
}

/// `GET|PUT /api/runtime_filter_cache/{stat,trace,enable_trace,disable_trace}`.
pub async fn runtime_filter_cache(
    State(ctx): State<SrCtx>,
    Path(action): Path<String>,
) -> Response {
    let t = ctx.shared.clock.elapsed_secs();
    match action.as_str() {
        "stat" => be_json(
            &json!({"cache_times": wander(ctx.shared.seed, t, 120.0, 40.0).round(), "use_times": wander(ctx.shared.seed + 1, t, 80.0, 30.0).round(), "num_entries": 3}),
        ),
        "trace" => be_json(&json!({"trace": []})),
        "enable_trace" | "disable_trace" => be_json(&json!({"status": "OK"})),
        other => be_json(&json!({"status": "Fail", "msg": format!("unknown action: {other}")})),
    }
}

/// `POST /api/compact_rocksdb_meta`.
pub async fn compact_rocksdb_meta() -> Response {
    be_json(&json!({"status": "Success", "msg": "compact rocksdb meta finished"}))
}

/// `GET|PUT /api/query_cache/{stat,invalidate_all}`.
pub async fn query_cache(State(ctx): State<SrCtx>, Path(action): Path<String>) -> Response {
    let t = ctx.shared.clock.elapsed_secs();
    let seed = ctx.shared.seed ^ ctx.node_index() as u64;
    match action.as_str() {
        "stat" => be_json(&json!({
            "capacity": 536_870_912, "usage": wander(seed, t, 120_000_000.0, 40_000_000.0).round(),
            "usage_ratio": 0.22, "lookup_count": (t * 12.0).round() + 4_000.0, "hit_count": (t * 7.0).round() + 2_100.0, "hit_ratio": 0.55,
        })),
        "invalidate_all" => be_json(&json!({"status": "OK"})),
        other => be_json(&json!({"status": "Fail", "msg": format!("unknown action: {other}")})),
    }
}

/// `GET /api/pipeline_blocking_drivers/{stat}`.
pub async fn pipeline_blocking_drivers(Path(action): Path<String>) -> Response {
    match action.as_str() {
        "stat" => be_json(&json!({"queries_in_poller": [], "queries_in_workers": []})),
        other => be_json(&json!({"status": "Fail", "msg": format!("unknown action: {other}")})),
    }
}

/// `GET /greplog?pattern=..&level=..`: matching log lines.
pub async fn greplog(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let pattern = p.get("pattern").unwrap_or_default().to_string();
    let now = ctx.shared.clock.now_ms();
    let lines = [
        ("I", "tablet_manager.cpp:912] Report all 48 tablets info"),
        (
            "I",
            "stream_load.cpp:201] new income streaming load request.",
        ),
        (
            "W",
            "storage_engine.cpp:771] Fail to get compaction candidate: tablet_id=20001",
        ),
        (
            "I",
            "heartbeat_server.cpp:84] get heartbeat from FE. host:127.0.0.1",
        ),
    ];
    let out: String = lines
        .iter()
        .filter(|(lvl, l)| {
            l.contains(&pattern)
                && p.get_nonempty("level")
                    .is_none_or(|want| want.eq_ignore_ascii_case(lvl))
        })
        .map(|(lvl, l)| {
            format!(
                "{lvl}{} {}\n",
                sr_datetime_millis(now - 5_000).replace(['-', ' '], ""),
                l
            )
        })
        .collect();
    be_text(out)
}

/// `GET /varz`: the BE configuration as an HTML page.
pub async fn varz(State(ctx): State<SrCtx>) -> Response {
    let c = lock(&ctx.cluster);
    let node = &c.nodes[ctx.node_index()];
    let rows: String = node
        .config
        .iter()
        .map(|(k, v)| format!("<tr><td>{k}</td><td>{v}</td></tr>\n"))
        .collect();
    html(StatusCode::OK, format!("<!DOCTYPE html><html><head><title>StarRocks BE</title></head><body><h2>Configurations</h2><table>\n{rows}</table></body></html>"))
}
