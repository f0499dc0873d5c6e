//! Live metric charts of the job: pick the job or one of its vertices (`mscope=`), pick metrics
//! from what that scope lists (`m=`, comma-separated), and watch them. All of it in the URL.

use crate::systems::flink::views::keys;
use super::use_job;
use crate::systems::flink::api::{self, MetricScope};
use crate::ui::kit::{load_once, query, set_query, status};
use crate::systems::flink::views::live_metrics::{ChartSpec, LiveCharts};
use crate::systems::flink::views::metric_pick::{parse_selection, selection_value, MetricPicker};
use leptos::prelude::*;

/// The metrics tab.
#[component]
pub fn MetricsTab() -> impl IntoView {
    let job = use_job();
    let setq = set_query();
    let mscope = query(keys::METRIC_SCOPE);
    let m = query(keys::METRICS);
    let chosen = Memo::new(move |_| parse_selection(m.get().as_deref()));
    let source = Memo::new(move |_| match mscope.get() {
        Some(v) => MetricScope::Vertex(job.jid.get(), v),
        None => MetricScope::Job(job.jid.get()),
    });
    let ids = load_once(move |c| {
        let sc = source.get();
        async move {
            let mut ids: Vec<String> = api::metric_ids(&c, &sc)
                .await?
                .into_iter()
                .map(|m| m.id)
                .collect();
            ids.sort();
            Ok(ids)
        }
    });
    let available = ids;
    let vertices = move || {
        job.details.with(|d| {
            d.map(|d| {
                d.vertices
                    .iter()
                    .map(|v| (v.id.clone(), v.name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    };
    let pick_scope = {
        let setq = setq.clone();
        move |ev| setq(&[(keys::METRIC_SCOPE, event_target_value(&ev)), (keys::METRICS, String::new())])
    };
    let change = Callback::new(move |s: Vec<String>| setq(&[(keys::METRICS, selection_value(&s))]));
    let charts = Signal::derive(move || {
        chosen
            .get()
            .iter()
            .map(|id| ChartSpec::single(id))
            .collect::<Vec<_>>()
    });
    view! {
        <div class="sb-row" style="margin-bottom:8px">
            <label>"Metrics of "
                <select aria-label="Metric scope" on:change=pick_scope>
                    <option value="" selected=move || mscope.get().is_none()>"the job"</option>
                    {move || vertices().into_iter().map(|(id, name)| {
                        let sel = id.clone();
                        view! { <option value=id selected=move || mscope.get().as_deref() == Some(sel.as_str())>{format!("vertex: {name}")}</option> }
                    }).collect_view()}
                </select>
            </label>
        </div>
        {status(ids, "metric list")}
        <MetricPicker available=Signal::derive(move || available.get().unwrap_or_default()) selected=chosen on_change=change />
        <Show when=move || !chosen.with(Vec::is_empty) fallback=|| view! { <p class="sb-dim">"Choose metrics above to chart them live."</p> }>
            <LiveCharts source=source charts />
        </Show>
    }
}
