//! The task managers (`GET /taskmanagers`) and their metrics aggregated over all of them
//! (`GET /taskmanagers/metrics`).

use super::agg_metrics::AggregatedMetrics;
use crate::ui::kit::{link, load, path, status};
use super::scope;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, MetricScope};
use crate::systems::flink::model::TaskManagerInfo;
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, local_time};
use crate::ui::{Cell, DataTable};
use crate::url_state::encode_segment;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The app path of a task manager's page.
pub fn tm_view(id: &str) -> String {
    format!("taskmanagers/{}", encode_segment(id))
}

/// The task managers page.
#[component]
pub fn TaskManagersPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let navigate = use_navigate();
    let r = load(|c| async move { api::taskmanagers(&c).await.map(|t| t.taskmanagers) });
    let data = r;
    let columns = vec![
        col::view(
            "id",
            "Id",
            |t: &TaskManagerInfo| t.id.as_str().into(),
            move |t: &TaskManagerInfo| {
                view! { <a href=link(&cluster.get_untracked(), &tm_view(&t.id)) on:click=|ev| ev.stop_propagation()>{t.id.clone()}</a> }.into_any()
            },
        ),
        col::text("path", "Address", |t: &TaskManagerInfo| {
            t.path.as_str().into()
        })
        .hidden(),
        col::num("data_port", "Data port", |t: &TaskManagerInfo| {
            t.data_port.into()
        }),
        col::num("jmx_port", "JMX port", |t: &TaskManagerInfo| {
            Cell::from(Some(t.jmx_port).filter(|p| *p > 0))
        })
        .hidden(),
        col::text("heartbeat", "Last heartbeat", |t: &TaskManagerInfo| {
            local_time(t.time_since_last_heartbeat).into()
        }),
        col::num("slots", "Slots", |t: &TaskManagerInfo| {
            t.slots_number.into()
        }),
        col::num("free", "Free slots", |t: &TaskManagerInfo| {
            t.free_slots.into()
        }),
        col::num("tasks", "Tasks", |t: &TaskManagerInfo| {
            Cell::from(t.assigned_tasks)
        }),
        col::num("cpu", "CPU cores", |t: &TaskManagerInfo| {
            t.hardware.cpu_cores.into()
        }),
        col::num_text(
            "physical",
            "Physical memory",
            |t: &TaskManagerInfo| t.hardware.physical_memory.into(),
            |t: &TaskManagerInfo| bytes(t.hardware.physical_memory),
        ),
        col::num_text(
            "heap",
            "JVM heap",
            |t: &TaskManagerInfo| t.hardware.free_memory.into(),
            |t: &TaskManagerInfo| bytes(t.hardware.free_memory),
        ),
        col::num_text(
            "managed",
            "Managed memory",
            |t: &TaskManagerInfo| t.hardware.managed_memory.into(),
            |t: &TaskManagerInfo| bytes(t.hardware.managed_memory),
        ),
        col::text("blocked", "Blocked", |t: &TaskManagerInfo| {
            t.blocked.map(|b| if b { "yes" } else { "no" }).into()
        })
        .hidden(),
    ];
    let open = on_row(move |t: TaskManagerInfo| {
        navigate(
            &path(&cluster.get_untracked(), &tm_view(&t.id)),
            Default::default(),
        )
    });
    view! {
        <div class=s.cls("stack")>
            <h1>"Task managers"</h1>
            {status(r, "task managers")}
            <DataTable id="tms" columns rows=Signal::derive(move || any_rows(data.get().unwrap_or_default())) on_row_click=open export_name="taskmanagers" />
            <section>
                <h2>"Metrics over all task managers"</h2>
                <AggregatedMetrics id="tmagg" source=MetricScope::TaskManagers />
            </section>
        </div>
    }
}
