//! Checks `optional` clusters so `clusters.json` lists them only while they answer.

use crate::client::OutBody;
use crate::state::{AppState, ClusterRuntime};
use bytes::Bytes;
use http::{Method, Request};
use http_body_util::{BodyExt, Empty};
use std::sync::Arc;
use std::time::Duration;

/// Checks every optional cluster once: any HTTP answer from its first upstream counts as up.
pub async fn check_optional_clusters(state: &AppState) {
    let checks = state
        .clusters
        .iter()
        .filter(|c| c.config.optional)
        .map(|c| check(state, c));
    futures_util::future::join_all(checks).await;
}

async fn check(state: &AppState, cluster: &Arc<ClusterRuntime>) {
    let Some(upstream) = cluster.config.all_upstreams().next() else {
        return;
    };
    let body: OutBody = Empty::<Bytes>::new()
        .map_err(|never| match never {})
        .boxed_unsync();
    let Ok(request) = Request::builder()
        .method(Method::GET)
        .uri(upstream.url_for("/", None))
        .body(body)
    else {
        return;
    };
    let limit = state.config.limits.connect_timeout + Duration::from_secs(2);
    let up = matches!(
        tokio::time::timeout(limit, cluster.client.request(request)).await,
        Ok(Ok(_))
    );
    if up != cluster.is_healthy() {
        let now = if up {
            "answers; listed in clusters.json"
        } else {
            "does not answer; left out of clusters.json"
        };
        eprintln!(
            "optional cluster '{}' at {upstream} {now}",
            cluster.config.name
        );
    }
    cluster.set_healthy(up);
}

/// Re-checks optional clusters every `health_interval` for as long as the server runs.
pub fn spawn_checks(state: Arc<AppState>) {
    if !state.clusters.iter().any(|c| c.config.optional) {
        return;
    }
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(state.config.limits.health_interval);
        ticker.tick().await;
        loop {
            ticker.tick().await;
            check_optional_clusters(&state).await;
        }
    });
}
