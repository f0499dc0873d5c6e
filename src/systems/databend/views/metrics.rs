//! Metrics (`GET /v1/metrics` of one node, scraped every two seconds while the page is open and
//! read by the shared Prometheus parser): a panel of the meta service's key series (leader
//! changes, proposals applied and pending, network bytes, RPC delay quantiles, current term,
//! health) and the shared metrics explorer for every other series.

use super::{api, picked_target, scope, NodePicker, NODE};
use crate::net::prometheus::{histogram_quantile, Scrape};
use crate::shell::use_cluster;
use crate::ui::chart::sample_every;
use crate::ui::format::local_time;
use crate::ui::kit::query;
use crate::ui::ErrorPanel;
use crate::ui::metrics_explorer::{key_chart_views, KeyChart, MetricsExplorer, ScrapeHistory};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use std::time::Duration;

/// The series picked in the explorer.
pub const SERIES: QueryKey = QueryKey::new("series");
/// The explorer's search text.
pub const FIND: QueryKey = QueryKey::new("find");

/// The value of the first of `names` the scrape has (servers renamed counters to `_total`).
pub fn first_of(s: &Scrape, names: &[&str]) -> Option<f64> {
    names.iter().find_map(|n| s.value(n))
}

/// The RPC delay quantile `q` in milliseconds: from the histogram of current servers
/// (`metasrv_meta_network_rpc_delay_ms`) or the summary of older ones (`..._seconds`).
pub fn rpc_delay_ms(s: &Scrape, q: &str) -> Option<f64> {
    let qf: f64 = q.parse().ok()?;
    histogram_quantile(s, "metasrv_meta_network_rpc_delay_ms", qf).or_else(|| {
        s.value(&format!("metasrv_meta_network_rpc_delay_seconds{{quantile=\"{q}\"}}"))
            .map(|v| v * 1000.0)
    })
}

/// The ready-made panel.
pub fn key_charts() -> Vec<KeyChart> {
    vec![
        (
            "Proposals applied per second",
            vec![("applied/s", |s| s.value("metasrv_server_proposals_applied"), true)],
        ),
        (
            "Proposals pending and failed",
            vec![
                ("pending", |s| s.value("metasrv_server_proposals_pending"), false),
                (
                    "failed",
                    |s| first_of(s, &["metasrv_server_proposals_failed_total", "metasrv_server_proposals_failed"]),
                    false,
                ),
            ],
        ),
        (
            "Leader changes",
            vec![(
                "changes",
                |s| first_of(s, &["metasrv_server_leader_changes_total", "metasrv_server_leader_changes"]),
                false,
            )],
        ),
        (
            "Network bytes per second",
            vec![
                (
                    "received",
                    |s| first_of(s, &["metasrv_meta_network_recv_bytes_total", "metasrv_meta_network_recv_bytes"]),
                    true,
                ),
                (
                    "sent",
                    |s| first_of(s, &["metasrv_meta_network_sent_bytes_total", "metasrv_meta_network_sent_bytes"]),
                    true,
                ),
            ],
        ),
        (
            "RPC delay (ms)",
            vec![
                ("p50", |s| rpc_delay_ms(s, "0.5"), false),
                ("p90", |s| rpc_delay_ms(s, "0.9"), false),
                ("p99", |s| rpc_delay_ms(s, "0.99"), false),
            ],
        ),
        (
            "Current term",
            vec![("term", |s| s.value("metasrv_server_current_term"), false)],
        ),
        (
            "Health",
            vec![
                ("healthy", |s| s.value("metasrv_server_node_is_health"), false),
                ("is leader", |s| s.value("metasrv_server_is_leader"), false),
            ],
        ),
    ]
}

/// The metrics page.
#[component]
pub fn MetricsPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let node = query(NODE);
    let history = ScrapeHistory::new();
    let error = RwSignal::new(None::<crate::net::FetchError>);
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        let _ = node.get();
        history.clear();
    });
    let scrape = move || {
        if busy.try_get_value().unwrap_or(true) {
            return;
        }
        busy.try_set_value(true);
        let c = cluster.get_untracked();
        let target = picked_target(node.get_untracked());
        leptos::task::spawn_local(async move {
            let r = api::metrics(&c, &target).await;
            busy.try_set_value(false);
            match r {
                Ok(scrape) => {
                    error.try_set(None);
                    history.push(crate::ui::format::now_epoch_ms() as f64, scrape);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    sample_every(Duration::from_secs(2), scrape);
    let charts = key_chart_views(history, key_charts());
    let latest = move || {
        history.scrapes.with(|all| {
            all.last().map(|(t, sc)| {
                format!(
                    "{} samples, latest at {} ({} series{})",
                    all.len(),
                    local_time(*t as i64),
                    sc.samples.len(),
                    if sc.errors.is_empty() {
                        String::new()
                    } else {
                        format!(", {} unreadable lines", sc.errors.len())
                    }
                )
            })
        })
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"Metrics"</h1>
            <div class=s.cls("form")>
                <NodePicker any=true />
                <span class="sb-dim" data-scrapes="">{latest}</span>
            </div>
            {move || error.get().map(|e| view! { <div data-metrics-error=""><ErrorPanel error=e on_retry=move |_| scrape() /></div> })}
            <div class=s.cls("charts") data-key-panel="">{charts}</div>
            <div class=s.cls("panel")>
                <h2>"Explore every series"</h2>
                <MetricsExplorer history=history key=SERIES search_key=FIND />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::prometheus::parse;

    #[test]
    fn the_key_panel_reads_current_older_and_simulated_servers() {
        for text in [
            include_str!("../fixtures/metrics.prom.txt"),
            include_str!("../fixtures/metrics-legacy.prom.txt"),
            include_str!("../fixtures/sim-metrics.prom.txt"),
        ] {
            let s = parse(text);
            for (title, lines) in key_charts() {
                let (_, f, _) = lines[0];
                if title.starts_with("RPC") && text.contains("rpc_delay_ms_count 0") {
                    continue; // no observations yet
                }
                assert!(f(&s).is_some(), "{title}");
            }
        }
        let legacy = parse(include_str!("../fixtures/metrics-legacy.prom.txt"));
        assert_eq!(rpc_delay_ms(&legacy, "1"), Some(0.563541));
    }
}
