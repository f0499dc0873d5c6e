//! Hot ranges (`GET /api/v2/ranges/hot/`, every page, all nodes or one with `node_id=`):
//! sortable by QPS, reads and writes per second and bytes (the table keeps its sort in the URL),
//! with the database, table and index names.

use super::{api, bar};
use crate::shell::use_cluster;
use crate::systems::cockroach::model::HotRange;
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::{bytes, number};
use crate::systems::cockroach::login::cload;
use crate::ui::kit::{link, query, set_query, status};
use crate::ui::DataTable;
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// `?node=`: only this node's hot ranges.
pub const NODE: QueryKey = QueryKey::new("node");

/// One row.
#[derive(Clone, Debug)]
pub struct HotRow {
    /// The range.
    pub range: HotRange,
    /// Largest QPS (for bars).
    pub max_qps: f64,
    /// Link to the range.
    pub href: String,
}

/// The hot ranges page.
#[component]
pub fn HotRangesPage() -> impl IntoView {
    let cluster = use_cluster();
    let node = query(NODE);
    let set = set_query();
    let r = cload(move |c| {
        let node = node.get().filter(|n| !n.is_empty());
        async move { api::hot_ranges(&c, node.as_deref()).await }
    });
    let rows = Signal::derive(move || {
        let c = cluster.get();
        r.with(|d| {
            let list = d.cloned().unwrap_or_default();
            let max_qps = list.iter().map(|h| h.qps).fold(0.0, f64::max);
            any_rows(
                list.into_iter()
                    .map(|range| HotRow {
                        href: link(&c, &format!("ranges/{}", range.range_id)),
                        range,
                        max_qps,
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let columns = vec![
        col::view(
            "range",
            "Range",
            |h: &HotRow| (h.range.range_id as f64).into(),
            |h: &HotRow| {
                view! { <a href=h.href.clone()>{format!("r{}", h.range.range_id)}</a> }.into_any()
            },
        ),
        col::num("node", "Node", |h: &HotRow| (h.range.node_id as f64).into()),
        col::num("leaseholder", "Leaseholder", |h: &HotRow| {
            (h.range.leaseholder_node_id as f64).into()
        }),
        col::text("database", "Database", |h: &HotRow| {
            h.range.databases.join(", ").into()
        }),
        col::text("table", "Table", |h: &HotRow| h.range.tables.join(", ").into()),
        col::text("index", "Index", |h: &HotRow| h.range.indexes.join(", ").into()),
        col::view(
            "qps",
            "QPS",
            |h: &HotRow| h.range.qps.into(),
            |h: &HotRow| bar(h.range.qps, h.max_qps),
        ),
        col::num_text(
            "reads",
            "Reads/s",
            |h: &HotRow| h.range.reads_per_second.into(),
            |h: &HotRow| number(h.range.reads_per_second, 1),
        ),
        col::num_text(
            "writes",
            "Writes/s",
            |h: &HotRow| h.range.writes_per_second.into(),
            |h: &HotRow| number(h.range.writes_per_second, 1),
        ),
        col::num_text(
            "read_bytes",
            "Read B/s",
            |h: &HotRow| h.range.read_bytes_per_second.into(),
            |h: &HotRow| bytes(h.range.read_bytes_per_second as i64),
        ),
        col::num_text(
            "write_bytes",
            "Write B/s",
            |h: &HotRow| h.range.write_bytes_per_second.into(),
            |h: &HotRow| bytes(h.range.write_bytes_per_second as i64),
        ),
    ];
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <h1>"Hot ranges"</h1>
            <label>
                "Node id "
                <input data-hot-node="" placeholder="all nodes" prop:value=move || node.get().unwrap_or_default()
                    on:change=move |ev| set(&[(NODE, event_target_value(&ev))]) />
            </label>
            {status(r, "hot ranges")}
            <div data-hot="">
                <DataTable id="hot" columns rows export_name="hot-ranges" />
            </div>
        </div>
    }
}
