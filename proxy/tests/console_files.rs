//! Serving the built console: SPA fallback only for page loads, cache headers, compression,
//! a clear page when it is not built, the base path, and `clusters.json` without secrets.

mod common;

use common::*;
use http::StatusCode;
use std::path::PathBuf;

const INDEX: &str =
    "<!DOCTYPE html><html><head><title>Switchboard</title></head><body></body></html>";

fn dist(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-dist-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("dist/snippets/app-0123456789abcdef")).unwrap();
    std::fs::write(dir.join("dist/index.html"), INDEX).unwrap();
    std::fs::write(
        dir.join("dist/app-0123456789abcdef.js"),
        "export function start() { console.log('switchboard'); }\n".repeat(50),
    )
    .unwrap();
    std::fs::write(
        dir.join("dist/favicon.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .unwrap();
    dir
}

const HTML: (&str, &str) = ("accept", "text/html,application/xhtml+xml");

#[tokio::test]
async fn pages_fall_back_to_index_and_assets_do_not() {
    let dir = dist("fallback");
    let proxy = start_proxy_in("", &dir).await;

    let answer = get(&proxy.url("/")).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, INDEX)
    );
    assert_eq!(answer.headers["cache-control"], "no-cache");

    for page in [
        "/flink/demo-flink/jobs",
        "/druid/demo-druid/datasources/wiki.edits",
        "/starrocks/sr/be",
    ] {
        let answer = get_with(&proxy.url(page), &[HTML]).await;
        assert_eq!(
            (answer.status, answer.text().as_str()),
            (StatusCode::OK, INDEX),
            "{page}"
        );
        assert_eq!(answer.headers["cache-control"], "no-cache");
    }

    let answer = get(&proxy.url("/app-0123456789abcdef.js")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let answer = get(&proxy.url("/favicon.svg")).await;
    assert_eq!(
        (
            answer.status,
            answer.headers["cache-control"].to_str().unwrap()
        ),
        (StatusCode::OK, "no-cache")
    );

    // Missing files that are not pages, and hashed assets, are 404 even for a browser.
    assert_eq!(
        get_with(&proxy.url("/app-fedcba9876543210.js"), &[HTML])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_with(&proxy.url("/theme.css"), &[("accept", "text/css")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // proxy/ paths never turn into the console page.
    let answer = get_with(&proxy.url("/proxy/nope/jobmanager/x"), &[HTML]).await;
    assert_eq!(
        answer.proxy_error_kind().as_deref(),
        Some("unknown_cluster")
    );
    assert_eq!(
        send("POST", &proxy.url("/"), &[], full("x")).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn files_are_compressed_when_the_browser_accepts_it() {
    let dir = dist("compress");
    let proxy = start_proxy_in("", &dir).await;
    let url = proxy.url("/app-0123456789abcdef.js");
    let plain = get(&url).await;
    assert!(plain.headers.get("content-encoding").is_none());
    for (accept, expected) in [("gzip", "gzip"), ("br", "br"), ("gzip, deflate, br", "br")] {
        let answer = get_with(&url, &[("accept-encoding", accept)]).await;
        assert_eq!(
            answer.headers["content-encoding"], expected,
            "for Accept-Encoding: {accept}"
        );
        assert!(
            answer.body.len() < plain.body.len() / 4,
            "{expected} did not shrink the file"
        );
        assert_eq!(
            answer.headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
    }
    let answer = get_with(
        &proxy.url("/some/page"),
        &[HTML, ("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(answer.headers["content-encoding"], "gzip");
}

#[tokio::test]
async fn a_missing_build_is_a_clear_503_while_the_proxy_works() {
    let dir = std::env::temp_dir().join(format!("sb-nodist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let up = echo_upstream("flink").await;
    let proxy = start_proxy_in(
        &format!(
            "[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
            up.url()
        ),
        &dir,
    )
    .await;
    let answer = get_with(&proxy.url("/flink/f/jobs"), &[HTML]).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answer.text().contains("has not been built"));
    assert!(answer.text().contains("index.html"));
    assert_eq!(
        get(&proxy.url("/clusters.json")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(&proxy.url("/proxy/f/jobmanager/overview")).await.text(),
        "flink"
    );
}

#[tokio::test]
async fn everything_lives_under_the_base_path() {
    let dir = dist("base");
    let up = echo_upstream("flink").await;
    let config = format!("base_path = '/console/'\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}", up.url());
    let proxy = start_proxy_in(&config, &dir).await;
    assert_eq!(get(&proxy.url("/console/")).await.text(), INDEX);
    assert_eq!(
        get_with(&proxy.url("/console/flink/f/jobs"), &[HTML])
            .await
            .text(),
        INDEX
    );
    let answer = get(&proxy.url("/console")).await;
    assert_eq!(
        (answer.status, answer.headers["location"].to_str().unwrap()),
        (StatusCode::PERMANENT_REDIRECT, "/console/")
    );
    assert_eq!(
        get_with(&proxy.url("/flink/f/jobs"), &[HTML]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&proxy.url("/console/clusters.json")).await.json()["clusters"][0]["name"],
        "f"
    );
    assert_eq!(
        get(&proxy.url("/console/proxy/f/jobmanager/overview"))
            .await
            .text(),
        "flink"
    );
    assert_eq!(up.requests()[0].uri, "/overview");
    assert_eq!(
        get(&proxy.url("/proxy/f/jobmanager/overview")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn clusters_json_lists_targets_and_auth_kinds_but_no_secrets() {
    std::env::set_var("SB_TEST_CLUSTERS_PW", "very-secret-value");
    let dead = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap()
    };
    let live = echo_upstream("flink").await;
    let config = format!(
        r#"
        [[clusters]]
        name = "sr"
        system = "starrocks"
        discovery = true
        targets = {{ fe = "http://127.0.0.1:28030", be = ["http://127.0.0.1:28040"] }}
        auth = {{ basic = {{ username = "root", password_env = "SB_TEST_CLUSTERS_PW" }} }}
        [[clusters]]
        name = "crdb"
        system = "cockroach"
        tag = "simulated"
        description = "Three simulated nodes"
        targets = {{ node = ["http://127.0.0.1:28501", "http://127.0.0.1:28502"] }}
        [[clusters]]
        name = "crdb-held"
        system = "cockroach"
        targets = {{ node = ["http://127.0.0.1:28503"] }}
        auth = {{ cockroach_login = {{ username = "demo", password_env = "SB_TEST_CLUSTERS_PW" }} }}
        [[clusters]]
        name = "flink-down"
        system = "flink"
        optional = true
        targets = {{ jobmanager = "http://{dead}" }}
        [[clusters]]
        name = "flink-up"
        system = "flink"
        optional = true
        targets = {{ jobmanager = "{}" }}
        "#,
        live.url()
    );
    let proxy = start_proxy(&config).await;
    let answer = get(&proxy.url("/clusters.json")).await;
    assert_eq!(answer.headers["cache-control"], "no-cache");
    assert!(
        !answer.text().contains("very-secret-value") && !answer.text().contains("root"),
        "{}",
        answer.text()
    );
    let doc = answer.json();
    let names: Vec<&str> = doc["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["sr", "crdb", "crdb-held", "flink-up"],
        "an optional cluster that does not answer is left out"
    );
    let sr = &doc["clusters"][0];
    assert_eq!(sr["system"], "starrocks");
    assert_eq!(sr["mode"], "proxy");
    assert_eq!(sr["auth"], "basic");
    assert_eq!(sr["discovery"], true);
    assert_eq!(sr["endpoints"]["fe"], "http://127.0.0.1:28030");
    assert_eq!(
        sr["endpoints"]["be:127.0.0.1:28040"],
        "http://127.0.0.1:28040"
    );
    let crdb = &doc["clusters"][1];
    assert_eq!(crdb["auth"], "none");
    assert_eq!(crdb["about"]["tag"], "simulated");
    assert_eq!(crdb["about"]["description"], "Three simulated nodes");
    assert!(sr.get("about").is_none(), "an empty about is left out");
    assert_eq!(crdb["endpoints"]["node"], "http://127.0.0.1:28501");
    assert_eq!(
        crdb["endpoints"]["node:127.0.0.1:28502"],
        "http://127.0.0.1:28502"
    );
    assert!(crdb["about"].get("login").is_none());
    let held = &doc["clusters"][2];
    assert_eq!(held["auth"], "session");
    assert_eq!(held["about"]["login"], "demo", "who the proxy logs in as");
}
