//! A vertex's subtasks grouped by task manager (`.../vertices/:vertexid/taskmanagers`).

use super::super::graph::state_counts;
use super::load_vertex;
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::model::VertexTaskManager;
use crate::ui::kit::{badge, link, status};
use crate::systems::flink::views::tones::exec_tone;
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count, duration_ms, local_time};
use crate::ui::{Cell, DataTable};
use crate::url_state::encode_segment;
use leptos::prelude::*;

/// The task managers running vertex `vid`.
#[component]
pub fn VertexTaskManagersView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let cluster = use_cluster();
    let vid = StoredValue::new(vid);
    let r = load_vertex(vid, move |c, j, v| async move {
        api::vertex_taskmanagers(&c, &j, &v).await
    });
    let data = r;
    let n = |f: fn(&VertexTaskManager) -> i64| move |t: &VertexTaskManager| Cell::Num(f(t) as f64);
    let where_ = |t: &VertexTaskManager| t.endpoint.clone().or(t.host.clone()).unwrap_or_default();
    let columns = vec![
        col::view(
            "location",
            "Task manager",
            move |t: &VertexTaskManager| where_(t).into(),
            move |t: &VertexTaskManager| {
                match &t.taskmanager_id {
            Some(id) => view! { <a href=link(&cluster.get_untracked(), &format!("taskmanagers/{}", encode_segment(id)))>{where_(t)}</a> }.into_any(),
            None => where_(t).into_any(),
        }
            },
        ),
        col::view(
            "status",
            "Status",
            |t: &VertexTaskManager| t.status.as_str().into(),
            |t: &VertexTaskManager| badge(exec_tone(t.status), t.status.as_str()),
        ),
        col::text("start", "Start", |t: &VertexTaskManager| {
            local_time(t.start_time).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            n(|t| t.duration),
            |t: &VertexTaskManager| duration_ms(t.duration),
        ),
        col::num_text(
            "read_records",
            "Records received",
            n(|t| t.metrics.read_records),
            |t: &VertexTaskManager| count(t.metrics.read_records),
        ),
        col::num_text(
            "write_records",
            "Records sent",
            n(|t| t.metrics.write_records),
            |t: &VertexTaskManager| count(t.metrics.write_records),
        ),
        col::num_text(
            "read_bytes",
            "Bytes received",
            n(|t| t.metrics.read_bytes),
            |t: &VertexTaskManager| bytes(t.metrics.read_bytes),
        ),
        col::num_text(
            "write_bytes",
            "Bytes sent",
            n(|t| t.metrics.write_bytes),
            |t: &VertexTaskManager| bytes(t.metrics.write_bytes),
        ),
        col::text("tasks", "Subtasks", |t: &VertexTaskManager| {
            state_counts(&t.status_counts).into()
        }),
    ];
    view! {
        {status(r, "task managers")}
        <DataTable id="vtm" columns rows=Signal::derive(move || data.with(|d| d.map(|d| any_rows(d.taskmanagers.clone())).unwrap_or_default())) export_name="vertex-taskmanagers" />
    }
}
