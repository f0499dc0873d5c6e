//! Reported nodes and redirect targets get the cluster's credentials only on allowed addresses:
//! never link-local or metadata addresses, by default only the configured upstreams' addresses.

mod common;

use common::*;
use http::{Response, StatusCode};

/// A StarRocks FE whose backend list names `ip:port`.
async fn fe_reporting(ip: &'static str, port: u16) -> std::sync::Arc<Upstream> {
    upstream(move |req, up| async move {
        up.record(req).await;
        Response::new(full(format!(r#"[{{"IP":"{ip}","HttpPort":"{port}"}}]"#)))
    })
    .await
}

fn starrocks(fe: &Upstream, extra: &str) -> String {
    format!(
        "[limits]\nconnect_timeout_ms=300\nrequest_timeout_ms=1000\n[[clusters]]\nname='sr'\nsystem='starrocks'\ndiscovery=true\n{extra}\ntargets={{fe='{}'}}\nauth={{basic={{username='root'}}}}",
        fe.url()
    )
}

#[tokio::test]
async fn a_reported_metadata_or_link_local_node_is_refused_with_the_reason() {
    for (ip, why) in [
        ("169.254.169.254", "metadata"),
        ("169.254.3.4", "link-local"),
    ] {
        let fe = fe_reporting(ip, 80).await;
        let proxy = start_proxy(&starrocks(&fe, "allowed_networks=['0.0.0.0/0']")).await;
        let answer = get(&proxy.url(&format!("/proxy/sr/be:{ip}:80/api/health"))).await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{ip}: {}",
            answer.text()
        );
        assert_eq!(answer.proxy_error_kind().as_deref(), Some("not_allowed"));
        let message = answer.json()["proxyError"]["message"].to_string();
        assert!(message.contains(ip) && message.contains(why), "{message}");
    }
}

#[tokio::test]
async fn by_default_a_reported_node_must_be_on_a_configured_address() {
    let be = echo_upstream("be ok").await;
    let port = be.addr.port();
    let fe = fe_reporting("localhost", port).await;
    let proxy = start_proxy(&starrocks(&fe, "")).await;
    let answer = get(&proxy.url(&format!("/proxy/sr/be:localhost:{port}/api/health"))).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.text());
    assert!(answer.text().contains("localhost"), "{}", answer.text());
    assert!(be.requests().is_empty(), "the node got the credentials");

    // With the network listed, the same node is reached (the name is resolved).
    let proxy = start_proxy(&starrocks(
        &fe,
        "allowed_networks=['127.0.0.0/8', '::1/128']",
    ))
    .await;
    let answer = get(&proxy.url(&format!("/proxy/sr/be:localhost:{port}/api/health"))).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "be ok")
    );
}

#[tokio::test]
async fn a_redirect_to_a_reported_node_off_the_allowed_addresses_is_passed_back() {
    let be = echo_upstream("be ok").await;
    let port = be.addr.port();
    let redirecting = upstream(move |req, up| async move {
        let seen = up.record_head(&req);
        if seen.uri.starts_with("/api/show_proc") {
            return Response::new(full(format!(
                r#"[{{"IP":"localhost","HttpPort":"{port}"}}]"#
            )));
        }
        let mut r = response(StatusCode::TEMPORARY_REDIRECT, "");
        let location = format!("http://localhost:{port}{}", seen.uri);
        r.headers_mut()
            .insert("location", location.parse().unwrap());
        r
    })
    .await;
    let proxy = start_proxy(&starrocks(&redirecting, "")).await;
    let answer = get(&proxy.url("/proxy/sr/fe/api/x")).await;
    assert_eq!(answer.status, StatusCode::TEMPORARY_REDIRECT);
    assert!(
        be.requests().is_empty(),
        "the redirect was followed with credentials"
    );
}

#[tokio::test]
async fn a_redirect_that_changes_the_scheme_is_passed_back() {
    let redirecting = upstream(move |req, up| async move {
        let seen = up.record_head(&req);
        let mut r = response(StatusCode::FOUND, "");
        let location = format!("https://{}/x", seen.headers["host"].to_str().unwrap());
        r.headers_mut()
            .insert("location", location.parse().unwrap());
        r
    })
    .await;
    let proxy = start_proxy(&format!(
        "[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        redirecting.url()
    ))
    .await;
    let answer = get(&proxy.url("/proxy/f/jobmanager/start")).await;
    assert_eq!(answer.status, StatusCode::FOUND);
    assert_eq!(redirecting.requests().len(), 1);
}
