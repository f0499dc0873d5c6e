//! Druid API: servers and load status (coordinator), workers and autoscaling (overlord), middle
//! managers, peons, historicals and brokers as nodes, and the counts the home page shows.

use super::{get, request, send_json, text, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::druid::model::services::{
    DatasourceSummary, HomeModel, LoadQueue, Server, TaskId, Worker,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// Per-tier, per-datasource counts (`loadstatus?full`).
pub type TierCounts = BTreeMap<String, BTreeMap<String, i64>>;

/// `GET /druid/coordinator/v1/loadstatus`: percent of segments loaded per datasource.
pub async fn load_status(c: &Cluster) -> Result<BTreeMap<String, f64>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/loadstatus").await
}

/// `GET /druid/coordinator/v1/loadstatus?simple`: segments left to load per datasource.
pub async fn load_status_simple(c: &Cluster) -> Result<BTreeMap<String, i64>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/loadstatus?simple").await
}

/// `GET /druid/coordinator/v1/loadstatus?full`: segments left to load per tier, replicas counted.
pub async fn load_status_full(c: &Cluster) -> Result<TierCounts, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/loadstatus?full").await
}

/// `GET /druid/coordinator/v1/loadstatus?full&computeUsingClusterView`: the same, counting only
/// the nodes that can load the segments.
pub async fn load_status_cluster_view(c: &Cluster) -> Result<TierCounts, FetchError> {
    get(
        c,
        &Target::Coordinator,
        "/druid/coordinator/v1/loadstatus?full&computeUsingClusterView",
    )
    .await
}

/// `GET /druid/coordinator/v1/loadqueue?simple`: per historical, segments to load and drop.
pub async fn load_queue_simple(c: &Cluster) -> Result<BTreeMap<String, LoadQueue>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/loadqueue?simple").await
}

/// `GET /druid/coordinator/v1/loadqueue`: per historical, ids of segments to load and drop.
pub async fn load_queue(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/loadqueue").await
}

/// `GET /druid/coordinator/v1/loadqueue?full`: per historical, the segments to load and drop.
pub async fn load_queue_full(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/loadqueue?full").await
}

/// `GET /druid/coordinator/v1/servers`: `host:port` of every data server.
pub async fn servers(c: &Cluster) -> Result<Vec<String>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/servers").await
}

/// `GET /druid/coordinator/v1/servers?simple`: each data server's tier, type and sizes.
pub async fn servers_simple(c: &Cluster) -> Result<Vec<Server>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/servers?simple").await
}

/// `GET /druid/coordinator/v1/servers?full`: every data server with its segments.
pub async fn servers_full(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/servers?full").await
}

/// `GET /druid/coordinator/v1/datasources?simple`: datasources with their segment counts.
pub async fn datasources_simple(c: &Cluster) -> Result<Vec<DatasourceSummary>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/datasources?simple").await
}

/// `GET /druid/indexer/v1/runningTasks`: the running tasks.
pub async fn running_tasks(c: &Cluster) -> Result<Vec<TaskId>, FetchError> {
    get(c, &Target::Overlord, "/druid/indexer/v1/runningTasks").await
}

/// `GET /druid/indexer/v1/supervisor`: the supervisor ids.
pub async fn supervisor_ids(c: &Cluster) -> Result<Vec<String>, FetchError> {
    get(c, &Target::Overlord, "/druid/indexer/v1/supervisor").await
}

/// `GET /druid/indexer/v1/workers`: the middle managers (or indexers) and their tasks.
pub async fn workers(c: &Cluster) -> Result<Vec<Worker>, FetchError> {
    get(c, &Target::Overlord, "/druid/indexer/v1/workers").await
}

/// `GET /druid/indexer/v1/scaling`: the autoscaler's recent events.
pub async fn scaling(c: &Cluster) -> Result<Value, FetchError> {
    get(c, &Target::Overlord, "/druid/indexer/v1/scaling").await
}

/// `GET /druid/worker/v1/enabled` of a middle manager: `{"host:port": bool}`.
pub async fn worker_enabled(c: &Cluster, node: &str) -> Result<BTreeMap<String, bool>, FetchError> {
    get(c, &Target::Node(node.into()), "/druid/worker/v1/enabled").await
}

/// `GET /druid/worker/v1/tasks` of a middle manager: ids of the tasks it runs.
pub async fn worker_tasks(c: &Cluster, node: &str) -> Result<Vec<String>, FetchError> {
    get(c, &Target::Node(node.into()), "/druid/worker/v1/tasks").await
}

/// `POST /druid/worker/v1/disable`: the middle manager takes no new tasks.
pub async fn disable_worker(c: &Cluster, node: &str) -> Result<Value, FetchError> {
    send_json(request(c, &Target::Node(node.into()), "POST", "/druid/worker/v1/disable")).await
}

/// `POST /druid/worker/v1/enable`: the middle manager takes tasks again.
pub async fn enable_worker(c: &Cluster, node: &str) -> Result<Value, FetchError> {
    send_json(request(c, &Target::Node(node.into()), "POST", "/druid/worker/v1/enable")).await
}

/// `POST /druid/worker/v1/task/{taskid}/shutdown`: shuts a task down on this middle manager.
pub async fn shutdown_worker_task(c: &Cluster, node: &str, task: &str) -> Result<Value, FetchError> {
    let path = format!(
        "/druid/worker/v1/task/{}/shutdown",
        crate::url_state::encode_segment(task)
    );
    send_json(request(c, &Target::Node(node.into()), "POST", &path)).await
}

/// `GET /druid/worker/v1/chat/{taskId}/rowStats` of the peon `node` (the task's `location`, a
/// port of its own, not its middle manager's): rows processed, unparseable...
pub async fn row_stats(c: &Cluster, node: &str, task: &str) -> Result<Value, FetchError> {
    let path = format!(
        "/druid/worker/v1/chat/{}/rowStats",
        crate::url_state::encode_segment(task)
    );
    get(c, &Target::Node(node.into()), &path).await
}

/// `GET /druid/worker/v1/chat/{taskId}/unparseableEvents` of the peon `node`: the latest bad rows.
pub async fn unparseable_events(c: &Cluster, node: &str, task: &str) -> Result<Value, FetchError> {
    let path = format!(
        "/druid/worker/v1/chat/{}/unparseableEvents",
        crate::url_state::encode_segment(task)
    );
    get(c, &Target::Node(node.into()), &path).await
}

/// `GET /druid/historical/v1/loadstatus`: whether the historical loaded its segment cache.
pub async fn historical_load_status(c: &Cluster, node: &str) -> Result<Value, FetchError> {
    get(c, &Target::Node(node.into()), "/druid/historical/v1/loadstatus").await
}

/// `GET /druid/historical/v1/readiness`: 200 when ready to serve, 503 otherwise.
pub async fn historical_readiness(c: &Cluster, node: &str) -> Result<bool, FetchError> {
    readiness(c, &Target::Node(node.into()), "/druid/historical/v1/readiness").await
}

/// `GET /druid/broker/v1/loadstatus`: whether the broker knows every segment.
pub async fn broker_load_status(c: &Cluster, target: &Target) -> Result<Value, FetchError> {
    get(c, target, "/druid/broker/v1/loadstatus").await
}

/// `GET /druid/broker/v1/readiness`: 200 when ready, 503 otherwise.
pub async fn broker_readiness(c: &Cluster, target: &Target) -> Result<bool, FetchError> {
    readiness(c, target, "/druid/broker/v1/readiness").await
}

async fn readiness(c: &Cluster, target: &Target, path: &str) -> Result<bool, FetchError> {
    match text(c, target, path).await {
        Ok(_) => Ok(true),
        Err(e) if e.error.status() == Some(503) => Ok(false),
        Err(e) => Err(e),
    }
}

fn part<T>(r: Result<T, FetchError>) -> Result<T, String> {
    r.map_err(|e| super::error_text(&e))
}

/// The home page's model: leadership, load status and queues, and the counts, each part
/// read on its own so that one failing call leaves the rest shown.
pub async fn home(c: &Cluster) -> Result<HomeModel, FetchError> {
    use super::status::{coordinator_is_leader, overlord_is_leader};
    Ok(HomeModel {
        coordinator_is_leader: part(coordinator_is_leader(c, &Target::Coordinator).await),
        overlord_is_leader: part(overlord_is_leader(c, &Target::Overlord).await),
        load_percent: part(load_status(c).await),
        load_left: part(load_status_simple(c).await),
        load_full: part(load_status_full(c).await),
        load_cluster_view: part(load_status_cluster_view(c).await),
        load_queues: part(load_queue_simple(c).await),
        datasources: part(datasources_simple(c).await),
        running_tasks: part(running_tasks(c).await.map(|t| t.len())),
        supervisors: part(supervisor_ids(c).await.map(|s| s.len())),
        workers: part(workers(c).await),
    })
}
