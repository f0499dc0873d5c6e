//! The job's dataflow graph (vertices and plan edges from `GET /jobs/:jobid`) with each vertex's
//! live busy and back-pressured time (max over its subtasks, from
//! `.../subtasks/metrics?get=busyTimeMsPerSecond,backPressuredTimeMsPerSecond&agg=max`), the
//! vertex list, and the selected vertex's details (`?vertex=<id>`).

use crate::systems::flink::views::keys;
use super::use_job;
use super::vertex::VertexPanel;
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::systems::flink::api::{self, MetricScope};
use crate::systems::flink::model::{ExecutionStateCounts, JobDetails, JobVertexSummary};
use crate::ui::kit::{badge, load, query, set_query};
use crate::systems::flink::views::tones::exec_tone;
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::dag::{Dag, DagEdge, DagNode, Meter};
use crate::ui::format::{bytes, count, duration_ms, local_time, percent};
use crate::ui::{Cell, DataTable, Tone};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Live load of a vertex: the busiest subtask's busy and back-pressured share of time (0..1).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct VertexLoad {
    /// Busy share of the busiest subtask.
    pub busy: Option<f64>,
    /// Back-pressured share of the most back-pressured subtask.
    pub backpressured: Option<f64>,
}

/// The metric ids read for the live load.
pub const LOAD_METRICS: [&str; 2] = ["busyTimeMsPerSecond", "backPressuredTimeMsPerSecond"];

async fn vertex_loads(
    c: &Cluster,
    jid: &str,
    ids: &[String],
) -> Result<BTreeMap<String, VertexLoad>, FetchError> {
    let wanted: Vec<String> = LOAD_METRICS.iter().map(|s| s.to_string()).collect();
    let mut out = BTreeMap::new();
    for vid in ids {
        // A round that began before the tab was hidden stops there: nothing is asked while
        // hidden, and a refresh runs as soon as the tab shows again.
        if crate::ui::refresh::tab_hidden() {
            break;
        }
        let scope = MetricScope::Subtasks(jid.to_string(), vid.clone());
        if let Ok(ms) = api::metric_aggregates(c, &scope, &wanted, "max").await {
            let share = |id: &str| {
                ms.iter()
                    .find(|m| m.id == id)
                    .and_then(|m| m.max)
                    .map(|v| (v / 1000.0).clamp(0.0, 1.0))
            };
            out.insert(
                vid.clone(),
                VertexLoad {
                    busy: share(LOAD_METRICS[0]),
                    backpressured: share(LOAD_METRICS[1]),
                },
            );
        }
    }
    Ok(out)
}

fn load_tone(share: f64) -> Tone {
    if share >= 0.75 {
        Tone::Bad
    } else if share >= 0.4 {
        Tone::Warn
    } else {
        Tone::Ok
    }
}

/// "running 2 · finished 1" for the non-zero counts.
pub fn state_counts(t: &ExecutionStateCounts) -> String {
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

/// The graph's nodes: one per vertex, with parallelism, state and live load.
pub fn graph_nodes(job: &JobDetails, loads: &BTreeMap<String, VertexLoad>) -> Vec<DagNode> {
    job.vertices
        .iter()
        .map(|v| {
            let load = loads.get(&v.id).copied().unwrap_or_default();
            let mut meters = Vec::new();
            if let Some(b) = load.busy {
                meters.push(Meter {
                    label: format!("Busy {}", percent(b)),
                    share: b,
                    tone: load_tone(b),
                });
            }
            if let Some(b) = load.backpressured {
                meters.push(Meter {
                    label: format!("Backpressured {}", percent(b)),
                    share: b,
                    tone: load_tone(b),
                });
            }
            DagNode {
                id: v.id.clone(),
                title: v.name.clone(),
                lines: vec![format!(
                    "Parallelism {} · {}",
                    v.parallelism,
                    v.status.as_str()
                )],
                tone: exec_tone(v.status),
                meters,
                heat: load.busy,
            }
        })
        .collect()
}

/// The graph's edges, labelled with the ship strategy.
pub fn graph_edges(job: &JobDetails) -> Vec<DagEdge> {
    job.plan
        .as_ref()
        .map(|p| {
            p.edges()
                .into_iter()
                .map(|(from, to, input)| DagEdge {
                    from: from.into(),
                    to: to.into(),
                    label: input.ship_strategy.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The graph tab.
#[component]
pub fn GraphTab() -> impl IntoView {
    let job = use_job();
    let selected = query(keys::VERTEX);
    let setq = set_query();
    let ids = Memo::new(move |_| {
        job.details.with(|d| {
            d.as_ref()
                .filter(|d| !d.state.is_terminal())
                .map(|d| d.vertices.iter().map(|v| v.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let loads = load(move |c| {
        let (jid, ids) = (job.jid.get(), ids.get());
        async move { vertex_loads(&c, &jid, &ids).await }
    });
    let nodes = Signal::derive(move || {
        let l = loads.get().unwrap_or_default();
        job.details
            .with(|d| d.map(|d| graph_nodes(d, &l)).unwrap_or_default())
    });
    let edges =
        Signal::derive(move || job.details.with(|d| d.map(graph_edges).unwrap_or_default()));
    let select = {
        let setq = setq.clone();
        Callback::new(move |id: String| setq(&[(keys::VERTEX, id)]))
    };
    let no_plan = move || {
        job.details.with(|d| {
            d.is_some_and(|d| {
                !d.vertices.is_empty() && d.plan.as_ref().is_none_or(|p| p.nodes.is_empty())
            })
        })
    };
    view! {
        <Show when=no_plan>
            <p class="sb-dim">"Flink has not published this job's plan yet (it does so once the job has its resources), so the edges are missing."</p>
        </Show>
        <Dag nodes edges selected=Signal::derive(move || selected.get()) on_select=select height=360.0 />
        {move || match selected.get() {
            Some(vid) => view! { <VertexPanel vid /> }.into_any(),
            None => view! { <VerticesTable /> }.into_any(),
        }}
    }
}

/// The vertices as a table; a row selects the vertex.
#[component]
fn VerticesTable() -> impl IntoView {
    let job = use_job();
    let setq = set_query();
    let rows = Signal::derive(move || {
        job.details
            .with(|d| d.map(|d| any_rows(d.vertices.clone())).unwrap_or_default())
    });
    let m = |f: fn(&JobVertexSummary) -> i64| move |v: &JobVertexSummary| Cell::Num(f(v) as f64);
    let columns = vec![
        col::text("name", "Name", |v: &JobVertexSummary| {
            v.name.as_str().into()
        }),
        col::view(
            "status",
            "Status",
            |v: &JobVertexSummary| v.status.as_str().into(),
            |v: &JobVertexSummary| badge(exec_tone(v.status), v.status.as_str()),
        ),
        col::num("parallelism", "Parallelism", |v: &JobVertexSummary| {
            v.parallelism.into()
        }),
        col::num_text(
            "read_records",
            "Records received",
            m(|v| v.metrics.read_records),
            |v: &JobVertexSummary| count(v.metrics.read_records),
        ),
        col::num_text(
            "read_bytes",
            "Bytes received",
            m(|v| v.metrics.read_bytes),
            |v: &JobVertexSummary| bytes(v.metrics.read_bytes),
        ),
        col::num_text(
            "write_records",
            "Records sent",
            m(|v| v.metrics.write_records),
            |v: &JobVertexSummary| count(v.metrics.write_records),
        ),
        col::num_text(
            "write_bytes",
            "Bytes sent",
            m(|v| v.metrics.write_bytes),
            |v: &JobVertexSummary| bytes(v.metrics.write_bytes),
        ),
        col::text("start", "Start", |v: &JobVertexSummary| {
            local_time(v.start_time).into()
        }),
        col::num_text(
            "duration",
            "Duration",
            m(|v| v.duration),
            |v: &JobVertexSummary| duration_ms(v.duration),
        ),
        col::text("tasks", "Tasks", |v: &JobVertexSummary| {
            state_counts(&v.tasks).into()
        }),
        col::text("id", "Vertex id", |v: &JobVertexSummary| {
            v.id.as_str().into()
        })
        .hidden(),
    ];
    let open = on_row(move |v: JobVertexSummary| setq(&[(keys::VERTEX, v.id)]));
    view! { <h2>"Vertices"</h2><DataTable id="vertices" columns rows on_row_click=open export_name="vertices" /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(v: &str) -> JobDetails {
        serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/{v}/job-detail.json"))
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn every_vertex_is_a_node_and_every_plan_input_an_edge() {
        for v in ["1.12", "2.3"] {
            let j = job(v);
            let nodes = graph_nodes(&j, &BTreeMap::new());
            assert_eq!(nodes.len(), j.vertices.len(), "{v}");
            assert!(nodes
                .iter()
                .all(|n| n.meters.is_empty() && n.lines[0].starts_with("Parallelism ")));
            let edges = graph_edges(&j);
            let inputs: usize = j
                .plan
                .as_ref()
                .unwrap()
                .nodes
                .iter()
                .map(|n| n.inputs.len())
                .sum();
            assert_eq!(edges.len(), inputs, "{v}");
            assert!(
                edges
                    .iter()
                    .all(|e| nodes.iter().any(|n| n.id == e.from)
                        && nodes.iter().any(|n| n.id == e.to)),
                "{v}"
            );
        }
    }

    #[test]
    fn live_load_becomes_meters_and_heat() {
        let j = job("2.3");
        let first = j.vertices[0].id.clone();
        let loads = BTreeMap::from([(
            first.clone(),
            VertexLoad {
                busy: Some(0.8),
                backpressured: Some(0.1),
            },
        )]);
        let nodes = graph_nodes(&j, &loads);
        let n = nodes.iter().find(|n| n.id == first).unwrap();
        assert_eq!(n.meters.len(), 2);
        assert_eq!(n.meters[0].label, "Busy 80%");
        assert_eq!(n.meters[0].tone, Tone::Bad);
        assert_eq!(n.meters[1].tone, Tone::Ok);
        assert_eq!(n.heat, Some(0.8));
    }

    #[test]
    fn the_test_job_graph_has_its_documented_strategies() {
        let edges = graph_edges(&job("2.3"));
        let labels: Vec<&str> = edges.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels.iter().filter(|l| **l == "HASH").count(),
            2,
            "{labels:?}"
        );
        assert!(
            labels.contains(&"REBALANCE") && labels.contains(&"FORWARD"),
            "{labels:?}"
        );
    }
}
