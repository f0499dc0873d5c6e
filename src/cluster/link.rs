//! Shareable links: the path of a cluster's view, and what a link carries so that a browser that
//! does not know the cluster can offer to add it (system and URL, never credentials).

use super::model::{Cluster, Mode, Source, System};
use crate::url_state::{encode_segment, Query};

/// Query key carrying a user cluster's primary URL in shared links.
pub const CLUSTER_URL_KEY: &str = "cluster_url";
/// Query key carrying a user cluster's mode in shared links (only when direct).
pub const CLUSTER_MODE_KEY: &str = "cluster_mode";

/// The app path of a view of a cluster: `/<system>/<cluster>/<view...>` (no base path).
pub fn view_path(cluster: &Cluster, view: &str) -> String {
    format!(
        "/{}/{}/{}",
        cluster.system.id(),
        encode_segment(&cluster.name),
        view.trim_start_matches('/')
    )
}

/// The link to copy for the page at `path_and_query` (relative to the app) showing `cluster`:
/// `origin` + `base` + path, with the cluster's URL added when the cluster is the user's own.
pub fn share_link(
    origin: &str,
    base: &str,
    path_and_query: &str,
    cluster: Option<&Cluster>,
) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut q = Query::parse(query);
    q.remove(CLUSTER_URL_KEY);
    q.remove(CLUSTER_MODE_KEY);
    if let Some(c) = cluster.filter(|c| c.source == Source::User) {
        if let Some(url) = c.primary_url() {
            q.set(CLUSTER_URL_KEY, url);
        }
        if c.mode == Mode::Direct {
            q.set(CLUSTER_MODE_KEY, "direct");
        }
    }
    let path = path.trim_start_matches('/');
    format!(
        "{}{}{}",
        origin.trim_end_matches('/'),
        base,
        q.with_path(path)
    )
}

/// The entry a link to an unknown cluster suggests adding: its system and name from the path,
/// URL and mode from the query. Credentials never come from a link.
pub fn offer_from_link(system: System, name: &str, query: &Query) -> Cluster {
    let mut endpoints = std::collections::BTreeMap::new();
    if let Some(url) = query.get(CLUSTER_URL_KEY).filter(|u| !u.is_empty()) {
        endpoints.insert(system.primary_role().to_string(), url.to_string());
    }
    Cluster {
        name: name.to_string(),
        system,
        mode: if query.get(CLUSTER_MODE_KEY) == Some("direct") {
            Mode::Direct
        } else {
            Mode::Proxy
        },
        endpoints,
        auth: system.auth_kind(),
        credentials: None,
        source: Source::User,
        about: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::model::Credentials;

    fn user_cluster() -> Cluster {
        Cluster {
            name: "my sr".into(),
            system: crate::systems::named("starrocks"),
            mode: Mode::Direct,
            endpoints: [("fe".to_string(), "http://fe.lan:8030".to_string())].into(),
            auth: crate::systems::named("starrocks").auth_kind(),
            credentials: Some(Credentials {
                username: "root".into(),
                password: "s3cret".into(),
            }),
            source: Source::User,
            about: Default::default(),
        }
    }

    #[test]
    fn share_link_carries_url_but_never_credentials() {
        let c = user_cluster();
        let path = format!("{}?tab=be&t.q=x", view_path(&c, "nodes"));
        let link = share_link("http://console:8080", "/console/", &path, Some(&c));
        assert!(
            link.starts_with("http://console:8080/console/starrocks/my%20sr/nodes?"),
            "{link}"
        );
        assert!(
            link.contains("cluster_url=http%3A//fe.lan%3A8030")
                || link.contains("cluster_url=http:"),
            "{link}"
        );
        assert!(link.contains("cluster_mode=direct"));
        assert!(!link.contains("s3cret") && !link.contains("root"), "{link}");
    }

    #[test]
    fn deployment_clusters_are_linked_by_name_only() {
        let mut c = user_cluster();
        c.source = Source::Deployment;
        let link = share_link(
            "http://h",
            "/",
            "/starrocks/my%20sr/nodes?cluster_url=x",
            Some(&c),
        );
        assert_eq!(link, "http://h/starrocks/my%20sr/nodes");
    }

    #[test]
    fn a_link_round_trips_into_an_offer() {
        let c = user_cluster();
        let link = share_link("http://h", "/", &view_path(&c, "overview"), Some(&c));
        let query = Query::parse(link.split_once('?').unwrap().1);
        let offer = offer_from_link(crate::systems::named("starrocks"), "my sr", &query);
        assert_eq!(offer.primary_url(), Some("http://fe.lan:8030"));
        assert_eq!(offer.mode, Mode::Direct);
        assert_eq!(offer.credentials, None);
    }
}
