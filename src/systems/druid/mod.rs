//! Apache Druid: routes, API calls and views.
//!
//! `api` has one function per endpoint of the reference (one file per area), `model` the lenient
//! types they return, `context` what the cluster offers (leaders, version, SQL, router), `views`
//! one folder or file per view, each with the forms and actions that belong to it. A cluster is
//! a router, or the coordinator, overlord and broker themselves; any other process (historicals,
//! middle managers, peons) is reached as a node that the coordinator or the overlord reports (a
//! peon at its running task's `location`).

pub mod api;
pub mod context;
pub mod keys;
pub mod model;
pub mod views;

use super::{Endpoint, NavItem, SystemDef};
use crate::cluster::System;
use crate::shell::pages::ApiExplorerRoute;
use crate::shell::ClusterLayout;
use crate::ui::Tone;
use context::DruidFrame;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;

/// The side navigation of a Druid cluster.
pub const NAV: [NavItem; 10] = [
    NavItem {
        path: "",
        label: "Overview",
    },
    NavItem {
        path: "datasources",
        label: "Datasources",
    },
    NavItem {
        path: "segments",
        label: "Segments",
    },
    NavItem {
        path: "tasks",
        label: "Tasks",
    },
    NavItem {
        path: "supervisors",
        label: "Supervisors",
    },
    NavItem {
        path: "services",
        label: "Services",
    },
    NavItem {
        path: "query",
        label: "Query",
    },
    NavItem {
        path: "intervals",
        label: "Intervals",
    },
    NavItem {
        path: "config",
        label: "Configuration",
    },
    NavItem {
        path: "api",
        label: "API explorer",
    },
];

/// What the shell knows of Apache Druid.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::druid::META),
    nav: &NAV,
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
        other => (
            Tone::Bad,
            format!("unhealthy: {}", super::health::excerpt(other)),
        ),
    }
}

super::chunk::chunk!(druid, "Apache Druid" {
    FrameRoute => DruidFrame,
    HomeRoute => views::home::Home,
    DatasourcesRoute => views::datasources::DatasourcesPage,
    DatasourceRoute => views::datasources::DatasourcePage,
    SegmentsRoute => views::segments::SegmentsPage,
    TasksRoute => views::tasks::TasksPage,
    TaskRoute => views::tasks::TaskPage,
    SubmitSpecRoute => views::tasks::SubmitSpecPage,
    SupervisorsRoute => views::supervisors::SupervisorsPage,
    SupervisorRoute => views::supervisors::SupervisorPage,
    ServicesRoute => views::services::ServicesPage,
    ServiceRoute => views::services::ServicePage,
    QueryRoute => views::query::QueryPage,
    IntervalsRoute => views::intervals::IntervalsPage,
    ConfigRoute => views::config::ConfigPage,
});

/// The routes of Apache Druid clusters: `/druid/<cluster>/...`. Every view but the shared API
/// explorer comes from the Druid chunk.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/druid/:cluster") view=|| view! { <ClusterLayout system=DEF.system /> }>
            <ParentRoute path=path!("") view=FrameRoute>
                <Route path=path!("") view=HomeRoute />
                <Route path=path!("datasources") view=DatasourcesRoute />
                <Route path=path!("datasources/:ds/:tab?") view=DatasourceRoute />
                <Route path=path!("segments") view=SegmentsRoute />
                <Route path=path!("tasks") view=TasksRoute />
                <Route path=path!("tasks/:taskid/:tab?") view=TaskRoute />
                <Route path=path!("submit") view=SubmitSpecRoute />
                <Route path=path!("supervisors") view=SupervisorsRoute />
                <Route path=path!("supervisors/:sid/:tab?") view=SupervisorRoute />
                <Route path=path!("services") view=ServicesRoute />
                <Route path=path!("services/:node/:tab?") view=ServiceRoute />
                <Route path=path!("query") view=QueryRoute />
                <Route path=path!("intervals") view=IntervalsRoute />
                <Route path=path!("config/:tab?") view=ConfigRoute />
                <Route path=path!("api") view=ApiExplorerRoute />
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}
