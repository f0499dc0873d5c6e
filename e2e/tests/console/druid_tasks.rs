//! Druid tasks and supervisors: submitting specs from templates (a task that runs to SUCCESS and
//! reports its rows, a broken spec that is never sent, a Kafka supervisor that is suspended and
//! resumed) and a filtered task list whose copied link shows the same rows elsewhere.

use serde_json::{json, Value};
use std::time::Duration;
use switchboard_e2e::app::{confirm_dialog, copy_link, open_tab, path_and_query};
use switchboard_e2e::browser::Browser;
use switchboard_e2e::http::request;
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{e2e, eventually};

const EDITOR: &str = "textarea[data-json-editor='Ingestion spec']";

/// Replaces the editor's text as a paste would (one input event).
async fn set_spec(b: &Browser, text: &str) {
    b.wait_for(EDITOR).await;
    b.js(
        "const t = document.querySelector(arguments[0]); t.value = arguments[1]; \
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(EDITOR), json!(text)],
    )
    .await;
}

/// The editor's text as JSON.
async fn spec(b: &Browser) -> Value {
    let text = b.value(EDITOR).await.unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("the template is not JSON: {e}\n{text}"))
}

fn unique(prefix: &str) -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!("{prefix}_{ms}")
}

#[test]
fn a_task_submitted_from_a_template_succeeds_and_reports_its_rows() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/druid/demo-druid/submit")).await;
        b.select("[data-template-select]", "inline").await;
        let mut s = spec(&b).await;
        assert_eq!(s["type"], "index_parallel");
        s["context"] = json!({"simulatedOutcome": "SUCCESS"});
        set_spec(&b, &serde_json::to_string_pretty(&s).unwrap_or_default()).await;
        assert_eq!(
            b.attr("[data-spec-route]", "data-spec-route")
                .await
                .as_deref(),
            Some("task")
        );
        b.click("[data-submit-spec]:not([disabled])").await;
        let url = b
            .wait_url("a task's page", |u| u.contains("/druid/demo-druid/tasks/"))
            .await;
        eventually_within(
            "the task to reach SUCCESS on its page",
            Duration::from_secs(40),
            async |last| {
                let s = b.attr("h1 + [data-task-state]", "data-task-state").await;
                *last = format!("{s:?} at {url}");
                (s.as_deref() == Some("SUCCESS")).then_some(())
            },
        )
        .await;
        open_tab(&b, "//body", "Reports").await;
        b.wait_for("[data-ingestion-state=COMPLETED]").await;
        let processed = eventually("the processed rows of buildSegments", async |last| {
            let v = b
                .attr(
                    "[data-phase=buildSegments] [data-stat=processed]",
                    "data-value",
                )
                .await?;
            *last = v.clone();
            v.parse::<i64>().ok().filter(|n| *n > 0)
        })
        .await;
        assert!(processed > 0);
        for stat in ["processedWithError", "thrownAway", "unparseable"] {
            assert!(
                b.attr(
                    &format!("[data-phase=buildSegments] [data-stat={stat}]"),
                    "data-value"
                )
                .await
                .is_some(),
                "no {stat} count"
            );
        }
        // The raw report is one click away.
        b.click_button("Show raw JSON").await;
        b.wait_text("body", "ingestionStatsAndErrors").await;
    });
}

#[test]
fn a_broken_spec_shows_where_it_breaks_and_is_kept_and_not_sent() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/druid/demo-druid/submit")).await;
        b.select("[data-template-select]", "inline").await;
        let broken = "{\n  \"type\": \"index_parallel\",\n  \"spec\": {,\n}";
        set_spec(&b, broken).await;
        let at = eventually("the problem's position", async |_| {
            b.attr("[data-json-problem]", "data-json-problem").await
        })
        .await;
        assert_eq!(at, "3:12", "the problem is not at line 3, column 12");
        assert!(
            b.attr("[data-submit-spec]", "disabled").await.is_some(),
            "Submit is enabled for broken JSON"
        );
        assert_eq!(b.count("[data-submit-spec]:disabled").await, 1);
        assert_eq!(b.value(EDITOR).await.as_deref(), Some(broken));
        assert!(b.url().await.ends_with("/submit"), "left the editor");
        assert_eq!(b.count("[data-submit-error]").await, 0);

        // A spec the server refuses: its error is shown and the spec stays.
        let refused = "{\"type\": \"no_such_task\", \"dataSource\": \"x\"}";
        set_spec(&b, refused).await;
        b.click("[data-submit-spec]:not([disabled])").await;
        let error = b.wait_text("[data-submit-error]", "no_such_task").await;
        assert!(error.contains("POST /druid/indexer/v1/task"), "{error}");
        assert_eq!(b.value(EDITOR).await.as_deref(), Some(refused));
        assert!(b.url().await.contains("/submit"), "left the editor");
    });
}

#[test]
fn a_kafka_supervisor_is_created_suspended_and_resumed() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/druid/demo-druid/supervisors"))
            .await;
        b.click("[data-new-supervisor]").await;
        b.wait_url("the editor", |u| u.contains("/submit")).await;
        b.select("[data-template-select]", "kafka").await;
        let mut s = spec(&b).await;
        let ds = unique("e2e_kafka");
        s["spec"]["dataSchema"]["dataSource"] = json!(ds);
        set_spec(&b, &serde_json::to_string_pretty(&s).unwrap_or_default()).await;
        assert_eq!(
            b.attr("[data-spec-route]", "data-spec-route")
                .await
                .as_deref(),
            Some("supervisor")
        );
        b.click("[data-submit-spec]:not([disabled])").await;
        b.wait_url("the supervisor's page", |u| {
            u.ends_with(&format!("/supervisors/{ds}"))
        })
        .await;
        let state = async |b: &Browser| {
            b.attr("h1 + [data-supervisor-state]", "data-supervisor-state")
                .await
        };
        eventually("a state", async |_| state(&b).await).await;
        b.click_button("Suspend").await;
        eventually("SUSPENDED", async |last| {
            let s = state(&b).await;
            *last = format!("{s:?}");
            (s.as_deref() == Some("SUSPENDED")).then_some(())
        })
        .await;
        b.click_button("Resume").await;
        eventually("running again", async |last| {
            let s = state(&b).await;
            *last = format!("{s:?}");
            matches!(s.as_deref(), Some("PENDING" | "RUNNING")).then_some(())
        })
        .await;
        // The list shows it too.
        b.open(&lab.setup.app("/druid/demo-druid/supervisors"))
            .await;
        b.wait_for(&format!(
            "[data-table=supervisors] a[data-supervisor-link='{ds}']"
        ))
        .await;
    });
}

#[test]
fn a_filtered_task_list_opens_with_the_same_rows_from_its_copied_link() {
    e2e(|lab| async move {
        let a = lab.browser().await;
        a.open(&lab.setup.app("/druid/demo-druid/tasks")).await;
        a.wait_for("[data-table=tasks] a[data-task-link]").await;
        a.select("select[data-task-filter=state]", "running").await;
        a.wait_url("filtered by state", |u| u.contains("state=running"))
            .await;
        // A datasource that has running tasks.
        let ds = eventually("a running task's datasource", async |last| {
            let states = a.texts("[data-table=tasks] tbody [data-task-state]").await;
            *last = format!("{states:?}");
            if states.is_empty() || states.iter().any(|s| s != "RUNNING") {
                return None;
            }
            a.texts("[data-table=tasks] tbody [data-task-ds]")
                .await
                .into_iter()
                .find(|d| !d.is_empty())
        })
        .await;
        a.js(
            "const i = document.querySelector(\"input[data-task-filter=datasource]\"); \
             i.value = arguments[0]; i.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(ds)],
        )
        .await;
        a.wait_url("filtered by datasource", |u| {
            u.contains(&format!("datasource={ds}"))
        })
        .await;
        let ids = eventually("rows of that datasource only", async |last| {
            let ds_cells = a.texts("[data-table=tasks] tbody [data-task-ds]").await;
            *last = format!("{ds_cells:?}");
            (!ds_cells.is_empty() && ds_cells.iter().all(|d| *d == ds)).then_some(())?;
            Some(a.texts("[data-table=tasks] tbody a[data-task-link]").await)
        })
        .await;
        let link = copy_link(&a).await;
        let (_, q) = path_and_query(&link);
        assert!(q.contains(&("state".into(), "running".into())), "{link}");
        assert!(q.contains(&("datasource".into(), ds.clone())), "{link}");

        let b = lab.browser().await;
        b.open(&link).await;
        assert!(!ids.is_empty());
        // Running tasks may finish meanwhile (auto-refresh is off in both): both browsers are
        // refreshed and compared until they agree, the first one showing what it shows now.
        b.wait_for("[data-table=tasks] [data-count]").await;
        eventually("the same rows in a new browser", async |last| {
            for x in [&a, &b] {
                x.click("button[aria-label='Refresh now']").await;
            }
            std::thread::sleep(std::time::Duration::from_millis(700));
            let other = b.texts("[data-table=tasks] tbody a[data-task-link]").await;
            let now = a.texts("[data-table=tasks] tbody a[data-task-link]").await;
            *last = format!("{other:?} vs {now:?}");
            (other == now).then_some(())
        })
        .await;
        assert_eq!(
            b.value("input[data-task-filter=datasource]")
                .await
                .as_deref(),
            Some(ds.as_str())
        );
    });
}

#[test]
fn selected_tasks_are_shut_down_together_and_their_status_shows_it() {
    e2e(|lab| async move {
        // Two new tasks of a datasource of their own (they wait two seconds before running).
        let ds = unique("e2e_bulk");
        let overlord = format!("{}proxy/demo-druid/overlord", lab.setup.app_url);
        let spec = json!({"type": "noop", "dataSource": ds}).to_string();
        let mut ids = Vec::new();
        for _ in 0..2 {
            let a = request(
                "POST",
                &format!("{overlord}/druid/indexer/v1/task"),
                Some(&spec),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(a.status, 200, "submit: {}", a.body);
            let v: Value = serde_json::from_str(&a.body).unwrap_or_default();
            ids.push(v["task"].as_str().unwrap_or_default().to_string());
        }
        let b = lab.browser().await;
        b.open(
            &lab.setup
                .app(&format!("/druid/demo-druid/tasks?datasource={ds}")),
        )
        .await;
        eventually("the two tasks listed", async |last| {
            let rows = b.texts("[data-table=tasks] tbody a[data-task-link]").await;
            *last = format!("{rows:?}");
            (rows.len() == 2).then_some(())
        })
        .await;
        for id in &ids {
            b.click(&format!("input[data-task-select='{id}']")).await;
        }
        b.wait_for("[data-selected-count='2']").await;
        b.click_button("Shut down selected").await;
        confirm_dialog(&b, "Shut down").await;
        let outcome = b.wait_text("[data-bulk-outcome]", "of 2 tasks").await;
        assert!(outcome.contains("Shut down 2 of 2"), "{outcome}");
        assert_eq!(b.count("[data-bulk-failed]").await, 0);
        // Shut down tasks end FAILED: the status of the listed tasks says so.
        b.wait_for("[data-selected-count='0']").await;
        eventually("both tasks FAILED now", async |last| {
            b.click_button("Status of listed tasks").await;
            let t = b.texts("[data-bulk-status]").await.join(" ");
            *last = t.clone();
            t.contains("Status now of 2 tasks: FAILED 2").then_some(())
        })
        .await;
    });
}

#[test]
fn a_running_tasks_row_counts_come_from_its_own_peon() {
    e2e(|lab| async move {
        // A running streaming task, where the overlord says it runs, and the middle manager.
        let overlord = format!("{}proxy/demo-druid/overlord", lab.setup.app_url);
        let get = |path: &str| {
            let a = request("GET", &format!("{overlord}{path}"), None)
                .unwrap_or_else(|e| panic!("{e}"));
            serde_json::from_str::<Value>(&a.body).unwrap_or_default()
        };
        let running = get("/druid/indexer/v1/runningTasks");
        let task = running
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "index_kafka" && t["location"]["port"].as_i64() > Some(0))
            .cloned()
            .unwrap_or_else(|| panic!("no running Kafka task with a location: {running}"));
        let id = task["id"].as_str().unwrap_or_default().to_string();
        let peon = format!(
            "{}:{}",
            task["location"]["host"].as_str().unwrap_or_default(),
            task["location"]["port"]
        );
        let middle_manager = get("/druid/indexer/v1/workers")[0]["worker"]["host"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert_ne!(
            peon, middle_manager,
            "the task runs on its middle manager's port"
        );

        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!(
            "/druid/demo-druid/tasks/{}",
            id.replace(':', "%3A")
        )))
        .await;
        b.wait_for(&format!("[data-live-source=\"{peon}\"]")).await;
        let processed = eventually("the live processed rows", async |last| {
            let v = b
                .attr(
                    "[data-live-stats] [data-phase=buildSegments] [data-stat=processed]",
                    "data-value",
                )
                .await?;
            *last = v.clone();
            v.parse::<i64>().ok().filter(|n| *n > 0)
        })
        .await;
        assert!(processed > 0);
        b.wait_for("[data-live-stats] [data-unparseable-events] li")
            .await;

        // The request log shows where the counts came from: the peon's own port.
        b.click_button("Requests").await;
        let on_peon = format!("/proxy/demo-druid/node:{peon}/druid/worker/v1/chat/");
        let entries = eventually(
            "the peon's rowStats call in the request log",
            async |last| {
                let entries = b
                    .texts("aside[aria-label='Request log'] [data-log-entry]")
                    .await;
                *last = format!("{entries:?}");
                entries
                    .iter()
                    .any(|e| e.contains(&on_peon) && e.contains("/rowStats") && e.contains("200"))
                    .then_some(entries)
            },
        )
        .await;
        let via_manager = format!("node:{middle_manager}/druid/worker/v1/chat/");
        assert!(
            !entries.iter().any(|e| e.contains(&via_manager)),
            "row stats were asked of the middle manager: {entries:?}"
        );
    });
}
