//! Supervisors: list, spec, status, history and the suspend/resume/reset/terminate lifecycle.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::super::common::error;
use super::super::gen::supervisor_task;
use super::super::state::{DruidState, Supervisor, TaskStatus};
use super::super::DruidCtx;
use crate::http_util::{ok_json, Params};
use crate::rng::wander;
use crate::timefmt::iso_millis;

fn not_found(id: &str) -> Response {
    error(StatusCode::NOT_FOUND, &format!("[{id}] does not exist"))
}

fn spec_with_flag(s: &Supervisor) -> Value {
    let mut spec = s.spec.clone();
    if let Some(o) = spec.as_object_mut() {
        o.insert("suspended".into(), json!(s.suspended));
    }
    spec
}

/// `GET /supervisor[?full|?state=true]`.
pub async fn list(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, _) = ctx.state();
    let active: Vec<&Supervisor> = st.supervisors.iter().filter(|s| !s.terminated).collect();
    if p.has("full") {
        return ok_json(&active.iter().map(|s| json!({"id": s.id, "state": s.state, "detailedState": s.detailed_state, "healthy": s.healthy, "spec": spec_with_flag(s), "suspended": s.suspended})).collect::<Vec<_>>());
    }
    if p.get("state") == Some("true") {
        return ok_json(&active.iter().map(|s| json!({"id": s.id, "state": s.state, "detailedState": s.detailed_state, "healthy": s.healthy, "suspended": s.suspended})).collect::<Vec<_>>());
    }
    ok_json(&active.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
}

/// `GET /supervisor/{id}`: the current spec.
pub async fn spec(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.supervisor(&id) {
        Some(s) => ok_json(&spec_with_flag(s)),
        None => not_found(&id),
    }
}

/// Latest offsets, current offsets, lag per partition and the total lag.
type Offsets = (
    Map<String, Value>,
    Map<String, Value>,
    Map<String, Value>,
    i64,
);

fn offsets(s: &Supervisor, now: i64, seed: u64) -> Offsets {
    let mut latest = Map::new();
    let mut current = Map::new();
    let mut lag = Map::new();
    let mut total = 0;
    let elapsed = ((now - s.reset_at).max(0) / 1000) as f64;
    for p in 0..s.partitions {
        let end = s.offset_base + (elapsed * (40.0 + p as f64 * 7.0)) as i64;
        let l = match s.state.as_str() {
            "RUNNING" => wander(seed ^ p as u64, elapsed, 120.0, 100.0).max(0.0) as i64,
            "SUSPENDED" => (elapsed as i64 % 90_000) * 3,
            _ => 5_000 + (elapsed as i64 % 10_000) * 2,
        };
        latest.insert(p.to_string(), json!(end));
        current.insert(p.to_string(), json!(end - l));
        lag.insert(p.to_string(), json!(l));
        total += l;
    }
    (latest, current, lag, total)
}

/// `GET /supervisor/{id}/status`.
pub async fn status(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, now) = ctx.state();
    let Some(s) = st.supervisor(&id) else {
        return not_found(&id);
    };
    let (latest, current, lag, total) = offsets(s, now, st.seed ^ s.offset_base as u64);
    let active: Vec<Value> = st
        .tasks
        .iter()
        .filter(|t| t.supervisor.as_deref() == Some(&id) && t.status == TaskStatus::Running)
        .map(|t| {
            json!({
                "id": t.id,
                "startingOffsets": current.iter().map(|(k, v)| (k.clone(), json!(v.as_i64().unwrap_or(0) - (now - t.created).max(0) / 25))).collect::<Map<_, _>>(),
                "startTime": iso_millis(t.created),
                "remainingSeconds": (3_600 - (now - t.created) / 1000).max(0),
                "type": "ACTIVE",
                "currentOffsets": current,
                "lag": lag,
            })
        })
        .collect();
    ok_json(&json!({
        "id": id,
        "generationTime": iso_millis(now),
        "payload": {
            "dataSource": s.datasource,
            "stream": s.stream,
            "topic": s.stream,
            "partitions": s.partitions,
            "replicas": 1,
            "durationSeconds": 3600,
            "activeTasks": active,
            "publishingTasks": [],
            "latestOffsets": latest,
            "minimumLag": lag,
            "aggregateLag": total,
            "offsetsLastUpdated": iso_millis(now - 12_000),
            "suspended": s.suspended,
            "healthy": s.healthy,
            "state": s.state,
            "detailedState": s.detailed_state,
            "recentErrors": s.errors,
        }
    }))
}

/// `GET /supervisor/history`: every supervisor's spec versions, terminated ones included.
pub async fn history_all(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    let mut out = Map::new();
    for s in &st.supervisors {
        out.insert(
            s.id.clone(),
            json!(s
                .history
                .iter()
                .rev()
                .map(|(spec, v)| json!({"spec": spec, "version": v}))
                .collect::<Vec<_>>()),
        );
    }
    ok_json(&Value::Object(out))
}

/// `GET /supervisor/{id}/history`.
pub async fn history_one(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (st, _) = ctx.state();
    match st.supervisors.iter().find(|s| s.id == id) {
        Some(s) => ok_json(
            &s.history
                .iter()
                .rev()
                .map(|(spec, v)| json!({"spec": spec, "version": v}))
                .collect::<Vec<_>>(),
        ),
        None => error(StatusCode::NOT_FOUND, &format!("No history for [{id}].")),
    }
}

/// `POST /supervisor`: creates or updates; `{"id": id}`.
pub async fn create(State(ctx): State<DruidCtx>, body: Bytes) -> Response {
    let spec: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return error(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let kind = spec
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if ![
        "kafka",
        "kinesis",
        "rabbit",
        "autocompact",
        "scheduled_batch",
    ]
    .contains(&kind.as_str())
    {
        return error(StatusCode::BAD_REQUEST, &format!("Could not resolve type id '{kind}' as a subtype of `org.apache.druid.indexing.overlord.supervisor.SupervisorSpec`"));
    }
    let ds = spec
        .pointer("/spec/dataSchema/dataSource")
        .or_else(|| spec.pointer("/dataSchema/dataSource"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if ds.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "dataSource cannot be null or empty",
        );
    }
    let id = spec
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or(&ds)
        .to_string();
    let stream = spec
        .pointer("/spec/ioConfig/topic")
        .or_else(|| spec.pointer("/spec/ioConfig/stream"))
        .and_then(Value::as_str)
        .unwrap_or(&ds)
        .to_string();
    let suspended = spec
        .get("suspended")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let (mut st, now) = ctx.state();
    let version = iso_millis(now);
    if let Some(s) = st.supervisors.iter_mut().find(|s| s.id == id) {
        s.spec = spec.clone();
        s.history.push((spec, version));
        s.terminated = false;
        s.suspended = suspended;
        if !suspended && s.state == "SUSPENDED" {
            s.state = "PENDING".into();
            s.detailed_state = "PENDING".into();
            s.pending_until = Some(now + 5_000);
        }
    } else {
        st.supervisors.push(Supervisor {
            id: id.clone(),
            datasource: ds,
            kind,
            stream,
            spec: spec.clone(),
            state: if suspended {
                "SUSPENDED".into()
            } else {
                "PENDING".into()
            },
            detailed_state: if suspended {
                "SUSPENDED".into()
            } else {
                "PENDING".into()
            },
            healthy: true,
            suspended,
            terminated: false,
            history: vec![(spec, version)],
            pending_until: (!suspended).then_some(now + 5_000),
            partitions: 1,
            offset_base: 0,
            reset_at: now,
            errors: vec![],
        });
    }
    ok_json(&json!({"id": id}))
}

fn set_suspended(
    st: &mut DruidState,
    id: &str,
    suspend: bool,
    now: i64,
) -> Result<Value, Response> {
    let Some(s) = st
        .supervisors
        .iter_mut()
        .find(|s| s.id == id && !s.terminated)
    else {
        return Err(not_found(id));
    };
    if s.suspended == suspend {
        let what = if suspend { "suspended" } else { "running" };
        return Err(error(
            StatusCode::BAD_REQUEST,
            &format!("[{id}] is already {what}"),
        ));
    }
    s.suspended = suspend;
    if suspend {
        s.state = "SUSPENDED".into();
        s.detailed_state = "SUSPENDED".into();
        s.pending_until = None;
    } else {
        s.state = "PENDING".into();
        s.detailed_state = "PENDING".into();
        s.pending_until = Some(now + 5_000);
    }
    let mut spec = s.spec.clone();
    if let Some(o) = spec.as_object_mut() {
        o.insert("suspended".into(), json!(suspend));
    }
    s.spec = spec.clone();
    s.history.push((spec.clone(), iso_millis(now)));
    if suspend {
        st.stop_supervisor_tasks(id, now);
    }
    Ok(spec)
}

/// `POST /supervisor/{id}/suspend`: responds with the updated spec.
pub async fn suspend(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    match set_suspended(&mut st, &id, true, now) {
        Ok(spec) => ok_json(&spec),
        Err(r) => r,
    }
}

/// `POST /supervisor/{id}/resume`: responds with the updated spec.
pub async fn resume(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    match set_suspended(&mut st, &id, false, now) {
        Ok(spec) => ok_json(&spec),
        Err(r) => r,
    }
}

/// `POST /supervisor/{id}/reset` (and `resetOffsets`).
pub async fn reset(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    let mm = (st.host.clone(), st.mm_port);
    let Some(s) = st
        .supervisors
        .iter_mut()
        .find(|s| s.id == id && !s.terminated)
    else {
        return not_found(&id);
    };
    s.reset_at = now;
    s.offset_base += 1_000;
    if s.state == "UNHEALTHY_TASKS" {
        s.state = "RUNNING".into();
        s.detailed_state = "RUNNING".into();
        s.healthy = true;
    }
    let restart = !s.suspended && s.pending_until.is_none();
    let snapshot = s.clone();
    st.stop_supervisor_tasks(&id, now);
    if restart {
        let t = supervisor_task(&mut st.rng, &snapshot, now, &mm);
        st.tasks.push(t);
    }
    ok_json(&json!({"id": id}))
}

fn terminate_one(st: &mut DruidState, id: &str, now: i64) -> bool {
    let Some(s) = st
        .supervisors
        .iter_mut()
        .find(|s| s.id == id && !s.terminated)
    else {
        return false;
    };
    s.terminated = true;
    s.history.push((json!({"type": "NoopSupervisorSpec", "id": null, "suspended": true, "dataSources": [s.datasource]}), iso_millis(now)));
    st.stop_supervisor_tasks(id, now);
    true
}

/// `POST /supervisor/{id}/terminate` (and the deprecated `shutdown`).
pub async fn terminate(State(ctx): State<DruidCtx>, Path(id): Path<String>) -> Response {
    let (mut st, now) = ctx.state();
    if terminate_one(&mut st, &id, now) {
        ok_json(&json!({"id": id}))
    } else {
        not_found(&id)
    }
}

/// `POST /supervisor/suspendAll`.
pub async fn suspend_all(State(ctx): State<DruidCtx>) -> Response {
    let (mut st, now) = ctx.state();
    let ids: Vec<String> = st
        .supervisors
        .iter()
        .filter(|s| !s.terminated && !s.suspended)
        .map(|s| s.id.clone())
        .collect();
    for id in ids {
        let _ = set_suspended(&mut st, &id, true, now);
    }
    ok_json(&json!({"status": "success"}))
}

/// `POST /supervisor/resumeAll`.
pub async fn resume_all(State(ctx): State<DruidCtx>) -> Response {
    let (mut st, now) = ctx.state();
    let ids: Vec<String> = st
        .supervisors
        .iter()
        .filter(|s| !s.terminated && s.suspended)
        .map(|s| s.id.clone())
        .collect();
    for id in ids {
        let _ = set_suspended(&mut st, &id, false, now);
    }
    ok_json(&json!({"status": "success"}))
}

/// `POST /supervisor/terminateAll`.
pub async fn terminate_all(State(ctx): State<DruidCtx>) -> Response {
    let (mut st, now) = ctx.state();
    let ids: Vec<String> = st
        .supervisors
        .iter()
        .filter(|s| !s.terminated)
        .map(|s| s.id.clone())
        .collect();
    for id in ids {
        terminate_one(&mut st, &id, now);
    }
    ok_json(&json!({"status": "success"}))
}
