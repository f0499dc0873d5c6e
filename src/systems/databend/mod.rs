//! Databend meta: routes, API calls and views. The meta service has no web UI of its own, only
//! a CLI; these views are built on its admin HTTP API (`api`, one function per endpoint, with the
//! lenient types of `model`). Every view comes from the system's own chunk.

pub mod api;
pub mod model;
pub mod views;

use super::health::excerpt;
use super::{Endpoint, NavItem, SystemDef};
use crate::cluster::System;
use crate::shell::pages::ApiExplorerRoute;
use crate::shell::ClusterLayout;
use crate::ui::Tone;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// The side navigation of a meta cluster.
pub const NAV: [NavItem; 5] = [
    NavItem {
        path: "",
        label: "Cluster",
    },
    NavItem {
        path: "metrics",
        label: "Metrics",
    },
    NavItem {
        path: "actions",
        label: "Actions",
    },
    NavItem {
        path: "profiling",
        label: "Profiling",
    },
    NavItem {
        path: "api",
        label: "API explorer",
    },
];

/// What the shell knows of Databend meta.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::databend::META),
    nav: &NAV,
    health: Endpoint {
        target: "meta",
        path: "/v1/health",
        about: "health",
    },
    judge_health,
    explorer: &[
        Endpoint {
            target: "meta",
            path: "/v1/cluster/nodes",
            about: "Meta nodes",
        },
        Endpoint {
            target: "meta",
            path: "/v1/cluster/status",
            about: "Cluster status",
        },
        Endpoint {
            target: "meta",
            path: "/v1/metrics",
            about: "Metrics (Prometheus text)",
        },
        Endpoint {
            target: "meta",
            path: "/v1/config",
            about: "Configuration",
        },
        Endpoint {
            target: "meta",
            path: "/v1/features/list",
            about: "Features",
        },
    ],
};

/// Reads the meta service's `/v1/health`: `{"status": "pass"}` when healthy.
fn judge_health(body: &str) -> (Tone, String) {
    let v: serde_json::Value = serde_json::from_str(body.trim()).unwrap_or_default();
    match v["status"].as_str() {
        Some("pass") | None => (Tone::Ok, "healthy".into()),
        Some(s) => (Tone::Bad, format!("unhealthy: {}", excerpt(s))),
    }
}

super::chunk::chunk!(databend, "Databend meta" {
    ClusterRoute => views::cluster::ClusterPage,
    MetricsRoute => views::metrics::MetricsPage,
    ActionsRoute => views::actions::ActionsPage,
    ProfilingRoute => views::profiling::ProfilingPage,
});

/// The routes of Databend meta clusters: `/databend-meta/<cluster>/...`. Every view but the
/// shared API explorer comes from the Databend chunk.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/databend-meta/:cluster") view=|| view! { <ClusterLayout system=DEF.system /> }>
            <Route path=path!("") view=ClusterRoute />
            <Route path=path!("metrics") view=MetricsRoute />
            <Route path=path!("actions") view=ActionsRoute />
            <Route path=path!("profiling") view=ProfilingRoute />
            <Route path=path!("api") view=ApiExplorerRoute />
        </ParentRoute>
    }
    .into_inner()
}
