//! One supervisor (`supervisors/:sid/:tab?`): status with lag per partition as a live chart,
//! recent errors and its tasks; the spec (editable in the spec editor); the spec history; and
//! suspend, resume, reset, terminate and shutdown.

use crate::shell::use_cluster;
use crate::systems::druid::api::error_text;
use crate::systems::druid::api::supervisors::{self as api, Action};
use crate::systems::druid::model::supervisors::{supervisor_tone, SupervisorStatus, SupervisorTask};
use crate::ui::any_row::{any_rows, col};
use crate::ui::chart::{sample_every, History, LineChart};
use crate::ui::format::count;
use crate::ui::kit::{badge, empty, kv, link, link_with, load, load_once, param, status, toaster};
use crate::ui::loaded::Loaded;
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::{ConfirmButton, DataTable, JsonView, KeyValue, ToastKind, Tone};
use crate::url_state::{encode_segment, REFRESH};
use leptos::prelude::*;
use std::time::Duration;

tab_set! {
    /// The tabs of the supervisor page (`supervisors/:sid/:tab`).
    pub enum SupervisorTab {
        /// Status, lag and tasks.
        Status = ("", "Status"),
        /// The current spec.
        Spec = ("spec", "Spec"),
        /// Spec versions.
        History = ("history", "History"),
    }
}

/// Seconds between two lag samples while the page is open.
pub const SAMPLE_SECONDS: u64 = 5;

/// The supervisor page.
#[component]
pub fn SupervisorPage() -> impl IntoView {
    let cluster = use_cluster();
    let sid = crate::systems::druid::views::tasks::id_param("sid");
    let tab_param = param("tab");
    let tab = Memo::new(move |_| SupervisorTab::parse(Some(&tab_param.get())));
    let st = load(move |c| {
        let id = sid.get();
        async move { api::status(&c, &id).await }
    });
    // Lag history: sampled while the page is open, whatever the refresh interval.
    let lag = History::new();
    Effect::new(move |_| {
        let _ = sid.get();
        lag.clear();
    });
    sample_every(Duration::from_secs(SAMPLE_SECONDS), move || st.refetch());
    Effect::new(move |_| {
        st.with(|s| {
            if let Some(s) = s {
                let values: Vec<(String, f64)> = s
                    .payload
                    .lags()
                    .into_iter()
                    .map(|(p, v)| (format!("partition {p}"), v))
                    .collect();
                lag.push(crate::ui::format::now_epoch_ms() as f64, &values);
            }
        })
    });
    // While a supervisor settles (PENDING after a resume), ask again soon.
    st.follow(|s| (s.payload.state == "PENDING").then_some(2000));
    let tabs = Signal::derive(move || {
        let (c, i, current) = (cluster.get(), sid.get(), tab.get());
        tab_links(
            current,
            |t| link_with(&c, &format!("supervisors/{}/{}", encode_segment(&i), t.slug()), &[REFRESH], &[]),
            |t| t.label().to_string(),
        )
    });
    view! {
        <div class="sb-stack" data-supervisor=move || sid.get()>
            <p><a href=move || link(&cluster.get(), "supervisors")>"Supervisors"</a></p>
            <Header sid st />
            {status(st, "supervisor status")}
            <Tabs tabs />
            {move || match tab.get() {
                SupervisorTab::Status => view! { <StatusTab st lag /> }.into_any(),
                SupervisorTab::Spec => view! { <SpecTab sid /> }.into_any(),
                SupervisorTab::History => view! { <HistoryTab sid /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Header(sid: Memo<String>, st: Loaded<SupervisorStatus>) -> impl IntoView {
    let cluster = use_cluster();
    let toast = toaster();
    let state = Memo::new(move |_| st.with(|s| s.map(|s| (s.payload.state.clone(), s.payload.detailed_state.clone(), s.payload.suspended, s.payload.healthy))));
    let busy = RwSignal::new(false);
    let run = move |a: Action| {
        let (c, id) = (cluster.get_untracked(), sid.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::act(&c, &id, a).await {
                Ok(_) => {
                    toast(ToastKind::Success, format!("{id}: {} done", a.path()));
                    st.refetch();
                }
                Err(e) => toast(ToastKind::Error, format!("Could not {} {id}: {}", a.path(), error_text(&e))),
            }
            let _ = busy.try_set(false);
        });
    };
    let confirm = move |a: Action| Callback::new(move |_| run(a));
    view! {
        <div class="sb-row">
            <h1>{move || sid.get()}</h1>
            {move || state.get().map(|(s, d, _, healthy)| view! {
                <span data-supervisor-state=s.clone()>{badge(supervisor_tone(&s), &s)}</span>
                {(d != s).then(|| badge(supervisor_tone(&d), &d))}
                {if healthy { badge(Tone::Ok, "healthy") } else { badge(Tone::Bad, "unhealthy") }}
            })}
        </div>
        <div class="sb-row" data-supervisor-actions="">
            {move || match state.get().map(|s| s.2) {
                Some(false) => view! { <button disabled=move || busy.get() on:click=move |_| run(Action::Suspend)>"Suspend"</button> }.into_any(),
                Some(true) => view! { <button class="sb-primary" disabled=move || busy.get() on:click=move |_| run(Action::Resume)>"Resume"</button> }.into_any(),
                None => ().into_any(),
            }}
            <ConfirmButton label="Reset" title="Reset this supervisor?" danger=true
                message="Stored offsets are cleared; reading restarts from the earliest or latest offset as the spec says, so data may be skipped or read twice."
                confirm_label="Reset offsets" on_confirm=confirm(Action::Reset) />
            <ConfirmButton label="Terminate" title="Terminate this supervisor?" danger=true
                message="The supervisor stops for good; its tasks publish what they have and end. The spec stays in the history."
                confirm_label="Terminate" type_to_confirm=sid.get_untracked() on_confirm=confirm(Action::Terminate) />
            <ConfirmButton label="Shutdown (deprecated)" title="Shut down this supervisor?" danger=true
                message="The deprecated form of terminate: the supervisor stops for good."
                confirm_label="Shut down" type_to_confirm=sid.get_untracked() on_confirm=confirm(Action::Shutdown) />
            <a href=move || link(&cluster.get(), &format!("submit?supervisor={}", crate::url_state::encode(&sid.get())))
                data-edit-spec="">"Edit spec"</a>
        </div>
    }
}

#[component]
fn StatusTab(st: Loaded<SupervisorStatus>, lag: History) -> impl IntoView {
    let cluster = use_cluster();
    let items = Signal::derive(move || {
        st.with(|s| {
            s.map(|s| {
                let p = &s.payload;
                kv(&[
                    ("Datasource", p.data_source.clone()),
                    ("Stream", p.stream.clone()),
                    ("Partitions", p.partitions.to_string()),
                    ("Replicas", p.replicas.to_string()),
                    ("Task duration", format!("{} s", p.duration_seconds)),
                    ("Aggregate lag", count(p.aggregate_lag)),
                    ("Offsets read at", p.offsets_last_updated.clone()),
                    ("Status made at", s.generation_time.clone()),
                ])
            })
            .unwrap_or_default()
        })
    });
    let tasks = Signal::derive(move || {
        st.with(|s| {
            s.map(|s| {
                let mut out: Vec<(String, SupervisorTask)> = s.payload.active_tasks.iter().map(|t| ("active".to_string(), t.clone())).collect();
                out.extend(s.payload.publishing_tasks.iter().map(|t| ("publishing".to_string(), t.clone())));
                out
            })
            .unwrap_or_default()
        })
    });
    let columns = vec![
        col::view(
            "id",
            "Task",
            |t: &(String, SupervisorTask)| t.1.id.as_str().into(),
            move |t: &(String, SupervisorTask)| {
                let href = link(&cluster.get_untracked(), &format!("tasks/{}", encode_segment(&t.1.id)));
                view! { <a href=href data-task-link=t.1.id.clone()>{t.1.id.clone()}</a> }.into_any()
            },
        ),
        col::text("kind", "Role", |t: &(String, SupervisorTask)| t.0.as_str().into()),
        col::text("start", "Started", |t: &(String, SupervisorTask)| t.1.start_time.as_str().into()),
        col::num("remaining", "Seconds left", |t: &(String, SupervisorTask)| t.1.remaining_seconds.into()),
    ];
    let errors = Signal::derive(move || st.with(|s| s.map(|s| s.payload.recent_errors.clone()).unwrap_or_default()));
    view! {
        <KeyValue items />
        <LineChart title="Lag per partition" series=lag.series format=|v| count(v as i64) />
        <h2>"Tasks"</h2>
        {move || tasks.with(Vec::is_empty).then(|| empty("No active or publishing task."))}
        <DataTable id="supervisor-tasks" columns rows=Signal::derive(move || any_rows(tasks.get())) />
        <h2>"Recent errors"</h2>
        {move || {
            let e = errors.get();
            if e.is_empty() {
                empty("No recent errors.")
            } else {
                view! { <ul data-supervisor-errors="">{e.into_iter().map(|e| {
                    let text = match &e {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.get("message").and_then(|m| m.as_str()).map(|m| {
                            let when = other.get("timestamp").and_then(|t| t.as_str()).unwrap_or_default();
                            format!("{when} {m}").trim().to_string()
                        }).unwrap_or_else(|| other.to_string()),
                    };
                    view! { <li class="sb-mono">{text}</li> }
                }).collect_view()}</ul> }.into_any()
            }
        }}
    }
}

#[component]
fn SpecTab(sid: Memo<String>) -> impl IntoView {
    let cluster = use_cluster();
    let r = load_once(move |c| {
        let id = sid.get();
        async move { api::spec(&c, &id).await }
    });
    view! {
        <div class="sb-row">
            <a href=move || link(&cluster.get(), &format!("submit?supervisor={}", crate::url_state::encode(&sid.get())))>"Edit"</a>
        </div>
        {status(r, "supervisor spec")}
        {move || r.get().map(|v| view! { <JsonView value=v /> })}
    }
}

#[component]
fn HistoryTab(sid: Memo<String>) -> impl IntoView {
    let r = load_once(move |c| {
        let id = sid.get();
        async move { api::history(&c, &id).await }
    });
    view! {
        {status(r, "spec history")}
        {move || r.with(|h| h.is_some_and(Vec::is_empty)).then(|| empty("No spec history."))}
        <div data-supervisor-history="">
            {move || r.get().unwrap_or_default().into_iter().map(|v| {
                let kind = v.spec.get("type").and_then(|t| t.as_str()).unwrap_or_default().to_string();
                let suspended = v.spec.get("suspended").and_then(|t| t.as_bool()).unwrap_or(false);
                view! {
                    <details>
                        <summary class="sb-mono">{v.version.clone()}" · "{kind}{if suspended { " · suspended" } else { "" }}</summary>
                        <JsonView value=v.spec open_depth=1 />
                    </details>
                }
            }).collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_round_trip_through_their_url_names() {
        for &t in SupervisorTab::ALL {
            assert_eq!(SupervisorTab::parse(Some(t.slug())), t);
        }
        assert_eq!(SupervisorTab::parse(None), SupervisorTab::Status);
    }
}
