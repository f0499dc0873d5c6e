//! `users/`, `events/`, `databases/...` and `rules/`.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::auth::{CrdbAdmin, CrdbUser};
use super::pagination::{simple_paginate, simple_values};
use super::state::{CrdbTable, Database};
use crate::http_util::{b64, go_error, lock, ok_json, text};
use crate::timefmt::rfc3339_nanos;

fn with_next(mut v: Value, next: Option<usize>) -> Value {
    if let Some(n) = next.filter(|n| *n > 0) {
        v["next"] = json!(n);
    }
    v
}

/// `GET /api/v2/users/`.
pub async fn users(CrdbUser { ctx, params, .. }: CrdbUser) -> Response {
    let (limit, offset) = simple_values(&params);
    let c = lock(&ctx.cluster);
    let mut names: Vec<Value> = c
        .users
        .iter()
        .map(|u| json!({"username": u.name}))
        .collect();
    names.sort_by(|a, b| a["username"].as_str().cmp(&b["username"].as_str()));
    let (page, next) = simple_paginate(&names, limit, offset);
    ok_json(&with_next(json!({"users": page}), next))
}

/// `GET /api/v2/events/?type=..&targetID=..&limit=..&offset=..` (admin), newest first.
pub async fn events(CrdbAdmin { ctx, params, .. }: CrdbAdmin) -> Response {
    let (limit, offset) = simple_values(&params);
    let kind = params.get_nonempty("type").map(str::to_string);
    let target = match params.get_nonempty("targetID") {
        Some(t) => match t.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                return go_error(
                    StatusCode::BAD_REQUEST,
                    &format!("strconv.ParseInt: parsing {t:?}: invalid syntax"),
                )
            }
        },
        None => None,
    };
    let c = lock(&ctx.cluster);
    let all: Vec<Value> = c
        .events
        .iter()
        .rev()
        .filter(|e| {
            kind.as_deref().is_none_or(|k| e.event_type == k)
                && target.is_none_or(|t| e.target_id == t)
        })
        .map(|e| {
            json!({
                "timestamp": rfc3339_nanos(e.ts_ns),
                "event_type": e.event_type,
                "target_id": e.target_id,
                "reporting_id": e.reporting_id,
                "info": e.info,
                "unique_id": b64(&e.unique_id),
            })
        })
        .collect();
    let (page, next) = simple_paginate(&all, limit, offset);
    ok_json(&with_next(json!({"events": page}), next))
}

/// `GET /api/v2/databases/`.
pub async fn databases(CrdbUser { ctx, params, .. }: CrdbUser) -> Response {
    let (limit, offset) = simple_values(&params);
    let c = lock(&ctx.cluster);
    let mut names: Vec<String> = c.databases.iter().map(|d| d.name.clone()).collect();
    names.sort();
    let (page, next) = simple_paginate(&names, limit, offset);
    ok_json(&with_next(json!({"databases": page}), next))
}

fn find_db<'a>(dbs: &'a [Database], name: &str) -> Result<&'a Database, Response> {
    dbs.iter()
        .find(|d| d.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| go_error(StatusCode::NOT_FOUND, "database not found"))
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// Path segments that name SQL objects.
pub trait NameSegments {
    /// Whether every segment is a valid name.
    fn all_valid(&self) -> bool;
}

impl NameSegments for String {
    fn all_valid(&self) -> bool {
        valid_name(self)
    }
}

impl NameSegments for (String, String) {
    fn all_valid(&self) -> bool {
        valid_name(&self.0) && valid_name(&self.1)
    }
}

/// `{db}` / `{db}/tables/{table}` path segments that are valid names: anything else is Go's plain
/// 404, answered before the session is checked (list it before the session extractor).
pub struct Names<T>(pub T);

impl<T, S> FromRequestParts<S> for Names<T>
where
    T: NameSegments + DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Path(segments) = Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if !segments.all_valid() {
            return Err(go_error(StatusCode::NOT_FOUND, "404 page not found"));
        }
        Ok(Names(segments))
    }
}

/// `GET /api/v2/databases/{db}/`.
pub async fn database_details(
    Names(db): Names<String>,
    CrdbUser { ctx, .. }: CrdbUser,
) -> Response {
    let c = lock(&ctx.cluster);
    match find_db(&c.databases, &db) {
        Ok(d) => ok_json(&json!({"descriptor_id": d.id})),
        Err(r) => r,
    }
}

/// `GET /api/v2/databases/{db}/grants/`.
pub async fn database_grants(
    Names(db): Names<String>,
    CrdbUser { ctx, params, .. }: CrdbUser,
) -> Response {
    let (limit, offset) = simple_values(&params);
    let c = lock(&ctx.cluster);
    let d = match find_db(&c.databases, &db) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let grants: Vec<Value> = d
        .grants
        .iter()
        .map(|(u, p)| json!({"user": u, "privileges": p}))
        .collect();
    let (page, next) = simple_paginate(&grants, limit, offset);
    ok_json(&with_next(json!({"grants": page}), next))
}

/// `GET /api/v2/databases/{db}/tables/`: schema-qualified table names.
pub async fn database_tables(
    Names(db): Names<String>,
    CrdbUser { ctx, params, .. }: CrdbUser,
) -> Response {
    let (limit, offset) = simple_values(&params);
    let c = lock(&ctx.cluster);
    let d = match find_db(&c.databases, &db) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let mut names: Vec<String> = d
        .tables
        .iter()
        .map(|t| format!("{}.{}", t.schema, t.name))
        .collect();
    names.sort();
    let (page, next) = simple_paginate(&names, limit, offset);
    ok_json(&with_next(json!({"table_names": page}), next))
}

/// `CREATE TABLE` text for a table.
pub fn create_statement(db: &str, t: &CrdbTable) -> String {
    let mut lines: Vec<String> = t
        .columns
        .iter()
        .map(|c| {
            format!(
                "\t{} {}{}",
                c.name,
                c.sql_type,
                if c.nullable { "" } else { " NOT NULL" }
            )
        })
        .collect();
    if let Some(pk) = t.columns.first() {
        lines.push(format!(
            "\tCONSTRAINT {}_pkey PRIMARY KEY ({} ASC)",
            t.name, pk.name
        ));
    }
    for (idx, column) in &t.indexes {
        lines.push(format!("\tINDEX {idx} ({column} ASC)"));
    }
    let _ = db;
    format!(
        "CREATE TABLE {}.{} (\n{}\n)",
        t.schema,
        t.name,
        lines.join(",\n")
    )
}

/// `GET /api/v2/databases/{db}/tables/{table}/`.
pub async fn table_details(
    Names((db, table)): Names<(String, String)>,
    CrdbUser { ctx, .. }: CrdbUser,
) -> Response {
    let c = lock(&ctx.cluster);
    let d = match find_db(&c.databases, &db) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let bare = table.rsplit('.').next().unwrap_or(&table);
    let Some(t) = d.tables.iter().find(|t| t.name.eq_ignore_ascii_case(bare)) else {
        return go_error(StatusCode::NOT_FOUND, "table not found");
    };
    let mut indexes = Vec::new();
    if let Some(pk) = t.columns.first() {
        indexes.push(json!({"name": format!("{}_pkey", t.name), "unique": true, "seq": 1, "column": pk.name, "direction": "ASC", "storing": false, "implicit": false}));
    }
    for (i, (name, column)) in t.indexes.iter().enumerate() {
        indexes.push(json!({"name": name, "unique": false, "seq": 1, "column": column, "direction": "ASC", "storing": false, "implicit": false}));
        if let Some(pk) = t.columns.first() {
            indexes.push(json!({"name": name, "unique": false, "seq": 2 + i, "column": pk.name, "direction": "ASC", "storing": false, "implicit": true}));
        }
    }
    let range_count = c
        .ranges
        .iter()
        .filter(|r| r.table == t.name && r.database == d.name)
        .count()
        .max(1);
    let bytes = t.rows.len() as i64 * 180;
    ok_json(&json!({
        "grants": d.grants.iter().map(|(u, p)| json!({"user": u, "privileges": p})).collect::<Vec<_>>(),
        "columns": t.columns.iter().map(|col| json!({
            "name": col.name, "type": col.sql_type, "nullable": col.nullable,
            "default_value": col.default.clone().unwrap_or_default(), "generation_expression": "", "hidden": false,
        })).collect::<Vec<_>>(),
        "indexes": indexes,
        "range_count": range_count,
        "create_table_statement": create_statement(&d.name, t),
        "zone_config": {
            "range_min_bytes": 134_217_728, "range_max_bytes": 536_870_912, "gc": {"ttl_seconds": 14_400},
            "global_reads": null, "num_replicas": 3, "num_voters": null, "constraints": [], "voter_constraints": [],
            "inherited_constraints": true, "lease_preferences": [], "inherited_lease_preferences": true,
        },
        "zone_config_level": 1,
        "descriptor_id": t.id,
        "configure_zone_statement": "",
        "stats_last_created_at": rfc3339_nanos(c.start_ns - 3_600_000_000_000),
        "has_index_recommendations": false,
        "data_total_bytes": bytes,
        "data_live_bytes": bytes * 9 / 10,
        "data_live_percentage": 90.0,
    }))
}

/// `GET /api/v2/rules/`: recommended Prometheus alerting rules, as YAML text.
pub async fn rules() -> Response {
    text(
        StatusCode::OK,
        "rules/alerts:\n  rules:\n  - alert: UnavailableRanges\n    expr: (sum by(instance, cluster) (ranges_unavailable)) > 0\n    for: 10m0s\n    annotations:\n      summary: Instance {{ $labels.instance }} has {{ $value }} unavailable ranges\n  - alert: ClockOffsetNearMax\n    expr: clock_offset_meannanos > 300 * 1000 * 1000\n    for: 5m0s\n    annotations:\n      summary: Clock on {{ $labels.instance }} as measured by cockroach is offset by {{ $value }} nanoseconds from the cluster mean\n",
    )
}
