//! Credentials the proxy adds: HTTP Basic, or a CockroachDB API session obtained by logging in.

use crate::client::{describe_error, HttpClient, OutBody};
use crate::config::{Auth, Limits};
use crate::upstream::Upstream;
use base64::Engine;
use bytes::Bytes;
use http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};

/// The header CockroachDB's HTTP API v2 reads its session from.
pub const COCKROACH_SESSION_HEADER: &str = "x-cockroach-api-session";

/// A cluster's credentials and, for CockroachDB, its current session.
pub struct ClusterAuth {
    auth: Auth,
    session: tokio::sync::Mutex<Option<String>>,
}

/// Why credentials could not be added.
pub enum AuthFailure {
    /// The login request got an answer other than a session; it is passed on to the browser.
    Rejected {
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    },
    /// The login request failed on the way; the text says how (no secrets in it).
    Failed { timed_out: bool, message: String },
}

impl ClusterAuth {
    /// Credentials as configured.
    pub fn new(auth: Auth) -> Self {
        ClusterAuth {
            auth,
            session: tokio::sync::Mutex::new(None),
        }
    }

    /// Whether the proxy replaces the browser's credentials.
    pub fn injects(&self) -> bool {
        !matches!(self.auth, Auth::None)
    }

    /// Whether credentials are a login session that can expire.
    pub fn is_session(&self) -> bool {
        matches!(self.auth, Auth::CockroachLogin { .. })
    }

    /// Adds the credentials to `headers`, logging in at `upstream` first if there is no session.
    /// Returns the session used, if any, so a 401 can drop exactly that one.
    pub async fn apply(
        &self,
        headers: &mut HeaderMap,
        client: &HttpClient,
        upstream: &Upstream,
        limits: &Limits,
    ) -> Result<Option<String>, AuthFailure> {
        match &self.auth {
            Auth::None => Ok(None),
            Auth::Basic { username, password } => {
                let token = base64::engine::general_purpose::STANDARD
                    .encode(format!("{username}:{}", password.expose()));
                let mut value = HeaderValue::from_str(&format!("Basic {token}")).map_err(|_| {
                    AuthFailure::Failed {
                        timed_out: false,
                        message: "the configured credentials cannot be sent in a header".into(),
                    }
                })?;
                value.set_sensitive(true);
                headers.insert(header::AUTHORIZATION, value);
                Ok(None)
            }
            Auth::CockroachLogin { username, password } => {
                let mut guard = self.session.lock().await;
                let session = match guard.as_ref() {
                    Some(s) => s.clone(),
                    None => {
                        let s =
                            login(client, upstream, username, password.expose(), limits).await?;
                        *guard = Some(s.clone());
                        s
                    }
                };
                let mut value =
                    HeaderValue::from_str(&session).map_err(|_| AuthFailure::Failed {
                        timed_out: false,
                        message: "the session from the login cannot be sent in a header".into(),
                    })?;
                value.set_sensitive(true);
                headers.insert(COCKROACH_SESSION_HEADER, value);
                Ok(Some(session))
            }
        }
    }

    /// Forgets `session` (after the upstream refused it) so the next request logs in again.
    pub async fn invalidate(&self, session: &str) {
        let mut guard = self.session.lock().await;
        if guard.as_deref() == Some(session) {
            *guard = None;
        }
    }
}

async fn login(
    client: &HttpClient,
    upstream: &Upstream,
    username: &str,
    password: &str,
    limits: &Limits,
) -> Result<String, AuthFailure> {
    let timeout = limits.request_timeout;
    let max_answer = limits.max_buffered_bytes;
    let form = format!(
        "username={}&password={}",
        form_encode(username),
        form_encode(password)
    );
    let body: OutBody = Full::new(Bytes::from(form))
        .map_err(|never| match never {})
        .boxed_unsync();
    let request = Request::builder()
        .method(Method::POST)
        .uri(upstream.url_for("/api/v2/login/", None))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(body)
        .map_err(|e| AuthFailure::Failed {
            timed_out: false,
            message: format!("cannot build the login request: {e}"),
        })?;
    let exchange = async {
        let response = client
            .request(request)
            .await
            .map_err(|e| AuthFailure::Failed {
                timed_out: crate::client::is_timed_out(&e),
                message: format!(
                    "logging in at {} failed: {}",
                    upstream.origin(),
                    describe_error(&e)
                ),
            })?;
        let (parts, body) = response.into_parts();
        let bytes = Limited::new(body, usize::try_from(max_answer).unwrap_or(usize::MAX))
            .collect()
            .await
            .map(|c| c.to_bytes())
            .map_err(|e| AuthFailure::Failed {
                timed_out: false,
                message: if e.is::<LengthLimitError>() {
                    format!(
                        "the login answer from {} is larger than max_buffered_bytes ({max_answer} bytes)",
                        upstream.origin()
                    )
                } else {
                    format!(
                        "reading the login answer from {} failed: {}",
                        upstream.origin(),
                        describe_error(e.as_ref())
                    )
                },
            })?;
        Ok::<_, AuthFailure>((parts, bytes))
    };
    let (parts, bytes) = tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| AuthFailure::Failed {
            timed_out: true,
            message: format!(
                "logging in at {} took longer than {} ms",
                upstream.origin(),
                timeout.as_millis()
            ),
        })??;
    if parts.status == StatusCode::OK {
        let session = serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| {
                v.get("session")
                    .and_then(|s| s.as_str())
                    .map(str::to_string)
            })
            .filter(|s| !s.is_empty());
        if let Some(session) = session {
            return Ok(session);
        }
    }
    Err(AuthFailure::Rejected {
        status: parts.status,
        headers: parts.headers,
        body: bytes,
    })
}

/// Encodes a value for `application/x-www-form-urlencoded`.
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_escapes_reserved_characters() {
        assert_eq!(form_encode("p&w=d +é"), "p%26w%3Dd+%2B%C3%A9");
    }
}
