//! Upstream failures come back as proxy errors that say which upstream and what happened;
//! upstream answers of any status pass unchanged; preflights and limits are handled by the proxy.

mod common;

use common::*;
use http::{Response, StatusCode};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

fn flink(url: &str) -> String {
    format!("[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{url}'}}")
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_connect_error_naming_it() {
    let dead = closed_port().await;
    let proxy = start_proxy(&flink(&dead)).await;
    let answer = get(&proxy.url("/proxy/f/jobmanager/overview")).await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("connect"));
    let error = &answer.json()["proxyError"];
    assert_eq!(error["cluster"], "f");
    assert_eq!(error["target"], "jobmanager");
    assert_eq!(error["upstream"], dead.as_str());
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(&dead) && message.to_lowercase().contains("refused"),
        "{message}"
    );
}

#[tokio::test]
async fn any_node_target_fails_over_to_a_node_that_answers() {
    let dead = closed_port().await;
    let alive = echo_upstream("alive").await;
    let config = format!(
        "[[clusters]]\nname='m'\nsystem='databend-meta'\ntargets={{meta=['{dead}', '{}']}}",
        alive.url()
    );
    let proxy = start_proxy(&config).await;
    let answer = send(
        "POST",
        &proxy.url("/proxy/m/meta/v1/ctrl/trigger_snapshot"),
        &[],
        full("{}"),
    )
    .await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "alive")
    );
    assert_eq!(
        alive.requests()[0].body_start,
        "{}",
        "the body went to the node that answered"
    );
    // A large (streaming) body also survives a refused connection: it was never sent.
    let size = 1024 * 1024;
    let length = size.to_string();
    get(&proxy.url("/proxy/m/meta/v1/cluster/status")).await;
    let answer = send(
        "POST",
        &proxy.url("/proxy/m/meta/v1/upload"),
        &[("content-length", length.as_str())],
        generated(size),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(alive.requests().last().unwrap().body_len, size);
}

#[tokio::test]
async fn a_slow_upstream_is_a_timeout() {
    let slow = upstream(|req, up| async move {
        up.record_head(&req);
        tokio::time::sleep(Duration::from_secs(5)).await;
        response(StatusCode::OK, "late")
    })
    .await;
    let proxy = start_proxy(&format!(
        "[limits]\nrequest_timeout_ms = 300\n{}",
        flink(&slow.url())
    ))
    .await;
    let started = Instant::now();
    let answer = get(&proxy.url("/proxy/f/jobmanager/jobs")).await;
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(answer.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("timeout"));
    assert!(answer.json()["proxyError"]["message"]
        .as_str()
        .unwrap()
        .contains("300 ms"));
}

#[tokio::test]
async fn a_connection_dropped_without_an_answer_is_an_upstream_io_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            drop(stream);
        }
    });
    let proxy = start_proxy(&flink(&url)).await;
    let answer = get(&proxy.url("/proxy/f/jobmanager/jobs")).await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        answer.proxy_error_kind().as_deref(),
        Some("upstream_io"),
        "{}",
        answer.text()
    );
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_declared_or_not() {
    let up = echo_upstream("ok").await;
    let proxy = start_proxy(&format!(
        "[limits]\nmax_body_bytes = 100000\nreplay_buffer_bytes = 1000\n{}",
        flink(&up.url())
    ))
    .await;
    let url = proxy.url("/proxy/f/jobmanager/jars/upload");
    let answer = send(
        "POST",
        &url,
        &[("content-length", "100001")],
        generated(100_001),
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("body_too_large"));
    assert_eq!(
        up.connections.load(Ordering::SeqCst),
        0,
        "a declared oversize body was forwarded"
    );
    // Chunked, so the size shows only on the way.
    let answer = send("POST", &url, &[], generated(300_000)).await;
    assert_eq!(
        answer.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        answer.text()
    );
    let answer = send("POST", &url, &[], generated(90_000)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(up.requests().last().unwrap().body_len, 90_000);
}

#[tokio::test]
async fn upstream_errors_pass_through_unchanged() {
    let up = upstream(|req, up| async move {
        up.record(req).await;
        let mut r = response(
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"errors":["org.apache.flink.runtime.rest.NotFoundException: Job not found"]}"#,
        );
        r.headers_mut().insert(
            "content-type",
            "application/json; charset=UTF-8".parse().unwrap(),
        );
        r.headers_mut()
            .insert("x-flink-thing", "1".parse().unwrap());
        r.headers_mut()
            .insert("set-cookie", "jsession=1".parse().unwrap());
        r
    })
    .await;
    let proxy = start_proxy(&flink(&up.url())).await;
    let answer = send(
        "PATCH",
        &proxy.url("/proxy/f/jobmanager/jobs/abc?mode=cancel"),
        &[],
        full(""),
    )
    .await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(answer.headers.get("x-switchboard-proxy").is_none());
    assert_eq!(
        answer.headers["content-type"],
        "application/json; charset=UTF-8"
    );
    assert_eq!(answer.headers["x-flink-thing"], "1");
    assert!(answer.headers.get("set-cookie").is_none());
    assert!(answer.text().contains("Job not found"));
    assert_eq!(up.requests()[0].method, "PATCH");
    assert_eq!(up.requests()[0].uri, "/jobs/abc?mode=cancel");
}

#[tokio::test]
async fn preflights_are_answered_by_the_proxy_and_plain_options_are_forwarded() {
    let up = upstream(|req, up| async move {
        up.record(req).await;
        Response::new(full("options from upstream"))
    })
    .await;
    let proxy = start_proxy(&flink(&up.url())).await;
    let url = proxy.url("/proxy/f/jobmanager/jobs/abc");
    let own = format!("http://{}", proxy.addr);
    let headers = [
        ("origin", own.as_str()),
        ("access-control-request-method", "PATCH"),
        ("access-control-request-headers", "content-type"),
    ];
    let answer = send("OPTIONS", &url, &headers, full("")).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert!(answer.headers["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("PATCH"));
    assert_eq!(
        answer.headers["access-control-allow-headers"],
        "content-type"
    );
    assert!(
        up.requests().is_empty(),
        "the preflight reached the upstream"
    );
    let answer = send("OPTIONS", &url, &[], full("")).await;
    assert_eq!(answer.text(), "options from upstream");
}
