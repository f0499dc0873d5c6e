//! Who may call `proxy/`: the proxy's own origin, plus `cors_origins` from the config.
//!
//! Because the proxy adds credentials, a page on another site must not be able to use it: requests
//! that carry a foreign `Origin`, or that the browser marks as cross-site, are refused.

use crate::hosts::{origin_authority, same_authority};
use http::{header, HeaderMap, HeaderValue, Method};

/// The verdict on a request's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No browser origin involved (curl, a navigation typed by the user) or the proxy's own origin.
    SameOrigin,
    /// An allowed other origin; responses carry CORS headers for it.
    AllowedCrossOrigin(String),
    /// Refused; the text says who.
    Refused(String),
}

/// Decides whether the caller may use the proxy. `host` is the (allowed) host the request was sent
/// to: a page is the proxy's own only when its `Origin` is `http(s)://` that host. The Host header
/// alone proves nothing (a DNS-rebound page sends its own name), which is why `server` has already
/// refused hosts outside `allowed_hosts`.
pub fn classify(headers: &HeaderMap, host: &str, allowed: &[String]) -> Caller {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if let Some(origin) = origin {
        if origin_authority(origin).is_some_and(|authority| same_authority(&authority, host)) {
            return Caller::SameOrigin;
        }
        if allowed.iter().any(|a| a == origin) {
            return Caller::AllowedCrossOrigin(origin.to_string());
        }
        return Caller::Refused(format!(
            "requests from origin {origin} are not allowed (add it to cors_origins to allow it)"
        ));
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("cross-site") | Some("same-site") => {
            Caller::Refused("cross-site requests are not allowed".into())
        }
        _ => Caller::SameOrigin,
    }
}

/// Whether a request is a CORS preflight.
pub fn is_preflight(method: &Method, headers: &HeaderMap) -> bool {
    method == Method::OPTIONS && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

/// Adds the headers that let an allowed other origin read a response.
pub fn add_response_headers(headers: &mut HeaderMap, origin: &str) {
    if let Ok(value) = HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(
                "x-switchboard-proxy, x-switchboard-upstream, location, content-disposition",
            ),
        );
    }
}

/// Adds the headers of a preflight answer.
pub fn add_preflight_headers(headers: &mut HeaderMap, request: &HeaderMap) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    if let Some(asked) = request.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked.clone());
    }
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn own_origin_and_tools_pass_foreign_pages_do_not() {
        assert_eq!(
            classify(
                &headers(&[("origin", "http://127.0.0.1:8080")]),
                "127.0.0.1:8080",
                &[]
            ),
            Caller::SameOrigin
        );
        assert_eq!(
            classify(&headers(&[]), "127.0.0.1:8080", &[]),
            Caller::SameOrigin
        );
        assert!(matches!(
            classify(
                &headers(&[("origin", "http://evil.example")]),
                "127.0.0.1:8080",
                &[]
            ),
            Caller::Refused(_)
        ));
        assert!(matches!(
            classify(
                &headers(&[("sec-fetch-site", "cross-site")]),
                "127.0.0.1:8080",
                &[]
            ),
            Caller::Refused(_)
        ));
        let allowed = vec!["http://127.0.0.1:8090".to_string()];
        assert_eq!(
            classify(
                &headers(&[("origin", "http://127.0.0.1:8090")]),
                "127.0.0.1:8080",
                &allowed
            ),
            Caller::AllowedCrossOrigin("http://127.0.0.1:8090".into())
        );
        // A foreign page whose name resolves to us sends Host = its own name; Origin then
        // matches Host but not the host the request was accepted for.
        assert!(matches!(
            classify(
                &headers(&[("origin", "ftp://127.0.0.1:8080")]),
                "127.0.0.1:8080",
                &[]
            ),
            Caller::Refused(_)
        ));
    }
}
