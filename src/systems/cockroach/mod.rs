//! CockroachDB: routes, API calls and views. `api` has one function per endpoint of the HTTP
//! API v2 the views use, `model` the lenient types they return, `views` one file per view
//! (nodes and a node's metrics, a node's ranges and a range, hot ranges, sessions, databases,
//! tables, users, events), `login` the login session the console holds when no proxy does.
//! Every view comes from the system's own chunk.

pub mod api;
pub mod login;
pub mod model;
pub mod schema;
pub mod views;

use super::{Endpoint, NavItem, SystemDef};
use crate::cluster::System;
use crate::shell::pages::ApiExplorerRoute;
use crate::shell::ClusterLayout;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// The side navigation of a CockroachDB cluster.
pub const NAV: [NavItem; 7] = [
    NavItem {
        path: "",
        label: "Nodes",
    },
    NavItem {
        path: "hot",
        label: "Hot ranges",
    },
    NavItem {
        path: "sessions",
        label: "Sessions",
    },
    NavItem {
        path: "databases",
        label: "Databases",
    },
    NavItem {
        path: "users",
        label: "Users",
    },
    NavItem {
        path: "events",
        label: "Events",
    },
    NavItem {
        path: "api",
        label: "API explorer",
    },
];

/// What the shell knows of CockroachDB.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::cockroach::META),
    nav: &NAV,
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

super::chunk::chunk!(cockroach, "CockroachDB" {
    NodesRoute => views::nodes::NodesPage,
    NodeRoute => views::nodes::NodePage,
    NodeRangesRoute => views::ranges::NodeRangesPage,
    RangeRoute => views::ranges::RangePage,
    HotRoute => views::hot::HotRangesPage,
    SessionsRoute => views::sessions::SessionsPage,
    DatabasesRoute => views::databases::DatabasesPage,
    DatabaseRoute => views::databases::DatabasePage,
    TableRoute => views::databases::TablePage,
    UsersRoute => views::events::UsersPage,
    EventsRoute => views::events::EventsPage,
});

/// The routes of CockroachDB clusters: `/cockroach/<cluster>/...`. Every view but the shared API
/// explorer comes from the CockroachDB chunk.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/cockroach/:cluster") view=|| view! { <ClusterLayout system=DEF.system /> }>
            <Route path=path!("") view=NodesRoute />
            <Route path=path!("nodes/:node") view=NodeRoute />
            <Route path=path!("nodes/:node/ranges") view=NodeRangesRoute />
            <Route path=path!("ranges/:range") view=RangeRoute />
            <Route path=path!("hot") view=HotRoute />
            <Route path=path!("sessions") view=SessionsRoute />
            <Route path=path!("databases") view=DatabasesRoute />
            <Route path=path!("databases/:db") view=DatabaseRoute />
            <Route path=path!("databases/:db/tables/:table") view=TableRoute />
            <Route path=path!("users") view=UsersRoute />
            <Route path=path!("events") view=EventsRoute />
            <Route path=path!("api") view=ApiExplorerRoute />
        </ParentRoute>
    }
    .into_inner()
}
