//! Small helpers shared by the simulators: query parameters, response builders, Basic auth.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine;
use serde::Serialize;

/// Query parameters in order, keeping repeated keys and bare flags (`?simple` gives `("simple", "")`).
#[derive(Clone, Debug, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Parses a raw query string (without `?`).
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            raw.map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        )
    }

    /// Parses the query string of a request URI.
    pub fn from_uri(uri: &axum::http::Uri) -> Params {
        Params::parse(uri.query())
    }

    /// Whether the key is present at all (Druid's `?simple` / `?full` flags only need presence).
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// First value of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// First non-empty value of a key.
    pub fn get_nonempty(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| !v.is_empty())
    }

    /// Every value of a key.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A key parsed as an integer, `None` when absent or malformed.
    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(|v| v.trim().parse().ok())
    }

    /// A key interpreted as a boolean (`true`/`1`/bare flag count as true).
    pub fn flag(&self, key: &str) -> bool {
        match self.get(key) {
            Some(v) => v.is_empty() || v.eq_ignore_ascii_case("true") || v == "1",
            None => false,
        }
    }
}

/// A response with a status, content type and body.
pub fn raw(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut resp = Response::new(body.into());
    *resp.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    resp
}

/// Serializes `value` as JSON with the given content type (some servers send JSON as text/html).
pub fn json_as<T: Serialize + ?Sized>(
    status: StatusCode,
    content_type: &str,
    value: &T,
) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => raw(status, content_type, bytes),
        Err(e) => raw(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain",
            format!("serialization failed: {e}"),
        ),
    }
}

/// `application/json` response.
pub fn json<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    json_as(status, "application/json", value)
}

/// `200 OK` `application/json` response.
pub fn ok_json<T: Serialize + ?Sized>(value: &T) -> Response {
    json(StatusCode::OK, value)
}

/// `text/plain; charset=utf-8` response.
pub fn text(status: StatusCode, body: impl Into<String>) -> Response {
    raw(status, "text/plain; charset=utf-8", body.into())
}

/// `text/html` response.
pub fn html(status: StatusCode, body: impl Into<String>) -> Response {
    raw(status, "text/html; charset=utf-8", body.into())
}

/// A response without a body.
pub fn empty(status: StatusCode) -> Response {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = status;
    resp
}

/// What Go's `http.Error` writes: text/plain, nosniff, the message plus a newline.
pub fn go_error(status: StatusCode, msg: &str) -> Response {
    let mut resp = text(status, format!("{msg}\n"));
    resp.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    resp
}

/// Adds a header to a response (ignores values that are not valid header text).
pub fn with_header(mut resp: Response, name: &'static str, value: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().insert(name, v);
    }
    resp
}

/// Decodes `Authorization: Basic ...` into `(user, password)`.
pub fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, pass) = text.split_once(':')?;
    Some((user.to_string(), pass.to_string()))
}

/// A header as text, if present and valid.
pub fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Standard base64 of bytes.
pub fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes standard base64.
pub fn unb64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

/// Locks a mutex, recovering the data if a previous holder panicked.
pub fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A JSON object that keeps its keys in insertion order (Druid returns interval maps newest first).
#[derive(Clone, Debug, Default)]
pub struct Ordered(pub Vec<(String, serde_json::Value)>);

impl Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
