//! CockroachDB: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use leptos::prelude::*;

/// What the shell knows of CockroachDB.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::cockroach::META),
    nav: &COMMON_NAV,
    health: Endpoint {
        target: "node",
        path: "/api/v2/health/",
        about: "health",
    },
    judge_health: super::healthy_when_answered,
    explorer: &[
        Endpoint {
            target: "node",
            path: "/api/v2/nodes/",
            about: "Nodes",
        },
        Endpoint {
            target: "node",
            path: "/api/v2/sessions/",
            about: "Sessions",
        },
        Endpoint {
            target: "node",
            path: "/api/v2/ranges/hot/",
            about: "Hot ranges",
        },
        Endpoint {
            target: "node",
            path: "/api/v2/databases/",
            about: "Databases",
        },
        Endpoint {
            target: "node",
            path: "/api/v2/events/",
            about: "Events",
        },
        Endpoint {
            target: "node",
            path: "/api/v2/users/",
            about: "Users",
        },
    ],
};

/// The routes of CockroachDB clusters: `/cockroach/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    super::shared_routes!("/cockroach/:cluster", DEF.system)
}
