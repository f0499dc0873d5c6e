//! Adding a cluster through the form: errors at the fields, typed values kept, then a working
//! Flink cluster called directly from the browser.

use switchboard_e2e::app::{assert_no_error_panel, wait_healthy};
use switchboard_e2e::http::get_ok;
use switchboard_e2e::{e2e, eventually, Browser};

/// The error message shown next to the input `input_css` (empty when there is none).
async fn field_error(b: &Browser, input_css: &str) -> String {
    b.texts(&format!("{input_css} ~ .sb-field-error"))
        .await
        .join(" ")
        .trim()
        .to_string()
}

#[test]
fn add_cluster_shows_field_errors_keeps_input_then_saves_a_direct_flink() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/")).await;
        // Wait for the deployment's clusters, so that the duplicate name is known.
        b.wait_for("[data-table=clusters] a[data-cluster-link=\"demo-flink\"]")
            .await;
        b.click("a[href$='/clusters/new'] button").await;
        b.wait_url("the add form", |u| u.ends_with("/clusters/new"))
            .await;

        // 1. A name that is taken and a URL without a scheme.
        b.wait_for("#cl-name").await;
        b.type_into("#cl-name", "demo-flink").await;
        b.select("#cl-system", "flink").await;
        b.click_label("Direct from the browser").await;
        b.type_into("#ep-jobmanager", "127.0.0.1:8081").await;
        b.click_button("Save").await;
        let name_error = eventually("an error at the name field", async |_| {
            let e = field_error(&b, "#cl-name").await;
            (!e.is_empty()).then_some(e)
        })
        .await;
        assert!(
            name_error.contains("already exists"),
            "name error: {name_error}"
        );
        let url_error = field_error(&b, "#ep-jobmanager").await;
        assert!(url_error.contains("http://"), "URL error: {url_error}");
        assert_eq!(
            b.attr("#cl-name", "aria-invalid").await.as_deref(),
            Some("true")
        );
        assert_eq!(
            b.attr("#ep-jobmanager", "aria-invalid").await.as_deref(),
            Some("true")
        );
        assert_eq!(
            b.value("#cl-name").await.as_deref(),
            Some("demo-flink"),
            "the typed name is gone"
        );
        assert_eq!(
            b.value("#ep-jobmanager").await.as_deref(),
            Some("127.0.0.1:8081"),
            "the typed URL is gone"
        );
        assert!(
            b.url().await.ends_with("/clusters/new"),
            "a failed save left the form"
        );

        // 2. A bad URL of another kind, with a fresh name: only the URL is marked.
        b.type_into("#cl-name", "e2e-flink").await;
        b.type_into("#ep-jobmanager", "http://127.0.0.1:99999")
            .await;
        b.click_button("Save").await;
        eventually(
            "the name error to go and the port error to show",
            async |last| {
                let (n, u) = (
                    field_error(&b, "#cl-name").await,
                    field_error(&b, "#ep-jobmanager").await,
                );
                *last = format!("name '{n}', url '{u}'");
                (n.is_empty() && u.contains("port")).then_some(())
            },
        )
        .await;
        assert_eq!(
            b.attr("#cl-name", "aria-invalid").await.as_deref(),
            Some("false")
        );

        // 3. Valid: lands on the cluster's page, which shows what Flink itself reports (the
        //    browser calls Flink directly: Flink allows cross-origin reads).
        let config: serde_json::Value =
            serde_json::from_str(&get_ok(&format!("{}/config", lab.setup.flink_url)))
                .unwrap_or_default();
        let version = config["flink-version"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            !version.is_empty(),
            "Flink's /config names no version: {config}"
        );
        b.type_into("#ep-jobmanager", &lab.setup.flink_url).await;
        b.click_button("Save").await;
        b.wait_url("the new cluster's page", |u| {
            u.ends_with("/flink/e2e-flink/")
        })
        .await;
        b.wait_text("[role=status]", "Saved e2e-flink").await;
        b.wait_text("main h1", "e2e-flink").await;
        b.wait_text("main", &version).await;
        assert_no_error_panel(&b).await;

        // 4. Home lists it, healthy, as a direct cluster of this browser.
        b.click_nav("All clusters").await;
        b.wait_url("home", |u| u == lab.setup.app("/")).await;
        b.wait_for("a[data-cluster-link=\"e2e-flink\"]").await;
        wait_healthy(&b, "e2e-flink").await;
        let row = b
            .texts("[data-table=clusters] tbody tr:has(a[data-cluster-link=\"e2e-flink\"])")
            .await
            .join(" ");
        for want in [lab.setup.flink_url.as_str(), "direct", "this browser"] {
            assert!(
                row.contains(want),
                "the home row does not show '{want}': {row}"
            );
        }
        assert_no_error_panel(&b).await;
    });
}
