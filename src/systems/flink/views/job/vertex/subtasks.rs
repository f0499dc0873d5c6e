//! A vertex's subtasks (`GET /jobs/:jobid/vertices/:vertexid`), their statistics (2.x
//! `aggregated`), and the selected subtask (`?subtask=<index>&attempt=<n>`) with its attempts
//! (`.../subtasks/:index`, `.../attempts/:attempt`) and their accumulators.

use crate::systems::flink::views::keys;
use super::load_vertex;
use crate::shell::use_cluster;
use crate::systems::flink::api;
use crate::systems::flink::model::{SubtaskAggregate, SubtaskAttempt};
use crate::ui::kit::{badge, link, load, query, set_query, status};
use crate::systems::flink::views::tones::exec_tone;
use crate::systems::flink::views::job::use_job;
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, count, duration_ms, local_time, number};
use crate::ui::{Cell, DataTable, KeyValue};
use leptos::prelude::*;

fn tm_link(a: &SubtaskAttempt) -> AnyView {
    let cluster = use_cluster();
    match &a.taskmanager_id {
        Some(id) => {
            let href = link(
                &cluster.get_untracked(),
                &format!("taskmanagers/{}", crate::url_state::encode_segment(id)),
            );
            let text = a.location().unwrap_or(id).to_string();
            view! { <a href=href on:click=|ev| ev.stop_propagation()>{text}</a> }.into_any()
        }
        None => a.location().unwrap_or_default().to_string().into_any(),
    }
}

/// Facts of one attempt, as `(label, value)`.
pub fn attempt_facts(a: &SubtaskAttempt) -> Vec<(String, String)> {
    let mut v = vec![
        ("Subtask".to_string(), a.subtask.to_string()),
        ("Attempt".into(), a.attempt.to_string()),
        ("Status".into(), a.status.as_str().into()),
        ("Location".into(), a.location().unwrap_or("–").into()),
        (
            "Task manager".into(),
            a.taskmanager_id.clone().unwrap_or_else(|| "–".into()),
        ),
        ("Start".into(), local_time(a.start_time)),
        ("End".into(), local_time(a.end_time)),
        ("Duration".into(), duration_ms(a.duration)),
        ("Records received".into(), count(a.metrics.read_records)),
        ("Records sent".into(), count(a.metrics.write_records)),
        ("Bytes received".into(), bytes(a.metrics.read_bytes)),
        ("Bytes sent".into(), bytes(a.metrics.write_bytes)),
    ];
    if let Some(t) = a.metrics.accumulated_busy_time {
        v.push(("Busy time".into(), duration_ms(t as i64)));
    }
    if let Some(t) = a.metrics.accumulated_backpressured_time {
        v.push(("Back-pressured time".into(), duration_ms(t)));
    }
    if let Some(t) = a.metrics.accumulated_idle_time {
        v.push(("Idle time".into(), duration_ms(t)));
    }
    for (state, ms) in &a.status_duration {
        if *ms > 0 {
            v.push((format!("Time {state}"), duration_ms(*ms)));
        }
    }
    v
}

/// The subtasks of vertex `vid`.
#[component]
pub fn SubtasksView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let setq = set_query();
    let selected = query(keys::SUBTASK);
    let vid = StoredValue::new(vid);
    let r = load_vertex(
        vid,
        move |c, j, v| async move { api::vertex(&c, &j, &v).await },
    );
    let data = r;
    let rows = Signal::derive(move || {
        data.with(|d| d.map(|d| any_rows(d.subtasks.clone())).unwrap_or_default())
    });
    let n = |f: fn(&SubtaskAttempt) -> i64| move |a: &SubtaskAttempt| Cell::Num(f(a) as f64);
    let columns = vec![
        col::num("subtask", "Subtask", |a: &SubtaskAttempt| a.subtask.into()),
        col::view(
            "status",
            "Status",
            |a: &SubtaskAttempt| a.status.as_str().into(),
            |a: &SubtaskAttempt| badge(exec_tone(a.status), a.status.as_str()),
        ),
        col::num("attempt", "Attempt", |a: &SubtaskAttempt| a.attempt.into()),
        col::view(
            "location",
            "Location",
            |a: &SubtaskAttempt| a.location().unwrap_or_default().into(),
            tm_link,
        ),
        col::text("start", "Start", |a: &SubtaskAttempt| {
            local_time(a.start_time).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            n(|a| a.duration),
            |a: &SubtaskAttempt| duration_ms(a.duration),
        ),
        col::num_text(
            "read_records",
            "Records received",
            n(|a| a.metrics.read_records),
            |a: &SubtaskAttempt| count(a.metrics.read_records),
        ),
        col::num_text(
            "write_records",
            "Records sent",
            n(|a| a.metrics.write_records),
            |a: &SubtaskAttempt| count(a.metrics.write_records),
        ),
        col::num_text(
            "read_bytes",
            "Bytes received",
            n(|a| a.metrics.read_bytes),
            |a: &SubtaskAttempt| bytes(a.metrics.read_bytes),
        ),
        col::num_text(
            "write_bytes",
            "Bytes sent",
            n(|a| a.metrics.write_bytes),
            |a: &SubtaskAttempt| bytes(a.metrics.write_bytes),
        ),
        col::num_text(
            "busy",
            "Busy time",
            n(|a| a.metrics.accumulated_busy_time.unwrap_or(-1.0) as i64),
            |a: &SubtaskAttempt| {
                a.metrics
                    .accumulated_busy_time
                    .map(|t| duration_ms(t as i64))
                    .unwrap_or_default()
            },
        )
        .hidden(),
        col::num_text(
            "backpressured",
            "Back-pressured time",
            n(|a| a.metrics.accumulated_backpressured_time.unwrap_or(-1)),
            |a: &SubtaskAttempt| {
                a.metrics
                    .accumulated_backpressured_time
                    .map(duration_ms)
                    .unwrap_or_default()
            },
        )
        .hidden(),
        col::text("tm", "Task manager id", |a: &SubtaskAttempt| {
            a.taskmanager_id.clone().into()
        })
        .hidden(),
    ];
    let open = on_row(move |a: SubtaskAttempt| {
        setq(&[
            (keys::SUBTASK, a.subtask.to_string()),
            (keys::ATTEMPT, String::new()),
        ])
    });
    let aggregated = move || {
        data.with(|d| d.and_then(|d| d.aggregated.clone()))
            .filter(|a| !a.metrics.is_empty())
            .map(|a| {
                let rows: Vec<(String, SubtaskAggregate)> = a
                    .metrics
                    .into_iter()
                    .chain(
                        a.status_duration
                            .into_iter()
                            .map(|(k, v)| (format!("time {k}"), v)),
                    )
                    .collect();
                view! { <h3>"Statistics over the subtasks"</h3><AggregateTable rows /> }
            })
    };
    view! {
        {status(r, "subtasks")}
        <DataTable id="subtasks" columns rows on_row_click=open export_name="subtasks" />
        {move || selected.get().and_then(|s| s.parse::<i64>().ok()).map(|index| view! { <SubtaskDetail vid=vid.get_value() index /> })}
        {aggregated}
    }
}

/// `aggregated.metrics` of a vertex: min, median, max... per metric.
#[component]
fn AggregateTable(rows: Vec<(String, SubtaskAggregate)>) -> impl IntoView {
    let f = |v: Option<f64>| Cell::from(v);
    let t = |v: Option<f64>| v.map(|x| number(x, 1)).unwrap_or_default();
    let columns = vec![
        col::text("metric", "Metric", |r: &(String, SubtaskAggregate)| {
            r.0.as_str().into()
        }),
        col::num_text(
            "min",
            "Min",
            move |r: &(String, SubtaskAggregate)| f(r.1.min),
            move |r: &(String, SubtaskAggregate)| t(r.1.min),
        ),
        col::num_text(
            "p25",
            "P25",
            move |r: &(String, SubtaskAggregate)| f(r.1.p25),
            move |r: &(String, SubtaskAggregate)| t(r.1.p25),
        ),
        col::num_text(
            "median",
            "Median",
            move |r: &(String, SubtaskAggregate)| f(r.1.median),
            move |r: &(String, SubtaskAggregate)| t(r.1.median),
        ),
        col::num_text(
            "p75",
            "P75",
            move |r: &(String, SubtaskAggregate)| f(r.1.p75),
            move |r: &(String, SubtaskAggregate)| t(r.1.p75),
        ),
        col::num_text(
            "p95",
            "P95",
            move |r: &(String, SubtaskAggregate)| f(r.1.p95),
            move |r: &(String, SubtaskAggregate)| t(r.1.p95),
        ),
        col::num_text(
            "max",
            "Max",
            move |r: &(String, SubtaskAggregate)| f(r.1.max),
            move |r: &(String, SubtaskAggregate)| t(r.1.max),
        ),
        col::num_text(
            "avg",
            "Average",
            move |r: &(String, SubtaskAggregate)| f(r.1.avg),
            move |r: &(String, SubtaskAggregate)| t(r.1.avg),
        ),
        col::num_text(
            "sum",
            "Sum",
            move |r: &(String, SubtaskAggregate)| f(r.1.sum),
            move |r: &(String, SubtaskAggregate)| t(r.1.sum),
        ),
    ];
    view! { <DataTable id="aggregated" columns rows=Signal::derive(move || any_rows(rows.clone())) export_name="subtask-statistics" /> }
}

/// One subtask: its attempts, the chosen attempt's details and accumulators.
#[component]
fn SubtaskDetail(vid: String, index: i64) -> impl IntoView {
    let job = use_job();
    let setq = set_query();
    let attempt_q = query(keys::ATTEMPT);
    let vid = StoredValue::new(vid);
    let current = load_vertex(vid, move |c, j, v| async move {
        api::subtask(&c, &j, &v, index).await
    });
    let cur = current;
    let attempt = Memo::new(move |_| {
        attempt_q
            .get()
            .and_then(|a| a.parse::<i64>().ok())
            .or_else(|| cur.with(|c| c.map(|c| c.attempt)))
    });
    let detail = load(move |c| {
        let (j, v, a) = (job.jid.get(), vid.get_value(), attempt.get());
        async move {
            match a {
                Some(a) => api::subtask_attempt(&c, &j, &v, index, a).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let accs = load(move |c| {
        let (j, v, a) = (job.jid.get(), vid.get_value(), attempt.get());
        async move {
            match a {
                Some(a) => api::attempt_accumulators(&c, &j, &v, index, a)
                    .await
                    .map(|r| r.user_accumulators),
                None => Ok(Vec::new()),
            }
        }
    });
    let d = detail;
    let acc_rows = accs;
    let attempts = move || {
        let latest = cur.with(|c| c.map(|c| c.attempt)).unwrap_or(0);
        (0..=latest).map(|a| {
            let setq = setq.clone();
            let active = move || attempt.get() == Some(a);
            view! { <button aria-pressed=move || active().to_string() class=move || if active() { "sb-primary" } else { "" }
                on:click=move |_| setq(&[(keys::ATTEMPT, a.to_string())])>{format!("Attempt {a}")}</button> }
        }).collect_view()
    };
    view! {
        <div class="sb-card" data-subtask=index.to_string()>
            <h3>{format!("Subtask {index}")}</h3>
            {status(current, "subtask")}
            <div class="sb-row">{attempts}</div>
            {status(detail, "attempt")}
            <KeyValue items=Signal::derive(move || d.with(|d| d.clone().flatten().map(attempt_facts).unwrap_or_default())) />
            <h4>"Accumulators of this attempt"</h4>
            {status(accs, "accumulators")}
            <super::accumulators::AccumulatorList id="attempt-acc" items=Signal::derive(move || acc_rows.get().unwrap_or_default()) />
            <details>
                <summary>"Metrics of this subtask"</summary>
                <crate::systems::flink::views::agg_metrics::MetricValues id="subtask-metrics"
                    source=crate::systems::flink::api::MetricScope::Subtask(job.jid.get_untracked(), vid.get_value(), index) />
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_facts_of_both_versions() {
        for v in ["1.12", "2.3"] {
            let text = std::fs::read_to_string(format!(
                "src/systems/flink/fixtures/{v}/vertex-subtask-attempt.json"
            ))
            .unwrap();
            let a: SubtaskAttempt = serde_json::from_str(&text).unwrap();
            let f = attempt_facts(&a);
            let location = f.iter().find(|(k, _)| k == "Location").unwrap();
            assert_ne!(location.1, "–", "{v}: host or endpoint is known");
            assert!(f.iter().any(|(k, _)| k == "Records sent"));
        }
    }
}
