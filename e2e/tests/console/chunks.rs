//! The bundle arrives in pieces: the home page fetches no view chunk; the first Flink view fetches
//! the Flink chunk, once; a deep link into a Flink vertex, opened cold in a new browser, renders.
//! Read from the browser's resource timing, so it checks what was really fetched.

use switchboard_e2e::app::{assert_no_error_panel, wait_healthy, DEMO_CLUSTERS};
use switchboard_e2e::flink::{start_test_job, wait_job_state, Cleanup};
use switchboard_e2e::{e2e, Browser};

/// The wasm files this page has fetched so far, by file name, in order.
async fn fetched_wasm(b: &Browser) -> Vec<String> {
    let names = b
        .js(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)\
             .filter(p => p.endsWith('.wasm')).map(p => p.split('/').pop())",
            vec![],
        )
        .await;
    serde_json::from_value(names).unwrap_or_default()
}

/// The fetched files that are chunks of `name` (`flink-<hash>.wasm`).
fn chunks_of<'a>(files: &'a [String], name: &str) -> Vec<&'a String> {
    let prefix = format!("{name}-");
    files.iter().filter(|f| f.starts_with(&prefix)).collect()
}

#[test]
fn home_fetches_no_view_chunk_and_a_flink_view_fetches_only_the_flink_chunk_once() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/")).await;
        for name in DEMO_CLUSTERS {
            wait_healthy(&b, name).await;
        }
        let home = fetched_wasm(&b).await;
        assert_eq!(home.len(), 1, "the home page fetched {home:?}");
        assert!(
            home[0].ends_with("_bg.wasm"),
            "the home page fetched {home:?}"
        );

        b.click_nav("demo-flink").await;
        b.wait_text("main h1", "Apache Flink").await;
        let flink = fetched_wasm(&b).await;
        assert_eq!(
            chunks_of(&flink, "flink").len(),
            1,
            "after a Flink view: {flink:?}"
        );
        assert!(
            chunks_of(&flink, "console").is_empty(),
            "after a Flink view: {flink:?}"
        );

        // More Flink views come from the same chunk: nothing more is fetched for them.
        b.click_nav("Task managers").await;
        b.wait_for("[data-table=tms]").await;
        b.click_nav("Job manager").await;
        b.wait_url("the job manager view", |u| u.contains("/jobmanager"))
            .await;
        b.wait_for("main h1").await;
        assert_eq!(
            fetched_wasm(&b).await,
            flink,
            "Flink views fetched more wasm"
        );
        assert_no_error_panel(&b).await;
    });
}

#[test]
fn a_cold_deep_link_into_a_flink_vertex_renders_in_a_new_browser() {
    e2e(|lab| async move {
        let label = format!("e2e chunks {}", std::process::id());
        let mut cleanup = Cleanup::new(&lab.setup, &label);
        let (jar_id, jid) = start_test_job(&lab.setup, &["--label", &label, "--rate", "5"], 1);
        cleanup.jar_id = Some(jar_id);

        let a = lab.browser().await;
        a.open(&lab.setup.app(&format!("/flink/demo-flink/jobs/{jid}")))
            .await;
        wait_job_state(&a, "RUNNING").await;
        let vertex = "[data-node-id][aria-label*='Count Per Key']";
        a.click(vertex).await;
        let vid = a.attr(vertex, "data-node-id").await.unwrap_or_default();
        a.wait_for(&format!("[data-vertex=\"{vid}\"]")).await;
        let link = a
            .wait_url("the vertex in the address", |u| u.contains(&vid))
            .await;

        let b = lab.browser().await;
        b.open(&link).await;
        b.wait_for(&format!("[data-vertex=\"{vid}\"]")).await;
        let files = fetched_wasm(&b).await;
        assert_eq!(
            chunks_of(&files, "flink").len(),
            1,
            "the deep link fetched {files:?}"
        );
        assert_no_error_panel(&b).await;
    });
}
