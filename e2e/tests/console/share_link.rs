//! "Copy link" gives an address that opens the same view in another browser: the table's sort and
//! filter come along, and a cluster added in one browser is offered to the other one.

use switchboard_e2e::app::{
    add_cluster_via_form, copy_link, explorer_path, explorer_response, json_search, path_and_query,
    table_names,
};
use switchboard_e2e::{e2e, eventually};

#[test]
fn copied_link_of_a_sorted_filtered_table_opens_the_same_rows_in_a_new_browser() {
    e2e(|lab| async move {
        let a = lab.browser().await;
        a.open(&lab.setup.app("/")).await;
        a.wait_for("[data-table=clusters] a[data-cluster-link=\"demo-flink\"]")
            .await;
        // Sort by name, descending (two clicks), and keep only the Apache systems.
        a.click("[data-table=clusters] th[data-col=name]").await;
        a.click("[data-table=clusters] th[data-col=name]").await;
        a.type_into("[data-table=clusters] input[data-filter=system]", "apache")
            .await;
        let expected = vec!["demo-flink".to_string(), "demo-druid".to_string()];
        eventually("the filtered, sorted rows", async |last| {
            let names = table_names(&a).await;
            *last = format!("{names:?}");
            (names == expected).then_some(())
        })
        .await;
        let here = a.url().await;
        let (_, query) = path_and_query(&here);
        assert!(
            query.contains(&("clusters.sort".into(), "name:desc".into())),
            "sort not in the address: {here}"
        );
        assert!(
            query.contains(&("clusters.f.system".into(), "apache".into())),
            "filter not in the address: {here}"
        );

        let link = copy_link(&a).await;
        assert_eq!(
            path_and_query(&link),
            path_and_query(&here),
            "the copied link differs from the address"
        );
        assert!(
            link.starts_with(&lab.setup.app_url),
            "the link is not absolute: {link}"
        );

        let b = lab.browser().await;
        b.open(&link).await;
        eventually("the same rows in the new browser", async |last| {
            let names = table_names(&b).await;
            *last = format!("{names:?}");
            (names == expected).then_some(())
        })
        .await;
        assert_eq!(
            b.attr("[data-table=clusters] [data-count]", "data-count")
                .await
                .as_deref(),
            Some("2")
        );
        assert_eq!(
            b.attr("[data-table=clusters] th[data-col=name]", "aria-sort")
                .await
                .as_deref(),
            Some("descending")
        );
        assert_eq!(
            b.value("[data-table=clusters] input[data-filter=system]")
                .await
                .as_deref(),
            Some("apache")
        );
    });
}

#[test]
fn copied_link_to_a_cluster_of_this_browser_offers_to_add_it_in_a_new_browser() {
    e2e(|lab| async move {
        let flink = lab.setup.flink_url.clone();
        let a = lab.browser().await;
        add_cluster_via_form(
            &a,
            &lab.setup.app_url,
            "e2e-shared",
            "flink",
            true,
            "jobmanager",
            &flink,
        )
        .await;
        a.open(&lab.setup.app(&explorer_path(
            "flink",
            "e2e-shared",
            "jobmanager",
            "/overview",
        )))
        .await;
        explorer_response(&a).await;
        let hits = json_search(&a, "taskmanagers", 1).await;
        assert!(
            hits.iter().any(|h| h.starts_with(".taskmanagers = ")),
            "no task managers in /overview: {hits:?}"
        );
        let view = a.url().await;

        let link = copy_link(&a).await;
        let (path, query) = path_and_query(&link);
        assert_eq!(path, "/flink/e2e-shared/api");
        assert!(
            query.contains(&("cluster_url".into(), flink.clone())),
            "the link does not carry the URL: {link}"
        );
        assert!(
            query.contains(&("cluster_mode".into(), "direct".into())),
            "the link does not carry the mode: {link}"
        );

        // A new browser does not know the cluster: it is offered, prefilled from the link.
        let b = lab.browser().await;
        b.open(&link).await;
        b.wait_for("[data-unknown-cluster=\"e2e-shared\"]").await;
        let offer = b
            .texts("[data-unknown-cluster=\"e2e-shared\"]")
            .await
            .join(" ");
        assert!(
            offer.contains(&flink),
            "the offer does not say where the cluster is: {offer}"
        );
        b.click_button("Add this cluster").await;
        b.wait_url("the add form", |u| u.contains("/clusters/new"))
            .await;
        b.wait_for("#cl-name").await;
        assert_eq!(b.value("#cl-name").await.as_deref(), Some("e2e-shared"));
        assert_eq!(b.value("#cl-system").await.as_deref(), Some("flink"));
        assert_eq!(
            b.value("#ep-jobmanager").await.as_deref(),
            Some(flink.as_str())
        );
        let modes = b.js("return Array.from(document.querySelectorAll('input[name=mode]')).map(i => i.checked)", vec![]).await;
        assert_eq!(
            modes,
            serde_json::json!([true, false]),
            "the direct mode is not picked"
        );
        b.click_button("Save").await;

        // Saved: back on the view the link showed, with the same answer.
        let landed = b
            .wait_url("the shared view", |u| u.contains("/flink/e2e-shared/api"))
            .await;
        assert_eq!(
            path_and_query(&landed),
            path_and_query(&view),
            "landed elsewhere than the shared view"
        );
        explorer_response(&b).await;
        let hits = json_search(&b, "taskmanagers", 1).await;
        assert!(
            hits.iter().any(|h| h.starts_with(".taskmanagers = ")),
            "no task managers in /overview: {hits:?}"
        );
    });
}
