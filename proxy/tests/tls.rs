//! https upstreams: trusted through the cluster's `ca_file`, refused (with a readable error) when
//! their certificate is not trusted.

mod common;

use common::*;
use http::StatusCode;
use hyper_util::rt::TokioIo;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use std::path::PathBuf;
use std::sync::Arc;

/// Makes a CA and a server certificate for 127.0.0.1; returns the CA's PEM and the server's TLS config.
fn certificates() -> (String, rustls::ServerConfig) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().unwrap();
    let server_cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&server_key, &issuer)
        .unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![server_cert.der().clone()], key)
        .unwrap();
    (ca_cert.pem(), config)
}

/// An https server answering every request with its path.
async fn https_upstream(config: rustls::ServerConfig) -> String {
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(
                    |req: http::Request<hyper::body::Incoming>| async move {
                        let session = req.headers().get("x-cockroach-api-session").is_some();
                        Ok::<_, std::convert::Infallible>(http::Response::new(full(format!(
                            "secure {} session={session}",
                            req.uri().path()
                        ))))
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    format!("https://{addr}")
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sb-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn https_upstreams_are_reached_with_the_clusters_ca() {
    let (ca_pem, server) = certificates();
    let url = https_upstream(server).await;
    let dir = temp_dir();
    std::fs::write(dir.join("ca.pem"), ca_pem).unwrap();
    let config = format!(
        "[[clusters]]\nname='trusting'\nsystem='cockroach'\nca_file='ca.pem'\ntargets={{node=['{url}']}}\n\
         [[clusters]]\nname='default-roots'\nsystem='cockroach'\ntargets={{node=['{url}']}}"
    );
    let proxy = start_proxy_in(&config, &dir).await;

    let answer = get(&proxy.url("/proxy/trusting/node/api/v2/health/")).await;
    assert_eq!(
        (answer.status, answer.text().as_str()),
        (StatusCode::OK, "secure /api/v2/health/ session=false")
    );
    assert_eq!(answer.headers["x-switchboard-upstream"], url.as_str());

    let answer = get(&proxy.url("/proxy/default-roots/node/api/v2/health/")).await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert_eq!(answer.proxy_error_kind().as_deref(), Some("connect"));
    let message = answer.json()["proxyError"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("certificate"), "{message}");
}

#[tokio::test]
async fn a_bad_ca_file_stops_the_config() {
    let dir = temp_dir();
    std::fs::write(dir.join("not-a-ca.pem"), "hello").unwrap();
    let config = "[[clusters]]\nname='c'\nsystem='cockroach'\nca_file='not-a-ca.pem'\ntargets={node=['https://127.0.0.1:1']}";
    let err = switchboard_proxy::Config::parse(config, &dir).unwrap_err();
    assert!(
        err.contains("ca_file") && err.contains("no certificate"),
        "{err}"
    );
    let err =
        switchboard_proxy::Config::parse(&config.replace("not-a-ca", "missing"), &dir).unwrap_err();
    assert!(err.contains("cannot read"), "{err}");
}
