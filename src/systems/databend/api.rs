//! One function per endpoint of the meta service's admin HTTP API. `meta` is any node of the
//! cluster (the proxy tries the configured ones in turn); a single node is `node:<host>:<port>`,
//! its admin address. Every endpoint is a GET, the control ones included.

use super::model::{Features, MetaNode, MetaStatus, Transfer};
use crate::cluster::Cluster;
use crate::net::{cluster_request, ApiRequest, FetchError, NetError};

/// The target of any node.
pub const ANY: &str = "meta";

/// The target of the node whose admin API is at `host_port`.
pub fn node(host_port: &str) -> String {
    format!("node:{host_port}")
}

/// A GET of `path` on `target`.
pub fn request(c: &Cluster, target: &str, path: &str) -> ApiRequest {
    cluster_request(c, "GET", target, path)
}

/// The admin addresses (`host:port`) the cluster's configuration names, in order: the proxy's
/// `node:<host>:<port>` targets, else the URLs of the `meta` role.
pub fn configured_nodes(c: &Cluster) -> Vec<String> {
    crate::cluster::endpoint::configured_node_addresses(c, &[ANY, "nodes"])
}

/// `GET /v1/cluster/nodes`: the members.
pub async fn nodes(c: &Cluster) -> Result<Vec<MetaNode>, FetchError> {
    request(c, ANY, "/v1/cluster/nodes").json().await
}

/// `GET /v1/cluster/status` of one node (its view of the cluster). Short time limit: the
/// cluster page polls it.
pub async fn status(c: &Cluster, target: &str) -> Result<MetaStatus, FetchError> {
    request(c, target, "/v1/cluster/status")
        .timeout(5_000)
        .json()
        .await
}

/// `GET /v1/metrics`: Prometheus text, parsed.
pub async fn metrics(c: &Cluster, target: &str) -> Result<crate::net::prometheus::Scrape, FetchError> {
    request(c, target, "/v1/metrics").timeout(10_000).prometheus().await
}

/// `GET /v1/health`: `{"status": "pass"}`.
pub async fn health(c: &Cluster, target: &str) -> Result<serde_json::Value, FetchError> {
    request(c, target, "/v1/health").json().await
}

/// `GET /v1/config`: the server's configuration as debug text (not JSON).
pub async fn config(c: &Cluster, target: &str) -> Result<String, FetchError> {
    request(c, target, "/v1/config").text().await
}

/// `GET /v1/features/list`.
pub async fn features(c: &Cluster, target: &str) -> Result<Features, FetchError> {
    request(c, target, "/v1/features/list").json().await
}

/// `GET /v1/features/set?feature=&enable=` (the leader only).
pub async fn set_feature(
    c: &Cluster,
    target: &str,
    feature: &str,
    enable: bool,
) -> Result<Features, FetchError> {
    let path = format!(
        "/v1/features/set?feature={}&enable={enable}",
        crate::url_state::encode_segment(feature)
    );
    request(c, target, &path).json().await
}

/// `GET /v1/ctrl/trigger_snapshot`: forces a snapshot (a debugging action; answers `null`).
pub async fn trigger_snapshot(c: &Cluster, target: &str) -> Result<(), FetchError> {
    request(c, target, "/v1/ctrl/trigger_snapshot")
        .send()
        .await
        .map(|_| ())
}

/// `GET /v1/ctrl/trigger_transfer_leader[?to=N]` (asked of the leader; others answer 404 with
/// a text that says why).
pub async fn transfer_leader(
    c: &Cluster,
    target: &str,
    to: Option<u64>,
) -> Result<Transfer, FetchError> {
    let path = match to {
        Some(id) => format!("/v1/ctrl/trigger_transfer_leader?to={id}"),
        None => "/v1/ctrl/trigger_transfer_leader".to_string(),
    };
    request(c, target, &path).json().await
}

/// The URL of `GET /debug/pprof/profile?seconds=&frequency=` (a CPU profile; the call blocks
/// for `seconds`).
pub fn cpu_profile_url(c: &Cluster, target: &str, seconds: u32, frequency: u32) -> String {
    let path = format!("/debug/pprof/profile?seconds={seconds}&frequency={frequency}");
    request(c, target, &path).url
}

/// The URL of `GET /debug/jeprof/dump` (the memory profile of servers built with jemalloc
/// profiling).
pub fn memory_profile_url(c: &Cluster, target: &str) -> String {
    request(c, target, "/debug/jeprof/dump").url
}

/// What to tell a user of a failed call: the server's own text when it sent one (a follower
/// explains why it refuses), otherwise the error as the HTTP layer describes it.
pub fn error_text(e: &FetchError) -> String {
    match &e.error {
        NetError::Http { status, body, .. } if !body.trim().is_empty() => {
            format!("HTTP {status}: {}", body.trim())
        }
        other => match other.server_message() {
            Some(m) if !m.trim().is_empty() => format!("{other} ({})", m.trim()),
            _ => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::model::Source;
    use crate::cluster::Mode;

    #[test]
    fn configured_nodes_come_from_node_targets_and_meta_urls() {
        let c = Cluster {
            name: "m".into(),
            system: crate::systems::named("databend-meta"),
            mode: Mode::Direct,
            endpoints: [
                ("meta".to_string(), "http://a:28101, http://b:28101/".to_string()),
                ("node:a:28101".to_string(), "http://a:28101".to_string()),
            ]
            .into(),
            auth: Default::default(),
            credentials: None,
            source: Source::User,
            about: Default::default(),
        };
        assert_eq!(configured_nodes(&c), vec!["a:28101", "b:28101"]);
    }
}
