//! Druid API: datasources, their intervals and segments on the coordinator (its view of what is
//! served, and the metadata store's), marking segments used and unused, kill tasks by interval,
//! load status by datasource, and intervals across datasources. Paths are under
//! `/druid/coordinator/v1`. Endpoints that answer `204 No Content` for an unknown datasource
//! return `None` then.

use super::{get, interval_segment, request, send, send_json, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::druid::model::datasources::{
    DatasourceProperties, DatasourceSimple, IntervalStats, MarkPayload, MarkResult, SegmentRow,
    UnusedSegment,
};
use crate::url_state::{encode, encode_segment};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeMap;

const C: Target = Target::Coordinator;

/// `/druid/coordinator/v1` + `rest`.
fn p(rest: &str) -> String {
    format!("/druid/coordinator/v1{rest}")
}

/// `/druid/coordinator/v1/datasources/{ds}` + `rest`.
fn dsp(ds: &str, rest: &str) -> String {
    p(&format!("/datasources/{}{rest}", encode_segment(ds)))
}

/// `GET path`, `None` on an empty answer (204).
async fn get_opt<T: DeserializeOwned>(c: &Cluster, path: &str) -> Result<Option<T>, FetchError> {
    send_json(request(c, &C, "GET", path)).await
}

/// `?datasources=a&datasources=b` (without the leading separator), empty for none.
fn datasources_query(datasources: &[String]) -> String {
    datasources
        .iter()
        .map(|d| format!("datasources={}", encode(d)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The query of the load status calls.
fn load_query(mode: &str, force: bool, interval: Option<&str>) -> String {
    let mut q = format!("?{mode}forceMetadataRefresh={force}");
    if let Some(i) = interval.map(str::trim).filter(|i| !i.is_empty()) {
        q.push_str(&format!("&interval={}", encode(i)));
    }
    q
}

// ---- Segment loading by datasource ----

/// `GET /datasources/{ds}/loadstatus?forceMetadataRefresh=&interval=`: percentage of the
/// segments loaded, per datasource (`None`: no used segments in the interval).
pub async fn load_status_percent(
    c: &Cluster,
    ds: &str,
    force: bool,
    interval: Option<&str>,
) -> Result<Option<BTreeMap<String, f64>>, FetchError> {
    get_opt(c, &dsp(ds, &format!("/loadstatus{}", load_query("", force, interval)))).await
}

/// `GET /datasources/{ds}/loadstatus?simple&forceMetadataRefresh=&interval=`: segments left to
/// load (without replicas).
pub async fn load_status_simple(
    c: &Cluster,
    ds: &str,
    force: bool,
    interval: Option<&str>,
) -> Result<Option<BTreeMap<String, f64>>, FetchError> {
    get_opt(
        c,
        &dsp(ds, &format!("/loadstatus{}", load_query("simple&", force, interval))),
    )
    .await
}

/// `GET /datasources/{ds}/loadstatus?full&forceMetadataRefresh=&interval=[&computeUsingClusterView]`:
/// segments left to load per tier, replicas included.
pub async fn load_status_full(
    c: &Cluster,
    ds: &str,
    force: bool,
    interval: Option<&str>,
    cluster_view: bool,
) -> Result<Option<BTreeMap<String, BTreeMap<String, f64>>>, FetchError> {
    let mut q = load_query("full&", force, interval);
    if cluster_view {
        q.push_str("&computeUsingClusterView");
    }
    get_opt(c, &dsp(ds, &format!("/loadstatus{q}"))).await
}

// ---- Metadata store ----

/// `GET /metadata/segments[?datasources=..][&includeOvershadowedStatus]`: used segments of all
/// (or the given) datasources; with `overshadowed`, each says whether it is overshadowed.
pub async fn metadata_segments(
    c: &Cluster,
    datasources: &[String],
    overshadowed: bool,
) -> Result<Vec<SegmentRow>, FetchError> {
    let mut q: Vec<String> = Vec::new();
    if overshadowed {
        q.push("includeOvershadowedStatus".into());
    }
    let ds = datasources_query(datasources);
    if !ds.is_empty() {
        q.push(ds);
    }
    let query = if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    };
    request(c, &C, "GET", &p(&format!("/metadata/segments{query}")))
        .json_list()
        .await
}

/// `GET /metadata/datasources`: names with at least one used segment.
pub async fn metadata_datasources(c: &Cluster) -> Result<Vec<String>, FetchError> {
    get(c, &C, &p("/metadata/datasources")).await
}

/// `GET /metadata/datasources?includeUnused`: every name, used segments or not.
pub async fn metadata_datasources_include_unused(c: &Cluster) -> Result<Vec<String>, FetchError> {
    get(c, &C, &p("/metadata/datasources?includeUnused")).await
}

/// `GET /metadata/datasources?includeDisabled`: every name, disabled or not (older Druid).
pub async fn metadata_datasources_include_disabled(
    c: &Cluster,
) -> Result<Vec<String>, FetchError> {
    get(c, &C, &p("/metadata/datasources?includeDisabled")).await
}

/// `GET /metadata/datasources?full`: datasources with used segments, all their metadata.
pub async fn metadata_datasources_full(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &C, &p("/metadata/datasources?full")).await
}

/// `GET /metadata/datasources/{ds}`: the datasource as the metadata store has it (404 if it has
/// no used segment).
pub async fn metadata_datasource(c: &Cluster, ds: &str) -> Result<Value, FetchError> {
    get(c, &C, &p(&format!("/metadata/datasources/{}", encode_segment(ds)))).await
}

/// `GET /metadata/datasources/{ds}/segments`: its segment ids in the metadata store.
pub async fn metadata_segment_ids(c: &Cluster, ds: &str) -> Result<Vec<String>, FetchError> {
    get(c, &C, &p(&format!("/metadata/datasources/{}/segments", encode_segment(ds)))).await
}

/// `GET /metadata/datasources/{ds}/segments?full`: its segments in the metadata store.
pub async fn metadata_segments_full(c: &Cluster, ds: &str) -> Result<Vec<SegmentRow>, FetchError> {
    let path = p(&format!("/metadata/datasources/{}/segments?full", encode_segment(ds)));
    request(c, &C, "GET", &path).json_list().await
}

/// `GET /metadata/datasources/{ds}/unusedSegments?interval=&limit=&lastSegmentId=&sortOrder=`:
/// a page of the datasource's unused segments (Druid 29+), after `last` when given.
pub async fn metadata_unused_segments(
    c: &Cluster,
    ds: &str,
    interval: Option<&str>,
    limit: u32,
    last: Option<&str>,
    descending: bool,
) -> Result<Vec<UnusedSegment>, FetchError> {
    let mut path = format!(
        "/metadata/datasources/{}/unusedSegments?limit={limit}&sortOrder={}",
        encode_segment(ds),
        if descending { "DESC" } else { "ASC" }
    );
    if let Some(i) = interval.filter(|i| !i.trim().is_empty()) {
        path.push_str(&format!("&interval={}", encode(&i.trim().replace('/', "_"))));
    }
    if let Some(l) = last.filter(|l| !l.is_empty()) {
        path.push_str(&format!("&lastSegmentId={}", encode(l)));
    }
    get(c, &C, &p(&path)).await
}

/// `GET /metadata/datasources/{ds}/segments/{id}`: one used segment's metadata (404 if unused).
pub async fn metadata_segment(c: &Cluster, ds: &str, id: &str) -> Result<Value, FetchError> {
    get(
        c,
        &C,
        &p(&format!(
            "/metadata/datasources/{}/segments/{}",
            encode_segment(ds),
            encode_segment(id)
        )),
    )
    .await
}

/// `POST /metadata/datasources/{ds}/segments` with a list of intervals: ids of the segments
/// overlapping any of them.
pub async fn metadata_segment_ids_in(
    c: &Cluster,
    ds: &str,
    intervals: &[String],
) -> Result<Vec<String>, FetchError> {
    let path = p(&format!("/metadata/datasources/{}/segments", encode_segment(ds)));
    send_json(request(c, &C, "POST", &path).json_body(&intervals)).await
}

/// `POST /metadata/datasources/{ds}/segments?full` with a list of intervals: those segments.
pub async fn metadata_segments_in(
    c: &Cluster,
    ds: &str,
    intervals: &[String],
) -> Result<Vec<SegmentRow>, FetchError> {
    let path = p(&format!("/metadata/datasources/{}/segments?full", encode_segment(ds)));
    send_json(request(c, &C, "POST", &path).json_body(&intervals)).await
}

// ---- Datasources ----

/// `GET /datasources`: names of the datasources the coordinator serves.
pub async fn datasource_names(c: &Cluster) -> Result<Vec<String>, FetchError> {
    get(c, &C, &p("/datasources")).await
}

/// `GET /datasources?simple`: each with segment count, sizes and time range.
pub async fn datasources_simple(c: &Cluster) -> Result<Vec<DatasourceSimple>, FetchError> {
    get(c, &C, &p("/datasources?simple")).await
}

/// `GET /datasources?full`: each with all its segments' metadata (large).
pub async fn datasources_full(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &C, &p("/datasources?full")).await
}

/// `GET /datasources/{ds}`: its totals and tiers (`None`: not served).
pub async fn datasource(c: &Cluster, ds: &str) -> Result<Option<DatasourceProperties>, FetchError> {
    get_opt(c, &dsp(ds, "")).await
}

/// `GET /datasources/{ds}?full`: all of its metadata.
pub async fn datasource_full(c: &Cluster, ds: &str) -> Result<Option<Value>, FetchError> {
    get_opt(c, &dsp(ds, "?full")).await
}

/// `GET /datasources/{ds}/intervals`: its segment intervals.
pub async fn intervals(c: &Cluster, ds: &str) -> Result<Option<Vec<String>>, FetchError> {
    get_opt(c, &dsp(ds, "/intervals")).await
}

/// `GET /datasources/{ds}/intervals?simple`: size and count per interval.
pub async fn intervals_simple(
    c: &Cluster,
    ds: &str,
) -> Result<Option<BTreeMap<String, IntervalStats>>, FetchError> {
    get_opt(c, &dsp(ds, "/intervals?simple")).await
}

/// `GET /datasources/{ds}/intervals?full`: per interval, each segment and its servers.
pub async fn intervals_full(c: &Cluster, ds: &str) -> Result<Option<Value>, FetchError> {
    get_opt(c, &dsp(ds, "/intervals?full")).await
}

/// `GET /datasources/{ds}/intervals/{interval}`: ids of the segments inside the interval.
pub async fn interval_segment_ids(
    c: &Cluster,
    ds: &str,
    interval: &str,
) -> Result<Option<Vec<String>>, FetchError> {
    get_opt(c, &dsp(ds, &format!("/intervals/{}", interval_segment(interval)))).await
}

/// `GET /datasources/{ds}/intervals/{interval}?simple`: size and count per interval inside it.
pub async fn interval_simple(
    c: &Cluster,
    ds: &str,
    interval: &str,
) -> Result<Option<BTreeMap<String, IntervalStats>>, FetchError> {
    get_opt(
        c,
        &dsp(ds, &format!("/intervals/{}?simple", interval_segment(interval))),
    )
    .await
}

/// `GET /datasources/{ds}/intervals/{interval}?full`: segments and servers per interval inside.
pub async fn interval_full(
    c: &Cluster,
    ds: &str,
    interval: &str,
) -> Result<Option<Value>, FetchError> {
    get_opt(
        c,
        &dsp(ds, &format!("/intervals/{}?full", interval_segment(interval))),
    )
    .await
}

/// `GET /datasources/{ds}/intervals/{interval}/serverview`: the servers of each segment.
pub async fn interval_serverview(
    c: &Cluster,
    ds: &str,
    interval: &str,
) -> Result<Option<Value>, FetchError> {
    get_opt(
        c,
        &dsp(ds, &format!("/intervals/{}/serverview", interval_segment(interval))),
    )
    .await
}

/// `GET /datasources/{ds}/segments`: ids of its served segments.
pub async fn segment_ids(c: &Cluster, ds: &str) -> Result<Option<Vec<String>>, FetchError> {
    get_opt(c, &dsp(ds, "/segments")).await
}

/// `GET /datasources/{ds}/segments?full`: its served segments.
pub async fn segments_full(c: &Cluster, ds: &str) -> Result<Option<Vec<SegmentRow>>, FetchError> {
    get_opt(c, &dsp(ds, "/segments?full")).await
}

/// `GET /datasources/{ds}/segments/{id}`: one served segment (`None`: not served).
pub async fn segment(c: &Cluster, ds: &str, id: &str) -> Result<Option<Value>, FetchError> {
    get_opt(c, &dsp(ds, &format!("/segments/{}", encode_segment(id)))).await
}

/// `GET /datasources/{ds}/tiers`: the tiers holding it.
pub async fn tiers(c: &Cluster, ds: &str) -> Result<Vec<String>, FetchError> {
    Ok(get_opt(c, &dsp(ds, "/tiers")).await?.unwrap_or_default())
}

/// `POST /datasources/{ds}`: marks every segment of it used.
pub async fn mark_all_used(c: &Cluster, ds: &str) -> Result<MarkResult, FetchError> {
    mark(request(c, &C, "POST", &dsp(ds, ""))).await
}

/// `POST /datasources/{ds}/segments/{id}`: marks one segment used.
pub async fn mark_segment_used(c: &Cluster, ds: &str, id: &str) -> Result<MarkResult, FetchError> {
    let path = dsp(ds, &format!("/segments/{}", encode_segment(id)));
    mark(request(c, &C, "POST", &path)).await
}

/// `POST /datasources/{ds}/markUsed` with `{"interval"}` or `{"segmentIds"}`.
pub async fn mark_used(c: &Cluster, ds: &str, body: &MarkPayload) -> Result<MarkResult, FetchError> {
    mark(request(c, &C, "POST", &dsp(ds, "/markUsed")).json_body(body)).await
}

/// `POST /datasources/{ds}/markUnused` with `{"interval"}` or `{"segmentIds"}`.
pub async fn mark_unused(
    c: &Cluster,
    ds: &str,
    body: &MarkPayload,
) -> Result<MarkResult, FetchError> {
    mark(request(c, &C, "POST", &dsp(ds, "/markUnused")).json_body(body)).await
}

/// `DELETE /datasources/{ds}`: marks every segment of it unused.
pub async fn mark_all_unused(c: &Cluster, ds: &str) -> Result<MarkResult, FetchError> {
    mark(request(c, &C, "DELETE", &dsp(ds, ""))).await
}

/// `DELETE /datasources/{ds}/segments/{id}`: marks one segment unused.
pub async fn mark_segment_unused(
    c: &Cluster,
    ds: &str,
    id: &str,
) -> Result<MarkResult, FetchError> {
    let path = dsp(ds, &format!("/segments/{}", encode_segment(id)));
    mark(request(c, &C, "DELETE", &path)).await
}

/// `DELETE /datasources/{ds}/intervals/{interval}`: runs a kill task for the interval (its
/// unused segments are deleted from deep storage and the metadata store).
pub async fn kill_interval(c: &Cluster, ds: &str, interval: &str) -> Result<(), FetchError> {
    let path = dsp(ds, &format!("/intervals/{}", interval_segment(interval)));
    send(request(c, &C, "DELETE", &path)).await
}

/// `DELETE /datasources/{ds}?kill=true&interval=`: the same kill, deprecated form.
pub async fn kill_interval_deprecated(
    c: &Cluster,
    ds: &str,
    interval: &str,
) -> Result<(), FetchError> {
    let path = dsp(ds, &format!("?kill=true&interval={}", interval_segment(interval)));
    send(request(c, &C, "DELETE", &path)).await
}

/// The answer of a mark call (an empty one counts as "done").
async fn mark(req: crate::net::ApiRequest) -> Result<MarkResult, FetchError> {
    Ok(send_json::<Option<MarkResult>>(req).await?.unwrap_or_default())
}

// ---- Intervals across datasources ----

/// `GET /intervals`: every interval with total size and count.
pub async fn all_intervals(c: &Cluster) -> Result<BTreeMap<String, IntervalStats>, FetchError> {
    get(c, &C, &p("/intervals")).await
}

/// `GET /intervals/{interval}`: total size and count of the intervals intersecting it.
pub async fn interval_total(c: &Cluster, interval: &str) -> Result<IntervalStats, FetchError> {
    get(c, &C, &p(&format!("/intervals/{}", interval_segment(interval)))).await
}

/// `GET /intervals/{interval}?simple`: size and count per interval within it.
pub async fn interval_breakdown(
    c: &Cluster,
    interval: &str,
) -> Result<BTreeMap<String, IntervalStats>, FetchError> {
    get(c, &C, &p(&format!("/intervals/{}?simple", interval_segment(interval)))).await
}

/// `GET /intervals/{interval}?full`: size and count per datasource per interval within it.
pub async fn interval_by_datasource(
    c: &Cluster,
    interval: &str,
) -> Result<BTreeMap<String, BTreeMap<String, IntervalStats>>, FetchError> {
    get(c, &C, &p(&format!("/intervals/{}?full", interval_segment(interval)))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_queries() {
        assert_eq!(
            load_query("simple&", true, Some("2024-01-01/2024-01-02")),
            "?simple&forceMetadataRefresh=true&interval=2024-01-01/2024-01-02"
        );
        assert_eq!(load_query("", false, Some(" ")), "?forceMetadataRefresh=false");
        assert_eq!(
            datasources_query(&["a b".into(), "c".into()]),
            "datasources=a%20b&datasources=c"
        );
        assert_eq!(dsp("a/b", "/tiers"), "/druid/coordinator/v1/datasources/a%2Fb/tiers");
    }
}
