//! Where a request for a cluster goes: through the deployment's proxy or straight to the system.

use super::model::{Cluster, Mode};
use crate::url_state::encode_segment;

/// The role a proxy target falls back to in direct mode when the cluster has no URL for it (as
/// the catalog says: Druid's coordinator, overlord and broker are all reachable through the router).
fn fallback_role(cluster: &Cluster, target: &str) -> Option<&'static str> {
    cluster.system.meta().role(target).and_then(|r| r.fallback)
}

/// The URL of node `hostport` addressed by `prefix` (`be:host:port`), only when the URLs of the
/// cluster's roles with that node prefix name that node: a target read from a link or an answer
/// never sends a request (and the stored credentials) to a host the user did not configure.
fn node_url(cluster: &Cluster, prefix: &str, hostport: &str) -> Option<String> {
    let meta = cluster.system.meta();
    cluster
        .endpoints
        .iter()
        .filter(|(r, _)| meta.role(r).is_some_and(|r| r.node_prefix == Some(prefix)))
        .flat_map(|(_, urls)| urls.split([',', ' ']).filter(|u| !u.is_empty()))
        .find(|u| {
            u.split_once("://")
                .map(|(_, rest)| rest.split('/').next().unwrap_or_default())
                .is_some_and(|authority| authority.eq_ignore_ascii_case(hostport))
        })
        .map(|u| {
            let (scheme, _) = u.split_once("://").unwrap_or(("http", ""));
            format!("{scheme}://{hostport}")
        })
}

/// The URL of `path` (the system's own path, starting with `/`, query included) on `target`
/// (`jobmanager`, `router`, `fe`, `node:host:port`, ...) of `cluster`. `base` is the console's
/// base path (`/` or `/console/`), where the proxy lives too.
pub fn target_url(
    cluster: &Cluster,
    target: &str,
    path: &str,
    base: &str,
) -> Result<String, String> {
    match cluster.mode {
        Mode::Proxy => Ok(format!(
            "{}proxy/{}/{}{}",
            base,
            encode_segment(&cluster.name),
            target,
            path
        )),
        Mode::Direct => {
            let root = if let Some((role, hostport)) = target.split_once(':') {
                node_url(cluster, role, hostport).ok_or_else(|| {
                    format!(
                        "'{hostport}' is not a {role} node of cluster '{}': nothing was sent.",
                        cluster.name
                    )
                })?
            } else {
                cluster
                    .endpoints
                    .get(target)
                    .or_else(|| {
                        fallback_role(cluster, target).and_then(|r| cluster.endpoints.get(r))
                    })
                    .or_else(|| cluster.endpoints.get(cluster.system.primary_role()))
                    .cloned()
                    .ok_or_else(|| {
                        format!("Cluster '{}' has no URL for '{target}'.", cluster.name)
                    })?
            };
            Ok(format!("{}{}", root.trim_end_matches('/'), path))
        }
    }
}

/// The node addresses (`host:port`) a cluster's configuration names, in order and without
/// repeats: its `node:<host>:<port>` targets, then the hosts of the URLs of `roles` (a role's
/// value may list several URLs, separated by commas or spaces).
pub fn configured_node_addresses(cluster: &Cluster, roles: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = cluster
        .endpoints
        .keys()
        .filter_map(|k| k.strip_prefix("node:"))
        .map(str::to_string)
        .collect();
    for (role, urls) in &cluster.endpoints {
        if !roles.contains(&role.as_str()) {
            continue;
        }
        for u in urls.split([',', ' ']).filter(|u| !u.is_empty()) {
            let authority = u
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(u)
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string();
            if !authority.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&authority)) {
                out.push(authority);
            }
        }
    }
    out
}

/// The console's base path from the page's `<base href>` (always ends with `/`).
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname())
        .map(|p| if p.ends_with('/') { p } else { format!("{p}/") })
        .unwrap_or_else(|| "/".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::model::Source;

    fn druid(mode: Mode) -> Cluster {
        Cluster {
            name: "eu druid".into(),
            system: crate::systems::named("druid"),
            mode,
            endpoints: [("router".to_string(), "https://router.eu:8888/".to_string())].into(),
            auth: Default::default(),
            credentials: None,
            source: Source::User,
            about: Default::default(),
        }
    }

    #[test]
    fn proxy_mode_goes_through_the_base_path() {
        let u = target_url(
            &druid(Mode::Proxy),
            "coordinator",
            "/druid/coordinator/v1/datasources?simple",
            "/console/",
        );
        assert_eq!(
            u.unwrap(),
            "/console/proxy/eu%20druid/coordinator/druid/coordinator/v1/datasources?simple"
        );
    }

    #[test]
    fn direct_mode_falls_back_to_the_router_and_keeps_the_scheme_for_nodes() {
        let c = druid(Mode::Direct);
        assert_eq!(
            target_url(&c, "overlord", "/x", "/").unwrap(),
            "https://router.eu:8888/x"
        );
    }

    #[test]
    fn direct_mode_reaches_only_the_nodes_the_cluster_names() {
        let mut c = druid(Mode::Direct);
        c.endpoints
            .insert("node".into(), "https://h1:8083, https://h2:8083".into());
        assert_eq!(
            target_url(&c, "node:h2:8083", "/status", "/").unwrap(),
            "https://h2:8083/status"
        );
        assert_eq!(
            target_url(&c, "node:router.eu:8888", "/status", "/").unwrap(),
            "https://router.eu:8888/status"
        );
        for hostile in [
            "x:127.0.0.1:9",
            "node:evil.example:8083",
            "node:h1:9999",
            "be:h1:8083",
            "be:h1",
        ] {
            let e = target_url(&c, hostile, "/anything", "/").unwrap_err();
            assert!(e.contains("nothing was sent"), "{hostile}: {e}");
        }
    }
}
