//! Nodes a cluster reports about itself, for clusters with `discovery = true`:
//! StarRocks BEs, CNs (and other FEs, for redirects) from the FE, Druid data servers and workers from the coordinator and
//! overlord, Databend meta nodes from any meta node. Lists are cached for `discovery_ttl_ms`.

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
use std::time::{Duration, Instant};

/// A list that lacks a node is fetched again at most this often.
const MIN_REFRESH: Duration = Duration::from_secs(2);

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

#[derive(Default)]
struct Entry {
    fetched: Option<Instant>,
    nodes: NodeSet,
    problem: Option<String>,
}

/// The cache of reported nodes, per cluster.
pub struct Discovery {
    limits: Limits,
    entries: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Entry>>>>,
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
        let mut entry = entry.lock().await;
        let age = entry.fetched.map(|t| t.elapsed());
        let fresh = age.is_some_and(|a| a < self.limits.discovery_ttl);
        if fresh && entry.nodes.contains(kind, host_port) {
            return Ok(true);
        }
        if !(fresh && age.is_some_and(|a| a < MIN_REFRESH)) {
            let (nodes, problems) = fetch_nodes(cluster, client, &self.limits).await;
            entry.nodes = nodes;
            entry.problem = (!problems.is_empty()).then(|| problems.join("; "));
            entry.fetched = Some(Instant::now());
        }
        if entry.nodes.contains(kind, host_port) {
            Ok(true)
        } else {
            entry.problem.clone().map_or(Ok(false), Err)
        }
    }
}

async fn fetch_nodes(
    cluster: &ClusterRuntime,
    client: &HttpClient,
    limits: &Limits,
) -> (NodeSet, Vec<String>) {
    let mut nodes = NodeSet::default();
    let mut problems = Vec::new();
    let roles = &cluster.config.roles;
    let first_of = |names: &[&str]| {
        names
            .iter()
            .find_map(|r| roles.get(*r))
            .cloned()
            .unwrap_or_default()
    };
    const STARROCKS: &str = switchboard_catalog::starrocks::META.id;
    const DRUID: &str = switchboard_catalog::druid::META.id;
    const DATABEND_META: &str = switchboard_catalog::databend::META.id;
    match cluster.config.system.id {
        STARROCKS => {
            let fes = first_of(&["fe"]);
            let lists = [
                ("/api/show_proc?path=/backends", &mut nodes.be),
                ("/api/show_proc?path=/compute_nodes", &mut nodes.cn),
                // Other FEs: a batch-write stream load is redirected to the leader FE first.
                ("/api/show_proc?path=/frontends", &mut nodes.node),
            ];
            for (path, set) in lists {
                match get_json_from_any(client, &cluster.auth, &fes, path, limits).await {
                    Ok(v) => set.extend(rows(&v).filter_map(starrocks_http_address)),
                    Err(e) => problems.push(e),
                }
            }
        }
        DRUID => {
            let coordinators = first_of(&["coordinator", "router"]);
            match get_json_from_any(
                client,
                &cluster.auth,
                &coordinators,
                "/druid/coordinator/v1/servers?simple",
                limits,
            )
            .await
            {
                Ok(v) => nodes.node.extend(
                    rows(&v).filter_map(|s| s.get("host")?.as_str().and_then(normal_host_port)),
                ),
                Err(e) => problems.push(e),
            }
            let overlords = first_of(&["overlord", "router"]);
            match get_json_from_any(
                client,
                &cluster.auth,
                &overlords,
                "/druid/indexer/v1/workers",
                limits,
            )
            .await
            {
                Ok(v) => nodes.node.extend(rows(&v).filter_map(|w| {
                    w.get("worker")?
                        .get("host")?
                        .as_str()
                        .and_then(normal_host_port)
                })),
                Err(e) => problems.push(e),
            }
        }
        DATABEND_META => match get_json_from_any(
            client,
            &cluster.auth,
            &first_of(&["meta"]),
            "/v1/cluster/nodes",
            limits,
        )
        .await
        {
            Ok(v) => nodes.node.extend(rows(&v).filter_map(meta_endpoint)),
            Err(e) => problems.push(e),
        },
        other => problems.push(format!(
            "{other} does not report its nodes' HTTP addresses; list them in the config"
        )),
    }
    (nodes, problems)
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
