//! The simulated Druid cluster: datasources and their segments, tasks, supervisors, retention
//! rules, dynamic configs and their audit history.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::rng::Rng;
use crate::timefmt::{iso_interval, iso_millis};

/// Hour and day in milliseconds.
pub const HOUR: i64 = 3_600_000;
/// One day in milliseconds.
pub const DAY: i64 = 86_400_000;

/// A segment of a datasource.
#[derive(Clone, Debug)]
pub struct Segment {
    /// Datasource name.
    pub datasource: String,
    /// Interval start (ms).
    pub start: i64,
    /// Interval end (ms).
    pub end: i64,
    /// Version (ISO time).
    pub version: String,
    /// Partition number.
    pub partition: u32,
    /// Partitions in this interval and version.
    pub partitions: u32,
    /// Size in bytes.
    pub size: i64,
    /// Rows.
    pub num_rows: i64,
    /// Marked used in the metadata store.
    pub used: bool,
    /// When the historical finished loading it (ms); later = still loading.
    pub loaded_at: i64,
    /// Replaced by a newer version of the same interval.
    pub overshadowed: bool,
    /// Produced by a realtime task and not yet published.
    pub realtime: bool,
    /// Whether the segment was compacted (has lastCompactionState).
    pub compacted: bool,
}

impl Segment {
    /// The segment id (`ds_start_end_version[_partition]`).
    pub fn id(&self) -> String {
        let base = format!(
            "{}_{}_{}_{}",
            self.datasource,
            iso_millis(self.start),
            iso_millis(self.end),
            self.version
        );
        if self.partition > 0 {
            format!("{base}_{}", self.partition)
        } else {
            base
        }
    }

    /// `start/end` interval text.
    pub fn interval(&self) -> String {
        iso_interval(self.start, self.end)
    }

    /// Whether the historical serves it at `now`.
    pub fn available(&self, now: i64) -> bool {
        self.used && !self.realtime && self.loaded_at <= now
    }
}

/// A datasource definition.
#[derive(Clone, Debug)]
pub struct Datasource {
    /// Name.
    pub name: String,
    /// Dimension columns.
    pub dimensions: Vec<String>,
    /// Metric columns.
    pub metrics: Vec<String>,
    /// Created time (ms).
    pub created: i64,
    /// Segments.
    pub segments: Vec<Segment>,
}

/// Task status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    /// Running (includes waiting/pending in the runner).
    Running,
    /// Finished successfully.
    Success,
    /// Failed.
    Failed,
}

impl TaskStatus {
    /// Druid's name.
    pub fn name(self) -> &'static str {
        match self {
            TaskStatus::Running => "RUNNING",
            TaskStatus::Success => "SUCCESS",
            TaskStatus::Failed => "FAILED",
        }
    }
}

/// Task runner state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runner {
    /// In the queue, not yet assigned (`pendingTasks`).
    Pending,
    /// Waiting for a lock or capacity (`waitingTasks`).
    Waiting,
    /// Running on a worker.
    Running,
    /// Done.
    None,
}

impl Runner {
    /// Druid's name.
    pub fn name(self) -> &'static str {
        match self {
            Runner::Pending => "PENDING",
            Runner::Waiting => "WAITING",
            Runner::Running => "RUNNING",
            Runner::None => "NONE",
        }
    }
}

/// What a submitted task will do over time.
#[derive(Clone, Debug)]
pub struct TaskPlan {
    /// When it starts running (ms).
    pub run_at: i64,
    /// When it finishes (ms).
    pub finish_at: i64,
    /// Final status.
    pub outcome: TaskStatus,
    /// Error message if it fails.
    pub error: Option<String>,
    /// Interval it writes segments for (batch tasks).
    pub interval: Option<(i64, i64)>,
}

/// An indexing (or other) task.
#[derive(Clone, Debug)]
pub struct Task {
    /// Task id.
    pub id: String,
    /// Group id.
    pub group_id: String,
    /// Task type (`index_parallel`, `index_kafka`, `compact`, `kill`, `query_controller`).
    pub kind: String,
    /// Datasource.
    pub datasource: String,
    /// Created (ms).
    pub created: i64,
    /// Status.
    pub status: TaskStatus,
    /// Runner status.
    pub runner: Runner,
    /// Duration in ms (-1 while running).
    pub duration: i64,
    /// Where it runs.
    pub location: Option<(String, u16)>,
    /// Error message.
    pub error: Option<String>,
    /// The submitted payload.
    pub payload: Value,
    /// Future behaviour of submitted tasks.
    pub plan: Option<TaskPlan>,
    /// Supervisor that owns it.
    pub supervisor: Option<String>,
    /// Rows processed.
    pub rows: i64,
    /// Rows that failed to parse.
    pub unparseable: i64,
}

/// A streaming supervisor.
#[derive(Clone, Debug)]
pub struct Supervisor {
    /// Supervisor id.
    pub id: String,
    /// Datasource.
    pub datasource: String,
    /// `kafka` or `kinesis`.
    pub kind: String,
    /// Topic or stream.
    pub stream: String,
    /// The spec as submitted.
    pub spec: Value,
    /// Basic state.
    pub state: String,
    /// Detailed state.
    pub detailed_state: String,
    /// Healthy flag.
    pub healthy: bool,
    /// Suspended flag.
    pub suspended: bool,
    /// Terminated supervisors stay for history.
    pub terminated: bool,
    /// Spec versions: `(spec, version time)`.
    pub history: Vec<(Value, String)>,
    /// While `PENDING`, when it becomes `RUNNING`.
    pub pending_until: Option<i64>,
    /// Partitions of the stream.
    pub partitions: u32,
    /// Offset base used for growing offsets.
    pub offset_base: i64,
    /// Time the offsets were last reset (ms).
    pub reset_at: i64,
    /// Recent errors.
    pub errors: Vec<Value>,
}

/// One audit record (rules, coordinator config, worker config).
#[derive(Clone, Debug)]
pub struct AuditEntry {
    /// Audit key (datasource for rules, config name otherwise).
    pub key: String,
    /// Audit type (`rules`, `coordinator.config`, `worker.config`).
    pub kind: String,
    /// `X-Druid-Author`.
    pub author: String,
    /// `X-Druid-Comment`.
    pub comment: String,
    /// Client IP.
    pub ip: String,
    /// Payload as JSON text.
    pub payload: String,
    /// When (ms).
    pub time: i64,
}

impl AuditEntry {
    /// JSON as the history endpoints return it.
    pub fn to_json(&self) -> Value {
        json!({
            "key": self.key,
            "type": self.kind,
            "auditInfo": {"author": self.author, "comment": self.comment, "ip": self.ip},
            "payload": self.payload,
            "auditTime": iso_millis(self.time),
        })
    }
}

/// Everything the Druid services share.
#[derive(Debug)]
pub struct DruidState {
    /// Datasources (including those whose segments are all unused).
    pub datasources: Vec<Datasource>,
    /// Tasks, oldest first.
    pub tasks: Vec<Task>,
    /// Supervisors.
    pub supervisors: Vec<Supervisor>,
    /// Retention rules per datasource (`_default` included).
    pub rules: BTreeMap<String, Value>,
    /// Coordinator dynamic config.
    pub coordinator_config: Value,
    /// Overlord worker config.
    pub worker_config: Value,
    /// Auto-compaction configs by datasource.
    pub compaction: BTreeMap<String, Value>,
    /// Compaction task slot ratio and max.
    pub compaction_slots: (f64, i64),
    /// Compaction config history: `(datasource, entry JSON)`.
    pub compaction_history: Vec<(String, Value)>,
    /// Audit log.
    pub audit: Vec<AuditEntry>,
    /// Middle manager enabled.
    pub worker_enabled: bool,
    /// Pending segments per datasource (for `DELETE pendingSegments`).
    pub pending_segments: BTreeMap<String, i64>,
    /// Random source.
    pub rng: Rng,
    /// Seed.
    pub seed: u64,
    /// Simulation start (ms).
    pub start_ms: i64,
    /// Host of every service.
    pub host: String,
    /// Historical port.
    pub historical_port: u16,
    /// Middle manager port.
    pub mm_port: u16,
    /// The ports the middle manager gives its peons, one running task each.
    pub peon_ports: Vec<u16>,
}

impl DruidState {
    /// A datasource by name.
    pub fn datasource(&self, name: &str) -> Option<&Datasource> {
        self.datasources.iter().find(|d| d.name == name)
    }

    /// A mutable datasource by name.
    pub fn datasource_mut(&mut self, name: &str) -> Option<&mut Datasource> {
        self.datasources.iter_mut().find(|d| d.name == name)
    }

    /// A task by id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// An active (not terminated) supervisor.
    pub fn supervisor(&self, id: &str) -> Option<&Supervisor> {
        self.supervisors
            .iter()
            .find(|s| s.id == id && !s.terminated)
    }

    /// Adds an audit record.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        key: &str,
        kind: &str,
        author: &str,
        comment: &str,
        ip: &str,
        payload: &Value,
        time: i64,
    ) {
        self.audit.push(AuditEntry {
            key: key.into(),
            kind: kind.into(),
            author: author.into(),
            comment: comment.into(),
            ip: ip.into(),
            payload: payload.to_string(),
            time,
        });
    }

    /// `host:port` of the historical.
    pub fn historical(&self) -> String {
        format!("{}:{}", self.host, self.historical_port)
    }

    /// Whether a task is running on a peon (or waits for one).
    fn on_peon(t: &Task) -> bool {
        t.status == TaskStatus::Running && t.runner == Runner::Running
    }

    /// A peon port no running task holds.
    pub fn free_peon(&self) -> Option<u16> {
        self.peon_ports.iter().copied().find(|p| {
            !self
                .tasks
                .iter()
                .any(|t| Self::on_peon(t) && t.location.as_ref().is_some_and(|l| l.1 == *p))
        })
    }

    /// Gives every running task that is not on a peon of its own one (tasks made running
    /// elsewhere start with the middle manager's address); a task left without one (all peons
    /// busy) has no location.
    pub fn place_on_peons(&mut self) {
        let mut held: Vec<u16> = Vec::new();
        let mut homeless = Vec::new();
        for (i, t) in self
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| Self::on_peon(t))
        {
            match &t.location {
                Some((_, p)) if self.peon_ports.contains(p) && !held.contains(p) => held.push(*p),
                _ => homeless.push(i),
            }
        }
        let mut free = self
            .peon_ports
            .iter()
            .copied()
            .filter(|p| !held.contains(p));
        for i in homeless {
            self.tasks[i].location = free.next().map(|p| (self.host.clone(), p));
        }
    }

    /// The task a peon port runs now.
    pub fn task_on_peon(&self, port: u16) -> Option<&Task> {
        self.tasks
            .iter()
            .find(|t| Self::on_peon(t) && t.location.as_ref().is_some_and(|l| l.1 == port))
    }

    /// `host:port` of the middle manager.
    pub fn middle_manager(&self) -> String {
        format!("{}:{}", self.host, self.mm_port)
    }

    /// Datasource names with at least one used segment.
    pub fn used_datasources(&self) -> Vec<&Datasource> {
        self.datasources
            .iter()
            .filter(|d| d.segments.iter().any(|s| s.used && !s.realtime))
            .collect()
    }
}
