//! Accepts connections: at most `max_connections` at once (more wait in the listen queue until
//! one closes), request heads read within `request_body_timeout_ms`, and on shutdown open
//! connections get `shutdown_grace_ms` to finish before they are dropped. Each request carries
//! its peer's address (`ConnectInfo<SocketAddr>`), which the access gate reads.

use crate::config::Limits;
use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Pause after a failed accept (e.g. too many open files) before trying again.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Serves `app` on `listener` until `shutdown` completes, then waits for open connections up to
/// `limits.shutdown_grace` and drops those still open.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    eprintln!("switchboard-proxy: accepting a connection failed: {e}");
                    tokio::time::sleep(ACCEPT_RETRY).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.request_body_timeout)
            .serve_connection(
                TokioIo::new(stream),
                TowerToHyperService::new(app.clone().layer(Extension(ConnectInfo(peer)))),
            );
        let watched = graceful.watch(connection);
        connections.spawn(async move {
            let _ = watched.await;
            drop(permit);
        });
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let grace = limits.shutdown_grace;
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!(
            "switchboard-proxy: {} connections still open after {} ms; dropping them",
            connections.len(),
            grace.as_millis()
        );
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
    Ok(())
}
