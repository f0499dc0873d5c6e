//! Databend meta: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use super::health::excerpt;
use crate::ui::Tone;
use leptos::prelude::*;

/// What the shell knows of Databend meta.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::databend::META),
    nav: &COMMON_NAV,
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

/// The routes of Databend meta clusters: `/databend-meta/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    super::shared_routes!("/databend-meta/:cluster", DEF.system)
}
