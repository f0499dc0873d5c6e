//! Leadership, load status and queues, servers and intervals.

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::super::common::{error, leader_url, url_interval};
use super::super::state::DruidState;
use super::super::DruidCtx;
use super::{ok_json_text, push_str_lit, segment_json, write_segment_entry, DsText};
use crate::http_util::{json as json_resp, ok_json, Ordered, Params};
use crate::timefmt::iso_interval;

/// `GET /druid/coordinator/v1/leader`: plain-text URL.
pub async fn leader(State(ctx): State<DruidCtx>) -> Response {
    leader_url(&ctx, "coordinator")
}

/// `GET /druid/coordinator/v1/isLeader`.
pub async fn is_leader() -> Response {
    json_resp(StatusCode::OK, &json!({"leader": true}))
}

/// `GET /druid/coordinator/v1/loadstatus[?simple|?full]`.
pub async fn load_status(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let mut pct = Map::new();
    let mut remaining = Map::new();
    for ds in st.datasources.iter() {
        let used: Vec<_> = ds
            .segments
            .iter()
            .filter(|s| s.used && !s.realtime && !s.overshadowed)
            .collect();
        if used.is_empty() {
            continue;
        }
        let loaded = used.iter().filter(|s| s.available(now)).count();
        pct.insert(
            ds.name.clone(),
            json!(100.0 * loaded as f64 / used.len() as f64),
        );
        remaining.insert(ds.name.clone(), json!(used.len() - loaded));
    }
    if p.has("full") {
        return ok_json(&json!({"_default_tier": remaining}));
    }
    if p.has("simple") {
        return ok_json(&Value::Object(remaining));
    }
    ok_json(&Value::Object(pct))
}

/// `GET /druid/coordinator/v1/loadqueue[?simple|?full]`.
pub async fn load_queue(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let pending: Vec<(Value, String, i64)> = st
        .datasources
        .iter()
        .flat_map(|d| {
            d.segments
                .iter()
                .filter(|s| s.used && !s.realtime && !s.available(now))
                .map(move |s| (segment_json(s, d), s.id(), s.size))
        })
        .collect();
    let host = st.historical();
    let body = if p.has("simple") {
        json!({host: {"segmentsToLoad": pending.len(), "segmentsToDrop": 0, "segmentsToLoadSize": pending.iter().map(|p| p.2).sum::<i64>(), "segmentsToDropSize": 0, "expectedLoadTimeMillis": pending.len() * 10_000}})
    } else if p.has("full") {
        json!({host: {"segmentsToLoad": pending.iter().map(|p| p.0.clone()).collect::<Vec<_>>(), "segmentsToDrop": []}})
    } else {
        json!({host: {"segmentsToLoad": pending.iter().map(|p| p.1.clone()).collect::<Vec<_>>(), "segmentsToDrop": []}})
    };
    ok_json(&body)
}

/// `servers?full`: each server with its segments as a map from id to `DataSegment`, written as
/// text (the historical serves up to 200,000 segments).
fn servers_full(st: &DruidState, now: i64) -> Response {
    let total: usize = st.datasources.iter().map(|d| d.segments.len()).sum();
    let mut out = String::with_capacity(total * 820 + 400);
    out.push_str("[{\"host\":");
    push_str_lit(&mut out, &st.historical());
    out.push_str(",\"maxSize\":300000000000,\"type\":\"historical\",\"tier\":\"_default_tier\",\"priority\":0,\"segments\":{");
    let mut size = 0i64;
    let mut first = true;
    for d in &st.datasources {
        let text = DsText::new(d);
        for s in d.segments.iter().filter(|s| s.available(now)) {
            if !first {
                out.push(',');
            }
            first = false;
            write_segment_entry(&mut out, s, &text);
            size += s.size;
        }
    }
    out.push_str("},\"currSize\":");
    out.push_str(&size.to_string());
    out.push_str("},{\"host\":");
    push_str_lit(&mut out, &st.middle_manager());
    out.push_str(",\"maxSize\":0,\"type\":\"indexer-executor\",\"tier\":\"_default_tier\",\"priority\":0,\"segments\":{},\"currSize\":0}]");
    ok_json_text(out)
}

/// `GET /druid/coordinator/v1/servers[?simple|?full]`.
pub async fn servers(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    if p.has("full") {
        return servers_full(&st, now);
    }
    if !p.has("simple") {
        return ok_json(&json!([st.historical(), st.middle_manager()]));
    }
    let size: i64 = st
        .datasources
        .iter()
        .flat_map(|d| &d.segments)
        .filter(|s| s.available(now))
        .map(|s| s.size)
        .sum();
    ok_json(&json!([
        {"host": st.historical(), "tier": "_default_tier", "type": "historical", "priority": 0, "currSize": size, "maxSize": 300_000_000_000i64},
        {"host": st.middle_manager(), "tier": "_default_tier", "type": "indexer-executor", "priority": 0, "currSize": 0, "maxSize": 0},
    ]))
}

fn interval_stats(
    ctx: &DruidCtx,
    within: Option<(i64, i64)>,
) -> BTreeMap<(i64, i64), BTreeMap<String, (i64, i64)>> {
    let (st, now) = ctx.state();
    let mut out: BTreeMap<(i64, i64), BTreeMap<String, (i64, i64)>> = BTreeMap::new();
    for d in &st.datasources {
        for s in d.segments.iter().filter(|s| s.available(now)) {
            if let Some((a, b)) = within {
                if s.end <= a || s.start >= b {
                    continue;
                }
            }
            let e = out
                .entry((s.start, s.end))
                .or_default()
                .entry(d.name.clone())
                .or_insert((0, 0));
            e.0 += s.size;
            e.1 += 1;
        }
    }
    out
}

/// `GET /druid/coordinator/v1/intervals`: every interval with total size and count (newest first).
pub async fn intervals(State(ctx): State<DruidCtx>) -> Response {
    let stats = interval_stats(&ctx, None);
    let mut m = Ordered::default();
    for ((a, b), per_ds) in stats.iter().rev() {
        let size: i64 = per_ds.values().map(|v| v.0).sum();
        let count: i64 = per_ds.values().map(|v| v.1).sum();
        m.0.push((iso_interval(*a, *b), json!({"size": size, "count": count})));
    }
    ok_json(&m)
}

/// `GET /druid/coordinator/v1/intervals/{interval}[?simple|?full]` (`_` separates start and end).
pub async fn interval(
    State(ctx): State<DruidCtx>,
    Path(raw): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(range) = url_interval(&raw) else {
        return error(StatusCode::BAD_REQUEST, &format!("Invalid interval: {raw}"));
    };
    let p = Params::parse(q.as_deref());
    let stats = interval_stats(&ctx, Some(range));
    if p.has("full") {
        let mut m = Ordered::default();
        for ((a, b), per_ds) in stats.iter().rev() {
            let inner: Map<String, Value> = per_ds
                .iter()
                .map(|(ds, (size, count))| (ds.clone(), json!({"size": size, "count": count})))
                .collect();
            m.0.push((iso_interval(*a, *b), Value::Object(inner)));
        }
        return ok_json(&m);
    }
    if p.has("simple") {
        let mut m = Ordered::default();
        for ((a, b), per_ds) in stats.iter().rev() {
            m.0.push((iso_interval(*a, *b), json!({"size": per_ds.values().map(|v| v.0).sum::<i64>(), "count": per_ds.values().map(|v| v.1).sum::<i64>()})));
        }
        return ok_json(&m);
    }
    let size: i64 = stats.values().flat_map(|m| m.values()).map(|v| v.0).sum();
    let count: i64 = stats.values().flat_map(|m| m.values()).map(|v| v.1).sum();
    ok_json(&json!({"size": size, "count": count}))
}
