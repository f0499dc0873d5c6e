//! Nodes (`GET /api/v2/nodes/`, every page): a row per node (address, SQL address, locality,
//! version, start, liveness, CPUs, memory, capacity, ranges, replicas, leaseholders, QPS with a
//! bar) with its health (`GET /api/v2/health/` live and `?ready=true` of each configured node,
//! matched to its id by `GET /api/v2/nodes/local/ranges/?limit=1`), and a node's page: every
//! node and store metric in a searchable table.

use super::{api, bar, nanos_time};
use crate::shell::use_cluster;
use crate::systems::cockroach::model::{liveness_name, Node};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, count, number};
use crate::systems::cockroach::login::cload;
use crate::ui::kit::{badge, empty, kv, link, param, status};
use crate::ui::{DataTable, KeyValue, Tone};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// One configured node's health.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Health {
    /// Its HTTP address.
    pub addr: String,
    /// Live: `None` when it answered, else why not.
    pub live: Option<String>,
    /// Ready: `None` when it answered, else the server's text.
    pub ready: Option<String>,
}

impl Health {
    /// A badge: ready, live but not ready (with the server's text), or down.
    pub fn badge(&self) -> AnyView {
        match (&self.live, &self.ready) {
            (None, None) => {
                view! { <span data-health="ready">{badge(Tone::Ok, "ready")}</span> }.into_any()
            }
            (None, Some(e)) => view! {
                <span data-health="live">{badge(Tone::Warn, "live, not ready")}" "<span class="sb-dim">{e.clone()}</span></span>
            }
            .into_any(),
            (Some(e), _) => view! {
                <span data-health="down">{badge(Tone::Bad, "not live")}" "<span class="sb-dim">{e.clone()}</span></span>
            }
            .into_any(),
        }
    }
}

/// The nodes page's model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodesModel {
    /// The nodes.
    pub nodes: Vec<Node>,
    /// Health by node id.
    pub health: BTreeMap<i64, Health>,
    /// Health of configured addresses whose node id is not known.
    pub unmatched: Vec<Health>,
}

/// One row of the nodes table.
#[derive(Clone, Debug)]
pub struct NodeRow {
    /// The node.
    pub node: Node,
    /// Its health, when known.
    pub health: Option<Health>,
    /// The largest QPS of all nodes (for the bars).
    pub max_qps: f64,
    /// Link to its page.
    pub href: String,
    /// Link to its ranges.
    pub ranges_href: String,
}

/// The QPS of a node: its stores' `rebalancing.queriespersecond`.
pub fn qps(n: &Node) -> f64 {
    n.store_sum("rebalancing.queriespersecond")
}

fn liveness_tone(status: i64) -> Tone {
    match status {
        3 => Tone::Ok,
        4 | 6 => Tone::Warn,
        1 | 2 | 5 => Tone::Bad,
        _ => Tone::Unknown,
    }
}

/// The nodes page.
#[component]
pub fn NodesPage() -> impl IntoView {
    let cluster = use_cluster();
    let r = cload(move |c| async move {
        let nodes = api::nodes(&c).await?;
        let mut model = NodesModel {
            nodes,
            ..Default::default()
        };
        for addr in api::configured_nodes(&c) {
            let target = api::node(&addr);
            let live = api::health(&c, &target, false)
                .await
                .err()
                .map(|e| api::error_text(&e));
            let ready = if live.is_none() {
                api::health(&c, &target, true)
                    .await
                    .err()
                    .map(|e| api::error_text(&e))
            } else {
                None
            };
            let h = Health { addr, live, ready };
            let id = if h.live.is_none() {
                api::local_node_id(&c, &target).await.ok().flatten()
            } else {
                None
            };
            match id {
                Some(id) => {
                    model.health.insert(id, h);
                }
                None => model.unmatched.push(h),
            }
        }
        Ok(model)
    });
    let rows = Signal::derive(move || {
        let c = cluster.get();
        r.with(|m| {
            let Some(m) = m else { return vec![] };
            let max_qps = m.nodes.iter().map(qps).fold(0.0, f64::max);
            any_rows(
                m.nodes
                    .iter()
                    .map(|n| NodeRow {
                        node: n.clone(),
                        health: m.health.get(&n.node_id).cloned(),
                        max_qps,
                        href: link(&c, &format!("nodes/{}", n.node_id)),
                        ranges_href: link(&c, &format!("nodes/{}/ranges", n.node_id)),
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let columns = vec![
        col::view(
            "id",
            "Node",
            |r: &NodeRow| (r.node.node_id as f64).into(),
            |r: &NodeRow| {
                view! { <a href=r.href.clone() data-node-link=r.node.node_id>{format!("n{}", r.node.node_id)}</a> }
                    .into_any()
            },
        ),
        col::text("address", "Address", |r: &NodeRow| {
            r.node.address.address_field.as_str().into()
        }),
        col::text("sql", "SQL address", |r: &NodeRow| {
            r.node.sql_address.address_field.as_str().into()
        }),
        col::text("locality", "Locality", |r: &NodeRow| {
            r.node.locality_text().into()
        }),
        col::text("version", "Version", |r: &NodeRow| {
            r.node.server_version.text().into()
        }),
        col::num_text(
            "started",
            "Started",
            |r: &NodeRow| (r.node.started_at as f64).into(),
            |r: &NodeRow| nanos_time(r.node.started_at),
        ),
        col::view(
            "liveness",
            "Liveness",
            |r: &NodeRow| liveness_name(r.node.liveness_status).into(),
            |r: &NodeRow| {
                badge(
                    liveness_tone(r.node.liveness_status),
                    liveness_name(r.node.liveness_status),
                )
            },
        ),
        col::view(
            "health",
            "Health",
            |r: &NodeRow| {
                r.health
                    .as_ref()
                    .map(|h| match (&h.live, &h.ready) {
                        (None, None) => "ready",
                        (None, Some(_)) => "live",
                        _ => "down",
                    })
                    .unwrap_or("")
                    .into()
            },
            |r: &NodeRow| match &r.health {
                Some(h) => h.badge(),
                None => view! { <span class="sb-dim">"not configured"</span> }.into_any(),
            },
        ),
        col::num("cpus", "CPUs", |r: &NodeRow| (r.node.num_cpus as f64).into()),
        col::num_text(
            "memory",
            "Memory",
            |r: &NodeRow| (r.node.total_system_memory as f64).into(),
            |r: &NodeRow| bytes(r.node.total_system_memory),
        ),
        col::num_text(
            "used",
            "Used",
            |r: &NodeRow| r.node.store_sum("capacity.used").into(),
            |r: &NodeRow| bytes(r.node.store_sum("capacity.used") as i64),
        ),
        col::num_text(
            "available",
            "Available",
            |r: &NodeRow| r.node.store_sum("capacity.available").into(),
            |r: &NodeRow| bytes(r.node.store_sum("capacity.available") as i64),
        ),
        col::view(
            "ranges",
            "Ranges",
            |r: &NodeRow| r.node.store_sum("ranges").into(),
            |r: &NodeRow| {
                view! { <a href=r.ranges_href.clone() data-ranges-link=r.node.node_id>{count(r.node.store_sum("ranges") as i64)}</a> }
                    .into_any()
            },
        ),
        col::num("replicas", "Replicas", |r: &NodeRow| {
            r.node.store_sum("replicas").into()
        }),
        col::num("leases", "Leaseholders", |r: &NodeRow| {
            r.node.store_sum("replicas.leaseholders").into()
        }),
        col::view(
            "qps",
            "QPS",
            |r: &NodeRow| qps(&r.node).into(),
            |r: &NodeRow| bar(qps(&r.node), r.max_qps),
        ),
    ];
    let unmatched = move || {
        r.with(|m| {
            m.filter(|m| !m.unmatched.is_empty()).map(|m| {
                let items = m
                    .unmatched
                    .iter()
                    .map(|h| {
                        view! { <li data-unmatched=h.addr.clone()>{h.addr.clone()}" "{h.badge()}</li> }
                    })
                    .collect_view();
                view! { <h2>"Configured nodes not matched to an id"</h2><ul>{items}</ul> }
            })
        })
    };
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <h1>"Nodes"</h1>
            {status(r, "nodes")}
            <div data-nodes="">
                <DataTable id="nodes" columns rows export_name="nodes" />
            </div>
            {unmatched}
        </div>
    }
}

/// One metric of a node.
#[derive(Clone, Debug)]
pub struct Metric {
    /// `node` or `store <id>`.
    pub source: String,
    /// Name.
    pub name: String,
    /// Value.
    pub value: f64,
}

/// Every metric of `n`: the node's, then each store's.
pub fn metrics_of(n: &Node) -> Vec<Metric> {
    let mut out: Vec<Metric> = n
        .metrics
        .iter()
        .map(|(k, v)| Metric {
            source: "node".into(),
            name: k.clone(),
            value: *v,
        })
        .collect();
    for (store, m) in &n.store_metrics {
        out.extend(m.iter().map(|(k, v)| Metric {
            source: format!("store {store}"),
            name: k.clone(),
            value: *v,
        }));
    }
    out
}

/// A node's page: its facts and every metric.
#[component]
pub fn NodePage() -> impl IntoView {
    let cluster = use_cluster();
    let id = param("node");
    let r = cload(move |c| async move { api::nodes(&c).await });
    let node = Memo::new(move |_| {
        let id = id.get();
        r.with(|d| d.and_then(|ns| ns.iter().find(|n| n.node_id.to_string() == id).cloned()))
    });
    let facts = Signal::derive(move || {
        node.get()
            .map(|n| {
                kv(&[
                    ("Address", n.address.address_field.clone()),
                    ("SQL address", n.sql_address.address_field.clone()),
                    ("Locality", n.locality_text()),
                    ("Version", format!("{} ({})", n.server_version.text(), n.build_tag)),
                    ("Started", nanos_time(n.started_at)),
                    ("Liveness", liveness_name(n.liveness_status).to_string()),
                    ("CPUs", n.num_cpus.to_string()),
                    ("Memory", bytes(n.total_system_memory)),
                    ("QPS", number(qps(&n), 1)),
                ])
            })
            .unwrap_or_default()
    });
    let rows = Signal::derive(move || any_rows(node.get().map(|n| metrics_of(&n)).unwrap_or_default()));
    let columns = vec![
        col::text("source", "Source", |m: &Metric| m.source.as_str().into()),
        col::text("name", "Metric", |m: &Metric| m.name.as_str().into()),
        col::num_text(
            "value",
            "Value",
            |m: &Metric| m.value.into(),
            |m: &Metric| number(m.value, 3),
        ),
    ];
    let missing = move || {
        (r.with(|d| d.is_some()) && node.get().is_none())
            .then(|| empty(&format!("No node n{} in the cluster.", id.get())))
    };
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <div>
                <a href=move || link(&cluster.get(), "")>"Nodes"</a>" / "
                <a href=move || link(&cluster.get(), &format!("nodes/{}/ranges", crate::url_state::encode_segment(&id.get()))) data-node-ranges="">"Ranges"</a>
            </div>
            <h1 data-node-title=move || id.get()>{move || format!("Node n{}", id.get())}</h1>
            {status(r, "nodes")}
            {missing}
            <KeyValue items=facts />
            <h2>"Metrics"</h2>
            <div data-metrics="">
                <DataTable id="metrics" columns rows export_name="metrics" />
            </div>
        </div>
    }
}
