//! `/metrics` of the FE (Prometheus text, `?type=core` or `?type=json`) and of BEs/CN.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::SrCtx;
use crate::http_util::{json, lock, raw, Params};
use crate::rng::{counter, wander};

struct Metric {
    name: &'static str,
    kind: &'static str,
    labels: String,
    value: f64,
    unit: &'static str,
}

fn render_text(metrics: &[Metric]) -> String {
    let mut out = String::new();
    let mut last = "";
    for m in metrics {
        if m.name != last {
            out.push_str(&format!("# TYPE {} {}\n", m.name, m.kind));
            last = m.name;
        }
        if m.labels.is_empty() {
            out.push_str(&format!("{} {}\n", m.name, m.value));
        } else {
            out.push_str(&format!("{}{{{}}} {}\n", m.name, m.labels, m.value));
        }
    }
    out
}

fn render_json(metrics: &[Metric]) -> Response {
    let list: Vec<serde_json::Value> = metrics
        .iter()
        .map(|m| {
            let mut tags = serde_json::Map::new();
            tags.insert(
                "metric".into(),
                json!(m.name.trim_start_matches("starrocks_fe_")),
            );
            for pair in m.labels.split(',').filter(|p| !p.is_empty()) {
                if let Some((k, v)) = pair.split_once('=') {
                    tags.insert(k.into(), json!(v.trim_matches('"')));
                }
            }
            json!({"tags": tags, "unit": m.unit, "value": m.value})
        })
        .collect();
    json(StatusCode::OK, &list)
}

/// FE `GET /metrics[?type=core|json]` (no login).
pub async fn fe_metrics(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let t = ctx.shared.clock.elapsed_secs();
    let now = ctx.shared.clock.now_ms();
    let c = lock(&ctx.cluster);
    let seed = c.seed;
    let queries = c.queries.len() as f64;
    let m = |name, kind, labels: &str, value, unit| Metric {
        name,
        kind,
        labels: labels.to_string(),
        value,
        unit,
    };
    let mut metrics = vec![
        m(
            "jvm_heap_size_bytes",
            "gauge",
            "type=\"max\"",
            8_589_934_592.0,
            "bytes",
        ),
        m(
            "jvm_heap_size_bytes",
            "gauge",
            "type=\"committed\"",
            2_147_483_648.0,
            "bytes",
        ),
        m(
            "jvm_heap_size_bytes",
            "gauge",
            "type=\"used\"",
            wander(seed + 1, t, 1_234_567_890.0, 300_000_000.0).round(),
            "bytes",
        ),
        m(
            "starrocks_fe_connection_total",
            "gauge",
            "",
            wander(seed + 2, t, 6.0, 4.0).max(1.0).round(),
            "connections",
        ),
        m(
            "starrocks_fe_query_total",
            "counter",
            "",
            (counter(seed + 3, t, 18_230.0, 2.2) + queries).round(),
            "requests",
        ),
        m(
            "starrocks_fe_query_err",
            "counter",
            "",
            counter(seed + 4, t, 41.0, 0.01).round(),
            "requests",
        ),
        m(
            "starrocks_fe_query_latency_ms",
            "summary",
            "quantile=\"0.75\"",
            wander(seed + 5, t, 35.0, 15.0).max(1.0),
            "milliseconds",
        ),
        m(
            "starrocks_fe_query_latency_ms",
            "summary",
            "quantile=\"0.99\"",
            wander(seed + 6, t, 420.0, 150.0).max(5.0),
            "milliseconds",
        ),
        m(
            "starrocks_fe_max_journal_id",
            "gauge",
            "",
            c.journal_id(now) as f64,
            "nounit",
        ),
        m(
            "starrocks_fe_tablet_num",
            "gauge",
            "",
            c.databases
                .iter()
                .flat_map(|d| &d.tables)
                .map(|t| t.tablets().len())
                .sum::<usize>() as f64,
            "nounit",
        ),
        m(
            "starrocks_fe_txn_success",
            "counter",
            "",
            c.labels.values().filter(|l| l.state == "VISIBLE").count() as f64,
            "requests",
        ),
        m(
            "starrocks_fe_txn_failed",
            "counter",
            "",
            c.labels.values().filter(|l| l.state == "ABORTED").count() as f64,
            "requests",
        ),
        m(
            "starrocks_fe_routine_load_jobs",
            "gauge",
            "state=\"RUNNING\"",
            0.0,
            "nounit",
        ),
    ];
    for b in c.backends() {
        let labels = format!("backend=\"{}\"", b.id);
        metrics.push(m(
            "starrocks_fe_tablet_max_compaction_score",
            "gauge",
            &labels,
            wander(seed ^ b.id as u64, t, 8.0, 6.0).max(0.0).round(),
            "nounit",
        ));
    }
    match p.get("type") {
        Some("json") => render_json(&metrics),
        Some("core") => raw(StatusCode::OK, "text/plain", render_text(&metrics[..9])),
        _ => raw(StatusCode::OK, "text/plain", render_text(&metrics)),
    }
}

/// BE/CN `GET /metrics[?type=json]`: the stream-load counters include rows loaded here.
pub async fn be_metrics(State(ctx): State<SrCtx>, RawQuery(q): RawQuery) -> Response {
    let p = Params::parse(q.as_deref());
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    let node = &c.nodes[ctx.node_index()];
    let seed = c.seed ^ (node.id as u64 * 31);
    let m = |name, kind, labels: &str, value, unit| Metric {
        name,
        kind,
        labels: labels.to_string(),
        value,
        unit,
    };
    let metrics = vec![
        m(
            "starrocks_be_cpu",
            "counter",
            "mode=\"user\"",
            counter(seed + 1, t, 4_512_330.0, 190.0).round(),
            "percent",
        ),
        m(
            "starrocks_be_cpu",
            "counter",
            "mode=\"system\"",
            counter(seed + 2, t, 1_240_112.0, 45.0).round(),
            "percent",
        ),
        m(
            "starrocks_be_cpu",
            "counter",
            "mode=\"idle\"",
            counter(seed + 3, t, 90_112_991.0, 560.0).round(),
            "percent",
        ),
        m(
            "starrocks_be_process_mem_bytes",
            "gauge",
            "",
            wander(seed + 4, t, 1_800_000_000.0, 300_000_000.0).round(),
            "bytes",
        ),
        m(
            "starrocks_be_process_thread_num",
            "gauge",
            "",
            wander(seed + 5, t, 640.0, 40.0).round(),
            "nounit",
        ),
        m(
            "starrocks_be_query_scan_rows",
            "counter",
            "",
            counter(seed + 6, t, 88_120_331.0, 9_000.0).round(),
            "rows",
        ),
        m(
            "starrocks_be_query_scan_bytes",
            "counter",
            "",
            counter(seed + 7, t, 8_812_033_100.0, 900_000.0).round(),
            "bytes",
        ),
        m(
            "starrocks_be_fragment_requests_total",
            "counter",
            "",
            counter(seed + 8, t, 120_331.0, 3.0).round(),
            "requests",
        ),
        m(
            "starrocks_be_load_rows",
            "counter",
            "",
            (counter(seed + 9, t, 2_120_331.0, 40.0) + node.loaded_rows as f64).round(),
            "rows",
        ),
        m(
            "starrocks_be_load_bytes",
            "counter",
            "",
            (counter(seed + 10, t, 212_033_100.0, 4_000.0) + node.loaded_bytes as f64).round(),
            "bytes",
        ),
        m(
            "starrocks_be_stream_load",
            "counter",
            "type=\"load_rows\"",
            node.loaded_rows as f64,
            "rows",
        ),
        m(
            "starrocks_be_stream_load",
            "counter",
            "type=\"receive_bytes\"",
            node.loaded_bytes as f64,
            "bytes",
        ),
        m(
            "starrocks_be_disks_data_used_capacity",
            "gauge",
            "path=\"/opt/starrocks/be/storage\"",
            (1_300_000_000 + node.loaded_bytes) as f64,
            "bytes",
        ),
        m(
            "starrocks_be_disks_total_capacity",
            "gauge",
            "path=\"/opt/starrocks/be/storage\"",
            107_374_182_400.0,
            "bytes",
        ),
        m(
            "starrocks_be_tablet_base_max_compaction_score",
            "gauge",
            "",
            wander(seed + 11, t, 4.0, 3.0).max(0.0).round(),
            "nounit",
        ),
        m(
            "starrocks_be_tablet_cumulative_max_compaction_score",
            "gauge",
            "",
            wander(seed + 12, t, 10.0, 7.0).max(0.0).round(),
            "nounit",
        ),
    ];
    match p.get("type") {
        Some("json") => render_json(&metrics),
        _ => raw(
            StatusCode::OK,
            "text/plain; version=0.0.4",
            render_text(&metrics),
        ),
    }
}
