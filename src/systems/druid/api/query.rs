//! Druid API: queries (SQL and native, on the broker) and what the broker (or the router)
//! knows of the queryable datasources.

use super::{get, request, send_json, Target};
use crate::cluster::Cluster;
use crate::net::FetchError;
use serde_json::{json, Value};

fn ds_path(ds: &str, rest: &str) -> String {
    format!(
        "/druid/v2/datasources/{}{rest}",
        crate::url_state::encode_segment(ds)
    )
}

/// `GET /druid/v2/datasources` on the broker or the router: the queryable datasources.
pub async fn datasources(c: &Cluster, target: &Target) -> Result<Vec<String>, FetchError> {
    get(c, target, "/druid/v2/datasources").await
}

/// `GET /druid/v2/datasources/{ds}[?interval=..]`: its dimensions and metrics.
pub async fn datasource(
    c: &Cluster,
    target: &Target,
    ds: &str,
    interval: Option<&str>,
) -> Result<Value, FetchError> {
    let q = interval
        .filter(|i| !i.is_empty())
        .map(|i| format!("?interval={}", super::interval_segment(i)))
        .unwrap_or_default();
    get(c, target, &ds_path(ds, &q)).await
}

/// `GET /druid/v2/datasources/{ds}?full`: dimensions and metrics per served interval.
pub async fn datasource_full(c: &Cluster, target: &Target, ds: &str) -> Result<Value, FetchError> {
    get(c, target, &ds_path(ds, "?full")).await
}

/// `GET /druid/v2/datasources/{ds}/dimensions`.
pub async fn dimensions(c: &Cluster, target: &Target, ds: &str) -> Result<Vec<String>, FetchError> {
    get(c, target, &ds_path(ds, "/dimensions")).await
}

/// `GET /druid/v2/datasources/{ds}/metrics`.
pub async fn metrics(c: &Cluster, target: &Target, ds: &str) -> Result<Vec<String>, FetchError> {
    get(c, target, &ds_path(ds, "/metrics")).await
}

/// `GET /druid/v2/datasources/{ds}/candidates?intervals=..&numCandidates=..` on the broker: the
/// segments of those intervals and the servers that hold them.
pub async fn candidates(
    c: &Cluster,
    ds: &str,
    intervals: &str,
    num: Option<u32>,
) -> Result<Value, FetchError> {
    let mut q = format!(
        "?intervals={}",
        intervals
            .split(',')
            .map(|i| super::interval_segment(i.trim()))
            .collect::<Vec<_>>()
            .join(",")
    );
    if let Some(n) = num {
        q.push_str(&format!("&numCandidates={n}"));
    }
    get(c, &Target::Broker, &ds_path(ds, &format!("/candidates{q}"))).await
}

/// `POST /druid/v2/`: runs a native query.
pub async fn native(c: &Cluster, query: &Value) -> Result<Value, FetchError> {
    send_json(request(c, &Target::Broker, "POST", "/druid/v2/").json_body(query)).await
}

/// `POST /druid/v2/candidates/`: the segments and servers a native query would use.
pub async fn query_candidates(c: &Cluster, query: &Value) -> Result<Value, FetchError> {
    send_json(request(c, &Target::Broker, "POST", "/druid/v2/candidates/").json_body(query)).await
}

/// `POST /druid/v2/sql`: runs a SQL query; `array` rows with a header row, or `object` rows.
pub async fn sql(c: &Cluster, query: &str, arrays: bool) -> Result<Value, FetchError> {
    let body = if arrays {
        json!({"query": query, "resultFormat": "array", "header": true})
    } else {
        json!({"query": query, "resultFormat": "object"})
    };
    send_json(request(c, &Target::Broker, "POST", "/druid/v2/sql").json_body(&body)).await
}
