//! Credentials on requests. Through the proxy the deployment adds them server-side and the browser
//! sends none; in direct mode HTTP Basic is added from the user's stored credentials.

use super::ApiRequest;
use crate::cluster::endpoint::{base_path, target_url};
use crate::cluster::{AuthKind, Cluster, Mode};

/// The `Authorization` value for HTTP Basic (UTF-8 user name and password).
pub fn basic_header(username: &str, password: &str) -> String {
    let raw: String = format!("{username}:{password}")
        .bytes()
        .map(char::from)
        .collect();
    let encoded = web_sys::window()
        .and_then(|w| w.btoa(&raw).ok())
        .unwrap_or_default();
    format!("Basic {encoded}")
}

/// Adds what `cluster` needs to `req` (nothing through the proxy).
pub fn for_cluster(req: ApiRequest, cluster: &Cluster) -> ApiRequest {
    match (cluster.mode, cluster.auth, &cluster.credentials) {
        (Mode::Direct, AuthKind::Basic, Some(c)) => {
            req.header("Authorization", basic_header(&c.username, &c.password))
        }
        _ => req,
    }
}

/// A request with `method` to `path` on `target` of `cluster`, credentials added. An unknown target
/// gives a request to an empty URL that fails with a clear network error.
pub fn cluster_request(cluster: &Cluster, method: &str, target: &str, path: &str) -> ApiRequest {
    let url = target_url(cluster, target, path, &base_path()).unwrap_or_default();
    for_cluster(ApiRequest::new(method, url), cluster)
}
