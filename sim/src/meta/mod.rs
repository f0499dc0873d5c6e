//! Databend meta-service admin HTTP API: three nodes, node 1 leads at start.
//!
//! Every endpoint is a GET (even the control ones), `/v1/config` answers plain text, and a node
//! that is not the leader refuses leader-only requests with 404 and a text explanation.

mod cluster;
mod ctrl;
mod metrics;
mod state;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

use crate::http_util::text;
use crate::runtime::Shared;
pub use state::MetaCluster;

/// State handed to the handlers of one meta node.
#[derive(Clone)]
pub struct NodeCtx {
    /// This node's id (1..=3).
    pub id: u64,
    /// The cluster shared by the three nodes.
    pub cluster: Arc<Mutex<MetaCluster>>,
    /// Everything else.
    pub shared: Shared,
}

/// One router per meta node, keyed by role (`node1`..`node3`).
pub fn routers(shared: &Shared) -> Vec<(&'static str, Router)> {
    let cluster = Arc::new(Mutex::new(MetaCluster::new(shared)));
    [("node1", 1), ("node2", 2), ("node3", 3)]
        .into_iter()
        .map(|(role, id)| {
            (
                role,
                node_router(NodeCtx {
                    id,
                    cluster: cluster.clone(),
                    shared: shared.clone(),
                }),
            )
        })
        .collect()
}

fn node_router(ctx: NodeCtx) -> Router {
    Router::new()
        .route("/v1/health", get(cluster::health))
        .route("/v1/config", get(cluster::config))
        .route("/v1/cluster/nodes", get(cluster::nodes))
        .route("/v1/cluster/status", get(cluster::status))
        .route("/v1/metrics", get(metrics::metrics))
        .route("/v1/ctrl/trigger_snapshot", get(ctrl::trigger_snapshot))
        .route(
            "/v1/ctrl/trigger_transfer_leader",
            get(ctrl::trigger_transfer_leader),
        )
        .route("/v1/features/list", get(ctrl::features_list))
        .route("/v1/features/set", get(ctrl::features_set))
        .route("/debug/home", get(ctrl::debug_home))
        .route("/debug/pprof/profile", get(ctrl::pprof_profile))
        .route("/debug/jeprof/dump", get(ctrl::jeprof_dump))
        .fallback(|| async { text(StatusCode::NOT_FOUND, "") })
        .with_state(ctx)
}
