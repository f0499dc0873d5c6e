//! Back pressure of a vertex (`.../vertices/:vertexid/backpressure`): the level, when it was
//! sampled, and each subtask's back-pressured, idle and busy share.

use super::load_vertex;
use crate::systems::flink::api;
use crate::systems::flink::model::{BackpressureLevel, BackpressureStatus, SubtaskBackpressure};
use crate::ui::kit::{badge, status};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{local_time, percent};
use crate::ui::{Cell, DataTable, Tone};
use leptos::prelude::*;

/// Text and colour of a back-pressure level.
pub fn level_badge(l: BackpressureLevel) -> (Tone, &'static str) {
    match l {
        BackpressureLevel::Ok => (Tone::Ok, "OK"),
        BackpressureLevel::Low => (Tone::Warn, "LOW"),
        BackpressureLevel::High => (Tone::Bad, "HIGH"),
        BackpressureLevel::Unknown => (Tone::Unknown, "unknown"),
    }
}

/// The back pressure of vertex `vid`.
#[component]
pub fn BackpressureView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let vid = StoredValue::new(vid);
    let r = load_vertex(vid, move |c, j, v| async move {
        api::backpressure(&c, &j, &v).await
    });
    let data = r;
    let share = |v: Option<f64>| v.map(percent).unwrap_or_default();
    let columns = vec![
        col::num("subtask", "Subtask", |b: &SubtaskBackpressure| {
            b.subtask.into()
        }),
        col::num("attempt", "Attempt", |b: &SubtaskBackpressure| {
            Cell::from(b.attempt_number)
        })
        .hidden(),
        col::view(
            "level",
            "Level",
            |b: &SubtaskBackpressure| level_badge(b.level()).1.into(),
            |b: &SubtaskBackpressure| {
                let (t, x) = level_badge(b.level());
                badge(t, x)
            },
        ),
        col::num_text(
            "ratio",
            "Back-pressured",
            |b: &SubtaskBackpressure| b.ratio.into(),
            |b: &SubtaskBackpressure| percent(b.ratio),
        ),
        col::num_text(
            "idle",
            "Idle",
            |b: &SubtaskBackpressure| Cell::from(b.idle_ratio),
            move |b: &SubtaskBackpressure| share(b.idle_ratio),
        ),
        col::num_text(
            "busy",
            "Busy",
            |b: &SubtaskBackpressure| Cell::from(b.busy_ratio),
            move |b: &SubtaskBackpressure| share(b.busy_ratio),
        ),
    ];
    let head = move || {
        data.with(|d| {
            d.as_ref().map(|d| {
                let (t, x) = level_badge(d.level());
                let note = match d.status {
                    BackpressureStatus::Deprecated => "Sampling was started; the figures update on the next refresh.".to_string(),
                    _ => format!("Measured {}", d.end_timestamp.map(local_time).unwrap_or_else(|| "–".into())),
                };
                view! { <div class="sb-row"><strong>"Back pressure"</strong>{badge(t, x)}<span class="sb-dim">{note}</span></div> }
            })
        })
    };
    view! {
        {status(r, "back pressure")}
        {head}
        <DataTable id="bp" columns rows=Signal::derive(move || data.with(|d| d.map(|d| any_rows(d.subtasks.clone())).unwrap_or_default())) export_name="backpressure" />
    }
}
