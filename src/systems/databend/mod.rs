//! Databend meta: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use leptos::prelude::*;

/// What the shell knows of Databend meta.
pub const DEF: SystemDef = SystemDef {
    system: System::DatabendMeta,
    nav: &COMMON_NAV,
    health: Endpoint {
        target: "meta",
        path: "/v1/health",
        about: "health",
    },
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

/// The routes of Databend meta clusters: `/databend-meta/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    super::shared_routes!("/databend-meta/:cluster", System::DatabendMeta)
}
