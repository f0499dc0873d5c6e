//! StarRocks: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use leptos::prelude::*;

/// What the shell knows of StarRocks.
pub const DEF: SystemDef = SystemDef {
    system: System::StarRocks,
    nav: &COMMON_NAV,
    health: Endpoint {
        target: "fe",
        path: "/api/health",
        about: "health",
    },
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

/// The routes of StarRocks clusters: `/starrocks/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    super::shared_routes!("/starrocks/:cluster", System::StarRocks)
}
