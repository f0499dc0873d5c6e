//! Node lists: fetched all at once, never blocking callers whose node is already listed, and
//! refetched at most once per `discovery_min_refetch_ms`.

mod common;

use common::*;
use http::{Response, StatusCode};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A Druid router that lists `historical` as a data server, answering each list after `delay_ms`.
async fn druid_router(historical: String, delay_ms: Arc<AtomicU64>) -> Arc<Upstream> {
    upstream(move |req, up| {
        let (historical, delay) = (historical.clone(), delay_ms.load(Ordering::SeqCst));
        async move {
            let seen = up.record_head(&req);
            tokio::time::sleep(Duration::from_millis(delay)).await;
            let body = if seen.uri.starts_with("/druid/coordinator/v1/servers") {
                format!(r#"[{{"host":"{historical}","type":"historical"}}]"#)
            } else {
                "[]".to_string()
            };
            Response::new(full(body))
        }
    })
    .await
}

fn druid(router: &Upstream, limits: &str) -> String {
    format!(
        "[limits]\n{limits}\n[[clusters]]\nname='d'\nsystem='druid'\ndiscovery=true\ntargets={{router='{}'}}",
        router.url()
    )
}

fn list_fetches(router: &Upstream) -> usize {
    router
        .requests()
        .iter()
        .filter(|s| s.uri.starts_with("/druid/coordinator/v1/servers"))
        .count()
}

#[tokio::test]
async fn the_lists_of_a_cluster_are_fetched_at_once() {
    let historical = echo_upstream("historical").await;
    let router = druid_router(historical.host_port(), Arc::new(AtomicU64::new(500))).await;
    let proxy = start_proxy(&druid(&router, "")).await;
    let started = Instant::now();
    let url = format!("/proxy/d/node:{}/status", historical.host_port());
    let answer = get(&proxy.url(&url)).await;
    assert_eq!(answer.text(), "historical");
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(900),
        "two lists of 500 ms each took {took:?}"
    );
}

#[tokio::test]
async fn a_listed_node_is_served_while_a_new_list_is_being_fetched() {
    let historical = echo_upstream("historical").await;
    let delay = Arc::new(AtomicU64::new(0));
    let router = druid_router(historical.host_port(), delay.clone()).await;
    let proxy = start_proxy(&druid(&router, "discovery_min_refetch_ms=100")).await;
    let listed = proxy.url(&format!("/proxy/d/node:{}/status", historical.host_port()));
    assert_eq!(get(&listed).await.text(), "historical");
    tokio::time::sleep(Duration::from_millis(150)).await;
    delay.store(1500, Ordering::SeqCst);
    let missing = tokio::spawn(async move {
        let url = format!("http://{}/proxy/d/node:127.0.0.1:9/status", proxy.addr);
        get(&url).await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    assert_eq!(get(&listed).await.text(), "historical");
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "a listed node waited {:?} for the fetch",
        started.elapsed()
    );
    assert_eq!(missing.await.unwrap().status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn asking_for_unlisted_nodes_refetches_at_most_once_per_interval() {
    let historical = echo_upstream("historical").await;
    let router = druid_router(historical.host_port(), Arc::new(AtomicU64::new(0))).await;
    let proxy = start_proxy(&druid(&router, "")).await;
    let stranger = proxy.url("/proxy/d/node:127.0.0.1:9/status");
    assert_eq!(get(&stranger).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&stranger).await.status, StatusCode::FORBIDDEN);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(get(&stranger).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        list_fetches(&router),
        1,
        "default: at most one fetch per 5 s"
    );
}
