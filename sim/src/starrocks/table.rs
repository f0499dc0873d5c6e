//! Per-table FE endpoints: `_count`, `_schema` (Jackson maps with an integer status) and
//! `_query_plan`.

use axum::body::Bytes;
use axum::extract::Path;
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::respond::{jackson, FeUser};
use super::state::SrTable;
use crate::http_util::{b64, lock};

/// `CREATE TABLE` text for `_get_ddl` and dumps.
pub fn create_table_sql(t: &SrTable) -> String {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            let ty = match (c.decimal, c.len) {
                (Some((p, s)), _) => format!("decimal({p}, {s})"),
                (_, Some(l)) => format!("varchar({l})"),
                _ => c.sr_type.to_lowercase(),
            };
            format!(
                "  `{}` {ty} {}NULL COMMENT \"{}\"",
                c.name,
                if c.is_key { "NOT " } else { "" },
                c.comment
            )
        })
        .collect();
    let keys: Vec<String> = t
        .columns
        .iter()
        .filter(|c| c.is_key)
        .map(|c| format!("`{}`", c.name))
        .collect();
    let first = t
        .columns
        .first()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    format!(
        "CREATE TABLE `{}` (\n{}\n) ENGINE=OLAP \n{} KEY({})\nDISTRIBUTED BY HASH(`{}`) BUCKETS {} \nPROPERTIES (\n\"replication_num\" = \"3\",\n\"in_memory\" = \"false\",\n\"enable_persistent_index\" = \"true\",\n\"compression\" = \"LZ4\"\n);",
        t.name,
        cols.join(",\n"),
        t.keys_type,
        keys.join(", "),
        first,
        t.buckets
    )
}

/// `GET /api/{db}/{table}/_count`: `{"status":200,"size":N}`; errors keep HTTP 200.
pub async fn count(
    Path((db, table)): Path<(String, String)>,
    FeUser { ctx, .. }: FeUser,
) -> Response {
    let c = lock(&ctx.cluster);
    if c.db(&db).is_none() {
        return jackson(
            &json!({"status": 404, "exception": format!("Database [{db}] does not exists")}),
        );
    }
    match c.table(&db, &table) {
        Some(t) => jackson(&json!({"status": 200, "size": t.rows.len()})),
        None => jackson(
            &json!({"status": 404, "exception": format!("Table [{table}] does not exists")}),
        ),
    }
}

/// `GET /api/{db}/{table}/_schema`.
pub async fn schema(
    Path((db, table)): Path<(String, String)>,
    FeUser { ctx, .. }: FeUser,
) -> Response {
    let c = lock(&ctx.cluster);
    let Some(t) = c.table(&db, &table) else {
        return jackson(
            &json!({"status": 404, "exception": format!("Table [{table}] does not exists")}),
        );
    };
    let props: Vec<Value> = t
        .columns
        .iter()
        .map(|col| {
            let mut m = Map::new();
            if let Some((p, s)) = col.decimal {
                m.insert("precision".into(), json!(p.to_string()));
                m.insert("scale".into(), json!(s.to_string()));
            }
            m.insert("type".into(), json!(col.sr_type));
            m.insert("comment".into(), json!(col.comment));
            m.insert("name".into(), json!(col.name));
            Value::Object(m)
        })
        .collect();
    jackson(&json!({"status": 200, "properties": props}))
}

/// `GET|POST /api/{db}/{table}/_query_plan` with `{"sql": "select .. from db.table"}`.
pub async fn query_plan(
    Path((db, table)): Path<(String, String)>,
    FeUser { ctx, .. }: FeUser,
    body: Bytes,
) -> Response {
    let sql = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("sql").and_then(Value::as_str).map(str::to_string));
    let Some(sql) = sql else {
        return jackson(
            &json!({"status": 400, "exception": "POST body must contains [sql] root object"}),
        );
    };
    let c = lock(&ctx.cluster);
    let Some(t) = c.table(&db, &table) else {
        return jackson(
            &json!({"status": 404, "exception": format!("Table [{table}] does not exists")}),
        );
    };
    let lower = sql.to_lowercase();
    if !lower.contains(&format!("{db}.{table}")) && !lower.contains(&format!("`{db}`.`{table}`")) {
        return jackson(&json!({
            "status": 400,
            "exception": format!("requested database and table must consistent with sql: request db: {db}, table: {table}; sql: {sql}"),
        }));
    }
    let mut partitions = Map::new();
    for (i, tablet) in t.tablets().into_iter().enumerate() {
        let routings: Vec<String> = (0..3)
            .map(|k| {
                let n = &c.nodes[(i + k) % 3];
                format!("{}:{}", n.host, n.be_port)
            })
            .collect();
        partitions.insert(tablet.to_string(), json!({"routings": routings, "version": 2 + (t.rows.len() % 7), "versionHash": 0, "schemaHash": t.id * 31 % 1_000_000_007}));
    }
    let plan = b64(format!("TQueryPlanInfo{{{sql}}}").as_bytes());
    jackson(&json!({"partitions": partitions, "opaqued_query_plan": plan, "status": 200}))
}
