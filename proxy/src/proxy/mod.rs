//! `<base>proxy/<cluster>/<target>/<path>?<query>`: checks, then forwards to the cluster's upstream.

pub mod body;
pub mod cors;
pub mod error;
pub mod forward;
pub mod headers;
pub mod idle;
pub mod path;
pub mod redirect;
pub mod target;

use crate::hosts::RequestedHost;
use crate::state::AppState;
use axum::body::Body;
use body::{BodyWatch, ClientBody, RequestBody};
use cors::Caller;
use error::{ErrorKind, ProxyError};
use http::{header, Method, Request, Response, StatusCode};
use http_body::Body as _;
use http_body_util::BodyExt;
use path::{parse_proxy_path, PathProblem};
use std::sync::Arc;
use target::{plan_target, TargetPlan, TargetProblem};

/// Handles a request whose path (after the base path) is `proxy/<raw>`.
pub async fn handle(state: Arc<AppState>, request: Request<Body>, raw: &str) -> Response<Body> {
    let host = request
        .extensions()
        .get::<RequestedHost>()
        .map(|h| h.0.clone())
        .unwrap_or_default();
    let caller = cors::classify(request.headers(), &host, &state.config.cors_origins);
    let mut response = match &caller {
        Caller::Refused(message) => {
            ProxyError::new(ErrorKind::NotAllowed, "", "", message.clone()).into_response()
        }
        _ => route(&state, request, raw).await,
    };
    if let Caller::AllowedCrossOrigin(origin) = caller {
        cors::add_response_headers(response.headers_mut(), &origin);
    }
    response
}

async fn route(state: &AppState, request: Request<Body>, raw: &str) -> Response<Body> {
    if cors::is_preflight(request.method(), request.headers()) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NO_CONTENT;
        cors::add_preflight_headers(response.headers_mut(), request.headers());
        return response;
    }
    let parsed = match parse_proxy_path(raw) {
        Ok(p) => p,
        Err(PathProblem::Incomplete) => {
            let name = raw.split('/').next().unwrap_or("");
            let kind = if name.is_empty() {
                ErrorKind::UnknownCluster
            } else {
                ErrorKind::UnknownTarget
            };
            return ProxyError::new(
                kind,
                name,
                "",
                "the path must be proxy/<cluster>/<target>/<path>",
            )
            .into_response();
        }
        Err(PathProblem::Unsafe(message)) => {
            return ProxyError::new(ErrorKind::BadPath, "", "", message).into_response()
        }
    };
    let (name, target) = (parsed.cluster.as_str(), parsed.target.as_str());
    let error = |kind: ErrorKind, message: String| {
        ProxyError::new(kind, name, target, message).into_response()
    };
    let Some(cluster) = state.cluster(name) else {
        return error(
            ErrorKind::UnknownCluster,
            format!("no cluster named '{name}' is configured"),
        );
    };
    if matches!(*request.method(), Method::CONNECT | Method::TRACE) {
        return error(
            ErrorKind::NotAllowed,
            format!("{} requests are not forwarded", request.method()),
        );
    }
    let candidates = match plan_target(cluster, target) {
        Ok(TargetPlan::Configured(list)) => cluster.order_candidates(&list),
        Ok(TargetPlan::Discover { kind, upstream }) => {
            if let Err(why) = cluster.policy.check(&upstream.host).await {
                return error(
                    ErrorKind::NotAllowed,
                    format!("node {} is refused: {why}", upstream.host_port()),
                );
            }
            match state
                .discovery
                .knows(cluster, &cluster.client, Some(kind), &upstream.host_port())
                .await
            {
                Ok(true) => vec![upstream],
                Ok(false) => {
                    return error(
                        ErrorKind::NotAllowed,
                        format!(
                            "cluster '{name}' does not report a node {}",
                            upstream.host_port()
                        ),
                    )
                }
                Err(problem) => {
                    let message = format!("{} is not configured and the cluster's node list could not be read: {problem}", upstream.host_port());
                    return error(ErrorKind::NotAllowed, message);
                }
            }
        }
        Err(TargetProblem::Unknown(message)) => return error(ErrorKind::UnknownTarget, message),
        Err(TargetProblem::NotAllowed(message)) => return error(ErrorKind::NotAllowed, message),
    };
    let limits = &state.config.limits;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limits.max_body_bytes) {
        return error(
            ErrorKind::BodyTooLarge,
            format!(
                "the request body is larger than the limit of {} bytes",
                limits.max_body_bytes
            ),
        );
    }
    let (parts, incoming) = request.into_parts();
    let watch = BodyWatch::new();
    let no_body = incoming.is_end_stream() || declared == Some(0);
    let client_body = ClientBody::new(
        incoming,
        limits.max_body_bytes,
        limits.request_body_timeout,
        watch.clone(),
    );
    let body = if no_body {
        RequestBody::Empty
    } else if declared.is_some_and(|len| len <= limits.replay_buffer_bytes) {
        match client_body.collect().await {
            Ok(collected) => RequestBody::Buffered(collected.to_bytes()),
            Err(_) if watch.too_large() => {
                return error(
                    ErrorKind::BodyTooLarge,
                    format!(
                        "the request body is larger than the limit of {} bytes",
                        limits.max_body_bytes
                    ),
                )
            }
            Err(e) if watch.client_stalled() => {
                return error(ErrorKind::ClientTimeout, e.to_string())
            }
            Err(e) => {
                return error(
                    ErrorKind::UpstreamIo,
                    format!("reading the request body failed: {e}"),
                )
            }
        }
    } else {
        RequestBody::streaming(client_body, declared)
    };
    // A StarRocks FE refuses a stream load (PUT) without `Expect: 100-continue` and answers it with
    // a 307 to a BE before reading the body; large bodies wait for the upstream's go-ahead everywhere.
    let starrocks_put = cluster
        .config
        .system
        .is(&switchboard_catalog::starrocks::META)
        && parts.method == Method::PUT;
    let expect_continue =
        !body.is_empty() && (starrocks_put || matches!(body, RequestBody::Streaming(_)));
    let outgoing = forward::Outgoing {
        method: parts.method,
        path: parsed.rest.clone(),
        query: parts.uri.query().map(str::to_string),
        headers: headers::request_headers(&parts.headers, cluster.auth.injects()),
        body,
        watch,
        expect_continue,
    };
    forward::forward(state, cluster, target, candidates, outgoing).await
}
