//! A deployment under a sub-path: the proxy with `base_path = "/console/"` serves the console, its
//! clusters and its API calls there, and every link stays under it.

use switchboard_e2e::app::{
    assert_no_error_panel, explorer_response, json_search, table_names, wait_healthy,
};
use switchboard_e2e::{e2e, eventually};

#[test]
fn console_under_a_sub_path_loads_navigates_and_calls_the_proxy_there() {
    e2e(|lab| async move {
        let root = lab.setup.subpath_url.clone();
        let under = |u: &str| u.starts_with(&root);
        let b = lab.browser().await;
        b.open(&root).await;
        b.wait_for("[data-table=clusters] a[data-cluster-link=\"demo-druid\"]")
            .await;
        assert_eq!(
            table_names(&b).await.len(),
            5,
            "clusters under the sub-path"
        );
        wait_healthy(&b, "demo-druid").await;
        assert_no_error_panel(&b).await;

        // Home → a cluster (the table's link).
        b.click("a[data-cluster-link=\"demo-druid\"]").await;
        b.wait_url("the cluster page under the sub-path", |u| {
            u == format!("{root}druid/demo-druid/")
        })
        .await;
        wait_healthy(&b, "demo-druid").await;

        // Every link of the frame stays under the sub-path.
        let hrefs = b
            .js(
                "return Array.from(document.querySelectorAll('header a, nav a')).map(a => a.href)",
                vec![],
            )
            .await;
        let outside: Vec<String> = hrefs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .filter(|h| !under(h))
            .map(String::from)
            .collect();
        assert!(
            outside.is_empty(),
            "links outside the sub-path on {}: {outside:?}",
            b.url().await
        );

        // The side navigation: the API explorer.
        b.click("nav a[href$='/demo-druid/api']").await;
        b.wait_url("the API explorer under the sub-path", |u| {
            u.starts_with(&format!("{root}druid/demo-druid/api"))
        })
        .await;
        explorer_response(&b).await;
        let hits = json_search(&b, "version", 1).await;
        assert!(!hits.is_empty(), "no Druid status under the sub-path");

        // Copy link keeps the sub-path.
        b.click_button("Copy link").await;
        let link = eventually("the copied link", async |_| {
            b.attr("html", "data-last-copied-link").await
        })
        .await;
        assert!(under(&link), "the copied link leaves the sub-path: {link}");

        // Back to all clusters through the side navigation.
        b.click_nav("All clusters").await;
        b.wait_url("home under the sub-path", |u| u == root).await;
        b.wait_for("[data-table=clusters] a[data-cluster-link=\"demo-druid\"]")
            .await;

        // A deep link loads as it is.
        b.open(&link).await;
        explorer_response(&b).await;
        assert!(under(&b.url().await));
        assert_no_error_panel(&b).await;
    });
}
