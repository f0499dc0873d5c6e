//! Fault modes, switchable per system at run time (admin API or `--fault`), and the middleware
//! that applies them. `refuse` is handled by the listener itself (see `server.rs`).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use serde_json::{json, Value};
use tokio::sync::watch;

use crate::config::System;
use crate::http_util::{go_error, html, lock, raw, text, with_header};

/// What a faulty system does instead of answering normally.
#[derive(Clone, Debug, PartialEq)]
pub enum FaultMode {
    /// Listeners are closed: connections are refused.
    Refuse,
    /// Every answer is delayed.
    Delay {
        /// Delay in milliseconds.
        ms: u64,
    },
    /// 500 with a text/plain body.
    Status500Text,
    /// 500 with an HTML error page, as a reverse proxy would send.
    Status500Html,
    /// 200 with a JSON content type and a body that is not valid JSON.
    MalformedJson,
    /// The real answer, cut in half: the connection closes before Content-Length bytes arrive.
    Truncated,
    /// 401 with the system's usual body.
    Status401,
    /// 403 with the system's usual body.
    Status403,
    /// 404 with the system's usual body.
    Status404,
    /// 200 whose body never ends, one small chunk per interval.
    SlowBody {
        /// Milliseconds between chunks.
        interval_ms: u64,
    },
    /// A share of the answers slow, a share failing (500 text), the rest normal: load tests.
    Mix {
        /// Percent of answers delayed by `ms`.
        slow_pct: u64,
        /// Percent of answers that are a 500.
        fail_pct: u64,
        /// Delay of the slow answers, in milliseconds.
        ms: u64,
    },
    /// 200 with a very large (valid JSON) body.
    HugeBody {
        /// Body size in bytes.
        bytes: u64,
        /// Whether to announce the size in Content-Length (otherwise chunked).
        content_length: bool,
    },
}

/// A fault mode plus an optional port it is limited to.
#[derive(Clone, Debug, PartialEq)]
pub struct Fault {
    /// The behaviour.
    pub mode: FaultMode,
    /// Only this port of the system misbehaves (`None` = every port of the system).
    pub port: Option<u16>,
}

const DEFAULT_HUGE_BYTES: u64 = 50 * 1024 * 1024;

impl Fault {
    /// Builds a fault from a mode name and an optional numeric argument.
    pub fn from_mode(mode: &str, arg: Option<u64>) -> Result<Fault, String> {
        let mode = match mode {
            "refuse" => FaultMode::Refuse,
            "delay" => FaultMode::Delay {
                ms: arg.unwrap_or(3000),
            },
            "status500_text" => FaultMode::Status500Text,
            "status500_html" => FaultMode::Status500Html,
            "malformed_json" => FaultMode::MalformedJson,
            "truncated" => FaultMode::Truncated,
            "status401" => FaultMode::Status401,
            "status403" => FaultMode::Status403,
            "status404" => FaultMode::Status404,
            "slow_body" => FaultMode::SlowBody {
                interval_ms: arg.unwrap_or(1000).max(1),
            },
            "huge_body" => FaultMode::HugeBody {
                bytes: arg
                    .map(|mb| mb.saturating_mul(1024 * 1024))
                    .unwrap_or(DEFAULT_HUGE_BYTES),
                content_length: false,
            },
            "mix" => FaultMode::Mix {
                slow_pct: 10,
                fail_pct: 10,
                ms: arg.unwrap_or(500),
            },
            other => return Err(format!("unknown fault mode: {other}")),
        };
        Ok(Fault { mode, port: None })
    }

    /// Parses the admin API body, e.g. `{"mode":"delay","ms":3000}` or `{"mode":"huge_body","bytes":1048576}`.
    pub fn from_json(v: &Value) -> Result<Fault, String> {
        let mode = v
            .get("mode")
            .and_then(Value::as_str)
            .ok_or("missing \"mode\"")?;
        let num = |k: &str| v.get(k).and_then(Value::as_u64);
        let mut fault = Fault::from_mode(mode, num("ms").or(num("interval_ms")).or(num("mb")))?;
        if let FaultMode::HugeBody {
            bytes,
            content_length,
        } = &mut fault.mode
        {
            if let Some(b) = num("bytes") {
                *bytes = b;
            }
            *content_length = v
                .get("content_length")
                .and_then(Value::as_bool)
                .unwrap_or(false);
        }
        if let FaultMode::Mix {
            slow_pct, fail_pct, ..
        } = &mut fault.mode
        {
            *slow_pct = num("slow_pct").unwrap_or(*slow_pct).min(100);
            *fail_pct = num("fail_pct").unwrap_or(*fail_pct).min(100 - *slow_pct);
        }
        if let Some(p) = v.get("port") {
            let port = p
                .as_u64()
                .filter(|p| *p > 0 && *p <= 65535)
                .ok_or("\"port\" must be a port number")?;
            fault.port = Some(port as u16);
        }
        Ok(fault)
    }

    /// Parses `--fault system=mode[:arg]`.
    pub fn parse_flag(spec: &str) -> Result<(System, Fault), String> {
        let (sys, rest) = spec
            .split_once('=')
            .ok_or_else(|| format!("bad --fault {spec}: want system=mode[:arg]"))?;
        let system = System::parse(sys).ok_or_else(|| format!("unknown system: {sys}"))?;
        let (mode, arg) = match rest.split_once(':') {
            Some((m, a)) => (
                m,
                Some(
                    a.parse::<u64>()
                        .map_err(|_| format!("bad fault argument: {a}"))?,
                ),
            ),
            None => (rest, None),
        };
        Ok((system, Fault::from_mode(mode, arg)?))
    }

    /// The admin API representation.
    pub fn to_json(&self) -> Value {
        let mut v = match &self.mode {
            FaultMode::Refuse => json!({"mode": "refuse"}),
            FaultMode::Delay { ms } => json!({"mode": "delay", "ms": ms}),
            FaultMode::Status500Text => json!({"mode": "status500_text"}),
            FaultMode::Status500Html => json!({"mode": "status500_html"}),
            FaultMode::MalformedJson => json!({"mode": "malformed_json"}),
            FaultMode::Truncated => json!({"mode": "truncated"}),
            FaultMode::Status401 => json!({"mode": "status401"}),
            FaultMode::Status403 => json!({"mode": "status403"}),
            FaultMode::Status404 => json!({"mode": "status404"}),
            FaultMode::SlowBody { interval_ms } => json!({"mode": "slow_body", "ms": interval_ms}),
            FaultMode::Mix {
                slow_pct,
                fail_pct,
                ms,
            } => json!({"mode": "mix", "slow_pct": slow_pct, "fail_pct": fail_pct, "ms": ms}),
            FaultMode::HugeBody {
                bytes,
                content_length,
            } => {
                json!({"mode": "huge_body", "bytes": bytes, "content_length": content_length})
            }
        };
        if let (Some(port), Some(obj)) = (self.port, v.as_object_mut()) {
            obj.insert("port".into(), json!(port));
        }
        v
    }
}

/// The current fault of every system; listeners subscribe to changes.
#[derive(Debug)]
pub struct Faults {
    map: Mutex<BTreeMap<System, Fault>>,
    version: watch::Sender<u64>,
}

impl Faults {
    /// No faults.
    pub fn new() -> Arc<Faults> {
        Arc::new(Faults {
            map: Mutex::new(BTreeMap::new()),
            version: watch::channel(0).0,
        })
    }

    /// Sets the fault of a system (replacing any previous one).
    pub fn set(&self, system: System, fault: Fault) {
        lock(&self.map).insert(system, fault);
        self.version.send_modify(|v| *v += 1);
    }

    /// Clears the fault of a system.
    pub fn clear(&self, system: System) {
        lock(&self.map).remove(&system);
        self.version.send_modify(|v| *v += 1);
    }

    /// The fault of a system, if any.
    pub fn get(&self, system: System) -> Option<Fault> {
        lock(&self.map).get(&system).cloned()
    }

    /// The fault mode that applies to one port of a system.
    pub fn active(&self, system: System, port: u16) -> Option<FaultMode> {
        self.get(system)
            .filter(|f| f.port.is_none_or(|p| p == port))
            .map(|f| f.mode)
    }

    /// Whether connections to this port must be refused.
    pub fn refusing(&self, system: System, port: u16) -> bool {
        self.active(system, port) == Some(FaultMode::Refuse)
    }

    /// A receiver that changes whenever any fault changes.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.version.subscribe()
    }

    /// `{"druid":{"mode":"none"}, ...}` for the admin API.
    pub fn snapshot(&self) -> Value {
        let map = lock(&self.map);
        let mut out = serde_json::Map::new();
        for s in System::ALL {
            let v = map
                .get(&s)
                .map(Fault::to_json)
                .unwrap_or_else(|| json!({"mode": "none"}));
            out.insert(s.name().to_string(), v);
        }
        Value::Object(out)
    }
}

/// Identifies the listener a request came through, for the fault middleware.
#[derive(Clone, Debug)]
pub struct FaultCtx {
    /// The system this listener belongs to.
    pub system: System,
    /// The listener's port.
    pub port: u16,
    /// Shared fault table.
    pub faults: Arc<Faults>,
}

/// Middleware: answers according to the active fault, or passes the request through.
pub async fn apply(State(ctx): State<FaultCtx>, req: Request, next: Next) -> Response {
    let Some(mode) = ctx.faults.active(ctx.system, ctx.port) else {
        return next.run(req).await;
    };
    match mode {
        FaultMode::Refuse => refused_response(),
        FaultMode::Delay { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(req).await
        }
        FaultMode::Status500Text => canned_error(ctx.system, StatusCode::INTERNAL_SERVER_ERROR),
        FaultMode::Status500Html => html(StatusCode::INTERNAL_SERVER_ERROR, PROXY_500_HTML),
        FaultMode::MalformedJson => raw(StatusCode::OK, "application/json", MALFORMED_JSON),
        FaultMode::Truncated => truncate(next.run(req).await).await,
        FaultMode::Status401 => canned_error(ctx.system, StatusCode::UNAUTHORIZED),
        FaultMode::Status403 => canned_error(ctx.system, StatusCode::FORBIDDEN),
        FaultMode::Status404 => canned_error(ctx.system, StatusCode::NOT_FOUND),
        FaultMode::SlowBody { interval_ms } => slow_body(interval_ms),
        FaultMode::Mix {
            slow_pct,
            fail_pct,
            ms,
        } => {
            let n = MIX_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let roll = n.wrapping_mul(37) % 100;
            if roll < slow_pct {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                next.run(req).await
            } else if roll < slow_pct + fail_pct {
                canned_error(ctx.system, StatusCode::INTERNAL_SERVER_ERROR)
            } else {
                next.run(req).await
            }
        }
        FaultMode::HugeBody {
            bytes,
            content_length,
        } => huge_body(bytes, content_length),
    }
}

/// Counts answers under `mix`: every hundred consecutive answers hold exactly the configured
/// shares, spread by a stride (37 is prime to 100) rather than bunched.
static MIX_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The page a reverse proxy in front of a broken server would send.
pub const PROXY_500_HTML: &str = "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// A body that starts like JSON and breaks off.
pub const MALFORMED_JSON: &str =
    "{\"status\": \"ok\", \"items\": [{\"id\": 1, \"name\": \"alpha\"}, {\"id\": 2, \"name\": ";

fn refused_response() -> Response {
    // Only reachable in the instant between switching to `refuse` and the listener closing.
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "refused",
        ))
    });
    Response::new(Body::from_stream(stream))
}

/// Error answers in each system's usual style (status codes are the fault; bodies look real).
pub fn canned_error(system: System, status: StatusCode) -> Response {
    match (system, status.as_u16()) {
        (System::Druid, 500) => text(status, "java.lang.RuntimeException: org.apache.druid.java.util.common.ISE: simulated failure"),
        (System::Druid, code) => html(status, jetty_error_page(code, status.canonical_reason().unwrap_or(""), "/")),
        (System::Cockroach, 500) => go_error(
            status,
            "An internal server error has occurred. Please check your CockroachDB logs for more details.",
        ),
        (System::Cockroach, 401) => go_error(status, "invalid session header"),
        (System::Cockroach, 403) => go_error(status, "user not allowed to access this endpoint"),
        (System::Cockroach, _) => go_error(status, "404 page not found"),
        (System::StarRocks, 500) => text(status, "java.lang.NullPointerException: simulated failure"),
        (System::StarRocks, 401) => with_header(
            raw(status, "text/html", r#"{"status":"FAILED","code":"1","msg":"Access denied for root@127.0.0.1","message":"Access denied for root@127.0.0.1"}"#),
            "www-authenticate",
            "Basic realm=\"\"",
        ),
        (System::StarRocks, 403) => raw(
            status,
            "text/html",
            r#"{"status":"FAILED","code":"1","msg":"Access denied; you need (at least one of) the ADMIN privilege(s) for this operation","message":"Access denied"}"#,
        ),
        (System::StarRocks, _) => raw(status, "text/html", "<html><body><h1>404 Not Found</h1></body></html>"),
        (System::Meta, 500) => text(status, "Failed to get status: simulated failure"),
        (System::Meta, _) => text(status, status.canonical_reason().unwrap_or("error")),
    }
}

/// The HTML error page Jetty (Druid's server) writes.
pub fn jetty_error_page(code: u16, reason: &str, uri: &str) -> String {
    let uri = uri
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n<title>Error {code} {reason}</title>\n</head>\n<body><h2>HTTP ERROR {code} {reason}</h2>\n<table>\n<tr><th>URI:</th><td>{uri}</td></tr>\n<tr><th>STATUS:</th><td>{code}</td></tr>\n<tr><th>MESSAGE:</th><td>{reason}</td></tr>\n<tr><th>SERVLET:</th><td>default</td></tr>\n</table>\n\n</body>\n</html>\n"
    )
}

async fn truncate(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let full = match axum::body::to_bytes(body, 64 * 1024 * 1024).await {
        Ok(b) => b,
        Err(_) => Bytes::new(),
    };
    let full_len = full.len().max(2);
    let half = full.slice(..full.len() / 2);
    parts.headers.remove(header::TRANSFER_ENCODING);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full_len));
    // Yield the first half, pause so the server flushes it, then fail: the connection closes
    // with fewer bytes than Content-Length announced.
    let stream = futures_util::stream::unfold(Some(half), |state| async move {
        match state {
            Some(half) => Some((Ok::<Bytes, std::io::Error>(half), None)),
            None => {
                tokio::time::sleep(Duration::from_millis(30)).await;
                Some((
                    Err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "simulated truncation",
                    )),
                    None,
                ))
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

fn slow_body(interval_ms: u64) -> Response {
    let stream = futures_util::stream::unfold(0u64, move |i| async move {
        if i > 0 {
            tokio::time::sleep(Duration::from_millis(interval_ms)).await;
        }
        let chunk = if i == 0 {
            "[".to_string()
        } else {
            format!("{{\"tick\":{i}}},")
        };
        Some((Ok::<Bytes, Infallible>(Bytes::from(chunk)), i + 1))
    });
    raw(
        StatusCode::OK,
        "application/json",
        Body::from_stream(stream),
    )
}

fn huge_body(total: u64, content_length: bool) -> Response {
    const CHUNK: u64 = 64 * 1024;
    let total = total.max(12);
    let head = b"{\"data\":\"".as_slice();
    let tail = b"\"}".as_slice();
    let filler = total - (head.len() + tail.len()) as u64;
    let stream = futures_util::stream::unfold(0u64, move |sent| async move {
        if sent >= total {
            return None;
        }
        let n = CHUNK.min(total - sent);
        let mut buf = Vec::with_capacity(n as usize);
        for pos in sent..sent + n {
            let b = if pos < head.len() as u64 {
                head[pos as usize]
            } else if pos >= head.len() as u64 + filler {
                tail[(pos - head.len() as u64 - filler) as usize]
            } else {
                b'x'
            };
            buf.push(b);
        }
        Some((Ok::<Bytes, Infallible>(Bytes::from(buf)), sent + n))
    });
    let mut resp = raw(
        StatusCode::OK,
        "application/json",
        Body::from_stream(stream),
    );
    if content_length {
        resp.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(total));
    }
    resp
}
