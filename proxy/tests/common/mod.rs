//! Test helpers: loopback upstreams that record what reaches them, the proxy started in-process,
//! and a small client.

#![allow(dead_code)]

use bytes::Bytes;
use futures_util::future::BoxFuture;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use switchboard_proxy::{AppState, Config};
use tokio::net::TcpListener;

/// Error type of test bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// Body of test responses and requests.
pub type TestBody = BoxBody<Bytes, BoxError>;

/// A body with fixed content.
pub fn full(data: impl Into<Bytes>) -> TestBody {
    Full::new(data.into())
        .map_err(|never| match never {})
        .boxed()
}

/// A body of `total` bytes made on the fly in 64 KiB chunks, never held in memory at once.
pub fn generated(total: u64) -> TestBody {
    let chunk = Bytes::from(vec![b'x'; 64 * 1024]);
    let stream = futures_util::stream::unfold(total, move |left| {
        let chunk = chunk.clone();
        async move {
            if left == 0 {
                return None;
            }
            let n = left.min(chunk.len() as u64);
            Some((
                Ok::<_, BoxError>(Frame::data(chunk.slice(..n as usize))),
                left - n,
            ))
        }
    });
    StreamBody::new(stream).boxed()
}

/// What an upstream saw of one request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub uri: String,
    pub headers: HeaderMap,
    pub body_len: u64,
    pub body_start: Bytes,
}

type Handler = Arc<
    dyn Fn(Request<Incoming>, Arc<Upstream>) -> BoxFuture<'static, Response<TestBody>>
        + Send
        + Sync,
>;

/// A loopback HTTP server with a handler; counts connections and records requests.
pub struct Upstream {
    pub addr: SocketAddr,
    pub connections: AtomicUsize,
    pub seen: Mutex<Vec<Seen>>,
}

impl Upstream {
    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:port`.
    pub fn host_port(&self) -> String {
        self.addr.to_string()
    }

    /// Requests seen so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Reads a request's body (counting it) and records the request.
    pub async fn record(&self, request: Request<Incoming>) -> Seen {
        let (parts, mut body) = request.into_parts();
        let mut len = 0u64;
        let mut start = Vec::new();
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else { break };
            if let Some(data) = frame.data_ref() {
                len += data.len() as u64;
                if start.len() < 1024 {
                    start.extend_from_slice(&data[..data.len().min(1024 - start.len())]);
                }
            }
        }
        self.push(
            parts.method,
            parts.uri.to_string(),
            parts.headers,
            len,
            Bytes::from(start),
        )
    }

    /// Records a request without reading its body.
    pub fn record_head(&self, request: &Request<Incoming>) -> Seen {
        self.push(
            request.method().clone(),
            request.uri().to_string(),
            request.headers().clone(),
            0,
            Bytes::new(),
        )
    }

    fn push(
        &self,
        method: Method,
        uri: String,
        headers: HeaderMap,
        body_len: u64,
        body_start: Bytes,
    ) -> Seen {
        let seen = Seen {
            method,
            uri,
            headers,
            body_len,
            body_start,
        };
        self.seen.lock().unwrap().push(seen.clone());
        seen
    }
}

/// Starts an upstream whose handler gets each request and the upstream itself.
pub async fn upstream<F, Fut>(handler: F) -> Arc<Upstream>
where
    F: Fn(Request<Incoming>, Arc<Upstream>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response<TestBody>> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let up = Arc::new(Upstream {
        addr: listener.local_addr().unwrap(),
        connections: AtomicUsize::new(0),
        seen: Mutex::new(Vec::new()),
    });
    let handler: Handler = Arc::new(move |req, up| Box::pin(handler(req, up)));
    let server = up.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            server.connections.fetch_add(1, Ordering::SeqCst);
            let handler = handler.clone();
            let me = server.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let fut = handler(req, me.clone());
                    async move { Ok::<_, std::convert::Infallible>(fut.await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    up
}

/// An upstream that records every request (reading its body) and answers 200 with `answer`.
pub async fn echo_upstream(answer: &'static str) -> Arc<Upstream> {
    upstream(move |req, up| async move {
        up.record(req).await;
        response(StatusCode::OK, answer)
    })
    .await
}

/// A listener that only counts connections (and never answers): proof that nothing reached it.
pub async fn tripwire() -> Arc<Upstream> {
    upstream(|req, up| async move {
        up.record_head(&req);
        response(StatusCode::IM_A_TEAPOT, "tripwire")
    })
    .await
}

/// A plain response.
pub fn response(status: StatusCode, body: &'static str) -> Response<TestBody> {
    let mut r = Response::new(full(body));
    *r.status_mut() = status;
    r
}

/// The proxy, started in-process on a loopback port.
pub struct Proxy {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
}

impl Proxy {
    /// `http://127.0.0.1:port` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

/// Starts the proxy with a config text (relative paths relative to `dir`).
pub async fn start_proxy_in(config: &str, dir: &Path) -> Proxy {
    let config = Config::parse(config, dir).expect("test config is valid");
    let state = AppState::new(config).expect("clients build");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    switchboard_proxy::health::check_optional_clusters(&state).await;
    let serving = state.clone();
    tokio::spawn(async move {
        switchboard_proxy::server::serve(serving, listener, std::future::pending()).await
    });
    Proxy { addr, state }
}

/// Starts the proxy with a config text; it stops when `stop` fires. The handle ends when it has.
pub async fn start_stoppable_proxy(
    config: &str,
    stop: tokio::sync::oneshot::Receiver<()>,
) -> (Proxy, tokio::task::JoinHandle<std::io::Result<()>>) {
    let config = Config::parse(config, &std::env::temp_dir()).expect("test config is valid");
    let state = AppState::new(config).expect("clients build");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = state.clone();
    let handle = tokio::spawn(async move {
        let stop = async {
            let _ = stop.await;
        };
        switchboard_proxy::server::serve(serving, listener, stop).await
    });
    (Proxy { addr, state }, handle)
}

/// Starts the proxy with a config text.
pub async fn start_proxy(config: &str) -> Proxy {
    start_proxy_in(config, &std::env::temp_dir()).await
}

/// A response as the tests look at it.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// `proxyError.kind`, if this is a proxy error.
    pub fn proxy_error_kind(&self) -> Option<String> {
        if self
            .headers
            .get("x-switchboard-proxy")
            .is_none_or(|v| v != "error")
        {
            return None;
        }
        self.json()["proxyError"]["kind"]
            .as_str()
            .map(str::to_string)
    }
}

/// Sends a request with a client that does nothing clever (no redirects, no retries).
pub async fn send(method: &str, url: &str, headers: &[(&str, &str)], body: TestBody) -> Answer {
    let client =
        hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http::<TestBody>();
    let mut request = Request::builder().method(method).uri(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = client
        .request(request.body(body).unwrap())
        .await
        .expect("the proxy answers");
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// A GET without a body.
pub async fn get(url: &str) -> Answer {
    get_with(url, &[]).await
}

/// A GET without a body, with these headers.
pub async fn get_with(url: &str, headers: &[(&str, &str)]) -> Answer {
    send("GET", url, headers, full(Bytes::new())).await
}

/// Writes raw bytes to the proxy and returns the raw answer (for paths a URL parser would refuse).
pub async fn raw_request(addr: SocketAddr, text: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read_to_end(&mut out),
    )
    .await;
    String::from_utf8_lossy(&out).into_owned()
}
