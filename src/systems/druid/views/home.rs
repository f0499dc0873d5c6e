//! The cluster at a glance: who leads the coordinators and the overlords (and whether the
//! processes asked say they lead), the version, counts of datasources, segments, running tasks,
//! supervisors and workers (each a link to its view), load status per datasource and the load
//! queues of the historicals. One load builds it all; each part shows its own failure.

use super::services::{failed, node_link, scope};
use crate::shell::use_cluster;
use crate::systems::druid::api::services as api;
use crate::systems::druid::context::use_druid;
use crate::systems::druid::model::services::{load_rows, HomeModel, LoadQueue, LoadRow, Part};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count, duration_ms};
use crate::ui::kit::{kv, link, load, status};
use crate::ui::{Cell, DataTable, KeyValue};
use leptos::prelude::*;

fn stat(href: String, label: &'static str, value: String) -> AnyView {
    let s = scope();
    view! {
        <a class=s.cls("stat") href=href data-stat=label>
            <span class=s.cls("stat-value")>{value}</span>
            <span class=s.cls("stat-label")>{label}</span>
        </a>
    }
    .into_any()
}

fn shown<T>(p: &Part<T>, f: impl Fn(&T) -> String) -> String {
    p.as_ref().map(f).unwrap_or_else(|_| "—".into())
}

fn leader_text(l: Option<Result<String, String>>) -> String {
    match l {
        None => "…".into(),
        Some(Ok(u)) if u.is_empty() => "none".into(),
        Some(Ok(u)) => u,
        Some(Err(e)) => format!("unknown: {e}"),
    }
}

/// The Druid home page of a cluster.
#[component]
pub fn Home() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let druid = use_druid();
    let r = load(|c| async move { api::home(&c).await });
    let stats = move || {
        let c = cluster.get();
        r.with(|h| {
            h.map(|h: &HomeModel| {
                let loading: Part<i64> = h.load_left.as_ref().map_err(Clone::clone).map(|m| m.values().sum());
                vec![
                    stat(link(&c, "datasources"), "Datasources", shown(&h.datasources, |d| count(d.len() as i64))),
                    stat(link(&c, "segments"), "Segments", shown(&h.segment_count(), |n| count(*n))),
                    stat(link(&c, "datasources"), "Segments to load", shown(&loading, |n| count(*n))),
                    stat(link(&c, "tasks?state=running"), "Running tasks", shown(&h.running_tasks, |n| count(*n as i64))),
                    stat(link(&c, "supervisors"), "Supervisors", shown(&h.supervisors, |n| count(*n as i64))),
                    stat(link(&c, "services"), "Workers", shown(&h.workers, |w| count(w.len() as i64))),
                    stat(link(&c, "services"), "Task slots used", shown(&h.worker_slots(), |(u, t)| format!("{u} / {t}"))),
                ]
                .collect_view()
            })
        })
    };
    let leaders = Signal::derive(move || {
        let is = |p: Option<Part<bool>>| match p {
            None => "…".to_string(),
            Some(Ok(true)) => "yes".into(),
            Some(Ok(false)) => "no".into(),
            Some(Err(e)) => format!("unknown: {e}"),
        };
        kv(&[
            ("Version", druid.version().unwrap_or_else(|| "…".into())),
            ("Coordinator leader", leader_text(druid.coordinator_leader.get())),
            ("Coordinator asked leads (isLeader)", is(r.with(|h| h.map(|h| h.coordinator_is_leader.clone())))),
            ("Overlord leader", leader_text(druid.overlord_leader.get())),
            ("Overlord asked leads (isLeader)", is(r.with(|h| h.map(|h| h.overlord_is_leader.clone())))),
            ("Reached through", if druid.has_router.get() { "router".into() } else { "coordinator, overlord and broker".into() }),
        ])
    });
    let load_rows_sig = Signal::derive(move || r.with(|h| any_rows(h.map(load_rows).unwrap_or_default())));
    let opt = |v: Option<i64>| v.map(Cell::from).unwrap_or(Cell::Empty);
    let load_columns = vec![
        col::view(
            "datasource",
            "Datasource",
            |l: &LoadRow| l.datasource.as_str().into(),
            move |l: &LoadRow| {
                let href = link(&cluster.get_untracked(), &format!("datasources/{}", crate::url_state::encode_segment(&l.datasource)));
                view! { <a href=href>{l.datasource.clone()}</a> }.into_any()
            },
        ),
        col::view(
            "percent",
            "Loaded",
            |l: &LoadRow| l.percent.map(Cell::Num).unwrap_or(Cell::Empty),
            |l: &LoadRow| match l.percent {
                Some(p) => super::services::usage_bar(p / 100.0),
                None => ().into_any(),
            },
        ),
        col::num("left", "Left to load", move |l: &LoadRow| opt(l.left)),
        col::num("replicated", "Left, replicas counted", move |l: &LoadRow| opt(l.left_replicated)),
        col::num("clusterview", "Left, as the cluster can load", move |l: &LoadRow| opt(l.left_cluster_view)),
    ];
    let queues = Signal::derive(move || {
        r.with(|h| {
            any_rows(
                h.and_then(|h| h.load_queues.as_ref().ok())
                    .map(|q| q.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>())
                    .unwrap_or_default(),
            )
        })
    });
    type Q = (String, LoadQueue);
    let queue_columns = vec![
        col::view(
            "host",
            "Historical",
            |q: &Q| q.0.as_str().into(),
            move |q: &Q| {
                let href = node_link(&cluster.get_untracked(), &q.0, "historical");
                view! { <a href=href>{q.0.clone()}</a> }.into_any()
            },
        ),
        col::num("load", "To load", |q: &Q| q.1.segments_to_load.into()),
        col::num_text("loadsize", "Load size", |q: &Q| q.1.segments_to_load_size.into(), |q: &Q| bytes(q.1.segments_to_load_size)),
        col::num("drop", "To drop", |q: &Q| q.1.segments_to_drop.into()),
        col::num_text("dropsize", "Drop size", |q: &Q| q.1.segments_to_drop_size.into(), |q: &Q| bytes(q.1.segments_to_drop_size)),
        col::num_text(
            "eta",
            "Expected load time",
            |q: &Q| q.1.expected_load_time_millis.map(Cell::from).unwrap_or(Cell::Empty),
            |q: &Q| q.1.expected_load_time_millis.map(duration_ms).unwrap_or_default(),
        ),
    ];
    view! {
        <div class=s.cls("stack")>
            <h1>{move || format!("{} · Apache Druid", cluster.with(|c| c.name.clone()))}</h1>
            <crate::shell::system_views::ClusterHealth />
            {status(r, "cluster overview")}
            <div data-leaders=""><KeyValue items=leaders /></div>
            <div class=s.cls("stats")>{stats}</div>
            {move || r.with(|h| h.map(|h| h.failures().into_iter().map(|(what, e)| failed(what, &e)).collect_view()))}
            <section>
                <h2>"Load status"</h2>
                <DataTable id="load" columns=load_columns rows=load_rows_sig export_name="loadstatus" />
            </section>
            <section>
                <h2>"Load queues"</h2>
                <DataTable id="loadqueue" columns=queue_columns rows=queues export_name="loadqueue" />
            </section>
        </div>
    }
}
