//! Redirects are followed by the proxy only to hosts of the same cluster, with the cluster's
//! credentials re-sent; StarRocks stream load goes FE -> 307 -> BE with `Expect: 100-continue`.

mod common;

use common::*;
use http::{Response, StatusCode};
use std::sync::atomic::Ordering;

/// Behaves like a StarRocks FE's `_stream_load`: refuses requests without `Expect: 100-continue`,
/// otherwise answers 307 to `be` before reading the body. Also answers `show_proc` for discovery.
async fn fake_fe(be: String) -> std::sync::Arc<Upstream> {
    let be_port: u16 = be.rsplit(':').next().unwrap().parse().unwrap();
    upstream(move |req, up| {
        let be = be.clone();
        async move {
            if req.uri().path().starts_with("/api/show_proc") {
                up.record(req).await;
                let list = format!(r#"[{{"IP":"127.0.0.1","HttpPort":"{be_port}"}}]"#);
                return Response::new(full(list));
            }
            let seen = up.record_head(&req);
            if seen.headers.get("expect").is_none_or(|v| v != "100-continue") {
                let failed = r#"{"Status":"FAILED","Message":"class com.starrocks.common.DdlException: There is no 100-continue header"}"#;
                return Response::new(full(failed));
            }
            let mut r = response(StatusCode::TEMPORARY_REDIRECT, "");
            let location = format!("http://{be}{}", req.uri().path_and_query().unwrap());
            r.headers_mut().insert("location", location.parse().unwrap());
            r
        }
    })
    .await
}

async fn fake_be() -> std::sync::Arc<Upstream> {
    upstream(|req, up| async move {
        let seen = up.record(req).await;
        Response::new(full(format!(
            r#"{{"Status":"Success","NumberLoadedRows":{},"LoadBytes":{}}}"#,
            seen.body_len / 10,
            seen.body_len
        )))
    })
    .await
}

fn starrocks_config(fe: &Upstream, discovery: bool, be_list: &str) -> String {
    format!(
        "[[clusters]]\nname='sr'\nsystem='starrocks'\ndiscovery={discovery}\n[clusters.targets]\nfe='{}'\n{be_list}\n[clusters.auth]\nbasic={{username='root'}}",
        fe.url()
    )
}

#[tokio::test]
async fn stream_load_follows_the_fe_redirect_to_a_reported_be_with_credentials() {
    let be = fake_be().await;
    let fe = fake_fe(be.host_port()).await;
    let proxy = start_proxy(&starrocks_config(&fe, true, "")).await;
    let url = proxy.url("/proxy/sr/fe/api/demo/orders/_stream_load?timeout=60");
    let size: u64 = 3 * 1024 * 1024;
    let length = size.to_string();
    let headers = [
        ("content-length", length.as_str()),
        ("label", "load-1"),
        ("column_separator", ","),
        ("cookie", "console=1"),
    ];
    let answer = send("PUT", &url, &headers, generated(size)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.json()["LoadBytes"], size);
    assert_eq!(answer.headers["x-switchboard-upstream"], be.url().as_str());

    let at_fe = fe
        .requests()
        .into_iter()
        .find(|s| s.uri.contains("_stream_load"))
        .unwrap();
    assert_eq!(at_fe.headers["expect"], "100-continue");
    let at_be = be.requests();
    assert_eq!(at_be.len(), 1);
    let at_be = &at_be[0];
    assert_eq!(at_be.uri, "/api/demo/orders/_stream_load?timeout=60");
    assert_eq!(
        at_be.body_len, size,
        "the BE got the whole body, so the FE attempt never consumed it"
    );
    assert_eq!(
        at_be.headers["authorization"], "Basic cm9vdDo=",
        "credentials are re-sent to the BE"
    );
    assert_eq!(at_be.headers["expect"], "100-continue");
    assert_eq!(at_be.headers["label"], "load-1");
    assert!(at_be.headers.get("cookie").is_none());

    // A small body (kept in memory) takes the same path, still with Expect for the FE.
    let answer = send("PUT", &url, &[("label", "load-2")], full("1,a\n2,b\n")).await;
    assert_eq!(answer.json()["LoadBytes"], 8);
    assert_eq!(be.requests()[1].body_start, "1,a\n2,b\n");
}

#[tokio::test]
async fn a_redirect_to_a_configured_be_is_followed_without_discovery() {
    let be = fake_be().await;
    let fe = fake_fe(be.host_port()).await;
    let proxy = start_proxy(&starrocks_config(
        &fe,
        false,
        &format!("be=['{}']", be.url()),
    ))
    .await;
    let answer = send(
        "PUT",
        &proxy.url("/proxy/sr/fe/api/db/t/_stream_load"),
        &[],
        full("x".repeat(100)),
    )
    .await;
    assert_eq!(answer.json()["LoadBytes"], 100);
    assert_eq!(be.requests()[0].headers["authorization"], "Basic cm9vdDo=");
}

#[tokio::test]
async fn a_redirect_outside_the_cluster_is_passed_back_not_followed() {
    let stranger = tripwire().await;
    let fe = fake_fe(stranger.host_port()).await;
    let proxy = start_proxy(&starrocks_config(&fe, false, "")).await;
    let answer = send(
        "PUT",
        &proxy.url("/proxy/sr/fe/api/db/t/_stream_load"),
        &[],
        full("1,a\n"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::TEMPORARY_REDIRECT);
    assert!(answer.headers["location"]
        .to_str()
        .unwrap()
        .contains(&stranger.host_port()));
    assert_eq!(
        stranger.connections.load(Ordering::SeqCst),
        0,
        "the foreign host was contacted"
    );
}

#[tokio::test]
async fn druid_leader_redirects_resend_small_bodies_and_relative_ones_stay_on_the_host() {
    let leader = echo_upstream("accepted").await;
    let leader_url = leader.url();
    let follower = upstream(move |req, up| {
        let leader_url = leader_url.clone();
        async move {
            let seen = up.record_head(&req);
            let mut r = response(StatusCode::TEMPORARY_REDIRECT, "");
            let location = if seen.uri.starts_with("/old") {
                "/druid/indexer/v1/task".to_string()
            } else {
                format!("{leader_url}{}", seen.uri)
            };
            r.headers_mut()
                .insert("location", location.parse().unwrap());
            r
        }
    })
    .await;
    let config = format!(
        "[[clusters]]\nname='d'\nsystem='druid'\ntargets={{router='{}', overlord='{}'}}",
        leader.url(),
        follower.url()
    );
    let proxy = start_proxy(&config).await;
    let task = r#"{"type":"index_parallel","spec":{}}"#;
    let answer = send(
        "POST",
        &proxy.url("/proxy/d/overlord/druid/indexer/v1/task"),
        &[("content-type", "application/json")],
        full(task),
    )
    .await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "accepted")
    );
    let at_leader = &leader.requests()[0];
    assert_eq!(at_leader.body_start, task);
    assert_eq!(at_leader.method, "POST");

    // A relative Location stays on the same upstream (which redirects again, to the leader).
    let answer = get(&proxy.url("/proxy/d/overlord/old")).await;
    assert_eq!(answer.text(), "accepted");
    assert_eq!(leader.requests()[1].uri, "/druid/indexer/v1/task");
}

#[tokio::test]
async fn redirect_loops_end_with_the_last_redirect() {
    let looping = upstream(|req, up| async move {
        up.record_head(&req);
        let mut r = response(StatusCode::FOUND, "");
        r.headers_mut()
            .insert("location", "/again".parse().unwrap());
        r
    })
    .await;
    let proxy = start_proxy(&format!(
        "[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        looping.url()
    ))
    .await;
    let answer = get(&proxy.url("/proxy/f/jobmanager/start")).await;
    assert_eq!(answer.status, StatusCode::FOUND);
    assert_eq!(
        looping.requests().len(),
        6,
        "the first request and five followed redirects"
    );
}

#[tokio::test]
async fn a_be_that_refuses_before_reading_gets_no_body_and_its_answer_comes_back() {
    let be = upstream(|req, up| async move {
        // Like a BE whose label already exists: answers at once, without `100 Continue`.
        up.record_head(&req);
        Response::new(full(r#"{"Status":"Label Already Exists","Message":"Label [load-1] has already been used."}"#))
    })
    .await;
    let fe = fake_fe(be.host_port()).await;
    let proxy = start_proxy(&starrocks_config(&fe, true, "")).await;
    let size: u64 = 64 * 1024 * 1024;
    let length = size.to_string();
    let pulled = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = pulled.clone();
    let body = http_body_util::BodyExt::boxed(http_body_util::BodyExt::map_frame(
        generated(size),
        move |frame| {
            if let Some(data) = frame.data_ref() {
                counter.fetch_add(data.len() as u64, Ordering::SeqCst);
            }
            frame
        },
    ));
    let answer = send(
        "PUT",
        &proxy.url("/proxy/sr/fe/api/db/t/_stream_load"),
        &[("content-length", length.as_str()), ("label", "load-1")],
        body,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["Status"], "Label Already Exists");
    assert!(
        pulled.load(Ordering::SeqCst) < size / 2,
        "the proxy uploaded {} bytes nobody wanted",
        pulled.load(Ordering::SeqCst)
    );
}
