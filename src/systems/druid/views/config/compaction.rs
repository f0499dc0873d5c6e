//! The compaction tab: the task slots for compaction, the status of every datasource's
//! auto-compaction (bytes, segments and intervals awaiting, compacted and skipped, with a progress
//! bar), and for the chosen datasource (`datasource=`) its config as a form (the known fields and
//! the rest as JSON), saved, or deleted after a confirmation.

use super::{audit_inputs, history_filter, save_error, scope, History, DATASOURCE};
use crate::shell::use_cluster;
use crate::systems::druid::api::{self, config as config_api, rules as rules_api};
use crate::systems::druid::model::config::{
    CompactionConfigs, CompactionForm, CompactionProgress, CompactionStatus,
};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, count, percent};
use crate::ui::json_editor::JsonEditor;
use crate::ui::kit::{kv, load, load_once, query, set_query, status, toaster};
use crate::ui::{ConfirmButton, DataTable, KeyValue, ToastKind};
use leptos::prelude::*;
use serde_json::Value;

/// What the compaction tab shows.
#[derive(Clone, Default)]
struct Compaction {
    configs: CompactionConfigs,
    status: Vec<CompactionStatus>,
    names: Vec<String>,
}

/// A progress bar of `share` (0..=1) with its percentage.
fn progress_bar(share: Option<f64>) -> AnyView {
    let s = scope();
    match share {
        Some(p) => view! {
            <span data-progress=format!("{:.0}", p * 100.0)>
                <span class=s.cls("bar")><span class=s.cls("fill") style=format!("width: {:.1}%", p * 100.0)></span></span>
                {percent(p)}
            </span>
        }
        .into_any(),
        None => view! { <span class="sb-dim">"–"</span> }.into_any(),
    }
}

/// The compaction tab.
#[component]
pub fn CompactionTab() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let toast = toaster();
    let ds = query(DATASOURCE);
    let r = load(|c| async move {
        let configs = config_api::compaction_configs(&c).await?;
        let status = config_api::compaction_status(&c, None).await?.latest;
        let names = rules_api::datasource_names(&c).await.unwrap_or_default();
        Ok(Compaction {
            configs,
            status,
            names,
        })
    });
    let ratio = RwSignal::new(String::new());
    let max = RwSignal::new(String::new());
    Effect::new(move |_| {
        r.with(|c| {
            if let Some(c) = c {
                if ratio.get_untracked().is_empty() {
                    ratio.set(c.configs.slot_ratio.map(|v| v.to_string()).unwrap_or_default());
                }
                if max.get_untracked().is_empty() {
                    max.set(c.configs.max_slots.map(|v| v.to_string()).unwrap_or_default());
                }
            }
        })
    });
    let slots_error = RwSignal::new(None::<String>);
    let set_slots = move |_| {
        let parse_ratio = ratio.get_untracked().trim().to_string();
        let parse_max = max.get_untracked().trim().to_string();
        let r1 = if parse_ratio.is_empty() {
            None
        } else {
            match parse_ratio.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => Some(v),
                _ => {
                    slots_error.set(Some(format!("The ratio must be between 0 and 1, not '{parse_ratio}'.")));
                    return;
                }
            }
        };
        let m1 = if parse_max.is_empty() {
            None
        } else {
            match parse_max.parse::<i64>() {
                Ok(v) if v >= 0 => Some(v),
                _ => {
                    slots_error.set(Some(format!("The maximum must be a whole number, not '{parse_max}'.")));
                    return;
                }
            }
        };
        slots_error.set(None);
        let c = cluster.get_untracked();
        leptos::task::spawn_local(async move {
            match config_api::set_compaction_task_slots(&c, r1, m1).await {
                Ok(()) => {
                    toast(ToastKind::Success, "Compaction task slots set".into());
                    r.refetch();
                }
                Err(e) => {
                    let _ = slots_error.try_set(Some(format!("Not set: {}", api::error_text(&e))));
                }
            }
        });
    };
    let columns = vec![
        col::text("ds", "Datasource", |c: &CompactionStatus| c.data_source.as_str().into()),
        col::text("schedule", "Schedule", |c: &CompactionStatus| c.schedule_status.as_str().into()),
        col::view(
            "progress",
            "Compacted",
            |c: &CompactionStatus| c.progress().unwrap_or(-1.0).into(),
            |c: &CompactionStatus| progress_bar(c.progress()),
        ),
        col::num_text("awaitBytes", "Bytes awaiting", |c: &CompactionStatus| c.bytes_awaiting_compaction.into(), |c: &CompactionStatus| bytes(c.bytes_awaiting_compaction)),
        col::num("awaitSegs", "Segments awaiting", |c: &CompactionStatus| c.segment_count_awaiting_compaction.into()),
        col::num("awaitIntervals", "Intervals awaiting", |c: &CompactionStatus| c.interval_count_awaiting_compaction.into()),
        col::num_text("doneBytes", "Bytes compacted", |c: &CompactionStatus| c.bytes_compacted.into(), |c: &CompactionStatus| bytes(c.bytes_compacted)),
        col::num("doneSegs", "Segments compacted", |c: &CompactionStatus| c.segment_count_compacted.into()),
        col::num("doneIntervals", "Intervals compacted", |c: &CompactionStatus| c.interval_count_compacted.into()),
        col::num_text("skipBytes", "Bytes skipped", |c: &CompactionStatus| c.bytes_skipped.into(), |c: &CompactionStatus| bytes(c.bytes_skipped)),
        col::num("skipSegs", "Segments skipped", |c: &CompactionStatus| c.segment_count_skipped.into()),
        col::num("skipIntervals", "Intervals skipped", |c: &CompactionStatus| c.interval_count_skipped.into()),
    ];
    let setq = set_query();
    let pick_row = {
        let setq = setq.clone();
        on_row(move |c: CompactionStatus| setq(&[(DATASOURCE, c.data_source)]))
    };
    let pick = move |ev: leptos::ev::Event| setq(&[(DATASOURCE, event_target_value(&ev))]);
    view! {
        <div class=s.cls("stack")>
            {status(r, "compaction")}
            <section class=s.cls("panel")>
                <h2>"Task slots for compaction"</h2>
                <p class=s.cls("hint")>"At most min(max, ratio × all task slots) compaction tasks run at once. Empty: Druid's defaults (0.1, unbounded)."</p>
                <div class="sb-row">
                    <label>"Ratio " <input aria-label="Slot ratio" data-slot-ratio="" size="6" prop:value=move || ratio.get() on:input=move |ev| ratio.set(event_target_value(&ev)) /></label>
                    <label>"Max " <input aria-label="Max slots" data-slot-max="" size="12" prop:value=move || max.get() on:input=move |ev| max.set(event_target_value(&ev)) /></label>
                    <button on:click=set_slots>"Set task slots"</button>
                </div>
                {save_error(slots_error)}
            </section>
            <section class=s.cls("panel")>
                <h2>"Status"</h2>
                <DataTable id="compaction-status" columns rows=Signal::derive(move || any_rows(r.with(|c| c.map(|c| c.status.clone()).unwrap_or_default()))) on_row_click=pick_row export_name="compaction-status" />
            </section>
            <div class="sb-row">
                <label for="druid-compaction-ds">"Datasource"</label>
                <select id="druid-compaction-ds" aria-label="Datasource" data-compaction-datasource="" on:change=pick>
                    <option value="" selected=move || ds.get().is_none()>"(choose one)"</option>
                    {move || {
                        let chosen = ds.get();
                        let mut names = r.with(|c| c.map(|c| {
                            let mut v = c.configs.datasources();
                            v.extend(c.names.iter().cloned());
                            v
                        }).unwrap_or_default());
                        names.extend(chosen.clone());
                        names.sort();
                        names.dedup();
                        let configured = r.with(|c| c.map(|c| c.configs.datasources()).unwrap_or_default());
                        names.into_iter().map(|n| {
                            let label = if configured.contains(&n) { format!("{n} (auto-compaction on)") } else { n.clone() };
                            view! { <option value=n.clone() selected={chosen.as_deref() == Some(n.as_str())}>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            {move || ds.get().map(|d| view! { <DatasourceCompaction datasource=d on_change=Callback::new(move |_| r.refetch()) /> })}
        </div>
    }
}

/// What the compaction of one datasource shows.
#[derive(Clone, Default)]
struct DsCompaction {
    config: Option<Value>,
    status: Option<CompactionStatus>,
    progress: Option<CompactionProgress>,
}

/// One datasource's auto-compaction: its status and progress, and its config as a form (saved
/// with `POST /config/compaction`, deleted after a confirmation). Also embedded by the datasource
/// page.
#[component]
pub fn DatasourceCompaction(
    /// The datasource.
    datasource: String,
    /// Runs after the config was saved or deleted.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let s = scope();
    let d = StoredValue::new(datasource);
    let r = load_once(move |c| {
        let ds = d.get_value();
        async move {
            let config = config_api::compaction_config(&c, &ds).await?;
            // Status and progress exist only while auto-compaction is on.
            let (status, progress) = if config.is_some() {
                (
                    config_api::compaction_status(&c, Some(&ds))
                        .await
                        .ok()
                        .and_then(|s| s.latest.into_iter().next()),
                    config_api::compaction_progress(&c, &ds).await.ok(),
                )
            } else {
                (None, None)
            };
            Ok(DsCompaction {
                config,
                status,
                progress,
            })
        }
    });
    let filter = history_filter();
    let history = load_once(move |c| {
        let (ds, f) = (d.get_value(), filter.get());
        async move { config_api::compaction_config_history(&c, &ds, &f).await }
    });
    let changed = Callback::new(move |_| {
        r.refetch();
        history.refetch();
        if let Some(cb) = on_change {
            cb.run(())
        }
    });
    view! {
        <section class=s.cls("panel") data-datasource-compaction=d.get_value()>
            <h2>{format!("Auto-compaction of {}", d.get_value())}</h2>
            {status(r, "compaction config")}
            {move || r.get().map(|data| {
                let facts = match (&data.status, &data.progress) {
                    (Some(st), p) => kv(&[
                        ("Schedule", st.schedule_status.clone()),
                        ("Compacted", st.progress().map(percent).unwrap_or_else(|| "–".into())),
                        ("Awaiting", format!("{} in {} segments, {} intervals", bytes(st.bytes_awaiting_compaction), count(st.segment_count_awaiting_compaction), count(st.interval_count_awaiting_compaction))),
                        ("Skipped", format!("{} in {} segments", bytes(st.bytes_skipped), count(st.segment_count_skipped))),
                        ("Remaining (progress)", p.as_ref().map(|p| bytes(p.remaining)).unwrap_or_else(|| "–".into())),
                    ]),
                    (None, _) => Vec::new(),
                };
                view! {
                    {if data.config.is_none() {
                        view! { <p class="sb-dim" data-compaction-off="">"Auto-compaction is off for this datasource; save the form to turn it on."</p> }.into_any()
                    } else {
                        view! { <KeyValue items=facts /> }.into_any()
                    }}
                    <CompactionEditor datasource=d.get_value() config=data.config on_change=changed />
                }
            })}
            <History id="compaction-history" r=history />
        </section>
    }
}

/// The compaction config form.
#[component]
fn CompactionEditor(datasource: String, config: Option<Value>, on_change: Callback<()>) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let toast = toaster();
    let exists = config.is_some();
    let form = CompactionForm::from_json(&datasource, config.as_ref().unwrap_or(&Value::Null));
    let skip = RwSignal::new(form.skip_offset.clone());
    let rows = RwSignal::new(form.target_rows.clone());
    let priority = RwSignal::new(form.task_priority.clone());
    let input_size = RwSignal::new(form.input_segment_size.clone());
    let rest = RwSignal::new(form.rest.clone());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let (author, comment) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let ds = StoredValue::new(datasource);
    let save = move |_| {
        let f = CompactionForm {
            datasource: ds.get_value(),
            skip_offset: skip.get_untracked(),
            target_rows: rows.get_untracked(),
            task_priority: priority.get_untracked(),
            input_segment_size: input_size.get_untracked(),
            rest: rest.get_untracked(),
        };
        let body = match f.to_json() {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        error.set(None);
        busy.set(true);
        let c = cluster.get_untracked();
        leptos::task::spawn_local(async move {
            let (a, m) = (author.get_untracked(), comment.get_untracked());
            match config_api::set_compaction_config(&c, &body, &a, &m).await {
                Ok(()) => {
                    toast(ToastKind::Success, format!("Compaction config of {} saved", f.datasource));
                    let _ = busy.try_set(false);
                    on_change.run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(format!("Not saved: {}", api::failure_text(&e))));
                    let _ = busy.try_set(false);
                }
            }
        });
    };
    let delete = move |_| {
        let c = cluster.get_untracked();
        let name = ds.get_value();
        leptos::task::spawn_local(async move {
            match config_api::delete_compaction_config(&c, &name).await {
                Ok(()) => {
                    toast(ToastKind::Success, format!("Auto-compaction of {name} turned off"));
                    on_change.run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(format!("Not deleted: {}", api::failure_text(&e))));
                }
            }
        });
    };
    let input = |label: &'static str, hook: &'static str, sig: RwSignal<String>, hint: &'static str| view! {
        <label for=format!("druid-compaction-{hook}")>{label}</label>
        <span class="sb-row">
            <input id=format!("druid-compaction-{hook}") aria-label=label data-compaction-field=hook
                prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) />
            <span class=s.cls("hint")>{hint}</span>
        </span>
    };
    view! {
        <div class=s.cls("form") data-compaction-form="">
            {input("Skip offset from latest", "skipOffsetFromLatest", skip, "ISO period, e.g. P1D")}
            {input("Target rows per segment", "targetRows", rows, "partitionsSpec.targetRowsPerSegment, or maxRowsPerSegment")}
            {input("Task priority", "taskPriority", priority, "e.g. 25")}
            {input("Input segment size (bytes)", "inputSegmentSizeBytes", input_size, "largest total size of segments per task")}
        </div>
        <h3>"Other fields"</h3>
        <JsonEditor text=rest label="Other compaction fields" rows=10 />
        {audit_inputs(author, comment)}
        {save_error(error)}
        <div class="sb-row">
            <button class="sb-primary" data-save-compaction="" disabled=move || busy.get() on:click=save>
                {if exists { "Save compaction config" } else { "Turn on auto-compaction" }}
            </button>
            {exists.then(|| view! {
                <ConfirmButton label="Delete config" title="Turn off auto-compaction?" danger=true
                    message=format!("The auto-compaction config of {} is deleted; no new compaction tasks are scheduled for it.", ds.get_value())
                    confirm_label="Delete config" on_confirm=Callback::new(delete) />
            })}
        </div>
    }
}
