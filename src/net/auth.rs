//! Credentials on requests. Through the proxy the deployment adds them server-side and the browser
//! sends none; in direct mode HTTP Basic is added from the user's stored credentials. A login
//! session the console holds itself (a session system whose proxy holds no login, or direct mode)
//! is kept in sessionStorage only and sent in its header.

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

/// The header a login session travels in (CockroachDB's API v2).
pub const SESSION_HEADER: &str = "X-Cockroach-API-Session";

/// The sessionStorage key of the login session the console holds for the cluster `name`.
pub fn session_key(name: &str) -> String {
    format!("sb.session.{name}")
}

/// The browser tab's sessionStorage.
pub fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Whether the console logs in to `cluster` itself: it takes login sessions and no proxy holds
/// a login for it.
pub fn console_logs_in(cluster: &Cluster) -> bool {
    cluster.system.auth_kind() == AuthKind::Session
        && (cluster.mode == Mode::Direct || cluster.auth != AuthKind::Session)
}

/// Adds what `cluster` needs to `req` (nothing through the proxy but a session the console
/// holds).
pub fn for_cluster(req: ApiRequest, cluster: &Cluster) -> ApiRequest {
    match (cluster.mode, cluster.auth, &cluster.credentials) {
        (Mode::Direct, AuthKind::Basic, Some(c)) => {
            req.header("Authorization", basic_header(&c.username, &c.password))
        }
        _ if console_logs_in(cluster) => {
            let held = tab_storage().and_then(|s| s.get_item(&session_key(&cluster.name)).ok());
            match held.flatten() {
                Some(s) => req.header(SESSION_HEADER, s),
                None => req,
            }
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
