//! The job page (`/jobs/:jobid/:tab`): header with state, times and actions, and one tab per
//! aspect of the job. The job's details are loaded once per refresh and shared with the tabs.

pub mod accumulators;
pub mod checkpoints;
pub mod config;
pub mod exceptions;
pub mod graph;
pub mod header;
pub mod metrics;
pub mod plan;
pub mod result;
pub mod vertex;

use super::common::{link_with, load, param, status};
use super::scope;
use crate::ui::loaded::Loaded;
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::model::JobDetails;
use crate::ui::tabs::{TabLink, Tabs};
use leptos::prelude::*;

/// The tabs of the job page, as named in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobTab {
    /// The dataflow graph with live metrics and vertex details (the default).
    Graph,
    /// Root cause and exception history.
    Exceptions,
    /// Checkpoint statistics, history and configuration.
    Checkpoints,
    /// Execution configuration.
    Configuration,
    /// The plan as Flink describes it.
    Plan,
    /// User accumulators.
    Accumulators,
    /// Live metric charts.
    Metrics,
    /// The execution result.
    Result,
}

impl JobTab {
    /// All tabs, in display order.
    pub const ALL: [JobTab; 8] = [
        JobTab::Graph, JobTab::Exceptions, JobTab::Checkpoints, JobTab::Configuration,
        JobTab::Plan, JobTab::Accumulators, JobTab::Metrics, JobTab::Result,
    ];

    /// The tab named in the URL (unknown or empty: the graph).
    pub fn parse(s: &str) -> JobTab {
        JobTab::ALL.into_iter().find(|t| t.slug() == s).unwrap_or(JobTab::Graph)
    }

    /// The URL name.
    pub fn slug(self) -> &'static str {
        match self {
            JobTab::Graph => "graph",
            JobTab::Exceptions => "exceptions",
            JobTab::Checkpoints => "checkpoints",
            JobTab::Configuration => "configuration",
            JobTab::Plan => "plan",
            JobTab::Accumulators => "accumulators",
            JobTab::Metrics => "metrics",
            JobTab::Result => "result",
        }
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            JobTab::Graph => "Overview",
            JobTab::Exceptions => "Exceptions",
            JobTab::Checkpoints => "Checkpoints",
            JobTab::Configuration => "Configuration",
            JobTab::Plan => "Plan",
            JobTab::Accumulators => "Accumulators",
            JobTab::Metrics => "Metrics",
            JobTab::Result => "Execution result",
        }
    }
}

/// What the tabs of a job share.
#[derive(Clone, Copy)]
pub struct JobCtx {
    /// The job id from the URL.
    pub jid: Memo<String>,
    /// `GET /jobs/:jobid`, refreshed with the page.
    pub resource: Loaded<JobDetails>,
    /// The same, named for reading the latest successful answer.
    pub details: Loaded<JobDetails>,
}

/// The job context (inside [`JobPage`]).
pub fn use_job() -> JobCtx {
    expect_context::<JobCtx>()
}

/// The job page.
#[component]
pub fn JobPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let jid = param("jobid");
    let tab_param = param("tab");
    let tab = Memo::new(move |_| JobTab::parse(&tab_param.get()));
    let resource = load(move |c| {
        let j = jid.get();
        async move { api::job(&c, &j).await }
    });
    let details = resource;
    provide_context(JobCtx { jid, resource, details });
    let tabs = Signal::derive(move || {
        let (c, j, current) = (cluster.get(), jid.get(), tab.get());
        JobTab::ALL
            .iter()
            .map(|t| TabLink {
                href: link_with(&c, &format!("jobs/{j}/{}", t.slug()), &["refresh"], &[]),
                label: t.label().to_string(),
                active: *t == current,
            })
            .collect()
    });
    view! {
        <div class=s.cls("stack") data-job=move || jid.get()>
            <header::JobHeader />
            {status(resource, "job")}
            <div>
                <Tabs tabs />
                {move || match tab.get() {
                    JobTab::Graph => view! { <graph::GraphTab /> }.into_any(),
                    JobTab::Exceptions => view! { <exceptions::ExceptionsTab /> }.into_any(),
                    JobTab::Checkpoints => view! { <checkpoints::CheckpointsTab /> }.into_any(),
                    JobTab::Configuration => view! { <config::ConfigTab /> }.into_any(),
                    JobTab::Plan => view! { <plan::PlanTab /> }.into_any(),
                    JobTab::Accumulators => view! { <accumulators::AccumulatorsTab /> }.into_any(),
                    JobTab::Metrics => view! { <metrics::MetricsTab /> }.into_any(),
                    JobTab::Result => view! { <result::ResultTab /> }.into_any(),
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_round_trip_through_their_url_names() {
        for t in JobTab::ALL {
            assert_eq!(JobTab::parse(t.slug()), t);
        }
        assert_eq!(JobTab::parse(""), JobTab::Graph);
        assert_eq!(JobTab::parse("nonsense"), JobTab::Graph);
    }
}
