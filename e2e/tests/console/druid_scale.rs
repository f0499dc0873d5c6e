//! The Druid datasources list at the scale of a large cluster (5,000 datasources; run with
//! `E2E_FLINK=0 E2E_SIM_ARGS="--druid-scale large" scripts/e2e.sh druid_scale --include-ignored`):
//! prints the time from the answer's arrival to the first rows on screen, and the longest
//! main-thread block (the browser's own long-task entries) while loading, sorting and filtering.
//! Ignored by default: at the default size it measures nothing of interest.

use serde_json::{json, Value};
use switchboard_e2e::browser::Browser;
use switchboard_e2e::{e2e, eventually};

/// Recorded in the page from its first script: long tasks and when the first table row appeared.
const PROBE: &str = "window.__lt = []; window.__firstRow = null;
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lt.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
new MutationObserver(() => {
  if (window.__firstRow === null && document.querySelector('[data-table=ds] tbody tr a')) {
    window.__firstRow = performance.now();
  }
}).observe(document, { childList: true, subtree: true });";

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

#[test]
#[ignore = "a measurement at the large simulator size; see the module doc"]
fn the_datasources_list_of_a_large_cluster_stays_responsive() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": PROBE }),
        )
        .await;
        b.open(&lab.setup.app("/druid/demo-druid/datasources"))
            .await;
        let total: Value = eventually("the datasources list", async |_| {
            let t = b
                .texts("[data-ds-total]")
                .await
                .into_iter()
                .next()
                .filter(|t| !t.is_empty())?;
            (b.count("[data-table=ds] tbody tr").await > 0).then_some(json!(t))
        })
        .await;
        let arrival = b
            .js(
                "const e = performance.getEntriesByType('resource').filter(e => e.name.includes('/datasources?simple'))[0]; return e ? e.responseEnd : null",
                vec![],
            )
            .await;
        let first = b.js("return window.__firstRow", vec![]).await;
        let load_block = longest_block(&b).await;
        println!(
            "druid scale: {total}; answer arrived at {arrival} ms, first rows at {first} ms: {:.0} ms after; longest block while loading {load_block:.0} ms",
            first.as_f64().unwrap_or(0.0) - arrival.as_f64().unwrap_or(0.0)
        );

        reset_blocks(&b).await;
        b.click("[data-table=ds] th[data-col=size]").await;
        b.wait_url("the sort in the URL", |u| u.contains("size"))
            .await;
        settle().await;
        let sort_block = longest_block(&b).await;

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
        println!(
            "druid scale: longest block while sorting {sort_block:.0} ms, while filtering {filter_block:.0} ms"
        );
    });
}
