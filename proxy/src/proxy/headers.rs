//! Which headers cross the proxy, in each direction.

use http::header::{self, HeaderMap, HeaderName};

/// Headers that describe one connection, never forwarded (RFC 9110, section 7.6.1).
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Browser headers that must not reach an upstream: cookies of the console's origin, the browser's
/// origin and referrer, and `Expect` (the proxy decides that itself).
const CLIENT_ONLY: &[&str] = &["host", "cookie", "origin", "referer", "expect"];

/// Copies the browser's headers that matter upstream. `replace_auth` drops the browser's own
/// credentials because the proxy adds the cluster's.
pub fn request_headers(incoming: &HeaderMap, replace_auth: bool) -> HeaderMap {
    let mut out = incoming.clone();
    remove_connection_listed(&mut out);
    for name in HOP_BY_HOP.iter().chain(CLIENT_ONLY) {
        out.remove(*name);
    }
    if replace_auth {
        out.remove(header::AUTHORIZATION);
        out.remove("x-cockroach-api-session");
    }
    out
}

/// Copies an upstream's response headers for the browser; cookies are dropped because the proxy
/// never sends cookies upstream, so they would be of no use and could clash between clusters.
/// A `WWW-Authenticate` challenge is dropped too: the browser would answer a Basic one with its
/// own credentials prompt and hold the request until it is closed, so the console would see a
/// time-out instead of the 401 (the console logs in itself; the proxy holds the credentials).
pub fn response_headers(upstream: &HeaderMap) -> HeaderMap {
    let mut out = upstream.clone();
    remove_connection_listed(&mut out);
    for name in HOP_BY_HOP {
        out.remove(*name);
    }
    out.remove(header::SET_COOKIE);
    out.remove(header::WWW_AUTHENTICATE);
    out
}

fn remove_connection_listed(headers: &mut HeaderMap) {
    let listed: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in listed {
        headers.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn cookies_hop_by_hop_and_listed_headers_stay_behind() {
        let mut h = HeaderMap::new();
        h.insert("cookie", HeaderValue::from_static("session=abc"));
        h.insert(
            "connection",
            HeaderValue::from_static("keep-alive, x-private"),
        );
        h.insert("x-private", HeaderValue::from_static("1"));
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.insert(
            "authorization",
            HeaderValue::from_static("Basic dXNlcjpwdw=="),
        );
        h.insert("expect", HeaderValue::from_static("100-continue"));
        let out = request_headers(&h, false);
        assert!(
            out.get("cookie").is_none()
                && out.get("x-private").is_none()
                && out.get("expect").is_none()
        );
        assert_eq!(out["content-type"], "application/json");
        assert!(
            out.get("authorization").is_some(),
            "without configured auth the browser's passes"
        );
        assert!(request_headers(&h, true).get("authorization").is_none());
    }

    #[test]
    fn set_cookie_does_not_reach_the_browser() {
        let mut h = HeaderMap::new();
        h.insert("set-cookie", HeaderValue::from_static("session=abc"));
        h.insert("content-length", HeaderValue::from_static("3"));
        h.insert(
            "www-authenticate",
            HeaderValue::from_static("Basic realm=\"\""),
        );
        let out = response_headers(&h);
        assert!(out.get("set-cookie").is_none());
        assert!(
            out.get("www-authenticate").is_none(),
            "no browser login prompt"
        );
        assert_eq!(out["content-length"], "3");
    }
}
