//! Druid home, services and query views against the simulated cluster `demo-druid`.

use std::time::{Duration, Instant};
use switchboard_e2e::app::confirm_dialog;
use switchboard_e2e::browser::Browser;
use switchboard_e2e::http::request;
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{e2e, eventually};

const ROOT: &str = "/druid/demo-druid/";

async fn rows_of(b: &Browser, result: &str) -> usize {
    eventually(&format!("the {result} result with rows"), async |last| {
        let n = b
            .attr(&format!("[data-result={result}]"), "data-rows")
            .await
            .and_then(|n| n.parse::<usize>().ok());
        *last = format!("{n:?}; errors: {:?}", b.texts("[data-query-error]").await);
        n.filter(|n| *n > 0)
    })
    .await
}

#[test]
fn home_shows_leaders_and_counts_and_opens_running_tasks() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(ROOT)).await;
        let leaders = b.wait_text("[data-leaders]", "http").await;
        assert!(
            leaders.contains("Coordinator leader") && leaders.contains("Overlord leader"),
            "{leaders}"
        );
        for card in [
            "Datasources",
            "Segments",
            "Running tasks",
            "Supervisors",
            "Workers",
        ] {
            let css = format!("[data-stat=\"{card}\"]");
            eventually(&format!("a count on the {card} card"), async |last| {
                let t = b.texts(&css).await.into_iter().next()?;
                *last = t.clone();
                t.chars().next().filter(char::is_ascii_digit).map(|_| ())
            })
            .await;
        }
        b.wait_for("[data-table=load] tbody tr").await;
        b.click("[data-stat=\"Running tasks\"]").await;
        b.wait_url("the task list filtered on running", |u| {
            u.contains("/tasks") && u.contains("state=running")
        })
        .await;
    });
}

fn task_runner(base: &str, id: &str) -> String {
    let a = request(
        "GET",
        &format!("{base}/druid/indexer/v1/task/{id}/status"),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_str(&a.body).unwrap_or_default();
    format!(
        "{}/{}",
        v["status"]["status"].as_str().unwrap_or("?"),
        v["status"]["runnerStatusCode"].as_str().unwrap_or("?")
    )
}

#[test]
fn a_disabled_middle_manager_runs_no_new_task_until_enabled() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{ROOT}services"))).await;
        let node = eventually("a worker row", async |_| {
            b.attr("[data-table=workers] a[data-node]", "data-node")
                .await
        })
        .await;
        b.click("[data-table=workers] a[data-node]").await;
        b.wait_url("the node's page", |u| u.contains("/services/"))
            .await;
        b.wait_text("[data-node-title]", &node).await;
        b.click_xpath("//a[@role='tab' and normalize-space(.)='Worker']")
            .await;
        b.wait_for("[data-worker-enabled=\"true\"]").await;
        let worker_page = b.url().await;
        b.click_button("Disable").await;
        confirm_dialog(&b, "Disable").await;
        b.wait_for("[data-worker-enabled=\"false\"]").await;

        // A new task submitted through the spec editor stays pending on its page.
        b.open(&lab.setup.app(&format!("{ROOT}submit"))).await;
        let spec = r#"{"type":"noop","dataSource":"e2e_disabled_worker","context":{"simulatedOutcome":"SUCCESS"}}"#;
        let editor = "textarea[data-json-editor='Ingestion spec']";
        b.wait_for(editor).await;
        b.js(
            "const t = document.querySelector(arguments[0]); t.value = arguments[1]; \
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(editor), serde_json::json!(spec)],
        )
        .await;
        b.click("[data-submit-spec]:not([disabled])").await;
        let url = b
            .wait_url("the new task's page", |u| {
                u.contains(&format!("{ROOT}tasks/"))
            })
            .await;
        let id = url
            .rsplit('/')
            .next()
            .map(|s| percent_decode(s.split('?').next().unwrap_or_default()))
            .unwrap_or_default();
        let overlord = format!("{}proxy/demo-druid/overlord", lab.setup.app_url);
        let shown = async |b: &Browser| b.attr("h1 + [data-task-state]", "data-task-state").await;
        eventually("the new task's state on its page", async |last| {
            let s = shown(&b).await;
            *last = format!("{s:?}");
            s
        })
        .await;
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(6) {
            let on_page = shown(&b).await.unwrap_or_default();
            assert!(
                matches!(on_page.as_str(), "PENDING" | "WAITING"),
                "the page shows {on_page} while the only worker is disabled"
            );
            let state = task_runner(&overlord, &id);
            assert!(
                state.starts_with("RUNNING/") && !state.ends_with("/RUNNING"),
                "the task left the queue while the worker was disabled: {state}"
            );
            tokio::time::sleep(Duration::from_millis(500)).await;
        }

        b.open(&worker_page).await;
        b.wait_for("[data-worker-enabled=\"false\"]").await;
        b.click("[data-enable]").await;
        b.wait_for("[data-worker-enabled=\"true\"]").await;
        eventually_within(
            "the task to be assigned",
            Duration::from_secs(30),
            async |last| {
                let state = task_runner(&overlord, &id);
                *last = state.clone();
                (!state.ends_with("/PENDING")).then_some(())
            },
        )
        .await;
    });
}

/// A path segment percent-decoded (task ids carry `:` as `%3A`).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn native_topn_and_sql_show_rows_and_a_sql_link_reruns() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{ROOT}query?mode=native")))
            .await;
        b.wait_for("[data-ds-picker] option").await;
        b.click("[data-template=topN]").await;
        eventually("the topN template in the editor", async |last| {
            let v = b.value("textarea[data-json-editor]").await?;
            *last = v.clone();
            v.contains("\"topN\"").then_some(())
        })
        .await;
        b.click("[data-run-native]").await;
        let n = rows_of(&b, "native").await;
        // The native query is kept in the link: another browser runs it again.
        let url = b
            .wait_url("carrying the native query", |u| u.contains("native="))
            .await;
        let query = b.value("textarea[data-json-editor]").await;
        let other = lab.browser().await;
        other.open(&url).await;
        assert_eq!(
            rows_of(&other, "native").await,
            n,
            "the link ran another query"
        );
        assert_eq!(other.value("textarea[data-json-editor]").await, query);

        b.open(&lab.setup.app(&format!("{ROOT}query?mode=sql")))
            .await;
        let bad = "SELECT datasource\nFORM sys.segments";
        b.type_into("textarea[data-sql-editor]", bad).await;
        b.click("[data-run-sql]").await;
        let at = eventually("the SQL error with its position", async |_| {
            b.attr("[data-query-error]", "data-query-error")
                .await
                .filter(|a| !a.is_empty())
        })
        .await;
        assert!(at.starts_with("2:"), "the error points at {at}");
        assert_eq!(
            b.value("textarea[data-sql-editor]").await.as_deref(),
            Some(bad),
            "the SQL text did not survive the failed run"
        );
        let sql = "SELECT datasource, COUNT(*) FROM sys.segments GROUP BY 1";
        b.type_into("textarea[data-sql-editor]", sql).await;
        b.click("[data-run-sql]").await;
        let n = rows_of(&b, "sql").await;
        let url = b.wait_url("carrying the SQL", |u| u.contains("sql=")).await;

        let other = lab.browser().await;
        other.open(&url).await;
        let again = rows_of(&other, "sql").await;
        assert_eq!(again, n, "the link ran the query again with other rows");
        assert_eq!(
            other.value("textarea[data-sql-editor]").await.as_deref(),
            Some(sql)
        );
    });
}
