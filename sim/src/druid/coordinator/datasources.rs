//! `/druid/coordinator/v1/datasources/...`: the coordinator's view (loaded segments) and the
//! mark used/unused operations.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::super::common::{empty_ok, error, url_interval};
use super::super::state::{Datasource, DruidState, Segment, DAY};
use super::super::DruidCtx;
use super::{historical_server, ok_json_text, segment_json, write_segments, DsText};
use crate::http_util::{empty, ok_json, Ordered, Params};
use crate::timefmt::{iso_interval, iso_millis};

/// The sentinels Druid prints for an empty datasource.
const MAX_TIME: &str = "146140482-04-24T15:36:27.903Z";
const MIN_TIME: &str = "-146136543-09-08T08:23:32.096Z";

fn served(d: &Datasource, now: i64) -> Vec<&Segment> {
    d.segments.iter().filter(|s| s.available(now)).collect()
}

/// The `?simple` properties of a datasource.
pub fn simple_properties(d: &Datasource, now: i64) -> Value {
    let segs = served(d, now);
    let size: i64 = segs.iter().map(|s| s.size).sum();
    let (min, max) = match (
        segs.iter().map(|s| s.start).min(),
        segs.iter().map(|s| s.end).max(),
    ) {
        (Some(a), Some(b)) => (iso_millis(a), iso_millis(b)),
        _ => (MAX_TIME.to_string(), MIN_TIME.to_string()),
    };
    let tiers = if segs.is_empty() {
        json!({})
    } else {
        json!({"_default_tier": {"segmentCount": segs.len(), "size": size, "replicatedSize": size}})
    };
    json!({"tiers": tiers, "segments": {"count": segs.len(), "size": size, "replicatedSize": size, "minTime": min, "maxTime": max}})
}

/// `{"name":..,"properties":{"created":..},"segments":[..]}` as text.
fn write_full_datasource(out: &mut String, d: &Datasource, segs: &[&Segment]) {
    let text = DsText::new(d);
    out.push_str("{\"name\":");
    out.push_str(&Value::from(d.name.as_str()).to_string());
    out.push_str(",\"properties\":{\"created\":\"");
    out.push_str(&iso_millis(d.created));
    out.push_str("\"},\"segments\":");
    write_segments(out, segs.iter().copied(), &text, false);
    out.push('}');
}

fn full_datasource(d: &Datasource, segs: &[&Segment]) -> Response {
    let mut out = String::with_capacity(segs.len() * 700 + 100);
    write_full_datasource(&mut out, d, segs);
    ok_json_text(out)
}

fn no_content() -> Response {
    empty(StatusCode::NO_CONTENT)
}

/// `GET /datasources[?simple|?full]`.
pub async fn list(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let visible: Vec<&Datasource> = st
        .datasources
        .iter()
        .filter(|d| !served(d, now).is_empty())
        .collect();
    if p.has("full") {
        let total: usize = visible.iter().map(|d| d.segments.len()).sum();
        let mut out = String::with_capacity(total * 700 + 100);
        out.push('[');
        for (i, d) in visible.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_full_datasource(&mut out, d, &served(d, now));
        }
        out.push(']');
        return ok_json_text(out);
    }
    if p.has("simple") {
        return ok_json(
            &visible
                .iter()
                .map(|d| json!({"name": d.name, "properties": simple_properties(d, now)}))
                .collect::<Vec<_>>(),
        );
    }
    ok_json(&visible.iter().map(|d| d.name.clone()).collect::<Vec<_>>())
}

/// `GET /datasources/{ds}[?full]`; 204 when unknown.
pub async fn get_one(State(ctx): State<DruidCtx>, Path(ds): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds).filter(|d| !served(d, now).is_empty()) else {
        return no_content();
    };
    if p.has("full") {
        return full_datasource(d, &served(d, now));
    }
    ok_json(&simple_properties(d, now))
}

fn intervals_of(segs: &[&Segment]) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = segs.iter().map(|s| (s.start, s.end)).collect();
    v.sort();
    v.dedup();
    v.reverse();
    v
}

fn interval_maps(d: &Datasource, segs: &[&Segment], p: &Params, host: &str) -> Response {
    if p.has("full") {
        let mut m = Ordered::default();
        for (a, b) in intervals_of(segs) {
            let inner: Map<String, Value> = segs
                .iter()
                .filter(|s| s.start == a && s.end == b)
                .map(|s| {
                    (
                        s.id(),
                        json!({"metadata": segment_json(s, d), "servers": [host]}),
                    )
                })
                .collect();
            m.0.push((iso_interval(a, b), Value::Object(inner)));
        }
        return ok_json(&m);
    }
    if p.has("simple") {
        let mut m = Ordered::default();
        for (a, b) in intervals_of(segs) {
            let here: Vec<&&Segment> = segs.iter().filter(|s| s.start == a && s.end == b).collect();
            m.0.push((
                iso_interval(a, b),
                json!({"size": here.iter().map(|s| s.size).sum::<i64>(), "count": here.len()}),
            ));
        }
        return ok_json(&m);
    }
    ok_json(
        &intervals_of(segs)
            .into_iter()
            .map(|(a, b)| iso_interval(a, b))
            .collect::<Vec<_>>(),
    )
}

/// `GET /datasources/{ds}/intervals[?simple|?full]`.
pub async fn intervals(State(ctx): State<DruidCtx>, Path(ds): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return no_content();
    };
    let segs = served(d, now);
    interval_maps(d, &segs, &p, &st.historical())
}

/// `GET /datasources/{ds}/intervals/{interval}[?simple|?full]`: segment ids inside the interval.
pub async fn interval(
    State(ctx): State<DruidCtx>,
    Path((ds, raw)): Path<(String, String)>,
    uri: Uri,
) -> Response {
    let Some((a, b)) = url_interval(&raw) else {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("Invalid interval [{raw}]"),
        );
    };
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return no_content();
    };
    let segs: Vec<&Segment> = served(d, now)
        .into_iter()
        .filter(|s| s.start >= a && s.end <= b)
        .collect();
    if p.has("simple") || p.has("full") {
        return interval_maps(d, &segs, &p, &st.historical());
    }
    ok_json(&segs.iter().map(|s| s.id()).collect::<Vec<_>>())
}

/// `GET /datasources/{ds}/intervals/{interval}/serverview`.
pub async fn serverview(
    State(ctx): State<DruidCtx>,
    Path((ds, raw)): Path<(String, String)>,
) -> Response {
    let Some((a, b)) = url_interval(&raw) else {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("Invalid interval [{raw}]"),
        );
    };
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return no_content();
    };
    let server = historical_server(&st);
    let list: Vec<Value> = served(d, now)
        .into_iter()
        .filter(|s| s.end > a && s.start < b)
        .map(|s| json!({"segment": segment_json(s, d), "servers": [server.clone()]}))
        .collect();
    ok_json(&list)
}

/// `GET /datasources/{ds}/segments[?full]`.
pub async fn segments(State(ctx): State<DruidCtx>, Path(ds): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return no_content();
    };
    let segs = served(d, now);
    if p.has("full") {
        let mut out = String::with_capacity(segs.len() * 700 + 2);
        write_segments(&mut out, segs, &DsText::new(d), false);
        return ok_json_text(out);
    }
    ok_json(&segs.iter().map(|s| s.id()).collect::<Vec<_>>())
}

/// `GET /datasources/{ds}/segments/{segment}`: `{"metadata":..,"servers":[..]}`; 204 if unknown.
pub async fn segment(
    State(ctx): State<DruidCtx>,
    Path((ds, id)): Path<(String, String)>,
) -> Response {
    let (st, now) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return no_content();
    };
    match served(d, now).into_iter().find(|s| s.id() == id) {
        Some(s) => ok_json(&json!({"metadata": segment_json(s, d), "servers": [st.historical()]})),
        None => no_content(),
    }
}

/// `GET /datasources/{ds}/tiers`.
pub async fn tiers(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (st, now) = ctx.state();
    match st.datasource(&ds) {
        Some(d) if !served(d, now).is_empty() => ok_json(&json!(["_default_tier"])),
        _ => ok_json(&json!([])),
    }
}

fn mark(
    st: &mut DruidState,
    ds: &str,
    now: i64,
    used: bool,
    pred: &dyn Fn(&Segment) -> bool,
) -> usize {
    let Some(d) = st.datasource_mut(ds) else {
        return 0;
    };
    let mut n = 0;
    for s in d
        .segments
        .iter_mut()
        .filter(|s| !s.realtime && s.used != used && pred(s))
    {
        if used && s.overshadowed {
            continue;
        }
        s.used = used;
        if used {
            s.loaded_at = now + 5_000;
        }
        n += 1;
    }
    n
}

/// `POST /datasources/{ds}`: marks every segment used.
pub async fn mark_all_used(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    let n = mark(&mut st, &ds, now, true, &|_| true);
    ok_json(&json!({"numChangedSegments": n}))
}

/// `DELETE /datasources/{ds}[?kill=true&interval=..]`: marks every segment unused (or kills).
pub async fn mark_all_unused(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let p = Params::parse(q.as_deref());
    let (mut st, now) = ctx.state();
    if p.get("kill") == Some("true") {
        let Some(range) = p.get("interval").and_then(url_interval) else {
            return error(StatusCode::BAD_REQUEST, "Invalid interval");
        };
        let _ = submit_kill(&mut st, &ds, range, now);
        return empty_ok();
    }
    let n = mark(&mut st, &ds, now, false, &|_| true);
    ok_json(&json!({"numChangedSegments": n}))
}

fn submit_kill(st: &mut DruidState, ds: &str, (a, b): (i64, i64), now: i64) -> Result<String, ()> {
    let payload = json!({"type": "kill", "dataSource": ds, "interval": iso_interval(a, b), "context": {"simulatedOutcome": "SUCCESS"}});
    st.submit_task(&payload, now).map_err(|_| ())
}

/// `DELETE /datasources/{ds}/intervals/{interval}`: runs a kill task for the interval.
pub async fn kill_interval(
    State(ctx): State<DruidCtx>,
    Path((ds, raw)): Path<(String, String)>,
) -> Response {
    let Some(range) = url_interval(&raw) else {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("Invalid interval [{raw}]"),
        );
    };
    let (mut st, now) = ctx.state();
    let _ = submit_kill(&mut st, &ds, range, now);
    empty_ok()
}

/// `POST /datasources/{ds}/segments/{segment}`.
pub async fn mark_segment_used(
    State(ctx): State<DruidCtx>,
    Path((ds, id)): Path<(String, String)>,
) -> Response {
    let (mut st, now) = ctx.state();
    let n = mark(&mut st, &ds, now, true, &|s| s.id() == id);
    ok_json(&json!({"segmentStateChanged": n > 0}))
}

/// `DELETE /datasources/{ds}/segments/{segment}`.
pub async fn mark_segment_unused(
    State(ctx): State<DruidCtx>,
    Path((ds, id)): Path<(String, String)>,
) -> Response {
    let (mut st, now) = ctx.state();
    let n = mark(&mut st, &ds, now, false, &|s| s.id() == id);
    ok_json(&json!({"segmentStateChanged": n > 0}))
}

enum Selection {
    Interval(i64, i64),
    Ids(Vec<String>),
}

fn selection(body: &Bytes) -> Result<Selection, Response> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            &format!("Invalid request payload: {e}"),
        )
    })?;
    let interval = v.get("interval").and_then(Value::as_str);
    let ids = v.get("segmentIds").and_then(Value::as_array);
    match (interval, ids) {
        (Some(i), None) => url_interval(i)
            .map(|(a, b)| Selection::Interval(a, b))
            .ok_or_else(|| error(StatusCode::BAD_REQUEST, &format!("Invalid interval [{i}]"))),
        (None, Some(ids)) if !ids.is_empty() => Ok(Selection::Ids(
            ids.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
        )),
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            "Invalid request payload: Exactly one of 'interval' or 'segmentIds' must be specified",
        )),
    }
}

fn mark_selected(ctx: &DruidCtx, ds: &str, body: &Bytes, used: bool) -> Response {
    let sel = match selection(body) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (mut st, now) = ctx.state();
    let n = match sel {
        Selection::Interval(a, b) => mark(&mut st, ds, now, used, &|s| s.start >= a && s.end <= b),
        Selection::Ids(ids) => mark(&mut st, ds, now, used, &|s| ids.contains(&s.id())),
    };
    ok_json(&json!({"numChangedSegments": n}))
}

/// `POST /datasources/{ds}/markUsed` with `{"interval":..}` or `{"segmentIds":[..]}`.
pub async fn mark_used(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    body: Bytes,
) -> Response {
    mark_selected(&ctx, &ds, &body, true)
}

/// `POST /datasources/{ds}/markUnused`.
pub async fn mark_unused(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    body: Bytes,
) -> Response {
    mark_selected(&ctx, &ds, &body, false)
}

/// `GET /datasources/{ds}/loadstatus?forceMetadataRefresh=..[&interval=..][&simple|&full]`.
pub async fn load_status(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    uri: Uri,
) -> Response {
    let p = Params::from_uri(&uri);
    if p.get("forceMetadataRefresh").is_none() {
        return error(
            StatusCode::BAD_REQUEST,
            "Invalid request. forceMetadataRefresh must be specified",
        );
    }
    let (st, now) = ctx.state();
    let (a, b) = match p.get_nonempty("interval") {
        Some(i) => match url_interval(i) {
            Some(r) => r,
            None => return error(StatusCode::BAD_REQUEST, &format!("Invalid interval [{i}]")),
        },
        None => (now - 14 * DAY, now + DAY),
    };
    let Some(d) = st.datasource(&ds) else {
        return no_content();
    };
    let used: Vec<&Segment> = d
        .segments
        .iter()
        .filter(|s| s.used && !s.realtime && !s.overshadowed && s.end > a && s.start < b)
        .collect();
    if used.is_empty() {
        return no_content();
    }
    let loaded = used.iter().filter(|s| s.available(now)).count();
    let left = used.len() - loaded;
    if p.has("full") {
        let mut tier = BTreeMap::new();
        tier.insert(ds.clone(), left);
        return ok_json(&json!({"_default_tier": tier}));
    }
    if p.has("simple") {
        return ok_json(&json!({ds: left}));
    }
    ok_json(&json!({ds: 100.0 * loaded as f64 / used.len() as f64}))
}
