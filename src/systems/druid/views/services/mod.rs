//! Services: the data servers the coordinator reports (grouped by tier and type, with their
//! usage), the overlord's workers and autoscaling, and one process (`services/:node/:tab`).

pub mod node;

use crate::shell::use_cluster;
use crate::systems::druid::api::services as api;
use crate::systems::druid::context::use_druid;
use crate::systems::druid::model::services::{group_servers, Part, Server, Worker};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count, percent};
use crate::ui::kit::{empty, link, load, load_once, query, set_query, status};
use crate::ui::style::Scope;
use crate::ui::{Cell, DataTable, JsonView};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use serde_json::Value;

pub use node::ServicePage;

/// Scoped styles shared by the services, home and query views.
pub const STYLE: (&str, &str) =
    stylers::style_sheet_str!("src/systems/druid/views/services/services.css");
const _TRACK: &str = include_str!("services.css");

/// The scope of [`STYLE`].
pub fn scope() -> Scope {
    Scope::of(STYLE)
}

/// `?full=1`: also show `servers?full`.
pub const FULL: QueryKey = QueryKey::new("full");

/// The link to a node's page, with its type as a hint.
pub fn node_link(cluster: &crate::cluster::Cluster, host: &str, kind: &str) -> String {
    let base = link(
        cluster,
        &format!("services/{}", crate::url_state::encode_segment(host)),
    );
    if kind.is_empty() {
        base
    } else {
        format!("{base}?type={}", crate::url_state::encode(kind))
    }
}

/// A usage bar with its percentage.
pub fn usage_bar(share: f64) -> AnyView {
    let s = scope();
    view! {
        <span class=s.cls("bar") data-usage=format!("{:.4}", share)><span class=s.cls("fill") style=format!("width:{:.1}%", share * 100.0)></span></span>
        <span>{percent(share)}</span>
    }
    .into_any()
}

/// What the services page shows, each part read on its own.
#[derive(Clone, Debug, PartialEq)]
struct Services {
    servers: Part<Vec<Server>>,
    workers: Part<Vec<Worker>>,
    scaling: Part<Value>,
}

pub(crate) fn part<T>(r: Result<T, crate::net::FetchError>) -> Part<T> {
    r.map_err(|e| crate::systems::druid::api::error_text(&e))
}

pub(crate) fn failed(what: &str, e: &str) -> AnyView {
    let s = scope();
    view! { <p class=s.cls("failed") role="alert" data-failed-part=what.to_string()>{format!("{what}: {e}")}</p> }.into_any()
}

/// The services page.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let druid = use_druid();
    let full = query(FULL);
    let setq = set_query();
    let r = load(|c| async move {
        Ok(Services {
            servers: part(api::servers_simple(&c).await),
            workers: part(api::workers(&c).await),
            scaling: part(api::scaling(&c).await),
        })
    });
    let servers = Signal::derive(move || {
        r.with(|d| {
            d.and_then(|d| d.servers.clone().ok())
                .map(|s| {
                    group_servers(&s)
                        .into_iter()
                        .flat_map(|(_, v)| v)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let workers =
        Signal::derive(move || r.with(|d| d.and_then(|d| d.workers.clone().ok()).unwrap_or_default()));
    let server_columns = vec![
        col::text("tier", "Tier", |x: &Server| x.tier.as_str().into()),
        col::text("type", "Type", |x: &Server| x.kind.as_str().into()),
        col::view(
            "host",
            "Host",
            |x: &Server| x.host.as_str().into(),
            move |x: &Server| {
                let href = node_link(&cluster.get_untracked(), &x.host, &x.kind);
                view! { <a href=href data-node=x.host.clone()>{x.host.clone()}</a> }.into_any()
            },
        ),
        col::view(
            "usage",
            "Usage",
            |x: &Server| Cell::Num(x.usage()),
            |x: &Server| usage_bar(x.usage()),
        ),
        col::num_text("curr", "Used", |x: &Server| x.curr_size.into(), |x: &Server| bytes(x.curr_size)),
        col::num_text("max", "Capacity", |x: &Server| x.max_size.into(), |x: &Server| bytes(x.max_size)),
        col::num("priority", "Priority", |x: &Server| x.priority.into()),
    ];
    let worker_columns = vec![
        col::view(
            "host",
            "Host",
            |w: &Worker| w.worker.host.as_str().into(),
            move |w: &Worker| {
                let href = node_link(&cluster.get_untracked(), &w.worker.host, "middleManager");
                view! { <a href=href data-node=w.worker.host.clone()>{w.worker.host.clone()}</a> }.into_any()
            },
        ),
        col::num("capacity", "Capacity", |w: &Worker| w.worker.capacity.into()),
        col::num("used", "Used", |w: &Worker| w.curr_capacity_used.into()),
        col::view(
            "usage",
            "Usage",
            |w: &Worker| Cell::Num(share(w)),
            |w: &Worker| usage_bar(share(w)),
        ),
        col::num("running", "Running tasks", |w: &Worker| (w.running_tasks.len() as i64).into()),
        col::text("version", "Version", |w: &Worker| w.worker.version.as_str().into()),
        col::text("category", "Category", |w: &Worker| w.worker.category.as_str().into()).hidden(),
        col::text("ip", "IP", |w: &Worker| w.worker.ip.as_str().into()).hidden(),
        col::text("last", "Last completed", |w: &Worker| {
            w.last_completed_task_time.clone().unwrap_or_default().into()
        }),
        col::text("blacklisted", "Blacklisted until", |w: &Worker| {
            w.blacklisted_until.clone().unwrap_or_default().into()
        }),
    ];
    let groups = move || {
        r.with(|d| {
            d.and_then(|d| d.servers.as_ref().ok()).map(|sv| {
                group_servers(sv)
                    .into_iter()
                    .map(|((tier, kind), v)| {
                        let (used, max) = v.iter().fold((0, 0), |(u, m), x| (u + x.curr_size, m + x.max_size));
                        let share = if max > 0 { used as f64 / max as f64 } else { 0.0 };
                        view! {
                            <div class=s.cls("stat") data-group=format!("{tier}/{kind}")>
                                <span class=s.cls("stat-value")>{count(v.len() as i64)}</span>
                                <span class=s.cls("stat-label")>{format!("{kind} · {tier}")}</span>
                                <span>{usage_bar(share)}</span>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let masters = move || {
        let c = cluster.get();
        let leader = |l: Option<Result<String, String>>| {
            l.and_then(|l| l.ok())
                .map(|u| u.rsplit("//").next().unwrap_or_default().trim_end_matches('/').to_string())
                .unwrap_or_default()
        };
        let rows = [
            ("coordinator", "Coordinator", leader(druid.coordinator_leader.get())),
            ("overlord", "Overlord", leader(druid.overlord_leader.get())),
            ("broker", "Broker", String::new()),
        ];
        rows.into_iter()
            .map(|(role, label, host)| {
                let href = node_link(&c, role, role);
                view! {
                    <li><a href=href data-node=role>{label}</a>
                        {(!host.is_empty()).then(|| format!(" · leader {host}"))}</li>
                }
            })
            .collect_view()
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"Services"</h1>
            {status(r, "services")}
            {move || r.with(|d| d.map(|d| {
                let mut v = Vec::new();
                if let Err(e) = &d.servers { v.push(failed("servers", e)); }
                if let Err(e) = &d.workers { v.push(failed("workers", e)); }
                if let Err(e) = &d.scaling { v.push(failed("autoscaling", e)); }
                v.collect_view()
            }))}
            <section>
                <h2>"Master and query processes"</h2>
                <ul>{masters}</ul>
            </section>
            <section>
                <h2>"Data servers"</h2>
                <div class=s.cls("groups")>{groups}</div>
                <DataTable id="servers" columns=server_columns rows=super::rows_memo(move || any_rows(servers.get())) export_name="servers" />
                <div class=s.cls("row")>
                    {move || if full.get().is_some() {
                        let setq = setq.clone();
                        view! { <button on:click=move |_| setq(&[(FULL, String::new())])>"Hide servers?full"</button> }.into_any()
                    } else {
                        let setq = setq.clone();
                        view! { <button data-show-full="" on:click=move |_| setq(&[(FULL, "1".into())])>"Show every server with its segments (servers?full)"</button> }.into_any()
                    }}
                </div>
                {move || full.get().map(|_| view! { <FullServers /> })}
            </section>
            <section>
                <h2>"Workers"</h2>
                <DataTable id="workers" columns=worker_columns rows=super::rows_memo(move || any_rows(workers.get())) export_name="workers" />
            </section>
            <section>
                <h2>"Autoscaling"</h2>
                {move || r.with(|d| match d.and_then(|d| d.scaling.as_ref().ok()) {
                    Some(Value::Array(a)) if a.is_empty() => empty("No autoscaling events."),
                    Some(v) => { let v = v.clone(); view! { <JsonView value=Signal::stored(v) /> }.into_any() }
                    None => ().into_any(),
                })}
            </section>
        </div>
    }
}

fn share(w: &Worker) -> f64 {
    if w.worker.capacity > 0 {
        (w.curr_capacity_used as f64 / w.worker.capacity as f64).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[component]
fn FullServers() -> impl IntoView {
    let r = load_once(|c| async move { api::servers_full(&c).await });
    view! {
        {status(r, "servers?full")}
        {move || r.get().map(|v| view! { <JsonView value=Signal::stored(v) open_depth=1 /> })}
    }
}
