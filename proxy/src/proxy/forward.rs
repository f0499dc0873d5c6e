//! Sends one browser request upstream: failover between configured nodes, `Expect: 100-continue`,
//! redirects followed within the cluster, a new login when a session expired, time-outs.

use crate::auth::AuthFailure;
use crate::client::{describe_error, is_timed_out, HttpClient, OutBody};
use crate::proxy::body::{BodyWatch, Gate, RequestBody};
use crate::proxy::error::{ErrorKind, ProxyError};
use crate::proxy::headers::response_headers;
use crate::proxy::idle::IdleLimitedBody;
use crate::proxy::redirect::{may_follow, redirect_target};
use crate::state::{AppState, ClusterRuntime};
use crate::upstream::Upstream;
use axum::body::Body;
use http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, Uri};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// At most this many redirects are followed for one request.
pub const MAX_REDIRECTS: usize = 5;

/// The response header naming the upstream that answered.
pub const UPSTREAM_HEADER: &str = "x-switchboard-upstream";

/// One request on its way upstream.
pub struct Outgoing {
    /// Method.
    pub method: Method,
    /// Raw system path, starting with `/`.
    pub path: String,
    /// Raw query, if any.
    pub query: Option<String>,
    /// Headers already filtered for upstream.
    pub headers: HeaderMap,
    /// Body.
    pub body: RequestBody,
    /// Progress and size of the body.
    pub watch: Arc<BodyWatch>,
    /// Whether to send `Expect: 100-continue` and hold the body until the upstream agrees.
    pub expect_continue: bool,
}

enum Destination {
    Candidate(usize),
    Redirected {
        upstream: Upstream,
        path_and_query: String,
    },
}

enum Failure {
    Timeout,
    Client(hyper_util::client::legacy::Error),
}

/// Forwards `out` to the first of `candidates` that accepts a connection and returns what the
/// browser gets: the upstream's response, or a proxy error.
pub async fn forward(
    state: &AppState,
    cluster: &ClusterRuntime,
    target: &str,
    candidates: Vec<Upstream>,
    mut out: Outgoing,
) -> Response<Body> {
    let body = std::mem::replace(&mut out.body, RequestBody::Empty);
    let (response, body) = attempts(state, cluster, target, &candidates, out, body).await;
    // An attempt still waiting for `100 Continue` must not start uploading once an answer is chosen.
    body.abandon();
    response
}

async fn attempts(
    state: &AppState,
    cluster: &ClusterRuntime,
    target: &str,
    candidates: &[Upstream],
    out: Outgoing,
    mut body: RequestBody,
) -> (Response<Body>, RequestBody) {
    let limits = &state.config.limits;
    let Outgoing {
        mut method,
        path,
        query,
        mut headers,
        body: _,
        watch,
        expect_continue,
    } = out;
    let mut use_expect = expect_continue;
    let mut dest = Destination::Candidate(0);
    let mut hops = 0;
    let mut logged_in_again = false;
    let mut fallback: Option<Response<Body>> = None;
    let response = loop {
        let (upstream, url) = match &dest {
            Destination::Candidate(i) => (
                candidates[*i].clone(),
                candidates[*i].url_for(&path, query.as_deref()),
            ),
            Destination::Redirected {
                upstream,
                path_and_query,
            } => (
                upstream.clone(),
                format!("{}{path_and_query}", upstream.origin()),
            ),
        };
        let fail = |kind: ErrorKind, message: String| {
            ProxyError::new(kind, &cluster.config.name, target, message)
                .at(upstream.origin())
                .into_response()
        };
        let next_candidate = match &dest {
            Destination::Candidate(i) if i + 1 < candidates.len() => {
                Some(Destination::Candidate(i + 1))
            }
            _ => None,
        };
        let gate = (use_expect && !body.is_empty()).then(Gate::new);
        let Some(attempt_body) = body.next_attempt(gate.clone(), limits.expect_continue_timeout)
        else {
            break fallback.unwrap_or_else(|| {
                fail(
                    ErrorKind::UpstreamIo,
                    "the request body was already sent and cannot be sent again".into(),
                )
            });
        };
        let mut attempt_headers = headers.clone();
        let session = match cluster
            .auth
            .apply(&mut attempt_headers, &cluster.client, &upstream, limits)
            .await
        {
            Ok(session) => session,
            Err(AuthFailure::Rejected {
                status,
                headers,
                body: answer,
            }) => break login_rejected(status, &headers, answer, &upstream),
            Err(AuthFailure::Failed { timed_out, message }) => {
                if let Some(next) = next_candidate {
                    cluster.mark_failed(&upstream);
                    dest = next;
                    continue;
                }
                break fail(
                    if timed_out {
                        ErrorKind::Timeout
                    } else {
                        ErrorKind::Connect
                    },
                    message,
                );
            }
        };
        if gate.is_some() {
            attempt_headers.insert(header::EXPECT, HeaderValue::from_static("100-continue"));
        }
        let uri: Uri = match url.parse() {
            Ok(uri) => uri,
            Err(_) => {
                break fail(
                    ErrorKind::BadPath,
                    "the path does not make a valid upstream URL".into(),
                )
            }
        };
        let boxed: OutBody = attempt_body.boxed_unsync();
        let mut request = Request::new(boxed);
        *request.method_mut() = method.clone();
        *request.uri_mut() = uri;
        *request.headers_mut() = attempt_headers;
        if let Some(gate) = &gate {
            let gate = gate.clone();
            hyper::ext::on_informational(&mut request, move |informational| {
                if informational.status() == StatusCode::CONTINUE {
                    gate.open();
                }
            });
        }
        watch.touch();
        let response = match send(&cluster.client, request, &watch, limits.request_timeout).await {
            Ok(response) => response,
            Err(Failure::Timeout) => {
                let ms = limits.request_timeout.as_millis();
                break fail(
                    ErrorKind::Timeout,
                    format!("{upstream} did not answer within {ms} ms"),
                );
            }
            Err(Failure::Client(e)) => {
                if watch.client_stalled() {
                    let ms = limits.request_body_timeout.as_millis();
                    break fail(
                        ErrorKind::ClientTimeout,
                        format!("the client sent nothing of its request body for {ms} ms"),
                    );
                }
                if watch.too_large() {
                    let max = limits.max_body_bytes;
                    break fail(
                        ErrorKind::BodyTooLarge,
                        format!("the request body is larger than the limit of {max} bytes"),
                    );
                }
                if e.is_connect() {
                    cluster.mark_failed(&upstream);
                    let timed_out = is_timed_out(&e);
                    let message = format!("cannot connect to {upstream}: {}", describe_error(&e));
                    if let Some(next) = next_candidate {
                        fallback = Some(fail(ErrorKind::Connect, message));
                        dest = next;
                        continue;
                    }
                    break fail(
                        if timed_out {
                            ErrorKind::Timeout
                        } else {
                            ErrorKind::Connect
                        },
                        message,
                    );
                }
                break fail(
                    ErrorKind::UpstreamIo,
                    format!("talking to {upstream} failed: {}", describe_error(&e)),
                );
            }
        };
        cluster.mark_ok(&upstream);
        let status = response.status();
        if status == StatusCode::EXPECTATION_FAILED && gate.is_some() {
            use_expect = false;
            fallback = Some(upstream_response(
                response,
                &upstream,
                limits.upstream_idle_timeout,
            ));
            continue;
        }
        if status == StatusCode::UNAUTHORIZED && !logged_in_again {
            if let Some(session) = session {
                cluster.auth.invalidate(&session).await;
                logged_in_again = true;
                fallback = Some(upstream_response(
                    response,
                    &upstream,
                    limits.upstream_idle_timeout,
                ));
                continue;
            }
        }
        if is_followable_redirect(status) && hops < MAX_REDIRECTS {
            if let Some((next, path_and_query)) = redirect_target(response.headers(), &upstream) {
                if may_follow(state, cluster, &upstream, &next).await {
                    hops += 1;
                    if status == StatusCode::SEE_OTHER {
                        if method != Method::HEAD {
                            method = Method::GET;
                        }
                        body.abandon();
                        body = RequestBody::Empty;
                        headers.remove(header::CONTENT_LENGTH);
                        headers.remove(header::CONTENT_TYPE);
                    }
                    fallback = Some(upstream_response(
                        response,
                        &upstream,
                        limits.upstream_idle_timeout,
                    ));
                    dest = Destination::Redirected {
                        upstream: next,
                        path_and_query,
                    };
                    continue;
                }
            }
        }
        break upstream_response(response, &upstream, limits.upstream_idle_timeout);
    };
    (response, body)
}

/// 301, 302, 303, 307 and 308: the redirects that carry a `Location` to follow.
fn is_followable_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

async fn send(
    client: &HttpClient,
    request: Request<OutBody>,
    watch: &BodyWatch,
    timeout: Duration,
) -> Result<Response<Incoming>, Failure> {
    let exchange = client.request(request);
    tokio::pin!(exchange);
    let mut deadline = watch.last_progress() + timeout;
    loop {
        tokio::select! {
            result = &mut exchange => return result.map_err(Failure::Client),
            _ = tokio::time::sleep_until(deadline.into()) => {
                let next = watch.last_progress() + timeout;
                if next <= Instant::now() {
                    return Err(Failure::Timeout);
                }
                deadline = next;
            }
        }
    }
}

fn upstream_response(
    response: Response<Incoming>,
    upstream: &Upstream,
    idle: Duration,
) -> Response<Body> {
    let (parts, body) = response.into_parts();
    let body = IdleLimitedBody::new(body, idle, upstream.origin());
    let mut out = Response::new(Body::new(body));
    *out.status_mut() = parts.status;
    *out.headers_mut() = response_headers(&parts.headers);
    if let Ok(value) = HeaderValue::from_str(&upstream.origin()) {
        out.headers_mut().insert(UPSTREAM_HEADER, value);
    }
    out
}

fn login_rejected(
    status: StatusCode,
    headers: &HeaderMap,
    body: bytes::Bytes,
    upstream: &Upstream,
) -> Response<Body> {
    let mut out = Response::new(Body::from(body));
    *out.status_mut() = status;
    *out.headers_mut() = response_headers(headers);
    out.headers_mut().remove(header::CONTENT_LENGTH);
    out.headers_mut()
        .insert("x-switchboard-login", HeaderValue::from_static("failed"));
    if let Ok(value) = HeaderValue::from_str(&upstream.origin()) {
        out.headers_mut().insert(UPSTREAM_HEADER, value);
    }
    out
}
