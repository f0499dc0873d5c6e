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

/// `?top=`: the measure of the top-N chart (`qps`, `reads`, `writes`; QPS when absent).
pub const TOP: QueryKey = QueryKey::new("top");

/// How many ranges the top-N chart shows.
pub const TOP_N: usize = 10;

/// A measure of the top-N chart: (query value, label, value of a range).
type Measure = (&'static str, &'static str, fn(&HotRange) -> f64);

/// The measures the top-N chart can rank by: (query value, label, value of a range).
const MEASURES: [Measure; 3] = [
    ("qps", "QPS", |h| h.qps),
    ("reads", "Reads/s", |h| h.reads_per_second),
    ("writes", "Writes/s", |h| h.writes_per_second),
];

/// The `TOP_N` ranges with the highest `value`, highest first (ties by range id), each with its
/// value: what the top-N chart draws.
pub fn top_ranges(list: &[HotRange], value: fn(&HotRange) -> f64) -> Vec<(HotRange, f64)> {
    let mut v: Vec<(HotRange, f64)> = list
        .iter()
        .map(|h| (h.clone(), value(h)))
        .filter(|(_, x)| x.is_finite())
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.range_id.cmp(&b.0.range_id)));
    v.truncate(TOP_N);
    v
}

/// The top-N chart: one horizontal bar per range, the measure picked in the URL.
#[component]
fn TopChart(list: Signal<Vec<HotRange>>) -> impl IntoView {
    let cluster = use_cluster();
    let top = query(TOP);
    let set = set_query();
    let measure = move || {
        let t = top.get().unwrap_or_default();
        MEASURES.iter().find(|m| m.0 == t).copied().unwrap_or(MEASURES[0])
    };
    let bars = move || {
        let (_, label, value) = measure();
        let c = cluster.get();
        let top = list.with(|l| top_ranges(l, value));
        let max = top.iter().map(|t| t.1).fold(0.0, f64::max);
        top.into_iter()
            .map(|(h, v)| {
                let pct = if max > 0.0 { v / max * 100.0 } else { 0.0 };
                let name = h.tables.first().cloned().unwrap_or_default();
                view! {
                    <div style="display:grid;grid-template-columns:12rem 1fr 6rem;gap:.5rem;align-items:center;margin:.15rem 0" data-top-bar=h.range_id.to_string()>
                        <a href=link(&c, &format!("ranges/{}", h.range_id))>{format!("r{} {name}", h.range_id)}</a>
                        <span style="background:var(--sb-surface-2);height:.7rem;border-radius:3px;overflow:hidden">
                            <span style=format!("display:block;height:100%;background:var(--sb-accent);width:{pct:.1}%")></span>
                        </span>
                        <span title=label>{number(v, 1)}</span>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <div data-hot-top="">
            <h2>{move || format!("Top {TOP_N} by {}", measure().1)}</h2>
            <select aria-label="Rank by" data-hot-top-by="" on:change=move |ev| set(&[(TOP, event_target_value(&ev))])>
                {MEASURES.iter().map(|(v, l, _)| view! { <option value=*v selected=move || measure().0 == *v>{*l}</option> }).collect_view()}
            </select>
            {bars}
        </div>
    }
}

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
    let list = Signal::derive(move || r.with(|d| d.cloned().unwrap_or_default()));
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
            <TopChart list=list />
            <div data-hot="">
                <DataTable id="hot" columns rows export_name="hot-ranges" />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(id: i64, qps: f64, writes: f64) -> HotRange {
        HotRange {
            range_id: id,
            qps,
            writes_per_second: writes,
            ..HotRange::default()
        }
    }

    #[test]
    fn the_top_chart_ranks_by_the_measure_keeps_ten_and_skips_non_numbers() {
        let mut list: Vec<HotRange> = (1..=15).map(|i| range(i, i as f64, 100.0 - i as f64)).collect();
        list.push(range(99, f64::NAN, f64::INFINITY));
        let by_qps = top_ranges(&list, |h| h.qps);
        assert_eq!(by_qps.len(), TOP_N);
        assert_eq!(by_qps[0].0.range_id, 15);
        let by_writes = top_ranges(&list, |h| h.writes_per_second);
        assert_eq!(
            by_writes.iter().map(|t| t.0.range_id).take(3).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert!(top_ranges(&[], |h| h.qps).is_empty());
    }
}
