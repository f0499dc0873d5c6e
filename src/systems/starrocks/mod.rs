//! StarRocks: routes, API calls and views. The FE answers in six shapes and often reports
//! failures with HTTP 200; `model::decode` tells them apart for every call of `api`. Every view
//! comes from the system's own chunk.

pub mod api;
pub mod model;
pub mod views;
// Databases, tables and loads.
pub mod api_data;
pub mod model_data;
// Queries, config, nodes.
pub mod api_ops;
// The FE node: meta service, replay state, decommission check.
pub mod fe_meta;
// The FE's `/metrics?type=json` as Prometheus series.
pub mod metrics_json;
pub mod ops_model;
pub mod profile;

use super::health::excerpt;
use super::{Endpoint, NavItem, SystemDef};
use crate::cluster::System;
use crate::shell::pages::ApiExplorerRoute;
use crate::shell::ClusterLayout;
use crate::ui::Tone;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// The side navigation of a StarRocks cluster.
pub const NAV: [NavItem; 11] = [
    NavItem {
        path: "",
        label: "Cluster",
    },
    NavItem {
        path: "proc",
        label: "Proc browser",
    },
    NavItem {
        path: "metrics",
        label: "Metrics",
    },
    // Databases, tables and loads.
    NavItem {
        path: "databases",
        label: "Databases",
    },
    NavItem {
        path: "loads",
        label: "Loads",
    },
    NavItem {
        path: "sql",
        label: "SQL",
    },
    // Queries, config, nodes.
    NavItem {
        path: "queries",
        label: "Queries",
    },
    NavItem {
        path: "config",
        label: "FE config",
    },
    NavItem {
        path: "admin",
        label: "Administration",
    },
    NavItem {
        path: "metrics/across",
        label: "Metrics across BEs",
    },
    NavItem {
        path: "api",
        label: "API explorer",
    },
];

/// What the shell knows of StarRocks.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::starrocks::META),
    nav: &NAV,
    health: Endpoint {
        target: "fe",
        path: "/api/health",
        about: "health",
    },
    judge_health,
    explorer: &[
        Endpoint {
            target: "fe",
            path: "/api/bootstrap",
            about: "FE bootstrap",
        },
        Endpoint {
            target: "fe",
            path: "/api/show_proc?path=/backends",
            about: "Backends",
        },
        Endpoint {
            target: "fe",
            path: "/api/show_proc?path=/frontends",
            about: "Frontends",
        },
        Endpoint {
            target: "fe",
            path: "/api/show_proc?path=/compute_nodes",
            about: "Compute nodes",
        },
        Endpoint {
            target: "fe",
            path: "/metrics?type=json",
            about: "FE metrics",
        },
        Endpoint {
            target: "fe",
            path: "/api/show_runtime_info",
            about: "FE runtime info",
        },
    ],
};

/// Reads StarRocks' `/api/health`: status, and how many BE are online.
fn judge_health(body: &str) -> (Tone, String) {
    let body = body.trim();
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let status = v["status"].as_str().unwrap_or_default();
    let online = v["online_backend_num"].as_u64();
    let total = v["total_backend_num"].as_u64();
    match (status, online, total) {
        ("OK", Some(o), Some(t)) if o < t => (Tone::Warn, format!("{o}/{t} BE online")),
        ("OK", Some(o), Some(t)) => (Tone::Ok, format!("healthy · {o}/{t} BE")),
        ("OK", _, _) => (Tone::Ok, "healthy".into()),
        (s, _, _) => (
            Tone::Bad,
            format!("unhealthy: {}", excerpt(if s.is_empty() { body } else { s })),
        ),
    }
}

super::chunk::chunk!(starrocks, "StarRocks" {
    ClusterRoute => views::cluster::ClusterPage,
    ProcRoute => views::proc::ProcPage,
    MetricsRoute => views::metrics::MetricsPage,
    // Databases, tables and loads.
    DatabasesRoute => views::data::databases::DatabasesPage,
    TableRoute => views::data::table::TablePage,
    LoadsRoute => views::data::loads::LoadsPage,
    SqlRoute => views::data::sql::SqlPage,
    // Queries, config, nodes.
    QueriesRoute => views::queries::QueriesPage,
    ProfileRoute => views::profile::ProfilePage,
    ConfigRoute => views::config::ConfigPage,
    AdminRoute => views::admin::AdminPage,
    AcrossRoute => views::metrics_across::AcrossPage,
    NodeRoute => views::node::NodePage,
});

/// The routes of StarRocks clusters: `/starrocks/<cluster>/...`. Every view but the shared API
/// explorer comes from the StarRocks chunk.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/starrocks/:cluster") view=|| view! { <ClusterLayout system=DEF.system /> }>
            <Route path=path!("") view=ClusterRoute />
            <Route path=path!("proc") view=ProcRoute />
            <Route path=path!("metrics") view=MetricsRoute />
            // Databases, tables and loads.
            <Route path=path!("databases") view=DatabasesRoute />
            <Route path=path!("databases/:db/:table") view=TableRoute />
            <Route path=path!("loads") view=LoadsRoute />
            <Route path=path!("sql") view=SqlRoute />
            // Queries, config, nodes.
            <Route path=path!("queries") view=QueriesRoute />
            <Route path=path!("profile") view=ProfileRoute />
            <Route path=path!("config") view=ConfigRoute />
            <Route path=path!("admin") view=AdminRoute />
            <Route path=path!("metrics/across") view=AcrossRoute />
            <Route path=path!("node/:node") view=NodeRoute />
            <Route path=path!("api") view=ApiExplorerRoute />
        </ParentRoute>
    }
    .into_inner()
}
