//! Errors made by the proxy itself, answered as `{"proxyError":{...}}` with `x-switchboard-proxy: error`.

use axum::body::Body;
use http::{header, HeaderValue, Response, StatusCode};
use serde::Serialize;

/// What went wrong, as the console tells it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No cluster of that name is configured.
    UnknownCluster,
    /// The cluster has no such target.
    UnknownTarget,
    /// The request may not go there (unlisted node, cross-origin caller, method).
    NotAllowed,
    /// The path could escape the upstream's base.
    BadPath,
    /// The upstream could not be reached.
    Connect,
    /// The upstream took too long.
    Timeout,
    /// The request body is larger than the configured limit.
    BodyTooLarge,
    /// The connection broke while talking to the upstream.
    UpstreamIo,
    /// The client stopped sending its request body (`request_body_timeout_ms`).
    ClientTimeout,
}

impl ErrorKind {
    /// The status code the contract gives this kind.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::UnknownCluster | ErrorKind::UnknownTarget => StatusCode::NOT_FOUND,
            ErrorKind::NotAllowed | ErrorKind::BadPath => StatusCode::FORBIDDEN,
            ErrorKind::Connect | ErrorKind::UpstreamIo => StatusCode::BAD_GATEWAY,
            ErrorKind::Timeout => StatusCode::GATEWAY_TIMEOUT,
            ErrorKind::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::ClientTimeout => StatusCode::REQUEST_TIMEOUT,
        }
    }
}

/// An error answered by the proxy; never contains credentials.
#[derive(Debug, Clone, Serialize)]
pub struct ProxyError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The cluster named in the request.
    pub cluster: String,
    /// The target named in the request.
    pub target: String,
    /// The upstream involved (`http://host:port`), empty when none was chosen.
    pub upstream: String,
    /// A sentence for people.
    pub message: String,
}

#[derive(Serialize)]
struct Envelope<'a> {
    #[serde(rename = "proxyError")]
    proxy_error: &'a ProxyError,
}

impl ProxyError {
    /// An error about the request as a whole, before an upstream was chosen.
    pub fn new(kind: ErrorKind, cluster: &str, target: &str, message: impl Into<String>) -> Self {
        ProxyError {
            kind,
            cluster: cluster.into(),
            target: target.into(),
            upstream: String::new(),
            message: message.into(),
        }
    }

    /// Names the upstream the error is about.
    pub fn at(mut self, upstream: impl Into<String>) -> Self {
        self.upstream = upstream.into();
        self
    }

    /// The HTTP response the browser gets.
    pub fn into_response(self) -> Response<Body> {
        let body = serde_json::to_vec(&Envelope { proxy_error: &self }).unwrap_or_else(|_| {
            br#"{"proxyError":{"kind":"upstream_io","message":"error not encodable"}}"#.to_vec()
        });
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = self.kind.status();
        let headers = res.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert("x-switchboard-proxy", HeaderValue::from_static("error"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_the_contract_statuses() {
        assert_eq!(ErrorKind::UnknownTarget.status(), 404);
        assert_eq!(ErrorKind::BadPath.status(), 403);
        assert_eq!(ErrorKind::UpstreamIo.status(), 502);
        assert_eq!(ErrorKind::Timeout.status(), 504);
        assert_eq!(ErrorKind::BodyTooLarge.status(), 413);
        assert_eq!(
            serde_json::to_string(&ErrorKind::BodyTooLarge).unwrap(),
            "\"body_too_large\""
        );
    }
}
