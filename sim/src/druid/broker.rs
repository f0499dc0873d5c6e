//! Broker: datasource metadata, candidates, load status, native queries and SQL.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use super::rows;
use super::state::{Datasource, DruidState, DAY};
use super::{sql, DruidCtx};
use crate::http_util::{empty, json as json_resp, ok_json, Params};
use crate::sqlmini::Value as SqlValue;
use crate::timefmt::{iso_interval, iso_millis, parse_interval, parse_period_ms};

/// Broker routes (also on the router).
pub fn routes() -> Router<DruidCtx> {
    Router::new()
        .route("/druid/v2/datasources", get(datasources))
        .route("/druid/v2/datasources/{ds}", get(datasource))
        .route("/druid/v2/datasources/{ds}/dimensions", get(dimensions))
        .route("/druid/v2/datasources/{ds}/metrics", get(metrics))
        .route("/druid/v2/datasources/{ds}/candidates", get(candidates))
        .route(
            "/druid/broker/v1/loadstatus",
            get(|| async { ok_json(&json!({"inventoryInitialized": true})) }),
        )
        .route(
            "/druid/broker/v1/readiness",
            get(|| async { empty(StatusCode::OK) }),
        )
        .route("/druid/v2", post(native_query))
        .route("/druid/v2/candidates", post(query_candidates))
        .route("/druid/v2/sql", post(sql::sql))
}

fn queryable(st: &DruidState, now: i64) -> Vec<&Datasource> {
    st.datasources
        .iter()
        .filter(|d| d.segments.iter().any(|s| s.available(now)))
        .collect()
}

async fn datasources(State(ctx): State<DruidCtx>) -> Response {
    let (st, now) = ctx.state();
    ok_json(
        &queryable(&st, now)
            .iter()
            .map(|d| d.name.clone())
            .collect::<Vec<_>>(),
    )
}

async fn datasource(State(ctx): State<DruidCtx>, Path(ds): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return ok_json(&json!({"dimensions": [], "metrics": []}));
    };
    if p.has("full") {
        let mut m = Map::new();
        let mut segs: Vec<_> = d
            .segments
            .iter()
            .filter(|s| s.available(now) && s.start >= now - 7 * DAY)
            .collect();
        segs.sort_by_key(|s| std::cmp::Reverse(s.start));
        for s in segs {
            m.insert(
                s.interval(),
                json!({"dimensions": d.dimensions, "metrics": d.metrics}),
            );
        }
        return ok_json(&Value::Object(m));
    }
    ok_json(&json!({"dimensions": d.dimensions, "metrics": d.metrics}))
}

async fn dimensions(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (st, _) = ctx.state();
    ok_json(
        &st.datasource(&ds)
            .map(|d| d.dimensions.clone())
            .unwrap_or_default(),
    )
}

async fn metrics(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (st, _) = ctx.state();
    ok_json(
        &st.datasource(&ds)
            .map(|d| d.metrics.clone())
            .unwrap_or_default(),
    )
}

fn located(
    st: &DruidState,
    d: &Datasource,
    ranges: &[(i64, i64)],
    now: i64,
    limit: Option<usize>,
) -> Vec<Value> {
    d.segments
        .iter()
        .filter(|s| s.available(now) && !s.overshadowed && ranges.iter().any(|(a, b)| s.end > *a && s.start < *b))
        .map(|s| {
            let loc = json!({"name": st.historical(), "host": st.historical(), "hostAndTlsPort": null, "maxSize": 300_000_000_000i64, "type": "historical", "tier": "_default_tier", "priority": 0});
            let locs: Vec<Value> = std::iter::repeat_n(loc, limit.unwrap_or(1).min(1)).collect();
            json!({"interval": s.interval(), "version": s.version, "partitionNumber": s.partition, "size": s.size, "locations": locs})
        })
        .collect()
}

async fn candidates(State(ctx): State<DruidCtx>, Path(ds): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let mut ranges = Vec::new();
    for i in p
        .get("intervals")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
    {
        match parse_interval(i) {
            Some(r) => ranges.push(r),
            None => {
                return legacy_error(
                    StatusCode::BAD_REQUEST,
                    &format!("Invalid interval [{i}]"),
                    "java.lang.IllegalArgumentException",
                )
            }
        }
    }
    let (st, now) = ctx.state();
    if ranges.is_empty() {
        ranges.push((i64::MIN / 2, i64::MAX / 2));
    }
    let Some(d) = st.datasource(&ds) else {
        return ok_json(&json!([]));
    };
    ok_json(&located(
        &st,
        d,
        &ranges,
        now,
        p.int("numCandidates").map(|n| n.max(0) as usize),
    ))
}

/// The legacy query error body `{error, errorMessage, errorClass, host}`.
pub fn legacy_error(status: StatusCode, msg: &str, class: &str) -> Response {
    json_resp(
        status,
        &json!({"error": "Unknown exception", "errorMessage": msg, "errorClass": class, "host": null}),
    )
}

fn query_ranges(q: &Value) -> Result<Vec<(i64, i64)>, String> {
    let list: Vec<String> = match q.get("intervals") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::Object(o)) => o
            .get("intervals")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        _ => vec![],
    };
    if list.is_empty() {
        return Ok(vec![(i64::MIN / 2, i64::MAX / 2)]);
    }
    list.iter()
        .map(|i| parse_interval(i).ok_or_else(|| format!("Invalid interval [{i}]")))
        .collect()
}

fn granularity_ms(g: Option<&Value>) -> Option<i64> {
    granularity_raw(g).filter(|ms| *ms > 0)
}

fn granularity_raw(g: Option<&Value>) -> Option<i64> {
    let name = match g {
        None => return None,
        Some(Value::String(s)) => s.to_lowercase(),
        Some(Value::Object(o)) => {
            if let Some(p) = o.get("period").and_then(Value::as_str) {
                return parse_period_ms(p);
            }
            if let Some(d) = o.get("duration").and_then(Value::as_i64) {
                return Some(d.max(1));
            }
            o.get("type")
                .and_then(Value::as_str)
                .unwrap_or("all")
                .to_lowercase()
        }
        _ => return None,
    };
    match name.as_str() {
        "all" => None,
        "none" | "second" => Some(1000),
        "minute" => Some(60_000),
        "five_minute" => Some(300_000),
        "fifteen_minute" => Some(900_000),
        "thirty_minute" => Some(1_800_000),
        "hour" => Some(3_600_000),
        "six_hour" => Some(21_600_000),
        "day" => Some(DAY),
        "week" => Some(7 * DAY),
        "month" => Some(30 * DAY),
        "quarter" => Some(91 * DAY),
        "year" => Some(365 * DAY),
        _ => None,
    }
}

fn matches_filter(f: &Value, cols: &[String], row: &[SqlValue]) -> bool {
    let get = |name: &str| {
        cols.iter()
            .position(|c| c == name)
            .and_then(|i| row[i].to_text())
    };
    match f.get("type").and_then(Value::as_str) {
        Some("selector") => {
            get(f["dimension"].as_str().unwrap_or_default()).as_deref() == f["value"].as_str()
        }
        Some("equals") => {
            get(f["column"].as_str().unwrap_or_default())
                == f["matchValue"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| Some(f["matchValue"].to_string()))
        }
        Some("in") => {
            let v = get(f["dimension"].as_str().unwrap_or_default());
            f["values"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x.as_str().map(str::to_string) == v))
        }
        Some("and") => f["fields"]
            .as_array()
            .is_none_or(|a| a.iter().all(|x| matches_filter(x, cols, row))),
        Some("or") => f["fields"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| matches_filter(x, cols, row))),
        Some("not") => !matches_filter(&f["field"], cols, row),
        _ => true,
    }
}

fn aggregate(aggs: &[Value], cols: &[String], rows: &[&Vec<SqlValue>]) -> Map<String, Value> {
    let mut out = Map::new();
    for a in aggs {
        let name = a["name"].as_str().unwrap_or("agg").to_string();
        let field = a["fieldName"].as_str().unwrap_or_default();
        let idx = cols.iter().position(|c| c == field);
        let nums: Vec<f64> = idx
            .map(|i| rows.iter().filter_map(|r| r[i].as_f64()).collect())
            .unwrap_or_default();
        let v = match a["type"].as_str().unwrap_or_default() {
            "count" => json!(rows.len()),
            "longSum" => json!(nums.iter().sum::<f64>() as i64),
            "doubleSum" | "floatSum" => json!(nums.iter().sum::<f64>()),
            "longMax" => json!(nums.iter().cloned().fold(f64::MIN, f64::max).max(0.0) as i64),
            "longMin" => json!(nums
                .iter()
                .cloned()
                .fold(f64::MAX, f64::min)
                .min(i64::MAX as f64) as i64),
            "doubleMax" | "floatMax" => json!(nums.iter().cloned().fold(f64::MIN, f64::max)),
            "doubleMin" | "floatMin" => json!(nums.iter().cloned().fold(f64::MAX, f64::min)),
            _ => {
                let mut vals: Vec<String> = idx
                    .map(|i| rows.iter().filter_map(|r| r[i].to_text()).collect())
                    .unwrap_or_default();
                vals.sort();
                vals.dedup();
                json!(vals.len() as f64)
            }
        };
        out.insert(name, v);
    }
    out
}

/// `POST /druid/v2`: native queries (also answered by the historical).
pub async fn native_query(State(ctx): State<DruidCtx>, body: Bytes) -> Response {
    let q: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return legacy_error(
                StatusCode::BAD_REQUEST,
                &e.to_string(),
                "com.fasterxml.jackson.core.JsonParseException",
            )
        }
    };
    let kinds = [
        "timeseries",
        "topN",
        "groupBy",
        "scan",
        "timeBoundary",
        "segmentMetadata",
        "dataSourceMetadata",
        "search",
    ];
    let Some(kind) = q.get("queryType").and_then(Value::as_str) else {
        return legacy_error(StatusCode::BAD_REQUEST, "Missing type id when trying to resolve subtype of [simple type, class org.apache.druid.query.Query]: missing type id property 'queryType'", "com.fasterxml.jackson.databind.exc.InvalidTypeIdException");
    };
    if !kinds.contains(&kind) {
        return legacy_error(StatusCode::BAD_REQUEST, &format!("Could not resolve type id '{kind}' as a subtype of `org.apache.druid.query.Query`: known type ids = {kinds:?}"), "com.fasterxml.jackson.databind.exc.InvalidTypeIdException");
    }
    let ds_name = match q.get("dataSource") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => o
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        _ => {
            return legacy_error(
                StatusCode::BAD_REQUEST,
                "dataSource can't be null",
                "java.lang.NullPointerException",
            )
        }
    };
    let ranges = match query_ranges(&q) {
        Ok(r) => r,
        Err(e) => {
            return legacy_error(
                StatusCode::BAD_REQUEST,
                &e,
                "java.lang.IllegalArgumentException",
            )
        }
    };
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds_name) else {
        return ok_json(&json!([]));
    };
    let segs: Vec<_> = d
        .segments
        .iter()
        .filter(|s| s.available(now) && ranges.iter().any(|(a, b)| s.end > *a && s.start < *b))
        .collect();
    let (Some(min), Some(max)) = (
        segs.iter().map(|s| s.start).min(),
        segs.iter().map(|s| s.end).max(),
    ) else {
        return ok_json(&json!([]));
    };
    match kind {
        "timeBoundary" => {
            return ok_json(
                &json!([{"timestamp": iso_millis(min), "result": {"minTime": iso_millis(min), "maxTime": iso_millis(max - 1)}}]),
            )
        }
        "dataSourceMetadata" => {
            return ok_json(
                &json!([{"timestamp": iso_millis(max - 1), "result": {"maxIngestedEventTime": iso_millis(max - 1)}}]),
            )
        }
        "segmentMetadata" => {
            let mut columns = Map::new();
            columns.insert("__time".into(), json!({"typeSignature": "LONG", "type": "LONG", "hasMultipleValues": false, "hasNulls": false, "size": 0, "cardinality": null, "minValue": null, "maxValue": null, "errorMessage": null}));
            for dim in &d.dimensions {
                columns.insert(dim.clone(), json!({"typeSignature": "STRING", "type": "STRING", "hasMultipleValues": false, "hasNulls": true, "size": 0, "cardinality": 7, "minValue": "", "maxValue": "zz", "errorMessage": null}));
            }
            for m in &d.metrics {
                let ty = if rows::column_type(d, m) == crate::sqlmini::ColType::Int {
                    "LONG"
                } else {
                    "DOUBLE"
                };
                columns.insert(m.clone(), json!({"typeSignature": ty, "type": ty, "hasMultipleValues": false, "hasNulls": false, "size": 0, "cardinality": null, "minValue": null, "maxValue": null, "errorMessage": null}));
            }
            return ok_json(
                &json!([{"id": "merged", "intervals": [iso_interval(min, max)], "columns": columns, "size": segs.iter().map(|s| s.size).sum::<i64>(), "numRows": segs.iter().map(|s| s.num_rows).sum::<i64>(), "aggregators": null, "projections": null, "timestampSpec": null, "queryGranularity": null, "rollup": null}]),
            );
        }
        "search" => {
            return legacy_error(
                StatusCode::BAD_REQUEST,
                "search queries are not supported by this simulator",
                "org.apache.druid.query.QueryUnsupportedException",
            )
        }
        _ => {}
    }
    let table = rows::table(&st, d, now);
    let cols: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    let filter = q.get("filter").cloned().unwrap_or(Value::Null);
    let picked: Vec<(i64, &Vec<SqlValue>)> = table
        .rows
        .iter()
        .filter_map(|r| {
            let t = r[0].to_text().and_then(|s| crate::timefmt::parse_iso(&s))?;
            (ranges.iter().any(|(a, b)| t >= *a && t < *b)
                && (filter.is_null() || matches_filter(&filter, &cols, r)))
            .then_some((t, r))
        })
        .collect();
    let aggs: Vec<Value> = q
        .get("aggregations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let gran = granularity_ms(q.get("granularity"));
    let bucket = |t: i64| gran.map(|g| t - t.rem_euclid(g)).unwrap_or(min);
    let mut buckets: Vec<i64> = picked.iter().map(|(t, _)| bucket(*t)).collect();
    buckets.dedup();
    match kind {
        "timeseries" => {
            let out: Vec<Value> = buckets
                .iter()
                .map(|b| {
                    let rs: Vec<&Vec<SqlValue>> = picked
                        .iter()
                        .filter(|(t, _)| bucket(*t) == *b)
                        .map(|(_, r)| *r)
                        .collect();
                    json!({"timestamp": iso_millis(*b), "result": aggregate(&aggs, &cols, &rs)})
                })
                .collect();
            ok_json(&out)
        }
        "topN" | "groupBy" => {
            let dims: Vec<String> = if kind == "topN" {
                vec![q["dimension"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| q["dimension"]["dimension"].as_str().map(str::to_string))
                    .unwrap_or_default()]
            } else {
                q["dimensions"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|d| {
                                d.as_str()
                                    .map(str::to_string)
                                    .or_else(|| d["dimension"].as_str().map(str::to_string))
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let idx: Vec<Option<usize>> = dims
                .iter()
                .map(|d| cols.iter().position(|c| c == d))
                .collect();
            let mut out = Vec::new();
            for b in &buckets {
                let in_bucket: Vec<&Vec<SqlValue>> = picked
                    .iter()
                    .filter(|(t, _)| bucket(*t) == *b)
                    .map(|(_, r)| *r)
                    .collect();
                type Group<'r> = (Vec<Option<String>>, Vec<&'r Vec<SqlValue>>);
                let mut groups: Vec<Group> = Vec::new();
                for r in in_bucket {
                    let key: Vec<Option<String>> =
                        idx.iter().map(|i| i.and_then(|i| r[i].to_text())).collect();
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, v)) => v.push(r),
                        None => groups.push((key, vec![r])),
                    }
                }
                let mut rows_out: Vec<Map<String, Value>> = groups
                    .into_iter()
                    .map(|(key, rs)| {
                        let mut m = aggregate(&aggs, &cols, &rs);
                        for (d, k) in dims.iter().zip(key) {
                            m.insert(d.clone(), json!(k));
                        }
                        m
                    })
                    .collect();
                if kind == "topN" {
                    let metric = q["metric"]
                        .as_str()
                        .map(str::to_string)
                        .or_else(|| q["metric"]["metric"].as_str().map(str::to_string))
                        .unwrap_or_default();
                    rows_out.sort_by(|a, b| {
                        b.get(&metric)
                            .and_then(Value::as_f64)
                            .partial_cmp(&a.get(&metric).and_then(Value::as_f64))
                            .unwrap_or(std::cmp::Ordering::Equal)
                    });
                    rows_out.truncate(q["threshold"].as_u64().unwrap_or(10) as usize);
                    out.push(json!({"timestamp": iso_millis(*b), "result": rows_out}));
                } else {
                    for m in rows_out {
                        out.push(json!({"version": "v1", "timestamp": iso_millis(*b), "event": m}));
                    }
                }
            }
            ok_json(&out)
        }
        _ => {
            let limit = q["limit"].as_u64().unwrap_or(u64::MAX) as usize;
            let wanted: Vec<String> = q["columns"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_str().map(str::to_string))
                        .collect()
                })
                .filter(|v: &Vec<String>| !v.is_empty())
                .unwrap_or_else(|| cols.clone());
            let events: Vec<Value> = picked
                .iter()
                .take(limit)
                .map(|(_, r)| {
                    let m: Map<String, Value> = wanted
                        .iter()
                        .filter_map(|c| {
                            cols.iter()
                                .position(|x| x == c)
                                .map(|i| (c.clone(), r[i].to_json()))
                        })
                        .collect();
                    Value::Object(m)
                })
                .collect();
            let seg_id = segs.first().map(|s| s.id()).unwrap_or_default();
            ok_json(
                &json!([{"segmentId": seg_id, "columns": wanted, "events": events, "rowSignature": wanted.iter().map(|c| json!({"name": c, "type": if c == "__time" { "LONG" } else { "STRING" }})).collect::<Vec<_>>()}]),
            )
        }
    }
}

async fn query_candidates(State(ctx): State<DruidCtx>, body: Bytes) -> Response {
    let q: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return legacy_error(
                StatusCode::BAD_REQUEST,
                &e.to_string(),
                "com.fasterxml.jackson.core.JsonParseException",
            )
        }
    };
    let ds = q
        .get("dataSource")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let ranges = match query_ranges(&q) {
        Ok(r) => r,
        Err(e) => {
            return legacy_error(
                StatusCode::BAD_REQUEST,
                &e,
                "java.lang.IllegalArgumentException",
            )
        }
    };
    let (st, now) = ctx.state();
    match st.datasource(&ds) {
        Some(d) => ok_json(&located(&st, d, &ranges, now, None)),
        None => ok_json(&json!([])),
    }
}
