//! Druid API: tasks (overlord `/druid/indexer/v1/...`), task logs on the middle managers, and a
//! running task's live counts on its peon.

use super::{get, request, send_json, text, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::druid::model::tasks::{
    BulkStatus, SubmitAnswer, TaskPayload, TaskStatusAnswer, TaskSummary, WorkerTasks,
};
use crate::url_state::{encode, encode_segment};
use serde_json::Value;

const V1: &str = "/druid/indexer/v1";

/// The filters of the task list, as `GET /tasks` takes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// `running`, `waiting`, `pending` or `complete` (empty: all).
    pub state: String,
    /// Datasource.
    pub datasource: String,
    /// Task type.
    pub kind: String,
    /// `createdTimeInterval`, e.g. `2024-01-01/2024-01-02` or `P1D` forms Druid accepts.
    pub created: String,
    /// `max`: most complete tasks returned.
    pub max: String,
}

impl TaskFilter {
    /// The query string (with `?`, or empty) of these filters.
    pub fn query(&self) -> String {
        let parts: Vec<String> = [
            ("state", &self.state),
            ("datasource", &self.datasource),
            ("type", &self.kind),
            ("createdTimeInterval", &self.created),
            ("max", &self.max),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// `GET /druid/indexer/v1/tasks?state=..&datasource=..&type=..&createdTimeInterval=..&max=..`.
pub async fn tasks(c: &Cluster, f: &TaskFilter) -> Result<Vec<TaskSummary>, FetchError> {
    get(c, &Target::Overlord, &format!("{V1}/tasks{}", f.query())).await
}

/// `GET /druid/indexer/v1/{runningTasks|waitingTasks|pendingTasks|completeTasks}`: the
/// shortcut lists (`which` is `running`, `waiting`, `pending` or `complete`).
pub async fn tasks_in_state(c: &Cluster, which: &str) -> Result<Vec<TaskSummary>, FetchError> {
    get(c, &Target::Overlord, &format!("{V1}/{which}Tasks")).await
}

/// `GET /druid/indexer/v1/task/{taskId}/status`.
pub async fn status(c: &Cluster, id: &str) -> Result<TaskStatusAnswer, FetchError> {
    get(
        c,
        &Target::Overlord,
        &format!("{V1}/task/{}/status", encode_segment(id)),
    )
    .await
}

/// `GET /druid/indexer/v1/task/{taskId}`: the payload.
pub async fn payload(c: &Cluster, id: &str) -> Result<TaskPayload, FetchError> {
    get(c, &Target::Overlord, &format!("{V1}/task/{}", encode_segment(id))).await
}

/// `GET /druid/indexer/v1/task/{taskId}/segments`: segments the task published.
pub async fn segments(c: &Cluster, id: &str) -> Result<Vec<Value>, FetchError> {
    get(
        c,
        &Target::Overlord,
        &format!("{V1}/task/{}/segments", encode_segment(id)),
    )
    .await
}

/// `GET /druid/indexer/v1/task/{taskId}/reports`: `None` when there is no report yet (404).
pub async fn reports(c: &Cluster, id: &str) -> Result<Option<Value>, FetchError> {
    match get(
        c,
        &Target::Overlord,
        &format!("{V1}/task/{}/reports", encode_segment(id)),
    )
    .await
    {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.error.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `GET /druid/indexer/v1/task/{taskId}/log`: the log as the overlord serves it.
pub async fn overlord_log(c: &Cluster, id: &str) -> Result<String, FetchError> {
    text(
        c,
        &Target::Overlord,
        &format!("{V1}/task/{}/log", encode_segment(id)),
    )
    .await
}

/// `GET /druid/worker/v1/task/{taskId}/log` on the middle manager `node` (`host:port`).
pub async fn worker_log(c: &Cluster, node: &str, id: &str) -> Result<String, FetchError> {
    text(
        c,
        &Target::Node(node.to_string()),
        &format!("/druid/worker/v1/task/{}/log", encode_segment(id)),
    )
    .await
}

/// `GET /druid/indexer/v1/workers`: the middle managers and the tasks they run.
pub async fn workers(c: &Cluster) -> Result<Vec<WorkerTasks>, FetchError> {
    get(c, &Target::Overlord, &format!("{V1}/workers")).await
}

/// A task's log, and where it came from: from the middle manager that runs it (found in
/// `/workers`), else from the overlord (which also serves finished tasks' logs).
pub async fn task_log(c: &Cluster, id: &str) -> Result<(String, String), FetchError> {
    let node = workers(c).await.ok().and_then(|ws| {
        ws.into_iter()
            .find(|w| w.running_tasks.iter().any(|t| t == id))
            .map(|w| w.worker.host)
            .filter(|h| !h.is_empty())
    });
    if let Some(node) = node {
        if let Ok(log) = worker_log(c, &node, id).await {
            return Ok((log, format!("middle manager {node}")));
        }
    }
    overlord_log(c, id)
        .await
        .map(|log| (log, "overlord".to_string()))
}

/// A running task's live counts, asked of its peon `peon` (`host:port`, the task's `location`):
/// `{"peon", "rowStats", "unparseableEvents"}` with the answers of
/// `GET /druid/worker/v1/chat/{taskId}/rowStats` and `/unparseableEvents` (the latter
/// `{"error": text}` when only it failed). `None` when the peon no longer runs the task (404).
pub async fn live_counts(c: &Cluster, peon: &str, id: &str) -> Result<Option<Value>, FetchError> {
    use super::services::{row_stats, unparseable_events};
    let stats = match row_stats(c, peon, id).await {
        Ok(v) => v,
        Err(e) if e.error.status() == Some(404) => return Ok(None),
        Err(e) => return Err(e),
    };
    let events = unparseable_events(c, peon, id)
        .await
        .unwrap_or_else(|e| serde_json::json!({ "error": super::failure_text(&e) }));
    Ok(Some(serde_json::json!({
        "peon": peon,
        "rowStats": stats,
        "unparseableEvents": events,
    })))
}

/// `POST /druid/indexer/v1/task/{taskId}/shutdown`.
pub async fn shutdown(c: &Cluster, id: &str) -> Result<Value, FetchError> {
    send_json(request(
        c,
        &Target::Overlord,
        "POST",
        &format!("{V1}/task/{}/shutdown", encode_segment(id)),
    ))
    .await
}

/// `POST /druid/indexer/v1/datasources/{dataSource}/shutdownAllTasks`.
pub async fn shutdown_all(c: &Cluster, datasource: &str) -> Result<Value, FetchError> {
    send_json(request(
        c,
        &Target::Overlord,
        "POST",
        &format!(
            "{V1}/datasources/{}/shutdownAllTasks",
            encode_segment(datasource)
        ),
    ))
    .await
}

/// `DELETE /druid/indexer/v1/pendingSegments/{dataSource}`: `{"numDeleted": n}`.
pub async fn delete_pending_segments(c: &Cluster, datasource: &str) -> Result<Value, FetchError> {
    send_json(request(
        c,
        &Target::Overlord,
        "DELETE",
        &format!("{V1}/pendingSegments/{}", encode_segment(datasource)),
    ))
    .await
}

/// `POST /druid/indexer/v1/taskStatus` with a list of ids: status per id.
pub async fn bulk_status(c: &Cluster, ids: &[String]) -> Result<BulkStatus, FetchError> {
    send_json(request(c, &Target::Overlord, "POST", &format!("{V1}/taskStatus")).json_body(&ids))
        .await
}

/// `POST /druid/indexer/v1/task` with the spec `spec` (sent as typed): the new task's id.
pub async fn submit(c: &Cluster, spec: &str) -> Result<SubmitAnswer, FetchError> {
    send_json(
        request(c, &Target::Overlord, "POST", &format!("{V1}/task"))
            .text_body("application/json", spec),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_the_query_string() {
        assert_eq!(TaskFilter::default().query(), "");
        let f = TaskFilter {
            state: "running".into(),
            datasource: "wiki pedia".into(),
            created: "2024-01-01/2024-01-02".into(),
            max: "50".into(),
            ..Default::default()
        };
        assert_eq!(
            f.query(),
            "?state=running&datasource=wiki%20pedia&createdTimeInterval=2024-01-01/2024-01-02&max=50"
        );
    }
}
