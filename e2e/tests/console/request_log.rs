//! The request log lists every call with its status and a curl line, and never shows credentials:
//! neither those the proxy adds, nor those the browser holds for a direct cluster.

use switchboard_e2e::app::{add_cluster_via_form, explorer_path, explorer_response};
use switchboard_e2e::{e2e, eventually, Browser};

/// The log entries (method, URL, status, duration, curl line) once one mentions `url_part`.
async fn log_entries_with(b: &Browser, url_part: &str) -> Vec<String> {
    eventually(
        &format!("a request log entry for {url_part}"),
        async |last| {
            let entries = b
                .texts("aside[aria-label='Request log'] [data-log-entry]")
                .await;
            *last = format!("{entries:?}");
            entries
                .iter()
                .any(|e| e.contains(url_part))
                .then_some(entries)
        },
    )
    .await
}

#[test]
fn request_log_lists_calls_with_status_and_curl_and_no_credentials() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        // demo-starrocks is behind the proxy's HTTP Basic credentials.
        b.open(&lab.setup.app(&explorer_path(
            "starrocks",
            "demo-starrocks",
            "fe",
            "/api/health",
        )))
        .await;
        explorer_response(&b).await;
        b.click_button("Requests").await;
        let health_url = format!("{}proxy/demo-starrocks/fe/api/health", lab.setup.app_url);
        let entries = log_entries_with(&b, "/proxy/demo-starrocks/fe/api/health").await;
        let entry = entries
            .iter()
            .find(|e| e.contains("/proxy/demo-starrocks/fe/api/health"))
            .cloned()
            .unwrap_or_default();
        assert!(
            entry.starts_with("GET "),
            "the entry does not show the method: {entry}"
        );
        let status = b
            .texts("aside[aria-label='Request log'] [data-log-entry] [data-status]")
            .await;
        assert!(
            status.iter().any(|s| s == "200"),
            "no 200 status in the log: {status:?}"
        );
        let curls = b
            .texts("aside[aria-label='Request log'] [data-log-entry] code")
            .await;
        assert!(
            curls.contains(&format!("curl '{health_url}'")),
            "no curl line for {health_url}: {curls:?}"
        );
        let html = b.page_html().await.to_lowercase();
        assert!(
            !html.contains("authorization"),
            "an Authorization header shows in the page"
        );
        assert!(
            !html.contains("cm9vdd"),
            "base64 of the StarRocks user shows in the page"
        );

        // A direct cluster with a password held by this browser: the log masks it.
        let fe = format!("http://127.0.0.1:{}", lab.setup.sim_port(30));
        add_cluster_via_form(
            &b,
            &lab.setup.app_url,
            "e2e-sr-direct",
            "starrocks",
            true,
            "fe",
            &fe,
        )
        .await;
        b.open(&lab.setup.app("/clusters/e2e-sr-direct/edit")).await;
        b.type_into("#cl-user", "root").await;
        b.type_into("#cl-pass", "pw-e2e-Zq9").await;
        b.click_button("Save").await;
        b.wait_url("the cluster's page", |u| {
            u.contains("/starrocks/e2e-sr-direct")
        })
        .await;
        // Its FE sends no CORS headers, so the call fails in the browser; it is logged all the same.
        b.open(&lab.setup.app(&explorer_path(
            "starrocks",
            "e2e-sr-direct",
            "fe",
            "/api/health",
        )))
        .await;
        b.click_button("Requests").await;
        let fe_health = format!("{fe}/api/health");
        log_entries_with(&b, &fe_health).await;
        let curls = b
            .texts("aside[aria-label='Request log'] [data-log-entry] code")
            .await;
        let curl = curls
            .iter()
            .find(|c| c.contains(&fe_health))
            .cloned()
            .unwrap_or_default();
        assert!(
            curl.contains("-H 'Authorization: ***'"),
            "the curl line does not mask the credentials: {curl}"
        );
        let html = b.page_html().await;
        assert!(
            !html.contains("pw-e2e-Zq9"),
            "the password shows in the page"
        );
        // base64("root:pw-e2e-Zq9")
        assert!(
            !html.contains("cm9vdDpwdy1lMmUtWnE5"),
            "the encoded credentials show in the page"
        );
    });
}
