//! Through the proxy, each system's own data shows in the API explorer.

use switchboard_e2e::app::{assert_no_error_panel, explorer_path, explorer_response, json_search};
use switchboard_e2e::http::get_ok;
use switchboard_e2e::{e2e, eventually, Browser, Lab};

/// Opens the explorer of a demo cluster on `target` + `path` and waits for its answer.
async fn explore(lab: &Lab, b: &Browser, system: &str, cluster: &str, target: &str, path: &str) {
    b.open(&lab.setup.app(&explorer_path(system, cluster, target, path)))
        .await;
    explorer_response(b).await;
    assert_no_error_panel(b).await;
}

/// The values of the JSON search hits (`.path = value`).
fn hit_values(hits: &[String]) -> Vec<String> {
    let mut v: Vec<String> = hits
        .iter()
        .filter_map(|h| h.split_once(" = ").map(|(_, v)| v.trim().to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn simulated_systems_show_their_data_through_the_proxy() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        let base = lab.setup.sim_port_base;

        // Druid: the coordinator's datasources.
        explore(
            &lab,
            &b,
            "druid",
            "demo-druid",
            "coordinator",
            "/druid/coordinator/v1/datasources?simple",
        )
        .await;
        for ds in [
            "wikipedia",
            "kttm",
            "social_media",
            "clickstream",
            "metrics_infra",
        ] {
            let hits = json_search(&b, ds, 1).await;
            assert!(
                hits.iter().any(|h| h.ends_with(&format!(".name = {ds}"))),
                "datasource {ds} not shown: {hits:?}"
            );
        }

        // CockroachDB (the proxy logs in for the browser): three nodes.
        explore(
            &lab,
            &b,
            "cockroach",
            "demo-cockroach",
            "node",
            "/api/v2/nodes/",
        )
        .await;
        let hits = json_search(&b, "node_id", 3).await;
        assert_eq!(
            hit_values(&hits),
            ["1", "2", "3"],
            "CockroachDB nodes: {hits:?}"
        );

        // StarRocks (Basic auth added by the proxy): the FE's backends, on the simulated BEs' ports.
        explore(
            &lab,
            &b,
            "starrocks",
            "demo-starrocks",
            "fe",
            "/api/show_proc?path=/backends",
        )
        .await;
        let hits = json_search(&b, "HttpPort", 3).await;
        let want: Vec<String> = [40, 41, 42]
            .iter()
            .map(|o| (base + o).to_string())
            .collect();
        assert_eq!(hit_values(&hits), want, "StarRocks backends: {hits:?}");

        // Databend meta: the three voters.
        explore(
            &lab,
            &b,
            "databend-meta",
            "demo-meta",
            "meta",
            "/v1/cluster/nodes",
        )
        .await;
        let hits = json_search(&b, "grpc_api_advertise_address", 3).await;
        assert_eq!(hits.len(), 3, "meta nodes: {hits:?}");
    });
}

#[test]
fn real_flink_overview_shows_its_task_manager_through_the_proxy() {
    e2e(|lab| async move {
        let overview: serde_json::Value =
            serde_json::from_str(&get_ok(&format!("{}/overview", lab.setup.flink_url)))
                .unwrap_or_else(|e| panic!("Flink's /overview is not JSON: {e}"));
        let tms = overview["taskmanagers"].as_u64().unwrap_or(0);
        assert!(
            tms >= 1,
            "the Flink cluster has no task manager: {overview}"
        );
        let listed: serde_json::Value =
            serde_json::from_str(&get_ok(&format!("{}/taskmanagers", lab.setup.flink_url)))
                .unwrap_or_default();
        let tm_id = listed["taskmanagers"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            !tm_id.is_empty(),
            "Flink lists no task manager id: {listed}"
        );

        let b = lab.browser().await;
        explore(&lab, &b, "flink", "demo-flink", "jobmanager", "/overview").await;
        let hits = json_search(&b, "taskmanagers", 1).await;
        assert!(
            hits.contains(&format!(".taskmanagers = {tms}")),
            "/overview in the console: {hits:?}"
        );
        let hits = json_search(&b, "flink-version", 1).await;
        assert!(
            hits.iter().any(|h| h.contains("2.")),
            "no Flink version shown: {hits:?}"
        );

        explore(
            &lab,
            &b,
            "flink",
            "demo-flink",
            "jobmanager",
            "/taskmanagers",
        )
        .await;
        let hits = json_search(&b, &tm_id, 1).await;
        assert!(
            hits.iter().any(|h| h.contains(".id = ")),
            "task manager {tm_id} not shown: {hits:?}"
        );

        // The calls went through the proxy, not to Flink directly.
        b.click_button("Requests").await;
        let urls = eventually(
            "the request log to list the /taskmanagers call",
            async |last| {
                let urls = b
                    .texts("aside[aria-label='Request log'] [data-log-entry]")
                    .await;
                *last = format!("{urls:?}");
                urls.iter()
                    .any(|u| u.contains("/proxy/demo-flink/jobmanager/taskmanagers"))
                    .then_some(urls)
            },
        )
        .await;
        assert!(
            !urls.iter().any(|u| u.contains(":8081")),
            "a call went to Flink directly: {urls:?}"
        );
    });
}
