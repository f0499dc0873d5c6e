//! The proxy adds the cluster's credentials (HTTP Basic from an environment variable or a file,
//! a CockroachDB session from logging in) and never forwards the browser's cookies.

mod common;

use common::*;
use http::{Response, StatusCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[tokio::test]
async fn basic_auth_from_env_replaces_the_browsers_and_cookies_stay_behind() {
    std::env::set_var("SB_TEST_DRUID_PASSWORD", "druid-secret");
    let up = echo_upstream("ok").await;
    let config = format!(
        "[[clusters]]\nname='d'\nsystem='druid'\ntargets={{router='{}'}}\nauth={{basic={{username='admin', password_env='SB_TEST_DRUID_PASSWORD'}}}}",
        up.url()
    );
    let proxy = start_proxy(&config).await;
    let headers = [
        ("authorization", "Basic YnJvd3Nlcjp4"),
        ("cookie", "theme=dark"),
        ("x-custom", "kept"),
        ("accept", "application/json"),
    ];
    let answer = send(
        "GET",
        &proxy.url("/proxy/d/router/status"),
        &headers,
        full(""),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let seen = &up.requests()[0];
    // base64("admin:druid-secret")
    assert_eq!(
        seen.headers["authorization"],
        "Basic YWRtaW46ZHJ1aWQtc2VjcmV0"
    );
    assert!(
        seen.headers.get("cookie").is_none(),
        "a browser cookie was forwarded"
    );
    assert_eq!(seen.headers["x-custom"], "kept");
    assert_eq!(seen.headers["accept"], "application/json");
    assert_eq!(seen.headers["host"], up.host_port().as_str());
    let clusters = get(&proxy.url("/clusters.json")).await.text();
    assert!(
        !clusters.contains("druid-secret") && !clusters.contains("YWRtaW46"),
        "{clusters}"
    );
}

#[tokio::test]
async fn basic_auth_from_a_file_and_browser_auth_passes_when_none_is_configured() {
    let dir = std::env::temp_dir().join(format!("sb-cred-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("sr-password"), "from-file\n").unwrap();
    let up = echo_upstream("ok").await;
    let plain = echo_upstream("ok").await;
    let config = format!(
        "[[clusters]]\nname='sr'\nsystem='starrocks'\ntargets={{fe='{}'}}\nauth={{basic={{username='root', password_file='sr-password'}}}}\n\
         [[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        up.url(),
        plain.url()
    );
    let proxy = start_proxy_in(&config, &dir).await;
    get(&proxy.url("/proxy/sr/fe/api/health")).await;
    assert_eq!(
        up.requests()[0].headers["authorization"],
        "Basic cm9vdDpmcm9tLWZpbGU="
    );
    get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[("authorization", "Bearer abc")],
    )
    .await;
    assert_eq!(plain.requests()[0].headers["authorization"], "Bearer abc");
}

/// A CockroachDB node: `/api/v2/login/` hands out numbered sessions; other paths need the
/// current one (`expire` makes every earlier session invalid).
struct FakeCockroach {
    logins: AtomicUsize,
    valid_from: AtomicUsize,
}

async fn fake_cockroach(state: Arc<FakeCockroach>) -> Arc<Upstream> {
    upstream(move |req, up| {
        let state = state.clone();
        async move {
            let seen = up.record(req).await;
            if seen.uri == "/api/v2/login/" {
                let body = String::from_utf8_lossy(&seen.body_start).into_owned();
                if body != "username=demo&password=p%40ss+word"
                    || seen.headers["content-type"] != "application/x-www-form-urlencoded"
                {
                    return response(
                        StatusCode::UNAUTHORIZED,
                        "the provided credentials did not match any account on the server\n",
                    );
                }
                let n = state.logins.fetch_add(1, Ordering::SeqCst) + 1;
                return Response::new(full(format!(r#"{{"session":"session-{n}"}}"#)));
            }
            let session = seen
                .headers
                .get("x-cockroach-api-session")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let number: usize = session
                .strip_prefix("session-")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            if number == 0 || number < state.valid_from.load(Ordering::SeqCst) {
                return response(StatusCode::UNAUTHORIZED, "invalid session header\n");
            }
            Response::new(full(format!(
                r#"{{"nodes":[],"seen_body":{}}}"#,
                seen.body_len
            )))
        }
    })
    .await
}

#[tokio::test]
async fn cockroach_sessions_are_obtained_reused_and_renewed() {
    std::env::set_var("SB_TEST_CRDB_PASSWORD", "p@ss word");
    let state = Arc::new(FakeCockroach {
        logins: AtomicUsize::new(0),
        valid_from: AtomicUsize::new(0),
    });
    let node = fake_cockroach(state.clone()).await;
    let config = format!(
        "[[clusters]]\nname='c'\nsystem='cockroach'\ntargets={{node=['{}']}}\nauth={{cockroach_login={{username='demo', password_env='SB_TEST_CRDB_PASSWORD'}}}}",
        node.url()
    );
    let proxy = start_proxy(&config).await;
    let url = proxy.url("/proxy/c/node/api/v2/nodes/");
    let answer = get_with(&url, &[("x-cockroach-api-session", "forged")]).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(get(&url).await.status, StatusCode::OK);
    assert_eq!(
        state.logins.load(Ordering::SeqCst),
        1,
        "the session is reused"
    );

    // The session expires: the proxy logs in again and repeats the request, body included.
    state.valid_from.store(2, Ordering::SeqCst);
    let answer = send(
        "POST",
        &proxy.url("/proxy/c/node/api/v2/sql/"),
        &[("content-type", "application/json")],
        full(r#"{"statements":[]}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.json()["seen_body"], 17);
    assert_eq!(state.logins.load(Ordering::SeqCst), 2);
    let sessions: Vec<String> = node
        .requests()
        .iter()
        .filter_map(|s| s.headers.get("x-cockroach-api-session"))
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert!(
        !sessions.contains(&"forged".to_string()),
        "the browser's session header was forwarded"
    );
    let clusters = get(&proxy.url("/clusters.json")).await.json();
    assert_eq!(clusters["clusters"][0]["auth"], "session");
}

#[tokio::test]
async fn a_refused_login_comes_back_as_the_upstreams_answer() {
    std::env::set_var("SB_TEST_CRDB_WRONG", "wrong");
    let state = Arc::new(FakeCockroach {
        logins: AtomicUsize::new(0),
        valid_from: AtomicUsize::new(0),
    });
    let node = fake_cockroach(state).await;
    let config = format!(
        "[[clusters]]\nname='c'\nsystem='cockroach'\ntargets={{node=['{}']}}\nauth={{cockroach_login={{username='demo', password_env='SB_TEST_CRDB_WRONG'}}}}",
        node.url()
    );
    let proxy = start_proxy(&config).await;
    let answer = get(&proxy.url("/proxy/c/node/api/v2/nodes/")).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.headers["x-switchboard-login"], "failed");
    assert!(answer.text().contains("credentials did not match"));
    assert!(!answer.text().contains("wrong"));
}
