//! The HTTP server: one entry point that logs, then dispatches by path below `base_path`.

use crate::access::config::AccessMode;
use crate::access::{self, login};
use crate::access_log::{CountingBody, LoggedBody, RequestLine};
use crate::hosts::{self, RequestedHost};
use crate::security_headers::{self, UpstreamAnswer};
use crate::state::AppState;
use crate::{answers, clusters_json, proxy, static_files};
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::Router;
use http::{header, HeaderValue, Request, Response, StatusCode};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
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
    let (mut response, cluster) = dispatch(&state, request).await;
    if response.extensions().get::<UpstreamAnswer>().is_some() {
        security_headers::add_upstream_headers(response.headers_mut());
    } else {
        let index = state.config.dist.join("index.html");
        let connect_src = &state.config.csp_connect_src;
        security_headers::add_console_headers(response.headers_mut(), &index, connect_src).await;
    }
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

/// The peer's address (IPv4-mapped IPv6 addresses as IPv4), when the server recorded it.
fn peer_ip(request: &Request<Body>) -> Option<IpAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_canonical())
}

async fn dispatch(state: &Arc<AppState>, mut request: Request<Body>) -> (Response<Body>, String) {
    let peer = peer_ip(&request);
    let trusted_proxy = state.config.access.trusted_proxy;
    let host = hosts::requested_host(request.uri(), request.headers(), peer, trusted_proxy);
    let host = match host {
        Some(host) if state.config.allowed_hosts.allows(&host) => host,
        other => return (misdirected(state, other.as_deref()), "-".into()),
    };
    request.extensions_mut().insert(RequestedHost(host.clone()));
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
            answers::text(
                StatusCode::NOT_FOUND,
                "Not found: the console lives under its base path.\n",
            ),
            "-".into(),
        );
    };
    let access = &state.config.access;
    if rest == "login" {
        if let AccessMode::Token(token) = &access.mode {
            let secure = peer.is_some()
                && peer == trusted_proxy
                && request
                    .headers()
                    .get("x-forwarded-proto")
                    .is_some_and(|v| v == "https");
            let response = login::handle(token, request, base, &host, secure).await;
            return (response, "-".into());
        }
    }
    if let Err(response) = access::authorize(access, &mut request, peer, base).await {
        return (response, "-".into());
    }
    if let Some(raw) = rest.strip_prefix("proxy/") {
        let label = raw.splitn(3, '/').take(2).collect::<Vec<_>>().join("/");
        let mut response = proxy::handle(state.clone(), request, raw).await;
        if !response.headers().contains_key("x-switchboard-proxy") {
            response.extensions_mut().insert(UpstreamAnswer);
        }
        return (response, label);
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

/// 421 for a Host the proxy does not answer to; the name is shown as text, never as HTML.
fn misdirected(state: &AppState, host: Option<&str>) -> Response<Body> {
    let asked = host.unwrap_or("(none)");
    let shown: String = asked
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let text = format!(
        "Misdirected request: this proxy does not answer to the host {shown}.\n\
         Allowed hosts: {} (setting allowed_hosts).\n",
        state.config.allowed_hosts.describe()
    );
    answers::no_store(answers::text(StatusCode::MISDIRECTED_REQUEST, text))
}
