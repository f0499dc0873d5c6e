//! Coordinator APIs under `/druid/coordinator/v1`.

mod cluster;
mod config;
mod datasources;
mod metadata;
mod rules;

/// History and audit helpers (also used by the overlord's worker config).
pub mod rules_audit {
    pub use super::rules::{audit_info, history};
}

use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::state::{Datasource, DruidState, Segment};
use super::DruidCtx;
use crate::timefmt::{iso_millis, push_int, push_iso_millis};

/// Coordinator routes (mounted on the coordinator and the router).
pub fn routes() -> Router<DruidCtx> {
    let p = |s: &str| format!("/druid/coordinator/v1{s}");
    Router::new()
        .route(&p("/leader"), get(cluster::leader))
        .route(&p("/isLeader"), get(cluster::is_leader))
        .route(&p("/loadstatus"), get(cluster::load_status))
        .route(&p("/loadqueue"), get(cluster::load_queue))
        .route(&p("/servers"), get(cluster::servers))
        .route(&p("/intervals"), get(cluster::intervals))
        .route(&p("/intervals/{interval}"), get(cluster::interval))
        .route(&p("/metadata/segments"), get(metadata::segments))
        .route(&p("/metadata/datasources"), get(metadata::datasources))
        .route(&p("/metadata/datasources/{ds}"), get(metadata::datasource))
        .route(
            &p("/metadata/datasources/{ds}/segments"),
            get(metadata::datasource_segments).post(metadata::datasource_segments_in),
        )
        .route(
            &p("/metadata/datasources/{ds}/unusedSegments"),
            get(metadata::unused_segments),
        )
        .route(
            &p("/metadata/datasources/{ds}/segments/{segment}"),
            get(metadata::segment),
        )
        .route(&p("/datasources"), get(datasources::list))
        .route(
            &p("/datasources/{ds}"),
            get(datasources::get_one)
                .post(datasources::mark_all_used)
                .delete(datasources::mark_all_unused),
        )
        .route(
            &p("/datasources/{ds}/loadstatus"),
            get(datasources::load_status),
        )
        .route(
            &p("/datasources/{ds}/intervals"),
            get(datasources::intervals),
        )
        .route(
            &p("/datasources/{ds}/intervals/{interval}"),
            get(datasources::interval).delete(datasources::kill_interval),
        )
        .route(
            &p("/datasources/{ds}/intervals/{interval}/serverview"),
            get(datasources::serverview),
        )
        .route(&p("/datasources/{ds}/segments"), get(datasources::segments))
        .route(
            &p("/datasources/{ds}/segments/{segment}"),
            get(datasources::segment)
                .post(datasources::mark_segment_used)
                .delete(datasources::mark_segment_unused),
        )
        .route(&p("/datasources/{ds}/tiers"), get(datasources::tiers))
        .route(
            &p("/datasources/{ds}/markUsed"),
            post(datasources::mark_used),
        )
        .route(
            &p("/datasources/{ds}/markUnused"),
            post(datasources::mark_unused),
        )
        .route(&p("/rules"), get(rules::all))
        .route(&p("/rules/history"), get(rules::history_all))
        .route(
            &p("/rules/{ds}"),
            get(rules::get_rules).post(rules::set_rules),
        )
        .route(&p("/rules/{ds}/history"), get(rules::history_one))
        .route(
            &p("/config"),
            get(config::get_config).post(config::set_config),
        )
        .route(&p("/config/history"), get(config::config_history))
        .route(
            &p("/config/compaction"),
            get(config::compaction_all).post(config::compaction_set),
        )
        .route(
            &p("/config/compaction/taskslots"),
            post(config::compaction_slots),
        )
        .route(
            &p("/config/compaction/{ds}"),
            get(config::compaction_one).delete(config::compaction_delete),
        )
        .route(
            &p("/config/compaction/{ds}/history"),
            get(config::compaction_history),
        )
        .route(&p("/compaction/progress"), get(config::compaction_progress))
        .route(&p("/compaction/status"), get(config::compaction_status))
}

/// Full segment metadata (`DataSegment`).
pub fn segment_json(s: &Segment, ds: &Datasource) -> Value {
    let compaction = if s.compacted {
        json!({"partitionsSpec": {"type": "dynamic", "maxRowsPerSegment": 5000000, "maxTotalRows": null}, "dimensionsSpec": {"dimensions": ds.dimensions}, "metricsSpec": [], "transformSpec": null, "indexSpec": {"bitmap": {"type": "roaring"}, "dimensionCompression": "lz4", "metricCompression": "lz4", "longEncoding": "longs"}, "granularitySpec": {"type": "uniform", "segmentGranularity": "DAY", "queryGranularity": {"type": "none"}, "rollup": false, "intervals": null}})
    } else {
        Value::Null
    };
    json!({
        "dataSource": s.datasource,
        "interval": s.interval(),
        "version": s.version,
        "loadSpec": {"type": "s3_zip", "bucket": "druid-deep-storage", "key": format!("druid/segments/{}/{}_{}/{}/{}/index.zip", s.datasource, iso_millis(s.start), iso_millis(s.end), s.version, s.partition)},
        "dimensions": ds.dimensions.join(","),
        "metrics": ds.metrics.join(","),
        "shardSpec": {"type": "numbered", "partitionNum": s.partition, "partitions": s.partitions},
        "lastCompactionState": compaction,
        "binaryVersion": 9,
        "size": s.size,
        "identifier": s.id(),
    })
}

/// JSON pieces of a datasource that every one of its segments repeats, rendered once.
pub struct DsText {
    /// The name as it goes into ids and storage keys.
    name: String,
    /// `"dataSource":"..","` fragment start (name quoted).
    quoted_name: String,
    /// Quoted comma-joined dimensions.
    dimensions: String,
    /// Quoted comma-joined metrics.
    metrics: String,
    /// `lastCompactionState` of compacted segments.
    compaction: String,
    /// The name needs no escaping.
    plain: bool,
}

impl DsText {
    /// Renders the shared pieces of `d`.
    pub fn new(d: &Datasource) -> DsText {
        let probe = Segment {
            datasource: d.name.clone(),
            start: 0,
            end: 0,
            version: String::new(),
            partition: 0,
            partitions: 1,
            size: 0,
            num_rows: 0,
            used: true,
            loaded_at: 0,
            overshadowed: false,
            realtime: false,
            compacted: true,
        };
        DsText {
            name: d.name.clone(),
            quoted_name: quoted(&d.name),
            dimensions: quoted(&d.dimensions.join(",")),
            metrics: quoted(&d.metrics.join(",")),
            compaction: segment_json(&probe, d)["lastCompactionState"].to_string(),
            plain: plain(&d.name),
        }
    }
}

/// `text` as a JSON string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_str_lit(&mut out, text);
    out
}

/// Appends `text` as a JSON string literal (plain ASCII without quotes or backslashes is copied).
pub fn push_str_lit(out: &mut String, text: &str) {
    if plain(text) {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&Value::from(text).to_string());
    }
}

/// Whether `text` can go into a JSON string literal as it is.
fn plain(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
}

/// Appends the JSON of [`segment_json`] for `s` (with the `includeOvershadowedStatus` fields when
/// `status`) without building a `serde_json::Value`: list answers hold up to 200,000 of them.
pub fn write_segment(out: &mut String, s: &Segment, d: &DsText, status: bool) {
    write_segment_as(out, s, d, status, false);
}

/// Appends `"<segment id>":{segment JSON}`, an entry of a map from ids to segments.
pub fn write_segment_entry(out: &mut String, s: &Segment, d: &DsText) {
    write_segment_as(out, s, d, false, true);
}

/// Appends the segment id as a JSON string.
fn push_id(out: &mut String, s: &Segment, d: &DsText, start: &str, end: &str) {
    if d.plain && plain(&s.version) {
        out.push('"');
        out.push_str(&d.name);
        out.push('_');
        out.push_str(start);
        out.push('_');
        out.push_str(end);
        out.push('_');
        out.push_str(&s.version);
        if s.partition > 0 {
            out.push('_');
            push_int(out, s.partition as i64);
        }
        out.push('"');
    } else {
        push_str_lit(out, &s.id());
    }
}

fn write_segment_as(out: &mut String, s: &Segment, d: &DsText, status: bool, keyed: bool) {
    let (mut start, mut end) = (String::with_capacity(24), String::with_capacity(24));
    push_iso_millis(&mut start, s.start);
    push_iso_millis(&mut end, s.end);
    let (start, end) = (start.as_str(), end.as_str());
    if keyed {
        push_id(out, s, d, start, end);
        out.push(':');
    }
    out.push_str("{\"dataSource\":");
    out.push_str(&d.quoted_name);
    out.push_str(",\"interval\":\"");
    out.push_str(start);
    out.push('/');
    out.push_str(end);
    out.push_str("\",\"version\":");
    push_str_lit(out, &s.version);
    out.push_str(",\"loadSpec\":{\"type\":\"s3_zip\",\"bucket\":\"druid-deep-storage\",\"key\":");
    if d.plain && plain(&s.version) {
        out.push_str("\"druid/segments/");
        out.push_str(&d.name);
        out.push('/');
        out.push_str(start);
        out.push('_');
        out.push_str(end);
        out.push('/');
        out.push_str(&s.version);
        out.push('/');
        push_int(out, s.partition as i64);
        out.push_str("/index.zip\"");
    } else {
        push_str_lit(
            out,
            &format!(
                "druid/segments/{}/{start}_{end}/{}/{}/index.zip",
                d.name, s.version, s.partition
            ),
        );
    }
    out.push_str("},\"dimensions\":");
    out.push_str(&d.dimensions);
    out.push_str(",\"metrics\":");
    out.push_str(&d.metrics);
    out.push_str(",\"shardSpec\":{\"type\":\"numbered\",\"partitionNum\":");
    push_int(out, s.partition as i64);
    out.push_str(",\"partitions\":");
    push_int(out, s.partitions as i64);
    out.push_str("},\"lastCompactionState\":");
    out.push_str(if s.compacted { &d.compaction } else { "null" });
    out.push_str(",\"binaryVersion\":9,\"size\":");
    push_int(out, s.size);
    out.push_str(",\"identifier\":");
    push_id(out, s, d, start, end);
    if status {
        out.push_str(",\"overshadowed\":");
        out.push_str(if s.overshadowed { "true" } else { "false" });
        out.push_str(",\"replicationFactor\":");
        out.push_str(if s.overshadowed { "0" } else { "1" });
        out.push_str(",\"numRows\":");
        push_int(out, s.num_rows);
        out.push_str(",\"realtime\":false");
    }
    out.push('}');
}

/// Appends a JSON array of segments, all of datasource `d`.
pub fn write_segments<'a>(
    out: &mut String,
    segs: impl IntoIterator<Item = &'a Segment>,
    d: &DsText,
    status: bool,
) {
    out.push('[');
    for (i, s) in segs.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_segment(out, s, d, status);
    }
    out.push(']');
}

/// A `200 OK` `application/json` answer from JSON text rendered by hand.
pub fn ok_json_text(body: String) -> axum::response::Response {
    crate::http_util::raw(axum::http::StatusCode::OK, "application/json", body)
}

/// The historical as a server entry (`DruidServerMetadata`).
pub fn historical_server(st: &DruidState) -> Value {
    json!({"name": st.historical(), "hostAndPort": st.historical(), "hostAndTlsPort": null, "maxSize": 300_000_000_000i64, "type": "historical", "tier": "_default_tier", "priority": 0})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(ds: &str, partition: u32, compacted: bool, version: &str) -> Segment {
        Segment {
            datasource: ds.into(),
            start: 1_736_935_200_000,
            end: 1_736_938_800_000,
            version: version.into(),
            partition,
            partitions: 3,
            size: 123_456,
            num_rows: 789,
            used: true,
            loaded_at: 0,
            overshadowed: partition == 2,
            realtime: false,
            compacted,
        }
    }

    #[test]
    fn written_segments_equal_their_json_trees() {
        for name in ["wikipedia", "odd \"name\"\\ é"] {
            let d = Datasource {
                name: name.into(),
                dimensions: vec!["page".into(), "user \"x\"".into()],
                metrics: vec!["count".into()],
                created: 0,
                segments: vec![],
            };
            let text = DsText::new(&d);
            for s in [
                segment(name, 0, false, "2025-01-15T10:00:00.000Z"),
                segment(name, 1, true, "2025-01-15T10:00:00.000Z"),
                segment(name, 2, false, "v\"2\""),
            ] {
                let mut out = String::new();
                write_segment(&mut out, &s, &text, false);
                let written: Value = serde_json::from_str(&out).expect("JSON");
                assert_eq!(written, segment_json(&s, &d), "{out}");
                let mut out = String::new();
                write_segment(&mut out, &s, &text, true);
                let mut expected = segment_json(&s, &d);
                if let Some(o) = expected.as_object_mut() {
                    o.insert("overshadowed".into(), json!(s.overshadowed));
                    o.insert(
                        "replicationFactor".into(),
                        json!(if s.overshadowed { 0 } else { 1 }),
                    );
                    o.insert("numRows".into(), json!(s.num_rows));
                    o.insert("realtime".into(), json!(false));
                }
                let written: Value = serde_json::from_str(&out).expect("JSON");
                assert_eq!(written, expected, "{out}");
                let mut out = String::from("{");
                write_segment_entry(&mut out, &s, &text);
                out.push('}');
                let written: Value = serde_json::from_str(&out).expect("JSON");
                assert_eq!(written[s.id()], segment_json(&s, &d), "{out}");
            }
        }
    }
}
