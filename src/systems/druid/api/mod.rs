//! One function per endpoint of Druid's API reference, one file per area, returning the types of
//! [`super::model`]. Every call goes through `crate::net` to one of the cluster's targets: the
//! `coordinator`, `overlord` and `broker` (each falls back to the `router` when the cluster gives
//! only a router), the `router` itself, or a node (`node:<host>:<port>`) that the coordinator or
//! the overlord reports. Intervals in paths are written with `_` instead of `/`, as Druid accepts.

pub mod config;
pub mod datasources;
pub mod query;
pub mod rules;
pub mod services;
pub mod status;
pub mod supervisors;
pub mod tasks;

use crate::cluster::Cluster;
use crate::net::{cluster_request, ApiRequest, FetchError, NetError};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Which process a request goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The coordinator (or the router in front of it).
    Coordinator,
    /// The overlord (or the router in front of it).
    Overlord,
    /// The broker (or the router in front of it).
    Broker,
    /// The router.
    Router,
    /// A process by its `host:port` as Druid reports it (historical, middle manager, peon, ...).
    Node(String),
}

impl Target {
    /// The proxy target name (`coordinator`, `node:host:port`, ...).
    pub fn name(&self) -> String {
        match self {
            Target::Coordinator => "coordinator".into(),
            Target::Overlord => "overlord".into(),
            Target::Broker => "broker".into(),
            Target::Router => "router".into(),
            Target::Node(host) => format!("node:{host}"),
        }
    }
}

/// A request with `method` to `path` on `target` of `c`.
pub fn request(c: &Cluster, target: &Target, method: &str, path: &str) -> ApiRequest {
    cluster_request(c, method, &target.name(), path)
}

/// `GET path` on `target`, decoded.
pub async fn get<T: DeserializeOwned>(
    c: &Cluster,
    target: &Target,
    path: &str,
) -> Result<T, FetchError> {
    request(c, target, "GET", path).json().await
}

/// `GET path` on `target`, as text.
pub async fn text(c: &Cluster, target: &Target, path: &str) -> Result<String, FetchError> {
    request(c, target, "GET", path).text().await
}

/// Sends a request whose answer is not needed (Druid often answers changes with an empty 200).
pub async fn send(req: ApiRequest) -> Result<(), FetchError> {
    req.send().await.map(|_| ())
}

/// Sends a request and decodes its JSON answer; an empty answer decodes as JSON `null`.
pub async fn send_json<T: DeserializeOwned>(req: ApiRequest) -> Result<T, FetchError> {
    let (method, url) = (req.method.clone(), req.url.clone());
    let resp = req.send().await?;
    let body = if resp.body.trim().is_empty() {
        "null"
    } else {
        resp.body.as_str()
    };
    crate::net::error::decode_json(body, &resp.content_type)
        .map_err(|error| FetchError { method, url, error })
}

/// A Druid interval for a URL path: `2024-01-01T00:00:00.000Z/2024-01-02...` becomes
/// `2024-01-01T00:00:00.000Z_2024-01-02...`, each part percent-encoded.
pub fn interval_segment(interval: &str) -> String {
    interval
        .split('/')
        .map(crate::url_state::encode_segment)
        .collect::<Vec<_>>()
        .join("_")
}

/// The error shapes Druid answers with: `{"error": ...}`, a DruidException (`errorMessage`,
/// `errorCode`, `category`), a native query error (`errorMessage`, `errorClass`, `host`).
#[derive(Deserialize, Default)]
struct DruidError {
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default, rename = "errorMessage")]
    error_message: Option<String>,
    #[serde(default, rename = "errorCode")]
    error_code: Option<String>,
    #[serde(default, rename = "errorClass")]
    error_class: Option<String>,
}

/// The readable part of Druid's error body `body`, if it is one of Druid's JSON error shapes.
pub fn druid_message(body: &str) -> Option<String> {
    let e: DruidError = serde_json::from_str(body).ok()?;
    let code = e
        .error_code
        .or(e.error_class)
        .or_else(|| e.error.as_ref().and_then(|v| v.as_str()).map(str::to_string));
    match (e.error_message, code, e.error) {
        (Some(m), Some(c), _) if !m.contains(&c) => Some(format!("{m} ({c})")),
        (Some(m), _, _) => Some(m),
        (None, _, Some(serde_json::Value::String(s))) => Some(s),
        (None, _, Some(v)) if !v.is_null() => Some(v.to_string()),
        _ => None,
    }
}

/// What to tell a user of a failed call: Druid's own message when the body has one, otherwise
/// the error as the HTTP layer describes it.
pub fn error_text(e: &FetchError) -> String {
    match &e.error {
        NetError::Http { body, .. } | NetError::AuthRequired { body, .. } => {
            druid_message(body).unwrap_or_else(|| e.error.to_string())
        }
        other => other.to_string(),
    }
}

/// A failed request in one line for a form: Druid's words, the status (or what failed on the
/// way) when they do not already say it, and the request: `Rules invalid (HTTP 400 Bad
/// Request; POST /proxy/…/rules/kttm)`.
pub fn failure_text(e: &FetchError) -> String {
    let words = error_text(e);
    let status = e.error.to_string();
    let request = format!("{} {}", e.method, e.url);
    if words == status {
        format!("{words} ({request})")
    } else {
        format!("{words} ({status}; {request})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_names_the_words_the_status_and_the_request() {
        let e = FetchError {
            method: "POST".into(),
            url: "/proxy/c/coordinator/druid/coordinator/v1/rules/kttm".into(),
            error: NetError::Http {
                status: 400,
                status_text: "Bad Request".into(),
                body: r#"{"error":"Rules invalid"}"#.into(),
            },
        };
        assert_eq!(
            failure_text(&e),
            "Rules invalid (HTTP 400 Bad Request; POST /proxy/c/coordinator/druid/coordinator/v1/rules/kttm)"
        );
    }

    #[test]
    fn intervals_are_written_with_an_underscore_in_paths() {
        assert_eq!(
            interval_segment("2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z"),
            "2024-01-01T00%3A00%3A00.000Z_2024-01-02T00%3A00%3A00.000Z"
        );
    }

    #[test]
    fn reads_each_error_shape_of_druid() {
        assert_eq!(
            druid_message(r#"{"error":"Datasource not found"}"#).as_deref(),
            Some("Datasource not found")
        );
        assert_eq!(
            druid_message(r#"{"error":"druidException","errorCode":"invalidInput","persona":"USER","category":"INVALID_INPUT","errorMessage":"Line 1, column 8: unknown column"}"#).as_deref(),
            Some("Line 1, column 8: unknown column (invalidInput)")
        );
        assert_eq!(
            druid_message(r#"{"error":"Unknown exception","errorMessage":"boom","errorClass":"java.lang.RuntimeException","host":null}"#).as_deref(),
            Some("boom (java.lang.RuntimeException)")
        );
        assert_eq!(druid_message("<html>404</html>"), None);
        assert_eq!(druid_message("{}"), None);
    }
}
