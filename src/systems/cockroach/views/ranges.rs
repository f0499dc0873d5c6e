//! A node's ranges (`GET /api/v2/nodes/{id}/ranges/`, every page): range id, keys (decoded from
//! base64 where printable, and the pretty span), store, QPS, lease history and problems
//! (highlighted); and one range (`GET /api/v2/ranges/{id}/`) as every node that answered sees
//! it, with each node's error.

use super::{api, bar, nanos_time};
use crate::shell::use_cluster;
use crate::systems::cockroach::model::{key_text, RangeInfo};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::number;
use crate::systems::cockroach::login::cload;
use crate::ui::kit::{badge, empty, link, param, status};
use crate::ui::{DataTable, Tone};
use leptos::prelude::*;

/// One row of a node's ranges.
#[derive(Clone, Debug)]
pub struct RangeRow {
    /// The range.
    pub info: RangeInfo,
    /// Largest QPS of the list (for the bars).
    pub max_qps: f64,
    /// Link to the range.
    pub href: String,
}

/// The keys of a range: decoded keys and the pretty span.
pub fn keys_text(r: &RangeInfo) -> String {
    format!(
        "{} – {}",
        key_text(&r.desc.start_key),
        key_text(&r.desc.end_key)
    )
}

/// The lease history as `n1 (seq 3, since …)` lines, newest last.
pub fn leases_text(r: &RangeInfo) -> String {
    r.lease_history
        .iter()
        .map(|l| {
            format!(
                "n{}/s{} seq {} since {}",
                l.replica.node_id,
                l.replica.store_id,
                l.sequence,
                nanos_time(l.start.wall_time)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn problems_view(r: &RangeInfo) -> AnyView {
    let p = r.problem_names();
    if p.is_empty() {
        view! { <span class="sb-dim">"none"</span> }.into_any()
    } else {
        view! { <span data-problems="">{p.into_iter().map(|n| badge(Tone::Bad, &n)).collect_view()}</span> }.into_any()
    }
}

/// The ranges of one node.
#[component]
pub fn NodeRangesPage() -> impl IntoView {
    let cluster = use_cluster();
    let id = param("node");
    let r = cload(move |c| {
        let id = id.get();
        async move { api::node_ranges(&c, &id).await }
    });
    let rows = Signal::derive(move || {
        let c = cluster.get();
        r.with(|d| {
            let list = d.cloned().unwrap_or_default();
            let max_qps = list
                .iter()
                .map(|r| r.stats.queries_per_second)
                .fold(0.0, f64::max);
            any_rows(
                list.into_iter()
                    .map(|info| RangeRow {
                        href: link(&c, &format!("ranges/{}", info.desc.range_id)),
                        info,
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
            |r: &RangeRow| (r.info.desc.range_id as f64).into(),
            |r: &RangeRow| {
                view! { <a href=r.href.clone() data-range-link=r.info.desc.range_id>{format!("r{}", r.info.desc.range_id)}</a> }.into_any()
            },
        ),
        col::text("keys", "Keys", |r: &RangeRow| keys_text(&r.info).into()),
        col::text("span", "Span", |r: &RangeRow| {
            format!("{} – {}", r.info.span.start_key, r.info.span.end_key).into()
        }),
        col::num("store", "Store", |r: &RangeRow| {
            (r.info.source_store_id as f64).into()
        }),
        col::view(
            "qps",
            "QPS",
            |r: &RangeRow| r.info.stats.queries_per_second.into(),
            |r: &RangeRow| bar(r.info.stats.queries_per_second, r.max_qps),
        ),
        col::num_text(
            "writes",
            "Writes/s",
            |r: &RangeRow| r.info.stats.writes_per_second.into(),
            |r: &RangeRow| number(r.info.stats.writes_per_second, 1),
        ),
        col::text("leases", "Lease history", |r: &RangeRow| {
            leases_text(&r.info).into()
        }),
        col::view(
            "problems",
            "Problems",
            |r: &RangeRow| r.info.problem_names().join(" ").into(),
            |r: &RangeRow| problems_view(&r.info),
        ),
    ];
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <div>
                <a href=move || link(&cluster.get(), "")>"Nodes"</a>" / "
                <a href=move || link(&cluster.get(), &format!("nodes/{}", crate::url_state::encode_segment(&id.get())))>{move || format!("n{}", id.get())}</a>
            </div>
            <h1 data-ranges-title=move || id.get()>{move || format!("Ranges of node n{}", id.get())}</h1>
            {status(r, "ranges")}
            <div data-ranges="">
                <DataTable id="ranges" columns rows export_name="ranges" />
            </div>
        </div>
    }
}

/// One range as every node that answered sees it.
#[component]
pub fn RangePage() -> impl IntoView {
    let cluster = use_cluster();
    let id = param("range");
    let r = cload(move |c| {
        let id = id.get();
        async move { api::range(&c, &id).await }
    });
    let body = move || {
        r.with(|d| {
            let d = d?;
            if d.responses_by_node_id.is_empty() {
                return Some(empty("No node answered for this range."));
            }
            let c = cluster.get();
            let mut by: Vec<(i64, String, _)> = d
                .responses_by_node_id
                .iter()
                .map(|(k, v)| (k.parse::<i64>().unwrap_or(i64::MAX), k.clone(), v.clone()))
                .collect();
            by.sort_by_key(|(n, _, _)| *n);
            Some(
                by.into_iter()
                    .map(|(_, node, v)| {
                        let i = v.range_info;
                        let node_href = link(&c, &format!("nodes/{node}"));
                        let err = (!v.error.is_empty()).then(|| {
                            view! { <div class="sb-alert" role="status" data-node-error=node.clone()>{badge(Tone::Bad, "error")}" "{v.error.clone()}</div> }
                        });
                        let details = v.error.is_empty().then(|| {
                            view! {
                                <dl>
                                    <dt>"Keys"</dt><dd>{keys_text(&i)}</dd>
                                    <dt>"Span"</dt><dd>{format!("{} – {}", i.span.start_key, i.span.end_key)}</dd>
                                    <dt>"Store"</dt><dd>{format!("s{}", i.source_store_id)}</dd>
                                    <dt>"QPS"</dt><dd>{number(i.stats.queries_per_second, 2)}</dd>
                                    <dt>"Writes/s"</dt><dd>{number(i.stats.writes_per_second, 2)}</dd>
                                    <dt>"Lease history"</dt><dd>{let l = leases_text(&i); if l.is_empty() { "none".to_string() } else { l }}</dd>
                                    <dt>"Problems"</dt><dd>{problems_view(&i)}</dd>
                                </dl>
                            }
                        });
                        view! {
                            <section data-range-node=node.clone()>
                                <h2><a href=node_href>{format!("As node n{node} sees it")}</a></h2>
                                {err}
                                {details}
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any(),
            )
        })
    };
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <div><a href=move || link(&cluster.get(), "")>"Nodes"</a></div>
            <h1 data-range-title=move || id.get()>{move || format!("Range r{}", id.get())}</h1>
            {status(r, "range")}
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::cockroach::model::RangesPage;

    #[test]
    fn ranges_show_decoded_keys_and_leases() {
        let p: RangesPage =
            serde_json::from_str(include_str!("../fixtures/node-ranges.json")).unwrap();
        let r = &p.ranges[0];
        assert_eq!(keys_text(r), "\\xf2 – \\xf3");
        assert!(leases_text(r).starts_with("n1/s1 seq 3"));
    }
}
