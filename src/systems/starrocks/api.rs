//! One function per StarRocks endpoint the views use. Every answer goes through
//! [`model::decode`](super::model::decode), so a failure sent with HTTP 200 is an error like
//! any other. Targets: `fe`, a BE `be:<host>:<port>`, a CN `cn:<host>:<port>` (HTTP ports).

use super::model::{decode, Answer, Failure, ProcTable};
use crate::cluster::Cluster;
use crate::net::request::ApiRequest;
use crate::net::{cluster_request, FetchError, NetError};
use serde_json::Value;

/// The FE target.
pub const FE: &str = "fe";

/// GETs `path` on `target` and decodes the answer, failures sent with HTTP 200 included.
pub async fn get(c: &Cluster, target: &str, path: &str) -> Result<(Answer, String), FetchError> {
    send(cluster_request(c, "GET", target, path).timeout(15_000)).await
}

/// The error of a request whose answer StarRocks reported as a failure.
pub(crate) fn failure(method: &str, url: &str, f: Failure) -> FetchError {
    FetchError {
        method: method.to_string(),
        url: url.to_string(),
        error: match f.status {
            401 | 403 => NetError::AuthRequired {
                status: f.status,
                body: f.message,
            },
            s => NetError::Http {
                status: s,
                status_text: if s < 400 {
                    "(StarRocks reports a failure)".into()
                } else {
                    String::new()
                },
                body: f.message,
            },
        },
    }
}

/// Sends `req` (any method and body) and decodes the answer like [`get`].
pub(crate) async fn send(req: ApiRequest) -> Result<(Answer, String), FetchError> {
    let (method, url) = (req.method.clone(), req.url.clone());
    let as_error = |f: Failure| failure(&method, &url, f);
    match req.send().await {
        Ok(r) => decode(r.status, &r.body)
            .map(|a| (a, r.body))
            .map_err(as_error),
        Err(e) => match &e.error {
            NetError::Http { status, body, .. } | NetError::AuthRequired { status, body } => {
                Err(match decode(*status, body) {
                    Err(f) => as_error(f),
                    Ok(_) => e,
                })
            }
            _ => Err(e),
        },
    }
}

/// JSON data of `path` on `target` (text answers are a decode error).
pub async fn json(c: &Cluster, target: &str, path: &str) -> Result<Value, FetchError> {
    match get(c, target, path).await? {
        (Answer::Json(v), _) => Ok(v),
        (Answer::Text(t), _) => Ok(Value::String(t)),
    }
}

/// `GET /api/health` (FE): `{total_backend_num, online_backend_num, status}`.
pub async fn health(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/health").await
}

/// `GET /api/show_proc?path=<path>` (FE, admin): a proc table, its column order kept.
pub async fn show_proc(c: &Cluster, path: &str) -> Result<ProcTable, FetchError> {
    let p = format!("/api/show_proc?path={}", crate::url_state::encode_segment(path));
    let req_url = cluster_request(c, "GET", FE, &p).url;
    let (_, body) = get(c, FE, &p).await?;
    ProcTable::parse(&body).map_err(|message| FetchError {
        method: "GET".into(),
        url: req_url,
        error: NetError::Decode {
            path: ".".into(),
            message,
            content_type: String::new(),
            excerpt: super::model::excerpt(&body),
        },
    })
}

/// `GET /api/show_meta_info?action=SHOW_HA` (FE): role, journal id, electable nodes...
pub async fn show_ha(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/show_meta_info?action=SHOW_HA").await
}

/// `GET /api/show_meta_info?action=SHOW_DB_SIZE` (FE): `{db: bytes}`.
pub async fn db_sizes(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/show_meta_info?action=SHOW_DB_SIZE").await
}

/// `GET /api/show_runtime_info` (FE): memory and threads of the FE's JVM, numbers as strings.
pub async fn runtime_info(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/show_runtime_info").await
}

/// `GET /api/show_data` (FE): the total data size in bytes, as plain text.
/// Anything but a short text or a number is not that answer: an error with the start of it,
/// never the whole body on the page (a 50 MB answer froze the page).
pub async fn show_data(c: &Cluster) -> Result<String, FetchError> {
    let (answer, body) = get(c, FE, "/api/show_data").await?;
    match answer {
        Answer::Text(t) if t.trim().len() <= 64 => Ok(t.trim().to_string()),
        Answer::Json(v) if v.is_number() => Ok(v.to_string()),
        _ => Err(FetchError {
            method: "GET".into(),
            url: cluster_request(c, "GET", FE, "/api/show_data").url,
            error: NetError::Decode {
                path: ".".into(),
                message: "not a data size".into(),
                content_type: String::new(),
                excerpt: super::model::excerpt(&body),
            },
        }),
    }
}

/// `GET /metrics` of `target` (FE, BE or CN): Prometheus text, parsed.
pub async fn metrics(c: &Cluster, target: &str) -> Result<crate::net::prometheus::Scrape, FetchError> {
    cluster_request(c, "GET", target, "/metrics").timeout(15_000).prometheus().await
}
