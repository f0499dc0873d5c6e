//! FE endpoints that read or tweak cluster metadata (health, configs, DDL, meta info, meta service).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::respond::{fe_json, v1_failed, v1_ok, v1_ok_with, FeAdmin, FeUser, FE_DEFAULT_CT};
use super::state::VERSION;
use super::table::create_table_sql;
use super::SrCtx;
use crate::http_util::{lock, raw, with_header, Params};
use crate::rng::wander;
use crate::timefmt::sr_datetime;

/// `GET /api/health` (no login): backend counts.
pub async fn health(State(ctx): State<SrCtx>) -> Response {
    let c = lock(&ctx.cluster);
    let n = c.backends().count();
    fe_json(&json!({"total_backend_num": n, "online_backend_num": n, "status": "OK"}))
}

/// `GET /api/bootstrap[?cluster_id=..&token=..]` (no login): FE readiness for other FEs.
pub async fn bootstrap(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let c = lock(&ctx.cluster);
    if p.get("cluster_id").is_none() && p.get("token").is_none() {
        return v1_ok();
    }
    if p.get("cluster_id") != Some("1183287416") {
        return v1_failed("invalid cluster id: wrong cluster id");
    }
    v1_ok_with(json!({
        "replayedJournalId": c.journal_id(ctx.shared.clock.now_ms()),
        "queryPort": 9030,
        "rpcPort": 9020,
        "arrowFlightSqlPort": -1,
        "feStartTime": c.fe_started_ms,
        "feVersion": VERSION,
    }))
}

/// `GET /api/_set_config?key=value[&persist=true]` (admin): a flat `{"set":{..},"err":{..}}`.
pub async fn set_config(FeAdmin { ctx, params: p, .. }: FeAdmin) -> Response {
    let mut c = lock(&ctx.cluster);
    let mut set = Map::new();
    let mut err = Map::new();
    for (k, v) in &p.0 {
        if k == "persist" || k == "reason" {
            continue;
        }
        if c.fe_config.contains_key(k) {
            c.fe_config.insert(k.clone(), v.clone());
            set.insert(k.clone(), json!(v));
        } else {
            err.insert(k.clone(), json!(format!("[{v}]")));
        }
    }
    fe_json(&json!({"set": set, "err": err}))
}

/// `GET /api/_get_ddl?db=..&tbl=..`: `{"TABLE":[..],"PARTITION":[],"ROLLUP":[]}`.
pub async fn get_ddl(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let (Some(db), Some(tbl)) = (p.get_nonempty("db"), p.get_nonempty("tbl")) else {
        return v1_failed("Missing params. Need database name and Table name");
    };
    let c = lock(&ctx.cluster);
    if c.db(db).is_none() {
        return v1_failed(&format!("Database[{db}] does not exist"));
    }
    match c.table(db, tbl) {
        Some(t) => fe_json(&json!({"TABLE": [create_table_sql(t)], "PARTITION": [], "ROLLUP": []})),
        None => v1_failed(&format!("Table[{tbl}] does not exist")),
    }
}

/// `GET /api/_migration?db=..[&tbl=..]`: tablet placement rows.
pub async fn migration(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let Some(db) = p.get_nonempty("db") else {
        return v1_failed("Missing params. Need database name");
    };
    let c = lock(&ctx.cluster);
    let Some(d) = c.db(db) else {
        return v1_failed(&format!("Database[{db}] does not exist"));
    };
    let mut rows = Vec::new();
    for t in d
        .tables
        .iter()
        .filter(|t| p.get_nonempty("tbl").is_none_or(|n| n == t.name))
    {
        for (i, tablet) in t.tablets().into_iter().enumerate() {
            let be = &c.nodes[i % 3];
            rows.push(json!([
                t.name,
                t.partitions[i % t.partitions.len()].1,
                tablet,
                t.id as u64 * 31 % 1_000_000_007,
                be.host,
                be.id.to_string()
            ]));
        }
    }
    let count = rows.len();
    v1_ok_with(json!({"data": rows, "count": count}))
}

/// `GET /api/_check_storagetype?db=..`: storage type per table.
pub async fn check_storage_type(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let Some(db) = p.get_nonempty("db") else {
        return v1_failed("No database selected");
    };
    let c = lock(&ctx.cluster);
    let Some(d) = c.db(db) else {
        return v1_failed(&format!("Database[{db}] does not exist"));
    };
    let mut data = Map::new();
    for t in &d.tables {
        data.insert(t.name.clone(), json!({"schema_info": {t.name.clone(): {"schema_hash": t.id * 31 % 1_000_000_007, "storage_type": "COLUMN"}}}));
    }
    v1_ok_with(json!({"data": data}))
}

/// `GET /api/show_meta_info?action=SHOW_DB_SIZE|SHOW_HA`.
pub async fn show_meta_info(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let c = lock(&ctx.cluster);
    match p
        .get("action")
        .unwrap_or_default()
        .to_ascii_uppercase()
        .as_str()
    {
        "SHOW_DB_SIZE" => {
            let mut m = Map::new();
            for d in &c.databases {
                m.insert(
                    d.name.clone(),
                    json!(d.tables.iter().map(|t| t.data_size()).sum::<i64>()),
                );
            }
            fe_json(&Value::Object(m))
        }
        "SHOW_HA" => {
            let now = ctx.shared.clock.now_ms();
            fe_json(&json!({
                "role": "LEADER",
                "current_journal_id": c.journal_id(now).to_string(),
                "master": c.fe_host,
                "electable_nodes": c.fe_host,
                "observer_nodes": "",
                "can_read": "true",
                "is_ready": "true",
                "last_checkpoint_version": "5000",
                "last_checkpoint_time": (c.start_ms - 1_400_000).to_string(),
            }))
        }
        _ => fe_json(&json!({})),
    }
}

/// `GET /api/show_runtime_info`: JVM memory and threads, every value a string.
pub async fn show_runtime_info(FeUser { ctx, .. }: FeUser) -> Response {
    let t = ctx.shared.clock.elapsed_secs();
    let seed = ctx.shared.seed;
    fe_json(&json!({
        "free_mem": format!("{:.0}", wander(seed + 1, t, 812_345_678.0, 200_000_000.0)),
        "total_mem": "2147483648",
        "max_mem": "8589934592",
        "thread_cnt": format!("{:.0}", wander(seed + 2, t, 312.0, 30.0)),
    }))
}

/// `HEAD|GET /api/get_log_file?type=fe.audit.log[&file=..]`: file list in a header, or a file.
pub async fn get_log_file(method: Method, FeAdmin { ctx, params: p, .. }: FeAdmin) -> Response {
    let Some(kind) = p.get_nonempty("type") else {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Miss type parameter",
        );
    };
    if kind != "fe.audit.log" {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            format!("log type: {kind} is invalid!"),
        );
    }
    let c = lock(&ctx.cluster);
    let log: String = c
        .queries
        .iter()
        .map(|r| format!("{} [query] |Client=127.0.0.1:{}|User={}|Db={}|State=EOF|Time={}|ScanRows={}|ReturnRows={}|QueryId={}|Stmt={}\n", sr_datetime(r.start_ms), 40_000 + r.conn_id, r.user, r.database, r.latency_ms, r.scan_rows, r.return_rows, r.query_id, r.sql))
        .collect();
    let infos = json!({"fe.audit.log": log.len()}).to_string();
    match p.get_nonempty("file") {
        Some("fe.audit.log") if method == Method::GET => {
            raw(StatusCode::OK, "application/octet-stream", log)
        }
        Some(f) if method == Method::GET => raw(
            StatusCode::NOT_FOUND,
            FE_DEFAULT_CT,
            format!("File not found: {f}"),
        ),
        _ => with_header(raw(StatusCode::OK, FE_DEFAULT_CT, ""), "file_infos", &infos),
    }
}

/// `GET /api/get_small_file?file_id=..&token=..`.
pub async fn get_small_file(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    match (p.get_nonempty("file_id"), p.get_nonempty("token")) {
        (Some(_), Some(_)) => raw(
            StatusCode::NOT_FOUND,
            FE_DEFAULT_CT,
            "File not found or is not content",
        ),
        _ => raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Missing parameter: file_id or token",
        ),
    }
}

/// `GET /api/rowcount?db=..&table=..` (admin): refreshes and returns row counts.
pub async fn rowcount(FeAdmin { ctx, params: p, .. }: FeAdmin) -> Response {
    let (Some(db), Some(tbl)) = (p.get_nonempty("db"), p.get_nonempty("table")) else {
        return v1_failed("Missing params. Need database name and Table name");
    };
    let c = lock(&ctx.cluster);
    match c.table(db, tbl) {
        Some(t) => fe_json(&json!({tbl: t.rows.len()})),
        None => v1_failed(&format!("Table[{tbl}] does not exist")),
    }
}

/// `GET /api/check_decommission?host_ports=h:p,..` (admin).
pub async fn check_decommission(FeAdmin { ctx, params: p, .. }: FeAdmin) -> Response {
    let Some(hosts) = p.get_nonempty("host_ports") else {
        return v1_failed("No host:port specified.");
    };
    let c = lock(&ctx.cluster);
    let mut ok = Vec::new();
    for hp in hosts.split(',') {
        let known = c
            .backends()
            .any(|b| format!("{}:{}", b.host, b.heartbeat_port) == hp);
        if !known {
            return v1_failed(&format!("Backend does not exist[{hp}]"));
        }
        ok.push(hp.to_string());
    }
    v1_ok_with(json!({"data": ok}))
}

/// `GET /api/_meta_replay_state`.
pub async fn meta_replay_state(FeAdmin { ctx, .. }: FeAdmin) -> Response {
    let now = ctx.shared.clock.now_ms();
    let c = lock(&ctx.cluster);
    v1_ok_with(
        json!({"data": {"replay_journal_id": c.journal_id(now), "max_journal_id": c.journal_id(now), "state": "NORMAL"}}),
    )
}

/// `GET /api/colocate`: colocation metadata.
pub async fn colocate(_: FeAdmin) -> Response {
    fe_json(
        &json!({"colocate_meta": {"groupName2Id": {}, "group2Tables": {}, "table2Group": {}, "group2Schema": {}, "group2BackendsPerBucketSeq": {}, "unstableGroups": []}, "status": "OK"}),
    )
}

/// `POST /api/colocate/{bucketseq,group_stable,group_unstable,update_group}`.
pub async fn colocate_update(FeAdmin { params: p, .. }: FeAdmin) -> Response {
    if p.get_nonempty("db_id").is_none() || p.get_nonempty("group_id").is_none() {
        return v1_failed("Missing params. Need db_id and group_id");
    }
    v1_failed(&format!(
        "the group {} isn't exist",
        p.get("group_id").unwrap_or_default()
    ))
}

/// `POST /api/global_dict/table/enable?db_name=..&table_name=..&enable=true`.
pub async fn global_dict_enable(FeAdmin { ctx, params: p, .. }: FeAdmin) -> Response {
    let (Some(db), Some(tbl)) = (p.get_nonempty("db_name"), p.get_nonempty("table_name")) else {
        return v1_failed("Missing params. Need database name and Table name");
    };
    if lock(&ctx.cluster).table(db, tbl).is_none() {
        return v1_failed(&format!("Table[{tbl}] does not exist"));
    }
    v1_ok()
}

/// `GET /api/connection?connection_id=N`: the connection's last query id (hand-built JSON).
pub async fn connection(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let Some(id) = p.int("connection_id") else {
        return v1_failed("not valid parameter");
    };
    let c = lock(&ctx.cluster);
    match c.queries.iter().rev().find(|r| r.conn_id == id) {
        Some(r) => raw(
            StatusCode::OK,
            FE_DEFAULT_CT,
            format!("{{\"query_id\" : \"{}\"}}", r.query_id),
        ),
        None => raw(
            StatusCode::NOT_FOUND,
            FE_DEFAULT_CT,
            format!("connection id {id} not found."),
        ),
    }
}

/// `GET /api/show_data[?db=..]`: total data size as plain text.
pub async fn show_data(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let c = lock(&ctx.cluster);
    let total: i64 = c
        .databases
        .iter()
        .filter(|d| p.get_nonempty("db").is_none_or(|n| n == d.name))
        .flat_map(|d| d.tables.iter().map(|t| t.data_size()))
        .sum();
    if let Some(db) = p.get_nonempty("db") {
        if c.db(db).is_none() {
            return v1_failed(&format!("Database[{db}] does not exist"));
        }
    }
    raw(StatusCode::OK, FE_DEFAULT_CT, total.to_string())
}

/// `POST /api/query_dump?db=..` with a SQL body: the optimizer dump as JSON.
pub async fn query_dump(FeUser { ctx, params: p, .. }: FeUser, body: Bytes) -> Response {
    let sql = String::from_utf8_lossy(&body).trim().to_string();
    if sql.is_empty() {
        return v1_failed("query is empty");
    }
    let c = lock(&ctx.cluster);
    let db = p.get_nonempty("db").unwrap_or("demo");
    let Some(d) = c.db(db) else {
        return v1_failed(&format!("Database[{db}] does not exist"));
    };
    let mut meta = Map::new();
    let mut counts = Map::new();
    for t in d
        .tables
        .iter()
        .filter(|t| sql.to_lowercase().contains(&t.name))
    {
        meta.insert(format!("{}.{}", d.name, t.name), json!(create_table_sql(t)));
        counts.insert(
            format!("{}.{}", d.name, t.name),
            json!({t.name.clone(): t.rows.len()}),
        );
    }
    fe_json(&json!({
        "statement": sql,
        "table_meta": meta,
        "table_row_count": counts,
        "session_variables": "{\"enable_pipeline_engine\":true,\"pipeline_dop\":0}",
        "column_statistics": {},
        "be_number": 3,
        "be_core_stat": {"numOfHardwareCoresPerBe": "{\"10001\":8,\"10002\":8,\"10003\":8}", "cachedAvgNumOfHardwareCores": 8},
        "exception": [],
        "version": VERSION,
    }))
}

/// `GET /api/stop` (admin): accepted, but the simulated FE keeps running.
pub async fn stop(_: FeAdmin) -> Response {
    v1_ok()
}

/// `GET /image?version=N`: an image file (binary).
pub async fn meta_image(RawQuery(q): RawQuery) -> Response {
    match Params::parse(q.as_deref()).int("version") {
        Some(v) if v > 0 => raw(
            StatusCode::OK,
            "application/octet-stream",
            format!("image.{v}\0\0\0\0").into_bytes(),
        ),
        _ => raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Miss version parameter",
        ),
    }
}

/// `GET /info`: storage info of the leader.
pub async fn meta_info(State(ctx): State<SrCtx>) -> Response {
    let now = ctx.shared.clock.now_ms();
    let c = lock(&ctx.cluster);
    fe_json(
        &json!({"clusterID": 1_183_287_416, "imageJournalId": 5000, "editsSeq": c.journal_id(now)}),
    )
}

/// `GET /version`: the VERSION file.
pub async fn meta_version() -> Response {
    raw(StatusCode::OK, FE_DEFAULT_CT, "#Mon Jan 15 10:00:00 UTC 2025\nclusterId=1183287416\ntoken=5f2ac8d1-4f0e-4d8e-9d1b-0a0c8f1e3b7d\nrunMode=shared_nothing\n")
}

/// `GET /put?version=N&port=P`: a follower pushing a new image.
pub async fn meta_put(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    if p.int("version").is_none() || p.int("port").is_none() {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Miss version or port parameter",
        );
    }
    raw(StatusCode::OK, FE_DEFAULT_CT, "")
}

/// `GET /journal_id`: the journal id in a header.
pub async fn meta_journal_id(State(ctx): State<SrCtx>) -> Response {
    let now = ctx.shared.clock.now_ms();
    let id = lock(&ctx.cluster).journal_id(now);
    with_header(
        raw(StatusCode::OK, FE_DEFAULT_CT, ""),
        "id",
        &id.to_string(),
    )
}

/// `GET /check`: cluster id and token in headers.
pub async fn meta_check() -> Response {
    let r = with_header(
        raw(StatusCode::OK, FE_DEFAULT_CT, ""),
        "cluster_id",
        "1183287416",
    );
    with_header(r, "token", "5f2ac8d1-4f0e-4d8e-9d1b-0a0c8f1e3b7d")
}

/// `GET /dump`: dumps the image and returns its path.
pub async fn meta_dump(_: FeAdmin) -> Response {
    v1_ok_with(json!({"dumpFilePath": "/opt/starrocks/fe/meta/image/image.dump"}))
}

/// `GET /role`: the FE role and name in headers.
pub async fn meta_role(State(ctx): State<SrCtx>) -> Response {
    let c = lock(&ctx.cluster);
    let r = with_header(raw(StatusCode::OK, FE_DEFAULT_CT, ""), "role", "LEADER");
    with_header(
        r,
        "name",
        &format!("{}_9010_{}", c.fe_host, c.fe_started_ms),
    )
}
