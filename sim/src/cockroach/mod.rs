//! CockroachDB HTTP API v2 on three nodes.
//!
//! The odd parts kept on purpose: errors are `text/plain` (Go's `http.Error`), every path keeps its
//! trailing slash (`/api/v2/nodes` without it is a 404), two pagination styles (`offset` with an
//! integer `next`, `start` with an opaque base64 `next`), nanosecond integer timestamps next to
//! RFC 3339 strings, and base64 for byte fields. Everything under `/api/v2/` except `login/`,
//! `logout/` and `health/` needs the `X-Cockroach-API-Session` header from `login/`.

mod auth;
mod catalog;
mod ddl;
mod gen;
mod health;
mod nodes;
mod pagination;
mod schema;
mod sessions;
mod sql;
mod state;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::routing::{any, get};
use axum::Router;

use crate::http_util::go_error;
use crate::runtime::Shared;
pub use state::CrdbCluster;

/// State handed to the handlers of one node.
#[derive(Clone)]
pub struct NodeCtx {
    /// The node serving this port (1..=3).
    pub node_id: i64,
    /// The cluster shared by every node.
    pub cluster: Arc<Mutex<CrdbCluster>>,
    /// Clock, ports and seed.
    pub shared: Shared,
}

/// The simulated cluster, shared by its nodes and the admin API.
pub fn cluster(shared: &Shared) -> Arc<Mutex<CrdbCluster>> {
    Arc::new(Mutex::new(CrdbCluster::generate(shared)))
}

/// Ends the login sessions of `user` (every user's when `None`), as if they had expired: their
/// next request is a 401. Returns how many were ended.
pub fn expire_sessions(cluster: &Mutex<CrdbCluster>, user: Option<&str>) -> usize {
    let mut c = crate::http_util::lock(cluster);
    let mut n = 0;
    for s in c.web_sessions.values_mut() {
        if !s.revoked && user.is_none_or(|u| s.user == u) {
            s.revoked = true;
            n += 1;
        }
    }
    n
}

/// One router per node (`node1`..`node3`) of `cluster`.
pub fn routers(shared: &Shared, cluster: &Arc<Mutex<CrdbCluster>>) -> Vec<(&'static str, Router)> {
    [("node1", 1), ("node2", 2), ("node3", 3)]
        .into_iter()
        .map(|(role, id)| {
            (
                role,
                node_router(NodeCtx {
                    node_id: id,
                    cluster: cluster.clone(),
                    shared: shared.clone(),
                }),
            )
        })
        .collect()
}

fn node_router(ctx: NodeCtx) -> Router {
    Router::new()
        .route("/health", get(health::legacy_health))
        .route("/_admin/v1/health", get(health::legacy_health))
        .route("/_status/vars", get(health::prometheus_vars))
        .route("/api/v2/health/", get(health::health))
        .route("/api/v2/login/", any(auth::login))
        .route("/api/v2/logout/", any(auth::logout))
        .route("/api/v2/nodes/", get(nodes::list_nodes))
        .route("/api/v2/nodes/{node_id}/ranges/", get(nodes::node_ranges))
        .route("/api/v2/ranges/hot/", get(nodes::hot_ranges))
        .route("/api/v2/ranges/{range_id}/", get(nodes::range))
        .route("/api/v2/sessions/", get(sessions::list_sessions))
        .route("/api/v2/users/", get(schema::users))
        .route("/api/v2/events/", get(schema::events))
        .route("/api/v2/databases/", get(schema::databases))
        .route("/api/v2/databases/{db}/", get(schema::database_details))
        .route(
            "/api/v2/databases/{db}/grants/",
            get(schema::database_grants),
        )
        .route(
            "/api/v2/databases/{db}/tables/",
            get(schema::database_tables),
        )
        .route(
            "/api/v2/databases/{db}/tables/{table}/",
            get(schema::table_details),
        )
        .route("/api/v2/rules/", get(schema::rules))
        .route("/api/v2/sql/", any(sql::exec_sql))
        .fallback(|| async { go_error(StatusCode::NOT_FOUND, "404 page not found") })
        .with_state(ctx)
}
