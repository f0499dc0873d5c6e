//! Druid API: dynamic configuration (coordinator, overlord workers) and compaction.

use super::rules::audited;
use super::{get, request, send, send_json, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::druid::model::config::{
    CompactionAudit, CompactionConfigs, CompactionProgress, CompactionStatuses,
};
use crate::systems::druid::model::rules::{newest_first, AuditEntry, HistoryFilter};
use crate::url_state::{encode, encode_segment};
use serde_json::Value;

/// `GET /druid/coordinator/v1/config`: the coordinator's dynamic config.
pub async fn coordinator_config(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/config").await
}

/// `POST /druid/coordinator/v1/config`, audited with `X-Druid-Author` / `X-Druid-Comment`.
pub async fn set_coordinator_config(
    c: &Cluster,
    config: &Value,
    author: &str,
    comment: &str,
) -> Result<(), FetchError> {
    let req = request(c, &Target::Coordinator, "POST", "/druid/coordinator/v1/config");
    send(audited(req, author, comment).json_body(config)).await
}

/// `GET /druid/coordinator/v1/config/history?count=|interval=`, newest first.
pub async fn coordinator_config_history(
    c: &Cluster,
    filter: &HistoryFilter,
) -> Result<Vec<AuditEntry>, FetchError> {
    let path = format!("/druid/coordinator/v1/config/history?{}", filter.query());
    get(c, &Target::Coordinator, &path).await.map(newest_first)
}

/// `GET /druid/indexer/v1/worker`: the overlord's worker config (`null` when never set).
pub async fn worker_config(c: &Cluster) -> Result<Value, FetchError> {
    send_json(request(c, &Target::Overlord, "GET", "/druid/indexer/v1/worker")).await
}

/// `POST /druid/indexer/v1/worker`, audited with `X-Druid-Author` / `X-Druid-Comment`.
pub async fn set_worker_config(
    c: &Cluster,
    config: &Value,
    author: &str,
    comment: &str,
) -> Result<(), FetchError> {
    let req = request(c, &Target::Overlord, "POST", "/druid/indexer/v1/worker");
    send(audited(req, author, comment).json_body(config)).await
}

/// `GET /druid/indexer/v1/worker/history?count=|interval=`, newest first.
pub async fn worker_config_history(
    c: &Cluster,
    filter: &HistoryFilter,
) -> Result<Vec<AuditEntry>, FetchError> {
    let path = format!("/druid/indexer/v1/worker/history?{}", filter.query());
    get(c, &Target::Overlord, &path).await.map(newest_first)
}

/// `GET /druid/coordinator/v1/config/compaction`: every datasource's auto-compaction config.
pub async fn compaction_configs(c: &Cluster) -> Result<CompactionConfigs, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/config/compaction").await
}

/// `GET /druid/coordinator/v1/config/compaction/{ds}/history?count=|interval=`: the changes of a
/// datasource's auto-compaction config, newest first.
pub async fn compaction_config_history(
    c: &Cluster,
    ds: &str,
    filter: &HistoryFilter,
) -> Result<Vec<AuditEntry>, FetchError> {
    let path = format!(
        "/druid/coordinator/v1/config/compaction/{}/history?{}",
        encode_segment(ds),
        filter.query()
    );
    let list: Vec<CompactionAudit> = get(c, &Target::Coordinator, &path).await?;
    Ok(newest_first(
        list.into_iter().map(|e| e.into_entry(ds)).collect(),
    ))
}

/// `GET /druid/coordinator/v1/config/compaction/{ds}`; `None` when the datasource has none (404).
pub async fn compaction_config(c: &Cluster, ds: &str) -> Result<Option<Value>, FetchError> {
    let path = format!(
        "/druid/coordinator/v1/config/compaction/{}",
        encode_segment(ds)
    );
    match get(c, &Target::Coordinator, &path).await {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_not_found(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `POST /druid/coordinator/v1/config/compaction`: creates or replaces a datasource's config,
/// audited with `X-Druid-Author` / `X-Druid-Comment` (empty ones are left out).
pub async fn set_compaction_config(
    c: &Cluster,
    config: &Value,
    author: &str,
    comment: &str,
) -> Result<(), FetchError> {
    let req = request(
        c,
        &Target::Coordinator,
        "POST",
        "/druid/coordinator/v1/config/compaction",
    );
    send(audited(req, author, comment).json_body(config)).await
}

/// `DELETE /druid/coordinator/v1/config/compaction/{ds}`: turns auto-compaction off for `ds`.
pub async fn delete_compaction_config(c: &Cluster, ds: &str) -> Result<(), FetchError> {
    let path = format!(
        "/druid/coordinator/v1/config/compaction/{}",
        encode_segment(ds)
    );
    send(request(c, &Target::Coordinator, "DELETE", &path)).await
}

/// `POST /druid/coordinator/v1/config/compaction/taskslots?ratio=&max=` (absent: Druid's
/// defaults, 0.1 and unbounded).
pub async fn set_compaction_task_slots(
    c: &Cluster,
    ratio: Option<f64>,
    max: Option<i64>,
) -> Result<(), FetchError> {
    let mut q = Vec::new();
    if let Some(r) = ratio {
        q.push(format!("ratio={}", encode(&r.to_string())));
    }
    if let Some(m) = max {
        q.push(format!("max={m}"));
    }
    let path = format!(
        "/druid/coordinator/v1/config/compaction/taskslots{}{}",
        if q.is_empty() { "" } else { "?" },
        q.join("&")
    );
    send(request(c, &Target::Coordinator, "POST", &path)).await
}

/// `GET /druid/coordinator/v1/compaction/status` (every datasource) or `?dataSource=`.
pub async fn compaction_status(
    c: &Cluster,
    ds: Option<&str>,
) -> Result<CompactionStatuses, FetchError> {
    let path = match ds {
        Some(ds) => format!(
            "/druid/coordinator/v1/compaction/status?dataSource={}",
            encode(ds)
        ),
        None => "/druid/coordinator/v1/compaction/status".into(),
    };
    get(c, &Target::Coordinator, &path).await
}

/// `GET /druid/coordinator/v1/compaction/progress?dataSource=`: bytes still to compact.
pub async fn compaction_progress(c: &Cluster, ds: &str) -> Result<CompactionProgress, FetchError> {
    let path = format!(
        "/druid/coordinator/v1/compaction/progress?dataSource={}",
        encode(ds)
    );
    get(c, &Target::Coordinator, &path).await
}

/// Whether the call failed with HTTP 404.
pub fn is_not_found(e: &FetchError) -> bool {
    matches!(e.error, crate::net::NetError::Http { status: 404, .. })
}
