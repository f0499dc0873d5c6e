//! CockroachDB against the simulated three-node cluster (`demo-cockroach`, whose login session
//! the proxy holds): the nodes table lists three live nodes, a node's ranges open from it, a
//! range shows how each node sees it, and hot ranges sort by writes with the sort in the URL.

use switchboard_e2e::app::assert_no_error_panel;
use switchboard_e2e::{e2e, eventually};

const CLUSTER: &str = "/cockroach/demo-cockroach";

#[test]
fn cockroach_nodes_ranges_range_and_hot_ranges() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(CLUSTER)).await;
        eventually("three node rows", async |last| {
            let n = b.count("[data-nodes] [data-node-link]").await;
            *last = format!("{n} rows");
            (n == 3).then_some(())
        })
        .await;
        b.wait_for("[data-nodes] [data-health]").await;
        assert_no_error_panel(&b).await;

        // A node's page lists its metrics; its ranges open from the nodes table.
        b.click("[data-nodes] [data-node-link='1']").await;
        b.wait_url("the node page", |u| u.contains("/nodes/1"))
            .await;
        b.wait_text("[data-metrics]", "sys.cpu.user.percent").await;
        b.open(&lab.setup.app(CLUSTER)).await;
        b.wait_for("[data-nodes] [data-ranges-link='1']").await;
        b.click("[data-nodes] [data-ranges-link='1']").await;
        b.wait_url("the ranges page", |u| u.contains("/nodes/1/ranges"))
            .await;
        b.wait_for("[data-ranges] [data-range-link]").await;
        assert_no_error_panel(&b).await;

        // A range: every node holding it answers.
        let id = b
            .attr("[data-ranges] [data-range-link]", "data-range-link")
            .await
            .expect("a range id");
        b.click(&format!("[data-ranges] [data-range-link='{id}']"))
            .await;
        b.wait_url("the range page", |u| u.contains(&format!("/ranges/{id}")))
            .await;
        b.wait_for("[data-range-node='1']").await;
        assert_no_error_panel(&b).await;

        // Hot ranges, sorted by writes by clicking the header: the URL carries the sort.
        b.open(&lab.setup.app(&format!("{CLUSTER}/hot"))).await;
        b.wait_text("[data-hot] tbody", "r").await;
        b.click("[data-hot] th[data-col='writes']").await;
        b.wait_url("the sort in the address", |u| u.contains("hot.sort=writes"))
            .await;
        assert_no_error_panel(&b).await;

        // The top-N chart ranks by writes once picked (the pick in the URL): at most ten bars,
        // highest first.
        b.select("[data-hot-top-by]", "writes").await;
        b.wait_url("the chart's measure in the address", |u| {
            u.contains("top=writes")
        })
        .await;
        b.wait_text("[data-hot-top] h2", "Writes/s").await;
        let values = b
            .js(
                "return [...document.querySelectorAll('[data-top-bar]')].map(r => parseFloat(r.lastElementChild.textContent.replace(/[^0-9.\\-]/g, '')));",
                vec![],
            )
            .await;
        let values: Vec<f64> = values
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default();
        assert!(
            (1..=10).contains(&values.len()),
            "top chart bars: {values:?}"
        );
        assert!(
            values.windows(2).all(|w| w[0] >= w[1]),
            "bars not highest first: {values:?}"
        );
    });
}
