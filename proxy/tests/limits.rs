//! `[limits]`: stalled clients and upstreams, buffered answers, connections, shutdown.

mod common;

use common::*;
use http::{Response, StatusCode};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn flink(up: &Upstream, limits: &str) -> String {
    format!(
        "[limits]\n{limits}\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        up.url()
    )
}

/// Sends `head` and `body_start`, then nothing; returns the answer and how long it took.
async fn stalled_upload(addr: std::net::SocketAddr, length: u64) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /proxy/f/jobmanager/jars/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n\r\nabc"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut out = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut out))
        .await
        .map_or(0, |r| r.unwrap_or(0));
    (
        String::from_utf8_lossy(&out[..n]).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test]
async fn a_client_that_stops_sending_its_body_gets_408() {
    let up = echo_upstream("ok").await;
    let proxy = start_proxy(&flink(
        &up,
        "request_body_timeout_ms=300\nreplay_buffer_bytes=1000",
    ))
    .await;
    // A small body (buffered) and a large one (streamed upstream).
    for length in [10, 100_000] {
        let (answer, took) = stalled_upload(proxy.addr, length).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{length}: {answer}");
        assert!(answer.contains("client_timeout"), "{answer}");
        assert!(took < Duration::from_secs(3), "took {took:?}");
    }
}

#[tokio::test]
async fn an_upstream_that_stalls_its_body_has_the_response_cut() {
    let up = upstream(|req, up| async move {
        up.record_head(&req);
        let first = futures_util::stream::once(async {
            Ok::<_, BoxError>(hyper::body::Frame::data(bytes::Bytes::from_static(b"part")))
        });
        let stream = futures_util::StreamExt::chain(first, futures_util::stream::pending());
        Response::new(http_body_util::BodyExt::boxed(
            http_body_util::StreamBody::new(stream),
        ))
    })
    .await;
    let proxy = start_proxy(&flink(&up, "upstream_idle_timeout_ms=300")).await;
    let started = Instant::now();
    let raw = raw_request(
        proxy.addr,
        "GET /proxy/f/jobmanager/log HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(raw.starts_with("HTTP/1.1 200"), "{raw}");
    assert!(raw.contains("part"), "{raw}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the response stayed open for {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_node_list_larger_than_the_buffer_limit_is_refused_with_the_reason() {
    let fe = upstream(|req, up| async move {
        up.record(req).await;
        Response::new(full(format!(
            "[{}]",
            "{\"IP\":\"127.0.0.1\"},".repeat(200) + "{}"
        )))
    })
    .await;
    let config = format!(
        "[limits]\nmax_buffered_bytes=1000\n[[clusters]]\nname='sr'\nsystem='starrocks'\ndiscovery=true\ntargets={{fe='{}'}}",
        fe.url()
    );
    let proxy = start_proxy(&config).await;
    let answer = get(&proxy.url("/proxy/sr/be:127.0.0.1:9/api/health")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        answer.text().contains("max_buffered_bytes (1000 bytes)"),
        "{}",
        answer.text()
    );
}

#[tokio::test]
async fn connections_over_the_limit_wait_for_a_free_one() {
    let up = echo_upstream("ok").await;
    let proxy = start_proxy(&flink(&up, "max_connections=1")).await;
    let url = proxy.url("/proxy/f/jobmanager/overview");
    let idle = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let waiting = tokio::time::timeout(Duration::from_millis(500), get(&url)).await;
    assert!(waiting.is_err(), "a second connection was served");
    drop(idle);
    let answer = tokio::time::timeout(Duration::from_secs(5), get(&url))
        .await
        .expect("served once the first connection closed");
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn on_shutdown_open_requests_finish_within_the_grace_then_are_dropped() {
    let slow = upstream(|req, up| async move {
        let seen = up.record_head(&req);
        let wait = if seen.uri.contains("quick") {
            200
        } else {
            30_000
        };
        tokio::time::sleep(Duration::from_millis(wait)).await;
        response(StatusCode::OK, "done")
    })
    .await;
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let (proxy, serving) =
        start_stoppable_proxy(&flink(&slow, "shutdown_grace_ms=1000"), stopped).await;
    let quick = tokio::spawn(get_owned(proxy.url("/proxy/f/jobmanager/quick")));
    let hanging = tokio::spawn(raw_owned(proxy.addr));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    stop.send(()).unwrap();
    let answer = quick.await.unwrap();
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "done")
    );
    tokio::time::timeout(Duration::from_secs(5), serving)
        .await
        .expect("the server stops after the grace")
        .unwrap()
        .unwrap();
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(3),
        "{took:?}"
    );
    assert_eq!(
        hanging.await.unwrap(),
        "",
        "the hanging request got an answer"
    );
    assert!(
        tokio::net::TcpStream::connect(proxy.addr).await.is_err(),
        "still listening"
    );
}

async fn get_owned(url: String) -> Answer {
    get(&url).await
}

async fn raw_owned(addr: std::net::SocketAddr) -> String {
    raw_request(
        addr,
        "GET /proxy/f/jobmanager/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    )
    .await
}
