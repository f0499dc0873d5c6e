//! What the running server shares between requests.

use crate::auth::ClusterAuth;
use crate::client::{build_client, HttpClient};
use crate::config::{ClusterConfig, Config};
use crate::discovery::Discovery;
use crate::node_policy::NodePolicy;
use crate::upstream::Upstream;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a node that refused a connection is tried last.
const FAILURE_MEMORY: Duration = Duration::from_secs(30);

/// A configured cluster with its session, health and recent failures.
pub struct ClusterRuntime {
    /// The cluster as configured.
    pub config: ClusterConfig,
    /// Its credentials.
    pub auth: ClusterAuth,
    /// The client for its upstreams (shared by all clusters unless it has its own `ca_file`).
    pub client: HttpClient,
    /// The addresses its reported nodes may have.
    pub policy: NodePolicy,
    healthy: AtomicBool,
    failures: Mutex<HashMap<String, Instant>>,
}

impl ClusterRuntime {
    /// A cluster that counts as healthy until a check says otherwise.
    pub fn new(config: ClusterConfig, client: HttpClient) -> Self {
        let auth = ClusterAuth::new(config.auth.clone());
        let hosts = config.all_upstreams().map(|u| u.host.as_str());
        let policy = NodePolicy::new(hosts, config.allowed_networks.as_deref());
        ClusterRuntime {
            config,
            auth,
            client,
            policy,
            healthy: AtomicBool::new(true),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the last health check (for `optional` clusters) reached it.
    pub fn is_healthy(&self) -> bool {
        self.healthy.load(Ordering::Relaxed)
    }

    /// Records the result of a health check.
    pub fn set_healthy(&self, healthy: bool) {
        self.healthy.store(healthy, Ordering::Relaxed);
    }

    /// The candidates in the order to try them: nodes that recently refused connections go last.
    pub fn order_candidates(&self, candidates: &[Upstream]) -> Vec<Upstream> {
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let recently_failed = |u: &Upstream| {
            failures
                .get(&u.host_port())
                .is_some_and(|t| t.elapsed() < FAILURE_MEMORY)
        };
        let mut ordered: Vec<Upstream> = candidates
            .iter()
            .filter(|u| !recently_failed(u))
            .cloned()
            .collect();
        ordered.extend(candidates.iter().filter(|u| recently_failed(u)).cloned());
        ordered
    }

    /// Remembers that a node could not be reached.
    pub fn mark_failed(&self, upstream: &Upstream) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(upstream.host_port(), Instant::now());
    }

    /// Forgets a node's failure once it answers again.
    pub fn mark_ok(&self, upstream: &Upstream) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if !failures.is_empty() {
            failures.remove(&upstream.host_port());
        }
    }
}

/// Everything a request handler needs.
pub struct AppState {
    /// The configuration.
    pub config: Config,
    /// The clusters, in config order.
    pub clusters: Vec<Arc<ClusterRuntime>>,
    /// Nodes reported by clusters with discovery on.
    pub discovery: Discovery,
}

impl AppState {
    /// Builds the state for a configuration.
    pub fn new(config: Config) -> Result<Arc<Self>, String> {
        let connect_timeout = config.limits.connect_timeout;
        let shared = build_client(connect_timeout, &[])?;
        let mut clusters = Vec::new();
        for cluster in &config.clusters {
            let client = if cluster.ca_certs.is_empty() {
                shared.clone()
            } else {
                build_client(connect_timeout, &cluster.ca_certs)
                    .map_err(|e| format!("cluster '{}': {e}", cluster.name))?
            };
            clusters.push(Arc::new(ClusterRuntime::new(cluster.clone(), client)));
        }
        let discovery = Discovery::new(config.limits.clone());
        Ok(Arc::new(AppState {
            config,
            clusters,
            discovery,
        }))
    }

    /// The cluster of that name.
    pub fn cluster(&self, name: &str) -> Option<&Arc<ClusterRuntime>> {
        self.clusters.iter().find(|c| c.config.name == name)
    }
}
