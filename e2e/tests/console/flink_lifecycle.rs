//! An operator's round trip on the real Flink cluster, through the proxy, in one browser: cancel
//! an upload halfway, upload the test jar (the progress bar moves), run it with quoted arguments, see it RUNNING with its
//! graph, open a vertex, see checkpoints complete, trigger a savepoint, stop with a savepoint,
//! resubmit from that savepoint, cancel, dispose of the other savepoint; and a copied link to a
//! vertex's metrics opens the same view in a new browser.

use std::path::Path;
use switchboard_e2e::app::{
    assert_no_error_panel, confirm_dialog, copy_link, open_tab, path_and_query,
};
use switchboard_e2e::flink::{
    job_state, limit_uploads, test_jar, uploaded_jars, wait_job_state, wait_operation,
    wait_operation_result, Cleanup, FLINK_TIMEOUT,
};
use switchboard_e2e::wait::eventually_within;
use switchboard_e2e::{e2e, eventually, Browser};

/// Records, every 10 ms, the value of the upload progress bar into `window.__sbProgress`.
const WATCH_PROGRESS: &str = "window.__sbProgress = []; window.__sbWatch = setInterval(() => {
    const bar = document.querySelector('[data-upload] [role=progressbar]');
    if (bar) window.__sbProgress.push(Number(bar.getAttribute('aria-valuenow') || 0));
}, 10);";

/// The job id in a job page's address (`.../jobs/<id>/...`).
fn job_id_of(url: &str) -> Option<String> {
    let (path, _) = path_and_query(url);
    let rest = path.split("/jobs/").nth(1)?;
    let id = rest.split('/').next()?;
    (id.len() == 32).then(|| id.to_string())
}

/// The local directory of a `file:` savepoint location.
fn savepoint_dir(location: &str) -> &Path {
    Path::new(
        location
            .trim_start_matches("file:")
            .trim_start_matches("//"),
    )
}

/// Fills in the run form and runs the job; returns the new job's id once its page is shown.
async fn run_job(b: &Browser, args: &str, expected_args: usize, savepoint: Option<&str>) -> String {
    b.wait_for("[data-run-form]").await;
    b.type_into("#run-parallelism", "2").await;
    b.type_into("#run-args", args).await;
    b.wait_for(&format!("[data-args=\"{expected_args}\"]"))
        .await;
    if let Some(sp) = savepoint {
        b.type_into("#run-savepoint", sp).await;
    }
    b.click_button("Show plan").await;
    eventually("the plan's graph before the run", async |last| {
        let n = b.count("[data-run-form] [data-node-id]").await;
        *last = format!("{n} nodes");
        (n == 5).then_some(())
    })
    .await;
    b.click_button("Run job").await;
    let url = b.wait_url("a job page", |u| job_id_of(u).is_some()).await;
    job_id_of(&url).unwrap_or_default()
}

#[test]
fn a_job_is_uploaded_run_savepointed_stopped_resumed_and_cancelled() {
    e2e(|lab| async move {
        let label = format!("e2e lifecycle {}", std::process::id());
        let mut cleanup = Cleanup::new(&lab.setup, &label);
        let a = lab.browser().await;

        // 1. Upload the jar through the form, on a slow link: the bar moves through values
        //    between 0 and 100 before the upload ends.
        a.open(&lab.setup.app("/flink/demo-flink/submit")).await;
        let input = a.wait_for("[data-upload] input[type=file]").await;
        let jar = test_jar();
        let jar_size = std::fs::metadata(&jar).map(|m| m.len()).unwrap_or(0);
        input
            .send_keys(&jar.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("cannot choose {}: {e}", jar.display()));

        // A first try, on a very slow link, is cancelled halfway: nothing reaches Flink.
        let jars_before = uploaded_jars(&lab.setup);
        limit_uploads(&a, Some((jar_size / 30).max(1024) as u32)).await;
        a.click_button("Upload").await;
        eventually("the first upload under way", async |last| {
            let v = a
                .attr("[data-upload] [role=progressbar]", "aria-valuenow")
                .await?;
            *last = v.clone();
            (v.parse::<f64>().ok()? > 0.0).then_some(())
        })
        .await;
        a.click_button("Cancel upload").await;
        a.wait_gone("[data-upload] [role=progressbar]").await;
        assert_no_error_panel(&a).await;
        assert_eq!(
            uploaded_jars(&lab.setup),
            jars_before,
            "a cancelled upload reached Flink"
        );

        // The second, on a faster link, goes through.
        limit_uploads(&a, Some((jar_size / 2).max(2048) as u32)).await;
        a.js(WATCH_PROGRESS, vec![]).await;
        a.click_button("Upload").await;
        a.wait_for("[data-upload] [role=progressbar]").await;
        a.wait_text("[role=status]", "Jar uploaded").await;
        limit_uploads(&a, None).await;
        let seen = a
            .js(
                "clearInterval(window.__sbWatch); return window.__sbProgress;",
                vec![],
            )
            .await;
        let seen: Vec<f64> = seen
            .as_array()
            .map(|v| v.iter().filter_map(|x| x.as_f64()).collect())
            .unwrap_or_default();
        let mut distinct = seen.clone();
        distinct.dedup();
        assert!(
            distinct.iter().any(|p| *p > 0.0 && *p < 100.0) && distinct.len() >= 3,
            "the progress bar did not move through intermediate values: {distinct:?}"
        );
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]),
            "the progress bar went backwards: {distinct:?}"
        );
        let url = a
            .wait_url("the new jar chosen", |u| u.contains("jar="))
            .await;
        let jar_id = path_and_query(&url)
            .1
            .into_iter()
            .find(|(k, _)| k == "jar")
            .map(|(_, v)| v)
            .unwrap_or_default();
        cleanup.jar_id = Some(jar_id.clone());
        let submit_url = url;

        // 2. Run it with quoted arguments: one argument keeps its space.
        let args = format!("--label '{label}' --rate 50 --checkpoint-ms 1000");
        let jid = run_job(&a, &args, 6, None).await;
        wait_job_state(&a, "RUNNING").await;
        a.wait_text("[data-job-state]", &label).await;
        assert_eq!(job_state(&lab.setup, &jid).as_deref(), Some("RUNNING"));

        // 3. Its graph: five vertices, four edges.
        eventually("the job graph", async |last| {
            let (nodes, edges) = (
                a.count("[data-node-id]").await,
                a.count("[data-edge]").await,
            );
            *last = format!("{nodes} nodes, {edges} edges");
            (nodes == 5 && edges == 4).then_some(())
        })
        .await;

        // 4. Open a vertex: its subtasks (parallelism 2).
        let vertex = "[data-node-id][aria-label*='Count Per Key']";
        a.click(vertex).await;
        let vid = a.attr(vertex, "data-node-id").await.unwrap_or_default();
        a.wait_for(&format!("[data-vertex=\"{vid}\"]")).await;
        eventually("two subtasks of the vertex", async |last| {
            let n = a
                .attr("[data-table=subtasks] [data-count]", "data-count")
                .await?;
            *last = n.clone();
            (n == "2").then_some(())
        })
        .await;

        // 5. Checkpoints complete (watched with auto-refresh on).
        a.select("select[aria-label=Auto-refresh]", "2s").await;
        a.wait_url("auto-refresh in the address", |u| u.contains("refresh=2s"))
            .await;
        open_tab(&a, "//body", "Checkpoints").await;
        eventually_within("a completed checkpoint", FLINK_TIMEOUT, async |last| {
            let t = a.texts("[data-stat=Completed]").await.join("");
            *last = t.clone();
            let n: u64 = t
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()?;
            (n >= 1).then_some(())
        })
        .await;

        // 6. Trigger a savepoint: its location is shown, and it is on disk.
        a.click_button("Savepoint…").await;
        a.wait_for("[data-form=savepoint]").await;
        a.click_button("Trigger savepoint").await;
        let savepoint = wait_operation_result(&a, "the savepoint").await;
        assert!(
            savepoint_dir(&savepoint).join("_metadata").is_file(),
            "the savepoint shown ({savepoint}) is not on disk"
        );
        assert_eq!(job_state(&lab.setup, &jid).as_deref(), Some("RUNNING"));

        // 7. Stop with a savepoint: a second location, and the job finishes.
        a.click_button("Stop with savepoint…").await;
        a.wait_for("[data-form=stop]").await;
        a.click("[data-form=stop] button.sb-danger").await;
        confirm_dialog(&a, "Stop job").await;
        let stopped_at = eventually_within("the stop's savepoint", FLINK_TIMEOUT, async |last| {
            let r = a
                .texts("[data-op=succeeded] [data-op-result]")
                .await
                .into_iter()
                .next();
            *last = format!("{r:?}");
            r.filter(|r| *r != savepoint)
        })
        .await;
        assert!(
            savepoint_dir(&stopped_at).join("_metadata").is_file(),
            "the stop's savepoint ({stopped_at}) is not on disk"
        );
        wait_job_state(&a, "FINISHED").await;

        // 8. Resubmit from that savepoint: the new job reports the restore.
        a.open(&submit_url).await;
        let resumed = run_job(&a, &args, 6, Some(&stopped_at)).await;
        assert_ne!(resumed, jid, "no new job was started");
        wait_job_state(&a, "RUNNING").await;
        a.select("select[aria-label=Auto-refresh]", "2s").await;
        open_tab(&a, "//body", "Checkpoints").await;
        eventually_within(
            "the restore from the savepoint",
            FLINK_TIMEOUT,
            async |last| {
                let page = a.page_text().await;
                let restored = a.texts("[data-stat=Restored]").await.join("");
                *last = restored.clone();
                (restored.starts_with('1') && page.contains(&stopped_at)).then_some(())
            },
        )
        .await;

        // 9. A vertex's metrics, chosen and shared: the link opens the same view elsewhere.
        open_tab(&a, "//body", "Overview").await;
        a.click(vertex).await;
        let vid = a.attr(vertex, "data-node-id").await.unwrap_or_default();
        a.wait_for(&format!("[data-vertex=\"{vid}\"]")).await;
        open_tab(&a, &format!("//*[@data-vertex='{vid}']"), "Metrics").await;
        a.wait_for("[data-metric-picker]").await;
        a.type_into("[data-metric-picker] input[type=search]", "numRecordsIn")
            .await;
        a.click_label("numRecordsIn").await;
        a.wait_url("the chosen metric in the address", |u| {
            u.contains("vm=numRecordsIn")
        })
        .await;
        let rows = "[data-table=vmval] [data-count]";
        eventually("a value per subtask", async |last| {
            let n = a.attr(rows, "data-count").await?;
            *last = n.clone();
            (n == "2").then_some(())
        })
        .await;
        let here = a.url().await;
        let link = copy_link(&a).await;
        assert_eq!(path_and_query(&link), path_and_query(&here));
        let (_, query) = path_and_query(&link);
        assert!(
            query.contains(&("vtab".into(), "metrics".into())),
            "no metrics tab in {link}"
        );

        let b = lab.browser().await;
        b.open(&link).await;
        b.wait_for(&format!("[data-vertex=\"{vid}\"]")).await;
        b.wait_text(
            &format!("[data-vertex=\"{vid}\"] a[aria-selected=true]"),
            "Metrics",
        )
        .await;
        eventually("the shared metric's values", async |last| {
            let n = b.attr(rows, "data-count").await?;
            *last = n.clone();
            (n == "2").then_some(())
        })
        .await;
        assert!(
            b.checked("[data-metric-picker] input[type=checkbox]:checked")
                .await,
            "the shared metric is not ticked"
        );

        // 10. Cancel the resumed job.
        a.click_button("Cancel job").await;
        confirm_dialog(&a, "Cancel job").await;
        wait_job_state(&a, "CANCELED").await;
        assert_eq!(job_state(&lab.setup, &resumed).as_deref(), Some("CANCELED"));

        // 11. Dispose of the first savepoint (the one not resumed from): its files are gone.
        a.click_nav("Cluster").await;
        a.type_into("#dispose-path", &savepoint).await;
        a.click("[data-form=dispose] button.sb-danger").await;
        confirm_dialog(&a, "Dispose").await;
        wait_operation(&a, "[data-form=dispose]", "*", "the disposal").await;
        assert!(
            !savepoint_dir(&savepoint).exists(),
            "the disposed savepoint is still on disk: {savepoint}"
        );
        drop(cleanup);
    });
}
