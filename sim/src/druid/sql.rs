//! `POST /druid/v2/sql`: SELECTs over `sys.*`, `INFORMATION_SCHEMA.*` and datasources, in the
//! `object`, `array`, `objectLines`, `arrayLines` and `csv` result formats.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value as Json};

use super::common::druid_exception;
use super::coordinator_segment_json;
use super::overlord_task_json;
use super::rows;
use super::state::DruidState;
use super::DruidCtx;
use crate::http_util::{raw, with_header};
use crate::sqlmini::{
    self, Catalog, ColType, Column, Dialect, SqlError, SqlErrorKind, Table, Value,
};
use crate::timefmt::{iso_millis, push_int, push_iso_millis};

struct DruidCatalog<'a> {
    st: &'a DruidState,
    now: i64,
    ports: Vec<(&'static str, &'static str, u16, bool)>,
}

fn col(name: &str, ty: ColType) -> Column {
    Column::new(name, ty)
}

impl DruidCatalog<'_> {
    fn segments(&self) -> Table {
        let mut t = Table::new(vec![
            col("segment_id", ColType::Text),
            col("datasource", ColType::Text),
            col("start", ColType::Text),
            col("end", ColType::Text),
            col("size", ColType::Int),
            col("version", ColType::Text),
            col("partition_num", ColType::Int),
            col("num_replicas", ColType::Int),
            col("num_rows", ColType::Int),
            col("is_active", ColType::Int),
            col("is_published", ColType::Int),
            col("is_available", ColType::Int),
            col("is_realtime", ColType::Int),
            col("is_overshadowed", ColType::Int),
            col("shard_spec", ColType::Text),
            col("dimensions", ColType::Text),
            col("metrics", ColType::Text),
            col("last_compaction_state", ColType::Text),
            col("replication_factor", ColType::Int),
        ]);
        for d in &self.st.datasources {
            // Per datasource: the texts every segment repeats.
            let list = |items: &[String]| {
                Value::from(format!(
                    "[{}]",
                    items
                        .iter()
                        .map(|x| Json::from(x.as_str()).to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                ))
            };
            let (dimensions, metrics) = (list(&d.dimensions), list(&d.metrics));
            let mut compaction = None;
            for s in d.segments.iter().filter(|s| s.used || s.realtime) {
                let avail = s.available(self.now) as i64;
                let (mut start, mut end) = (String::new(), String::new());
                push_iso_millis(&mut start, s.start);
                push_iso_millis(&mut end, s.end);
                let mut id = String::with_capacity(d.name.len() + s.version.len() + 56);
                for (i, part) in [d.name.as_str(), &start, &end, &s.version]
                    .iter()
                    .enumerate()
                {
                    if i > 0 {
                        id.push('_');
                    }
                    id.push_str(part);
                }
                if s.partition > 0 {
                    id.push('_');
                    push_int(&mut id, s.partition as i64);
                }
                let mut shard = String::from("{\"type\":\"numbered\",\"partitionNum\":");
                push_int(&mut shard, s.partition as i64);
                shard.push_str(",\"partitions\":");
                push_int(&mut shard, s.partitions as i64);
                shard.push('}');
                let last_compaction = if s.compacted {
                    compaction
                        .get_or_insert_with(|| {
                            Value::from(
                                coordinator_segment_json(s, d)["lastCompactionState"].to_string(),
                            )
                        })
                        .clone()
                } else {
                    Value::Null
                };
                t.rows.push(vec![
                    Value::Str(id),
                    Value::from(d.name.clone()),
                    Value::Str(start),
                    Value::Str(end),
                    Value::Int(s.size),
                    Value::from(s.version.clone()),
                    Value::Int(s.partition as i64),
                    Value::Int(avail),
                    Value::Int(s.num_rows),
                    Value::Int((!s.overshadowed) as i64),
                    Value::Int((!s.realtime) as i64),
                    Value::Int(avail),
                    Value::Int(s.realtime as i64),
                    Value::Int(s.overshadowed as i64),
                    Value::Str(shard),
                    dimensions.clone(),
                    metrics.clone(),
                    last_compaction,
                    Value::Int(if s.overshadowed { 0 } else { 1 }),
                ]);
            }
        }
        t
    }

    fn servers(&self) -> Table {
        let mut t = Table::new(vec![
            col("server", ColType::Text),
            col("host", ColType::Text),
            col("plaintext_port", ColType::Int),
            col("tls_port", ColType::Int),
            col("server_type", ColType::Text),
            col("tier", ColType::Text),
            col("curr_size", ColType::Int),
            col("max_size", ColType::Int),
            col("is_leader", ColType::Int),
            col("start_time", ColType::Text),
        ]);
        let used: i64 = self
            .st
            .datasources
            .iter()
            .flat_map(|d| &d.segments)
            .filter(|s| s.available(self.now))
            .map(|s| s.size)
            .sum();
        for (kind, _, port, leader) in &self.ports {
            let historical = *kind == "historical";
            t.rows.push(vec![
                Value::from(format!("{}:{port}", self.st.host)),
                Value::from(self.st.host.clone()),
                Value::Int(*port as i64),
                Value::Int(-1),
                Value::from(*kind),
                if historical {
                    Value::from("_default_tier")
                } else {
                    Value::Null
                },
                if historical {
                    Value::Int(used)
                } else {
                    Value::Null
                },
                if historical {
                    Value::Int(300_000_000_000)
                } else {
                    Value::Null
                },
                if ["coordinator", "overlord"].contains(kind) {
                    Value::Int(*leader as i64)
                } else {
                    Value::Null
                },
                Value::from(iso_millis(self.st.start_ms - 3 * 86_400_000)),
            ]);
        }
        t
    }

    fn tasks(&self) -> Table {
        let mut t = Table::new(vec![
            col("task_id", ColType::Text),
            col("group_id", ColType::Text),
            col("type", ColType::Text),
            col("datasource", ColType::Text),
            col("created_time", ColType::Text),
            col("queue_insertion_time", ColType::Text),
            col("status", ColType::Text),
            col("runner_status", ColType::Text),
            col("duration", ColType::Int),
            col("location", ColType::Text),
            col("host", ColType::Text),
            col("plaintext_port", ColType::Int),
            col("tls_port", ColType::Int),
            col("error_msg", ColType::Text),
        ]);
        for task in &self.st.tasks {
            let j = overlord_task_json(task);
            let loc = &j["location"];
            t.rows.push(vec![
                Value::from(task.id.clone()),
                Value::from(task.group_id.clone()),
                Value::from(task.kind.clone()),
                Value::from(task.datasource.clone()),
                Value::from(iso_millis(task.created)),
                Value::from(j["queueInsertionTime"].as_str().unwrap_or_default()),
                Value::from(task.status.name()),
                Value::from(task.runner.name()),
                Value::Int(task.duration),
                Value::from(loc.to_string()),
                Value::from_json(&loc["host"]),
                Value::from_json(&loc["port"]),
                Value::Int(-1),
                task.error.clone().map(Value::from).unwrap_or(Value::Null),
            ]);
        }
        t
    }

    fn supervisors(&self) -> Table {
        let mut t = Table::new(vec![
            col("supervisor_id", ColType::Text),
            col("state", ColType::Text),
            col("detailed_state", ColType::Text),
            col("healthy", ColType::Int),
            col("type", ColType::Text),
            col("source", ColType::Text),
            col("suspended", ColType::Int),
            col("spec", ColType::Text),
        ]);
        for s in self.st.supervisors.iter().filter(|s| !s.terminated) {
            t.rows.push(vec![
                Value::from(s.id.clone()),
                Value::from(s.state.clone()),
                Value::from(s.detailed_state.clone()),
                Value::Int(s.healthy as i64),
                Value::from(s.kind.clone()),
                Value::from(s.stream.clone()),
                Value::Int(s.suspended as i64),
                Value::from(s.spec.to_string()),
            ]);
        }
        t
    }

    fn server_segments(&self) -> Table {
        let mut t = Table::new(vec![
            col("server", ColType::Text),
            col("segment_id", ColType::Text),
        ]);
        let host = self.st.historical();
        for s in self
            .st
            .datasources
            .iter()
            .flat_map(|d| &d.segments)
            .filter(|s| s.available(self.now))
        {
            t.rows
                .push(vec![Value::from(host.clone()), Value::from(s.id())]);
        }
        t
    }

    fn info_tables(&self) -> Table {
        let mut t = Table::new(vec![
            col("TABLE_CATALOG", ColType::Text),
            col("TABLE_SCHEMA", ColType::Text),
            col("TABLE_NAME", ColType::Text),
            col("TABLE_TYPE", ColType::Text),
            col("IS_JOINABLE", ColType::Text),
            col("IS_BROADCAST", ColType::Text),
        ]);
        for d in self
            .st
            .datasources
            .iter()
            .filter(|d| d.segments.iter().any(|s| s.available(self.now)))
        {
            t.rows.push(vec![
                Value::from("druid"),
                Value::from("druid"),
                Value::from(d.name.clone()),
                Value::from("TABLE"),
                Value::from("NO"),
                Value::from("NO"),
            ]);
        }
        for name in [
            "segments",
            "server_segments",
            "servers",
            "supervisors",
            "tasks",
        ] {
            t.rows.push(vec![
                Value::from("druid"),
                Value::from("sys"),
                Value::from(name),
                Value::from("SYSTEM_TABLE"),
                Value::from("NO"),
                Value::from("NO"),
            ]);
        }
        for name in ["COLUMNS", "SCHEMATA", "TABLES"] {
            t.rows.push(vec![
                Value::from("druid"),
                Value::from("INFORMATION_SCHEMA"),
                Value::from(name),
                Value::from("SYSTEM_TABLE"),
                Value::from("NO"),
                Value::from("NO"),
            ]);
        }
        t
    }

    fn info_columns(&self) -> Table {
        let mut t = Table::new(vec![
            col("TABLE_CATALOG", ColType::Text),
            col("TABLE_SCHEMA", ColType::Text),
            col("TABLE_NAME", ColType::Text),
            col("COLUMN_NAME", ColType::Text),
            col("ORDINAL_POSITION", ColType::Int),
            col("IS_NULLABLE", ColType::Text),
            col("DATA_TYPE", ColType::Text),
        ]);
        for d in self
            .st
            .datasources
            .iter()
            .filter(|d| d.segments.iter().any(|s| s.available(self.now)))
        {
            let names = std::iter::once("__time".to_string())
                .chain(d.dimensions.iter().cloned())
                .chain(d.metrics.iter().cloned());
            for (i, c) in names.enumerate() {
                let ty = rows::column_type(d, &c);
                t.rows.push(vec![
                    Value::from("druid"),
                    Value::from("druid"),
                    Value::from(d.name.clone()),
                    Value::from(c),
                    Value::Int(i as i64 + 1),
                    Value::from(if ty == ColType::Text { "YES" } else { "NO" }),
                    Value::from(Dialect::Druid.type_name(ty)),
                ]);
            }
        }
        t
    }
}

impl Catalog for DruidCatalog<'_> {
    fn table(&self, parts: &[String]) -> Option<Table> {
        let (schema, name) = match parts {
            [n] => ("druid".to_string(), n.clone()),
            [s, n] => (s.clone(), n.clone()),
            _ => return None,
        };
        match (schema.to_lowercase().as_str(), name.to_lowercase().as_str()) {
            ("sys", "segments") => Some(self.segments()),
            ("sys", "servers") => Some(self.servers()),
            ("sys", "tasks") => Some(self.tasks()),
            ("sys", "supervisors") => Some(self.supervisors()),
            ("sys", "server_segments") => Some(self.server_segments()),
            ("information_schema", "tables") => Some(self.info_tables()),
            ("information_schema", "columns") => Some(self.info_columns()),
            ("information_schema", "schemata") => {
                let mut t = Table::new(vec![
                    col("CATALOG_NAME", ColType::Text),
                    col("SCHEMA_NAME", ColType::Text),
                ]);
                for s in ["druid", "sys", "INFORMATION_SCHEMA", "lookup", "view"] {
                    t.rows.push(vec![Value::from("druid"), Value::from(s)]);
                }
                Some(t)
            }
            ("druid", _) => self
                .st
                .datasource(&name)
                .filter(|d| d.segments.iter().any(|s| s.available(self.now)))
                .map(|d| rows::table(self.st, d, self.now)),
            _ => None,
        }
    }
    fn now_ms(&self) -> i64 {
        self.now
    }
    fn version(&self) -> String {
        super::common::VERSION.into()
    }
}

fn sql_error(e: &SqlError, sql: &str) -> Response {
    let ctx = json!({"sourceType": "sql", "line": e.line.to_string(), "column": e.column.to_string(), "endLine": e.line.to_string(), "endColumn": (e.column + e.near.len().saturating_sub(1)).to_string()});
    let at = format!("(line [{}], column [{}])", e.line, e.column);
    let _ = sql;
    match &e.kind {
        SqlErrorKind::Syntax => druid_exception(
            StatusCode::BAD_REQUEST,
            "invalidInput",
            "INVALID_INPUT",
            &format!("Received an unexpected token [{}] {at}, acceptable options: [\"FROM\", \"WHERE\", \"GROUP\", \"ORDER\", \"LIMIT\", <EOF>]", if e.near.is_empty() { "<EOF>" } else { &e.near }),
            ctx,
        ),
        SqlErrorKind::UnknownTable(name) => druid_exception(StatusCode::BAD_REQUEST, "invalidInput", "INVALID_INPUT", &format!("Object '{name}' not found {at}"), ctx),
        SqlErrorKind::UnknownColumn(name) => druid_exception(StatusCode::BAD_REQUEST, "invalidInput", "INVALID_INPUT", &format!("Column '{name}' not found in any table {at}"), ctx),
        SqlErrorKind::Unsupported => druid_exception(StatusCode::BAD_REQUEST, "general", "UNSUPPORTED", &e.message, json!({"sourceType": "sql"})),
    }
}

fn native_type(ty: ColType) -> &'static str {
    match ty {
        ColType::Int | ColType::Timestamp | ColType::Bool => "LONG",
        ColType::Float => "DOUBLE",
        _ => "STRING",
    }
}

fn csv_cell(v: &Value) -> String {
    let s = v.to_text().unwrap_or_default();
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Appends one value as JSON.
fn push_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => push_int(out, *i),
        Value::Str(s)
            if s.bytes()
                .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\') =>
        {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        other => out.push_str(&other.to_json().to_string()),
    }
}

/// Renders a result in one of Druid's SQL result formats.
fn render(
    t: &Table,
    format: &str,
    header: bool,
    types: bool,
    sql_types: bool,
) -> Result<(String, &'static str), String> {
    let names: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
    let header_obj = || {
        let m: Map<String, Json> = t
            .columns
            .iter()
            .map(|c| {
                let v = match (types, sql_types) {
                    (false, false) => Json::Null,
                    (true, false) => json!({"type": native_type(c.ty)}),
                    (false, true) => json!({"sqlType": Dialect::Druid.type_name(c.ty)}),
                    (true, true) => json!({"type": native_type(c.ty), "sqlType": Dialect::Druid.type_name(c.ty)}),
                };
                (c.name.clone(), v)
            })
            .collect();
        Json::Object(m)
    };
    let header_rows = || {
        let mut rows = vec![json!(names)];
        if types {
            rows.push(json!(t
                .columns
                .iter()
                .map(|c| native_type(c.ty))
                .collect::<Vec<_>>()));
        }
        if sql_types {
            rows.push(json!(t
                .columns
                .iter()
                .map(|c| Dialect::Druid.type_name(c.ty))
                .collect::<Vec<_>>()));
        }
        rows
    };
    // Rows are written straight into the answer (no JSON tree per row): sys.segments has up to
    // 200,000 of them. Object keys come in column order, as Druid writes them.
    let keys: Vec<String> = names
        .iter()
        .map(|n| format!("{}:", Json::from(n.as_str())))
        .collect();
    let obj = |out: &mut String, r: &[Value]| {
        out.push('{');
        for (i, (k, v)) in keys.iter().zip(r).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(k);
            push_value(out, v);
        }
        out.push('}');
    };
    let arr = |out: &mut String, r: &[Value]| {
        out.push('[');
        for (i, v) in r.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_value(out, v);
        }
        out.push(']');
    };
    let headers: Vec<Json> = match (format, header) {
        (_, false) => vec![],
        ("object" | "objectLines", true) => vec![header_obj()],
        (_, true) => header_rows(),
    };
    let mut out = String::with_capacity(t.rows.len() * 64 + 64);
    Ok(match format {
        "object" | "array" => {
            out.push('[');
            for (i, h) in headers.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&h.to_string());
            }
            for (i, r) in t.rows.iter().enumerate() {
                if i > 0 || !headers.is_empty() {
                    out.push(',');
                }
                if format == "object" {
                    obj(&mut out, r);
                } else {
                    arr(&mut out, r);
                }
            }
            out.push(']');
            (out, "application/json")
        }
        "objectLines" | "arrayLines" => {
            for h in &headers {
                out.push_str(&h.to_string());
                out.push('\n');
            }
            for r in &t.rows {
                if format == "objectLines" {
                    obj(&mut out, r);
                } else {
                    arr(&mut out, r);
                }
                out.push('\n');
            }
            out.push('\n');
            (out, "text/plain")
        }
        "csv" => {
            let mut out = String::new();
            if header {
                out.push_str(&names.join(","));
                out.push('\n');
                if types {
                    out.push_str(&t.columns.iter().map(|c| native_type(c.ty)).collect::<Vec<_>>().join(","));
                    out.push('\n');
                }
                if sql_types {
                    out.push_str(&t.columns.iter().map(|c| Dialect::Druid.type_name(c.ty)).collect::<Vec<_>>().join(","));
                    out.push('\n');
                }
            }
            for r in &t.rows {
                out.push_str(&r.iter().map(csv_cell).collect::<Vec<_>>().join(","));
                out.push('\n');
            }
            out.push('\n');
            (out, "text/csv")
        }
        other => return Err(format!("Unsupported resultFormat [{other}]; use one of [object, array, objectLines, arrayLines, csv]")),
    })
}

/// `POST /druid/v2/sql` with `{"query": .., "resultFormat": .., "header": .., "parameters": [..]}`.
pub async fn sql(State(ctx): State<DruidCtx>, body: Bytes) -> Response {
    let req: Json = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return druid_exception(
                StatusCode::BAD_REQUEST,
                "invalidInput",
                "INVALID_INPUT",
                &format!("Malformed SQL query wrapped in JSON: {e}"),
                json!({}),
            )
        }
    };
    let query = req
        .get("query")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .trim()
        .trim_end_matches(';')
        .to_string();
    if query.is_empty() {
        return druid_exception(
            StatusCode::BAD_REQUEST,
            "invalidInput",
            "INVALID_INPUT",
            "No query is found in the request",
            json!({}),
        );
    }
    let format = req
        .get("resultFormat")
        .and_then(Json::as_str)
        .unwrap_or("object")
        .to_string();
    let flag = |k: &str| req.get(k).and_then(Json::as_bool).unwrap_or(false);
    let params: Vec<Value> = req
        .get("parameters")
        .and_then(Json::as_array)
        .map(|a| a.iter().map(|p| Value::from_json(&p["value"])).collect())
        .unwrap_or_default();
    let plan = ctx.shared.plan;
    use crate::config::System;
    let port = |role: &str| plan.must(System::Druid, role);
    let ports = vec![
        ("coordinator", "coordinator", port("coordinator"), true),
        ("overlord", "overlord", port("overlord"), true),
        ("broker", "broker", port("broker"), false),
        ("router", "router", port("router"), false),
        ("historical", "historical", port("historical"), false),
        (
            "middle_manager",
            "middlemanager",
            port("middlemanager"),
            false,
        ),
    ];
    let query_id = {
        let (mut st, _) = ctx.state();
        st.rng.uuid()
    };
    let result = {
        let (st, now) = ctx.state();
        let catalog = DruidCatalog {
            st: &st,
            now,
            ports,
        };
        sqlmini::query(&query, &catalog, Dialect::Druid, &params)
    };
    let table = match result {
        Ok(t) => t,
        Err(e) => return with_header(sql_error(&e, &query), "x-druid-sql-query-id", &query_id),
    };
    match render(
        &table,
        &format,
        flag("header"),
        flag("typesHeader"),
        flag("sqlTypesHeader"),
    ) {
        Ok((body, ct)) => {
            let mut resp = with_header(
                raw(StatusCode::OK, ct, body),
                "x-druid-sql-query-id",
                &query_id,
            );
            if flag("header") {
                resp = with_header(resp, "x-druid-sql-header-included", "yes");
            }
            resp
        }
        Err(msg) => druid_exception(
            StatusCode::BAD_REQUEST,
            "invalidInput",
            "INVALID_INPUT",
            &msg,
            json!({}),
        ),
    }
}
