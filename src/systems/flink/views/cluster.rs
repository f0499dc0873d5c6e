//! The cluster page: dashboard configuration and features (`GET /config`), cluster data sets
//! (`GET /datasets`, with deletion), job metrics aggregated over all jobs (`GET /jobs/metrics`),
//! savepoint disposal and shutdown.

use super::agg_metrics::AggregatedMetrics;
use crate::ui::kit::{load, status};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::flink::actions::cluster_actions::{
    delete_dataset, DisposeSavepoint, ShutdownCluster,
};
use crate::systems::flink::api::{self, MetricScope};
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{ClusterDataSet, DashboardConfig};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::duration_ms;
use crate::ui::operation::{OpState, OperationStatus};
use crate::ui::{ConfirmButton, DataTable, KeyValue};
use leptos::prelude::*;

/// `/config` as `(label, value)`, features spelled out.
pub fn config_facts(c: &DashboardConfig) -> Vec<(String, String)> {
    let flag = |f: Option<bool>| match f {
        Some(true) => "allowed",
        Some(false) => "disabled",
        None => "not reported (older Flink)",
    };
    vec![
        ("Flink version".to_string(), c.flink_version.clone()),
        ("Revision".into(), c.flink_revision.clone()),
        (
            "Time zone".into(),
            format!("{} ({:+} min)", c.timezone_name, c.timezone_offset / 60_000),
        ),
        ("Dashboard refresh".into(), duration_ms(c.refresh_interval)),
        (
            "Job submission (web.submit.enable)".into(),
            flag(c.features.web_submit).into(),
        ),
        (
            "Job cancellation (web.cancel.enable)".into(),
            flag(c.features.web_cancel).into(),
        ),
        (
            "Rescaling (web.rescale.enable)".into(),
            flag(c.features.web_rescale).into(),
        ),
        (
            "History server".into(),
            if c.features.web_history == Some(true) {
                "yes"
            } else {
                "no"
            }
            .into(),
        ),
    ]
}

/// The cluster page.
#[component]
pub fn ClusterView() -> impl IntoView {
    let s = scope();
    let flink = use_flink();
    let cluster = use_cluster();
    let r = load(|c| async move { api::datasets(&c).await.map(|d| d.data_sets) });
    let sets = r;
    let op = RwSignal::new(OpState::Idle);
    let blocked = Memo::new(move |_| !flink.caps().modify.allowed());
    let columns = vec![
        col::text("id", "Data set", |d: &ClusterDataSet| d.id.as_str().into()),
        col::text("complete", "Complete", |d: &ClusterDataSet| {
            if d.is_complete { "yes" } else { "no" }.into()
        }),
        col::view(
            "actions",
            "",
            |_: &ClusterDataSet| "".into(),
            move |d: &ClusterDataSet| {
                let id = d.id.clone();
                view! {
                <ConfirmButton label="Delete" title="Delete this data set?" danger=true
                    message=format!("The cached partitions of data set {} are released on every task manager.", d.id)
                    confirm_label="Delete data set" disabled=Signal::derive(move || blocked.get() || op.with(OpState::is_running))
                    on_confirm=Callback::new(move |_| delete_dataset(cluster.get_untracked(), id.clone(), op)) />
            }.into_any()
            },
        ),
    ];
    view! {
        <div class=s.cls("stack")>
            <h1>"Cluster"</h1>
            <section>
                <h2>"Configuration and features"</h2>
                {move || match flink.config.get() {
                    Some(c) => view! { <KeyValue items=config_facts(&c) /> }.into_any(),
                    None => view! { <crate::ui::Loading what="configuration" /> }.into_any(),
                }}
            </section>
            <section>
                <h2>"Cluster data sets"</h2>
                {status(r, "data sets")}
                <OperationStatus state=op />
                <DataTable id="datasets" columns rows=Signal::derive(move || any_rows(sets.get().unwrap_or_default())) export_name="datasets" />
            </section>
            <section>
                <h2>"Job metrics over all jobs"</h2>
                <AggregatedMetrics id="jobsagg" source=MetricScope::Jobs />
            </section>
            <section>
                <h2>"Dispose of a savepoint"</h2>
                <DisposeSavepoint />
            </section>
            <section>
                <h2>"Shut down the cluster"</h2>
                <ShutdownCluster />
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_spelled_out_for_both_versions() {
        let new: DashboardConfig =
            serde_json::from_str(include_str!("../fixtures/2.3/config.json")).unwrap();
        let f = config_facts(&new);
        assert!(f
            .iter()
            .any(|(k, v)| k.starts_with("Job cancellation") && v == "allowed"));
        let old: DashboardConfig =
            serde_json::from_str(include_str!("../fixtures/1.12/config.json")).unwrap();
        let f = config_facts(&old);
        assert!(f
            .iter()
            .any(|(k, v)| k.starts_with("Job cancellation") && v.starts_with("not reported")));
    }
}
