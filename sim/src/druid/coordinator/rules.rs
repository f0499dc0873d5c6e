//! Retention rules with audit history (author and comment from `X-Druid-Author`/`X-Druid-Comment`).

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;
use std::net::SocketAddr;

use super::super::common::{empty_ok, error, url_interval};
use super::super::state::{AuditEntry, DAY};
use super::super::DruidCtx;
use crate::http_util::{header_str, ok_json, Params};

const RULE_TYPES: [&str; 10] = [
    "loadForever",
    "loadByInterval",
    "loadByPeriod",
    "dropForever",
    "dropByInterval",
    "dropByPeriod",
    "dropBeforeByPeriod",
    "broadcastForever",
    "broadcastByInterval",
    "broadcastByPeriod",
];

/// Applies `interval`/`count` history parameters: `count` returns the newest n (newest first),
/// `interval` (default: the last week) returns entries inside it, oldest first.
pub fn history(entries: Vec<&AuditEntry>, p: &Params, now: i64) -> Result<Vec<Value>, Response> {
    if let Some(raw) = p.get("count") {
        let n: i64 = raw.parse().unwrap_or(0);
        if n <= 0 {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "count must be greater than zero",
            ));
        }
        let mut v: Vec<&AuditEntry> = entries;
        v.sort_by_key(|e| std::cmp::Reverse(e.time));
        return Ok(v
            .into_iter()
            .take(n as usize)
            .map(AuditEntry::to_json)
            .collect());
    }
    let (a, b) = match p.get_nonempty("interval") {
        Some(i) => url_interval(i)
            .ok_or_else(|| error(StatusCode::BAD_REQUEST, &format!("Invalid interval [{i}]")))?,
        None => (now - 7 * DAY, now + 1),
    };
    let mut v: Vec<&AuditEntry> = entries
        .into_iter()
        .filter(|e| e.time >= a && e.time < b)
        .collect();
    v.sort_by_key(|e| e.time);
    Ok(v.into_iter().map(AuditEntry::to_json).collect())
}

/// Author, comment and IP of a change.
pub fn audit_info(headers: &HeaderMap, ci: &ConnectInfo<SocketAddr>) -> (String, String, String) {
    (
        header_str(headers, "x-druid-author")
            .unwrap_or_default()
            .to_string(),
        header_str(headers, "x-druid-comment")
            .unwrap_or_default()
            .to_string(),
        ci.0.ip().to_string(),
    )
}

/// `GET /rules`: every datasource's rules, `_default` included.
pub async fn all(State(ctx): State<DruidCtx>) -> Response {
    let (st, _) = ctx.state();
    ok_json(&st.rules)
}

/// `GET /rules/{ds}[?full]`.
pub async fn get_rules(State(ctx): State<DruidCtx>, Path(ds): Path<String>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, _) = ctx.state();
    let mut rules: Vec<Value> = st
        .rules
        .get(&ds)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if p.has("full") && ds != "_default" {
        rules.extend(
            st.rules
                .get("_default")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        );
    }
    ok_json(&rules)
}

/// `POST /rules/{ds}` with a JSON list of rules: empty 200, recorded in the audit log.
pub async fn set_rules(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    headers: HeaderMap,
    ci: ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let rules: Vec<Value> = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Cannot deserialize rules: {e}"),
            )
        }
    };
    for r in &rules {
        match r.get("type").and_then(Value::as_str) {
            Some(t) if RULE_TYPES.contains(&t) => {}
            Some(t) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("Could not resolve type id '{t}' as a subtype of `org.apache.druid.server.coordinator.rules.Rule`: known type ids = {RULE_TYPES:?}"),
                )
            }
            None => return error(StatusCode::BAD_REQUEST, "Missing type id when trying to resolve subtype of Rule: missing type id property 'type'"),
        }
    }
    if ds == "_default" && rules.is_empty() {
        return error(StatusCode::BAD_REQUEST, "Cannot remove default rules");
    }
    let (author, comment, ip) = audit_info(&headers, &ci);
    let (mut st, now) = ctx.state();
    let payload = Value::Array(rules);
    st.rules.insert(ds.clone(), payload.clone());
    st.record(&ds, "rules", &author, &comment, &ip, &payload, now);
    empty_ok()
}

/// `GET /rules/history?interval=..|count=..`.
pub async fn history_all(State(ctx): State<DruidCtx>, uri: Uri) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    match history(
        st.audit.iter().filter(|e| e.kind == "rules").collect(),
        &p,
        now,
    ) {
        Ok(v) => ok_json(&v),
        Err(r) => r,
    }
}

/// `GET /rules/{ds}/history?interval=..|count=..`.
pub async fn history_one(
    State(ctx): State<DruidCtx>,
    Path(ds): Path<String>,
    uri: Uri,
) -> Response {
    let p = Params::from_uri(&uri);
    let (st, now) = ctx.state();
    match history(
        st.audit
            .iter()
            .filter(|e| e.kind == "rules" && e.key == ds)
            .collect(),
        &p,
        now,
    ) {
        Ok(v) => ok_json(&v),
        Err(r) => r,
    }
}
