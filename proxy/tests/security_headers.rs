//! Security headers on everything the proxy serves: a strict Content-Security-Policy (with the
//! hash of index.html's inline loader) and anti-framing headers on the console and the proxy's
//! own answers; a sandboxing policy on upstream answers so they cannot script the console's origin.

mod common;

use base64::Engine;
use common::*;
use http::{HeaderMap, Response, StatusCode};
use sha2::{Digest, Sha256};

const LOADER: &str = "\nimport init from '/app-0123456789abcdef.js';\nawait init();\n";

fn dist(name: &str, loader: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-headers-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    write_index(&dir, loader);
    std::fs::write(
        dir.join("dist/app-0123456789abcdef.js"),
        "export default function() {}\n",
    )
    .unwrap();
    dir
}

fn write_index(dir: &std::path::Path, loader: &str) {
    let html = format!(
        "<!DOCTYPE html><html><head><script type=\"module\">{loader}</script>\
         <link rel=\"modulepreload\" href=\"/app-0123456789abcdef.js\"></head><body></body></html>"
    );
    std::fs::write(dir.join("dist/index.html"), html).unwrap();
}

fn hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn assert_own_headers(headers: &HeaderMap, what: &str) {
    let csp = headers
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    for part in [
        "default-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{what}: {part} missing in {csp}");
    }
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{what}: {csp}"
    );
    assert_eq!(headers["x-frame-options"], "DENY", "{what}");
    assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
    assert_eq!(headers["referrer-policy"], "no-referrer", "{what}");
    assert_eq!(
        headers["cross-origin-opener-policy"], "same-origin",
        "{what}"
    );
}

fn csp(headers: &HeaderMap) -> String {
    headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn console_files_carry_a_policy_that_allows_exactly_the_inline_loader() {
    let dir = dist("console", LOADER);
    let proxy = start_proxy_in("csp_connect_src = ['http://127.0.0.1:8081']", &dir).await;
    let index = get(&proxy.url("/")).await;
    assert_eq!(index.status, StatusCode::OK);
    assert_own_headers(&index.headers, "index.html");
    let policy = csp(&index.headers);
    assert!(policy.contains(&hash(LOADER)), "{policy}");
    assert!(
        policy.contains("connect-src 'self' http://127.0.0.1:8081"),
        "{policy}"
    );
    assert!(
        !policy.contains("script-src 'self' 'unsafe-inline'"),
        "{policy}"
    );

    let page = get_with(&proxy.url("/flink/f/jobs"), &[("accept", "text/html")]).await;
    assert_own_headers(&page.headers, "a console route");
    let js = get(&proxy.url("/app-0123456789abcdef.js")).await;
    assert_own_headers(&js.headers, "a script");
    let missing = get(&proxy.url("/nothing-here.css")).await;
    assert_own_headers(&missing.headers, "a 404");
    let json = get(&proxy.url("/clusters.json")).await;
    assert_own_headers(&json.headers, "clusters.json");

    // A revalidated page (304) updates the cached headers: it needs the hash as well.
    let stamp = index.headers["last-modified"].to_str().unwrap().to_string();
    let revalidated = get_with(&proxy.url("/"), &[("if-modified-since", stamp.as_str())]).await;
    assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);
    assert!(csp(&revalidated.headers).contains(&hash(LOADER)));

    // A rebuilt console gets the new loader's hash without a restart.
    let changed = "\nimport init from '/app-fedcba9876543210.js';\nawait init();\n";
    write_index(&dir, changed);
    let policy = csp(&get(&proxy.url("/")).await.headers);
    assert!(
        policy.contains(&hash(changed)) && !policy.contains(&hash(LOADER)),
        "{policy}"
    );
}

#[tokio::test]
async fn the_proxys_own_answers_carry_the_same_headers() {
    let proxy = start_proxy("").await;
    let error = get(&proxy.url("/proxy/nope/x/y")).await;
    assert_eq!(error.status, StatusCode::NOT_FOUND);
    assert_own_headers(&error.headers, "a proxy error");
    let not_built = get(&proxy.url("/")).await;
    assert_eq!(not_built.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_own_headers(&not_built.headers, "the not-built page");
    let misdirected = get_with(&proxy.url("/"), &[("host", "evil.example")]).await;
    assert_eq!(misdirected.status, StatusCode::MISDIRECTED_REQUEST);
    assert_own_headers(&misdirected.headers, "421");
}

#[tokio::test]
async fn upstream_pages_are_sandboxed_and_cannot_lift_the_sandbox() {
    let up = upstream(|req, _| async move {
        let (content_type, body) = match req.uri().path() {
            "/page" => (Some("text/html"), "<script>fetch('/proxy/x')</script>"),
            "/image" => (
                Some("image/svg+xml"),
                "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            ),
            "/bare" => (None, "<html><script>alert(1)</script></html>"),
            _ => (Some("application/json"), "{}"),
        };
        let mut builder = Response::builder()
            .header("content-security-policy", "script-src *")
            .header("x-frame-options", "ALLOWALL");
        if let Some(t) = content_type {
            builder = builder.header("content-type", t);
        }
        builder.body(full(body)).unwrap()
    })
    .await;
    let config = format!(
        "[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}",
        up.url()
    );
    let proxy = start_proxy(&config).await;
    for path in ["page", "image", "bare", "jobs/overview"] {
        let answer = get(&proxy.url(&format!("/proxy/f/jobmanager/{path}"))).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        let policies: Vec<&str> = answer
            .headers
            .get_all("content-security-policy")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert!(policies.contains(&"sandbox"), "{path}: {policies:?}");
        assert_eq!(
            answer.headers["x-content-type-options"], "nosniff",
            "{path}"
        );
        assert_eq!(answer.headers["referrer-policy"], "no-referrer", "{path}");
        let frames: Vec<_> = answer.headers.get_all("x-frame-options").iter().collect();
        assert_eq!(frames, ["DENY"], "{path}");
    }
}
