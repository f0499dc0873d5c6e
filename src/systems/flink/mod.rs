//! Apache Flink: routes, API calls and views.
//!
//! `api` has one function per REST endpoint, `model` the types they return, `capabilities` what
//! the cluster allows (from `GET /config`), `views` one file per view or tab, `actions` the forms
//! that change things (submit, cancel, savepoints, rescale, ...) with their polling.

pub mod actions;
pub mod api;
pub mod capabilities;
pub mod context;
pub mod model;
pub mod views;

use super::{Endpoint, NavItem, SystemDef};
use crate::cluster::System;
use crate::shell::pages::ApiExplorerRoute;
use crate::shell::ClusterLayout;
use context::FlinkFrame;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::path;
use views::applications::{detail::ApplicationPage, list::ApplicationsPage};
use views::cluster::ClusterView;
use views::job::JobPage;
use views::jobmanager::JobManagerPage;
use views::overview::Overview;
use views::submit::SubmitPage;
use views::taskmanager::TaskManagerPage;
use views::taskmanagers::TaskManagersPage;

/// The side navigation of a Flink cluster.
pub const NAV: [NavItem; 7] = [
    NavItem {
        path: "",
        label: "Overview",
    },
    NavItem {
        path: "applications",
        label: "Applications",
    },
    NavItem {
        path: "taskmanagers",
        label: "Task managers",
    },
    NavItem {
        path: "jobmanager",
        label: "Job manager",
    },
    NavItem {
        path: "submit",
        label: "Submit a job",
    },
    NavItem {
        path: "cluster",
        label: "Cluster",
    },
    NavItem {
        path: "api",
        label: "API explorer",
    },
];

/// What the shell knows of Apache Flink.
pub const DEF: SystemDef = SystemDef {
    system: System::new(&switchboard_catalog::flink::META),
    nav: &NAV,
    health: Endpoint {
        target: "jobmanager",
        path: "/config",
        about: "health",
    },
    judge_health: super::healthy_when_answered,
    explorer: &[
        Endpoint {
            target: "jobmanager",
            path: "/config",
            about: "Web UI configuration and features",
        },
        Endpoint {
            target: "jobmanager",
            path: "/overview",
            about: "Cluster overview",
        },
        Endpoint {
            target: "jobmanager",
            path: "/jobs/overview",
            about: "Jobs",
        },
        Endpoint {
            target: "jobmanager",
            path: "/applications/overview",
            about: "Applications (2.3+)",
        },
        Endpoint {
            target: "jobmanager",
            path: "/jobs",
            about: "Job ids and states",
        },
        Endpoint {
            target: "jobmanager",
            path: "/taskmanagers",
            about: "Task managers",
        },
        Endpoint {
            target: "jobmanager",
            path: "/jobmanager/config",
            about: "Job manager configuration",
        },
        Endpoint {
            target: "jobmanager",
            path: "/jars",
            about: "Uploaded jars",
        },
        Endpoint {
            target: "jobmanager",
            path: "/datasets",
            about: "Cluster data sets",
        },
        Endpoint {
            target: "jobmanager",
            path: "/jobs/metrics",
            about: "Aggregated job metrics",
        },
    ],
};

super::chunk::chunk!(flink, "Apache Flink" {
    FrameRoute => FlinkFrame,
    OverviewRoute => Overview,
    ApplicationsRoute => ApplicationsPage,
    ApplicationRoute => ApplicationPage,
    JobRoute => JobPage,
    TaskManagersRoute => TaskManagersPage,
    TaskManagerRoute => TaskManagerPage,
    JobManagerRoute => JobManagerPage,
    SubmitRoute => SubmitPage,
    ClusterRoute => ClusterView,
});

/// The routes of Apache Flink clusters: `/flink/<cluster>/...`. Every view but the shared API
/// explorer comes from the Flink chunk.
#[component(transparent)]
pub fn Routes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/flink/:cluster") view=|| view! { <ClusterLayout system=DEF.system /> }>
            <ParentRoute path=path!("") view=FrameRoute>
                <Route path=path!("") view=OverviewRoute />
                <Route path=path!("applications") view=ApplicationsRoute />
                <Route path=path!("applications/:appid") view=ApplicationRoute />
                <Route path=path!("jobs/:jobid/:tab?") view=JobRoute />
                <Route path=path!("taskmanagers") view=TaskManagersRoute />
                <Route path=path!("taskmanagers/:tmid/:tab?") view=TaskManagerRoute />
                <Route path=path!("jobmanager/:tab?") view=JobManagerRoute />
                <Route path=path!("submit") view=SubmitRoute />
                <Route path=path!("cluster") view=ClusterRoute />
                <Route path=path!("api") view=ApiExplorerRoute />
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}
