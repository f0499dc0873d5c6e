//! StarRocks: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use super::health::excerpt;
use crate::ui::Tone;
use leptos::prelude::*;

/// What the shell knows of StarRocks.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::starrocks::META),
    nav: &COMMON_NAV,
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

/// The routes of StarRocks clusters: `/starrocks/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    super::shared_routes!("/starrocks/:cluster", DEF.system)
}
