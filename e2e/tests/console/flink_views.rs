//! The pages of a live Flink cluster, through the proxy: a task manager (facts, metric charts,
//! logs in the log viewer, thread dump, a profiling run), the job manager (configuration, logs) and the cluster
//! page, each checked against what Flink's REST API says.

use switchboard_e2e::app::{assert_no_error_panel, open_tab};
use switchboard_e2e::flink::{get_json, wait_operation};
use switchboard_e2e::{e2e, eventually, Browser};

/// Waits until the table `id` has at least `n` rows (after its filters); returns the count.
async fn wait_rows(b: &Browser, id: &str, n: usize) -> usize {
    let css = format!("[data-table={id}] [data-count]");
    eventually(
        &format!("{n} or more rows in the table {id}"),
        async |last| {
            let count: usize = b.attr(&css, "data-count").await?.parse().ok()?;
            *last = count.to_string();
            (count >= n).then_some(count)
        },
    )
    .await
}

/// Waits until the log viewer shows at least one line and returns its text.
async fn wait_log_text(b: &Browser) -> String {
    eventually("lines in the log viewer", async |last| {
        let lines: usize = b
            .attr("[data-log-viewer] [data-lines]", "data-lines")
            .await?
            .parse()
            .ok()?;
        *last = format!("{lines} lines");
        if lines == 0 {
            return None;
        }
        b.texts("[data-log-viewer] pre:last-child")
            .await
            .into_iter()
            .next()
    })
    .await
}

/// Opens the Logs tab, then the `.log` file whose name contains `file`, and checks that the
/// viewer shows one of `expected`.
async fn open_log(b: &Browser, file: &str, expected: &[&str]) {
    open_tab(b, "//body", "Logs").await;
    wait_rows(b, "logs", 1).await;
    b.click_xpath(&format!(
        "//*[@data-table='logs']//tbody//tr[contains(., '{file}') and contains(., '.log')]"
    ))
    .await;
    let log = wait_log_text(b).await;
    assert!(
        expected.iter().any(|e| log.contains(e)),
        "the {file} log shows none of {expected:?}: {}",
        &log[..log.len().min(300)]
    );
}

#[test]
fn task_manager_job_manager_and_cluster_pages_show_the_live_cluster() {
    e2e(|lab| async move {
        let tms = get_json(&lab.setup, "/taskmanagers").expect("Flink lists its task managers");
        let tm = &tms["taskmanagers"][0];
        let (tm_id, slots) = (
            tm["id"].as_str().unwrap_or_default().to_string(),
            tm["slotsNumber"].as_i64().unwrap_or(-1),
        );

        let b = lab.browser().await;
        b.open(&lab.setup.app("/flink/demo-flink/taskmanagers"))
            .await;
        let listed = wait_rows(&b, "tms", 1).await;
        assert_eq!(
            listed,
            tms["taskmanagers"].as_array().map_or(0, Vec::len),
            "the table lists another number of task managers than Flink"
        );
        b.click("[data-table=tms] tbody tr").await;
        let encoded = tm_id.replace(':', "%3A");
        b.wait_url("the task manager's page", |u| u.contains(&encoded))
            .await;
        b.wait_text("main", &format!("{slots} (")).await;

        // Metrics: live charts of heap, non-heap, GC and network buffers.
        open_tab(&b, "//body", "Metrics").await;
        eventually("the task manager's charts", async |last| {
            let n = b.count("[data-chart]").await;
            *last = n.to_string();
            (n >= 4).then_some(())
        })
        .await;

        // Logs: the list, then the main log in the viewer.
        open_log(&b, "taskexecutor", &["TaskExecutor", "taskexecutor"]).await;

        // Thread dump: the threads of a live JVM.
        open_tab(&b, "//body", "Thread dump").await;
        eventually("the threads of the dump", async |last| {
            let n = b.count("main details").await;
            *last = n.to_string();
            (n >= 10).then_some(())
        })
        .await;
        assert_no_error_panel(&b).await;

        // Profiler: a 2-second run is followed until it is finished, and offered for download.
        open_tab(&b, "//body", "Profiler").await;
        b.select("select[aria-label=Mode]", "ITIMER").await;
        b.type_into("input[aria-label='Duration in seconds']", "2")
            .await;
        let before = b
            .attr("[data-table=profiler] [data-count]", "data-count")
            .await;
        b.click_button("Start profiling").await;
        wait_operation(&b, "main", "*", "the profiling run").await;
        eventually("the finished run in the list", async |last| {
            let rows = b.texts("[data-table=profiler] tbody tr").await;
            *last = format!("{before:?} before, now {rows:?}");
            rows.iter()
                .any(|r| r.contains("FINISHED") && r.contains("ITIMER") && r.contains("Download"))
                .then_some(())
        })
        .await;

        // The job manager: its configuration has the REST port the console talks to.
        b.click_nav("Job manager").await;
        let port = lab
            .setup
            .flink_url
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .to_string();
        b.wait_text("main", "rest.port").await;
        eventually("rest.port in the configuration", async |last| {
            let rows = b.texts("main tr").await;
            let row = rows.into_iter().find(|r| r.contains("rest.port"))?;
            *last = row.clone();
            row.contains(&port).then_some(())
        })
        .await;
        open_log(
            &b,
            "standalonesession",
            &["StandaloneSessionClusterEntrypoint", "Dispatcher"],
        )
        .await;

        // The cluster page: the version Flink reports.
        let version = get_json(&lab.setup, "/config").expect("Flink answers /config")
            ["flink-version"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        b.click_nav("Cluster").await;
        b.wait_text("main", &version).await;
        assert_no_error_panel(&b).await;
    });
}
