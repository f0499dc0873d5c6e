//! Apache Flink: routes, API calls and views.

pub mod model;

use super::{Endpoint, SystemDef, COMMON_NAV};
use crate::cluster::System;
use crate::shell::{ApiExplorer, ClusterLayout, SystemOverview};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes};

/// What the shell knows of Apache Flink.
pub const DEF: SystemDef = SystemDef {
    system: System::Flink,
    nav: &COMMON_NAV,
    health: Endpoint { target: "jobmanager", path: "/config", about: "health" },
    explorer: &[
        Endpoint { target: "jobmanager", path: "/config", about: "Web UI configuration and features" },
        Endpoint { target: "jobmanager", path: "/overview", about: "Cluster overview" },
        Endpoint { target: "jobmanager", path: "/jobs/overview", about: "Jobs" },
        Endpoint { target: "jobmanager", path: "/taskmanagers", about: "Task managers" },
        Endpoint { target: "jobmanager", path: "/jobmanager/config", about: "Job manager configuration" },
        Endpoint { target: "jobmanager", path: "/jars", about: "Uploaded jars" },
        Endpoint { target: "jobmanager", path: "/datasets", about: "Cluster data sets" },
        Endpoint { target: "jobmanager", path: "/jobs/metrics", about: "Aggregated job metrics" },
    ],
};


/// The routes of Apache Flink clusters: `/flink/<cluster>/...`.
#[component(transparent)]
pub fn Routes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/flink/:cluster") view=|| view! { <ClusterLayout system=System::Flink /> }>
            <Route path=path!("") view=SystemOverview />
            <Route path=path!("api") view=ApiExplorer />
        </ParentRoute>
    }
    .into_inner()
}
