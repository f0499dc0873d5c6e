//! CockroachDB: routes, API calls and views.

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use crate::shell::{ApiExplorer, ClusterLayout, SystemOverview};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// What the shell knows of CockroachDB.
pub const DEF: SystemDef = SystemDef {
    system: System::Cockroach,
    nav: &COMMON_NAV,
    health: Endpoint { target: "node", path: "/api/v2/health/", about: "health" },
    explorer: &[
        Endpoint { target: "node", path: "/api/v2/nodes/", about: "Nodes" },
        Endpoint { target: "node", path: "/api/v2/sessions/", about: "Sessions" },
        Endpoint { target: "node", path: "/api/v2/ranges/hot/", about: "Hot ranges" },
        Endpoint { target: "node", path: "/api/v2/databases/", about: "Databases" },
        Endpoint { target: "node", path: "/api/v2/events/", about: "Events" },
        Endpoint { target: "node", path: "/api/v2/users/", about: "Users" },
    ],
};


/// The routes of CockroachDB clusters: `/cockroach/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/cockroach/:cluster") view=|| view! { <ClusterLayout system=System::Cockroach /> }>
            <Route path=path!("") view=SystemOverview />
            <Route path=path!("api") view=ApiExplorer />
        </ParentRoute>
    }
    .into_inner()
}
