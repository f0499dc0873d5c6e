//! FE endpoints that read or tweak cluster metadata (health, configs, DDL, meta info, meta service).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::respond::{
    fe_json, jackson, v1_failed, v1_ok, v1_ok_with, FeAdmin, FeUser, FE_DEFAULT_CT,
};
use super::state::{ColocateGroup, IMAGE_JOURNAL_ID, TOKEN, VERSION};
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
                "last_checkpoint_version": IMAGE_JOURNAL_ID.to_string(),
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
    for hp in hosts.split(',') {
        let known = c
            .backends()
            .any(|b| format!("{}:{}", b.host, b.heartbeat_port) == hp);
        if !known {
            return v1_failed(&format!("Backend does not exist[{hp}]"));
        }
    }
    v1_ok()
}

/// `GET /api/_meta_replay_state` (admin): the replayer's state as a plain map
/// (`sendResultByJson`): `state` (`OK`, `OUT_OF_DATE`, `EXCEPTION`, `UNKNOWN`) and `msg` when an
/// exception stopped it.
pub async fn meta_replay_state(_: FeAdmin) -> Response {
    jackson(&json!({"state": "OK"}))
}

/// `GET /api/colocate`: the colocation index as Gson writes it (group ids as `{dbId,grpId}`
/// objects, map keys as `<dbId>.<grpId>`).
pub async fn colocate(FeAdmin { ctx, .. }: FeAdmin) -> Response {
    let c = lock(&ctx.cluster);
    let gid = |g: &ColocateGroup| json!({"dbId": g.db_id, "grpId": g.grp_id});
    let key = |g: &ColocateGroup| format!("{}.{}", g.db_id, g.grp_id);
    let (mut names, mut tables, mut table2, mut schema, mut seqs) =
        (Map::new(), Map::new(), Map::new(), Map::new(), Map::new());
    for g in &c.colocate {
        names.insert(g.name.clone(), gid(g));
        tables.insert(key(g), json!(g.tables));
        for t in &g.tables {
            table2.insert(t.to_string(), gid(g));
        }
        schema.insert(key(g), json!({"groupId": gid(g), "distributionColTypes": [{"type": "INT"}], "bucketsNum": g.buckets.len(), "replicationNum": g.replication_num}));
        seqs.insert(key(g), json!(g.buckets));
    }
    let unstable: Vec<Value> = c.colocate.iter().filter(|g| g.unstable).map(gid).collect();
    fe_json(
        &json!({"colocate_meta": {"groupName2Id": names, "group2Tables": tables, "table2Group": table2, "group2Schema": schema, "group2BackendsPerBucketSeq": seqs, "unstableGroups": unstable}, "status": "OK"}),
    )
}

/// `POST /api/colocate/{group_stable,group_unstable,bucketseq,update_group}?db_id=..&group_id=..`
/// (`update_group` also takes `table_id` and `is_join`; `bucketseq` a JSON body of BE ids per
/// bucket). Failures are v1 `FAILED` with HTTP 200, as a `DdlException` is.
pub async fn colocate_update(
    uri: Uri,
    FeAdmin { ctx, params: p, .. }: FeAdmin,
    body: Bytes,
) -> Response {
    let action = uri
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let (Some(db), Some(grp)) = (p.int("db_id"), p.int("group_id")) else {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Bad db_id or group_id parameter",
        );
    };
    let mut c = lock(&ctx.cluster);
    let backends: Vec<i64> = c.backends().map(|b| b.id).collect();
    let tables: Vec<i64> = c
        .databases
        .iter()
        .filter(|d| d.id == db)
        .flat_map(|d| d.tables.iter().map(|t| t.id))
        .collect();
    let Some(g) = c
        .colocate
        .iter_mut()
        .find(|g| g.db_id == db && g.grp_id == grp)
    else {
        return v1_failed(&format!("the group {db}.{grp}isn't  exist"));
    };
    match action.as_str() {
        "group_stable" => g.unstable = false,
        "group_unstable" => g.unstable = true,
        "update_group" => {
            let Some(t) = p.int("table_id").filter(|t| *t > 0) else {
                return raw(
                    StatusCode::BAD_REQUEST,
                    FE_DEFAULT_CT,
                    "Bad table_id parameter",
                );
            };
            if !matches!(p.get("is_join"), Some("true" | "false")) {
                return raw(
                    StatusCode::BAD_REQUEST,
                    FE_DEFAULT_CT,
                    "Missing is_join parameter",
                );
            }
            if !tables.contains(&t) {
                return raw(StatusCode::BAD_REQUEST, FE_DEFAULT_CT, "Non-exist table");
            }
            // Only cloud-native (shared-data) tables can change groups; these are OLAP tables.
            return raw(
                StatusCode::BAD_REQUEST,
                FE_DEFAULT_CT,
                "Not-supported table type",
            );
        }
        _ => {
            let seq: Vec<Vec<i64>> = match serde_json::from_slice(&body) {
                Ok(v) => v,
                Err(e) => return v1_failed(&format!("Invalid bucket sequence: {e}")),
            };
            if seq.len() != g.buckets.len() {
                return v1_failed(&format!(
                    "Invalid bucket num. expected: {}, actual: {}",
                    g.buckets.len(),
                    seq.len()
                ));
            }
            for ids in &seq {
                if ids.len() != g.replication_num {
                    return v1_failed(&format!(
                        "Invalid backend num per bucket. expected: {}, actual: {}",
                        g.replication_num,
                        ids.len()
                    ));
                }
                if let Some(bad) = ids.iter().find(|id| !backends.contains(id)) {
                    return v1_failed(&format!(
                        "The backend {bad} does not exist or not available"
                    ));
                }
            }
            g.buckets = seq;
            g.unstable = true;
        }
    }
    v1_ok()
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

/// `GET /image?version=N`: the image file of that journal id (binary), 404 when there is none.
pub async fn meta_image(RawQuery(q): RawQuery) -> Response {
    match Params::parse(q.as_deref()).int("version") {
        Some(v) if v == IMAGE_JOURNAL_ID => with_header(
            raw(
                StatusCode::OK,
                "application/octet-stream",
                format!("image.{v}\0\0\0\0").into_bytes(),
            ),
            "content-disposition",
            &format!("attachment; filename=image.{v}"),
        ),
        Some(v) if v >= 0 => raw(StatusCode::NOT_FOUND, FE_DEFAULT_CT, ""),
        Some(_) => raw(StatusCode::BAD_REQUEST, FE_DEFAULT_CT, ""),
        None => raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Miss version parameter",
        ),
    }
}

/// `GET /info`: the journal id of the latest image.
pub async fn meta_info() -> Response {
    raw(
        StatusCode::OK,
        "application/json",
        json!({"imageJournalId": IMAGE_JOURNAL_ID}).to_string(),
    )
}

/// `GET /version`: the VERSION file.
pub async fn meta_version() -> Response {
    raw(StatusCode::OK, "application/octet-stream", format!("#Mon Jan 15 10:00:00 UTC 2025\nclusterId=1183287416\ntoken={TOKEN}\nrunMode=shared_nothing\n"))
}

/// `GET /put?version=N&port=P`: a follower asking this FE to fetch its new image; the leader
/// refuses (the simulated FE is the leader).
pub async fn meta_put(RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    if p.int("port").is_none() {
        return raw(StatusCode::BAD_REQUEST, FE_DEFAULT_CT, "");
    }
    if p.int("version").is_none() {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "Miss version parameter",
        );
    }
    raw(
        StatusCode::BAD_REQUEST,
        FE_DEFAULT_CT,
        "this node is master, reject image put",
    )
}

/// `GET /journal_id`: the replayed journal id in a header.
pub async fn meta_journal_id(State(ctx): State<SrCtx>) -> Response {
    let now = ctx.shared.clock.now_ms();
    let id = lock(&ctx.cluster).journal_id(now);
    with_header(
        raw(StatusCode::OK, FE_DEFAULT_CT, ""),
        "id",
        &id.to_string(),
    )
}

/// `GET /check`: the cluster's token in a header.
pub async fn meta_check() -> Response {
    with_header(raw(StatusCode::OK, FE_DEFAULT_CT, ""), "token", TOKEN)
}

/// `GET /dump` (admin): dumps the image and says where, as text.
pub async fn meta_dump(_: FeAdmin) -> Response {
    raw(
        StatusCode::OK,
        FE_DEFAULT_CT,
        "dump finished. /opt/starrocks/fe/meta/image.dump",
    )
}

/// `GET /role?host=..&port=..`: the role and name of the FE at that edit log address, in
/// headers (`UNKNOWN` for an address that is not an FE); 400 without both parameters.
pub async fn meta_role(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let (Some(host), Some(port)) = (p.get_nonempty("host"), p.int("port")) else {
        return raw(StatusCode::BAD_REQUEST, FE_DEFAULT_CT, "Miss parameter");
    };
    let c = lock(&ctx.cluster);
    if host != c.fe_host || port != 9010 {
        return with_header(raw(StatusCode::OK, FE_DEFAULT_CT, ""), "role", "UNKNOWN");
    }
    let r = with_header(raw(StatusCode::OK, FE_DEFAULT_CT, ""), "role", "LEADER");
    with_header(
        r,
        "name",
        &format!("{}_9010_{}", c.fe_host, c.fe_started_ms),
    )
}
