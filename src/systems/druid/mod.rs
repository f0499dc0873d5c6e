//! Apache Druid: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use super::health::excerpt;
use crate::ui::Tone;
use leptos::prelude::*;

/// What the shell knows of Apache Druid.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::druid::META),
    nav: &COMMON_NAV,
    health: Endpoint {
        target: "router",
        path: "/status/health",
        about: "health",
    },
    judge_health,
    explorer: &[
        Endpoint {
            target: "router",
            path: "/status",
            about: "Version and modules",
        },
        Endpoint {
            target: "coordinator",
            path: "/druid/coordinator/v1/datasources?simple",
            about: "Datasources",
        },
        Endpoint {
            target: "coordinator",
            path: "/druid/coordinator/v1/servers?simple",
            about: "Servers",
        },
        Endpoint {
            target: "coordinator",
            path: "/druid/coordinator/v1/loadstatus",
            about: "Load status",
        },
        Endpoint {
            target: "coordinator",
            path: "/druid/coordinator/v1/rules",
            about: "Retention rules",
        },
        Endpoint {
            target: "coordinator",
            path: "/druid/coordinator/v1/config",
            about: "Coordinator dynamic config",
        },
        Endpoint {
            target: "overlord",
            path: "/druid/indexer/v1/tasks",
            about: "Tasks",
        },
        Endpoint {
            target: "overlord",
            path: "/druid/indexer/v1/supervisor?full",
            about: "Supervisors",
        },
        Endpoint {
            target: "overlord",
            path: "/druid/indexer/v1/workers",
            about: "Workers",
        },
    ],
};

/// Reads Druid's `/status/health`: `true` when healthy.
fn judge_health(body: &str) -> (Tone, String) {
    match body.trim() {
        "true" => (Tone::Ok, "healthy".into()),
        other => (Tone::Bad, format!("unhealthy: {}", excerpt(other))),
    }
}

/// The routes of Apache Druid clusters: `/druid/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    super::shared_routes!("/druid/:cluster", DEF.system)
}
