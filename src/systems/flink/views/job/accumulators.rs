//! The job's user accumulators (`GET /jobs/:jobid/accumulators`), summed over all tasks.

use super::use_job;
use super::vertex::accumulators::AccumulatorList;
use crate::systems::flink::api;
use crate::ui::kit::{load, status};
use leptos::prelude::*;

/// The accumulators tab.
#[component]
pub fn AccumulatorsTab() -> impl IntoView {
    let job = use_job();
    let r = load(move |c| {
        let j = job.jid.get();
        async move {
            api::job_accumulators(&c, &j)
                .await
                .map(|a| a.user_task_accumulators)
        }
    });
    let data = r;
    view! {
        {status(r, "accumulators")}
        <AccumulatorList id="jobacc" items=Signal::derive(move || data.get().unwrap_or_default()) />
        <p class="sb-dim">"Per vertex and per subtask: open a vertex on the Overview tab, then Accumulators."</p>
    }
}
