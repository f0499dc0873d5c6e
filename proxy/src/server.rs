//! The HTTP server: one entry point that logs, then dispatches by path below `base_path`.

use crate::access_log::{CountingBody, LoggedBody, RequestLine};
use crate::state::AppState;
use crate::{clusters_json, proxy, static_files};
use axum::body::Body;
use axum::extract::State;
use axum::Router;
use http::{header, HeaderValue, Request, Response, StatusCode};
use std::future::Future;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Instant;

/// The router serving everything.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new().fallback(entry).with_state(state)
}

/// Serves on `listener` until `shutdown` completes, then lets open connections finish for
/// `shutdown_grace_ms`.
pub async fn serve(
    state: Arc<AppState>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    crate::health::spawn_checks(state.clone());
    let limits = state.config.limits.clone();
    crate::connections::serve(listener, router(state), &limits, shutdown).await
}

async fn entry(State(state): State<Arc<AppState>>, request: Request<Body>) -> Response<Body> {
    let started = Instant::now();
    let bytes_in = Arc::new(AtomicU64::new(0));
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let request = request.map(|b| Body::new(CountingBody::new(b, bytes_in.clone())));
    let (response, cluster) = dispatch(&state, request).await;
    let status = response.status();
    let line = RequestLine {
        method,
        path,
        cluster,
        started,
        bytes_in,
    };
    response.map(|b| Body::new(LoggedBody::new(b, line, status)))
}

async fn dispatch(state: &Arc<AppState>, request: Request<Body>) -> (Response<Body>, String) {
    let path = request.uri().path().to_string();
    let base = state.config.base_path.as_str();
    let Some(rest) = path.strip_prefix(base) else {
        if path == base.trim_end_matches('/') {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::PERMANENT_REDIRECT;
            if let Ok(location) = HeaderValue::from_str(base) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return (response, "-".into());
        }
        return (
            plain(
                StatusCode::NOT_FOUND,
                "Not found: the console lives under its base path.\n",
            ),
            "-".into(),
        );
    };
    if let Some(raw) = rest.strip_prefix("proxy/") {
        let label = raw.splitn(3, '/').take(2).collect::<Vec<_>>().join("/");
        return (proxy::handle(state.clone(), request, raw).await, label);
    }
    if rest == "proxy" {
        return (proxy::handle(state.clone(), request, "").await, "-".into());
    }
    if rest == "clusters.json" {
        return (clusters_document(state), "-".into());
    }
    (static_files::serve(state, request, rest).await, "-".into())
}

fn clusters_document(state: &AppState) -> Response<Body> {
    let body = serde_json::to_vec_pretty(&clusters_json::build(state))
        .unwrap_or_else(|_| b"{\"clusters\":[]}".to_vec());
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(static_files::NO_CACHE),
    );
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
