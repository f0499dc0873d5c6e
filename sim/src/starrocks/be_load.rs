//! BE side of loading: stream load bodies (CSV/JSON), the transaction interface and error logs.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;
use serde_json::{json, Value as Json};

use super::respond::{be_json, be_text, BE_DEFAULT_CT};
use super::state::{LoadLabel, SrCluster, SrTable};
use super::SrCtx;
use crate::http_util::{basic_auth, header_str, lock, raw, Params};
use crate::sqlmini::{ColType, Value};

/// Rows accepted from a load body, plus what was rejected.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Rows that fit the table.
    pub good: Vec<Vec<Value>>,
    /// Rows read in total.
    pub total: u64,
    /// One message per rejected row.
    pub errors: Vec<String>,
}

fn unescape_sep(s: &str) -> String {
    if let Some(hex) = s.strip_prefix("\\x") {
        if let Ok(b) = u8::from_str_radix(hex, 16) {
            return (b as char).to_string();
        }
    }
    match s {
        "\\t" => "\t".into(),
        "\\n" => "\n".into(),
        _ => s.to_string(),
    }
}

fn convert(text: Option<&str>, ty: ColType, column: &str) -> Result<Value, String> {
    let Some(t) = text else {
        return Ok(Value::Null);
    };
    match ty {
        ColType::Int => {
            t.trim().parse::<i64>().map(Value::Int).map_err(|_| {
                format!("Value '{t}' is out of range or invalid for column '{column}'")
            })
        }
        ColType::Float => t
            .trim()
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| format!("Value '{t}' is invalid for decimal column '{column}'")),
        ColType::Bool => Ok(Value::Bool(t == "1" || t.eq_ignore_ascii_case("true"))),
        _ => Ok(Value::Str(t.to_string())),
    }
}

/// Parses a load body for `table` according to the load headers (`format`, `columns`,
/// `column_separator`, `row_delimiter`, `skip_header`, `strip_outer_array`).
pub fn parse_rows(table: &SrTable, headers: &HeaderMap, body: &[u8]) -> Result<Parsed, String> {
    let text = String::from_utf8_lossy(body);
    let targets: Vec<usize> = match header_str(headers, "columns") {
        Some(list) => {
            let mut idx = Vec::new();
            for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match table.columns.iter().position(|c| c.name == name) {
                    Some(i) => idx.push(i),
                    None => return Err(format!("Unknown column '{name}' in '{}'", table.name)),
                }
            }
            idx
        }
        None => (0..table.columns.len()).collect(),
    };
    let mut out = Parsed::default();
    let format = header_str(headers, "format")
        .unwrap_or("csv")
        .to_ascii_lowercase();
    if format == "json" {
        let doc: Json =
            serde_json::from_str(text.trim()).map_err(|e| format!("JSON data is invalid: {e}"))?;
        let strip = header_str(headers, "strip_outer_array")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let objects: Vec<Json> = match doc {
            Json::Array(items) if strip => items,
            Json::Array(_) => {
                return Err("JSON data is an array, strip_outer_array must be set true".into())
            }
            other => vec![other],
        };
        for obj in objects {
            out.total += 1;
            let mut row = vec![Value::Null; table.columns.len()];
            let mut bad = None;
            for &i in &targets {
                let col = &table.columns[i];
                let v = obj.get(&col.name);
                let text = v.and_then(|v| match v {
                    Json::Null => None,
                    Json::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                });
                match convert(text.as_deref(), col.ty, &col.name) {
                    Ok(val) => row[i] = val,
                    Err(e) => bad = Some(e),
                }
            }
            match bad {
                Some(e) => out.errors.push(format!("Error: {e}. Row: {obj}")),
                None => out.good.push(row),
            }
        }
        return Ok(out);
    }
    let sep = unescape_sep(header_str(headers, "column_separator").unwrap_or("\t"));
    let delim = unescape_sep(header_str(headers, "row_delimiter").unwrap_or("\n"));
    let skip: usize = header_str(headers, "skip_header")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for line in text.split(delim.as_str()).skip(skip) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        out.total += 1;
        let fields: Vec<&str> = line.split(sep.as_str()).collect();
        if fields.len() != targets.len() {
            out.errors.push(format!(
                "Error: Value count does not match column count. Expect {}, but got {}. Row: {line}",
                targets.len(),
                fields.len()
            ));
            continue;
        }
        let mut row = vec![Value::Null; table.columns.len()];
        let mut bad = None;
        for (f, &i) in fields.iter().zip(&targets) {
            let col = &table.columns[i];
            let v = if *f == "\\N" { None } else { Some(*f) };
            match convert(v, col.ty, &col.name) {
                Ok(val) => row[i] = val,
                Err(e) => bad = Some(e),
            }
        }
        match bad {
            Some(e) => out.errors.push(format!("Error: {e}. Row: {line}")),
            None => out.good.push(row),
        }
    }
    Ok(out)
}

/// The stream load result in the BE's field order.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StreamLoadResult {
    txn_id: i64,
    label: String,
    status: String,
    message: String,
    number_total_rows: u64,
    number_loaded_rows: u64,
    number_filtered_rows: u64,
    number_unselected_rows: u64,
    load_bytes: u64,
    load_time_ms: u64,
    begin_txn_time_ms: u64,
    stream_load_plan_time_ms: u64,
    read_data_time_ms: u64,
    write_data_time_ms: u64,
    commit_and_publish_time_ms: u64,
    #[serde(rename = "ErrorURL", skip_serializing_if = "Option::is_none")]
    error_url: Option<String>,
    #[serde(rename = "ExistingJobStatus", skip_serializing_if = "Option::is_none")]
    existing_job_status: Option<String>,
}

impl StreamLoadResult {
    fn failed(txn_id: i64, label: &str, message: &str) -> StreamLoadResult {
        StreamLoadResult {
            txn_id,
            label: label.into(),
            status: "Fail".into(),
            message: message.into(),
            number_total_rows: 0,
            number_loaded_rows: 0,
            number_filtered_rows: 0,
            number_unselected_rows: 0,
            load_bytes: 0,
            load_time_ms: 0,
            begin_txn_time_ms: 0,
            stream_load_plan_time_ms: 0,
            read_data_time_ms: 0,
            write_data_time_ms: 0,
            commit_and_publish_time_ms: 0,
            error_url: None,
            existing_job_status: None,
        }
    }
}

fn check_auth(c: &SrCluster, headers: &HeaderMap) -> Result<(), String> {
    match basic_auth(headers) {
        None => Err("no valid Basic authorization".into()),
        Some((u, p)) if c.authenticate(&u, &p).is_some() => Ok(()),
        Some((u, _)) => Err(format!("Access denied for user '{u}'@'%'")),
    }
}

fn error_url(c: &mut SrCluster, node: usize, errors: &[String]) -> String {
    let name = format!("error_log_{}_{}", c.rng.hex(16), c.rng.hex(16));
    c.error_logs.insert(name.clone(), errors.join("\n") + "\n");
    let n = &c.nodes[node];
    format!(
        "http://{}:{}/api/_load_error_log?file={name}",
        n.host, n.http_port
    )
}

/// Stream load bodies up to this size are parsed into rows; larger ones are counted only.
const KEEP_BYTES: usize = 64 << 20;

/// `PUT /api/{db}/{table}/_stream_load` on a BE: loads the body and answers the result JSON
/// (HTTP 200 whether it worked or not).
pub async fn stream_load(
    State(ctx): State<SrCtx>,
    Path((db, table)): Path<(String, String)>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let node = ctx.node_index();
    let Some(received) = ctx.shared.uploads.read(body, KEEP_BYTES).await else {
        return be_json(&StreamLoadResult::failed(
            -1,
            "",
            "the client closed the connection before the body ended",
        ));
    };
    let body = received.kept;
    let mut c = lock(&ctx.cluster);
    let label = header_str(&headers, "label")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| c.rng.uuid());
    if let Err(msg) = check_auth(&c, &headers) {
        return be_json(&StreamLoadResult::failed(-1, &label, &msg));
    }
    if let Some(existing) = c.labels.get(&(db.clone(), label.clone())) {
        let mut r = StreamLoadResult::failed(
            0,
            &label,
            &format!("Label [{label}] has already been used."),
        );
        r.status = "Label Already Exists".into();
        r.existing_job_status = Some(if existing.state == "VISIBLE" {
            "FINISHED".into()
        } else {
            "RUNNING".into()
        });
        return be_json(&r);
    }
    let txn_id = c.next_txn;
    c.next_txn += 1;
    let Some(t) = c.table(&db, &table).cloned() else {
        let msg = if c.db(&db).is_none() {
            format!("unknown database, database={db}")
        } else {
            format!("unknown table, tbl={table}")
        };
        return be_json(&StreamLoadResult::failed(txn_id, &label, &msg));
    };
    if received.total > body.len() as u64 {
        // Larger than the simulator keeps: its lines are counted as loaded rows, not stored.
        let mut r = StreamLoadResult::failed(txn_id, &label, "OK");
        r.status = "Success".into();
        r.number_total_rows = received.lines;
        r.number_loaded_rows = received.lines;
        r.load_bytes = received.total;
        r.load_time_ms = 12 + received.lines / 500;
        c.nodes[node].loaded_rows += received.lines;
        c.nodes[node].loaded_bytes += received.total;
        return be_json(&r);
    }
    let parsed = match parse_rows(&t, &headers, &body) {
        Ok(p) => p,
        Err(msg) => return be_json(&StreamLoadResult::failed(txn_id, &label, &msg)),
    };
    let ratio: f64 = header_str(&headers, "max_filter_ratio")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    let filtered = parsed.errors.len() as u64;
    let loaded = parsed.good.len() as u64;
    let too_many = parsed.total > 0 && filtered as f64 / parsed.total as f64 > ratio;
    let url = (filtered > 0).then(|| error_url(&mut c, node, &parsed.errors));
    let mut r = StreamLoadResult::failed(txn_id, &label, "");
    r.number_total_rows = parsed.total;
    r.number_loaded_rows = loaded;
    r.number_filtered_rows = filtered;
    r.load_bytes = body.len() as u64;
    r.load_time_ms = 12 + parsed.total / 500;
    r.stream_load_plan_time_ms = 1;
    r.write_data_time_ms = 3 + parsed.total / 2000;
    r.commit_and_publish_time_ms = 16;
    r.error_url = url;
    if too_many || parsed.total == 0 {
        r.message = if parsed.total == 0 {
            "The size of this load is 0".into()
        } else {
            "too many filtered rows".into()
        };
        let mut l = aborted(&t.name, txn_id, &r.message, node, ctx.shared.clock.now_ms());
        l.db = db.clone();
        c.labels.insert((db, label), l);
        return be_json(&r);
    }
    r.status = "Success".into();
    r.message = "OK".into();
    if let Some(tm) = c.table_mut(&db, &table) {
        tm.rows.extend(parsed.good);
    }
    c.nodes[node].loaded_rows += loaded;
    c.nodes[node].loaded_bytes += body.len() as u64;
    let now = ctx.shared.clock.now_ms();
    c.labels.insert(
        (db.clone(), label),
        LoadLabel {
            table,
            txn_id,
            state: "VISIBLE".into(),
            reason: String::new(),
            pending_rows: vec![],
            pending_total: 0,
            pending_bytes: 0,
            be: node,
            created_ms: now,
            is_txn: false,
            db,
        },
    );
    be_json(&r)
}

fn aborted(table: &str, txn_id: i64, reason: &str, be: usize, now: i64) -> LoadLabel {
    LoadLabel {
        db: String::new(),
        table: table.into(),
        txn_id,
        state: "ABORTED".into(),
        reason: reason.into(),
        pending_rows: vec![],
        pending_total: 0,
        pending_bytes: 0,
        be,
        created_ms: now,
        is_txn: false,
    }
}

/// `POST|PUT /api/transaction/{begin,load,prepare,commit,rollback}` on a BE.
pub async fn transaction(
    State(ctx): State<SrCtx>,
    Path(op): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let node = ctx.node_index();
    let now = ctx.shared.clock.now_ms();
    let mut c = lock(&ctx.cluster);
    let label = header_str(&headers, "label")
        .unwrap_or_default()
        .to_string();
    let db = header_str(&headers, "db").unwrap_or_default().to_string();
    let table = header_str(&headers, "table")
        .unwrap_or_default()
        .to_string();
    let fail = |msg: &str| be_json(&json!({"Status": "FAILED", "Message": msg}));
    if let Err(msg) = check_auth(&c, &headers) {
        return fail(&msg);
    }
    if label.is_empty() {
        return fail("empty label");
    }
    if db.is_empty() {
        return fail("No database selected.");
    }
    let key = (db.clone(), label.clone());
    match op.as_str() {
        "begin" => {
            if let Some(l) = c.labels.get(&key) {
                let status = if l.state == "VISIBLE" {
                    "FINISHED"
                } else {
                    "RUNNING"
                };
                return be_json(
                    &json!({"Status": "LABEL_ALREADY_EXISTS", "ExistingJobStatus": status, "Message": format!("Label [{label}] has already been used.")}),
                );
            }
            if c.table(&db, &table).is_none() {
                return fail(&format!("unknown table, tbl={table}"));
            }
            let txn_id = c.next_txn;
            c.next_txn += 1;
            c.labels.insert(
                key,
                LoadLabel {
                    db: db.clone(),
                    table,
                    txn_id,
                    state: "PREPARE".into(),
                    reason: String::new(),
                    pending_rows: vec![],
                    pending_total: 0,
                    pending_bytes: 0,
                    be: node,
                    created_ms: now,
                    is_txn: true,
                },
            );
            be_json(
                &json!({"Status": "OK", "Message": "", "Label": label, "TxnId": txn_id, "BeginTxnTimeMs": 0}),
            )
        }
        "load" | "prepare" | "commit" | "rollback" => {
            let Some(l) = c.labels.get(&key).cloned().filter(|l| l.is_txn) else {
                return be_json(
                    &json!({"TxnId": -1, "Label": label, "Status": "FAILED", "Message": "TXN_NOT_EXISTS"}),
                );
            };
            let open =
                l.state == "PREPARE" || (l.state == "PREPARED" && op != "load" && op != "prepare");
            if !open {
                return be_json(
                    &json!({"TxnId": l.txn_id, "Label": label, "Status": "FAILED", "Message": format!("Transaction {} is already {}", l.txn_id, l.state)}),
                );
            }
            match op.as_str() {
                "load" => {
                    let Some(t) = c.table(&db, &l.table).cloned() else {
                        return fail(&format!("unknown table, tbl={}", l.table));
                    };
                    let parsed = match parse_rows(&t, &headers, &body) {
                        Ok(p) => p,
                        Err(msg) => return fail(&msg),
                    };
                    if let Some(lm) = c.labels.get_mut(&key) {
                        lm.pending_total += parsed.total;
                        lm.pending_bytes += body.len() as u64;
                        lm.pending_rows.extend(parsed.good);
                    }
                    be_json(
                        &json!({"Status": "OK", "Message": "", "Label": label, "TxnId": l.txn_id, "LoadBytes": body.len(), "StreamLoadPlanTimeMs": 1, "ReceivedDataTimeMs": 2}),
                    )
                }
                "rollback" => {
                    if let Some(lm) = c.labels.get_mut(&key) {
                        lm.state = "ABORTED".into();
                        lm.reason = "user rollback".into();
                        lm.pending_rows.clear();
                    }
                    be_json(
                        &json!({"TxnId": l.txn_id, "Label": label, "Status": "OK", "Message": ""}),
                    )
                }
                _ => {
                    let loaded = l.pending_rows.len() as u64;
                    let commit = op == "commit";
                    if commit {
                        if let Some(t) = c.table_mut(&db, &l.table) {
                            t.rows.extend(l.pending_rows.iter().cloned());
                        }
                        c.nodes[l.be].loaded_rows += loaded;
                        c.nodes[l.be].loaded_bytes += l.pending_bytes;
                    }
                    if let Some(lm) = c.labels.get_mut(&key) {
                        lm.state = if commit {
                            "VISIBLE".into()
                        } else {
                            "PREPARED".into()
                        };
                        if commit {
                            lm.pending_rows.clear();
                        }
                    }
                    be_json(&json!({
                        "Status": "OK", "Message": "", "Label": label, "TxnId": l.txn_id,
                        "NumberTotalRows": l.pending_total, "NumberLoadedRows": loaded,
                        "NumberFilteredRows": l.pending_total.saturating_sub(loaded), "NumberUnselectedRows": 0,
                        "LoadBytes": l.pending_bytes, "LoadTimeMs": 20, "StreamLoadPlanTimeMs": 1,
                        "ReceivedDataTimeMs": 2, "WriteDataTimeMs": 5, "CommitAndPublishTimeMs": if commit { 16 } else { 0 },
                    }))
                }
            }
        }
        other => fail(&format!("Unsupported operation {other}")),
    }
}

/// `GET /api/_load_error_log?file=..`: the rejected rows of a load.
pub async fn error_log(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let c = lock(&ctx.cluster);
    match p.get("file").and_then(|f| c.error_logs.get(f)) {
        Some(text) => be_text(text.clone()),
        None => raw(StatusCode::NOT_FOUND, BE_DEFAULT_CT, "file not found"),
    }
}
