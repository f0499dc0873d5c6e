//! The FE's own node: the meta service endpoints other FEs call (`/role`, `/journal_id`,
//! `/check`, `/info`, `/version`, `/image`, `/put`, `/dump`), the replayer's state
//! (`/api/_meta_replay_state`) and the decommission check (`/api/check_decommission`). Every
//! reader is lenient (plain `Value`s and text) and tells a failure from data: most meta service
//! endpoints answer `400 invalid client host.` to anyone but another FE's host, `/dump` says
//! `dump failed.` with HTTP 200, and the replayer reports `OUT_OF_DATE` or `EXCEPTION` as data.

use super::api::{failure, json, FE};
use super::api_ops::{as_text, call, raw_with};
use super::model::{Failure, ProcTable};
use crate::cluster::Cluster;
use crate::net::FetchError;
use crate::url_state::encode;
use serde_json::Value;

/// `(key, value)` text pairs of a panel.
pub type Pairs = Vec<(String, String)>;

/// A JSON object's fields as text pairs (nested values as JSON text); a `data` object, where an
/// answer wraps its fields in one, is read instead of the wrapper.
pub fn pairs_of(v: &Value) -> Pairs {
    let o = match v.get("data") {
        Some(d @ Value::Object(_)) => d,
        _ => v,
    };
    match o {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "status" | "code" | "message" | "msg") || o.get("state").is_some())
            .map(|(k, v)| (k.clone(), as_text(v)))
            .collect(),
        Value::Null => Vec::new(),
        other => vec![("answer".into(), as_text(other))],
    }
}

/// Whether the replayer's state (`state` of `_meta_replay_state`) is healthy: `OK` (older
/// versions say `NORMAL`); `OUT_OF_DATE`, `EXCEPTION` and `UNKNOWN` are not.
pub fn replay_ok(v: &Value) -> bool {
    let o = v.get("data").filter(|d| d.is_object()).unwrap_or(v);
    matches!(o["state"].as_str(), Some("OK" | "NORMAL"))
}

/// The `key=value` lines of a Java properties file (the `VERSION` file), comments skipped.
pub fn properties(text: &str) -> Pairs {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('!'))
        .filter_map(|l| l.split_once(['=', ':']))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The image dump's file from `/dump`'s text (`dump finished. <path>`); `dump failed.` (sent
/// with HTTP 200) or no path is a failure with the server's words.
pub fn dump_path(text: &str) -> Result<String, String> {
    let t = text.trim();
    let path = t.strip_prefix("dump finished.").map(str::trim).unwrap_or_default();
    if t.contains("dump failed") || path.is_empty() || path == "null" {
        return Err(if t.is_empty() { "empty answer".into() } else { t.to_string() });
    }
    Ok(path.to_string())
}

/// The FEs of `show_proc` `/frontends` as `(name, host, edit log port)`: what `/role` takes.
pub fn edit_log_addresses(t: &ProcTable) -> Vec<(String, String, String)> {
    t.rows
        .iter()
        .filter(|r| !r.get("IP").is_empty() && !r.get("EditLogPort").is_empty())
        .map(|r| (r.get("Name").to_string(), r.get("IP").to_string(), r.get("EditLogPort").to_string()))
        .collect()
}

/// The BEs of `show_proc` `/backends` as `host:heartbeat_port`: what `check_decommission` takes.
pub fn heartbeat_addresses(t: &ProcTable) -> Vec<String> {
    t.rows
        .iter()
        .filter(|r| !r.get("IP").is_empty() && !r.get("HeartbeatPort").is_empty())
        .map(|r| format!("{}:{}", r.get("IP"), r.get("HeartbeatPort")))
        .collect()
}

/// The `host:port` list typed in the decommission form (commas, spaces or lines between),
/// joined with commas as `host_ports=` takes it; an entry that is not `host:port` is named.
pub fn host_ports(text: &str) -> Result<String, String> {
    let list: Vec<&str> = text.split([',', ' ', '\n', '\t']).map(str::trim).filter(|s| !s.is_empty()).collect();
    if list.is_empty() {
        return Err("Give at least one BE as host:heartbeat_port.".into());
    }
    for hp in &list {
        let ok = hp.rsplit_once(':').is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok());
        if !ok {
            return Err(format!("'{hp}' is not host:heartbeat_port."));
        }
    }
    Ok(list.join(","))
}

/// The value of a header an answer exists for, or why it is missing.
fn need(name: &str, v: Option<String>) -> Result<String, String> {
    v.filter(|s| !s.is_empty()).ok_or_else(|| format!("the answer has no '{name}' header"))
}

/// A header-only answer without its header, as the error of `GET url`.
fn missing(url: &str, message: String) -> FetchError {
    failure("GET", url, Failure { status: 200, message })
}

/// `GET <path>` on the FE, raw, with the headers `names`; the request's URL is returned too.
async fn headers(c: &Cluster, path: &str, names: &[&str]) -> Result<(Vec<Option<String>>, String), FetchError> {
    let url = crate::net::cluster_request(c, "GET", FE, path).url;
    let (h, _) = raw_with(c, "GET", FE, path, names).await?;
    Ok((h, url))
}

/// `GET /role?host=&port=` (meta service): the role and name of the FE at that edit log address.
pub async fn role(c: &Cluster, host: &str, port: &str) -> Result<Pairs, FetchError> {
    let path = format!("/role?host={}&port={}", encode(host), encode(port));
    let (h, url) = headers(c, &path, &["role", "name"]).await?;
    let mut it = h.into_iter();
    let role = need("role", it.next().flatten()).map_err(|m| missing(&url, m))?;
    let mut out = vec![("role".to_string(), role)];
    if let Some(name) = it.next().flatten() {
        out.push(("name".into(), name));
    }
    Ok(out)
}

/// `GET /journal_id` (meta service): the replayed journal id, from the `id` header.
pub async fn journal_id(c: &Cluster) -> Result<Pairs, FetchError> {
    let (h, url) = headers(c, "/journal_id", &["id"]).await?;
    let id = need("id", h.into_iter().next().flatten()).map_err(|m| missing(&url, m))?;
    Ok(vec![("replayed journal id".into(), id)])
}

/// `GET /check` (meta service): the cluster's token (and, on older versions, its id) from
/// headers.
pub async fn check(c: &Cluster) -> Result<Pairs, FetchError> {
    let (h, url) = headers(c, "/check", &["token", "cluster_id"]).await?;
    let mut it = h.into_iter();
    let token = need("token", it.next().flatten()).map_err(|m| missing(&url, m))?;
    let mut out = vec![("token".to_string(), token)];
    if let Some(id) = it.next().flatten() {
        out.push(("cluster id".into(), id));
    }
    Ok(out)
}

/// `GET /info` (meta service): the latest image's journal id (`imageJournalId`).
pub async fn info(c: &Cluster) -> Result<Pairs, FetchError> {
    Ok(pairs_of(&json(c, FE, "/info").await?))
}

/// `GET /version` (meta service): the `VERSION` file (cluster id, token, run mode).
pub async fn version(c: &Cluster) -> Result<Pairs, FetchError> {
    Ok(properties(&as_text(&json(c, FE, "/version").await?)))
}

/// `GET /api/_meta_replay_state` (admin): the replayer's state, raw.
pub async fn replay_state(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/_meta_replay_state").await
}

/// `GET /image?version=<journal id>` (meta service): the image file's bytes.
pub async fn image(c: &Cluster, version: &str) -> Result<Vec<u8>, FetchError> {
    let path = format!("/image?version={}", encode(version.trim()));
    Ok(raw_with(c, "GET", FE, &path, &[]).await?.1)
}

/// `GET /dump` (admin): writes a dump of the FE's metadata image and says where.
pub async fn dump(c: &Cluster) -> Result<String, FetchError> {
    let url = crate::net::cluster_request(c, "GET", FE, "/dump").url;
    let text = as_text(&call(c, "GET", FE, "/dump", None).await?);
    dump_path(&text).map_err(|message| failure("GET", &url, Failure { status: 200, message }))
}

/// `GET /api/check_decommission?host_ports=h:p,..` (FE): whether those BEs can be decommissioned
/// (on StarRocks 3.4 and later the same call also starts decommissioning them).
pub async fn check_decommission(c: &Cluster, host_ports: &str) -> Result<String, FetchError> {
    let v = json(c, FE, &format!("/api/check_decommission?host_ports={}", encode(host_ports))).await?;
    let msg = ["msg", "message"].iter().find_map(|k| v[*k].as_str()).unwrap_or("OK");
    Ok(format!("{host_ports}: {msg}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::starrocks::model::{decode, Answer};

    #[test]
    fn meta_service_answers_read_leniently() {
        // `/info`: newer FEs send only the image's journal id, older ones more.
        assert_eq!(pairs_of(&serde_json::json!({"imageJournalId": 5000})), vec![("imageJournalId".to_string(), "5000".to_string())]);
        assert_eq!(pairs_of(&serde_json::json!({"clusterID": 7, "imageSeq": 4})).len(), 2);
        // `_meta_replay_state`: a plain map, or wrapped in `data` by some versions.
        let ok = serde_json::json!({"state": "OK"});
        assert!(replay_ok(&ok));
        let bad = serde_json::json!({"state": "EXCEPTION", "msg": "replay journal 42 failed"});
        assert!(!replay_ok(&bad));
        assert!(pairs_of(&bad).contains(&("msg".to_string(), "replay journal 42 failed".to_string())));
        assert!(replay_ok(&serde_json::json!({"status": "OK", "data": {"state": "NORMAL"}})));
        assert!(!replay_ok(&serde_json::json!({"state": "OUT_OF_DATE"})));
        // `/version`: the properties file.
        let v = properties("#Mon Jan 15 10:00:00 UTC 2025\nclusterId=1183287416\ntoken=abc\nrunMode=shared_nothing\n");
        assert_eq!(v[0], ("clusterId".to_string(), "1183287416".to_string()));
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn meta_service_failures_are_failures() {
        // Not from another FE's host: 400 with a line of text.
        assert_eq!(decode(400, "invalid client host.").unwrap_err().message, "invalid client host.");
        // `/info` without an image.
        assert_eq!(decode(400, "failed to get master info.").unwrap_err().message, "failed to get master info.");
        // `/dump` fails with HTTP 200.
        assert!(matches!(decode(200, "dump failed. null dump finished. null"), Ok(Answer::Text(_))));
        assert!(dump_path("dump failed. null dump finished. null").is_err());
        assert!(dump_path("dump finished. null").is_err());
        assert_eq!(dump_path("dump finished. /opt/fe/meta/image.dump").as_deref(), Ok("/opt/fe/meta/image.dump"));
        // `check_decommission`: a v1 FAILED with HTTP 200.
        let f = decode(200, r#"{"status":"FAILED","code":"1","msg":"Backend does not exist[h:1]","message":"x"}"#);
        assert_eq!(f.unwrap_err().message, "Backend does not exist[h:1]");
    }

    #[test]
    fn addresses_come_from_the_proc_tables() {
        let fe = ProcTable::parse(include_str!("fixtures/show_proc-frontends.json")).unwrap();
        let a = edit_log_addresses(&fe);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].2, "9010");
        let be = ProcTable::parse(include_str!("fixtures/show_proc-backends.json")).unwrap();
        assert_eq!(heartbeat_addresses(&be), vec!["172.26.0.3:9050"]);
        assert_eq!(host_ports(" a:9050,\nb:9150 ").as_deref(), Ok("a:9050,b:9150"));
        assert!(host_ports("a").unwrap_err().contains("'a'"));
        assert!(host_ports("a:x").is_err());
        assert!(host_ports(" ").is_err());
    }
}
