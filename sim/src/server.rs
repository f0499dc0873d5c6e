//! One accept loop per simulated port. A listener closes its socket (so connections are really
//! refused) while its system is in the `refuse` fault mode, and binds again when the mode ends.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Uri};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::config::System;
use crate::fault::Faults;

/// A port to serve: its router and how requests are pre-processed.
#[derive(Clone)]
pub struct PortApp {
    /// The system the port belongs to (`None` for the admin API, which never faults).
    pub system: Option<System>,
    /// The port number.
    pub port: u16,
    /// The routes (fault middleware already applied).
    pub router: Router,
    /// Jersey (Druid) treats `/status/` like `/status`; strip a trailing slash before routing.
    pub strip_trailing_slash: bool,
}

/// Binds a listener, reporting which address failed.
pub async fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("cannot bind {addr}: {e}")))
}

/// Serves `app` on `listener` until `shutdown` flips to true.
pub async fn run(
    listener: TcpListener,
    app: PortApp,
    faults: Arc<Faults>,
    mut shutdown: watch::Receiver<bool>,
) {
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(_) => return,
    };
    let mut listener = Some(listener);
    let mut changes = faults.subscribe();
    let mut conns: JoinSet<()> = JoinSet::new();
    let refusing = |f: &Faults| app.system.is_some_and(|s| f.refusing(s, app.port));
    loop {
        if *shutdown.borrow() {
            conns.abort_all();
            return;
        }
        changes.borrow_and_update();
        if refusing(&faults) {
            listener = None;
            conns.abort_all();
            tokio::select! {
                _ = changes.changed() => continue,
                r = shutdown.changed() => if r.is_err() { return } else { continue },
            }
        }
        let current = match listener.take() {
            Some(l) => l,
            None => match TcpListener::bind(addr).await {
                Ok(l) => l,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        loop {
            tokio::select! {
                accepted = current.accept() => match accepted {
                    Ok((stream, remote)) => {
                        conns.spawn(serve_connection(stream, remote, app.clone()));
                    }
                    Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                },
                changed = changes.changed() => {
                    if changed.is_err() || refusing(&faults) {
                        break;
                    }
                    changes.borrow_and_update();
                }
                Some(_) = conns.join_next(), if !conns.is_empty() => {}
                r = shutdown.changed() => {
                    if r.is_err() {
                        conns.abort_all();
                        return;
                    }
                    break;
                }
            }
        }
        drop(current);
    }
}

async fn serve_connection(stream: TcpStream, remote: SocketAddr, app: PortApp) {
    let _ = stream.set_nodelay(true);
    let router = app.router.clone();
    let strip = app.strip_trailing_slash;
    let svc = tower::service_fn(move |req: Request<Incoming>| {
        let mut req = req.map(Body::new);
        req.extensions_mut().insert(ConnectInfo(remote));
        if strip {
            strip_slash(&mut req);
        }
        router.clone().oneshot(req)
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc))
        .await;
}

fn strip_slash(req: &mut Request<Body>) {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let new = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_string(),
        };
        if let Ok(uri) = new.parse::<Uri>() {
            *req.uri_mut() = uri;
        }
    }
}
