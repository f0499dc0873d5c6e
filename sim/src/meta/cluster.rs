//! `/v1/health`, `/v1/config`, `/v1/cluster/nodes`, `/v1/cluster/status`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::NodeCtx;
use crate::http_util::{lock, ok_json, text};

/// `GET /v1/health` -> `{"status":"pass"}`.
pub async fn health() -> Response {
    ok_json(&json!({"status": "pass"}))
}

/// `GET /v1/config`: the server prints its configuration struct; the body is text, not JSON.
pub async fn config(State(ctx): State<NodeCtx>) -> Response {
    let c = lock(&ctx.cluster);
    let id = ctx.id;
    let host = &c.host;
    let admin = ctx.shared.plan.base as u64 + 100 + id;
    let body = format!(
        "Config {{ cmd: \"\", key: [], value: \"\", prefix: \"\", username: \"root\", password: \"\", config_file: \"/etc/databend/databend-meta-{id}.toml\", \
log: Config {{ file: FileConfig {{ on: true, level: \"INFO\", dir: \"/var/log/databend\", format: \"json\", limit: 48, prefix_filter: \"databend_\" }}, \
stderr: StderrConfig {{ on: false, level: \"INFO\", format: \"text\" }} }}, \
admin_api_address: \"{host}:{admin}\", admin_tls_server_cert: \"\", admin_tls_server_key: \"\", \
grpc_api_address: \"{host}:{grpc}\", grpc_api_advertise_host: Some(\"{host}\"), grpc_tls_server_cert: \"\", grpc_tls_server_key: \"\", \
raft_config: RaftConfig {{ config_id: \"\", raft_listen_host: \"{host}\", raft_advertise_host: \"{host}\", raft_api_port: {raft}, \
raft_dir: \"/var/lib/databend/meta{id}\", no_sync: false, log_cache_max_items: 1000000, log_cache_capacity: 1073741824, \
log_wal_chunk_max_records: 100000, log_wal_chunk_max_size: 268435456, snapshot_logs_since_last: 1024, heartbeat_interval: 500, \
install_snapshot_timeout: 4000, max_applied_log_to_keep: 1000, snapshot_chunk_size: 4194304, single: false, \
join: [\"{host}:{raft1}\"], leave_via: [], leave_id: None, id: {id}, sled_tree_prefix: \"\", cluster_name: \"switchboard_meta_cluster\", \
wait_leader_timeout: 70000 }} }}\n",
        grpc = 9190 + id,
        raft = c.raft_port(id),
        raft1 = c.raft_port(1),
    );
    text(StatusCode::OK, body)
}

/// `GET /v1/cluster/nodes`: every voter.
pub async fn nodes(State(ctx): State<NodeCtx>) -> Response {
    let c = lock(&ctx.cluster);
    let nodes: Vec<Value> = c
        .voter_ids()
        .into_iter()
        .map(|id| c.node_json(id))
        .collect();
    ok_json(&nodes)
}

/// `GET /v1/cluster/status`: this node's view of the cluster.
pub async fn status(State(ctx): State<NodeCtx>) -> Response {
    let now = ctx.shared.clock.now_ms();
    let c = lock(&ctx.cluster);
    let id = ctx.id;
    let is_leader = c.leader == id;
    let last = c.last_log_index(now);
    // Followers lag the leader by a little.
    let applied = if is_leader {
        last
    } else {
        last.saturating_sub(id % 3)
    };
    let log_id =
        |index: u64| json!({"leader_id": {"term": c.term, "node_id": c.leader}, "index": index});
    let replication = if is_leader {
        let mut m = serde_json::Map::new();
        for v in c.voter_ids() {
            m.insert(
                v.to_string(),
                log_id(if v == id {
                    last
                } else {
                    last.saturating_sub(v % 3)
                }),
            );
        }
        Value::Object(m)
    } else {
        Value::Null
    };
    let snap = c.snapshot_index[(id - 1) as usize];
    let wal = 1_202 + (last - c.base_index) * 113;
    let elapsed = ((now - c.start_ms).max(0) / 1000) as u64;
    ok_json(&json!({
        "id": id,
        "binary_version": "v1.2.757-nightly-9cd2f63257-simd(1.88.0-nightly-2025-06-18T01:24:12.760825000Z)",
        "data_version": "V004",
        "endpoint": format!("{}:{}", c.host, c.raft_port(id)),
        "raft_log": {
            "cache_items": 7 + (last - c.base_index) % 50,
            "cache_used_size": 578 + (last - c.base_index) % 50 * 97,
            "wal_total_size": wal,
            "wal_open_chunk_size": wal,
            "wal_offset": wal,
            "wal_closed_chunk_count": 0,
            "wal_closed_chunk_total_size": 0,
            "wal_closed_chunk_sizes": {}
        },
        "snapshot_key_count": 1_204 + elapsed / 10,
        "snapshot_key_space_stat": {"exp-": 12, "kv--": 1_192 + elapsed / 10},
        "state": if is_leader { "Leader" } else { "Follower" },
        "is_leader": is_leader,
        "current_term": c.term,
        "last_log_index": last,
        "last_applied": log_id(applied),
        "snapshot_last_log_id": snap.map(&log_id),
        "purged": snap.map(|i| log_id(i.saturating_sub(1000))),
        "leader": c.node_json(c.leader),
        "replication": replication,
        "voters": c.voter_ids().into_iter().map(|v| c.node_json(v)).collect::<Vec<_>>(),
        "non_voters": [],
        "last_seq": 60_665 + elapsed * 2,
    }))
}
