//! The selected vertex (`?vertex=<id>` on the graph tab): its name and one sub-tab
//! (`&vtab=...`) per aspect.

use crate::systems::flink::views::keys;
use crate::url_state::REFRESH;
pub mod accumulators;
pub mod backpressure;
pub mod flamegraph;
pub mod metrics;
pub mod subtasks;
pub mod taskmanagers;
pub mod times;
pub mod watermarks;

use super::use_job;
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::flink::context::use_flink;
use crate::ui::kit::load;
use crate::ui::kit::{link_with, query, set_query};
use crate::systems::flink::views::scope;
use crate::ui::loaded::Loaded;
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;

/// Loads, with the page's refresh, what `fetch` reads of vertex `vid` of the job on the page;
/// `fetch` gets the cluster, the job id and the vertex id.
pub fn load_vertex<T, Fut>(
    vid: StoredValue<String>,
    fetch: impl Fn(Cluster, String, String) -> Fut + 'static,
) -> Loaded<T>
where
    T: Any + Send + Sync,
    Fut: Future<Output = Result<T, FetchError>> + 'static,
{
    let job = use_job();
    load(move |c| fetch(c, job.jid.get(), vid.get_value()))
}

tab_set! {
    /// The vertex sub-tabs, as named in the URL (`vtab=`).
    pub enum VertexTab {
        /// Subtasks and their attempts (default).
        Subtasks = ("subtasks", "Subtasks"),
        /// When each subtask entered each state.
        Times = ("times", "Timeline"),
        /// Subtasks grouped by task manager.
        TaskManagers = ("taskmanagers", "Task managers"),
        /// Watermarks per subtask.
        Watermarks = ("watermarks", "Watermarks"),
        /// Accumulators of the vertex and of each subtask.
        Accumulators = ("accumulators", "Accumulators"),
        /// Back pressure per subtask.
        Backpressure = ("backpressure", "Back pressure"),
        /// Vertex metrics: values per subtask and aggregates.
        Metrics = ("metrics", "Metrics"),
        /// Sampled stacks as a flame graph (1.13+).
        FlameGraph = ("flamegraph", "Flame graph"),
    }
}

/// The details of vertex `vid`.
#[component]
pub fn VertexPanel(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let s = scope();
    let job = use_job();
    let cluster = use_cluster();
    let flink = use_flink();
    let vtab = query(keys::VERTEX_TAB);
    let tab = Memo::new(move |_| VertexTab::parse(vtab.get().as_deref()));
    let setq = set_query();
    let vid = StoredValue::new(vid);
    let name = move || {
        job.details.with(|d| {
            d.and_then(|d| d.vertex(&vid.get_value()).map(|v| v.name.clone()))
                .unwrap_or_else(|| vid.get_value())
        })
    };
    let tabs = Signal::derive(move || {
        let (c, j, current) = (cluster.get(), job.jid.get(), tab.get());
        let no_flame = flamegraph::flame_gate(flink.version().as_deref()).is_some();
        tab_links(
            current,
            |t| {
                link_with(
                    &c,
                    &format!("jobs/{j}/graph"),
                    &[REFRESH, keys::VERTEX],
                    &[(keys::VERTEX_TAB, t.slug().to_string())],
                )
            },
            |t| match t {
                VertexTab::FlameGraph if no_flame => format!("{} (1.13+)", t.label()),
                _ => t.label().to_string(),
            },
        )
    });
    view! {
        <div class=s.cls("panel") data-vertex=vid.get_value()>
            <div class="sb-row">
                <strong>{name}</strong>
                <span class="sb-dim sb-mono">{vid.get_value()}</span>
                <span style="flex:1"></span>
                <button on:click=move |_| setq(&[(keys::VERTEX, String::new()), (keys::VERTEX_TAB, String::new()), (keys::SUBTASK, String::new()), (keys::FLAME_TYPE, String::new()), (keys::FLAME_SUBTASK, String::new())])>"Close"</button>
            </div>
            <Tabs tabs small=true />
            {move || {
                let vid = vid.get_value();
                match tab.get() {
                    VertexTab::Subtasks => view! { <subtasks::SubtasksView vid /> }.into_any(),
                    VertexTab::Times => view! { <times::TimesView vid /> }.into_any(),
                    VertexTab::TaskManagers => view! { <taskmanagers::VertexTaskManagersView vid /> }.into_any(),
                    VertexTab::Watermarks => view! { <watermarks::WatermarksView vid /> }.into_any(),
                    VertexTab::Accumulators => view! { <accumulators::VertexAccumulatorsView vid /> }.into_any(),
                    VertexTab::Backpressure => view! { <backpressure::BackpressureView vid /> }.into_any(),
                    VertexTab::Metrics => view! { <metrics::VertexMetricsView vid /> }.into_any(),
                    VertexTab::FlameGraph => view! { <flamegraph::FlameGraphView vid /> }.into_any(),
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_tabs_round_trip_and_default_to_subtasks() {
        for &t in VertexTab::ALL {
            assert_eq!(VertexTab::parse(Some(t.slug())), t);
        }
        assert_eq!(VertexTab::parse(None), VertexTab::Subtasks);
        assert_eq!(VertexTab::parse(Some("x")), VertexTab::Subtasks);
    }
}
