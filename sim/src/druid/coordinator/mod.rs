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
use crate::timefmt::iso_millis;

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

/// The historical as a server entry (`DruidServerMetadata`).
pub fn historical_server(st: &DruidState) -> Value {
    json!({"name": st.historical(), "hostAndPort": st.historical(), "hostAndTlsPort": null, "maxSize": 300_000_000_000i64, "type": "historical", "tier": "_default_tier", "priority": 0})
}
