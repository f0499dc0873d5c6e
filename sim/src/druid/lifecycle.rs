//! Time-driven changes: submitted tasks go pending -> running -> success/failure and publish
//! segments, supervisors leave PENDING, new segments get loaded. Applied lazily on every request.

use serde_json::{json, Value};

use super::gen::{make_task, supervisor_task};
use super::state::{Datasource, DruidState, Runner, Segment, Task, TaskPlan, TaskStatus, DAY};
use crate::timefmt::{iso_millis, parse_interval};

/// Task types the overlord accepts.
pub const TASK_TYPES: [&str; 12] = [
    "index",
    "index_parallel",
    "index_hadoop",
    "compact",
    "kill",
    "noop",
    "query_controller",
    "query_worker",
    "index_kafka",
    "index_kinesis",
    "single_phase_sub_task",
    "archive",
];

impl DruidState {
    /// Applies everything that should have happened by `now`.
    pub fn tick(&mut self, now: i64) {
        let mm = (self.host.clone(), self.mm_port);
        let enabled = self.worker_enabled;
        let mut finished = Vec::new();
        for i in 0..self.tasks.len() {
            let Some(plan) = self.tasks[i].plan.clone() else {
                continue;
            };
            if self.tasks[i].status != TaskStatus::Running {
                continue;
            }
            if matches!(self.tasks[i].runner, Runner::Pending | Runner::Waiting)
                && now >= plan.run_at
                && enabled
            {
                // A task starts only on a free peon (the worker's capacity).
                if let Some(port) = self.free_peon() {
                    let t = &mut self.tasks[i];
                    t.runner = Runner::Running;
                    t.location = Some((self.host.clone(), port));
                }
            }
            let t = &mut self.tasks[i];
            if t.runner == Runner::Running && now >= plan.finish_at {
                t.status = plan.outcome;
                t.runner = Runner::None;
                t.duration = plan.finish_at - plan.run_at;
                t.error = plan.error.clone();
                t.rows = 10_000 + (t.id.len() as i64 * 7_919) % 90_000;
                finished.push(t.clone());
            }
        }
        for t in finished
            .into_iter()
            .filter(|t| t.status == TaskStatus::Success)
        {
            self.publish(&t, now);
        }
        let mut spawn = Vec::new();
        for s in self.supervisors.iter_mut().filter(|s| !s.terminated) {
            if let Some(until) = s.pending_until {
                if now >= until && !s.suspended {
                    s.pending_until = None;
                    s.state = "RUNNING".into();
                    s.detailed_state = "RUNNING".into();
                    s.healthy = true;
                    spawn.push(s.clone());
                }
            }
        }
        for s in spawn {
            if !self
                .tasks
                .iter()
                .any(|t| t.supervisor.as_deref() == Some(&s.id) && t.status == TaskStatus::Running)
            {
                let t = supervisor_task(&mut self.rng, &s, now, &mm);
                self.tasks.push(t);
            }
        }
        self.place_on_peons();
    }

    fn publish(&mut self, t: &Task, now: i64) {
        let Some(plan) = &t.plan else { return };
        let Some((start, end)) = plan.interval else {
            return;
        };
        let finish = plan.finish_at;
        match t.kind.as_str() {
            "kill" => {
                if let Some(ds) = self.datasource_mut(&t.datasource) {
                    ds.segments
                        .retain(|s| s.used || s.end <= start || s.start >= end);
                }
            }
            "compact" => {
                if let Some(ds) = self.datasource_mut(&t.datasource) {
                    for s in ds
                        .segments
                        .iter_mut()
                        .filter(|s| s.used && s.start >= start && s.end <= end)
                    {
                        s.compacted = true;
                    }
                }
            }
            kind if kind.starts_with("index") => {
                let dims = dimensions_of(&t.payload);
                if self.datasource(&t.datasource).is_none() {
                    self.datasources.push(Datasource {
                        name: t.datasource.clone(),
                        dimensions: if dims.is_empty() {
                            vec!["dim1".into(), "dim2".into()]
                        } else {
                            dims
                        },
                        metrics: vec!["count".into()],
                        created: now,
                        segments: vec![],
                    });
                }
                let version = iso_millis(finish);
                let days = ((end - start) / DAY).clamp(1, 31);
                let mut rng = self.rng.fork(&t.id);
                let Some(ds) = self.datasource_mut(&t.datasource) else {
                    return;
                };
                for s in ds
                    .segments
                    .iter_mut()
                    .filter(|s| s.used && s.start >= start && s.end <= end)
                {
                    s.overshadowed = true;
                }
                for d in 0..days {
                    let s = start + d * DAY;
                    let rows = rng.range(5_000, 50_000);
                    ds.segments.push(Segment {
                        datasource: t.datasource.clone(),
                        start: s,
                        end: (s + DAY).min(end.max(s + DAY)),
                        version: version.clone(),
                        partition: 0,
                        partitions: 1,
                        size: rows * 90,
                        num_rows: rows,
                        used: true,
                        loaded_at: finish + 5_000,
                        overshadowed: false,
                        realtime: false,
                        compacted: false,
                    });
                }
            }
            _ => {}
        }
    }

    /// Submits a task spec; returns its id, or the error body and status text.
    pub fn submit_task(&mut self, payload: &Value, now: i64) -> Result<String, SubmitError> {
        let Some(obj) = payload.as_object() else {
            return Err(SubmitError::Invalid("Cannot construct instance of `org.apache.druid.indexing.common.task.Task` (no delegate- or property-based Creator)".into()));
        };
        let Some(kind) = obj.get("type").and_then(Value::as_str) else {
            return Err(SubmitError::Invalid("Missing type id when trying to resolve subtype of [simple type, class org.apache.druid.indexing.common.task.Task]: missing type id property 'type'".into()));
        };
        if !TASK_TYPES.contains(&kind) {
            return Err(SubmitError::Invalid(format!("Could not resolve type id '{kind}' as a subtype of `org.apache.druid.indexing.common.task.Task`: known type ids = {TASK_TYPES:?}")));
        }
        let ds = obj
            .get("dataSource")
            .or_else(|| payload.pointer("/spec/dataSchema/dataSource"))
            .or_else(|| payload.pointer("/spec/dataSource"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if ds.is_empty() {
            return Err(SubmitError::Invalid(
                "dataSource cannot be null or empty".into(),
            ));
        }
        let id = match obj.get("id").and_then(Value::as_str) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => format!("{kind}_{ds}_{}_{}", self.rng.letters(8), iso_millis(now)),
        };
        if self.task(&id).is_some() {
            return Err(SubmitError::Exists(id));
        }
        let interval = payload
            .pointer("/spec/dataSchema/granularitySpec/intervals/0")
            .or_else(|| payload.pointer("/ioConfig/inputSpec/interval"))
            .or_else(|| payload.pointer("/interval"))
            .and_then(Value::as_str)
            .and_then(parse_interval)
            .or(Some((
                now - now.rem_euclid(DAY) - DAY,
                now - now.rem_euclid(DAY),
            )));
        let wanted = payload
            .pointer("/context/simulatedOutcome")
            .and_then(Value::as_str)
            .map(str::to_ascii_uppercase);
        let hash: u64 = id
            .bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
        let fails = match wanted.as_deref() {
            Some("FAILED") => true,
            Some("SUCCESS") => false,
            _ => hash.is_multiple_of(5),
        };
        let run_at = now + 2_000;
        let finish_at = run_at + 6_000 + (hash % 8) as i64 * 1_000;
        let mut full = payload.clone();
        if let Some(o) = full.as_object_mut() {
            o.insert("id".into(), json!(id));
            o.entry("groupId").or_insert(json!(id));
            o.entry("dataSource").or_insert(json!(ds));
        }
        let mut t = make_task(
            id.clone(),
            kind,
            &ds,
            now,
            TaskStatus::Running,
            Runner::Pending,
            -1,
            None,
            full,
        );
        t.plan = Some(TaskPlan {
            run_at,
            finish_at,
            outcome: if fails {
                TaskStatus::Failed
            } else {
                TaskStatus::Success
            },
            error: fails.then(|| {
                "java.lang.RuntimeException: Max parse exceptions [0] exceeded".to_string()
            }),
            interval,
        });
        self.tasks.push(t);
        Ok(id)
    }

    /// Shuts a running task down (it fails with "Shutdown request from user").
    pub fn shutdown_task(&mut self, id: &str, now: i64) -> bool {
        let Some(t) = self.tasks.iter_mut().find(|t| t.id == id) else {
            return false;
        };
        if t.status == TaskStatus::Running {
            t.status = TaskStatus::Failed;
            t.duration = if t.runner == Runner::Running {
                (now - t.created).max(1)
            } else {
                0
            };
            t.runner = Runner::None;
            t.error = Some("Shutdown request from user".into());
            t.plan = None;
        }
        true
    }

    /// Stops the running tasks of a supervisor (they publish and succeed).
    pub fn stop_supervisor_tasks(&mut self, id: &str, now: i64) {
        for t in self
            .tasks
            .iter_mut()
            .filter(|t| t.supervisor.as_deref() == Some(id) && t.status == TaskStatus::Running)
        {
            t.status = TaskStatus::Success;
            t.runner = Runner::None;
            t.duration = (now - t.created).max(1);
        }
    }
}

/// Why a task was rejected.
#[derive(Debug)]
pub enum SubmitError {
    /// The JSON is not a valid task.
    Invalid(String),
    /// A task with this id exists.
    Exists(String),
}

fn dimensions_of(payload: &Value) -> Vec<String> {
    payload
        .pointer("/spec/dataSchema/dimensionsSpec/dimensions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|d| {
                    d.as_str()
                        .map(str::to_string)
                        .or_else(|| d.get("name").and_then(Value::as_str).map(str::to_string))
                })
                .collect()
        })
        .unwrap_or_default()
}
