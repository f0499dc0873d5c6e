//! Nodes a cluster reports about itself, for clusters with `discovery = true`:
//! StarRocks BEs, CNs (and other FEs, for redirects) from the FE, Druid data servers from the
//! coordinator and workers and running tasks' peons (their `location`) from the overlord,
//! Databend meta nodes from any meta node. Lists are cached for `discovery_ttl_ms` and
//! fetched at most once per `discovery_min_refetch_ms`, all lists of a cluster at once. A caller
//! whose node is on the cached list never waits for a fetch: the list is read as a snapshot, a
//! fetch runs without the cache locked, and its result is swapped in.

use crate::auth::{AuthFailure, ClusterAuth};
use crate::client::{describe_error, HttpClient, OutBody};
use crate::config::Limits;
use crate::state::ClusterRuntime;
use crate::upstream::{split_host_port, Upstream};
use bytes::Bytes;
use http::{header, HeaderMap, Method, Request};
use http_body_util::{BodyExt, Empty, LengthLimitError, Limited};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Which list a node must be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// Any node of the cluster (Druid, Databend meta).
    Node,
    /// A StarRocks backend.
    Be,
    /// A StarRocks compute node.
    Cn,
}

impl NodeKind {
    /// The list a node addressed as `<prefix>:<host>:<port>` must be on.
    pub fn for_prefix(prefix: &str) -> Option<NodeKind> {
        match prefix {
            "node" => Some(NodeKind::Node),
            "be" => Some(NodeKind::Be),
            "cn" => Some(NodeKind::Cn),
            _ => None,
        }
    }
}

/// Nodes reported by one cluster, as lower-case `host:port` of their HTTP endpoints.
#[derive(Debug, Default, Clone)]
pub struct NodeSet {
    node: HashSet<String>,
    be: HashSet<String>,
    cn: HashSet<String>,
}

impl NodeSet {
    /// Whether the node is on the list of `kind` (or on any list when `kind` is `None`).
    pub fn contains(&self, kind: Option<NodeKind>, host_port: &str) -> bool {
        match kind {
            Some(NodeKind::Node) => self.node.contains(host_port),
            Some(NodeKind::Be) => self.be.contains(host_port),
            Some(NodeKind::Cn) => self.cn.contains(host_port),
            None => {
                self.node.contains(host_port)
                    || self.be.contains(host_port)
                    || self.cn.contains(host_port)
            }
        }
    }
}

/// What is known of one cluster's nodes.
#[derive(Default, Clone)]
struct Snapshot {
    /// When the last fetch started.
    attempted: Option<Instant>,
    /// When the last fetch ended.
    fetched: Option<Instant>,
    nodes: Arc<NodeSet>,
    problem: Option<String>,
}

impl Snapshot {
    fn answer(&self, kind: Option<NodeKind>, host_port: &str) -> Result<bool, String> {
        if self.nodes.contains(kind, host_port) {
            Ok(true)
        } else {
            self.problem.clone().map_or(Ok(false), Err)
        }
    }
}

#[derive(Default)]
struct ClusterNodes {
    snapshot: Mutex<Snapshot>,
    /// Held by the one fetch under way, so callers that need a new list share it.
    fetching: tokio::sync::Mutex<()>,
}

impl ClusterNodes {
    fn snapshot(&self) -> Snapshot {
        self.snapshot
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// The cache of reported nodes, per cluster.
pub struct Discovery {
    limits: Limits,
    entries: Mutex<HashMap<String, Arc<ClusterNodes>>>,
}

impl Discovery {
    /// An empty cache whose lists live for `discovery_ttl_ms`, fetched within `limits`.
    pub fn new(limits: Limits) -> Self {
        Discovery {
            limits,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the cluster reports the node. `Err` carries why the list could not be fetched.
    pub async fn knows(
        &self,
        cluster: &ClusterRuntime,
        client: &HttpClient,
        kind: Option<NodeKind>,
        host_port: &str,
    ) -> Result<bool, String> {
        let entry = {
            let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
            entries
                .entry(cluster.config.name.clone())
                .or_default()
                .clone()
        };
        let snapshot = entry.snapshot();
        let fresh = snapshot
            .fetched
            .is_some_and(|t| t.elapsed() < self.limits.discovery_ttl);
        let listed = snapshot.nodes.contains(kind, host_port);
        if fresh && listed {
            return Ok(true);
        }
        if !self.may_fetch(&snapshot) {
            return snapshot.answer(kind, host_port);
        }
        let asked = Instant::now();
        let _only_fetch = entry.fetching.lock().await;
        let snapshot = entry.snapshot();
        if snapshot.attempted.is_some_and(|t| t >= asked) || !self.may_fetch(&snapshot) {
            // Another caller fetched while this one waited.
            return snapshot.answer(kind, host_port);
        }
        entry
            .snapshot
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .attempted = Some(Instant::now());
        let (nodes, problems) = fetch_nodes(cluster, client, &self.limits).await;
        let fetched = {
            let mut current = entry.snapshot.lock().unwrap_or_else(|p| p.into_inner());
            current.nodes = Arc::new(nodes);
            current.problem = (!problems.is_empty()).then(|| problems.join("; "));
            current.fetched = Some(Instant::now());
            current.clone()
        };
        fetched.answer(kind, host_port)
    }

    /// Whether the last fetch is long enough ago for another one.
    fn may_fetch(&self, snapshot: &Snapshot) -> bool {
        snapshot
            .attempted
            .is_none_or(|t| t.elapsed() >= self.limits.discovery_min_refetch)
    }
}

/// One node list a cluster serves: which set it fills, who to ask, where, and how to read a row
/// (into the `host:port`s it names).
struct ListSource {
    kind: NodeKind,
    ask: Vec<Upstream>,
    path: &'static str,
    read: fn(&Value) -> Vec<String>,
}

/// Fetches all of a cluster's node lists at once.
async fn fetch_nodes(
    cluster: &ClusterRuntime,
    client: &HttpClient,
    limits: &Limits,
) -> (NodeSet, Vec<String>) {
    let sources = match list_sources(cluster) {
        Ok(sources) => sources,
        Err(problem) => return (NodeSet::default(), vec![problem]),
    };
    let fetches = sources
        .iter()
        .map(|source| get_json_from_any(client, &cluster.auth, &source.ask, source.path, limits));
    let answers = futures_util::future::join_all(fetches).await;
    let mut nodes = NodeSet::default();
    let mut problems = Vec::new();
    for (source, answer) in sources.iter().zip(answers) {
        let set = match source.kind {
            NodeKind::Node => &mut nodes.node,
            NodeKind::Be => &mut nodes.be,
            NodeKind::Cn => &mut nodes.cn,
        };
        match answer {
            Ok(v) => set.extend(rows(&v).flat_map(source.read)),
            Err(e) => problems.push(e),
        }
    }
    (nodes, problems)
}

/// The lists a cluster's system serves, or why it serves none.
fn list_sources(cluster: &ClusterRuntime) -> Result<Vec<ListSource>, String> {
    let roles = &cluster.config.roles;
    let first_of = |names: &[&str]| {
        names
            .iter()
            .find_map(|r| roles.get(*r))
            .cloned()
            .unwrap_or_default()
    };
    let source = |kind, ask: &[&str], path, read| ListSource {
        kind,
        ask: first_of(ask),
        path,
        read,
    };
    const STARROCKS: &str = switchboard_catalog::starrocks::META.id;
    const DRUID: &str = switchboard_catalog::druid::META.id;
    const DATABEND_META: &str = switchboard_catalog::databend::META.id;
    Ok(match cluster.config.system.id {
        STARROCKS => vec![
            source(
                NodeKind::Be,
                &["fe"],
                "/api/show_proc?path=/backends",
                |row| starrocks_http_address(row).into_iter().collect(),
            ),
            source(
                NodeKind::Cn,
                &["fe"],
                "/api/show_proc?path=/compute_nodes",
                |row| starrocks_http_address(row).into_iter().collect(),
            ),
            // Other FEs: a batch-write stream load is redirected to the leader FE first.
            source(
                NodeKind::Node,
                &["fe"],
                "/api/show_proc?path=/frontends",
                |row| starrocks_http_address(row).into_iter().collect(),
            ),
        ],
        DRUID => vec![
            source(
                NodeKind::Node,
                &["coordinator", "router"],
                "/druid/coordinator/v1/servers?simple",
                |row| druid_server_host(row).into_iter().collect(),
            ),
            source(
                NodeKind::Node,
                &["overlord", "router"],
                "/druid/indexer/v1/workers",
                |row| druid_worker_host(row).into_iter().collect(),
            ),
            // Peons: each running task's process, on the ports its middle manager gave it.
            source(
                NodeKind::Node,
                &["overlord", "router"],
                "/druid/indexer/v1/runningTasks",
                druid_task_location,
            ),
        ],
        DATABEND_META => vec![source(
            NodeKind::Node,
            &["meta"],
            "/v1/cluster/nodes",
            |row| meta_endpoint(row).into_iter().collect(),
        )],
        other => {
            return Err(format!(
                "{other} does not report its nodes' HTTP addresses; list them in the config"
            ))
        }
    })
}

fn druid_server_host(server: &Value) -> Option<String> {
    server.get("host")?.as_str().and_then(normal_host_port)
}

fn druid_worker_host(worker: &Value) -> Option<String> {
    worker
        .get("worker")?
        .get("host")?
        .as_str()
        .and_then(normal_host_port)
}

/// A running task's peon, from its `location` (`{host, port, tlsPort}`; a port is -1 when the
/// peon has none of that kind, and `host` is null while the task has no place).
fn druid_task_location(task: &Value) -> Vec<String> {
    let Some(location) = task.get("location") else {
        return Vec::new();
    };
    let Some(host) = location.get("host").and_then(Value::as_str) else {
        return Vec::new();
    };
    ["port", "tlsPort"]
        .iter()
        .filter_map(|k| location.get(*k)?.as_i64())
        .filter(|p| (1..=65535).contains(p))
        .filter_map(|p| {
            let bare_v6 = host.contains(':') && !host.starts_with('[');
            let host = if bare_v6 {
                format!("[{host}]")
            } else {
                host.to_string()
            };
            normal_host_port(&format!("{host}:{p}"))
        })
        .collect()
}

/// The rows of a list answer: a bare array, or one wrapped in `result` / `data`.
fn rows(v: &Value) -> impl Iterator<Item = &Value> {
    let list = v
        .as_array()
        .or_else(|| v.get("result").and_then(Value::as_array))
        .or_else(|| v.get("data").and_then(Value::as_array));
    list.into_iter().flatten()
}

fn normal_host_port(text: &str) -> Option<String> {
    split_host_port(text.trim()).map(|(h, p)| format!("{h}:{p}"))
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn starrocks_http_address(row: &Value) -> Option<String> {
    let host = row
        .get("IP")
        .or_else(|| row.get("Host"))
        .and_then(text_of)?;
    let port = row.get("HttpPort").and_then(text_of)?;
    normal_host_port(&format!("{host}:{port}"))
}

fn meta_endpoint(node: &Value) -> Option<String> {
    let endpoint = node.get("endpoint")?;
    let addr = endpoint.get("addr").and_then(text_of)?;
    let port = endpoint.get("port").and_then(text_of)?;
    normal_host_port(&format!("{addr}:{port}"))
}

async fn get_json_from_any(
    client: &HttpClient,
    auth: &ClusterAuth,
    upstreams: &[Upstream],
    path: &str,
    limits: &Limits,
) -> Result<Value, String> {
    let mut last = String::from("no upstream configured to ask");
    for upstream in upstreams {
        match get_json(client, auth, upstream, path, limits).await {
            Ok(v) => return Ok(v),
            Err(e) => last = e,
        }
    }
    Err(last)
}

async fn get_json(
    client: &HttpClient,
    auth: &ClusterAuth,
    upstream: &Upstream,
    path: &str,
    limits: &Limits,
) -> Result<Value, String> {
    let url = upstream.url_for(path, None);
    let where_ = format!("{}{}", upstream.origin(), path);
    let mut headers = HeaderMap::new();
    let timeout = limits.request_timeout;
    let max = limits.max_buffered_bytes;
    auth.apply(&mut headers, client, upstream, limits)
        .await
        .map_err(|f| match f {
            AuthFailure::Rejected { status, .. } => format!("login for {where_} answered {status}"),
            AuthFailure::Failed { message, .. } => message,
        })?;
    let body: OutBody = Empty::<Bytes>::new()
        .map_err(|never| match never {})
        .boxed_unsync();
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(&url)
        .header(header::ACCEPT, "application/json")
        .body(body)
        .map_err(|e| e.to_string())?;
    request.headers_mut().extend(headers);
    let exchange = async {
        let response = client
            .request(request)
            .await
            .map_err(|e| format!("{where_}: {}", describe_error(&e)))?;
        if !response.status().is_success() {
            return Err(format!("{where_} answered {}", response.status()));
        }
        let bytes = Limited::new(
            response.into_body(),
            usize::try_from(max).unwrap_or(usize::MAX),
        )
        .collect()
        .await
        .map_err(|e| {
            if e.is::<LengthLimitError>() {
                format!("{where_} answered more than max_buffered_bytes ({max} bytes)")
            } else {
                format!("{where_}: {}", describe_error(e.as_ref()))
            }
        })?
        .to_bytes();
        serde_json::from_slice(&bytes).map_err(|e| format!("{where_} did not answer JSON: {e}"))
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| format!("{where_} took longer than {} ms", timeout.as_millis()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_starrocks_backends_and_meta_nodes() {
        let backends: Value = serde_json::from_str(
            r#"[{"BackendId":"1","IP":"172.26.0.3","HttpPort":"8040"},{"IP":"x"}]"#,
        )
        .unwrap();
        let found: Vec<String> = rows(&backends).filter_map(starrocks_http_address).collect();
        assert_eq!(found, vec!["172.26.0.3:8040"]);
        let nodes: Value =
            serde_json::from_str(r#"[{"name":"0","endpoint":{"addr":"LocalHost","port":28101}}]"#)
                .unwrap();
        assert_eq!(
            rows(&nodes).filter_map(meta_endpoint).collect::<Vec<_>>(),
            vec!["localhost:28101"]
        );
        let running: Value = serde_json::from_str(
            r#"[{"id":"a","location":{"host":"10.0.0.7","port":8100,"tlsPort":-1}},
                {"id":"b","location":{"host":"Peon.internal","port":-1,"tlsPort":8291}},
                {"id":"c","location":{"host":null,"port":-1,"tlsPort":-1}},
                {"id":"d","location":{"host":"10.0.0.8","port":70000,"tlsPort":0}},
                {"id":"e"},
                {"id":"f","location":{"host":"fd00::7","port":8100,"tlsPort":-1}}]"#,
        )
        .unwrap();
        assert_eq!(
            rows(&running)
                .flat_map(druid_task_location)
                .collect::<Vec<_>>(),
            vec!["10.0.0.7:8100", "peon.internal:8291", "[fd00::7]:8100"]
        );
        let wrapped: Value =
            serde_json::from_str(r#"{"code":"0","result":[{"IP":"h","HttpPort":8050}]}"#).unwrap();
        assert_eq!(
            rows(&wrapped)
                .filter_map(starrocks_http_address)
                .collect::<Vec<_>>(),
            vec!["h:8050"]
        );
    }
}
