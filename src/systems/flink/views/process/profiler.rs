//! The profiler of a process (Flink 1.19+, `rest.profiling.enabled`), shared by the job manager
//! and the task managers: past and running runs (`.../profiler`), a form starting one
//! (`POST .../profiler`, mode and duration) followed until it ends, and each finished run's
//! result (`.../profiler/:filename`, an HTML page from async-profiler) offered as a download.
//! The console never shows the server's HTML itself.

use super::profiling::{
    decide, disabled_reason, profiler_gate, start_error, validate, Next, Watch, MAX_DURATION, MODES,
};
use crate::cluster::Cluster;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, Process};
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{ProfilingInfo, ProfilingStatus};
use crate::ui::kit::{badge, empty, load, status, toaster};
use crate::ui::any_row::AnyRow;
use crate::ui::any_row::{any_rows, col};
use crate::ui::download::download_text;
use crate::ui::format::{local_time, now_epoch_ms};
use crate::ui::operation::{poll_delay_ms, sleep_ms, OpState, OperationStatus};
use crate::ui::{Cell, Column, DataTable, ToastKind, Tone};
use leptos::prelude::*;

/// The form's input, kept as typed (also when a start fails).
#[derive(Clone, Debug, PartialEq)]
struct Form {
    mode: String,
    duration: String,
    starting: bool,
}

/// Colour and text of a run's state.
pub fn status_look(s: ProfilingStatus) -> (Tone, &'static str) {
    match s {
        ProfilingStatus::Running => (Tone::Warn, "RUNNING"),
        ProfilingStatus::Finished => (Tone::Ok, "FINISHED"),
        ProfilingStatus::Failed => (Tone::Bad, "FAILED"),
        ProfilingStatus::Unknown => (Tone::Unknown, "unknown"),
    }
}

/// Fetches a result file and hands it to the browser as a download.
fn download(c: Cluster, p: Process, name: String, toast: impl Fn(ToastKind, String) + 'static) {
    leptos::task::spawn_local(async move {
        match api::profiling_file(&c, &p, &name).await {
            Ok(html) => {
                download_text(&name, "text/html", &html);
                toast(ToastKind::Success, format!("Downloaded {name}: async-profiler's HTML flame graph. Open the file in a browser; the console does not display server HTML."));
            }
            Err(e) => toast(
                ToastKind::Error,
                format!("Could not download {name}: {}", api::error_text(&e)),
            ),
        }
    });
}

/// Asks for the list again until the followed run ends (the decision is made where the list is
/// read); stops when the view goes away.
async fn follow(watch: RwSignal<Option<Watch>>, refetch: impl Fn()) {
    loop {
        let polls = match watch.try_get_untracked() {
            Some(Some(w)) => w.polls,
            _ => return,
        };
        sleep_ms(poll_delay_ms(polls).max(1000)).await;
        let mut going = false;
        let _ = watch.try_update(|w| {
            if let Some(w) = w {
                w.now = now_epoch_ms();
                w.polls += 1;
                going = true;
            }
        });
        if !going {
            return;
        }
        refetch();
    }
}

/// The columns of the runs, with a download button for finished ones.
fn columns(
    cluster: Signal<Cluster>,
    p: StoredValue<Process>,
    toast: impl Fn(ToastKind, String) + Copy + Send + Sync + 'static,
) -> Vec<Column<AnyRow>> {
    vec![
        col::view(
            "status",
            "Status",
            |i: &ProfilingInfo| status_look(i.status).1.into(),
            |i: &ProfilingInfo| {
                let (t, x) = status_look(i.status);
                badge(t, x)
            },
        ),
        col::text("mode", "Mode", |i: &ProfilingInfo| {
            Cell::from(i.mode.clone())
        }),
        col::text("started", "Started", |i: &ProfilingInfo| {
            Cell::from(i.trigger_time.map(local_time))
        }),
        col::num("duration", "Seconds", |i: &ProfilingInfo| {
            Cell::from(i.duration)
        }),
        col::text("finished", "Finished", |i: &ProfilingInfo| {
            Cell::from(i.finished_time.map(local_time))
        }),
        col::text("message", "Message", |i: &ProfilingInfo| {
            Cell::from(i.message.clone())
        }),
        col::view(
            "file",
            "Result",
            |i: &ProfilingInfo| Cell::from(i.output_file.clone()),
            move |i: &ProfilingInfo| match i.output_file.clone() {
                Some(f) if i.status == ProfilingStatus::Finished => {
                    let title = format!("Download {f} (HTML)");
                    view! { <button title=title on:click=move |_| download(cluster.get_untracked(), p.get_value(), f.clone(), toast)>"Download"</button> }.into_any()
                }
                _ => ().into_any(),
            },
        ),
    ]
}

#[component]
fn ProfilerPanel(process: Process) -> impl IntoView {
    let flink = use_flink();
    let cluster = use_cluster();
    let toast = toaster();
    let p = StoredValue::new(process);
    let list = load(move |c| {
        let p = p.get_value();
        async move { api::profiling_list(&c, &p).await.map(|l| l.profiling_list) }
    });
    let form = RwSignal::new(Form {
        mode: MODES[0].0.into(),
        duration: "10".into(),
        starting: false,
    });
    let watch = RwSignal::new(None::<Watch>);
    let op = RwSignal::new(OpState::Idle);
    Effect::new(move |_| {
        let Some(w) = watch.get() else { return };
        let what = format!(
            "Profiling ({}): {} s of {} s",
            w.mode,
            w.progress().0,
            w.duration
        );
        op.set(OpState::Running {
            what,
            since: w.since,
            polls: w.polls,
            id: None,
        });
        let next = list
            .with(|l| l.map(|l| decide(l, &w)))
            .unwrap_or(Next::Wait);
        let done = match next {
            Next::Wait => return,
            Next::Finished(i) => {
                let file = i.output_file.unwrap_or_default();
                toast(ToastKind::Success, format!("Profiling finished: {file}"));
                OpState::Succeeded {
                    message: format!(
                        "{} profile of {} s finished; download it from the list.",
                        w.mode, w.duration
                    ),
                    result: Some(file),
                }
            }
            Next::Failed(m) => {
                toast(ToastKind::Error, format!("Profiling failed: {m}"));
                OpState::Failed {
                    message: "Profiling failed".into(),
                    detail: Some(m),
                }
            }
            Next::GaveUp => OpState::Failed {
                message: "The run did not finish long after its planned end; check the list below."
                    .into(),
                detail: None,
            },
        };
        watch.set(None);
        op.set(done);
    });
    let start = move |_| {
        let checked = form.with_untracked(|f| validate(&f.mode, &f.duration));
        let (mode, secs) = match checked {
            Ok(v) => v,
            Err(m) => return toast(ToastKind::Error, m),
        };
        form.update(|f| f.starting = true);
        let (c, proc) = (cluster.get_untracked(), p.get_value());
        leptos::task::spawn_local(async move {
            let answer = api::start_profiling(&c, &proc, mode, secs).await;
            let _ = form.try_update(|f| f.starting = false);
            match answer {
                Ok(info) => {
                    toast(
                        ToastKind::Success,
                        format!("Profiling started: {mode} for {secs} s"),
                    );
                    let now = now_epoch_ms();
                    let w = Watch {
                        mode: mode.into(),
                        duration: secs,
                        trigger_time: info.trigger_time.unwrap_or(now),
                        since: now,
                        now,
                        polls: 0,
                    };
                    if watch.try_set(Some(w)).is_none() {
                        follow(watch, move || list.refetch()).await;
                    }
                }
                Err(e) => toast(
                    ToastKind::Error,
                    format!("Could not start profiling: {}", start_error(&e)),
                ),
            }
        });
    };
    let off = move || list.error().and_then(|e| disabled_reason(&e));
    let cannot = move || flink.caps().modify.reason().map(str::to_string);
    let busy = move || form.with(|f| f.starting) || watch.with(Option::is_some);
    view! {
        {move || match off() {
            Some(reason) => view! {
                <p data-profiler-off="">{reason}</p>
                <button on:click=move |_| list.refetch()>"Check again"</button>
            }.into_any(),
            None => view! {
                <div class="sb-row" style="margin-bottom:8px">
                    <label class="sb-row" style="gap:4px">"Mode"
                        <select aria-label="Mode" on:change=move |ev| form.update(|f| f.mode = event_target_value(&ev))>
                            {MODES.iter().map(|(m, about)| { let sel = form.with_untracked(|f| f.mode == *m); view! { <option value=*m title=*about selected=sel>{*m}</option> } }).collect_view()}
                        </select>
                    </label>
                    <label class="sb-row" style="gap:4px">"Seconds"
                        <input type="number" min="1" max=MAX_DURATION.to_string() style="width:6em" aria-label="Duration in seconds"
                            prop:value=move || form.with(|f| f.duration.clone()) on:input=move |ev| form.update(|f| f.duration = event_target_value(&ev)) />
                    </label>
                    <button class="sb-primary" disabled=move || busy() || cannot().is_some() title=move || cannot().unwrap_or_default() on:click=start>
                        {move || if form.with(|f| f.starting) { "Starting…" } else { "Start profiling" }}
                    </button>
                    <span class="sb-dim">{move || form.with(|f| MODES.iter().find(|m| m.0 == f.mode).map(|m| m.1))}</span>
                </div>
                {move || cannot().map(|r| view! { <p class="sb-dim">{r}</p> })}
                <OperationStatus state=op />
                {move || watch.with(|w| w.as_ref().map(|w| { let (elapsed, _) = w.progress(); view! {
                    <progress max=w.duration.to_string() value=elapsed.min(i64::from(w.duration)).to_string() style="width:100%" />
                }}))}
                {status(list, "profiling runs")}
                <DataTable id="profiler" columns=columns(cluster, p, toast) rows=Signal::derive(move || any_rows(list.get().unwrap_or_default())) export_name="profiler" />
                <p class="sb-dim">"Results are async-profiler HTML flame graphs: they are downloaded, not shown here."</p>
            }.into_any(),
        }}
    }
}

/// The profiler tab of a process: the runs, a form starting one, downloads of the results; on
/// clusters older than 1.19, why there is none.
#[component]
pub fn ProfilerView(
    /// Whose profiler.
    process: Process,
) -> impl IntoView {
    let flink = use_flink();
    let p = StoredValue::new(process);
    let gate = Memo::new(move |_| profiler_gate(flink.version().as_deref()));
    move || match gate.get() {
        Some(reason) => empty(&reason),
        None => view! { <ProfilerPanel process=p.get_value() /> }.into_any(),
    }
}
