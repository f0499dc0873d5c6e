//! Druid's lists at the scale of a large cluster (5,000 datasources, 200,000 segments; run with
//! `E2E_FLINK=0 E2E_SIM_ARGS="--druid-scale large" scripts/e2e.sh druid_scale --include-ignored`):
//! for the datasources list, the segments of fifty datasources, the tasks, the supervisors and the
//! services, prints the time from the answer's arrival to the first rows on screen, and the
//! longest main-thread block (the browser's own long-task entries) while loading, sorting or
//! paging, and filtering. Ignored by default: at the default size it measures nothing of interest.

use serde_json::{json, Value};
use switchboard_e2e::browser::Browser;
use switchboard_e2e::http::request;
use switchboard_e2e::{e2e, eventually};

/// The rows each list shows, as CSS selectors (the probe notes when each first appears).
const ROWS: [&str; 5] = [
    "[data-table=ds] tbody tr a",
    "[data-segments] tbody tr",
    "[data-table=tasks] tbody tr a",
    "[data-table=supervisors] tbody tr",
    "[data-table=servers] tbody tr",
];

/// Recorded in the page from its first script: long tasks and when each list's first row appeared.
fn probe() -> String {
    format!(
        "window.__lt = []; window.__first = {{}}; const sels = {};
new PerformanceObserver(l => {{ for (const e of l.getEntries()) window.__lt.push(e.duration); }})
  .observe({{ type: 'longtask', buffered: true }});
new MutationObserver(() => {{
  for (const s of sels) {{
    if (!(s in window.__first) && document.querySelector(s)) window.__first[s] = performance.now();
  }}
}}).observe(document, {{ childList: true, subtree: true }});",
        json!(ROWS)
    )
}

async fn longest_block(b: &Browser) -> f64 {
    let v = b.js("return Math.max(0, ...window.__lt)", vec![]).await;
    v.as_f64().unwrap_or(0.0)
}

async fn reset_blocks(b: &Browser) {
    b.js("window.__lt = []", vec![]).await;
}

/// Gives the page a moment to finish the work a click or a keystroke started.
async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
}

/// One list's figures: opens `path`, waits for `rows`, and prints the delay from the end of the
/// answer whose URL contains `answer` to the first row, and the longest block while loading.
async fn open_and_measure(b: &Browser, app: &str, name: &str, rows: &str, answer: &str) {
    b.open(app).await;
    eventually(&format!("the {name} rows"), async |_| {
        (b.count(rows).await > 0).then_some(())
    })
    .await;
    let first = b
        .js(
            "return window.__first[arguments[0]] ?? null",
            vec![json!(rows)],
        )
        .await;
    // The last answer of that kind that arrived before the first row.
    let arrival = b
        .js(
            "const e = performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0]) && e.responseEnd <= arguments[1]).pop(); return e ? e.responseEnd : null",
            vec![json!(answer), first.clone()],
        )
        .await;
    let (arrival, first) = (arrival.as_f64(), first.as_f64());
    let rows_n = b.count(rows).await;
    let load_block = longest_block(b).await;
    println!(
        "druid scale: {name}: answer ({answer}) at {arrival:?} ms, first rows at {first:?} ms: {} ms after; {rows_n} rows on screen; longest block while loading {load_block:.0} ms",
        match (arrival, first) {
            (Some(a), Some(f)) => format!("{:.0}", f - a),
            _ => "?".into(),
        }
    );
    assert!(
        arrival.is_some() && first.is_some(),
        "{name}: no arrival or first-row time"
    );
}

/// Clicks `css` and prints the longest block that followed.
async fn measure_click(b: &Browser, name: &str, what: &str, css: &str) {
    reset_blocks(b).await;
    b.click(css).await;
    settle().await;
    println!(
        "druid scale: {name}: longest block while {what} {:.0} ms",
        longest_block(b).await
    );
}

/// Types into the table's search box and prints the longest block that followed.
async fn measure_search(b: &Browser, name: &str, table: &str, text: &str) {
    reset_blocks(b).await;
    b.type_into(
        &format!("[data-table={table}] input[aria-label=Search]"),
        text,
    )
    .await;
    settle().await;
    println!(
        "druid scale: {name}: longest block while filtering {:.0} ms",
        longest_block(b).await
    );
}

async fn browser(lab: &switchboard_e2e::Lab) -> Browser {
    let b = lab.browser().await;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": probe() }),
    )
    .await;
    b
}

#[test]
#[ignore = "a measurement at the large simulator size; see the module doc"]
fn the_datasources_list_of_a_large_cluster_stays_responsive() {
    e2e(|lab| async move {
        let b = browser(&lab).await;
        open_and_measure(
            &b,
            &lab.setup.app("/druid/demo-druid/datasources"),
            "datasources",
            ROWS[0],
            "/datasources?simple",
        )
        .await;
        let total = b.texts("[data-ds-total]").await;
        println!("druid scale: datasources: {total:?}");
        reset_blocks(&b).await;
        b.click("[data-table=ds] th[data-col=size]").await;
        b.wait_url("the sort in the URL", |u| u.contains("size"))
            .await;
        settle().await;
        let sort_block = longest_block(&b).await;
        println!("druid scale: datasources: longest block while sorting {sort_block:.0} ms");
        reset_blocks(&b).await;
        b.type_into("[data-table=ds] input[aria-label=Search]", "0042")
            .await;
        eventually("the filtered rows", async |_| {
            let n = b.count("[data-table=ds] tbody tr").await;
            (n > 0 && n < 50).then_some(())
        })
        .await;
        settle().await;
        let filter_block = longest_block(&b).await;
        println!("druid scale: datasources: longest block while filtering {filter_block:.0} ms");
    });
}

#[test]
#[ignore = "a measurement at the large simulator size; see the module doc"]
fn the_segments_tasks_supervisors_and_services_of_a_large_cluster_stay_responsive() {
    e2e(|lab| async move {
        // Fifty datasources of the cluster, asked directly.
        let coordinator = format!("{}proxy/demo-druid/coordinator", lab.setup.app_url);
        let a = request(
            "GET",
            &format!("{coordinator}/druid/coordinator/v1/datasources"),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<String> = serde_json::from_str::<Value>(&a.body)
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .take(50)
            .collect();
        assert_eq!(names.len(), 50, "fewer than fifty datasources: {}", a.body);
        let b = browser(&lab).await;
        open_and_measure(
            &b,
            &lab.setup.app(&format!(
                "/druid/demo-druid/segments?datasources={}",
                names.join("%2C")
            )),
            "segments of 50 datasources",
            ROWS[1],
            "/metadata/segments",
        )
        .await;
        let total = b.texts("[data-seg-total]").await;
        println!("druid scale: segments of 50 datasources: {total:?}");
        measure_click(
            &b,
            "segments of 50 datasources",
            "paging",
            "[data-pager] button:last-of-type",
        )
        .await;

        let b = browser(&lab).await;
        open_and_measure(
            &b,
            &lab.setup.app("/druid/demo-druid/tasks"),
            "tasks",
            ROWS[2],
            "/druid/indexer/v1/tasks",
        )
        .await;
        measure_click(
            &b,
            "tasks",
            "sorting",
            "[data-table=tasks] th[data-col=created]",
        )
        .await;
        measure_search(&b, "tasks", "tasks", "index").await;

        let b = browser(&lab).await;
        open_and_measure(
            &b,
            &lab.setup.app("/druid/demo-druid/supervisors"),
            "supervisors",
            ROWS[3],
            "/druid/indexer/v1/supervisor",
        )
        .await;
        measure_search(&b, "supervisors", "supervisors", "kafka").await;

        let b = browser(&lab).await;
        open_and_measure(
            &b,
            &lab.setup.app("/druid/demo-druid/services"),
            "services",
            ROWS[4],
            "/druid/coordinator/v1/servers",
        )
        .await;
    });
}
