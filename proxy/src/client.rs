//! The HTTP client used for upstreams: hyper's pooled client over TCP, with rustls for https
//! upstreams (Mozilla's roots plus a cluster's own `ca_file`), and a connect time-out.

use crate::proxy::body::BoxError;
use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::CertificateDer;
use std::sync::Arc;
use std::time::Duration;

/// A request body of any kind, as the client takes it.
pub type OutBody = UnsyncBoxBody<Bytes, BoxError>;

/// An upstream client (cheap to clone; clones share the connection pool).
pub type HttpClient = Client<HttpsConnector<HttpConnector>, OutBody>;

/// Builds a client; `connect_timeout` bounds each TCP connect, `extra_roots` are trusted for https
/// in addition to the usual public roots.
pub fn build_client(
    connect_timeout: Duration,
    extra_roots: &[CertificateDer<'static>],
) -> Result<HttpClient, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in extra_roots {
        roots
            .add(cert.clone())
            .map_err(|e| format!("ca_file: a certificate cannot be used as a root: {e}"))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup failed: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(connect_timeout));
    tcp.set_nodelay(true);
    tcp.enforce_http(false);
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(tcp);
    Ok(Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(16)
        .build(connector))
}

/// A short human description of an error and its causes, e.g.
/// `client error (Connect): tcp connect error: Connection refused (os error 111)`.
pub fn describe_error(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(e) = source {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    parts.join(": ")
}

/// Whether an error chain ends in an I/O time-out.
pub fn is_timed_out(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        current = e.source();
    }
    false
}
