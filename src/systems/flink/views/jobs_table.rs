//! The table of jobs (`GET /jobs/overview` entries), used for running and completed jobs.

use crate::ui::kit::{badge, link, path};
use crate::systems::flink::views::tones::job_tone;
use crate::shell::use_cluster;
use crate::systems::flink::model::{JobOverview, JobType};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{duration_ms, local_time};
use crate::ui::{Cell, DataTable};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// "Streaming", "Batch" or empty.
pub fn job_type_text(t: JobType) -> &'static str {
    match t {
        JobType::Streaming => "Streaming",
        JobType::Batch => "Batch",
        JobType::Unknown => "",
    }
}

/// Jobs as a table; a row opens the job.
#[component]
pub fn JobsTable(
    /// Table id (URL prefix).
    id: &'static str,
    /// The jobs.
    #[prop(into)]
    jobs: Signal<Vec<JobOverview>>,
) -> impl IntoView {
    let cluster = use_cluster();
    let navigate = use_navigate();
    let columns = vec![
        col::view(
            "name",
            "Name",
            |j: &JobOverview| j.name.as_str().into(),
            move |j: &JobOverview| {
                view! { <a href=link(&cluster.get_untracked(), &format!("jobs/{}", j.jid)) on:click=|ev| ev.stop_propagation()>{j.name.clone()}</a> }.into_any()
            },
        ),
        col::view(
            "state",
            "State",
            |j: &JobOverview| j.state.as_str().into(),
            |j: &JobOverview| badge(job_tone(j.state), j.state.as_str()),
        ),
        col::text("start", "Start", |j: &JobOverview| {
            local_time(j.start_time).into()
        }),
        col::text("end", "End", |j: &JobOverview| {
            local_time(j.end_time).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            |j: &JobOverview| Cell::Num(j.duration as f64),
            |j: &JobOverview| duration_ms(j.duration),
        ),
        col::num("tasks", "Tasks", |j: &JobOverview| j.tasks.total.into()),
        col::text("tasks_state", "Task states", |j: &JobOverview| {
            task_states(j).into()
        }),
        col::text("type", "Type", |j: &JobOverview| {
            job_type_text(j.job_type).into()
        }),
        col::text("jid", "Job id", |j: &JobOverview| j.jid.as_str().into()).hidden(),
    ];
    let rows = Signal::derive(move || any_rows(jobs.get()));
    let open = on_row(move |j: JobOverview| {
        navigate(
            &path(&cluster.get_untracked(), &format!("jobs/{}", j.jid)),
            Default::default(),
        )
    });
    view! { <DataTable id=id columns rows on_row_click=open export_name=id /> }
}

/// Non-zero task counts, e.g. "running 7 · finished 2".
pub fn task_states(j: &JobOverview) -> String {
    let t = &j.tasks;
    [
        ("created", t.created),
        ("scheduled", t.scheduled),
        ("deploying", t.deploying),
        ("initializing", t.initializing),
        ("running", t.running),
        ("finished", t.finished),
        ("canceling", t.canceling),
        ("canceled", t.canceled),
        ("failed", t.failed),
        ("reconciling", t.reconciling),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| format!("{s} {n}"))
    .collect::<Vec<_>>()
    .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::JobsOverview;

    #[test]
    fn task_states_list_only_states_in_use() {
        let o: JobsOverview =
            serde_json::from_str(include_str!("../fixtures/2.3/jobs-overview.json")).unwrap();
        assert_eq!(task_states(&o.jobs[0]), "running 9");
    }
}
