//! The small answers the proxy writes itself (errors of the gate, the 421, the not-found of the
//! base path, the not-built page): plain text, optionally never cached, and HTML escaping for the
//! two pages it writes.

use axum::body::Body;
use http::{header, HeaderValue, Response, StatusCode};

/// A `text/plain; charset=utf-8` answer with `status`.
pub fn text(status: StatusCode, body: impl Into<Body>) -> Response<Body> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// `response` with `Cache-Control: no-store` (answers that depend on who asks).
pub fn no_store(mut response: Response<Body>) -> Response<Body> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `text` safe inside HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
