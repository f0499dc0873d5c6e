//! Who may call `proxy/`: the proxy's own origin, plus `cors_origins` from the config.
//!
//! Because the proxy adds credentials, a page on another site must not be able to use it: requests
//! that carry a foreign `Origin`, or that the browser marks as cross-site, are refused.

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

/// Decides whether the caller may use the proxy.
pub fn classify(headers: &HeaderMap, allowed: &[String]) -> Caller {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if let Some(origin) = origin {
        if origin != "null" {
            let authority = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            let own = [headers.get("x-forwarded-host"), headers.get(header::HOST)];
            if own
                .iter()
                .flatten()
                .filter_map(|v| v.to_str().ok())
                .any(|h| h.eq_ignore_ascii_case(authority))
            {
                return Caller::SameOrigin;
            }
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
                &headers(&[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "http://127.0.0.1:8080")
                ]),
                &[]
            ),
            Caller::SameOrigin
        );
        assert_eq!(
            classify(&headers(&[("host", "127.0.0.1:8080")]), &[]),
            Caller::SameOrigin
        );
        assert!(matches!(
            classify(
                &headers(&[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "http://evil.example")
                ]),
                &[]
            ),
            Caller::Refused(_)
        ));
        assert!(matches!(
            classify(
                &headers(&[("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")]),
                &[]
            ),
            Caller::Refused(_)
        ));
        let allowed = vec!["http://127.0.0.1:8090".to_string()];
        assert_eq!(
            classify(
                &headers(&[
                    ("host", "127.0.0.1:8080"),
                    ("origin", "http://127.0.0.1:8090")
                ]),
                &allowed
            ),
            Caller::AllowedCrossOrigin("http://127.0.0.1:8090".into())
        );
    }
}
