//! Services: the servers the coordinator sees, the overlord's workers, load status and queues,
//! and the home page's model built from several of them.

use crate::net::lenient::{int, opt_int};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One server of `GET /druid/coordinator/v1/servers?simple`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Server {
    /// `host:port`.
    #[serde(default)]
    pub host: String,
    /// Its tier.
    #[serde(default)]
    pub tier: String,
    /// `historical`, `indexer-executor`, `broker`...
    #[serde(default, rename = "type")]
    pub kind: String,
    /// Its priority in the tier.
    #[serde(default, deserialize_with = "int")]
    pub priority: i64,
    /// Bytes of segments served.
    #[serde(default, deserialize_with = "int")]
    pub curr_size: i64,
    /// Bytes it may serve.
    #[serde(default, deserialize_with = "int")]
    pub max_size: i64,
}

impl Server {
    /// Share of the capacity in use (0 when the server has none).
    pub fn usage(&self) -> f64 {
        if self.max_size > 0 {
            (self.curr_size as f64 / self.max_size as f64).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The worker part of a `GET /druid/indexer/v1/workers` entry.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct WorkerInfo {
    /// `host:port` of the middle manager (or indexer).
    #[serde(default)]
    pub host: String,
    /// Its IP address.
    #[serde(default)]
    pub ip: String,
    /// Task slots.
    #[serde(default, deserialize_with = "int")]
    pub capacity: i64,
    /// Worker version (for rolling updates).
    #[serde(default)]
    pub version: String,
    /// Worker category.
    #[serde(default)]
    pub category: String,
}

/// One entry of `GET /druid/indexer/v1/workers`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Worker {
    /// The worker itself.
    #[serde(default)]
    pub worker: WorkerInfo,
    /// Slots in use.
    #[serde(default, deserialize_with = "int")]
    pub curr_capacity_used: i64,
    /// Ids of the tasks running on it.
    #[serde(default, deserialize_with = "crate::net::lenient::nullable")]
    pub running_tasks: Vec<String>,
    /// When its last task completed.
    #[serde(default)]
    pub last_completed_task_time: Option<String>,
    /// Until when it is blacklisted, if it is.
    #[serde(default)]
    pub blacklisted_until: Option<String>,
}

/// One historical's queue of `GET /druid/coordinator/v1/loadqueue?simple`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadQueue {
    /// Segments waiting to be loaded.
    #[serde(default, deserialize_with = "int")]
    pub segments_to_load: i64,
    /// Segments waiting to be dropped.
    #[serde(default, deserialize_with = "int")]
    pub segments_to_drop: i64,
    /// Bytes waiting to be loaded.
    #[serde(default, deserialize_with = "int")]
    pub segments_to_load_size: i64,
    /// Bytes waiting to be dropped.
    #[serde(default, deserialize_with = "int")]
    pub segments_to_drop_size: i64,
    /// Expected time to load the queue (newer Druid versions).
    #[serde(default, deserialize_with = "opt_int")]
    pub expected_load_time_millis: Option<i64>,
}

/// The segment counts of a datasource in `GET /druid/coordinator/v1/datasources?simple`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SegmentCounts {
    /// Used segments.
    #[serde(default, deserialize_with = "int")]
    pub count: i64,
    /// Their size in bytes.
    #[serde(default, deserialize_with = "int")]
    pub size: i64,
}

/// The properties of a datasource in `datasources?simple`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct DatasourceProperties {
    /// Its segments.
    #[serde(default)]
    pub segments: SegmentCounts,
}

/// One datasource of `GET /druid/coordinator/v1/datasources?simple` (only what the home shows).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct DatasourceSummary {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its segment counts.
    #[serde(default)]
    pub properties: DatasourceProperties,
}

/// One task of `GET /druid/indexer/v1/runningTasks` (only its id: the home counts them).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TaskId {
    /// The task id.
    #[serde(default)]
    pub id: String,
}

/// A part of the home page: its value, or why it could not be read.
pub type Part<T> = Result<T, String>;

/// Everything the home page shows, each part read on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct HomeModel {
    /// Whether the coordinator asked leads (`/isLeader`).
    pub coordinator_is_leader: Part<bool>,
    /// Whether the overlord asked leads.
    pub overlord_is_leader: Part<bool>,
    /// Percent of segments loaded per datasource (`loadstatus`).
    pub load_percent: Part<BTreeMap<String, f64>>,
    /// Segments left to load per datasource (`loadstatus?simple`).
    pub load_left: Part<BTreeMap<String, i64>>,
    /// Segments left to load per tier and datasource, replicas counted (`loadstatus?full`).
    pub load_full: Part<BTreeMap<String, BTreeMap<String, i64>>>,
    /// The same, counting only nodes that can load them (`?full&computeUsingClusterView`).
    pub load_cluster_view: Part<BTreeMap<String, BTreeMap<String, i64>>>,
    /// Load queues per historical (`loadqueue?simple`).
    pub load_queues: Part<BTreeMap<String, LoadQueue>>,
    /// Datasources (`datasources?simple`).
    pub datasources: Part<Vec<DatasourceSummary>>,
    /// Running tasks (`runningTasks`).
    pub running_tasks: Part<usize>,
    /// Supervisor ids (`supervisor`).
    pub supervisors: Part<usize>,
    /// Workers (`workers`).
    pub workers: Part<Vec<Worker>>,
}

impl HomeModel {
    /// The total number of used segments over every datasource.
    pub fn segment_count(&self) -> Part<i64> {
        self.datasources.as_ref().map_err(Clone::clone).map(|d| {
            d.iter()
                .map(|d| d.properties.segments.count.max(0))
                .sum()
        })
    }

    /// Total used and total capacity of the workers, as task slots.
    pub fn worker_slots(&self) -> Part<(i64, i64)> {
        self.workers.as_ref().map_err(Clone::clone).map(|w| {
            w.iter().fold((0, 0), |(u, c), w| {
                (u + w.curr_capacity_used, c + w.worker.capacity)
            })
        })
    }

    /// The names of the parts that failed, with why.
    pub fn failures(&self) -> Vec<(&'static str, String)> {
        fn err<T>(name: &'static str, p: &Part<T>) -> Option<(&'static str, String)> {
            p.as_ref().err().map(|e| (name, e.clone()))
        }
        [
            err("coordinator isLeader", &self.coordinator_is_leader),
            err("overlord isLeader", &self.overlord_is_leader),
            err("load status", &self.load_percent),
            err("load status (simple)", &self.load_left),
            err("load status (full)", &self.load_full),
            err("load status (cluster view)", &self.load_cluster_view),
            err("load queues", &self.load_queues),
            err("datasources", &self.datasources),
            err("running tasks", &self.running_tasks),
            err("supervisors", &self.supervisors),
            err("workers", &self.workers),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Load status of one datasource, for the home's table.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadRow {
    /// The datasource.
    pub datasource: String,
    /// Percent loaded.
    pub percent: Option<f64>,
    /// Segments left to load (no replicas).
    pub left: Option<i64>,
    /// Segments left to load over every tier, replicas counted.
    pub left_replicated: Option<i64>,
    /// The same, as the cluster can load them.
    pub left_cluster_view: Option<i64>,
}

/// One row per datasource named by any of the load status answers.
pub fn load_rows(h: &HomeModel) -> Vec<LoadRow> {
    let sum = |p: &Part<BTreeMap<String, BTreeMap<String, i64>>>, ds: &str| {
        p.as_ref()
            .ok()
            .map(|tiers| tiers.values().filter_map(|m| m.get(ds)).sum::<i64>())
    };
    let mut names: Vec<String> = Vec::new();
    if let Ok(p) = &h.load_percent {
        names.extend(p.keys().cloned());
    }
    if let Ok(p) = &h.load_left {
        names.extend(p.keys().cloned());
    }
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|ds| LoadRow {
            percent: h.load_percent.as_ref().ok().and_then(|p| p.get(&ds).copied()),
            left: h.load_left.as_ref().ok().and_then(|p| p.get(&ds).copied()),
            left_replicated: sum(&h.load_full, &ds),
            left_cluster_view: sum(&h.load_cluster_view, &ds),
            datasource: ds,
        })
        .collect()
}

/// `GET /druid/worker/v1/enabled`: `{"host:port": true}`; whether that worker is enabled.
pub fn worker_enabled(answer: &BTreeMap<String, bool>, host: &str) -> Option<bool> {
    answer
        .get(host)
        .copied()
        .or_else(|| (answer.len() == 1).then(|| answer.values().next().copied()).flatten())
}

/// A node's kind as the views tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A historical (segment loading status).
    Historical,
    /// A middle manager or indexer (tasks, enable/disable).
    MiddleManager,
    /// A broker (load status, readiness).
    Broker,
    /// Another process (coordinator, overlord, router, peon).
    Other,
}

impl NodeKind {
    /// Reads a type as Druid names it (`historical`, `indexer-executor`, `middleManager`, ...).
    pub fn parse(kind: &str) -> NodeKind {
        match kind.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "historical" => NodeKind::Historical,
            "indexerexecutor" | "middlemanager" | "indexer" | "worker" => NodeKind::MiddleManager,
            "broker" => NodeKind::Broker,
            _ => NodeKind::Other,
        }
    }

    /// Its name in `?type=`.
    pub fn slug(self) -> &'static str {
        match self {
            NodeKind::Historical => "historical",
            NodeKind::MiddleManager => "middleManager",
            NodeKind::Broker => "broker",
            NodeKind::Other => "",
        }
    }
}

/// What a node is: a worker of the overlord is a middle manager; otherwise the type the
/// coordinator reports; otherwise the `?type=` hint.
pub fn node_kind(host: &str, servers: &[Server], workers: &[Worker], hint: Option<&str>) -> NodeKind {
    if workers.iter().any(|w| w.worker.host == host) {
        return NodeKind::MiddleManager;
    }
    if let Some(s) = servers.iter().find(|s| s.host == host) {
        let k = NodeKind::parse(&s.kind);
        if k != NodeKind::Other {
            return k;
        }
    }
    hint.map(NodeKind::parse).unwrap_or(NodeKind::Other)
}

/// Servers grouped by `(tier, type)`, in that order, each group by host.
pub fn group_servers(servers: &[Server]) -> Vec<((String, String), Vec<Server>)> {
    let mut groups: BTreeMap<(String, String), Vec<Server>> = BTreeMap::new();
    for s in servers {
        groups
            .entry((s.tier.clone(), s.kind.clone()))
            .or_default()
            .push(s.clone());
    }
    groups
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| a.host.cmp(&b.host));
            (k, v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_servers_workers_and_queues() {
        let s: Vec<Server> =
            serde_json::from_str(include_str!("../fixtures/coordinator-servers-simple.json"))
                .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].kind, "historical");
        assert_eq!(s[0].max_size, 300_000_000_000);
        assert!(s[0].usage() > 0.0 && s[0].usage() < 0.001);
        assert_eq!(s[1].usage(), 0.0);
        let hosts: Vec<String> =
            serde_json::from_str(include_str!("../fixtures/coordinator-servers.json")).unwrap();
        assert_eq!(hosts, vec!["localhost:8083", "localhost:8100"]);
        let groups = group_servers(&s);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0 .1, "historical");

        let w: Vec<Worker> =
            serde_json::from_str(include_str!("../fixtures/workers.json")).unwrap();
        assert_eq!(w[0].worker.host, "localhost:8091");
        assert_eq!(w[0].worker.capacity, 2);
        assert_eq!(w[0].last_completed_task_time.as_deref(), Some("2023-09-29T19:13:05.505Z"));
        assert!(w[0].blacklisted_until.is_none());

        let q: BTreeMap<String, LoadQueue> = serde_json::from_str(
            r#"{"h:8083":{"segmentsToLoad":3,"segmentsToDrop":0,"segmentsToLoadSize":"1200","segmentsToDropSize":0,"expectedLoadTimeMillis":30000}}"#,
        )
        .unwrap();
        assert_eq!(q["h:8083"].segments_to_load_size, 1200);
    }

    #[test]
    fn a_node_kind_comes_from_workers_then_servers_then_the_hint() {
        let s: Vec<Server> =
            serde_json::from_str(include_str!("../fixtures/coordinator-servers-simple.json"))
                .unwrap();
        let w: Vec<Worker> =
            serde_json::from_str(include_str!("../fixtures/workers.json")).unwrap();
        assert_eq!(node_kind("localhost:8083", &s, &w, None), NodeKind::Historical);
        assert_eq!(node_kind("localhost:8091", &s, &w, None), NodeKind::MiddleManager);
        assert_eq!(node_kind("localhost:8100", &s, &w, None), NodeKind::MiddleManager);
        assert_eq!(node_kind("b:8082", &s, &w, Some("broker")), NodeKind::Broker);
        assert_eq!(node_kind("x:1", &s, &w, None), NodeKind::Other);
    }

    #[test]
    fn decodes_load_status_and_builds_the_home_model() {
        let pct: BTreeMap<String, f64> =
            serde_json::from_str(include_str!("../fixtures/coordinator-loadstatus.json")).unwrap();
        let left: BTreeMap<String, i64> =
            serde_json::from_str(include_str!("../fixtures/coordinator-loadstatus-simple.json"))
                .unwrap();
        let full: BTreeMap<String, BTreeMap<String, i64>> =
            serde_json::from_str(include_str!("../fixtures/coordinator-loadstatus-full.json"))
                .unwrap();
        let ds: Vec<DatasourceSummary> =
            serde_json::from_str(include_str!("../fixtures/coordinator-datasources-simple.json"))
                .unwrap();
        let running: Vec<TaskId> =
            serde_json::from_str(include_str!("../fixtures/runningTasks.json")).unwrap();
        let enabled: BTreeMap<String, bool> =
            serde_json::from_str(include_str!("../fixtures/worker-enabled.json")).unwrap();
        assert_eq!(worker_enabled(&enabled, "localhost:8091"), Some(true));
        assert_eq!(worker_enabled(&enabled, "other:1"), Some(true));
        let tasks: Vec<String> =
            serde_json::from_str(include_str!("../fixtures/worker-tasks.json")).unwrap();
        assert_eq!(tasks.len(), 1);
        let h = HomeModel {
            coordinator_is_leader: Ok(true),
            overlord_is_leader: Err("HTTP 500".into()),
            load_percent: Ok(pct),
            load_left: Ok(left),
            load_full: Ok(full.clone()),
            load_cluster_view: Ok(full),
            load_queues: Ok(BTreeMap::new()),
            datasources: Ok(ds),
            running_tasks: Ok(running.len()),
            supervisors: Ok(0),
            workers: Err("refused".into()),
        };
        assert_eq!(h.segment_count(), Ok(1));
        assert_eq!(h.running_tasks, Ok(1));
        let f = h.failures();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, "overlord isLeader");
        let rows = load_rows(&h);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].percent, Some(100.0));
        assert_eq!(rows[0].left, Some(0));
        assert_eq!(rows[0].left_replicated, Some(0));
    }
}
