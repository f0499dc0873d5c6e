//! The applications of a cluster (`GET /applications/overview`, Flink 2.3+) in the shared table;
//! a row opens the application.

use super::{app_tone, job_count, jobs_per_state};
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::model::ApplicationOverview;
use crate::ui::kit::{badge, link, load, path, status};
use crate::systems::flink::views::gate::gated;
use crate::systems::flink::views::scope;
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{duration_ms, local_time};
use crate::ui::{Cell, DataTable};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Applications newest first.
pub fn newest_first(mut apps: Vec<ApplicationOverview>) -> Vec<ApplicationOverview> {
    apps.sort_by(|a, b| {
        b.start_time
            .cmp(&a.start_time)
            .then_with(|| a.id.cmp(&b.id))
    });
    apps
}

#[component]
fn ApplicationsTable() -> impl IntoView {
    let cluster = use_cluster();
    let navigate = use_navigate();
    let r = load(|c| async move { api::applications_overview(&c).await });
    let columns = vec![
        col::view(
            "name",
            "Name",
            |a: &ApplicationOverview| a.name.as_str().into(),
            move |a: &ApplicationOverview| {
                view! { <a href=link(&cluster.get_untracked(), &format!("applications/{}", a.id)) on:click=|ev| ev.stop_propagation()>{a.name.clone()}</a> }.into_any()
            },
        ),
        col::view(
            "state",
            "State",
            |a: &ApplicationOverview| a.status.as_str().into(),
            |a: &ApplicationOverview| badge(app_tone(&a.status), &a.status),
        ),
        col::text("start", "Start", |a: &ApplicationOverview| {
            local_time(a.start_time).into()
        }),
        col::text("end", "End", |a: &ApplicationOverview| {
            local_time(a.end_time).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            |a: &ApplicationOverview| Cell::Num(a.duration as f64),
            |a: &ApplicationOverview| duration_ms(a.duration),
        ),
        col::num("jobs", "Jobs", |a: &ApplicationOverview| {
            job_count(&a.jobs).into()
        }),
        col::text("job_states", "Jobs per state", |a: &ApplicationOverview| {
            jobs_per_state(&a.jobs).into()
        }),
        col::text("id", "Application id", |a: &ApplicationOverview| {
            a.id.as_str().into()
        })
        .hidden(),
    ];
    let rows = Signal::derive(move || {
        r.with(|o| {
            any_rows(
                o.map(|o| newest_first(o.applications.clone()))
                    .unwrap_or_default(),
            )
        })
    });
    let open = on_row(move |a: ApplicationOverview| {
        navigate(
            &path(&cluster.get_untracked(), &format!("applications/{}", a.id)),
            Default::default(),
        )
    });
    view! {
        {status(r, "applications")}
        <DataTable id="apps" columns rows on_row_click=open export_name="applications" />
    }
}

/// The applications page.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let s = scope();
    view! {
        <div class=s.cls("stack")>
            <h1>"Applications"</h1>
            {gated(|caps| Some(caps.applications.clone()), || view! { <ApplicationsTable /> }.into_any())}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::ApplicationsOverview;

    #[test]
    fn the_newest_application_comes_first() {
        let o: ApplicationsOverview = serde_json::from_str(include_str!(
            "../../fixtures/2.3/applications-overview.json"
        ))
        .unwrap();
        let mut reversed = o.applications.clone();
        reversed.reverse();
        let sorted = newest_first(reversed);
        assert!(sorted
            .windows(2)
            .all(|w| w[0].start_time >= w[1].start_time));
        assert_eq!(sorted[0].status, "RUNNING");
    }
}
