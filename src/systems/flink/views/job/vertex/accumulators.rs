//! Accumulators of a vertex (`.../vertices/:vertexid/accumulators`) and of each of its subtasks
//! (`.../subtasks/accumulators`), and the accumulator list other views reuse.

use super::load_vertex;
use crate::systems::flink::api;
use crate::systems::flink::model::UserAccumulator;
use crate::ui::kit::status;
use crate::ui::any_row::{any_rows, col};
use crate::ui::DataTable;
use leptos::prelude::*;

/// One accumulator of one subtask.
#[derive(Clone, Debug, PartialEq)]
pub struct SubtaskAccumulator {
    /// Subtask index.
    pub subtask: i64,
    /// Attempt number.
    pub attempt: i64,
    /// Where it runs.
    pub location: String,
    /// The accumulator.
    pub acc: UserAccumulator,
}

/// A list of user accumulators (name, type, value).
#[component]
pub fn AccumulatorList(
    /// Table id.
    id: &'static str,
    /// The accumulators.
    #[prop(into)]
    items: Signal<Vec<UserAccumulator>>,
) -> impl IntoView {
    let columns = vec![
        col::text("name", "Name", |a: &UserAccumulator| a.name.as_str().into()),
        col::text("type", "Type", |a: &UserAccumulator| a.kind.as_str().into()),
        col::text("value", "Value", |a: &UserAccumulator| {
            a.value.as_str().into()
        }),
    ];
    view! { <DataTable id columns rows=Signal::derive(move || any_rows(items.get())) export_name=id /> }
}

/// The accumulators of vertex `vid`, summed and per subtask.
#[component]
pub fn VertexAccumulatorsView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let vid = StoredValue::new(vid);
    let total = load_vertex(vid, move |c, j, v| async move {
        api::vertex_accumulators(&c, &j, &v)
            .await
            .map(|a| a.user_accumulators)
    });
    let per = load_vertex(vid, move |c, j, v| async move {
        api::subtasks_accumulators(&c, &j, &v).await.map(|a| {
            a.subtasks
                .into_iter()
                .flat_map(|s| {
                    let location = s.endpoint.clone().or(s.host.clone()).unwrap_or_default();
                    s.user_accumulators
                        .into_iter()
                        .map(move |acc| SubtaskAccumulator {
                            subtask: s.subtask,
                            attempt: s.attempt,
                            location: location.clone(),
                            acc,
                        })
                })
                .collect::<Vec<_>>()
        })
    });
    let total_rows = total;
    let per_rows = per;
    let columns = vec![
        col::num("subtask", "Subtask", |a: &SubtaskAccumulator| {
            a.subtask.into()
        }),
        col::num("attempt", "Attempt", |a: &SubtaskAccumulator| {
            a.attempt.into()
        }),
        col::text("location", "Location", |a: &SubtaskAccumulator| {
            a.location.as_str().into()
        }),
        col::text("name", "Name", |a: &SubtaskAccumulator| {
            a.acc.name.as_str().into()
        }),
        col::text("type", "Type", |a: &SubtaskAccumulator| {
            a.acc.kind.as_str().into()
        }),
        col::text("value", "Value", |a: &SubtaskAccumulator| {
            a.acc.value.as_str().into()
        }),
    ];
    view! {
        <h3>"Vertex accumulators"</h3>
        {status(total, "accumulators")}
        <AccumulatorList id="vacc" items=Signal::derive(move || total_rows.get().unwrap_or_default()) />
        <h3>"Per subtask"</h3>
        {status(per, "subtask accumulators")}
        <DataTable id="sacc" columns rows=Signal::derive(move || any_rows(per_rows.get().unwrap_or_default())) export_name="subtask-accumulators" />
    }
}
