//! StarRocks HTTP APIs: one FE (leader), three BEs and one CN.
//!
//! The FE answers in six different shapes (see [`respond`]); JSON is often sent as text/html;
//! many failures are HTTP 200 with `"status":"FAILED"`; a stream load sent to the FE is redirected
//! with 307 to a BE, which takes the body and appends rows that `_count` then reports.

mod be;
mod be_load;
mod fe_misc;
mod load;
mod metrics;
mod proc;
pub mod respond;
mod sql;
mod state;
mod table;
mod v2;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::routing::{any, get, post, put};
use axum::Router;

use crate::http_util::raw;
use crate::runtime::Shared;
pub use state::SrCluster;

/// Which kind of node a router serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// The frontend.
    Fe,
    /// Backend number `n` (0-based index into the node list).
    Be(usize),
    /// The compute node (index into the node list).
    Cn(usize),
}

/// Handler state: the cluster plus which node answers.
#[derive(Clone)]
pub struct SrCtx {
    /// Shared cluster.
    pub cluster: Arc<Mutex<SrCluster>>,
    /// Clock, ports, seed.
    pub shared: Shared,
    /// The node serving this port.
    pub node: NodeKind,
}

impl SrCtx {
    /// Index into `nodes` for BE/CN routers (0 for the FE).
    pub fn node_index(&self) -> usize {
        match self.node {
            NodeKind::Be(i) | NodeKind::Cn(i) => i,
            NodeKind::Fe => 0,
        }
    }
}

/// Routers for `fe`, `be1`..`be3` and `cn1`.
pub fn routers(shared: &Shared) -> Vec<(&'static str, Router)> {
    let cluster = Arc::new(Mutex::new(SrCluster::generate(shared)));
    let ctx = |node| SrCtx {
        cluster: cluster.clone(),
        shared: shared.clone(),
        node,
    };
    vec![
        ("fe", fe_router(ctx(NodeKind::Fe))),
        ("be1", be_router(ctx(NodeKind::Be(0)))),
        ("be2", be_router(ctx(NodeKind::Be(1)))),
        ("be3", be_router(ctx(NodeKind::Be(2)))),
        ("cn1", cn_router(ctx(NodeKind::Cn(3)))),
    ]
}

fn not_found() -> axum::response::Response {
    raw(
        StatusCode::NOT_FOUND,
        "text/html",
        "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>",
    )
}

fn fe_router(ctx: SrCtx) -> Router {
    Router::new()
        .route("/api/{db}/{table}/_stream_load", put(load::fe_stream_load))
        .route(
            "/api/transaction/{op}",
            post(load::fe_transaction).put(load::fe_transaction),
        )
        .route("/api/{db}/_load_info", get(load::load_info))
        .route("/api/{db}/get_load_state", get(load::get_load_state))
        .route("/api/{db}/{label}/_cancel", post(load::cancel))
        .route("/api/_set_config", get(fe_misc::set_config))
        .route("/api/_get_ddl", get(fe_misc::get_ddl))
        .route("/api/_migration", get(fe_misc::migration))
        .route("/api/_check_storagetype", get(fe_misc::check_storage_type))
        .route("/api/health", get(fe_misc::health))
        .route("/api/bootstrap", get(fe_misc::bootstrap))
        .route("/metrics", get(metrics::fe_metrics))
        .route("/api/show_meta_info", get(fe_misc::show_meta_info))
        .route("/api/show_proc", get(proc::show_proc))
        .route("/api/show_runtime_info", get(fe_misc::show_runtime_info))
        .route(
            "/api/get_log_file",
            get(fe_misc::get_log_file).head(fe_misc::get_log_file),
        )
        .route("/api/get_small_file", get(fe_misc::get_small_file))
        .route("/api/rowcount", get(fe_misc::rowcount))
        .route("/api/check_decommission", get(fe_misc::check_decommission))
        .route("/api/_meta_replay_state", get(fe_misc::meta_replay_state))
        .route("/api/colocate", get(fe_misc::colocate))
        .route("/api/colocate/bucketseq", post(fe_misc::colocate_update))
        .route("/api/colocate/group_stable", post(fe_misc::colocate_update))
        .route(
            "/api/colocate/group_unstable",
            post(fe_misc::colocate_update),
        )
        .route("/api/colocate/update_group", post(fe_misc::colocate_update))
        .route(
            "/api/global_dict/table/enable",
            post(fe_misc::global_dict_enable),
        )
        .route("/api/profile", get(sql::profile))
        .route("/api/query_detail", get(sql::query_detail))
        .route("/api/connection", get(fe_misc::connection))
        .route("/api/show_data", get(fe_misc::show_data))
        .route("/api/query_dump", post(fe_misc::query_dump))
        .route("/api/stop", get(fe_misc::stop))
        .route("/image", get(fe_misc::meta_image))
        .route("/info", get(fe_misc::meta_info))
        .route("/version", get(fe_misc::meta_version))
        .route("/put", get(fe_misc::meta_put))
        .route("/journal_id", get(fe_misc::meta_journal_id))
        .route("/check", get(fe_misc::meta_check))
        .route("/dump", get(fe_misc::meta_dump))
        .route("/role", get(fe_misc::meta_role))
        .route("/api/{db}/{table}/_count", get(table::count))
        .route("/api/{db}/{table}/_schema", get(table::schema))
        .route(
            "/api/{db}/{table}/_query_plan",
            get(table::query_plan).post(table::query_plan),
        )
        .route("/api/v2/{catalog}/{db}/sql", post(sql::execute_sql))
        .route("/api/v2/{catalog}/sql", post(sql::execute_sql_no_db))
        .route("/api/v2/backend", get(v2::backends))
        .route("/api/v2/compute_nodes", get(v2::compute_nodes))
        .route("/api/v2/cluster_overview", get(v2::cluster_overview))
        .route(
            "/api/v2/catalogs/{catalog}/databases/{db}/tables/{table}/partition",
            get(v2::partitions),
        )
        .route(
            "/api/v2/catalogs/{catalog}/databases/{db}/tables/{table}/schema",
            get(v2::table_schema),
        )
        .fallback(|| async { not_found() })
        .with_state(ctx)
}

fn be_common(router: Router<SrCtx>) -> Router<SrCtx> {
    router
        .route("/api/health", get(be::health))
        .route("/metrics", get(metrics::be_metrics))
        .route("/pprof/heap", get(be::pprof_heap))
        .route("/pprof/growth", get(be::pprof_heap))
        .route("/pprof/profile", get(be::pprof_profile))
        .route("/pprof/pmuprofile", get(be::pprof_profile))
        .route("/pprof/contention", get(be::pprof_contention))
        .route("/pprof/cmdline", get(be::pprof_cmdline))
        .route("/pprof/symbol", any(be::pprof_symbol))
}

fn be_router(ctx: SrCtx) -> Router {
    be_common(Router::new())
        .route("/api/{db}/{table}/_stream_load", put(be_load::stream_load))
        .route(
            "/api/transaction/{op}",
            post(be_load::transaction).put(be_load::transaction),
        )
        .route("/api/_download_load", get(be::download).head(be::download))
        .route(
            "/api/_tablet/_download",
            get(be::download).head(be::download),
        )
        .route(
            "/api/_load_error_log",
            get(be_load::error_log).head(be_load::error_log),
        )
        .route("/api/_stop_be", get(be::stop_be))
        .route(
            "/api/meta/header/{tablet_id}",
            get(be::meta_header).head(be::meta_header),
        )
        .route("/api/checksum", get(be::checksum))
        .route("/api/reload_tablet", get(be::reload_tablet))
        .route("/api/restore_tablet", post(be::restore_tablet))
        .route("/api/snapshot", get(be::snapshot))
        .route("/api/compaction/show", get(be::compaction_show))
        .route("/api/compact", post(be::compact))
        .route("/api/compaction/show_repair", get(be::show_repair))
        .route("/api/compaction/submit_repair", put(be::submit_repair))
        .route("/api/update_config", post(be::update_config))
        .route(
            "/api/runtime_filter_cache/{action}",
            get(be::runtime_filter_cache).put(be::runtime_filter_cache),
        )
        .route("/api/compact_rocksdb_meta", post(be::compact_rocksdb_meta))
        .route(
            "/api/query_cache/{action}",
            get(be::query_cache).put(be::query_cache),
        )
        .route(
            "/api/pipeline_blocking_drivers/{action}",
            get(be::pipeline_blocking_drivers),
        )
        .route("/greplog", get(be::greplog))
        .route("/varz", get(be::varz))
        .fallback(|| async {
            raw(
                StatusCode::NOT_FOUND,
                crate::starrocks::respond::BE_DEFAULT_CT,
                "Not Found",
            )
        })
        .with_state(ctx)
}

fn cn_router(ctx: SrCtx) -> Router {
    be_common(Router::new())
        .fallback(|| async {
            raw(
                StatusCode::NOT_FOUND,
                crate::starrocks::respond::BE_DEFAULT_CT,
                "Not Found",
            )
        })
        .with_state(ctx)
}
