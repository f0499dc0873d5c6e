//! The one error type of the HTTP layer, with a variant for each failure a user must tell apart.

use thiserror::Error;

mod json_path;

/// What went wrong with a request, in the terms a user needs to act on it.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum NetError {
    /// The request never got an answer: the host is down, the name does not resolve, or the
    /// browser blocked the response (CORS). Browsers do not say which.
    #[error("No response: the server is unreachable or the browser blocked the answer (CORS)")]
    Network {
        /// What the browser reported.
        message: String,
    },
    /// No answer within the time limit.
    #[error("Timed out after {after_ms} ms")]
    Timeout {
        /// The limit that passed.
        after_ms: u32,
    },
    /// The request was cancelled (its view went away).
    #[error("Cancelled")]
    Aborted,
    /// The server wants credentials (HTTP 401) or rejected the ones sent.
    #[error("Authentication needed (HTTP {status})")]
    AuthRequired {
        /// The status code.
        status: u16,
        /// The body's text, as the server sent it.
        body: String,
    },
    /// The server answered with a status outside 2xx.
    #[error("HTTP {status} {status_text}")]
    Http {
        /// The status code.
        status: u16,
        /// The reason phrase.
        status_text: String,
        /// The body's text, as the server sent it.
        body: String,
    },
    /// The deployment's proxy could not reach or refused the upstream.
    #[error("Proxy: {message}")]
    Proxy {
        /// The HTTP status the proxy used.
        status: u16,
        /// `connect`, `timeout`, `not_allowed`, ... as the proxy reports it.
        kind: String,
        /// The upstream it tried, when it got that far.
        upstream: Option<String>,
        /// What happened.
        message: String,
    },
    /// The body arrived but is not what the endpoint documents.
    #[error("Response not understood: {message} (at {path})")]
    Decode {
        /// The JSON path that failed (`.` for the document itself).
        path: String,
        /// The decoder's message.
        message: String,
        /// The Content-Type the server sent.
        content_type: String,
        /// The start of the body.
        excerpt: String,
    },
}

impl NetError {
    /// A short title for error panels.
    pub fn title(&self) -> &'static str {
        match self {
            NetError::Network { .. } => "Unreachable",
            NetError::Timeout { .. } => "Timed out",
            NetError::Aborted => "Cancelled",
            NetError::AuthRequired { .. } => "Authentication needed",
            NetError::Http { .. } => "Request failed",
            NetError::Proxy { .. } => "Proxy error",
            NetError::Decode { .. } => "Unexpected response",
        }
    }

    /// The HTTP status involved, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            NetError::AuthRequired { status, .. }
            | NetError::Http { status, .. }
            | NetError::Proxy { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// What the server said, as text (never to be rendered as HTML).
    pub fn server_message(&self) -> Option<&str> {
        match self {
            NetError::AuthRequired { body, .. } | NetError::Http { body, .. } => {
                Some(body.as_str()).filter(|b| !b.trim().is_empty())
            }
            NetError::Decode { excerpt, .. } => Some(excerpt.as_str()),
            NetError::Proxy { message, .. } => Some(message.as_str()),
            NetError::Network { message } => Some(message.as_str()),
            _ => None,
        }
    }

    /// Whether trying again may help (everything but a cancel).
    pub fn retryable(&self) -> bool {
        !matches!(self, NetError::Aborted)
    }
}

/// A failed request: what was asked and what went wrong.
#[derive(Clone, Debug, PartialEq, Error)]
#[error("{method} {url}: {error}")]
pub struct FetchError {
    /// The HTTP method.
    pub method: String,
    /// The URL (never with credentials).
    pub url: String,
    /// What went wrong.
    pub error: NetError,
}

/// The most of a body an error keeps.
pub const EXCERPT_LIMIT: usize = 4096;

/// Cuts `text` to at most [`EXCERPT_LIMIT`] bytes on a character boundary.
pub fn excerpt(text: &str) -> String {
    if text.len() <= EXCERPT_LIMIT {
        return text.to_string();
    }
    let mut end = EXCERPT_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
}

/// Turns a non-2xx answer into an error: the proxy's own errors, 401, or a plain status.
pub fn from_status(status: u16, status_text: &str, proxy_error: bool, body: &str) -> NetError {
    if proxy_error {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
            let p = &v["proxyError"];
            if p.is_object() {
                let s = |k: &str| p[k].as_str().map(str::to_string);
                return NetError::Proxy {
                    status,
                    kind: s("kind").unwrap_or_default(),
                    upstream: s("upstream"),
                    message: s("message").unwrap_or_else(|| excerpt(body)),
                };
            }
        }
    }
    if status == 401 {
        return NetError::AuthRequired {
            status,
            body: excerpt(body),
        };
    }
    NetError::Http {
        status,
        status_text: status_text.to_string(),
        body: excerpt(body),
    }
}

/// Decodes a JSON body into `T`, naming the JSON path that failed.
pub fn decode_json<T: serde::de::DeserializeOwned>(
    body: &str,
    content_type: &str,
) -> Result<T, NetError> {
    serde_json::from_str(body).map_err(|e| decode_error(&e, body, content_type))
}

/// The error of a body that did not decode (not generic: one copy whatever the decoded type).
fn decode_error(e: &serde_json::Error, body: &str, content_type: &str) -> NetError {
    NetError::Decode {
        path: json_path::path_at(body, e.line(), e.column()),
        message: e.to_string(),
        content_type: content_type.to_string(),
        excerpt: excerpt(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Overview {
        taskmanagers: u32,
        jobs: Vec<Job>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Job {
        id: String,
    }

    #[test]
    fn decode_error_names_the_failing_path() {
        let e = decode_json::<Overview>(
            r#"{"taskmanagers":1,"jobs":[{"id":"a"},{"id":7}]}"#,
            "application/json",
        )
        .unwrap_err();
        match e {
            NetError::Decode { path, message, .. } => {
                assert_eq!(path, "jobs[1].id");
                assert!(message.contains("invalid type"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_where_json_was_expected_is_a_decode_error_with_the_text() {
        let e = decode_json::<Overview>("<html>Bad Gateway</html>", "text/html").unwrap_err();
        assert!(
            matches!(&e, NetError::Decode { path, content_type, excerpt, .. }
            if path == "." && content_type == "text/html" && excerpt.contains("Bad Gateway"))
        );
    }

    #[test]
    fn statuses_map_to_variants() {
        assert!(matches!(
            from_status(401, "Unauthorized", false, "login"),
            NetError::AuthRequired { .. }
        ));
        let e = from_status(500, "Internal Server Error", false, "boom");
        assert_eq!(e.status(), Some(500));
        assert_eq!(e.server_message(), Some("boom"));
        let p = from_status(
            502,
            "Bad Gateway",
            true,
            r#"{"proxyError":{"kind":"connect","upstream":"http://h:1","message":"connection refused"}}"#,
        );
        assert_eq!(
            p,
            NetError::Proxy {
                status: 502,
                kind: "connect".into(),
                upstream: Some("http://h:1".into()),
                message: "connection refused".into()
            }
        );
        // A body that only claims to be from the proxy is shown as it is.
        assert!(matches!(
            from_status(502, "x", true, "plain"),
            NetError::Http { .. }
        ));
    }

    #[test]
    fn excerpts_cut_on_character_boundaries() {
        let long = "é".repeat(5000);
        let e = excerpt(&long);
        assert!(e.ends_with("(10000 bytes in all)"));
        assert!(e.len() < 4200);
    }
}
