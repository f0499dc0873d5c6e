//! Databend meta simulator: documented endpoints, leader-only behaviour, state changes.

mod common;

use common::{get, start};
use switchboard_sim::System;

#[tokio::test]
async fn cluster_endpoints_have_documented_shapes() {
    let sim = start().await;
    let n1 = sim.url(System::Meta, "node1");
    let n2 = sim.url(System::Meta, "node2");

    let health = get(&format!("{n1}/v1/health")).await;
    assert_eq!(health.json(), serde_json::json!({"status": "pass"}));

    let nodes = get(&format!("{n1}/v1/cluster/nodes")).await.json();
    let nodes = nodes.as_array().cloned().unwrap_or_default();
    assert_eq!(nodes.len(), 3);
    assert_eq!(nodes[0]["name"], "1");
    assert!(nodes[0]["endpoint"]["port"].is_u64());
    assert!(nodes[0]["grpc_api_advertise_address"].is_string());

    let s1 = get(&format!("{n1}/v1/cluster/status")).await.json();
    assert_eq!(s1["id"], 1);
    assert_eq!(s1["state"], "Leader");
    assert_eq!(s1["is_leader"], true);
    assert_eq!(s1["voters"].as_array().map(Vec::len), Some(3));
    assert!(s1["last_applied"]["leader_id"]["term"].is_u64());
    assert!(s1["replication"].is_object());
    let s2 = get(&format!("{n2}/v1/cluster/status")).await.json();
    assert_eq!(s2["state"], "Follower");
    assert_eq!(s2["leader"]["name"], "1");
    assert!(s2["replication"].is_null());

    let cfg = get(&format!("{n1}/v1/config")).await;
    assert_eq!(cfg.status, 200);
    assert!(cfg.content_type.starts_with("text/plain"));
    assert!(
        serde_json::from_str::<serde_json::Value>(&cfg.body).is_err(),
        "config must not be JSON"
    );
    assert!(cfg.body.contains("raft_config"));

    let metrics = get(&format!("{n1}/v1/metrics")).await;
    assert!(metrics.body.contains("metasrv_server_is_leader 1"));
    let snap = get(&format!("{n2}/v1/ctrl/trigger_snapshot")).await;
    assert_eq!((snap.status, snap.body.as_str()), (200, "null"));
    let home = get(&format!("{n1}/debug/home")).await;
    assert!(home.content_type.starts_with("text/html"));
}

#[tokio::test]
async fn control_endpoints_are_gets_and_followers_refuse_with_text() {
    let sim = start().await;
    let n1 = sim.url(System::Meta, "node1");
    let n2 = sim.url(System::Meta, "node2");
    let client = common::client();

    let post = common::send(client.post(format!("{n1}/v1/ctrl/trigger_transfer_leader"))).await;
    assert_eq!(post.status, 405);

    let refused = get(&format!("{n2}/v1/ctrl/trigger_transfer_leader?to=3")).await;
    assert_eq!(refused.status, 404);
    assert!(
        refused.body.starts_with("This node is not leader"),
        "{}",
        refused.body
    );

    let moved = get(&format!("{n1}/v1/ctrl/trigger_transfer_leader?to=2"))
        .await
        .json();
    assert_eq!(
        moved,
        serde_json::json!({"from": 1, "to": 2, "voter_ids": [1, 2, 3]})
    );
    let s2 = get(&format!("{n2}/v1/cluster/status")).await.json();
    assert_eq!(s2["state"], "Leader");
    assert_eq!(s2["current_term"], 2);
    let old = get(&format!("{n1}/v1/ctrl/trigger_transfer_leader")).await;
    assert_eq!(old.status, 404);
    assert!(get(&format!("{n1}/v1/metrics"))
        .await
        .body
        .contains("metasrv_server_current_leader_id 2"));

    let feature_on_follower = get(&format!("{n1}/v1/features/set?feature=dummy&enable=true")).await;
    assert_eq!(feature_on_follower.status, 404);
    let set = get(&format!("{n2}/v1/features/set?feature=dummy&enable=true"))
        .await
        .json();
    assert_eq!(set["enabled"], serde_json::json!(["dummy"]));
    let list = get(&format!(
        "{n3}/v1/features/list",
        n3 = sim.url(System::Meta, "node3")
    ))
    .await
    .json();
    assert_eq!(
        list["features"],
        serde_json::json!(["dummy", "dummy_feature2"])
    );
    assert_eq!(list["enabled"], serde_json::json!(["dummy"]));
    let bad = get(&format!("{n2}/v1/features/set?feature=nope&enable=true")).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn metrics_move_with_the_clock() {
    let sim = start().await;
    let url = format!("{}/v1/metrics", sim.url(System::Meta, "node1"));
    let value = |body: &str, name: &str| -> f64 {
        body.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let before = get(&url).await.body;
    common::advance(&sim, 60_000).await;
    let after = get(&url).await.body;
    assert!(
        value(&after, "metasrv_meta_network_sent_bytes_total")
            > value(&before, "metasrv_meta_network_sent_bytes_total")
    );
    assert!(
        value(&after, "metasrv_server_last_log_index")
            > value(&before, "metasrv_server_last_log_index")
    );
}
