//! Host names the proxy answers to (`allowed_hosts`): any other Host gets 421 on every path, and a
//! page counts as the proxy's own only when its Origin is an allowed host (DNS rebinding fails).

mod common;

use common::*;
use http::StatusCode;
use std::sync::atomic::Ordering;

fn flink(url: &str, extra: &str) -> String {
    format!("{extra}\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{url}'}}")
}

fn dist(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-hosts-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(
        dir.join("dist/index.html"),
        "<!DOCTYPE html><title>x</title>",
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn an_unknown_host_gets_421_on_every_path_and_reaches_no_upstream() {
    let wire = tripwire().await;
    let dir = dist("unknown");
    let proxy = start_proxy_in(&flink(&wire.url(), ""), &dir).await;
    for path in [
        "/",
        "/index.html",
        "/clusters.json",
        "/proxy/f/jobmanager/overview",
    ] {
        // A DNS-rebound page: its own origin, our address.
        let answer = get_with(
            &proxy.url(path),
            &[
                ("host", "evil.example:8080"),
                ("origin", "http://evil.example:8080"),
            ],
        )
        .await;
        assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST, "{path}");
        assert!(answer.text().contains("evil.example"), "{}", answer.text());
    }
    assert_eq!(wire.connections.load(Ordering::SeqCst), 0);
    // The loopback names pass with any port.
    for host in ["localhost:1234", "127.0.0.1", "[::1]:8080", "LocalHost"] {
        let answer = get_with(&proxy.url("/clusters.json"), &[("host", host)]).await;
        assert_eq!(answer.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn configured_hosts_replace_the_defaults_and_ports_can_be_pinned() {
    let up = echo_upstream("ok").await;
    let config = flink(
        &up.url(),
        "allowed_hosts = ['console.example.com', 'ops.example.com:8443']",
    );
    let proxy = start_proxy(&config).await;
    let status = |host: &'static str| {
        let url = proxy.url("/clusters.json");
        async move { get_with(&url, &[("host", host)]).await.status }
    };
    assert_eq!(status("console.example.com").await, StatusCode::OK);
    assert_eq!(status("console.example.com:443").await, StatusCode::OK);
    assert_eq!(status("ops.example.com:8443").await, StatusCode::OK);
    assert_eq!(
        status("ops.example.com").await,
        StatusCode::MISDIRECTED_REQUEST
    );
    assert_eq!(
        status("localhost:8080").await,
        StatusCode::MISDIRECTED_REQUEST
    );
    let answer = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[
            ("host", "console.example.com"),
            ("origin", "https://console.example.com"),
        ],
    )
    .await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "ok")
    );
}

#[tokio::test]
async fn x_forwarded_host_from_an_untrusted_peer_is_ignored() {
    let wire = tripwire().await;
    let proxy = start_proxy(&flink(&wire.url(), "")).await;
    // Host is allowed; the page claims its own origin through X-Forwarded-Host.
    let answer = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-host", "evil.example"),
            ("origin", "http://evil.example"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("not_allowed"));
    // Nor does it make an unknown Host acceptable.
    let answer = get_with(
        &proxy.url("/clusters.json"),
        &[("host", "evil.example"), ("x-forwarded-host", "localhost")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST);
    assert_eq!(wire.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn an_origin_must_be_the_allowed_host_the_request_was_sent_to() {
    let wire = tripwire().await;
    let proxy = start_proxy(&flink(&wire.url(), "")).await;
    // Another local site (a different port) is not the proxy's own origin.
    let answer = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://localhost:3000"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[
            ("host", "127.0.0.1:8080"),
            ("origin", "ftp://127.0.0.1:8080"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(wire.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_request_without_host_gets_421() {
    let proxy = start_proxy("").await;
    let raw = raw_request(proxy.addr, "GET /clusters.json HTTP/1.0\r\n\r\n").await;
    assert!(
        raw.starts_with("HTTP/1.0 421") || raw.starts_with("HTTP/1.1 421"),
        "{raw}"
    );
}
