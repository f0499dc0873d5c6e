//! Metrics: `GET /metrics` (Prometheus text) of the FE or of a BE/CN picked in the URL
//! (`node=fe|be:<host>:<port>|cn:<host>:<port>`, the nodes listed by `show_proc` `/backends`
//! and `/compute_nodes`), scraped every two seconds and read by the shared Prometheus parser: a
//! few key series, and the shared metrics explorer for every other one. The FE is scraped as text
//! or, with `format=json`, as `/metrics?type=json` read into the same series
//! (`metrics_json`).

use super::scope;
use crate::shell::use_cluster;
use crate::systems::starrocks::api;
use crate::systems::starrocks::metrics_json::parse_json_metrics;
use crate::systems::starrocks::model::ProcTable;
use crate::ui::chart::sample_every;
use crate::ui::kit::{load_once, query, set_query};
use crate::ui::metrics_explorer::{key_chart_views, KeyChart, MetricsExplorer, ScrapeHistory};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use std::time::Duration;

/// The node scraped (`fe` when absent).
pub const NODE: QueryKey = QueryKey::new("node");
/// The series picked in the explorer.
pub const SERIES: QueryKey = QueryKey::new("series");
/// The explorer's search text.
pub const FIND: QueryKey = QueryKey::new("find");
/// The FE's exposition format: `text` (when absent) or `json` (`/metrics?type=json`).
pub const FORMAT: QueryKey = QueryKey::new("format");

/// Scrapes `target` once: the text form, or the FE's JSON form when `json`.
async fn scrape(c: &crate::cluster::Cluster, target: &str, json: bool) -> Result<crate::net::prometheus::Scrape, String> {
    let said = |e: crate::net::FetchError| format!("{} ({})", e.error, e.error.server_message().unwrap_or_default());
    if json {
        let (_, body) = api::get(c, api::FE, "/metrics?type=json").await.map_err(said)?;
        return parse_json_metrics(&body).map_err(|e| format!("/metrics?type=json could not be read: {e}"));
    }
    api::metrics(c, target).await.map_err(said)
}

/// The proxy targets of the nodes a proc table lists (`<kind>:<IP>:<HttpPort>`).
pub fn node_targets(kind: &str, t: &ProcTable) -> Vec<String> {
    t.rows
        .iter()
        .filter(|r| !r.get("IP").is_empty() && !r.get("HttpPort").is_empty())
        .map(|r| format!("{kind}:{}:{}", r.get("IP"), r.get("HttpPort")))
        .collect()
}

/// The key charts of an FE (`fe`) or a BE/CN.
pub fn key_charts(fe: bool) -> Vec<KeyChart> {
    if fe {
        vec![
            ("Queries per second", vec![("queries/s", |s| s.value("starrocks_fe_query_total"), true)]),
            ("Connections", vec![("connections", |s| s.value("starrocks_fe_connection_total"), false)]),
            (
                "JVM heap (bytes)",
                vec![
                    ("used", |s| s.value("jvm_heap_size_bytes{type=\"used\"}"), false),
                    ("committed", |s| s.value("jvm_heap_size_bytes{type=\"committed\"}"), false),
                ],
            ),
        ]
    } else {
        vec![
            (
                "CPU (per second)",
                vec![
                    ("user", |s| s.value("starrocks_be_cpu{mode=\"user\"}"), true),
                    ("system", |s| s.value("starrocks_be_cpu{mode=\"system\"}"), true),
                ],
            ),
            ("Process memory (bytes)", vec![("memory", |s| s.value("starrocks_be_process_mem_bytes"), false)]),
        ]
    }
}

/// The metrics page.
#[component]
pub fn MetricsPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let node = query(NODE);
    let set = set_query();
    let set_format = set.clone();
    let target = Memo::new(move |_| node.get().filter(|n| !n.is_empty()).unwrap_or_else(|| api::FE.to_string()));
    let format = query(FORMAT);
    let json = Memo::new(move |_| target.get() == api::FE && format.get().as_deref() == Some("json"));
    let nodes = load_once(|c| async move {
        let mut out = vec![api::FE.to_string()];
        out.extend(node_targets("be", &api::show_proc(&c, "/backends").await?));
        if let Ok(cn) = api::show_proc(&c, "/compute_nodes").await {
            out.extend(node_targets("cn", &cn));
        }
        Ok(out)
    });
    let history = ScrapeHistory::new();
    let error = RwSignal::new(None::<String>);
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        let _ = (target.get(), json.get());
        history.clear();
    });
    sample_every(Duration::from_secs(2), move || {
        if busy.try_get_value().unwrap_or(true) {
            return;
        }
        busy.try_set_value(true);
        let c = cluster.get_untracked();
        let (t, j) = (target.get_untracked(), json.get_untracked());
        leptos::task::spawn_local(async move {
            let r = scrape(&c, &t, j).await;
            busy.try_set_value(false);
            match r {
                Ok(s) => {
                    error.try_set(None);
                    history.push(crate::ui::format::now_epoch_ms() as f64, s);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    });
    let charts = move || key_chart_views(history, key_charts(target.get() == api::FE));
    view! {
        <div class=s.cls("stack")>
            <h1>"Metrics"</h1>
            <div class=s.cls("form")>
                <label class=s.cls("picker")>
                    "Node "
                    <select data-node-picker="" on:change=move |ev| set(&[(NODE, event_target_value(&ev))])
                        prop:value=move || target.get()>
                        {move || {
                            let mut list = nodes.get().unwrap_or_else(|| vec![api::FE.to_string()]);
                            let t = target.get();
                            if !list.contains(&t) {
                                list.push(t.clone());
                            }
                            list.into_iter().map(|n| {
                                let sel = n == t;
                                view! { <option value=n.clone() selected=sel>{n.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
                <label class=s.cls("picker")>
                    "Format "
                    <select data-format-picker="" disabled=move || target.get() != api::FE
                        on:change=move |ev| set_format(&[(FORMAT, event_target_value(&ev))])>
                        <option value="text" selected=move || !json.get()>"text"</option>
                        <option value="json" selected=move || json.get()>"json (FE)"</option>
                    </select>
                </label>
                <span class="sb-dim" data-format=move || if json.get() { "json" } else { "text" } data-scrapes=move || history.scrapes.with(|a| a.len().to_string())>
                    {move || history.scrapes.with(|a| format!("{} scrapes of {}", a.len(), target.get()))}
                </span>
            </div>
            {move || error.get().map(|e| view! { <div class=s.cls("alert badline") data-metrics-error="" role="alert">{format!("/metrics did not answer: {e}")}</div> })}
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

    #[test]
    fn nodes_come_from_the_backends_table() {
        let t = ProcTable::parse(include_str!("../fixtures/show_proc-backends.json")).unwrap();
        assert_eq!(node_targets("be", &t), vec!["be:172.26.0.3:8040"]);
    }
}
