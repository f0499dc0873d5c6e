//! Druid views under the simulator's fault modes: lists (datasources, tasks, supervisors), details
//! (one datasource, one task) and forms (the spec editor, the retention rules) each show a clear error (what failed, the status or
//! the proxy's word, the request) with Retry while the fault is on, keep what was typed, and
//! recover once it is off.

use serde_json::json;
use switchboard_e2e::app::{error_panels, ERROR_PANEL};
use switchboard_e2e::browser::Browser;
use switchboard_e2e::http::request;
use switchboard_e2e::sim::Fault;
use switchboard_e2e::{e2e, eventually};

/// The fault modes, with a word the error panel must show for each.
const MODES: [(&str, &str); 8] = [
    ("status500_text", "HTTP 500"),
    ("status500_html", "HTTP 500"),
    ("malformed_json", "not understood"),
    ("truncated", ""),
    ("status401", "401"),
    ("status403", "HTTP 403"),
    ("status404", "HTTP 404"),
    ("refuse", "Proxy"),
];

/// The first error panel's text, once one shows.
async fn panel(b: &Browser, what: &str) -> String {
    eventually(what, async |_| error_panels(b).await.into_iter().next()).await
}

/// Opens `path` under each fault mode: an error panel that names the request and offers Retry;
/// after the fault is cleared, Retry shows `ready` again.
async fn check_view(
    lab: &switchboard_e2e::Lab,
    b: &Browser,
    path: &str,
    request: &str,
    ready: &str,
) {
    for (mode, word) in MODES {
        let fault = Fault::set(&lab.setup, "druid", mode);
        b.open(&lab.setup.app(path)).await;
        let text = panel(b, &format!("an error panel on {path} under {mode}")).await;
        assert!(
            text.contains(word),
            "{path} under {mode}: the panel does not say '{word}': {text}"
        );
        assert!(
            text.contains(request),
            "{path} under {mode}: the panel does not name {request}: {text}"
        );
        assert!(
            b.count(&format!("{ERROR_PANEL} button")).await >= 1,
            "{path} under {mode}: no Retry: {text}"
        );
        fault.clear();
        // Retry every panel the fault left (a page may load several things).
        eventually(
            &format!("{path} to recover by Retry after {mode}"),
            async |_| {
                if !error_panels(b).await.is_empty() {
                    b.js(
                        "document.querySelectorAll(arguments[0]).forEach(x => x.click())",
                        vec![json!(format!("{ERROR_PANEL} button"))],
                    )
                    .await;
                    return None;
                }
                (b.count(ready).await > 0).then_some(())
            },
        )
        .await;
    }
}

#[test]
fn druid_list_and_detail_views_show_each_fault_and_recover_by_retry() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        check_view(
            &lab,
            &b,
            "/druid/demo-druid/datasources",
            "/druid/coordinator/v1/datasources",
            "[data-table=ds] tbody tr",
        )
        .await;
        check_view(
            &lab,
            &b,
            "/druid/demo-druid/datasources/wikipedia",
            "/druid/coordinator/v1/datasources/wikipedia",
            "[data-segment-count]",
        )
        .await;
    });
}

#[test]
fn druid_task_and_supervisor_views_show_each_fault_and_recover_by_retry() {
    e2e(|lab| async move {
        // A finished task, asked before any fault is on.
        let overlord = format!("{}proxy/demo-druid/overlord", lab.setup.app_url);
        let a = request(
            "GET",
            &format!("{overlord}/druid/indexer/v1/tasks?state=complete&max=1"),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let list: serde_json::Value = serde_json::from_str(&a.body).unwrap_or_default();
        let id = list[0]["id"].as_str().unwrap_or_default().to_string();
        assert!(!id.is_empty(), "no complete task: {}", a.body);
        let b = lab.browser().await;
        check_view(
            &lab,
            &b,
            "/druid/demo-druid/tasks",
            "/druid/indexer/v1/tasks",
            "[data-table=tasks] tbody tr",
        )
        .await;
        check_view(
            &lab,
            &b,
            &format!("/druid/demo-druid/tasks/{}", id.replace(':', "%3A")),
            "/druid/indexer/v1/task/",
            "h1 + [data-task-state]",
        )
        .await;
        check_view(
            &lab,
            &b,
            "/druid/demo-druid/supervisors",
            "/druid/indexer/v1/supervisor",
            "[data-table=supervisors] tbody tr",
        )
        .await;
    });
}

#[test]
fn retention_rules_that_fail_to_save_under_a_fault_are_kept_and_saved_after() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(
            &lab.setup
                .app("/druid/demo-druid/config?datasource=wikipedia"),
        )
        .await;
        let replicas = "[data-rules-editor] [data-rule='0'] [data-tier-replicas='0']";
        eventually("wikipedia's first rule", async |last| {
            let v = b.value(replicas).await.unwrap_or_default();
            *last = v.clone();
            (!v.is_empty()).then_some(())
        })
        .await;
        b.type_into(replicas, "2").await;
        b.type_into("[data-audit=author]", "e2e").await;
        b.type_into("[data-audit=comment]", "e2e: saved after faults")
            .await;
        for (mode, word) in [
            ("status500_text", "500"),
            ("status403", "403"),
            ("refuse", ""),
            ("status404", "404"),
        ] {
            let fault = Fault::set(&lab.setup, "druid", mode);
            b.click("[data-save-rules]").await;
            let panel = format!("[data-rules-editor] {ERROR_PANEL}");
            let error = eventually(&format!("the save error under {mode}"), async |_| {
                b.texts(&panel).await.into_iter().find(|t| !t.is_empty())
            })
            .await;
            assert!(
                b.count(&format!("{panel} button")).await > 0,
                "no Retry under {mode}: {error}"
            );
            assert!(error.contains(word), "under {mode}: {error}");
            assert!(
                error.contains("POST ") && error.contains("/druid/coordinator/v1/rules/wikipedia"),
                "under {mode}: {error}"
            );
            assert_eq!(
                b.value(replicas).await.as_deref(),
                Some("2"),
                "the form was not kept under {mode}"
            );
            fault.clear();
        }
        b.click("[data-save-rules]").await;
        b.wait_text("[data-history=rules-history]", "e2e: saved after faults")
            .await;
    });
}

#[test]
fn a_spec_that_fails_to_submit_under_a_fault_is_kept_and_goes_through_after() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/druid/demo-druid/submit")).await;
        b.select("[data-template-select]", "inline").await;
        let editor = "textarea[data-json-editor='Ingestion spec']";
        let typed = b.value(editor).await.unwrap_or_default();
        let mut spec: serde_json::Value = serde_json::from_str(&typed).unwrap_or_default();
        spec["context"] = json!({"simulatedOutcome": "SUCCESS", "faultTest": true});
        let typed = serde_json::to_string_pretty(&spec).unwrap_or_default();
        b.js(
            "const t = document.querySelector(arguments[0]); t.value = arguments[1]; \
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(editor), json!(typed)],
        )
        .await;
        for (mode, word) in [
            ("status500_text", "500"),
            ("refuse", ""),
            ("status403", "403"),
        ] {
            let fault = Fault::set(&lab.setup, "druid", mode);
            b.click("[data-submit-spec]:not([disabled])").await;
            let error = eventually(&format!("the submit error under {mode}"), async |_| {
                b.texts("[data-submit-error]").await.into_iter().next()
            })
            .await;
            assert!(error.contains(word), "under {mode}: {error}");
            assert_eq!(
                b.value(editor).await.as_deref(),
                Some(typed.as_str()),
                "the spec was not kept under {mode}"
            );
            assert!(
                b.url().await.ends_with("/submit"),
                "left the editor under {mode}"
            );
            fault.clear();
        }
        b.click("[data-submit-spec]:not([disabled])").await;
        b.wait_url("the new task's page", |u| {
            u.contains("/druid/demo-druid/tasks/")
        })
        .await;
    });
}
