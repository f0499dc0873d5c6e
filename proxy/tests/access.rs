//! `[access]`: the proxy's own users must authenticate (token, Basic, or a trusted SSO front end)
//! before the console, clusters.json or proxy/ answer; what they sent for the proxy never reaches
//! an upstream.

mod common;

use argon2::password_hash::{PasswordHasher, SaltString};
use common::*;
use http::StatusCode;
use std::sync::atomic::Ordering;

const TOKEN: &str = "correct-horse-battery-staple";

fn flink(url: &str, access: &str) -> String {
    format!("[access]\n{access}\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{url}'}}")
}

fn token_config(url: &str, var: &str) -> String {
    std::env::set_var(var, TOKEN);
    flink(url, &format!("mode = 'token'\ntoken_env = '{var}'"))
}

#[tokio::test]
async fn token_mode_refuses_requests_without_the_token() {
    let wire = tripwire().await;
    let proxy = start_proxy(&token_config(&wire.url(), "SB_TEST_TOKEN_REFUSES")).await;
    for path in ["/", "/clusters.json", "/proxy/f/jobmanager/overview"] {
        let answer = get(&proxy.url(path)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(answer.text().contains("/login"), "{}", answer.text());
        assert!(!answer.text().contains('{'), "not JSON: {}", answer.text());
    }
    let wrong = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[("authorization", "Bearer correct-horse-battery-stapl")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let cookie = get_with(
        &proxy.url("/clusters.json"),
        &[("cookie", "switchboard_token=guess")],
    )
    .await;
    assert_eq!(cookie.status, StatusCode::UNAUTHORIZED);
    // A page load gets the login form, which has no script.
    let page = get_with(&proxy.url("/flink/f/jobs"), &[("accept", "text/html")]).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(
        page.text()
            .contains("<form method=\"post\" action=\"/login\">"),
        "{}",
        page.text()
    );
    assert!(!page.text().contains("<script"));
    assert_eq!(wire.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_bearer_token_opens_the_proxy_and_stays_at_the_proxy() {
    let up = echo_upstream("overview").await;
    let proxy = start_proxy(&token_config(&up.url(), "SB_TEST_TOKEN_BEARER")).await;
    let bearer = format!("Bearer {TOKEN}");
    let answer = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[("authorization", bearer.as_str())],
    )
    .await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "overview")
    );
    let seen = &up.requests()[0];
    assert!(
        seen.headers.get("authorization").is_none(),
        "the token was forwarded"
    );
}

#[tokio::test]
async fn posting_the_token_sets_a_strict_http_only_cookie_that_opens_the_proxy() {
    let up = echo_upstream("overview").await;
    let proxy = start_proxy(&token_config(&up.url(), "SB_TEST_TOKEN_LOGIN")).await;
    let page = get(&proxy.url("/login")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("name=\"token\""));

    let form = ("content-type", "application/x-www-form-urlencoded");
    let wrong = send("POST", &proxy.url("/login"), &[form], full("token=nope")).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.headers.get("set-cookie").is_none());
    // Another site cannot post the form.
    let foreign = send(
        "POST",
        &proxy.url("/login"),
        &[form, ("origin", "http://evil.example")],
        full(format!("token={TOKEN}")),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert!(foreign.headers.get("set-cookie").is_none());

    let host = proxy.addr.to_string();
    let origin = format!("http://{host}");
    let ok = send(
        "POST",
        &proxy.url("/login"),
        &[form, ("origin", origin.as_str())],
        full(format!("token={TOKEN}")),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.headers["location"], "/");
    let cookie = ok.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    assert_eq!(pair, format!("switchboard_token={TOKEN}"));

    let answer = get_with(
        &proxy.url("/proxy/f/jobmanager/overview"),
        &[("cookie", pair)],
    )
    .await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "overview")
    );
    assert!(up.requests()[0].headers.get("cookie").is_none());
    // The token is never accepted from the URL.
    let in_url = get(&proxy.url(&format!("/login?token={TOKEN}"))).await;
    assert!(in_url.headers.get("set-cookie").is_none());
}

fn quick_hash(password: &str) -> String {
    let params = argon2::Params::new(8, 1, 1, None).unwrap();
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(b"fedcba9876543210").unwrap();
    argon
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn basic_mode_challenges_then_accepts_a_listed_user() {
    let up = echo_upstream("overview").await;
    let dir = std::env::temp_dir().join(format!("sb-access-basic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("users.txt"),
        format!("ops:{}\n", quick_hash("s3cret pw")),
    )
    .unwrap();
    let proxy = start_proxy_in(
        &flink(&up.url(), "mode = 'basic'\nusers_file = 'users.txt'"),
        &dir,
    )
    .await;
    let none = get(&proxy.url("/")).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert!(none.headers["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic "));
    // "ops:wrong" and "ops:s3cret pw"
    let wrong = get_with(
        &proxy.url("/clusters.json"),
        &[("authorization", "Basic b3BzOndyb25n")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let right = ("authorization", "Basic b3BzOnMzY3JldCBwdw==");
    let answer = get_with(&proxy.url("/proxy/f/jobmanager/overview"), &[right]).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "overview")
    );
    assert!(
        up.requests()[0].headers.get("authorization").is_none(),
        "the password was forwarded"
    );
}

#[tokio::test]
async fn trusted_header_counts_only_from_the_trusted_proxy() {
    let up = echo_upstream("overview").await;
    let header_mode = "mode = 'trusted-header'\ntrusted_header = 'X-Forwarded-User'";
    let trusted = start_proxy(&flink(
        &up.url(),
        &format!("{header_mode}\ntrusted_proxy = '127.0.0.1'"),
    ))
    .await;
    let url = trusted.url("/proxy/f/jobmanager/overview");
    assert_eq!(get(&url).await.status, StatusCode::UNAUTHORIZED);
    let answer = get_with(&url, &[("x-forwarded-user", "alice")]).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "overview")
    );
    assert!(up.requests()[0].headers.get("x-forwarded-user").is_none());
    // Behind a trusted front end, its X-Forwarded-Host is the host the browser asked for.
    let answer = get_with(
        &trusted.url("/clusters.json"),
        &[
            ("x-forwarded-user", "alice"),
            ("host", "10.0.0.9:8080"),
            ("x-forwarded-host", "localhost"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);

    let elsewhere = start_proxy(&flink(
        &up.url(),
        &format!("{header_mode}\ntrusted_proxy = '10.9.9.9'"),
    ))
    .await;
    let url = elsewhere.url("/proxy/f/jobmanager/overview");
    let answer = get_with(&url, &[("x-forwarded-user", "alice")]).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(up.requests().len(), 1);
}
