//! `GET /v1/metrics`: Prometheus text whose counters grow and gauges wander with time.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::NodeCtx;
use crate::http_util::{lock, raw};
use crate::rng::{counter, wander};

/// Prometheus exposition for one node.
pub async fn metrics(State(ctx): State<NodeCtx>) -> Response {
    let now = ctx.shared.clock.now_ms();
    let t = ctx.shared.clock.elapsed_secs();
    let c = lock(&ctx.cluster);
    let id = ctx.id;
    let seed = ctx.shared.seed ^ (id * 7919);
    let last = c.last_log_index(now);
    let is_leader = (c.leader == id) as u8;
    let mut out = String::new();
    let mut line = |name: &str, v: String| {
        out.push_str(name);
        out.push(' ');
        out.push_str(&v);
        out.push('\n');
    };
    line(
        "metasrv_meta_network_recv_bytes_total",
        format!("{:.0}", counter(seed, t, 307_163.0, 1_800.0)),
    );
    line(
        "metasrv_meta_network_req_failed_total",
        format!("{:.0}", counter(seed + 1, t, 3.0, 0.002)),
    );
    line(
        "metasrv_meta_network_req_inflights",
        format!("{:.0}", wander(seed + 2, t, 2.0, 2.0).max(0.0)),
    );
    line(
        "metasrv_meta_network_req_success_total",
        format!("{:.0}", counter(seed + 3, t, 3_282.0, 12.0)),
    );
    let delay_count = counter(seed + 4, t, 3_283.0, 12.0);
    for (le, frac) in [
        ("1.0", 0.62),
        ("2.0", 0.81),
        ("5.0", 0.93),
        ("10.0", 0.97),
        ("20.0", 0.99),
        ("50.0", 0.995),
        ("100.0", 0.999),
        ("+Inf", 1.0),
    ] {
        line(
            &format!("metasrv_meta_network_rpc_delay_ms_bucket{{le=\"{le}\"}}"),
            format!("{:.0}", delay_count * frac),
        );
    }
    line(
        "metasrv_meta_network_rpc_delay_ms_count",
        format!("{delay_count:.0}"),
    );
    line(
        "metasrv_meta_network_rpc_delay_ms_sum",
        format!("{:.1}", delay_count * 1.7),
    );
    line(
        "metasrv_meta_network_sent_bytes_total",
        format!("{:.0}", counter(seed + 5, t, 1_328_402.0, 7_300.0)),
    );
    line(
        "metasrv_meta_network_watch_change_total",
        format!("{:.0}", counter(seed + 6, t, 120.0, 0.3)),
    );
    for peer in c.voter_ids().into_iter().filter(|p| *p != id) {
        line(
            &format!(
                "metasrv_raft_network_active_peers{{id=\"{peer}\",addr=\"{}:{}\"}}",
                c.host,
                c.raft_port(peer)
            ),
            "1".into(),
        );
        line(
            &format!("metasrv_raft_network_sent_bytes_total{{to=\"{peer}\"}}"),
            format!(
                "{:.0}",
                counter(seed + 10 + peer, t, 3_661.0, 240.0 * is_leader as f64 + 3.0)
            ),
        );
    }
    line("metasrv_server_applying_snapshot", "0".into());
    line("metasrv_server_current_leader_id", c.leader.to_string());
    line("metasrv_server_current_term", c.term.to_string());
    line("metasrv_server_is_leader", is_leader.to_string());
    line("metasrv_server_last_log_index", last.to_string());
    line(
        "metasrv_server_last_seq",
        format!("{:.0}", counter(seed + 7, t, 60_665.0, 2.0)),
    );
    line(
        "metasrv_server_leader_changes_total",
        c.leader_changes.to_string(),
    );
    line("metasrv_server_node_is_health", "1".into());
    line("metasrv_server_proposals_applied", last.to_string());
    line("metasrv_server_proposals_failed_total", "0".into());
    line(
        "metasrv_server_proposals_pending",
        format!("{:.0}", wander(seed + 8, t, 1.0, 1.5).max(0.0)),
    );
    line(
        "metasrv_server_raft_log_size",
        format!("{}", 1_694 + (last - c.base_index) * 113),
    );
    line("metasrv_server_read_failed_total", "0".into());
    line(
        "metasrv_server_snapshot_key_count",
        format!("{}", 1_204 + (t as u64) / 10),
    );
    line(
        "metasrv_server_watchers",
        format!("{:.0}", wander(seed + 9, t, 14.0, 6.0).max(0.0)),
    );
    raw(
        StatusCode::OK,
        "text/plain; version=0.0.4; charset=utf-8",
        out,
    )
}
