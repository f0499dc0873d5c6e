//! The job page (`/jobs/:jobid/:tab`): header with state, times and actions, and one tab per
//! aspect of the job. The job's details are loaded once per refresh and shared with the tabs.

use crate::url_state::REFRESH;
pub mod accumulators;
pub mod checkpoints;
pub mod config;
pub mod exceptions;
pub mod graph;
pub mod header;
pub mod log_links;
pub mod metrics;
pub mod plan;
pub mod rescale_views;
pub mod rescales;
pub mod result;
pub mod vertex;

use crate::ui::kit::{link_with, load, param, status};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{JobDetails, JobState};
use crate::ui::loaded::Loaded;
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use leptos::prelude::*;

tab_set! {
    /// The tabs of the job page, as named in the URL (`/jobs/:jobid/:tab`).
    pub enum JobTab {
        /// The dataflow graph with live metrics and vertex details (the default).
        Graph = ("graph", "Overview"),
        /// Root cause and exception history.
        Exceptions = ("exceptions", "Exceptions"),
        /// Checkpoint statistics, history and configuration.
        Checkpoints = ("checkpoints", "Checkpoints"),
        /// The rescale history of the adaptive scheduler (2.3+).
        Rescales = ("rescales", "Rescales"),
        /// Execution configuration.
        Configuration = ("configuration", "Configuration"),
        /// The plan as Flink describes it.
        Plan = ("plan", "Plan"),
        /// User accumulators.
        Accumulators = ("accumulators", "Accumulators"),
        /// Live metric charts.
        Metrics = ("metrics", "Metrics"),
        /// The execution result.
        Result = ("result", "Execution result"),
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
    /// Set when the user asked the job to end (cancel, stop): the page then follows the job
    /// until it has ended, whatever the refresh interval.
    pub ending: RwSignal<bool>,
}

/// How soon the job page reads a job in `state` again by itself (auto-refresh aside): every
/// second while the job is on its way to another state (starting, failing, cancelling,
/// restarting, reconciling) or, when the user asked it to end (`ending`), until it has ended;
/// `None` when it is settled.
pub fn settle_poll_ms(state: JobState, ending: bool) -> Option<u32> {
    use JobState::*;
    match state {
        Initializing | Created | Failing | Cancelling | Restarting | Reconciling => Some(1000),
        s if ending && !s.is_terminal() => Some(1000),
        _ => None,
    }
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
    let tab = Memo::new(move |_| JobTab::parse(Some(&tab_param.get())));
    let resource = load(move |c| {
        let j = jid.get();
        async move { api::job(&c, &j).await }
    });
    let details = resource;
    let ending = RwSignal::new(false);
    resource.follow(move |d| settle_poll_ms(d.state, ending.get()));
    provide_context(JobCtx {
        jid,
        resource,
        details,
        ending,
    });
    let tabs = Signal::derive(move || {
        let (c, j, current) = (cluster.get(), jid.get(), tab.get());
        tab_links(
            current,
            |t| link_with(&c, &format!("jobs/{j}/{}", t.slug()), &[REFRESH], &[]),
            |t| t.label().to_string(),
        )
    });
    let flink = use_flink();
    let disabled = Signal::derive(move || {
        let caps = flink.caps();
        resource.with(|d| {
            d.and_then(|d| {
                caps.rescales_of(d)
                    .reason()
                    .map(|r| vec![(JobTab::Rescales.label().to_string(), r.to_string())])
            })
            .unwrap_or_default()
        })
    });
    view! {
        <div class=s.cls("stack") data-job=move || jid.get()>
            <header::JobHeader />
            {status(resource, "job")}
            <div>
                <Tabs tabs disabled />
                {move || match tab.get() {
                    JobTab::Graph => view! { <graph::GraphTab /> }.into_any(),
                    JobTab::Exceptions => view! { <exceptions::ExceptionsTab /> }.into_any(),
                    JobTab::Checkpoints => view! { <checkpoints::CheckpointsTab /> }.into_any(),
                    JobTab::Configuration => view! { <config::ConfigTab /> }.into_any(),
                    JobTab::Plan => view! { <plan::PlanTab /> }.into_any(),
                    JobTab::Accumulators => view! { <accumulators::AccumulatorsTab /> }.into_any(),
                    JobTab::Metrics => view! { <metrics::MetricsTab /> }.into_any(),
                    JobTab::Result => view! { <result::ResultTab /> }.into_any(),
                    JobTab::Rescales => view! { <rescales::RescalesTab /> }.into_any(),
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
        for &t in JobTab::ALL {
            assert_eq!(JobTab::parse(Some(t.slug())), t);
        }
        assert_eq!(JobTab::parse(Some("")), JobTab::Graph);
        assert_eq!(JobTab::parse(Some("nonsense")), JobTab::Graph);
    }

    #[test]
    fn a_job_is_followed_while_it_changes_state_or_was_asked_to_end() {
        assert_eq!(settle_poll_ms(JobState::Created, false), Some(1000));
        assert_eq!(settle_poll_ms(JobState::Cancelling, false), Some(1000));
        assert_eq!(
            settle_poll_ms(JobState::Running, false),
            None,
            "a running job follows the refresh interval"
        );
        assert_eq!(
            settle_poll_ms(JobState::Running, true),
            Some(1000),
            "stopping: followed until it ends"
        );
        assert_eq!(settle_poll_ms(JobState::Finished, true), None);
        assert_eq!(settle_poll_ms(JobState::Canceled, false), None);
    }
}
