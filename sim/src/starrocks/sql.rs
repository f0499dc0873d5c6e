//! SQL over HTTP (`POST /api/v2/{catalog}/{db}/sql`, NDJSON), the query history
//! (`/api/query_detail`) and query profiles (`/api/profile`).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value as Json};

use super::proc::proc_result;
use super::respond::{jackson, v1_failed_body, FeUser, FE_DEFAULT_CT};
use super::state::{QueryRecord, SrCluster};
use crate::http_util::{json_as, lock, raw};
use crate::sqlmini::{
    self, lex, Catalog, ColType, Column, Dialect, SqlError, SqlErrorKind, Table, Tok, Value,
};
use crate::timefmt::sr_datetime;

const NDJSON: &str = "application/x-ndjson; charset=utf-8";

fn fail(status: StatusCode, msg: &str) -> Response {
    json_as(status, NDJSON, &v1_failed_body(msg))
}

struct SrCatalog<'a> {
    cluster: &'a SrCluster,
    db: &'a str,
    now_ms: i64,
}

impl Catalog for SrCatalog<'_> {
    fn table(&self, parts: &[String]) -> Option<Table> {
        let (db, name) = match parts {
            [t] => (self.db.to_string(), t.clone()),
            [d, t] => (d.clone(), t.clone()),
            [_, d, t] => (d.clone(), t.clone()),
            _ => return None,
        };
        if db.eq_ignore_ascii_case("information_schema") && name.eq_ignore_ascii_case("tables") {
            let mut t = Table::new(vec![
                Column::new("TABLE_CATALOG", ColType::Text),
                Column::new("TABLE_SCHEMA", ColType::Text),
                Column::new("TABLE_NAME", ColType::Text),
                Column::new("TABLE_TYPE", ColType::Text),
                Column::new("ENGINE", ColType::Text),
                Column::new("TABLE_ROWS", ColType::Int),
                Column::new("DATA_LENGTH", ColType::Int),
            ]);
            for d in &self.cluster.databases {
                for tb in &d.tables {
                    t.rows.push(vec![
                        Value::from("def"),
                        Value::from(d.name.clone()),
                        Value::from(tb.name.clone()),
                        Value::from("BASE TABLE"),
                        Value::from("StarRocks"),
                        Value::Int(tb.rows.len() as i64),
                        Value::Int(tb.data_size()),
                    ]);
                }
            }
            return Some(t);
        }
        let t = self.cluster.table(&db, &name)?;
        Some(Table {
            columns: t
                .columns
                .iter()
                .map(|c| Column {
                    name: c.name.clone(),
                    ty: c.ty,
                })
                .collect(),
            rows: t.rows.clone(),
        })
    }
    fn now_ms(&self) -> i64 {
        self.now_ms
    }
    fn version(&self) -> String {
        format!("5.1.0 StarRocks version {}", super::state::VERSION)
    }
}

fn syntax_message(e: &SqlError) -> String {
    format!(
        "Getting syntax error at line {}, column {}. Detail message: Unexpected input '{}', the most similar input is {{<EOF>, ';'}}.",
        e.line,
        e.column.saturating_sub(1),
        e.near
    )
}

fn analyze_message(e: &SqlError, db: &str) -> String {
    match &e.kind {
        SqlErrorKind::UnknownTable(t) => {
            let full = if t.contains('.') { t.clone() } else { format!("{db}.{t}") };
            format!("Getting analyzing error. Detail message: Unknown table '{full}'.")
        }
        SqlErrorKind::UnknownColumn(c) => format!(
            "Getting analyzing error from line {}, column {} to line {}, column {}. Detail message: Column '{c}' cannot be resolved.",
            e.line,
            e.column.saturating_sub(1),
            e.line,
            e.column + c.len().saturating_sub(2)
        ),
        SqlErrorKind::Syntax => syntax_message(e),
        SqlErrorKind::Unsupported => format!("Getting analyzing error. Detail message: {}.", e.message),
    }
}

fn simple(cols: &[&str], rows: Vec<Vec<String>>) -> Table {
    Table {
        columns: cols.iter().map(|c| Column::new(c, ColType::Text)).collect(),
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(Value::Str).collect())
            .collect(),
    }
}

enum Executed {
    Rows(Table, HashMap<String, String>),
    Empty,
}

fn run(
    c: &SrCluster,
    db: &str,
    sql: &str,
    now_ms: i64,
    t: f64,
) -> Result<Executed, (StatusCode, String)> {
    let tokens = lex(sql).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, syntax_message(&e)))?;
    let words: Vec<String> = tokens
        .iter()
        .map(|t| match &t.tok {
            Tok::Ident(w) => w.to_ascii_uppercase(),
            Tok::QIdent(w) | Tok::Str(w) => w.clone(),
            Tok::Num(n) => n.clone(),
            _ => String::new(),
        })
        .collect();
    let first = words.first().cloned().unwrap_or_default();
    let internal = |m: String| (StatusCode::INTERNAL_SERVER_ERROR, m);
    match first.as_str() {
        "SELECT" => {
            let catalog = SrCatalog { cluster: c, db, now_ms };
            let mut decl = HashMap::new();
            if let Ok(sqlmini::Statement::Select(sel)) = sqlmini::parse_statement(sql) {
                if let Some(from) = &sel.from {
                    let (d, n) = match from.parts.as_slice() {
                        [n] => (db.to_string(), n.clone()),
                        [d, n] => (d.clone(), n.clone()),
                        _ => (String::new(), String::new()),
                    };
                    if let Some(tb) = c.table(&d, &n) {
                        for col in &tb.columns {
                            decl.insert(col.name.to_lowercase(), match col.decimal {
                                Some((p, s)) => format!("decimal64({p},{s})"),
                                None => col.sr_type.to_lowercase(),
                            });
                        }
                    }
                }
            }
            sqlmini::query(sql, &catalog, Dialect::StarRocks, &[])
                .map(|t| Executed::Rows(t, decl))
                .map_err(|e| internal(if e.kind == SqlErrorKind::Syntax { syntax_message(&e) } else { analyze_message(&e, db) }))
        }
        "SHOW" => {
            let rest: Vec<&str> = words.iter().skip(1).map(String::as_str).collect();
            let table = match rest.as_slice() {
                ["DATABASES", ..] => simple(&["Database"], c.databases.iter().map(|d| vec![d.name.clone()]).chain([vec!["information_schema".into()]]).collect()),
                ["TABLES", ..] => {
                    let d = c.db(db).ok_or_else(|| internal(format!("Unknown database '{db}'")))?;
                    simple(&[format!("Tables_in_{db}").as_str()], d.tables.iter().map(|t| vec![t.name.clone()]).collect())
                }
                ["BACKENDS", ..] | ["FRONTENDS", ..] | ["COMPUTE", "NODES", ..] | ["PROC", ..] => {
                    let path = match rest[0] {
                        "BACKENDS" => "/backends".to_string(),
                        "FRONTENDS" => "/frontends".to_string(),
                        "COMPUTE" => "/compute_nodes".to_string(),
                        _ => rest.get(1).map(|s| s.to_string()).unwrap_or_default(),
                    };
                    let r = proc_result(c, &path, now_ms, t).ok_or_else(|| internal(format!("Getting analyzing error. Detail message: Proc path '{path}' doesn't exist.")))?;
                    simple(&r.columns, r.rows)
                }
                ["PROCESSLIST", ..] | ["FULL", "PROCESSLIST", ..] => simple(
                    &["Id", "User", "Host", "Db", "Command", "ConnectionStartTime", "Time", "State", "Info", "IsPending", "Warehouse"],
                    vec![vec!["5".into(), "root".into(), "127.0.0.1:51234".into(), db.into(), "Query".into(), sr_datetime(now_ms - 60_000), "0".into(), "OK".into(), sql.into(), "false".into(), "default_warehouse".into()]],
                ),
                ["VARIABLES", ..] => {
                    let like = rest.iter().position(|w| *w == "LIKE").and_then(|i| rest.get(i + 1)).map(|s| s.to_lowercase());
                    let vars = [("query_timeout", "300"), ("pipeline_dop", "0"), ("enable_pipeline_engine", "true"), ("sql_mode", "ONLY_FULL_GROUP_BY"), ("version", super::state::VERSION), ("time_zone", "Asia/Shanghai")];
                    simple(
                        &["Variable_name", "Value"],
                        vars.iter()
                            .filter(|(k, _)| like.as_deref().is_none_or(|l| k.contains(l.trim_matches('%'))))
                            .map(|(k, v)| vec![k.to_string(), v.to_string()])
                            .collect(),
                    )
                }
                _ => return Err(internal(format!("Getting syntax error at line 1, column 5. Detail message: Unexpected input '{}', the most similar input is {{'DATABASES', 'TABLES', 'BACKENDS', 'FRONTENDS', 'PROC', 'VARIABLES'}}.", rest.first().map(|s| s.to_lowercase()).unwrap_or_default()))),
            };
            Ok(Executed::Rows(table, HashMap::new()))
        }
        "DESC" | "DESCRIBE" => {
            let name = words.get(1).cloned().unwrap_or_default();
            let (d, n) = match name.split_once('.') {
                Some((d, n)) => (d.to_string(), n.to_string()),
                None => (db.to_string(), name.clone()),
            };
            let raw_name = tokens.get(1).map(|t| sql.get(t.start..t.end).unwrap_or_default().trim_matches('`').to_string()).unwrap_or_default();
            let tb = c.table(&d, &n).or_else(|| c.table(&d, &raw_name)).ok_or_else(|| internal(format!("Getting analyzing error. Detail message: Unknown table '{d}.{raw_name}'.")))?;
            Ok(Executed::Rows(
                simple(
                    &["Field", "Type", "Null", "Key", "Default", "Extra"],
                    tb.columns
                        .iter()
                        .map(|col| vec![col.name.clone(), col.sr_type.to_lowercase(), if col.is_key { "NO".into() } else { "YES".into() }, col.is_key.to_string(), "\\N".into(), String::new()])
                        .collect(),
                ),
                HashMap::new(),
            ))
        }
        "EXPLAIN" => Ok(Executed::Rows(
            simple(&["Explain String"], ["PLAN FRAGMENT 0", " OUTPUT EXPRS:", "  PARTITION: UNPARTITIONED", "", "  RESULT SINK", "", "  1:EXCHANGE", ""].iter().map(|l| vec![l.to_string()]).collect()),
            HashMap::new(),
        )),
        "KILL" => Ok(Executed::Empty),
        "INSERT" | "CREATE" | "DROP" | "ALTER" | "UPDATE" | "DELETE" | "TRUNCATE" | "SET" | "GRANT" | "USE" | "ADMIN" => Err((
            StatusCode::BAD_REQUEST,
            "/api/v2/<catalog_name>/<database_name>/query only support SELECT, SHOW, EXPLAIN, DESC, KILL statement".into(),
        )),
        _ => Err(internal(format!(
            "Getting syntax error at line 1, column 0. Detail message: Unexpected input '{}', the most similar input is {{'SELECT', 'SHOW', 'DESC', 'EXPLAIN', 'KILL'}}.",
            words.first().map(|w| w.to_lowercase()).unwrap_or_default()
        ))),
    }
}

fn meta_type(col: &Column, decl: &HashMap<String, String>) -> String {
    decl.get(&col.name.to_lowercase())
        .cloned()
        .unwrap_or_else(|| Dialect::StarRocks.type_name(col.ty).to_string())
}

async fn execute(
    FeUser { ctx, caller, .. }: FeUser,
    catalog: String,
    db: Option<String>,
    body: Bytes,
) -> Response {
    if catalog != "default_catalog" {
        return fail(
            StatusCode::BAD_REQUEST,
            "only support default_catalog right now",
        );
    }
    let now = ctx.shared.clock.now_ms();
    let t = ctx.shared.clock.elapsed_secs();
    let mut c = lock(&ctx.cluster);
    let db = db.unwrap_or_default();
    if !db.is_empty() && c.db(&db).is_none() {
        return fail(StatusCode::FORBIDDEN, "set catalog or db failed");
    }
    let text = String::from_utf8_lossy(&body).to_string();
    let Ok(req) = serde_json::from_str::<Json>(&text) else {
        return fail(
            StatusCode::BAD_REQUEST,
            &format!("malformed json [ {text} ]"),
        );
    };
    let query = req
        .get("query")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .trim()
        .to_string();
    if query.is_empty() {
        return fail(StatusCode::BAD_REQUEST, "\"query can not be empty\"");
    }
    let statements = query.split(';').filter(|s| !s.trim().is_empty()).count();
    if statements > 1 {
        return fail(
            StatusCode::BAD_REQUEST,
            "/api/v2/<catalog_name>/<database_name>/query does not support execute multiple query",
        );
    }
    let sql = query.trim_end_matches(';').to_string();
    let conn = c.next_conn;
    c.next_conn += 1;
    let result = run(&c, &db, &sql, now, t);
    let qid = c.rng.uuid();
    let (state, returned) = match &result {
        Ok(Executed::Rows(tb, _)) => ("FINISHED", tb.rows.len() as i64),
        Ok(Executed::Empty) => ("FINISHED", 0),
        Err(_) => ("FAILED", 0),
    };
    c.queries.push(QueryRecord {
        event_time_ns: now * 1_000_000 + 1,
        query_id: qid,
        start_ms: now,
        latency_ms: 3,
        state: state.into(),
        database: db.clone(),
        sql: sql.clone(),
        user: caller.user,
        scan_rows: returned,
        return_rows: returned,
        conn_id: conn,
    });
    match result {
        Err((status, msg)) => fail(status, &msg),
        Ok(Executed::Empty) => raw(StatusCode::OK, NDJSON, ""),
        Ok(Executed::Rows(table, decl)) => {
            let disable_conn = req
                .get("disablePrintConnectionId")
                .and_then(Json::as_bool)
                .unwrap_or(false);
            let mut out = String::new();
            if !disable_conn {
                out.push_str(&json!({"connectionId": conn}).to_string());
                out.push('\n');
            }
            let meta: Vec<Json> = table
                .columns
                .iter()
                .map(|col| json!({"name": col.name, "type": meta_type(col, &decl)}))
                .collect();
            out.push_str(&json!({"meta": meta}).to_string());
            out.push('\n');
            for row in &table.rows {
                out.push_str(
                    &json!({"data": row.iter().map(Value::to_json).collect::<Vec<_>>()})
                        .to_string(),
                );
                out.push('\n');
            }
            out.push_str(&json!({"statistics": {"scanRows": returned, "scanBytes": returned * 64, "returnRows": returned}}).to_string());
            out.push('\n');
            raw(StatusCode::OK, NDJSON, out)
        }
    }
}

/// `POST /api/v2/{catalog}/{db}/sql` with `{"query": ".."}`.
pub async fn execute_sql(
    Path((catalog, db)): Path<(String, String)>,
    req: FeUser,
    body: Bytes,
) -> Response {
    execute(req, catalog, Some(db), body).await
}

/// `POST /api/v2/{catalog}/sql` (no current database).
pub async fn execute_sql_no_db(Path(catalog): Path<String>, req: FeUser, body: Bytes) -> Response {
    execute(req, catalog, None, body).await
}

/// `GET /api/query_detail?event_time=NS`: queries finished after the given event time.
pub async fn query_detail(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let Some(since) = p.int("event_time") else {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "not valid parameter",
        );
    };
    let c = lock(&ctx.cluster);
    let list: Vec<Json> = c
        .queries
        .iter()
        .filter(|r| r.event_time_ns > since)
        .map(|r| {
            json!({
                "eventTime": r.event_time_ns, "queryId": r.query_id, "isQuery": true, "remoteIP": "127.0.0.1",
                "connId": r.conn_id, "startTime": r.start_ms, "endTime": r.start_ms + r.latency_ms, "latency": r.latency_ms,
                "state": r.state, "database": r.database, "sql": r.sql, "user": r.user, "resourceGroupName": "default_wg",
                "scanRows": r.scan_rows, "scanBytes": r.scan_rows * 41, "returnRows": r.return_rows,
                "cpuCostNs": r.latency_ms * 400_000, "memCostBytes": 2_097_152, "spillBytes": 0,
                "warehouse": "default_warehouse", "digest": "", "catalog": "default_catalog",
            })
        })
        .collect();
    jackson(&list)
}

/// `GET /api/profile?query_id=..`: the query profile as text.
pub async fn profile(FeUser { ctx, params: p, .. }: FeUser) -> Response {
    let Some(id) = p.get_nonempty("query_id") else {
        return raw(
            StatusCode::BAD_REQUEST,
            FE_DEFAULT_CT,
            "not valid parameter",
        );
    };
    let c = lock(&ctx.cluster);
    match c.queries.iter().find(|r| r.query_id == id) {
        Some(r) => raw(
            StatusCode::OK,
            FE_DEFAULT_CT,
            format!(
                "Query:\n  Summary:\n     - Query ID: {}\n     - Start Time: {}\n     - End Time: {}\n     - Total: {}ms\n     - Query Type: Query\n     - Query State: {}\n     - StarRocks Version: {}\n     - User: {}\n     - Default Db: {}\n     - Sql Statement: {}\n  Planner:\n     - Total: 1ms\n  Execution:\n     - Topology: {{\"rootId\":1,\"nodes\":[{{\"id\":1,\"name\":\"EXCHANGE\"}}]}}\n     - QueryCumulativeCpuTime: {}ms\n     - QueryPeakMemoryUsage: 2.000 MB\n{}",
                r.query_id, sr_datetime(r.start_ms), sr_datetime(r.start_ms + r.latency_ms), r.latency_ms, r.state, super::state::VERSION, r.user, r.database, r.sql, r.latency_ms / 2, fragments(r)
            ),
        ),
        None => raw(StatusCode::NOT_FOUND, FE_DEFAULT_CT, format!("query id {id} not found.")),
    }
}

/// A time as the profile prints it (`1s234ms`, `12.500ms`, `345.120us`).
fn profile_time(us: i64) -> String {
    match us {
        0..=999 => format!("{us}.120us"),
        1_000..=999_999 => format!("{}.{:03}ms", us / 1_000, us % 1_000),
        _ => format!("{}s{}ms", us / 1_000_000, us % 1_000_000 / 1_000),
    }
}

/// The fragments, pipelines and operators of a query's profile, their `OperatorTotalTime`
/// shares of the latency varying from query to query (the scan is not always the slowest).
fn fragments(r: &QueryRecord) -> String {
    let total = r.latency_ms.max(1) * 1_000;
    let w_scan = 20 + r.scan_rows % 60;
    let w_agg = 10 + r.return_rows % 70;
    let w_xchg = 5 + (r.scan_rows / 7) % 30;
    let sum = w_scan + w_agg + w_xchg + 1;
    let t = |w: i64| profile_time(total * w / sum);
    let op = |name: &str, time: String, extra: &str| {
        format!("        {name}:\n          CommonMetrics:\n             - OperatorTotalTime: {time}\n             - PushChunkNum: 4\n          UniqueMetrics:\n{extra}")
    };
    let mut out = String::new();
    out.push_str("    Fragment 0:\n       - BackendNum: 1\n       - InstanceNum: 1\n      Pipeline (id=0):\n         - DegreeOfParallelism: 1\n");
    out.push_str(&op(
        "RESULT_SINK",
        t(1),
        "             - AppendChunkTime: 3.210us\n",
    ));
    out.push_str(&op(
        "EXCHANGE_SOURCE (plan_node_id=3)",
        t(w_xchg / 2),
        "             - BytesReceived: 1.200 KB\n",
    ));
    out.push_str("    Fragment 1:\n       - BackendNum: 3\n       - InstanceNum: 3\n      Pipeline (id=2):\n         - DegreeOfParallelism: 8\n");
    out.push_str(&op(
        "EXCHANGE_SINK (plan_node_id=3)",
        t(w_xchg - w_xchg / 2),
        "             - BytesSent: 1.200 KB\n",
    ));
    out.push_str(&op(
        "AGGREGATE_BLOCKING_SOURCE (plan_node_id=2)",
        t(w_agg / 3),
        "",
    ));
    out.push_str("      Pipeline (id=1):\n         - DegreeOfParallelism: 8\n");
    out.push_str(&op(
        "AGGREGATE_BLOCKING_SINK (plan_node_id=2)",
        t(w_agg - w_agg / 3),
        "             - HashTableSize: 12\n",
    ));
    out.push_str(&op(
        "OLAP_SCAN (plan_node_id=0)",
        t(w_scan),
        &format!(
            "             - Table: {}\n             - RawRowsRead: {}\n",
            r.sql
                .split(" from ")
                .nth(1)
                .and_then(|x| x.split_whitespace().next())
                .unwrap_or("t"),
            r.scan_rows
        ),
    ));
    out
}
