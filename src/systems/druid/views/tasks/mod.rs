//! Tasks: the filtered list, one task, and the spec editor that submits tasks and supervisors.

mod bulk;
mod submit;
mod task;

pub use submit::SubmitSpecPage;
pub use task::{PeonCounts, TaskPage};

use crate::shell::use_cluster;
use crate::systems::druid::api::tasks::{self as api, TaskFilter};
use crate::systems::druid::api::error_text;
use crate::systems::druid::model::tasks::{state_tone, TaskSummary};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::duration_ms;
use crate::ui::kit::{badge, link, load, query, set_query, status, toaster};
use crate::ui::{ConfirmButton, DataTable, ToastKind};
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// Task state filter: `running`, `waiting`, `pending` or `complete`.
pub const STATE: QueryKey = QueryKey::new("state");
/// Datasource filter.
pub const DATASOURCE: QueryKey = QueryKey::new("datasource");
/// Task type filter.
pub const TYPE: QueryKey = QueryKey::new("type");
/// `createdTimeInterval` filter.
pub const CREATED: QueryKey = QueryKey::new("created");
/// `max` (most complete tasks listed).
pub const MAX: QueryKey = QueryKey::new("max");

/// The states offered by the filter and as shortcuts.
pub const STATES: [&str; 4] = ["running", "waiting", "pending", "complete"];

/// How a filter is asked: the shortcut list (`/runningTasks`, ...) when only a state is chosen,
/// `/tasks?...` otherwise.
pub fn shortcut(f: &TaskFilter) -> Option<&str> {
    let only_state = f.datasource.trim().is_empty()
        && f.kind.trim().is_empty()
        && f.created.trim().is_empty()
        && f.max.trim().is_empty();
    STATES
        .iter()
        .copied()
        .find(|s| *s == f.state)
        .filter(|_| only_state)
}

/// A route parameter holding an id (a task or supervisor id), percent-decoded: the router keeps
/// escapes such as `%3A` (the `:` of a task id's timestamp) in path parameters.
pub fn id_param(name: &'static str) -> Memo<String> {
    let raw = crate::ui::kit::param(name);
    Memo::new(move |_| decode_id(&raw.get()))
}

/// Percent-decodes an id taken from a path (`+` stays a plus).
pub fn decode_id(raw: &str) -> String {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8_lossy()
        .into_owned()
}

/// The "created" cell: `2024-01-01 10:00:00` from Druid's ISO time.
pub fn iso_short(iso: &str) -> String {
    iso.replace('T', " ")
        .trim_end_matches('Z')
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The task list.
#[component]
pub fn TasksPage() -> impl IntoView {
    let cluster = use_cluster();
    let (state, ds, kind, created, max) = (
        query(STATE),
        query(DATASOURCE),
        query(TYPE),
        query(CREATED),
        query(MAX),
    );
    let filter = Memo::new(move |_| TaskFilter {
        state: state.get().unwrap_or_default(),
        datasource: ds.get().unwrap_or_default(),
        kind: kind.get().unwrap_or_default(),
        created: created.get().unwrap_or_default(),
        max: max.get().unwrap_or_default(),
    });
    let r = load(move |c| {
        let f = filter.get();
        async move {
            match shortcut(&f) {
                Some(s) => api::tasks_in_state(&c, s).await,
                None => api::tasks(&c, &f).await,
            }
        }
    });
    let setq = set_query();
    let field = move |key: QueryKey, label: &'static str, hint: &'static str, value: Memo<Option<String>>| {
        let setq = setq.clone();
        view! {
            <label>{label}" "
                <input type="text" placeholder=hint data-task-filter=key.name() aria-label=label
                    prop:value=move || value.get().unwrap_or_default()
                    on:change=move |ev| setq(&[(key, event_target_value(&ev).trim().to_string())]) />
            </label>
        }
    };
    let setq2 = set_query();
    let selected = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let columns = vec![
        bulk::select_column(selected),
        col::view(
            "id",
            "Task",
            |t: &TaskSummary| t.id.as_str().into(),
            move |t: &TaskSummary| {
                let href = link(&cluster.get_untracked(), &format!("tasks/{}", crate::url_state::encode_segment(&t.id)));
                view! { <a href=href data-task-link=t.id.clone()>{t.id.clone()}</a> }.into_any()
            },
        ),
        col::text("type", "Type", |t: &TaskSummary| t.kind.as_str().into()),
        col::view(
            "datasource",
            "Datasource",
            |t: &TaskSummary| t.data_source.as_str().into(),
            |t: &TaskSummary| view! { <span data-task-ds=t.data_source.clone()>{t.data_source.clone()}</span> }.into_any(),
        ),
        col::view(
            "status",
            "Status",
            |t: &TaskSummary| t.shown_state().into(),
            |t: &TaskSummary| {
                let s = t.shown_state();
                view! { <span data-task-state=s.clone()>{badge(state_tone(&s), &s)}</span> }.into_any()
            },
        ),
        col::text("created", "Created", |t: &TaskSummary| {
            iso_short(&t.created_time).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            |t: &TaskSummary| t.duration.into(),
            |t: &TaskSummary| duration_ms(t.duration),
        ),
        col::text("location", "Location", |t: &TaskSummary| {
            t.location.host_port().unwrap_or_default().into()
        }),
        col::text("error", "Error", |t: &TaskSummary| {
            t.error_msg.clone().unwrap_or_default().into()
        })
        .hidden(),
    ];
    let rows = super::rows_memo(move || any_rows(r.get().unwrap_or_default()));
    view! {
        <div class="sb-stack" data-view="druid-tasks">
            <div class="sb-row">
                <h1>"Tasks"</h1>
                <a href=move || link(&cluster.get(), "submit") data-submit-link="">"Submit a spec"</a>
            </div>
            <nav class="sb-row" aria-label="Task states">
                <a href=move || state_link(&cluster.get(), "") aria-current=move || if state.get().is_none() { "page" } else { "false" }>"All"</a>
                {STATES.iter().map(|&s| view! {
                    <a href=move || state_link(&cluster.get(), s) data-state-shortcut=s
                        aria-current=move || if state.get().as_deref() == Some(s) { "page" } else { "false" }>{s}</a>
                }).collect_view()}
            </nav>
            <div class="sb-row" data-task-filters="">
                <label>"State "
                    <select aria-label="State" data-task-filter="state"
                        on:change=move |ev| setq2(&[(STATE, event_target_value(&ev))])>
                        <option value="" selected=move || state.get().is_none()>"any"</option>
                        {STATES.iter().map(|&s| view! { <option value=s selected=move || state.get().as_deref() == Some(s)>{s}</option> }).collect_view()}
                    </select>
                </label>
                {field(DATASOURCE, "Datasource", "wikipedia", ds)}
                {field(TYPE, "Type", "index_parallel", kind)}
                {field(CREATED, "Created in", "2024-01-01/2024-02-01", created)}
                {field(MAX, "Max complete", "100", max)}
            </div>
            {move || ds.get().map(|d| view! { <DatasourceActions datasource=d on_done=Callback::new(move |_| r.refetch()) /> })}
            {status(r, "tasks")}
            <bulk::BulkBar selected on_done=Callback::new(move |_| r.refetch())
                listed=Signal::derive(move || r.with(|t| t.map(|t| t.iter().map(|t| t.id.clone()).collect::<Vec<_>>()).unwrap_or_default())) />
            <DataTable id="tasks" columns rows export_name="druid-tasks" />
        </div>
    }
}

/// The task list filtered by `state` (empty: all), keeping only the refresh interval.
pub fn state_link(c: &crate::cluster::Cluster, state: &str) -> String {
    crate::ui::kit::link_with(
        c,
        "tasks",
        &[crate::url_state::REFRESH],
        &[(STATE, state.to_string())],
    )
}

/// Shut down all tasks of a datasource, clean its pending segments.
#[component]
fn DatasourceActions(datasource: String, on_done: Callback<()>) -> impl IntoView {
    let cluster = use_cluster();
    let toast = toaster();
    let (d1, d2) = (datasource.clone(), datasource.clone());
    let shutdown = Callback::new(move |_| {
        let (c, d) = (cluster.get_untracked(), d1.clone());
        leptos::task::spawn_local(async move {
            match api::shutdown_all(&c, &d).await {
                Ok(_) => {
                    toast(ToastKind::Success, format!("Shutting down the tasks of {d}"));
                    on_done.run(());
                }
                Err(e) => toast(ToastKind::Error, format!("Could not shut down the tasks of {d}: {}", error_text(&e))),
            }
        });
    });
    let clean = Callback::new(move |_| {
        let (c, d) = (cluster.get_untracked(), d2.clone());
        leptos::task::spawn_local(async move {
            match api::delete_pending_segments(&c, &d).await {
                Ok(v) => {
                    let n = v.get("numDeleted").and_then(|n| n.as_i64()).unwrap_or(0);
                    toast(ToastKind::Success, format!("Deleted {n} pending segments of {d}"));
                }
                Err(e) => toast(ToastKind::Error, format!("Could not clean the pending segments of {d}: {}", error_text(&e))),
            }
        });
    });
    view! {
        <div class="sb-row" data-datasource-actions=datasource.clone()>
            <ConfirmButton label=format!("Shut down all tasks of {datasource}") title="Shut down all tasks?" danger=true
                message=format!("Every running, waiting and pending task of {datasource} is shut down.")
                confirm_label="Shut down tasks" type_to_confirm=datasource.clone() on_confirm=shutdown />
            <ConfirmButton label="Clean pending segments" title="Clean pending segments?" danger=true
                message=format!("Pending segment entries of {datasource} are deleted from the metadata store. Do this only when no task of it runs.")
                confirm_label="Delete pending segments" on_confirm=clean />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_state_uses_the_shortcut_list() {
        let mut f = TaskFilter {
            state: "running".into(),
            ..Default::default()
        };
        assert_eq!(shortcut(&f), Some("running"));
        f.datasource = "wiki".into();
        assert_eq!(shortcut(&f), None);
        assert_eq!(shortcut(&TaskFilter::default()), None);
        assert_eq!(
            shortcut(&TaskFilter {
                state: "bogus".into(),
                ..Default::default()
            }),
            None
        );
        assert_eq!(
            decode_id("index_a_2024-01-01T10%3A00%3A00.000Z"),
            "index_a_2024-01-01T10:00:00.000Z"
        );
        assert_eq!(decode_id("a+b:c"), "a+b:c");
        assert_eq!(iso_short("2023-06-22T22:11:37.012Z"), "2023-06-22 22:11:37");
    }
}
