//! Fault modes: each one does what it says, per system, switchable at run time.

mod common;

use std::time::{Duration, Instant};

use common::{client, get, send, start};
use serde_json::json;
use switchboard_sim::System;

async fn set_fault(sim: &switchboard_sim::RunningSim, system: &str, body: serde_json::Value) {
    let a = send(
        client()
            .put(format!("{}/_sim/faults/{system}", sim.admin_url()))
            .body(body.to_string()),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
}

async fn clear_fault(sim: &switchboard_sim::RunningSim, system: &str) {
    let a = send(client().delete(format!("{}/_sim/faults/{system}", sim.admin_url()))).await;
    assert_eq!(a.status, 200, "{}", a.body);
}

#[tokio::test]
async fn admin_api_lists_sets_and_clears_faults() {
    let sim = start().await;
    let health = get(&format!("{}/_sim/health", sim.admin_url())).await;
    assert_eq!(health.status, 200);
    let all = get(&format!("{}/_sim/faults", sim.admin_url()))
        .await
        .json();
    assert_eq!(all["druid"]["mode"], "none");
    assert_eq!(all["databend-meta"]["mode"], "none");
    set_fault(&sim, "druid", json!({"mode": "delay", "ms": 50})).await;
    let all = get(&format!("{}/_sim/faults", sim.admin_url()))
        .await
        .json();
    assert_eq!(all["druid"], json!({"mode": "delay", "ms": 50}));
    let bad = send(
        client()
            .put(format!("{}/_sim/faults/druid", sim.admin_url()))
            .body("{\"mode\":\"explode\"}"),
    )
    .await;
    assert_eq!(bad.status, 400);
    let unknown = send(
        client()
            .put(format!("{}/_sim/faults/oracle", sim.admin_url()))
            .body("{\"mode\":\"refuse\"}"),
    )
    .await;
    assert_eq!(unknown.status, 404);
    clear_fault(&sim, "druid").await;
    let all = get(&format!("{}/_sim/faults", sim.admin_url()))
        .await
        .json();
    assert_eq!(all["druid"]["mode"], "none");
}

#[tokio::test]
async fn refuse_really_refuses_connections_and_recovers() {
    let sim = start().await;
    let url = format!("{}/v1/health", sim.url(System::Meta, "node2"));
    let pooled = client();
    assert_eq!(send(pooled.get(&url)).await.status, 200);
    set_fault(&sim, "databend-meta", json!({"mode": "refuse"})).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let err = client()
        .get(&url)
        .send()
        .await
        .expect_err("must not connect");
    assert!(err.is_connect(), "expected a connect error, got {err:?}");
    assert!(
        pooled.get(&url).send().await.is_err(),
        "kept-alive connections are dropped too"
    );
    // Other systems keep answering.
    assert_eq!(
        get(&format!("{}/_sim/health", sim.admin_url()))
            .await
            .status,
        200
    );
    clear_fault(&sim, "databend-meta").await;
    let mut ok = false;
    for _ in 0..40 {
        if let Ok(r) = client().get(&url).send().await {
            ok = r.status().as_u16() == 200;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ok, "listener did not come back");
}

#[tokio::test]
async fn refuse_can_target_one_port() {
    let sim = start().await;
    let port = sim.plan.must(System::Meta, "node2");
    set_fault(
        &sim,
        "databend-meta",
        json!({"mode": "refuse", "port": port}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(client()
        .get(format!("{}/v1/health", sim.url(System::Meta, "node2")))
        .send()
        .await
        .is_err());
    assert_eq!(
        get(&format!("{}/v1/health", sim.url(System::Meta, "node1")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn delay_and_error_bodies() {
    let sim = start().await;
    let url = format!("{}/v1/health", sim.url(System::Meta, "node1"));

    set_fault(&sim, "databend-meta", json!({"mode": "delay", "ms": 400})).await;
    let t = Instant::now();
    assert_eq!(get(&url).await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(400));

    set_fault(&sim, "databend-meta", json!({"mode": "status500_text"})).await;
    let a = get(&url).await;
    assert_eq!(a.status, 500);
    assert!(a.content_type.starts_with("text/plain"));

    set_fault(&sim, "databend-meta", json!({"mode": "status500_html"})).await;
    let a = get(&url).await;
    assert_eq!(a.status, 500);
    assert!(a.content_type.starts_with("text/html"));
    assert!(a.body.contains("<html>"));

    set_fault(&sim, "databend-meta", json!({"mode": "malformed_json"})).await;
    let a = get(&url).await;
    assert_eq!(a.status, 200);
    assert!(a.content_type.starts_with("application/json"));
    assert!(serde_json::from_str::<serde_json::Value>(&a.body).is_err());

    for (mode, status) in [("status401", 401), ("status403", 403), ("status404", 404)] {
        set_fault(&sim, "databend-meta", json!({"mode": mode})).await;
        assert_eq!(get(&url).await.status, status, "{mode}");
    }
    // Faults are per system: CockroachDB still answers.
    let crdb = get(&format!("{}/health", sim.url(System::Cockroach, "node1"))).await;
    assert_eq!(crdb.status, 200);
    clear_fault(&sim, "databend-meta").await;
    assert_eq!(get(&url).await.status, 200);
}

#[tokio::test]
async fn truncated_body_ends_early() {
    let sim = start().await;
    set_fault(&sim, "databend-meta", json!({"mode": "truncated"})).await;
    let resp = client()
        .get(format!(
            "{}/v1/cluster/status",
            sim.url(System::Meta, "node1")
        ))
        .send()
        .await
        .expect("headers");
    assert_eq!(resp.status().as_u16(), 200);
    let announced = resp.content_length().unwrap_or(0);
    assert!(announced > 100);
    assert!(
        resp.bytes().await.is_err(),
        "reading a truncated body must fail"
    );
}

#[tokio::test]
async fn slow_body_never_finishes() {
    let sim = start().await;
    set_fault(
        &sim,
        "databend-meta",
        json!({"mode": "slow_body", "ms": 100}),
    )
    .await;
    let mut resp = client()
        .get(format!(
            "{}/v1/cluster/nodes",
            sim.url(System::Meta, "node1")
        ))
        .send()
        .await
        .expect("headers");
    assert_eq!(resp.status().as_u16(), 200);
    let mut got = 0usize;
    let outcome = tokio::time::timeout(Duration::from_millis(700), async {
        while let Ok(Some(chunk)) = resp.chunk().await {
            got += chunk.len();
        }
    })
    .await;
    assert!(outcome.is_err(), "the body ended");
    assert!(got > 5, "chunks keep arriving");
}

#[tokio::test]
async fn huge_body_is_fifty_megabytes_of_json() {
    let sim = start().await;
    set_fault(&sim, "databend-meta", json!({"mode": "huge_body"})).await;
    let mut resp = client()
        .get(format!(
            "{}/v1/cluster/nodes",
            sim.url(System::Meta, "node1")
        ))
        .send()
        .await
        .expect("headers");
    let mut total = 0usize;
    let mut first = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        if first.is_empty() {
            first = chunk.to_vec();
        }
        total += chunk.len();
    }
    assert_eq!(total, 50 * 1024 * 1024);
    assert!(first.starts_with(b"{\"data\":\""));
}

#[tokio::test]
async fn faults_from_the_command_line() {
    let cfg = switchboard_sim::SimConfig::from_args(
        [
            "--port-base",
            "12345",
            "--fault",
            "druid=delay:250",
            "--fault",
            "starrocks=status403",
        ]
        .map(String::from),
    )
    .expect("args");
    assert_eq!(cfg.port_base, 12345);
    assert_eq!(cfg.faults.len(), 2);
    assert!(
        switchboard_sim::SimConfig::from_args(["--fault", "druid=explode"].map(String::from))
            .is_err()
    );
}

#[tokio::test]
async fn error_faults_look_like_each_system() {
    let sim = start().await;
    for sys in ["druid", "cockroach", "starrocks"] {
        set_fault(&sim, sys, json!({"mode": "status401"})).await;
    }
    let druid = get(&format!("{}/status", sim.url(System::Druid, "router"))).await;
    assert_eq!(druid.status, 401);
    assert!(druid.body.contains("HTTP ERROR 401"));
    let crdb = get(&format!(
        "{}/api/v2/health/",
        sim.url(System::Cockroach, "node1")
    ))
    .await;
    assert_eq!(
        (crdb.status, crdb.body.as_str()),
        (401, "invalid session header\n")
    );
    let sr = get(&format!("{}/api/health", sim.url(System::StarRocks, "fe"))).await;
    assert_eq!(sr.status, 401);
    assert_eq!(sr.json()["status"], "FAILED");
    assert_eq!(sr.header("www-authenticate"), "Basic realm=\"\"");
    // The admin API is never faulty.
    assert_eq!(
        get(&format!("{}/_sim/health", sim.admin_url()))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn mix_makes_the_configured_shares_of_answers_slow_and_failing() {
    let sim = start().await;
    set_fault(
        &sim,
        "druid",
        json!({"mode": "mix", "slow_pct": 10, "fail_pct": 20, "ms": 300}),
    )
    .await;
    let url = format!("{}/status/health", sim.url(System::Druid, "router"));
    let (mut slow, mut failed, mut ok) = (0, 0, 0);
    for _ in 0..100 {
        let t = Instant::now();
        let a = get(&url).await;
        if a.status == 500 {
            failed += 1;
        } else if t.elapsed() >= Duration::from_millis(300) {
            assert_eq!(a.status, 200);
            slow += 1;
        } else {
            assert_eq!(a.status, 200);
            ok += 1;
        }
    }
    assert_eq!((slow, failed, ok), (10, 20, 70));
    clear_fault(&sim, "druid").await;
}
