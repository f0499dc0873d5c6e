//! Druid API: retention rules (`/druid/coordinator/v1/rules`) and their audit history.

use super::{get, request, send, Target};
use crate::cluster::Cluster;
use crate::net::{ApiRequest, FetchError};
use crate::systems::druid::model::rules::{newest_first, AuditEntry, HistoryFilter};
use crate::url_state::encode_segment;
use serde_json::Value;
use std::collections::BTreeMap;

/// `GET /druid/coordinator/v1/rules`: every datasource's rules, `_default` included.
pub async fn all_rules(c: &Cluster) -> Result<BTreeMap<String, Vec<Value>>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/rules").await
}

/// `GET /druid/coordinator/v1/rules/{ds}` (`full`: `?full`, the default rules appended).
pub async fn datasource_rules(c: &Cluster, ds: &str, full: bool) -> Result<Vec<Value>, FetchError> {
    let path = format!(
        "/druid/coordinator/v1/rules/{}{}",
        encode_segment(ds),
        if full { "?full" } else { "" }
    );
    get(c, &Target::Coordinator, &path).await
}

/// `GET /druid/coordinator/v1/rules/history?count=|interval=` (every datasource), or
/// `GET /druid/coordinator/v1/rules/{ds}/history?count=|interval=`; newest first.
pub async fn rules_history(
    c: &Cluster,
    ds: Option<&str>,
    filter: &HistoryFilter,
) -> Result<Vec<AuditEntry>, FetchError> {
    let path = match ds {
        Some(ds) => format!(
            "/druid/coordinator/v1/rules/{}/history?{}",
            encode_segment(ds),
            filter.query()
        ),
        None => format!("/druid/coordinator/v1/rules/history?{}", filter.query()),
    };
    get(c, &Target::Coordinator, &path).await.map(newest_first)
}

/// `POST /druid/coordinator/v1/rules/{ds}` with the rule list, audited with `X-Druid-Author` and
/// `X-Druid-Comment`.
pub async fn set_rules(
    c: &Cluster,
    ds: &str,
    rules: &[Value],
    author: &str,
    comment: &str,
) -> Result<(), FetchError> {
    let path = format!("/druid/coordinator/v1/rules/{}", encode_segment(ds));
    send(audited(request(c, &Target::Coordinator, "POST", &path), author, comment).json_body(&rules))
        .await
}

/// `GET /druid/coordinator/v1/datasources`: the names of the datasources (for the rule and
/// compaction pickers).
pub async fn datasource_names(c: &Cluster) -> Result<Vec<String>, FetchError> {
    get(c, &Target::Coordinator, "/druid/coordinator/v1/datasources").await
}

/// `req` with the audit headers Druid records with a change (empty ones left out).
pub fn audited(req: ApiRequest, author: &str, comment: &str) -> ApiRequest {
    let mut req = req;
    if !author.trim().is_empty() {
        req = req.header("X-Druid-Author", author.trim());
    }
    if !comment.trim().is_empty() {
        req = req.header("X-Druid-Comment", comment.trim());
    }
    req
}
