//! A running job's flame graph, and rescaling it on the adaptive scheduler through the console:
//! the rescale form, the job running at the new parallelism, the Rescales tab with the change,
//! and the job's application page, where the application is cancelled (Flink 2.3).

use switchboard_e2e::app::{confirm_dialog, open_tab};
use switchboard_e2e::e2e;
use switchboard_e2e::flink::{
    job_state, start_test_job, vertex_parallelism, wait_job_state, wait_operation, Cleanup,
    FLINK_TIMEOUT,
};
use switchboard_e2e::wait::eventually_within;

#[test]
fn a_job_shows_its_flame_graph_and_is_rescaled_from_one_to_two_with_the_change_in_its_history() {
    e2e(|lab| async move {
        let label = format!("e2e rescale {}", std::process::id());
        let mut cleanup = Cleanup::new(&lab.setup, &label);
        let (jar_id, jid) = start_test_job(
            &lab.setup,
            &["--label", &label, "--rate", "20", "--checkpoint-ms", "1000"],
            1,
        );
        cleanup.jar_id = Some(jar_id);

        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("/flink/demo-flink/jobs/{jid}")))
            .await;
        wait_job_state(&b, "RUNNING").await;

        // The keyed vertex's flame graph, once Flink has sampled it.
        let vertex = "[data-node-id][aria-label*='Count Per Key']";
        b.click(vertex).await;
        let vid = b.attr(vertex, "data-node-id").await.unwrap_or_default();
        open_tab(&b, &format!("//*[@data-vertex='{vid}']"), "Flame graph").await;
        b.wait_url("the flame graph in the address", |u| {
            u.contains("vtab=flamegraph")
        })
        .await;
        // Mixed samples: an idle keyed vertex may have no on-CPU sample at all.
        b.select("select[aria-label=Type]", "FULL").await;
        b.wait_url("the type in the address", |u| u.contains("fgtype=FULL"))
            .await;
        eventually_within("the sampled flame graph", FLINK_TIMEOUT, async |last| {
            *last = b
                .texts("[data-flame-state], [data-flame-end]")
                .await
                .join(" ");
            let n: usize = b.attr("[data-frames]", "data-frames").await?.parse().ok()?;
            *last = format!("{n} frames; {last}");
            (n >= 5).then_some(())
        })
        .await;

        // Every upper bound to 2, through the form and the confirm dialog.
        b.click_button("Rescale…").await;
        b.wait_for("[data-form=rescale] input[aria-label^='Upper bound']")
            .await;
        b.type_into("[data-form=rescale] label input[type=number]", "2")
            .await;
        b.click_button("Apply to all").await;
        b.click_button("Apply new parallelism").await;
        confirm_dialog(&b, "Rescale").await;
        wait_operation(&b, "body", "*", "the rescale").await;

        // Flink runs the keyed vertex at 2 now, and the page says so.
        eventually_within(
            "Count Per Key at parallelism 2",
            FLINK_TIMEOUT,
            async |last| {
                let p = vertex_parallelism(&lab.setup, &jid);
                *last = format!("{p:?}");
                p.iter()
                    .any(|(n, p)| n.contains("Count Per Key") && *p == 2)
                    .then_some(())
            },
        )
        .await;
        wait_job_state(&b, "RUNNING").await;

        // The Rescales tab lists the change; its row opens the details, 1 → 2.
        open_tab(&b, "//body", "Rescales").await;
        let rows = "[data-table=rescales] [data-count]";
        eventually_within("two rescales in the history", FLINK_TIMEOUT, async |last| {
            let n: usize = b.attr(rows, "data-count").await?.parse().ok()?;
            *last = n.to_string();
            if n < 2 {
                // The history is read once per visit to the tab; look again.
                b.click_button("⟳").await;
            }
            (n >= 2).then_some(())
        })
        .await;
        b.click_xpath("//*[@data-table='rescales']//tbody//tr[contains(., 'UPDATE_REQUIREMENT')]")
            .await;
        b.wait_for("[data-rescale]").await;
        b.wait_text("[data-rescale]", "1 → 2").await;
        b.wait_url("the rescale in the address", |u| u.contains("rescale="))
            .await;

        // The job's application lists the job.
        b.click("[data-application-link]").await;
        b.wait_url("the application's page", |u| u.contains("/applications/"))
            .await;
        b.wait_text("main", &label).await;

        // Cancel the application (type its name to confirm): the page follows it to CANCELED.
        b.click_button("Cancel application").await;
        let name = b.wait_text("[role=dialog] code", "").await;
        b.type_into("[role=dialog] input[aria-label='Type to confirm']", &name)
            .await;
        confirm_dialog(&b, "Cancel application").await;
        eventually_within(
            "the application to be CANCELED",
            FLINK_TIMEOUT,
            async |last| {
                let t = b.texts("[data-application] h1").await.join(" ");
                *last = t.clone();
                t.contains("CANCELED").then_some(())
            },
        )
        .await;
        // Flink's job details come from a cache refreshed every few seconds.
        eventually_within(
            "Flink to report the job CANCELED",
            FLINK_TIMEOUT,
            async |last| {
                let s = job_state(&lab.setup, &jid);
                *last = format!("{s:?}");
                (s.as_deref() == Some("CANCELED")).then_some(())
            },
        )
        .await;
        drop(cleanup);
    });
}
