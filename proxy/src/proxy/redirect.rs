//! Which redirects the proxy follows: to the same upstream or a host of the same cluster on an
//! allowed address, with the same scheme.

use crate::state::{AppState, ClusterRuntime};
use crate::upstream::{split_host_port, Upstream};
use http::{header, HeaderMap, Uri};

/// Where a redirect leads, if it can be followed: an absolute http(s) URL without credentials (not
/// http after https), or a path on the same upstream.
pub fn redirect_target(headers: &HeaderMap, current: &Upstream) -> Option<(Upstream, String)> {
    let location = headers.get(header::LOCATION)?.to_str().ok()?;
    if location.starts_with('/') && !location.starts_with("//") {
        location.parse::<Uri>().ok()?;
        return Some((current.clone(), location.to_string()));
    }
    let uri: Uri = location.parse().ok()?;
    let tls = match uri.scheme_str() {
        Some("https") => true,
        Some("http") if !current.tls => false,
        _ => return None,
    };
    let authority = uri.authority()?;
    if authority.as_str().contains('@') {
        return None;
    }
    let (host, port) = split_host_port(&format!(
        "{}:{}",
        authority.host(),
        authority.port_u16().unwrap_or(if tls { 443 } else { 80 })
    ))?;
    let path_and_query = uri
        .path_and_query()
        .map_or("/".to_string(), |pq| pq.as_str().to_string());
    Some((Upstream::node(tls, &host, port), path_and_query))
}

/// Whether a redirect from `current` to `next` is followed (with the cluster's credentials): same
/// scheme, and `next` is `current`, a configured upstream, or — with discovery on — a node the
/// cluster reports on an allowed address. Any other redirect goes back to the browser unchanged.
pub async fn may_follow(
    state: &AppState,
    cluster: &ClusterRuntime,
    current: &Upstream,
    next: &Upstream,
) -> bool {
    if next.tls != current.tls {
        return false;
    }
    let host_port = next.host_port();
    if host_port == current.host_port()
        || cluster
            .config
            .all_upstreams()
            .any(|u| u.host_port() == host_port && u.tls == next.tls)
    {
        return true;
    }
    cluster.config.discovery
        && cluster.policy.check(&next.host).await.is_ok()
        && matches!(
            state
                .discovery
                .knows(cluster, &cluster.client, None, &host_port)
                .await,
            Ok(true)
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn target_from(current: &str, location: &str) -> Option<(String, String)> {
        let mut headers = HeaderMap::new();
        headers.insert(header::LOCATION, HeaderValue::from_str(location).unwrap());
        let current = Upstream::parse(current).unwrap();
        redirect_target(&headers, &current).map(|(u, pq)| (u.origin(), pq))
    }

    fn target(location: &str) -> Option<(String, String)> {
        target_from("http://fe:8030", location)
    }

    fn to(origin: &str, path: &str) -> Option<(String, String)> {
        Some((origin.into(), path.into()))
    }

    #[test]
    fn reads_absolute_and_relative_locations() {
        let stream_load = "/api/db/t/_stream_load?x=1";
        assert_eq!(
            target(&format!("http://BE1:8040{stream_load}")),
            to("http://be1:8040", stream_load)
        );
        assert_eq!(
            target("/druid/indexer/v1/task"),
            to("http://fe:8030", "/druid/indexer/v1/task")
        );
        assert_eq!(target("http://be1/"), to("http://be1:80", "/"));
        assert_eq!(target("https://be1/x"), to("https://be1:443", "/x"));
        assert_eq!(
            target_from("https://n1:8080", "/api/v2/x"),
            to("https://n1:8080", "/api/v2/x")
        );
    }

    #[test]
    fn ignores_locations_it_cannot_follow_safely() {
        assert_eq!(
            target_from("https://n1:8080", "http://n2:8080/x"),
            None,
            "downgrade to http"
        );
        assert_eq!(target("ftp://be1:8040/x"), None);
        assert_eq!(target("http://root:pw@be1:8040/x"), None);
        assert_eq!(target("//evil.example/x"), None);
        assert_eq!(target("relative/path"), None);
    }
}
