//! Checkpoints of the job (`GET /jobs/:jobid/checkpoints`): counts, the latest completed,
//! savepoint, failed and restored, a summary with percentiles, the history (a row opens
//! `?checkpoint=<id>`: per-vertex details, and `&cpvertex=<id>`: per-subtask details), and the
//! checkpoint configuration (`.../checkpoints/config`).

use crate::systems::flink::views::keys;
use super::use_job;
use crate::systems::flink::api;
use crate::systems::flink::model::*;
use crate::ui::kit::{badge, load, load_once, query, set_query, status};
use crate::systems::flink::views::tones::checkpoint_tone;
use crate::systems::flink::views::{scope, stat};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, count, duration_ms, local_time, NONE};
use crate::ui::{Cell, DataTable, KeyValue};
use leptos::prelude::*;

/// A summary line: a statistic over completed checkpoints, in bytes or milliseconds.
#[derive(Clone, Debug, PartialEq)]
pub struct StatRow {
    /// What is measured.
    pub label: &'static str,
    /// The statistic.
    pub stats: StatsSummary,
    /// Bytes (else milliseconds).
    pub bytes: bool,
}

/// The summary lines of `/jobs/:jobid/checkpoints` (those the cluster reports).
pub fn summary_rows(s: &CheckpointSummary) -> Vec<StatRow> {
    let mut v = vec![StatRow {
        label: "End to end duration",
        stats: s.end_to_end_duration.clone(),
        bytes: false,
    }];
    if let Some(c) = &s.checkpointed_size {
        v.push(StatRow {
            label: "Checkpointed data size",
            stats: c.clone(),
            bytes: true,
        });
    }
    v.push(StatRow {
        label: "Full checkpoint data size",
        stats: s.state_size.clone(),
        bytes: true,
    });
    if let Some(p) = &s.processed_data {
        v.push(StatRow {
            label: "Processed in-flight data",
            stats: p.clone(),
            bytes: true,
        });
    }
    if let Some(p) = &s.persisted_data {
        v.push(StatRow {
            label: "Persisted in-flight data",
            stats: p.clone(),
            bytes: true,
        });
    }
    v
}

/// The summary lines of one vertex's part of a checkpoint.
pub fn subtask_summary_rows(s: &SubtaskCheckpointSummary) -> Vec<StatRow> {
    let mut v = vec![StatRow {
        label: "End to end duration",
        stats: s.end_to_end_duration.clone(),
        bytes: false,
    }];
    if let Some(c) = &s.checkpointed_size {
        v.push(StatRow {
            label: "Checkpointed data size",
            stats: c.clone(),
            bytes: true,
        });
    }
    v.extend([
        StatRow {
            label: "Full checkpoint data size",
            stats: s.state_size.clone(),
            bytes: true,
        },
        StatRow {
            label: "Sync duration",
            stats: s.checkpoint_duration.sync.clone(),
            bytes: false,
        },
        StatRow {
            label: "Async duration",
            stats: s.checkpoint_duration.async_.clone(),
            bytes: false,
        },
        StatRow {
            label: "Alignment duration",
            stats: s.alignment.duration.clone(),
            bytes: false,
        },
        StatRow {
            label: "Start delay",
            stats: s.start_delay.clone(),
            bytes: false,
        },
    ]);
    v
}

fn fmt_stat(v: Option<f64>, as_bytes: bool) -> String {
    match v {
        Some(x) if x >= 0.0 => {
            if as_bytes {
                bytes(x as i64)
            } else {
                duration_ms(x as i64)
            }
        }
        _ => NONE.into(),
    }
}

/// A summary table (min, average, percentiles, max).
#[component]
fn SummaryTable(id: &'static str, #[prop(into)] rows: Signal<Vec<StatRow>>) -> impl IntoView {
    type F = fn(&StatsSummary) -> Option<f64>;
    let cols: [(&'static str, &'static str, F); 8] = [
        ("min", "Min", |s| Some(s.min as f64)),
        ("avg", "Average", |s| Some(s.avg)),
        ("p50", "P50", |s| s.p50),
        ("p90", "P90", |s| s.p90),
        ("p95", "P95", |s| s.p95),
        ("p99", "P99", |s| s.p99),
        ("p999", "P99.9", |s| s.p999),
        ("max", "Max", |s| Some(s.max as f64)),
    ];
    let mut columns = vec![col::text("what", "", |r: &StatRow| r.label.into())];
    for (cid, label, f) in cols {
        columns.push(col::num_text(
            cid,
            label,
            move |r: &StatRow| Cell::from(f(&r.stats)),
            move |r: &StatRow| fmt_stat(f(&r.stats), r.bytes),
        ));
    }
    view! { <DataTable id columns rows=Signal::derive(move || any_rows(rows.get())) export_name=id /> }
}

/// Facts of a completed or failed checkpoint.
pub fn checkpoint_facts(c: &CheckpointStatistics) -> Vec<(String, String)> {
    let mut v = vec![
        ("Id".to_string(), c.id.to_string()),
        ("Status".into(), format!("{:?}", c.status)),
        ("Type".into(), format!("{:?}", c.checkpoint_type)),
        ("Triggered".into(), local_time(c.trigger_timestamp)),
        (
            "Acknowledged".into(),
            format!("{}/{}", c.num_acknowledged_subtasks, c.num_subtasks),
        ),
        (
            "End to end duration".into(),
            duration_ms(c.end_to_end_duration),
        ),
        ("Full size".into(), bytes(c.state_size)),
    ];
    if let Some(s) = c.checkpointed_size {
        v.push(("Checkpointed size".into(), bytes(s)));
    }
    if let Some(p) = &c.external_path {
        v.push(("Path".into(), p.clone()));
    }
    if let Some(t) = c.failure_timestamp {
        v.push(("Failed".into(), local_time(t)));
    }
    if let Some(m) = &c.failure_message {
        v.push(("Failure".into(), m.clone()));
    }
    v
}

/// Facts of the latest restore.
pub fn restored_facts(r: &RestoredCheckpoint) -> Vec<(String, String)> {
    vec![
        ("Id".to_string(), r.id.to_string()),
        ("Restored".into(), local_time(r.restore_timestamp)),
        (
            "From a savepoint".into(),
            if r.is_savepoint { "yes" } else { "no" }.into(),
        ),
        (
            "Path".into(),
            r.external_path.clone().unwrap_or_else(|| NONE.into()),
        ),
    ]
}

/// The checkpoint configuration as `(label, value)`.
pub fn config_facts(c: &CheckpointConfig) -> Vec<(String, String)> {
    let mode = match c.mode {
        CheckpointingMode::ExactlyOnce => "Exactly once",
        CheckpointingMode::AtLeastOnce => "At least once",
        CheckpointingMode::Unknown => NONE,
    };
    let yes = |b: bool| if b { "enabled" } else { "disabled" }.to_string();
    let interval = if c.interval <= 0 || c.interval >= i64::MAX / 2 {
        "checkpointing is off".into()
    } else {
        duration_ms(c.interval)
    };
    let mut v = vec![
        ("Mode".to_string(), mode.to_string()),
        ("Interval".into(), interval),
        ("Timeout".into(), duration_ms(c.timeout)),
        ("Minimum pause".into(), duration_ms(c.min_pause)),
        (
            "Concurrent checkpoints".into(),
            c.max_concurrent.to_string(),
        ),
        (
            "Retained after the job ends".into(),
            if c.externalization.enabled {
                if c.externalization.delete_on_cancellation {
                    "yes, deleted on cancellation"
                } else {
                    "yes, kept on cancellation"
                }
            } else {
                "no"
            }
            .into(),
        ),
    ];
    let opt = |v: &mut Vec<(String, String)>, k: &str, x: Option<String>| {
        if let Some(x) = x {
            v.push((k.into(), x))
        }
    };
    opt(&mut v, "State backend", c.state_backend.clone());
    opt(&mut v, "Checkpoint storage", c.checkpoint_storage.clone());
    opt(
        &mut v,
        "Unaligned checkpoints",
        c.unaligned_checkpoints.map(yes),
    );
    opt(
        &mut v,
        "Aligned checkpoint timeout",
        c.aligned_checkpoint_timeout.map(duration_ms),
    );
    opt(
        &mut v,
        "Tolerable failed checkpoints",
        c.tolerable_failed_checkpoints.map(|n| n.to_string()),
    );
    opt(
        &mut v,
        "Checkpoints after tasks finish",
        c.checkpoints_after_tasks_finish.map(yes),
    );
    opt(
        &mut v,
        "Changelog state backend",
        c.state_changelog_enabled.map(yes),
    );
    opt(
        &mut v,
        "Changelog materialization interval",
        c.changelog_periodic_materialization_interval
            .map(duration_ms),
    );
    opt(&mut v, "Changelog storage", c.changelog_storage.clone());
    v
}

/// The checkpoints tab.
#[component]
pub fn CheckpointsTab() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let setq = set_query();
    let selected = query(keys::CHECKPOINT);
    let r = load(move |c| {
        let j = job.jid.get();
        async move { api::checkpoints(&c, &j).await }
    });
    let cfg = load_once(move |c| {
        let j = job.jid.get();
        async move { api::checkpoint_config(&c, &j).await }
    });
    let data = r;
    let cfg_data = cfg;
    let counts = move || {
        data.with(|d| {
            d.map(|d| {
                let c = &d.counts;
                [
                    ("Triggered", c.total),
                    ("In progress", c.in_progress),
                    ("Completed", c.completed),
                    ("Failed", c.failed),
                    ("Restored", c.restored),
                ]
                .into_iter()
                .map(|(k, n)| stat(k, count(n)))
                .collect_view()
            })
        })
    };
    let latest = move || {
        data.with(|d| d.map(|d| {
        let l = &d.latest;
        let block = |title: &'static str, items: Option<Vec<(String, String)>>| items.map(|items| view! {
            <div class="sb-card"><h3 style="margin-top:0">{title}</h3><KeyValue items /></div>
        });
        view! {
            <div class=s.cls("charts")>
                {block("Latest completed checkpoint", l.completed.as_ref().map(checkpoint_facts))}
                {block("Latest savepoint", l.savepoint.as_ref().map(checkpoint_facts))}
                {block("Latest failed checkpoint", l.failed.as_ref().map(checkpoint_facts))}
                {block("Latest restore", l.restored.as_ref().map(restored_facts))}
            </div>
        }
    }))
    };
    let history_columns = vec![
        col::num("id", "Id", |c: &CheckpointStatistics| c.id.into()),
        col::view(
            "status",
            "Status",
            |c: &CheckpointStatistics| format!("{:?}", c.status).into(),
            |c: &CheckpointStatistics| badge(checkpoint_tone(c.status), &format!("{:?}", c.status)),
        ),
        col::text("type", "Type", |c: &CheckpointStatistics| {
            format!("{:?}", c.checkpoint_type).into()
        }),
        col::text("acks", "Acknowledged", |c: &CheckpointStatistics| {
            format!("{}/{}", c.num_acknowledged_subtasks, c.num_subtasks).into()
        }),
        col::text("trigger", "Triggered", |c: &CheckpointStatistics| {
            local_time(c.trigger_timestamp).into()
        }),
        col::text(
            "ack",
            "Latest acknowledgement",
            |c: &CheckpointStatistics| local_time(c.latest_ack_timestamp).into(),
        ),
        col::num_text(
            "duration",
            "End to end",
            |c: &CheckpointStatistics| c.end_to_end_duration.into(),
            |c: &CheckpointStatistics| duration_ms(c.end_to_end_duration),
        ),
        col::num_text(
            "checkpointed",
            "Checkpointed size",
            |c: &CheckpointStatistics| Cell::from(c.checkpointed_size),
            |c: &CheckpointStatistics| c.checkpointed_size.map(bytes).unwrap_or_default(),
        ),
        col::num_text(
            "size",
            "Full size",
            |c: &CheckpointStatistics| c.state_size.into(),
            |c: &CheckpointStatistics| bytes(c.state_size),
        ),
        col::num_text(
            "processed",
            "Processed data",
            |c: &CheckpointStatistics| Cell::from(c.processed_data),
            |c: &CheckpointStatistics| c.processed_data.map(bytes).unwrap_or_default(),
        )
        .hidden(),
        col::num_text(
            "persisted",
            "Persisted data",
            |c: &CheckpointStatistics| Cell::from(c.persisted_data),
            |c: &CheckpointStatistics| c.persisted_data.map(bytes).unwrap_or_default(),
        )
        .hidden(),
        col::text("failure", "Failure", |c: &CheckpointStatistics| {
            c.failure_message.clone().into()
        })
        .hidden(),
    ];
    let open = on_row(move |c: CheckpointStatistics| {
        setq(&[
            (keys::CHECKPOINT, c.id.to_string()),
            (keys::CHECKPOINT_VERTEX, String::new()),
        ])
    });
    view! {
        {status(r, "checkpoints")}
        <div class=s.cls("stack")>
            <div class=s.cls("stats")>{counts}</div>
            {latest}
            <section>
                <h2>"Summary of completed checkpoints"</h2>
                <SummaryTable id="cpsummary" rows=Signal::derive(move || data.with(|d| d.map(|d| summary_rows(&d.summary)).unwrap_or_default())) />
            </section>
            <section>
                <h2>"History"</h2>
                <DataTable id="cphistory" columns=history_columns rows=Signal::derive(move || data.with(|d| d.map(|d| any_rows(d.history.clone())).unwrap_or_default()))
                    on_row_click=open export_name="checkpoints" />
                {move || selected.get().and_then(|v| v.parse::<i64>().ok()).map(|id| view! { <CheckpointDetail id /> })}
            </section>
            <section>
                <h2>"Configuration"</h2>
                {status(cfg, "checkpoint configuration")}
                <KeyValue items=Signal::derive(move || cfg_data.with(|c| c.map(config_facts).unwrap_or_default())) />
            </section>
        </div>
    }
}

/// A vertex's part of a checkpoint, with its name.
#[derive(Clone, Debug, PartialEq)]
pub struct VertexCheckpoint {
    /// Vertex id.
    pub id: String,
    /// Vertex name.
    pub name: String,
    /// Its statistics.
    pub stats: TaskCheckpointStatistics,
}

/// One checkpoint's per-vertex details (`?checkpoint=<id>`).
#[component]
fn CheckpointDetail(id: i64) -> impl IntoView {
    let job = use_job();
    let setq = set_query();
    let vertex = query(keys::CHECKPOINT_VERTEX);
    let r = load_once(move |c| {
        let j = job.jid.get();
        async move { api::checkpoint_details(&c, &j, id).await }
    });
    let data = r;
    let rows = Signal::derive(move || {
        data.with(|d| {
            let names = job.details.with(|j| {
                j.map(|j| {
                    j.vertices
                        .iter()
                        .map(|v| (v.id.clone(), v.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
            });
            let items = d.as_ref().map(|d| {
                d.tasks
                    .iter()
                    .map(|(vid, st)| VertexCheckpoint {
                        id: vid.clone(),
                        name: names
                            .iter()
                            .find(|(i, _)| i == vid)
                            .map(|(_, n)| n.clone())
                            .unwrap_or_else(|| vid.clone()),
                        stats: st.clone(),
                    })
                    .collect::<Vec<_>>()
            });
            any_rows(items.unwrap_or_default())
        })
    });
    let columns = vec![
        col::text("name", "Vertex", |v: &VertexCheckpoint| {
            v.name.as_str().into()
        }),
        col::view(
            "status",
            "Status",
            |v: &VertexCheckpoint| format!("{:?}", v.stats.status).into(),
            |v: &VertexCheckpoint| {
                badge(
                    checkpoint_tone(v.stats.status),
                    &format!("{:?}", v.stats.status),
                )
            },
        ),
        col::text("acks", "Acknowledged", |v: &VertexCheckpoint| {
            format!(
                "{}/{}",
                v.stats.num_acknowledged_subtasks, v.stats.num_subtasks
            )
            .into()
        }),
        col::text("ack", "Latest acknowledgement", |v: &VertexCheckpoint| {
            local_time(v.stats.latest_ack_timestamp).into()
        }),
        col::num_text(
            "duration",
            "End to end",
            |v: &VertexCheckpoint| v.stats.end_to_end_duration.into(),
            |v: &VertexCheckpoint| duration_ms(v.stats.end_to_end_duration),
        ),
        col::num_text(
            "checkpointed",
            "Checkpointed size",
            |v: &VertexCheckpoint| Cell::from(v.stats.checkpointed_size),
            |v: &VertexCheckpoint| v.stats.checkpointed_size.map(bytes).unwrap_or_default(),
        ),
        col::num_text(
            "size",
            "Full size",
            |v: &VertexCheckpoint| v.stats.state_size.into(),
            |v: &VertexCheckpoint| bytes(v.stats.state_size),
        ),
        col::num_text(
            "processed",
            "Processed data",
            |v: &VertexCheckpoint| Cell::from(v.stats.processed_data),
            |v: &VertexCheckpoint| v.stats.processed_data.map(bytes).unwrap_or_default(),
        ),
    ];
    let open = on_row(move |v: VertexCheckpoint| setq(&[(keys::CHECKPOINT_VERTEX, v.id)]));
    view! {
        <div class="sb-card" data-checkpoint=id.to_string()>
            <h3 style="margin-top:0">{format!("Checkpoint {id}")}</h3>
            {status(r, "checkpoint details")}
            <KeyValue items=Signal::derive(move || data.with(|d| d.map(checkpoint_facts).unwrap_or_default())) />
            <h4>"Per vertex"</h4>
            <DataTable id="cpvertices" columns rows on_row_click=open export_name="checkpoint-vertices" />
            {move || vertex.get().map(|vid| view! { <CheckpointSubtasks id vid /> })}
        </div>
    }
}

/// A vertex's subtasks in one checkpoint (`&cpvertex=<id>`).
#[component]
fn CheckpointSubtasks(id: i64, vid: String) -> impl IntoView {
    let job = use_job();
    let vid = StoredValue::new(vid);
    let r = load_once(move |c| {
        let (j, v) = (job.jid.get(), vid.get_value());
        async move { api::checkpoint_subtasks(&c, &j, id, &v).await }
    });
    let data = r;
    let o = |v: Option<i64>| Cell::from(v);
    let columns = vec![
        col::num("index", "Subtask", |s: &SubtaskCheckpointStatistics| {
            s.index.into()
        }),
        col::text("status", "Status", |s: &SubtaskCheckpointStatistics| {
            s.status.as_str().into()
        }),
        col::text("ack", "Acknowledged", |s: &SubtaskCheckpointStatistics| {
            s.ack_timestamp.map(local_time).into()
        }),
        col::num_text(
            "duration",
            "End to end",
            move |s: &SubtaskCheckpointStatistics| o(s.end_to_end_duration),
            |s: &SubtaskCheckpointStatistics| {
                s.end_to_end_duration.map(duration_ms).unwrap_or_default()
            },
        ),
        col::num_text(
            "checkpointed",
            "Checkpointed size",
            move |s: &SubtaskCheckpointStatistics| o(s.checkpointed_size),
            |s: &SubtaskCheckpointStatistics| s.checkpointed_size.map(bytes).unwrap_or_default(),
        ),
        col::num_text(
            "size",
            "Full size",
            move |s: &SubtaskCheckpointStatistics| o(s.state_size),
            |s: &SubtaskCheckpointStatistics| s.state_size.map(bytes).unwrap_or_default(),
        ),
        col::num_text(
            "sync",
            "Sync",
            move |s: &SubtaskCheckpointStatistics| o(s.checkpoint.as_ref().map(|c| c.sync)),
            |s: &SubtaskCheckpointStatistics| {
                s.checkpoint
                    .as_ref()
                    .map(|c| duration_ms(c.sync))
                    .unwrap_or_default()
            },
        ),
        col::num_text(
            "async",
            "Async",
            move |s: &SubtaskCheckpointStatistics| o(s.checkpoint.as_ref().map(|c| c.async_)),
            |s: &SubtaskCheckpointStatistics| {
                s.checkpoint
                    .as_ref()
                    .map(|c| duration_ms(c.async_))
                    .unwrap_or_default()
            },
        ),
        col::num_text(
            "align",
            "Alignment",
            move |s: &SubtaskCheckpointStatistics| o(s.alignment.as_ref().map(|a| a.duration)),
            |s: &SubtaskCheckpointStatistics| {
                s.alignment
                    .as_ref()
                    .map(|a| duration_ms(a.duration))
                    .unwrap_or_default()
            },
        ),
        col::num_text(
            "processed",
            "Processed data",
            move |s: &SubtaskCheckpointStatistics| {
                o(s.alignment.as_ref().and_then(|a| a.processed))
            },
            |s: &SubtaskCheckpointStatistics| {
                s.alignment
                    .as_ref()
                    .and_then(|a| a.processed)
                    .map(bytes)
                    .unwrap_or_default()
            },
        ),
        col::num_text(
            "delay",
            "Start delay",
            move |s: &SubtaskCheckpointStatistics| o(s.start_delay),
            |s: &SubtaskCheckpointStatistics| s.start_delay.map(duration_ms).unwrap_or_default(),
        ),
        col::text(
            "unaligned",
            "Unaligned",
            |s: &SubtaskCheckpointStatistics| {
                s.unaligned_checkpoint
                    .map(|u| if u { "yes" } else { "no" })
                    .into()
            },
        ),
        col::text("aborted", "Aborted", |s: &SubtaskCheckpointStatistics| {
            s.aborted.map(|u| if u { "yes" } else { "no" }).into()
        })
        .hidden(),
    ];
    view! {
        <h4>{move || format!("Subtasks of {}", job.details.with(|d| d.and_then(|d| d.vertex(&vid.get_value()).map(|v| v.name.clone())).unwrap_or_else(|| vid.get_value())))}</h4>
        {status(r, "subtask checkpoint details")}
        <SummaryTable id="cpsubsummary" rows=Signal::derive(move || data.with(|d| d.map(|d| subtask_summary_rows(&d.summary)).unwrap_or_default())) />
        <DataTable id="cpsubtasks" columns rows=Signal::derive(move || data.with(|d| d.map(|d| any_rows(d.subtasks.clone())).unwrap_or_default())) export_name="checkpoint-subtasks" />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
        serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/{name}.json")).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn summaries_show_what_each_version_reports() {
        let new: CheckpointingStatistics = read("2.3/job-checkpoints");
        let labels: Vec<&str> = summary_rows(&new.summary).iter().map(|r| r.label).collect();
        assert!(labels.contains(&"Checkpointed data size"), "{labels:?}");
        let old: CheckpointingStatistics = read("1.12/job-checkpoints");
        let labels: Vec<&str> = summary_rows(&old.summary).iter().map(|r| r.label).collect();
        assert!(
            !labels.contains(&"Checkpointed data size"),
            "1.12 has no checkpointed size: {labels:?}"
        );
        assert_eq!(
            fmt_stat(None, true),
            NONE,
            "NaN percentiles show as unknown"
        );
    }

    #[test]
    fn latest_and_config_facts() {
        let new: CheckpointingStatistics = read("2.3/job-checkpoints");
        let completed = new.latest.completed.as_ref().unwrap();
        let f = checkpoint_facts(completed);
        assert!(f.iter().any(|(k, v)| k == "Path" && !v.is_empty()));
        for v in ["1.12", "2.3"] {
            let c: CheckpointConfig = read(&format!("{v}/job-checkpoints-config"));
            let f = config_facts(&c);
            assert_eq!(f[0].0, "Mode");
            assert_ne!(f[0].1, NONE, "{v}");
        }
        let sub: TaskCheckpointDetails = read("2.3/checkpoint-subtasks");
        assert!(subtask_summary_rows(&sub.summary)
            .iter()
            .any(|r| r.label == "Async duration"));
    }
}
