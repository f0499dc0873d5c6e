//! The rescale history of a job (`GET /jobs/:jobid/rescales/history`) in the shared table, and
//! one rescale (`GET /jobs/:jobid/rescales/details/:rescaleuuid`): per-vertex parallelism
//! before and after, slots, and the scheduler states it went through with their times. Both take
//! their data as props, so the tab (and tests) decide where it comes from.

use crate::systems::flink::model::{Rescale, RescaleSlots, RescaleVertex, SchedulerStateSpan};
use crate::ui::kit::{badge, empty};
use crate::systems::flink::views::scope;
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{duration_ms, local_time, now_epoch_ms, NONE};
use crate::ui::{Cell, DataTable, KeyValue, Tone};
use leptos::prelude::*;

/// The colour of a rescale's state.
pub fn rescale_tone(state: &str) -> Tone {
    match state {
        "COMPLETED" => Tone::Ok,
        "FAILED" => Tone::Bad,
        "IGNORED" => Tone::Unknown,
        _ => Tone::Warn,
    }
}

/// An optional count, or the placeholder.
pub fn opt(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| NONE.into())
}

/// An optional epoch-ms time, or the placeholder.
fn opt_time(t: Option<i64>) -> String {
    t.filter(|t| *t > 0)
        .map(local_time)
        .unwrap_or_else(|| NONE.into())
}

/// "1 → 2", "2 → 2", "1 → –" (before → after).
pub fn change(before: Option<i64>, after: Option<i64>) -> String {
    format!("{} → {}", opt(before), opt(after))
}

/// The facts of one rescale, as `(label, value)`.
pub fn rescale_facts(r: &Rescale, now: i64) -> Vec<(String, String)> {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| NONE.into());
    vec![
        ("State".to_string(), r.state().to_string()),
        ("Trigger cause".into(), text(&r.trigger_cause)),
        ("Terminated reason".into(), text(&r.terminated_reason)),
        ("Start".into(), opt_time(r.start_timestamp)),
        ("End".into(), opt_time(r.end_timestamp)),
        (
            "Duration".into(),
            r.duration(now)
                .map(duration_ms)
                .unwrap_or_else(|| NONE.into()),
        ),
        ("Attempt".into(), opt(r.rescale_attempt_id)),
        ("Rescale id".into(), r.rescale_uuid.clone()),
        (
            "Resource requirements id".into(),
            text(&r.resource_requirements_uuid),
        ),
    ]
}

/// The rescale history, newest first; a click on a row calls `on_open` with its id.
#[component]
pub fn RescaleHistory(
    /// The rescales (as `/rescales/history` answers them).
    #[prop(into)]
    rescales: Signal<Vec<Rescale>>,
    /// Called with the id of the rescale clicked.
    on_open: Callback<String>,
) -> impl IntoView {
    let columns = vec![
        col::text("start", "Start", |r: &Rescale| {
            opt_time(r.start_timestamp).into()
        }),
        col::text("end", "End", |r: &Rescale| opt_time(r.end_timestamp).into()),
        col::num_text(
            "duration",
            "Duration",
            |r: &Rescale| {
                r.duration(now_epoch_ms())
                    .map(|d| Cell::Num(d as f64))
                    .unwrap_or(Cell::Empty)
            },
            |r: &Rescale| {
                r.duration(now_epoch_ms())
                    .map(duration_ms)
                    .unwrap_or_else(|| NONE.into())
            },
        ),
        col::view(
            "state",
            "State",
            |r: &Rescale| r.state().into(),
            |r: &Rescale| badge(rescale_tone(r.state()), r.state()),
        ),
        col::text("cause", "Trigger cause", |r: &Rescale| {
            r.trigger_cause.as_deref().unwrap_or_default().into()
        }),
        col::text("reason", "Terminated reason", |r: &Rescale| {
            r.terminated_reason.as_deref().unwrap_or_default().into()
        }),
        col::num("attempt", "Attempt", |r: &Rescale| {
            r.rescale_attempt_id.map(Cell::from).unwrap_or(Cell::Empty)
        }),
        col::text("id", "Rescale id", |r: &Rescale| {
            r.rescale_uuid.as_str().into()
        })
        .hidden(),
    ];
    let rows = Signal::derive(move || any_rows(rescales.get()));
    let open = on_row(move |r: Rescale| on_open.run(r.rescale_uuid));
    view! { <DataTable id="rescales" columns rows on_row_click=open export_name="rescales" /> }
}

fn vertex_table(vertices: Vec<RescaleVertex>) -> AnyView {
    let columns = vec![
        col::text("vertex", "Vertex", |v: &RescaleVertex| {
            v.job_vertex_name.as_str().into()
        }),
        col::text("change", "Parallelism", |v: &RescaleVertex| {
            change(v.pre_rescale_parallelism, v.post_rescale_parallelism).into()
        }),
        col::num("before", "Before", |v: &RescaleVertex| {
            v.pre_rescale_parallelism
                .map(Cell::from)
                .unwrap_or(Cell::Empty)
        }),
        col::num("after", "After", |v: &RescaleVertex| {
            v.post_rescale_parallelism
                .map(Cell::from)
                .unwrap_or(Cell::Empty)
        }),
        col::num("desired", "Desired", |v: &RescaleVertex| {
            v.desired_parallelism.map(Cell::from).unwrap_or(Cell::Empty)
        }),
        col::num("sufficient", "Sufficient", |v: &RescaleVertex| {
            v.sufficient_parallelism
                .map(Cell::from)
                .unwrap_or(Cell::Empty)
        }),
        col::text("group", "Slot sharing group", |v: &RescaleVertex| {
            v.slot_sharing_group_name
                .as_deref()
                .unwrap_or_default()
                .into()
        }),
        col::text("id", "Vertex id", |v: &RescaleVertex| {
            v.job_vertex_id.as_str().into()
        })
        .hidden(),
    ];
    view! { <DataTable id="rvertex" columns rows=Signal::stored(any_rows(vertices)) export_name="rescale-vertices" /> }.into_any()
}

fn slots_table(slots: Vec<RescaleSlots>) -> AnyView {
    let columns = vec![
        col::text("group", "Slot sharing group", |g: &RescaleSlots| {
            g.slot_sharing_group_name
                .as_deref()
                .unwrap_or(&g.slot_sharing_group_id)
                .into()
        }),
        col::text("change", "Slots", |g: &RescaleSlots| {
            change(g.pre_rescale_slots, g.post_rescale_slots).into()
        }),
        col::num("desired", "Desired", |g: &RescaleSlots| {
            g.desired_slots.map(Cell::from).unwrap_or(Cell::Empty)
        }),
        col::num("minimal", "Minimal required", |g: &RescaleSlots| {
            g.minimal_required_slots
                .map(Cell::from)
                .unwrap_or(Cell::Empty)
        }),
    ];
    view! { <DataTable id="rslots" columns rows=Signal::stored(any_rows(slots)) export_name="rescale-slots" /> }.into_any()
}

fn states_table(states: Vec<SchedulerStateSpan>) -> AnyView {
    let columns = vec![
        col::text("state", "Scheduler state", |s: &SchedulerStateSpan| {
            s.state.as_str().into()
        }),
        col::text("enter", "Entered", |s: &SchedulerStateSpan| {
            opt_time(s.enter).into()
        }),
        col::text("leave", "Left", |s: &SchedulerStateSpan| {
            opt_time(s.leave).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            |s: &SchedulerStateSpan| s.duration.map(Cell::from).unwrap_or(Cell::Empty),
            |s: &SchedulerStateSpan| s.duration.map(duration_ms).unwrap_or_else(|| NONE.into()),
        ),
        col::text("exception", "Exception", |s: &SchedulerStateSpan| {
            s.exception
                .as_deref()
                .and_then(|e| e.lines().next())
                .unwrap_or_default()
                .into()
        }),
    ];
    view! { <DataTable id="rstates" columns rows=Signal::stored(any_rows(states)) export_name="rescale-scheduler-states" /> }.into_any()
}

/// One rescale in detail; `on_close` closes it.
#[component]
pub fn RescaleDetails(
    /// The rescale (as `/rescales/details/:id` answers it).
    rescale: Rescale,
    /// Called by the close button.
    on_close: Callback<()>,
) -> impl IntoView {
    let s = scope();
    let vertices = rescale.vertices_by_name();
    let slots: Vec<RescaleSlots> = rescale.slots.values().cloned().collect();
    let states = rescale.scheduler_states.clone();
    view! {
        <div class=s.cls("panel") data-rescale=rescale.rescale_uuid.clone()>
            <div class="sb-row">
                <strong>{format!("Rescale {}", rescale.rescale_uuid)}</strong>
                {badge(rescale_tone(rescale.state()), rescale.state())}
                <button on:click=move |_| on_close.run(()) aria-label="Close the rescale">"Close"</button>
            </div>
            <KeyValue items=rescale_facts(&rescale, now_epoch_ms()) />
            <h3>"Vertices"</h3>
            {if vertices.is_empty() { empty("No vertices reported for this rescale.") } else { vertex_table(vertices) }}
            <h3>"Slots"</h3>
            {if slots.is_empty() { empty("No slot sharing groups reported.") } else { slots_table(slots) }}
            <h3>"Scheduler states"</h3>
            {if states.is_empty() { empty("No scheduler states reported.") } else { states_table(states) }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_and_changes_of_the_recorded_scale_up() {
        let r: Rescale = serde_json::from_str(include_str!(
            "../../fixtures/2.3/job-rescales-details-scale-up.json"
        ))
        .unwrap();
        let f = rescale_facts(&r, 0);
        assert_eq!(f[0], ("State".to_string(), "COMPLETED".to_string()));
        assert_eq!(f[1].1, "UPDATE_REQUIREMENT");
        assert_eq!(
            f[5].1,
            duration_ms(r.end_timestamp.unwrap() - r.start_timestamp.unwrap())
        );
        let v = &r.vertices_by_name()[0];
        assert_eq!(
            change(v.pre_rescale_parallelism, v.post_rescale_parallelism),
            "1 → 2"
        );
        assert_eq!(change(Some(2), None), format!("2 → {NONE}"));
        assert_eq!(rescale_tone("IN_PROGRESS"), Tone::Warn);
        assert_eq!(rescale_tone("FAILED"), Tone::Bad);
    }
}
