//! An upstream failure shows an error panel (status, the server's message, the request, Retry);
//! Retry after the upstream recovered shows the data.

use switchboard_e2e::app::{
    error_panels, explorer_path, explorer_response, json_search, ERROR_PANEL,
};
use switchboard_e2e::sim::Fault;
use switchboard_e2e::{e2e, eventually};

#[test]
fn upstream_500_shows_an_error_panel_and_retry_recovers() {
    e2e(|lab| async move {
        let fault = Fault::set(&lab.setup, "druid", "status500_text");
        let b = lab.browser().await;
        let path = "/druid/coordinator/v1/datasources?simple";
        b.open(
            &lab.setup
                .app(&explorer_path("druid", "demo-druid", "coordinator", path)),
        )
        .await;

        let panel = eventually("an error panel", async |_| {
            error_panels(&b).await.into_iter().next()
        })
        .await;
        assert!(
            panel.contains("HTTP 500"),
            "the panel does not show the status: {panel}"
        );
        assert!(
            panel.contains("simulated failure"),
            "the panel does not show the server's message: {panel}"
        );
        assert!(
            panel.contains(path),
            "the panel does not show the request: {panel}"
        );
        assert_eq!(
            b.attr(ERROR_PANEL, "data-error-kind").await.as_deref(),
            Some("Request failed")
        );
        assert_eq!(
            b.count(&format!("{ERROR_PANEL} button")).await,
            1,
            "no Retry button: {panel}"
        );
        assert!(
            !b.page_text().await.contains("wikipedia"),
            "data shown despite the failure"
        );

        fault.clear();
        b.click_button("Retry").await;
        b.wait_gone(ERROR_PANEL).await;
        explorer_response(&b).await;
        let hits = json_search(&b, "wikipedia", 1).await;
        assert!(
            hits.iter().any(|h| h.ends_with(".name = wikipedia")),
            "no data after Retry: {hits:?}"
        );
    });
}
