//! Which redirects the proxy follows: plain http, to the same upstream or a host of the same cluster.

use crate::state::{AppState, ClusterRuntime};
use crate::upstream::{split_host_port, Upstream};
use http::{header, HeaderMap, Uri};

/// Where a redirect leads, if it is a plain http URL (absolute, or a path on the same upstream).
pub fn redirect_target(headers: &HeaderMap, current: &Upstream) -> Option<(Upstream, String)> {
    let location = headers.get(header::LOCATION)?.to_str().ok()?;
    if location.starts_with('/') && !location.starts_with("//") {
        location.parse::<Uri>().ok()?;
        return Some((current.clone(), location.to_string()));
    }
    let uri: Uri = location.parse().ok()?;
    if uri.scheme_str() != Some("http") {
        return None;
    }
    let authority = uri.authority()?;
    if authority.as_str().contains('@') {
        return None;
    }
    let (host, port) = split_host_port(&format!(
        "{}:{}",
        authority.host(),
        authority.port_u16().unwrap_or(80)
    ))?;
    let path_and_query = uri
        .path_and_query()
        .map_or("/".to_string(), |pq| pq.as_str().to_string());
    Some((Upstream::node(&host, port), path_and_query))
}

/// Whether a node belongs to the cluster: configured, or reported by it when discovery is on.
pub async fn same_cluster(state: &AppState, cluster: &ClusterRuntime, node: &Upstream) -> bool {
    let host_port = node.host_port();
    if cluster.is_configured(&host_port) {
        return true;
    }
    cluster.config.discovery
        && matches!(
            state
                .discovery
                .knows(
                    cluster,
                    &state.client,
                    state.config.limits.request_timeout,
                    None,
                    &host_port
                )
                .await,
            Ok(true)
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn target(location: &str) -> Option<(String, String)> {
        let mut headers = HeaderMap::new();
        headers.insert(header::LOCATION, HeaderValue::from_str(location).unwrap());
        let current = Upstream::parse("http://fe:8030").unwrap();
        redirect_target(&headers, &current).map(|(u, pq)| (u.host_port(), pq))
    }

    #[test]
    fn reads_absolute_and_relative_locations() {
        assert_eq!(
            target("http://BE1:8040/api/db/t/_stream_load?x=1"),
            Some(("be1:8040".into(), "/api/db/t/_stream_load?x=1".into()))
        );
        assert_eq!(
            target("/druid/indexer/v1/task"),
            Some(("fe:8030".into(), "/druid/indexer/v1/task".into()))
        );
        assert_eq!(target("http://be1/"), Some(("be1:80".into(), "/".into())));
    }

    #[test]
    fn ignores_locations_it_cannot_follow_safely() {
        assert_eq!(target("https://be1:8040/x"), None);
        assert_eq!(target("http://root:pw@be1:8040/x"), None);
        assert_eq!(target("//evil.example/x"), None);
        assert_eq!(target("relative/path"), None);
    }
}
