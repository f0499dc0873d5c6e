//! One task (`tasks/:taskid/:tab?`): its status (followed until it finishes) with, while it runs,
//! its live row counts and unparseable events asked of its peon (the task's `location`),
//! payload, published segments, ingestion report and log; shut down while it runs.

use super::iso_short;
use crate::shell::use_cluster;
use crate::systems::druid::api::error_text;
use crate::systems::druid::api::tasks as api;
use crate::systems::druid::model::tasks::{live_summary, report_summary, state_tone, ReportSummary, RowStats};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count, duration_ms};
use crate::ui::kit::{badge, empty, kv, link, link_with, load, load_once, param, status, toaster};
use crate::ui::log_viewer::LogViewer;
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::{ConfirmButton, DataTable, JsonView, KeyValue, ToastKind};
use crate::url_state::{encode_segment, REFRESH};
use leptos::prelude::*;
use serde_json::Value;

tab_set! {
    /// The tabs of the task page, as named in the URL (`tasks/:taskid/:tab`).
    pub enum TaskTab {
        /// Status (followed while the task runs).
        Status = ("", "Status"),
        /// The payload (spec).
        Payload = ("payload", "Payload"),
        /// Published segments.
        Segments = ("segments", "Segments"),
        /// The ingestion report.
        Reports = ("reports", "Reports"),
        /// The log.
        Log = ("log", "Log"),
    }
}

/// How often a task that has not finished is asked again, in milliseconds.
pub const FOLLOW_MS: u32 = 2000;

/// The task page.
#[component]
pub fn TaskPage() -> impl IntoView {
    let cluster = use_cluster();
    let id = super::id_param("taskid");
    let tab_param = param("tab");
    let tab = Memo::new(move |_| TaskTab::parse(Some(&tab_param.get())));
    let st = load(move |c| {
        let id = id.get();
        async move { api::status(&c, &id).await }
    });
    st.follow(|s| match &s.status {
        Some(t) if !t.finished() => Some(FOLLOW_MS),
        _ => None,
    });
    let summary = Memo::new(move |_| st.with(|s| s.and_then(|s| s.status.clone())));
    let state = Memo::new(move |_| summary.with(|t| t.as_ref().map(|t| t.shown_state())));
    let finished = Memo::new(move |_| summary.with(|t| t.as_ref().is_some_and(|t| t.finished())));
    // The peon (`host:port`) of a running task: where its live counts are asked.
    let peon = Memo::new(move |_| {
        summary.with(|t| {
            t.as_ref()
                .filter(|t| !t.finished() && t.runner_status_code == "RUNNING")
                .and_then(|t| t.location.host_port())
        })
    });
    let toast = toaster();
    let shutdown = Callback::new(move |_| {
        let (c, id) = (cluster.get_untracked(), id.get_untracked());
        leptos::task::spawn_local(async move {
            match api::shutdown(&c, &id).await {
                Ok(_) => {
                    toast(ToastKind::Success, format!("Shutting down {id}"));
                    st.refetch();
                }
                Err(e) => toast(ToastKind::Error, format!("Could not shut down {id}: {}", error_text(&e))),
            }
        });
    });
    let tabs = Signal::derive(move || {
        let (c, i, current) = (cluster.get(), id.get(), tab.get());
        tab_links(
            current,
            |t| link_with(&c, &format!("tasks/{}/{}", encode_segment(&i), t.slug()), &[REFRESH], &[]),
            |t| t.label().to_string(),
        )
    });
    view! {
        <div class="sb-stack" data-task=move || id.get()>
            <p><a href=move || link(&cluster.get(), "tasks")>"Tasks"</a></p>
            <div class="sb-row">
                <h1 class="sb-mono">{move || id.get()}</h1>
                {move || state.get().map(|s| view! { <span data-task-state=s.clone()>{badge(state_tone(&s), &s)}</span> })}
                {move || (!finished.get() && state.get().is_some()).then(|| view! {
                    <ConfirmButton label="Shut down" title="Shut down this task?" danger=true
                        message=format!("{} is stopped; what it has not published is lost.", id.get_untracked())
                        confirm_label="Shut down task" on_confirm=shutdown />
                })}
            </div>
            {status(st, "task status")}
            <Tabs tabs />
            {move || match tab.get() {
                TaskTab::Status => view! { <StatusTab st=summary /> {move || peon.get().is_some().then(|| view! { <LiveCounts id peon />  })} }.into_any(),
                TaskTab::Payload => view! { <PayloadTab id /> }.into_any(),
                TaskTab::Segments => view! { <SegmentsTab id /> }.into_any(),
                TaskTab::Reports => view! { <ReportsTab id finished /> }.into_any(),
                TaskTab::Log => view! { <LogTab id /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn StatusTab(st: Memo<Option<crate::systems::druid::model::tasks::TaskSummary>>) -> impl IntoView {
    move || match st.get() {
        None => ().into_any(),
        Some(t) => {
            let items = kv(&[
                ("Type", t.kind.clone()),
                ("Datasource", t.data_source.clone()),
                ("Status", t.status.clone()),
                ("Runner status", t.runner_status_code.clone()),
                ("Created", iso_short(&t.created_time)),
                ("Duration", duration_ms(t.duration)),
                ("Location", t.location.host_port().unwrap_or_else(|| "not placed yet".into())),
            ]);
            view! {
                <KeyValue items />
                {t.error_msg.map(|e| view! { <pre class="sb-field-error" data-task-error="">{e}</pre> })}
            }
            .into_any()
        }
    }
}

#[component]
fn PayloadTab(id: Memo<String>) -> impl IntoView {
    let r = load_once(move |c| {
        let id = id.get();
        async move { api::payload(&c, &id).await }
    });
    view! {
        {status(r, "payload")}
        {move || r.with(|p| p.map(|p| p.payload.clone())).map(|v| view! { <JsonView value=v /> })}
    }
}

#[component]
fn SegmentsTab(id: Memo<String>) -> impl IntoView {
    let r = load(move |c| {
        let id = id.get();
        async move { api::segments(&c, &id).await }
    });
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let columns = vec![
        col::text("segment", "Segment", move |v: &Value| s(v, "identifier").into()),
        col::text("interval", "Interval", move |v: &Value| s(v, "interval").into()),
        col::text("version", "Version", move |v: &Value| s(v, "version").into()),
        col::num_text(
            "size",
            "Size",
            |v: &Value| v.get("size").and_then(Value::as_i64).unwrap_or(-1).into(),
            |v: &Value| bytes(v.get("size").and_then(Value::as_i64).unwrap_or(-1)),
        ),
    ];
    view! {
        {status(r, "segments")}
        {move || r.with(|l| l.is_some_and(Vec::is_empty)).then(|| empty("The task published no segments (yet)."))}
        <DataTable id="task-segments" columns rows=Signal::derive(move || any_rows(r.get().unwrap_or_default())) export_name="task-segments" />
    }
}

#[component]
fn ReportsTab(id: Memo<String>, finished: Memo<bool>) -> impl IntoView {
    let r = load(move |c| {
        let id = id.get();
        // Asked again when the task finishes, for the final counts.
        let _ = finished.get();
        async move { api::reports(&c, &id).await }
    });
    let raw = RwSignal::new(false);
    view! {
        {status(r, "reports")}
        {move || r.get().map(|rep| match rep {
            None => empty("No report yet: the task has not started, or its report is gone.").into_any(),
            Some(v) => {
                let summary = report_summary(&v);
                view! {
                    <ReportView summary />
                    <button on:click=move |_| raw.update(|x| *x = !*x) aria-pressed=move || raw.get().to_string()>
                        {move || if raw.get() { "Hide raw JSON" } else { "Show raw JSON" }}
                    </button>
                    <Show when=move || raw.get()>
                        <JsonView value=v.clone() />
                    </Show>
                }.into_any()
            }
        })}
    }
}

#[component]
fn ReportView(summary: ReportSummary) -> impl IntoView {
    let state = summary.ingestion_state.clone();
    let tone = match state.as_str() {
        "COMPLETED" => crate::ui::Tone::Ok,
        "" => crate::ui::Tone::Unknown,
        _ => crate::ui::Tone::Warn,
    };
    view! {
        <section data-report="">
            <div class="sb-row"><span>"Ingestion state"</span><span data-ingestion-state=state.clone()>{badge(tone, &state)}</span>
                {summary.segment_availability_confirmed.map(|c| view! { <span class="sb-dim">{if c { "segments available" } else { "segment availability not confirmed" }}</span> })}
            </div>
            {phase_table(summary.phases)}
            {summary.error_msg.map(|e| view! { <pre class="sb-field-error" data-report-error="">{e}</pre> })}
            {(!summary.errors.is_empty()).then(|| view! {
                <h3>"Errors"</h3>
                <ul data-report-errors="">{summary.errors.into_iter().map(|e| view! { <li class="sb-mono">{e}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}

/// Row counts per phase, as a table (a report's, or a peon's live ones).
fn phase_table(phases: Vec<RowStats>) -> AnyView {
    view! {
        <table class="sb-card" data-row-stats="">
            <thead><tr><th>"Phase"</th><th>"Processed"</th><th>"With error"</th><th>"Thrown away"</th><th>"Unparseable"</th></tr></thead>
            <tbody>
                {phases.into_iter().map(|p| view! {
                    <tr data-phase=p.phase.clone()>
                        <td>{p.phase.clone()}</td>
                        <td data-stat="processed" data-value=p.processed.to_string()>{count(p.processed)}</td>
                        <td data-stat="processedWithError" data-value=p.processed_with_error.to_string()>{count(p.processed_with_error)}</td>
                        <td data-stat="thrownAway" data-value=p.thrown_away.to_string()>{count(p.thrown_away)}</td>
                        <td data-stat="unparseable" data-value=p.unparseable.to_string()>{count(p.unparseable)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The live counts of task `task`, found on the peon its status names (`location`), or why
/// there are none (the task is not running).
#[component]
pub fn PeonCounts(task: String) -> impl IntoView {
    let id = Memo::new(move |_| task.clone());
    let st = load_once(move |c| {
        let id = id.get();
        async move { api::status(&c, &id).await }
    });
    let peon = Memo::new(move |_| {
        st.with(|s| {
            s.and_then(|s| s.status.as_ref())
                .filter(|t| !t.finished() && t.runner_status_code == "RUNNING")
                .and_then(|t| t.location.host_port())
        })
    });
    let state = move || {
        st.with(|s| {
            s.map(|s| s.status.as_ref().map(|t| t.shown_state()).unwrap_or_else(|| "unknown".into()))
        })
    };
    view! {
        {status(st, "task status")}
        {move || match (peon.get(), state()) {
            (Some(_), _) => view! { <LiveCounts id peon /> }.into_any(),
            (None, Some(s)) => empty(&format!("{} runs on no peon now (state {s}).", id.get_untracked())),
            (None, None) => ().into_any(),
        }}
    }
}

/// A running task's live row counts and unparseable events, asked of its peon (`peon`, the
/// task's location) every [`FOLLOW_MS`] while it runs.
#[component]
fn LiveCounts(id: Memo<String>, peon: Memo<Option<String>>) -> impl IntoView {
    let r = load(move |c| {
        let (id, peon) = (id.get(), peon.get());
        async move {
            match peon {
                Some(p) => api::live_counts(&c, &p, &id).await,
                None => Ok(None),
            }
        }
    });
    r.follow(|_| Some(FOLLOW_MS));
    view! {
        <section data-live-stats="">
            <h2>"Live row counts"</h2>
            {status(r, "live row counts")}
            {move || r.get().map(|live| match live {
                None => empty("The peon no longer runs this task.").into_any(),
                Some(v) => {
                    let peon = v["peon"].as_str().unwrap_or_default().to_string();
                    let (phases, events) = live_summary(&v["rowStats"], &v["unparseableEvents"]);
                    let failed = v["unparseableEvents"]["error"].as_str().map(str::to_string);
                    view! {
                        <p class="sb-dim" data-live-source=peon.clone()>{format!("From the peon at {peon}: /druid/worker/v1/chat/…/rowStats and /unparseableEvents")}</p>
                        {phase_table(phases)}
                        <h3>"Unparseable events"</h3>
                        {match failed {
                            Some(e) => view! { <p class="sb-field-error" role="alert">{e}</p> }.into_any(),
                            None if events.is_empty() => empty("None so far."),
                            None => view! { <ul data-unparseable-events="">{events.into_iter().map(|e| view! { <li class="sb-mono">{e}</li> }).collect_view()}</ul> }.into_any(),
                        }}
                    }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn LogTab(id: Memo<String>) -> impl IntoView {
    let r = load_once(move |c| {
        let id = id.get();
        async move { api::task_log(&c, &id).await }
    });
    let text = Signal::derive(move || r.with(|l| l.map(|l| l.0.clone()).unwrap_or_default()));
    view! {
        <div class="sb-row">
            <span class="sb-dim" data-log-source="">{move || r.with(|l| l.map(|l| format!("From the {}", l.1)).unwrap_or_default())}</span>
            <button on:click=move |_| r.refetch()>"Reload"</button>
        </div>
        {status(r, "task log")}
        {move || r.with(|l| l.is_some()).then(|| view! { <LogViewer text file_name=format!("{}.log", id.get_untracked()) /> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_round_trip_through_their_url_names() {
        for &t in TaskTab::ALL {
            assert_eq!(TaskTab::parse(Some(t.slug())), t);
        }
        assert_eq!(TaskTab::parse(Some("nonsense")), TaskTab::Status);
    }
}
