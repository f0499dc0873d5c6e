//! `/druid/coordinator/v1/metadata/...`: what the metadata store holds (used segments).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};

use super::super::common::{error, url_interval};
use super::super::state::{Datasource, Segment};
use super::super::DruidCtx;
use super::{ok_json_text, segment_json, write_segment, write_segments, DsText};
use crate::http_util::{empty, ok_json, Params};
use crate::timefmt::iso_millis;

fn used(d: &Datasource) -> Vec<&Segment> {
    d.segments
        .iter()
        .filter(|s| s.used && !s.realtime)
        .collect()
}

/// `GET /metadata/segments[?datasources=..][&includeOvershadowedStatus]`.
pub async fn segments(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let wanted = p.all("datasources");
    let (st, _) = ctx.state();
    let with_status = p.has("includeOvershadowedStatus");
    let chosen: Vec<&Datasource> = st
        .datasources
        .iter()
        .filter(|d| wanted.is_empty() || wanted.contains(&d.name.as_str()))
        .collect();
    let total: usize = chosen.iter().map(|d| d.segments.len()).sum();
    let mut out = String::with_capacity(total * 760 + 2);
    out.push('[');
    let mut first = true;
    for d in chosen {
        let text = DsText::new(d);
        for s in d.segments.iter().filter(|s| s.used && !s.realtime) {
            if !first {
                out.push(',');
            }
            first = false;
            write_segment(&mut out, s, &text, with_status);
        }
    }
    out.push(']');
    ok_json_text(out)
}

/// `GET /metadata/datasources[?includeUnused|?includeDisabled|?full]`.
pub async fn datasources(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, _) = ctx.state();
    if p.has("includeUnused") || p.has("includeDisabled") {
        return ok_json(
            &st.datasources
                .iter()
                .map(|d| d.name.clone())
                .collect::<Vec<_>>(),
        );
    }
    let with_used: Vec<&Datasource> = st
        .datasources
        .iter()
        .filter(|d| !used(d).is_empty())
        .collect();
    if p.has("full") {
        let total: usize = with_used.iter().map(|d| d.segments.len()).sum();
        let mut out = String::with_capacity(total * 700 + 2);
        out.push('[');
        for (i, d) in with_used.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_full(&mut out, d);
        }
        out.push(']');
        return ok_json_text(out);
    }
    ok_json(&with_used.iter().map(|d| d.name.clone()).collect::<Vec<_>>())
}

/// `{"name":..,"properties":{"created":..},"segments":[used segments]}` as text.
fn write_full(out: &mut String, d: &Datasource) {
    out.push_str("{\"name\":");
    out.push_str(&Value::from(d.name.as_str()).to_string());
    out.push_str(",\"properties\":{\"created\":\"");
    out.push_str(&iso_millis(d.created));
    out.push_str("\"},\"segments\":");
    write_segments(out, used(d), &DsText::new(d), false);
    out.push('}');
}

fn full(d: &Datasource) -> Response {
    let mut out = String::with_capacity(d.segments.len() * 700 + 100);
    write_full(&mut out, d);
    ok_json_text(out)
}

/// `GET /metadata/datasources/{ds}`; 404 without a body when unknown.
pub async fn datasource(State(ctx): State<DruidCtx>, Path(ds): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.datasource(&ds).filter(|d| !used(d).is_empty()) {
        Some(d) => full(d),
        None => empty(StatusCode::NOT_FOUND),
    }
}

/// `GET /metadata/datasources/{ds}/segments[?full]`.
pub async fn datasource_segments(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    uri: Uri,
) -> Response {
    let p = Params::from_uri(&uri);
    let (st, _) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return ok_json(&json!([]));
    };
    if p.has("full") {
        let mut out = String::with_capacity(d.segments.len() * 700 + 2);
        write_segments(&mut out, used(d), &DsText::new(d), false);
        return ok_json_text(out);
    }
    ok_json(&used(d).iter().map(|s| s.id()).collect::<Vec<_>>())
}

/// `POST /metadata/datasources/{ds}/segments[?full]` with a JSON list of intervals.
pub async fn datasource_segments_in(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let p = Params::from_uri(&uri);
    let Ok(list) = serde_json::from_slice::<Vec<String>>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "Request body must be a JSON list of ISO 8601 intervals",
        );
    };
    let mut ranges = Vec::new();
    for i in &list {
        match url_interval(i) {
            Some(r) => ranges.push(r),
            None => return error(StatusCode::BAD_REQUEST, &format!("Invalid interval [{i}]")),
        }
    }
    let (st, _) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return ok_json(&json!([]));
    };
    let segs: Vec<&Segment> = used(d)
        .into_iter()
        .filter(|s| ranges.iter().any(|(a, b)| s.end > *a && s.start < *b))
        .collect();
    if p.has("full") {
        let mut out = String::with_capacity(segs.len() * 700 + 2);
        write_segments(&mut out, segs, &DsText::new(d), false);
        return ok_json_text(out);
    }
    ok_json(&segs.iter().map(|s| s.id()).collect::<Vec<_>>())
}

/// `GET /metadata/datasources/{ds}/segments/{segment}`; 404 when unused or unknown.
pub async fn segment(
    State(ctx): State<DruidCtx>,
    Path((ds, id)): Path<(String, String)>,
) -> Response {
    let (st, _) = ctx.state();
    let found = st.datasource(&ds).and_then(|d| {
        used(d)
            .into_iter()
            .find(|s| s.id() == id)
            .map(|s| segment_json(s, d))
    });
    match found {
        Some(v) => ok_json(&v),
        None => empty(StatusCode::NOT_FOUND),
    }
}

/// `GET /metadata/datasources/{ds}/unusedSegments[?interval=..][&limit=n][&lastSegmentId=..]
/// [&sortOrder=ASC|DESC]`: the datasource's unused segments (Druid 29+), each as
/// `{"dataSegment": .., "createdDate": .., "usedStatusLastUpdatedDate": ..}`; pages go on after
/// `lastSegmentId` in the order asked (by id without one).
pub async fn unused_segments(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    uri: Uri,
) -> Response {
    let p = Params::from_uri(&uri);
    let within = match p.get("interval") {
        Some(i) => match url_interval(&i.replace('_', "/")) {
            Some(r) => Some(r),
            None => return error(StatusCode::BAD_REQUEST, &format!("Invalid interval [{i}]")),
        },
        None => None,
    };
    let desc = match p.get("sortOrder").map(|s| s.to_ascii_uppercase()) {
        None => false,
        Some(s) if s == "ASC" => false,
        Some(s) if s == "DESC" => true,
        Some(s) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Unexpected value[{s}] for SortOrder. Possible values are: [ASC, DESC]"),
            )
        }
    };
    let limit = p.int("limit").filter(|n| *n > 0).map(|n| n as usize);
    let last = p.get("lastSegmentId").map(str::to_string);
    let (st, _) = ctx.state();
    let Some(d) = st.datasource(&ds) else {
        return ok_json(&json!([]));
    };
    let mut segs: Vec<(String, &Segment)> = d
        .segments
        .iter()
        .filter(|s| !s.used && !s.realtime)
        .filter(|s| within.is_none_or(|(a, b)| s.start >= a && s.end <= b))
        .map(|s| (s.id(), s))
        .collect();
    segs.sort_by(|a, b| a.0.cmp(&b.0));
    if desc {
        segs.reverse();
    }
    let out: Vec<Value> = segs
        .into_iter()
        .filter(|(id, _)| match &last {
            None => true,
            Some(l) if desc => id < l,
            Some(l) => id > l,
        })
        .take(limit.unwrap_or(usize::MAX))
        .map(|(_, s)| {
            json!({
                "dataSegment": segment_json(s, d),
                "createdDate": s.version,
                "usedStatusLastUpdatedDate": null,
            })
        })
        .collect();
    ok_json(&out)
}
