//! Never an open proxy: only configured upstreams and nodes the cluster reports are reached;
//! escaping paths, unknown names and foreign callers are refused before any connection is made.

mod common;

use common::*;
use http::StatusCode;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn unknown_cluster_and_target_are_404_proxy_errors() {
    let up = echo_upstream("ok").await;
    let proxy = start_proxy(&format!(
        "[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        up.url()
    ))
    .await;

    let answer = get(&proxy.url("/proxy/nope/jobmanager/overview")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        answer.proxy_error_kind().as_deref(),
        Some("unknown_cluster")
    );
    assert_eq!(answer.json()["proxyError"]["cluster"], "nope");

    let answer = get(&proxy.url("/proxy/f/router/status")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("unknown_target"));

    assert!(up.requests().is_empty(), "nothing reached the upstream");
    let answer = get(&proxy.url("/proxy/f/jobmanager/overview?x=1")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(up.requests()[0].uri, "/overview?x=1");
}

#[tokio::test]
async fn an_unlisted_node_is_refused_without_touching_it() {
    let listed = echo_upstream("ok").await;
    let unlisted = tripwire().await;
    let config = format!(
        "[[clusters]]\nname='c'\nsystem='cockroach'\ntargets={{node=['{}']}}",
        listed.url()
    );
    let proxy = start_proxy(&config).await;

    let answer = get(&proxy.url(&format!(
        "/proxy/c/node:{}/api/v2/health/",
        unlisted.host_port()
    )))
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("not_allowed"));
    assert_eq!(
        unlisted.connections.load(Ordering::SeqCst),
        0,
        "the unlisted node was contacted"
    );

    let answer = get(&proxy.url(&format!(
        "/proxy/c/node:{}/api/v2/health/",
        listed.host_port()
    )))
    .await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn escaping_paths_are_refused_and_never_forwarded() {
    let up = tripwire().await;
    let proxy = start_proxy(&format!(
        "[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}/flink'}}",
        up.url()
    ))
    .await;
    for path in [
        "/proxy/f/jobmanager/../secret",
        "/proxy/f/jobmanager/%2e%2e/secret",
        "/proxy/f/jobmanager/jobs/.%2E/.%2e/x",
        "/proxy/f/jobmanager/a%2F..%2Fb",
        "/proxy/f/jobmanager//evil.example/x",
        "/proxy/f/jobmanager/http://evil.example/",
        "/proxy/f/jobmanager/a\\..\\b",
    ] {
        let raw = raw_request(
            proxy.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        )
        .await;
        let head = raw.lines().next().unwrap_or("");
        assert!(
            head.contains(" 403 ") || head.contains(" 400 "),
            "{path} answered {head}"
        );
        if head.contains(" 403 ") {
            assert!(raw.contains("\"bad_path\""), "{path}: {raw}");
        }
    }
    // An absolute-form request line names a host; it must be ignored, not used.
    let raw = raw_request(
        proxy.addr,
        &format!(
            "GET http://{}/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            up.host_port()
        ),
    )
    .await;
    assert!(!raw.contains("tripwire"), "absolute URL was fetched: {raw}");
    assert_eq!(
        up.connections.load(Ordering::SeqCst),
        0,
        "an escaping request reached the network"
    );
}

#[tokio::test]
async fn discovery_allows_only_nodes_the_cluster_reports() {
    let be = echo_upstream("be ok").await;
    let cn = echo_upstream("cn ok").await;
    let stranger = tripwire().await;
    let (be_addr, cn_addr) = (be.addr, cn.addr);
    let fe = upstream(move |req, up| async move {
        let seen = up.record(req).await;
        let body = if seen.uri.contains("/backends") {
            format!(
                r#"[{{"BackendId":"1","IP":"127.0.0.1","HttpPort":"{}","Alive":"true"}}]"#,
                be_addr.port()
            )
        } else if seen.uri.contains("/compute_nodes") {
            format!(
                r#"[{{"ComputeNodeId":"2","IP":"127.0.0.1","HttpPort":"{}"}}]"#,
                cn_addr.port()
            )
        } else {
            "{}".to_string()
        };
        http::Response::new(full(body))
    })
    .await;
    let config = format!("[[clusters]]\nname='sr'\nsystem='starrocks'\ndiscovery=true\ntargets={{fe='{}'}}\nauth={{basic={{username='root'}}}}", fe.url());
    let proxy = start_proxy(&config).await;

    let answer = get(&proxy.url(&format!("/proxy/sr/be:{}/api/health", be.host_port()))).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "be ok")
    );
    let answer = get(&proxy.url(&format!("/proxy/sr/cn:{}/metrics", cn.host_port()))).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "cn ok")
    );
    // A BE address is not a CN, and a host the FE never named is refused.
    let answer = get(&proxy.url(&format!("/proxy/sr/cn:{}/metrics", be.host_port()))).await;
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("not_allowed"));
    let answer =
        get(&proxy.url(&format!("/proxy/sr/be:{}/api/health", stranger.host_port()))).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(stranger.connections.load(Ordering::SeqCst), 0);
    // The FE was asked with the cluster's credentials.
    let asked = fe.requests();
    assert!(asked
        .iter()
        .any(|s| s.uri == "/api/show_proc?path=/backends"));
    assert!(asked.iter().all(|s| s
        .headers
        .get("authorization")
        .is_some_and(|v| v == "Basic cm9vdDo=")));
}

#[tokio::test]
async fn druid_and_meta_discovery_read_their_node_lists() {
    let historical = echo_upstream("historical").await;
    let worker = echo_upstream("middle manager").await;
    let peon = echo_upstream("peon").await;
    let (h, w, p) = (historical.host_port(), worker.host_port(), peon.addr.port());
    let coordinator = upstream(move |req, up| {
        let (h, w) = (h.clone(), w.clone());
        async move {
            let seen = up.record(req).await;
            let body = if seen.uri.starts_with("/druid/coordinator/v1/servers") {
                format!(r#"[{{"host":"{h}","tier":"_default_tier","type":"historical"}}]"#)
            } else if seen.uri.starts_with("/druid/indexer/v1/runningTasks") {
                format!(
                    r#"[{{"id":"t1","location":{{"host":"127.0.0.1","port":{p},"tlsPort":-1}}}},
                        {{"id":"t2","location":{{"host":"169.254.169.254","port":8100,"tlsPort":-1}}}}]"#
                )
            } else {
                format!(r#"[{{"worker":{{"scheme":"http","host":"{w}","ip":"127.0.0.1"}},"currCapacityUsed":0}}]"#)
            };
            http::Response::new(full(body))
        }
    })
    .await;
    let config = format!(
        "[[clusters]]\nname='d'\nsystem='druid'\ndiscovery=true\ntargets={{router='{}'}}",
        coordinator.url()
    );
    let proxy = start_proxy(&config).await;
    let answer = get(&proxy.url(&format!(
        "/proxy/d/node:{}/druid/historical/v1/loadstatus",
        historical.host_port()
    )))
    .await;
    assert_eq!(answer.text(), "historical");
    let answer = get(&proxy.url(&format!(
        "/proxy/d/node:{}/druid/worker/v1/enabled",
        worker.host_port()
    )))
    .await;
    assert_eq!(answer.text(), "middle manager");
    // A running task's peon, by the location the overlord reports; a reported peon on a metadata
    // address and a port no task reports get nothing.
    let answer = get(&proxy.url(&format!(
        "/proxy/d/node:{}/druid/worker/v1/chat/t1/rowStats",
        peon.host_port()
    )))
    .await;
    assert_eq!(answer.text(), "peon");
    for node in ["169.254.169.254:8100", "127.0.0.1:9"] {
        let answer = get(&proxy.url(&format!(
            "/proxy/d/node:{node}/druid/worker/v1/chat/t2/rowStats"
        )))
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{node}");
        assert_eq!(answer.proxy_error_kind().as_deref(), Some("not_allowed"));
    }

    let meta2 = echo_upstream("meta 2").await;
    let port2 = meta2.addr.port();
    let meta1 = upstream(move |req, up| async move {
        up.record(req).await;
        http::Response::new(full(format!(r#"[{{"name":"2","endpoint":{{"addr":"127.0.0.1","port":{port2}}},"grpc_api_advertise_address":null}}]"#)))
    })
    .await;
    let config = format!(
        "[[clusters]]\nname='m'\nsystem='databend-meta'\ndiscovery=true\ntargets={{meta=['{}']}}",
        meta1.url()
    );
    let proxy = start_proxy(&config).await;
    let answer = get(&proxy.url(&format!(
        "/proxy/m/node:{}/v1/cluster/status",
        meta2.host_port()
    )))
    .await;
    assert_eq!(answer.text(), "meta 2");
}

#[tokio::test]
async fn pages_on_other_origins_cannot_use_the_proxy() {
    let up = tripwire().await;
    let proxy = start_proxy(&format!("cors_origins=['http://127.0.0.1:1']\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}", up.url())).await;
    let url = proxy.url("/proxy/f/jobmanager/jobs/1/yarn-cancel");
    let answer = get_with(&url, &[("origin", "http://evil.example")]).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("not_allowed"));
    let answer = get_with(&url, &[("sec-fetch-site", "cross-site")]).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = send("TRACE", &url, &[], full("")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(up.connections.load(Ordering::SeqCst), 0);

    // The proxy's own origin and configured origins pass; the latter get CORS headers.
    let own = format!("http://{}", proxy.addr);
    let answer = get_with(&url, &[("origin", own.as_str())]).await;
    assert_eq!(answer.status, StatusCode::IM_A_TEAPOT);
    let answer = get_with(&url, &[("origin", "http://127.0.0.1:1")]).await;
    assert_eq!(
        answer.headers["access-control-allow-origin"],
        "http://127.0.0.1:1"
    );
}
