//! The home page lists the deployment's clusters with live health.

use switchboard_e2e::app::{assert_no_error_panel, table_names, wait_healthy, DEMO_CLUSTERS};
use switchboard_e2e::{e2e, eventually};

#[test]
fn home_lists_every_demo_cluster_with_an_ok_health_badge() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/")).await;
        b.wait_for("[data-table=clusters] a[data-cluster-link]")
            .await;
        for name in DEMO_CLUSTERS {
            b.wait_for(&format!(
                "[data-table=clusters] a[data-cluster-link=\"{name}\"]"
            ))
            .await;
        }
        let names = table_names(&b).await;
        for name in DEMO_CLUSTERS {
            assert!(
                names.iter().any(|n| n == name),
                "{name} is not in the table: {names:?}"
            );
        }
        for name in DEMO_CLUSTERS {
            wait_healthy(&b, name).await;
        }
        let count = b
            .attr("[data-table=clusters] [data-count]", "data-count")
            .await;
        assert_eq!(
            count.as_deref(),
            Some("5"),
            "the table counts {count:?} clusters"
        );
        // Each demo cluster says what it is: Flink is real, the other four are simulators.
        for name in DEMO_CLUSTERS {
            let tag = b
                .attr(&format!("[data-table=clusters] tr:has(a[data-cluster-link=\"{name}\"]) [data-cluster-tag]"), "data-cluster-tag")
                .await;
            let expected = if name.contains("flink") {
                "real"
            } else {
                "simulated"
            };
            assert_eq!(tag.as_deref(), Some(expected), "the tag of {name}");
        }
        let lines = b
            .texts("[data-table=clusters] [data-cluster-description]")
            .await;
        assert_eq!(
            lines.len(),
            5,
            "one description per demo cluster: {lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("real Apache Flink")),
            "no description of the real Flink: {lines:?}"
        );
        assert_no_error_panel(&b).await;
    });
}

#[test]
fn home_page_shows_no_broken_image() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/")).await;
        b.wait_for("[data-table=clusters] a[data-cluster-link]")
            .await;
        let script = "return Array.from(document.images).every(i => i.complete)";
        eventually("every image to finish loading", async |_| {
            b.js(script, vec![]).await.as_bool().filter(|d| *d)
        })
        .await;
        let broken = b
            .js("return Array.from(document.images).filter(i => i.naturalWidth === 0).map(i => i.src)", vec![])
            .await;
        assert_eq!(
            broken,
            serde_json::json!([]),
            "broken images on the home page"
        );
    });
}
