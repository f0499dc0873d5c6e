//! Overlord APIs under `/druid/indexer/v1`.

mod supervisors;
mod tasks;
mod workers;

use axum::routing::{delete, get, post};
use axum::Router;
use serde_json::{json, Value};

use super::state::{Runner, Task, TaskStatus};
use super::DruidCtx;
use crate::timefmt::iso_millis;

pub use tasks::{reports_json, task_log};

/// Overlord routes (mounted on the overlord and the router).
pub fn routes() -> Router<DruidCtx> {
    let p = |s: &str| format!("/druid/indexer/v1{s}");
    Router::new()
        .route(&p("/leader"), get(workers::leader))
        .route(&p("/isLeader"), get(workers::is_leader))
        .route(&p("/tasks"), get(tasks::list))
        .route(&p("/completeTasks"), get(tasks::complete))
        .route(&p("/runningTasks"), get(tasks::running))
        .route(&p("/waitingTasks"), get(tasks::waiting))
        .route(&p("/pendingTasks"), get(tasks::pending))
        .route(&p("/task"), post(tasks::submit))
        .route(&p("/task/{id}"), get(tasks::payload))
        .route(&p("/task/{id}/status"), get(tasks::status))
        .route(&p("/task/{id}/segments"), get(tasks::segments))
        .route(&p("/task/{id}/reports"), get(tasks::reports))
        .route(&p("/task/{id}/log"), get(tasks::log))
        .route(&p("/task/{id}/shutdown"), post(tasks::shutdown))
        .route(
            &p("/datasources/{ds}/shutdownAllTasks"),
            post(tasks::shutdown_all),
        )
        .route(&p("/taskStatus"), post(tasks::bulk_status))
        .route(
            &p("/pendingSegments/{ds}"),
            delete(tasks::delete_pending_segments),
        )
        .route(
            &p("/supervisor"),
            get(supervisors::list).post(supervisors::create),
        )
        .route(&p("/supervisor/history"), get(supervisors::history_all))
        .route(&p("/supervisor/suspendAll"), post(supervisors::suspend_all))
        .route(&p("/supervisor/resumeAll"), post(supervisors::resume_all))
        .route(
            &p("/supervisor/terminateAll"),
            post(supervisors::terminate_all),
        )
        .route(&p("/supervisor/{id}"), get(supervisors::spec))
        .route(&p("/supervisor/{id}/status"), get(supervisors::status))
        .route(
            &p("/supervisor/{id}/history"),
            get(supervisors::history_one),
        )
        .route(&p("/supervisor/{id}/suspend"), post(supervisors::suspend))
        .route(&p("/supervisor/{id}/resume"), post(supervisors::resume))
        .route(&p("/supervisor/{id}/reset"), post(supervisors::reset))
        .route(
            &p("/supervisor/{id}/resetOffsets"),
            post(supervisors::reset),
        )
        .route(
            &p("/supervisor/{id}/terminate"),
            post(supervisors::terminate),
        )
        .route(
            &p("/supervisor/{id}/shutdown"),
            post(supervisors::terminate),
        )
        .route(
            &p("/worker"),
            get(workers::get_config).post(workers::set_config),
        )
        .route(&p("/worker/history"), get(workers::history))
        .route(&p("/workers"), get(workers::workers))
        .route(&p("/scaling"), get(workers::scaling))
}

fn location_json(t: &Task) -> Value {
    match &t.location {
        Some((h, p)) if t.runner != Runner::Pending => json!({"host": h, "port": p, "tlsPort": -1}),
        _ => json!({"host": null, "port": -1, "tlsPort": -1}),
    }
}

/// `TaskStatusPlus` as the task list endpoints return it.
pub fn task_json(t: &Task) -> Value {
    let done = t.status != TaskStatus::Running;
    json!({
        "id": t.id,
        "groupId": t.group_id,
        "type": t.kind,
        "createdTime": iso_millis(t.created),
        "queueInsertionTime": if done { "1970-01-01T00:00:00.000Z".to_string() } else { iso_millis(t.created) },
        "statusCode": t.status.name(),
        "status": t.status.name(),
        "runnerStatusCode": t.runner.name(),
        "duration": t.duration,
        "location": location_json(t),
        "dataSource": t.datasource,
        "errorMsg": t.error,
    })
}

/// Short `TaskStatus` (bulk status endpoint).
pub fn short_status(t: &Task) -> Value {
    json!({"id": t.id, "status": t.status.name(), "duration": t.duration, "errorMsg": t.error, "location": location_json(t)})
}
