//! Process information every Druid process answers (`/status*`), and the leaders of the
//! coordinator and the overlord.

use super::{get, text, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::druid::model::status::{ProcessStatus, SelfDiscovered};
use std::collections::BTreeMap;

/// `GET /status`: version, modules and memory of the process behind `target`.
pub async fn status(c: &Cluster, target: &Target) -> Result<ProcessStatus, FetchError> {
    get(c, target, "/status").await
}

/// `GET /status/health`: `true` when the process is healthy.
pub async fn health(c: &Cluster, target: &Target) -> Result<String, FetchError> {
    text(c, target, "/status/health").await
}

/// `GET /status/properties`: the process's runtime properties.
pub async fn properties(
    c: &Cluster,
    target: &Target,
) -> Result<BTreeMap<String, String>, FetchError> {
    get(c, target, "/status/properties").await
}

/// `GET /status/selfDiscovered/status`: whether the process has discovered itself.
pub async fn self_discovered_status(
    c: &Cluster,
    target: &Target,
) -> Result<SelfDiscovered, FetchError> {
    get(c, target, "/status/selfDiscovered/status").await
}

/// `GET /status/selfDiscovered`: the same, as a bare status code (200 or 503).
pub async fn self_discovered(c: &Cluster, target: &Target) -> Result<String, FetchError> {
    text(c, target, "/status/selfDiscovered").await
}

/// `GET /druid/coordinator/v1/leader`: the leading coordinator's URL (plain text).
pub async fn coordinator_leader(c: &Cluster) -> Result<String, FetchError> {
    Ok(text(c, &Target::Coordinator, "/druid/coordinator/v1/leader")
        .await?
        .trim()
        .to_string())
}

/// `GET /druid/coordinator/v1/isLeader`: whether this coordinator leads (`{"leader": bool}`).
pub async fn coordinator_is_leader(c: &Cluster, target: &Target) -> Result<bool, FetchError> {
    is_leader(c, target, "/druid/coordinator/v1/isLeader").await
}

/// `GET /druid/indexer/v1/leader`: the leading overlord's URL (plain text).
pub async fn overlord_leader(c: &Cluster) -> Result<String, FetchError> {
    Ok(text(c, &Target::Overlord, "/druid/indexer/v1/leader")
        .await?
        .trim()
        .to_string())
}

/// `GET /druid/indexer/v1/isLeader`: whether this overlord leads.
pub async fn overlord_is_leader(c: &Cluster, target: &Target) -> Result<bool, FetchError> {
    is_leader(c, target, "/druid/indexer/v1/isLeader").await
}

async fn is_leader(c: &Cluster, target: &Target, path: &str) -> Result<bool, FetchError> {
    // Druid answers 200 `{"leader":true}` or 404 `{"leader":false}`.
    match get::<crate::systems::druid::model::status::IsLeader>(c, target, path).await {
        Ok(l) => Ok(l.leader),
        Err(e) if e.error.status() == Some(404) => Ok(false),
        Err(e) => Err(e),
    }
}
