//! One function per endpoint of the operator views: queries and profiles, FE config,
//! colocation and global dictionaries, logs and files, and the per-node BE/CN tools. Every
//! answer goes through [`api::send`](super::api::send) (so failures sent with HTTP 200 are
//! errors); downloads and `HEAD` are fetched raw (bytes, headers).

use super::api::{json, send, FE};
use super::model::Answer;
use crate::cluster::Cluster;
use crate::net::{cluster_request, FetchError, NetError};
use crate::url_state::encode;
use serde_json::Value;

/// `method path` on `target` with an optional text body, decoded; the answer as JSON (text
/// answers become a JSON string).
pub async fn call(
    c: &Cluster,
    method: &str,
    target: &str,
    path: &str,
    body: Option<&str>,
) -> Result<Value, FetchError> {
    let mut req = cluster_request(c, method, target, path).timeout(30_000);
    if let Some(b) = body {
        req = req.text_body("text/plain", b);
    }
    Ok(match send(req).await?.0 {
        Answer::Json(v) => v,
        Answer::Text(t) => Value::String(t),
    })
}

/// The text of an answer (a JSON answer pretty-printed).
pub fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    }
}

/// `GET /api/query_detail?event_time=<ns>` (FE): queries finished after that event time.
pub async fn query_detail(c: &Cluster, since_ns: i64) -> Result<Value, FetchError> {
    json(c, FE, &format!("/api/query_detail?event_time={since_ns}")).await
}

/// `GET /api/profile?query_id=<id>` (FE): the profile text.
pub async fn profile(c: &Cluster, query_id: &str) -> Result<String, FetchError> {
    Ok(as_text(&json(c, FE, &format!("/api/profile?query_id={}", encode(query_id))).await?))
}

/// `GET /api/connection?connection_id=<id>` (FE): `{"query_id": ...}`, the last query of it.
pub async fn connection(c: &Cluster, id: i64) -> Result<Value, FetchError> {
    json(c, FE, &format!("/api/connection?connection_id={id}")).await
}

/// `POST /api/query_dump?db=<db>` (FE) with the SQL as the body: the optimizer's dump.
pub async fn query_dump(c: &Cluster, db: &str, sql: &str) -> Result<Value, FetchError> {
    call(c, "POST", FE, &format!("/api/query_dump?db={}", encode(db)), Some(sql)).await
}

/// `GET /api/_set_config?k=v&...[&persist=true&reason=..]` (FE): `{"set": {..}, "err": {..}}`.
pub async fn set_config(
    c: &Cluster,
    pairs: &[(String, String)],
    persist: bool,
    reason: &str,
) -> Result<Value, FetchError> {
    let mut q: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    if persist {
        q.push("persist=true".into());
        q.push(format!("reason={}", encode(reason)));
    }
    let path = format!("/api/_set_config?{}", q.join("&"));
    let v = json(c, FE, &path).await?;
    if ["set", "err"].iter().any(|k| v.get(k).is_some_and(Value::is_object)) {
        return Ok(v);
    }
    // Not the FE's `{set, err}` map (text, JSON that did not parse, another object): say so, not
    // "not mentioned" for every key.
    let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
    Err(FetchError {
        method: "GET".into(),
        url: cluster_request(c, "GET", FE, &path).url,
        error: NetError::Decode {
            path: ".".into(),
            message: "not the FE's answer to _set_config (a JSON map of set and err)".into(),
            content_type: String::new(),
            excerpt: super::model::excerpt(&text),
        },
    })
}

/// `GET /api/colocate` (FE): the colocation metadata.
pub async fn colocate(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/colocate").await
}

/// `POST /api/colocate/<action>?<query>` (FE) with an optional JSON body: `group_stable`,
/// `group_unstable`, `update_group` (`table_id`, `is_join` in the query), `bucketseq` (the BE ids
/// of each bucket as the body).
pub async fn colocate_action(c: &Cluster, action: &str, query: &str, body: Option<&str>) -> Result<Value, FetchError> {
    let action = match action {
        "group_stable" | "group_unstable" | "update_group" | "bucketseq" => action,
        _ => "group_stable",
    };
    let mut req = cluster_request(c, "POST", FE, &format!("/api/colocate/{action}?{query}")).timeout(30_000);
    if let Some(b) = body {
        req = req.text_body("application/json", b);
    }
    Ok(match send(req).await?.0 {
        Answer::Json(v) => v,
        Answer::Text(t) => Value::String(t),
    })
}

/// `POST /api/global_dict/table/enable?db_name=..&table_name=..&enable=true|false` (FE).
pub async fn global_dict(c: &Cluster, db: &str, table: &str, enable: bool) -> Result<Value, FetchError> {
    let p = format!("/api/global_dict/table/enable?db_name={}&table_name={}&enable={enable}", encode(db), encode(table));
    call(c, "POST", FE, &p, None).await
}

/// `GET /api/stop` (FE): stops the FE.
pub async fn stop_fe(c: &Cluster) -> Result<Value, FetchError> {
    json(c, FE, "/api/stop").await
}

/// A raw answer: status, a header's value, and the body's bytes.
pub struct Raw {
    /// The header asked for.
    pub header: Option<String>,
    /// The body.
    pub bytes: Vec<u8>,
}

/// `method path` on `target`, raw (bytes and one header), for downloads and `HEAD`; a
/// non-2xx answer is an error with its text.
pub async fn raw(c: &Cluster, method: &str, target: &str, path: &str, header: &str) -> Result<Raw, FetchError> {
    let (h, bytes) = raw_with(c, method, target, path, &[header]).await?;
    Ok(Raw { header: h.into_iter().next().flatten(), bytes })
}

/// `method path` on `target`, raw: the values of the headers `names` (in that order) and the
/// body's bytes; a non-2xx answer is an error with its text.
pub async fn raw_with(
    c: &Cluster,
    method: &str,
    target: &str,
    path: &str,
    names: &[&str],
) -> Result<(Vec<Option<String>>, Vec<u8>), FetchError> {
    let req = cluster_request(c, method, target, path);
    let (m, url) = (req.method.clone(), req.url.clone());
    let fail = |error| FetchError { method: m.clone(), url: url.clone(), error };
    let method = gloo_net::http::Method::from_bytes(method.as_bytes()).unwrap_or(gloo_net::http::Method::GET);
    let mut b = gloo_net::http::RequestBuilder::new(&req.url).method(method);
    for (k, v) in &req.headers {
        b = b.header(k, v);
    }
    let resp = b
        .send()
        .await
        .map_err(|e| fail(NetError::Network { message: e.to_string() }))?;
    let status = resp.status();
    let headers = names.iter().map(|n| resp.headers().get(n)).collect();
    if !(200..300).contains(&status) {
        let body = resp.text().await.unwrap_or_default();
        return Err(fail(NetError::Http { status, status_text: resp.status_text(), body }));
    }
    let bytes = resp.binary().await.map_err(|e| fail(NetError::Network { message: e.to_string() }))?;
    Ok((headers, bytes))
}

/// `HEAD /api/get_log_file?type=<type>` (FE): the `file_infos` header (`{file: size}`).
pub async fn log_file_infos(c: &Cluster, kind: &str) -> Result<Value, FetchError> {
    let r = raw(c, "HEAD", FE, &format!("/api/get_log_file?type={}", encode(kind)), "file_infos").await?;
    Ok(r.header.and_then(|h| serde_json::from_str(&h).ok()).unwrap_or(Value::Null))
}

/// `GET /api/get_log_file?type=<type>&file=<file>` (FE): the file's bytes.
pub async fn log_file(c: &Cluster, kind: &str, file: &str) -> Result<Vec<u8>, FetchError> {
    let p = format!("/api/get_log_file?type={}&file={}", encode(kind), encode(file));
    Ok(raw(c, "GET", FE, &p, "content-type").await?.bytes)
}

/// `GET /api/get_small_file?file_id=..&token=..` (FE): the file's bytes.
pub async fn small_file(c: &Cluster, file_id: &str, token: &str) -> Result<Vec<u8>, FetchError> {
    let p = format!("/api/get_small_file?file_id={}&token={}", encode(file_id), encode(token));
    Ok(raw(c, "GET", FE, &p, "content-type").await?.bytes)
}

/// `GET /varz` of a BE/CN: its configuration page (HTML, read as text).
pub async fn varz(c: &Cluster, node: &str) -> Result<String, FetchError> {
    let req = cluster_request(c, "GET", node, "/varz").timeout(15_000);
    Ok(req.send().await?.body)
}

/// `POST /api/update_config?<key>=<value>` of a BE/CN: one key per request.
pub async fn update_config(c: &Cluster, node: &str, key: &str, value: &str) -> Result<Value, FetchError> {
    call(c, "POST", node, &format!("/api/update_config?{}={}", encode(key), encode(value)), None).await
}

/// `GET /greplog?pattern=..[&level=..]` of a BE/CN: matching log lines.
pub async fn greplog(c: &Cluster, node: &str, pattern: &str, level: &str) -> Result<String, FetchError> {
    let mut p = format!("/greplog?pattern={}", encode(pattern));
    if !level.is_empty() {
        p.push_str(&format!("&level={}", encode(level)));
    }
    Ok(as_text(&call(c, "GET", node, &p, None).await?))
}

/// The BE/CN tools run from the node page: `(label, method, path with {tablet}, destructive)`.
pub const NODE_TOOLS: &[(&str, &str, &str, bool)] = &[
    ("Compaction status", "GET", "/api/compaction/show?tablet_id={tablet}", false),
    ("Run base compaction", "POST", "/api/compact?tablet_id={tablet}&compaction_type=base", true),
    ("Run cumulative compaction", "POST", "/api/compact?tablet_id={tablet}&compaction_type=cumulative", true),
    ("Show repair", "GET", "/api/compaction/show_repair", false),
    ("Submit repair", "PUT", "/api/compaction/submit_repair?tablet_id={tablet}", true),
    // The reference lists HEAD (an existence check: no body); BEs since 2.x also answer GET
    // with the header's JSON.
    ("Tablet meta header (HEAD)", "HEAD", "/api/meta/header/{tablet}", false),
    ("Tablet meta header (GET)", "GET", "/api/meta/header/{tablet}", false),
    ("Checksum", "GET", "/api/checksum?tablet_id={tablet}&version={version}&schema_hash={schema_hash}", false),
    ("Reload tablet", "GET", "/api/reload_tablet?tablet_id={tablet}&schema_hash={schema_hash}&path={path}", true),
    ("Restore tablet", "POST", "/api/restore_tablet?tablet_id={tablet}&schema_hash={schema_hash}", true),
    ("Snapshot", "GET", "/api/snapshot?tablet_id={tablet}&schema_hash={schema_hash}", true),
    ("Runtime filter cache: stat", "GET", "/api/runtime_filter_cache/stat", false),
    ("Runtime filter cache: trace", "GET", "/api/runtime_filter_cache/trace", false),
    ("Runtime filter cache: enable trace", "PUT", "/api/runtime_filter_cache/enable_trace", false),
    ("Runtime filter cache: disable trace", "PUT", "/api/runtime_filter_cache/disable_trace", false),
    ("Query cache: stat", "GET", "/api/query_cache/stat", false),
    ("Query cache: invalidate all", "PUT", "/api/query_cache/invalidate_all", true),
    ("Pipeline blocking drivers", "GET", "/api/pipeline_blocking_drivers/stat", false),
    ("Compact RocksDB meta", "POST", "/api/compact_rocksdb_meta", true),
];

/// `HEAD path` on a node: what a `HEAD` answer says (it has no body).
pub async fn head(c: &Cluster, node: &str, path: &str) -> Result<String, FetchError> {
    let r = raw(c, "HEAD", node, path, "content-length").await?;
    Ok(format!(
        "HEAD answered OK (Content-Length: {}): it exists. A HEAD answer has no body; the GET tool reads it.",
        r.header.as_deref().unwrap_or("not given")
    ))
}

/// The pprof endpoints: `(name, path, text answer)`; binary ones are only downloaded.
pub const PPROF: &[(&str, &str, bool)] = &[
    ("heap", "/pprof/heap", true),
    ("growth", "/pprof/growth", true),
    ("profile", "/pprof/profile?seconds={seconds}", false),
    ("pmuprofile", "/pprof/pmuprofile?seconds={seconds}", false),
    ("contention", "/pprof/contention", true),
    ("cmdline", "/pprof/cmdline", true),
    ("symbol", "/pprof/symbol", true),
];

/// The BE downloads: `(name, path)`, with their parameters filled in by the page.
pub const DOWNLOADS: &[(&str, &str)] = &[
    ("Load file (_download_load)", "/api/_download_load?token={token}&file={file}"),
    ("Tablet file (_tablet/_download)", "/api/_tablet/_download?token={token}&file={file}"),
    ("Load error log (_load_error_log)", "/api/_load_error_log?file={file}"),
];

/// Fills `{name}` placeholders of a tool path with URL-encoded values (an empty value stays
/// empty, so the server names what is missing).
pub fn fill(path: &str, values: &[(&str, String)]) -> String {
    let mut out = path.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), &encode(v.trim()));
    }
    out
}

/// `GET /api/_stop_be` of a BE: stops it.
pub async fn stop_be(c: &Cluster, node: &str) -> Result<Value, FetchError> {
    call(c, "GET", node, "/api/_stop_be", None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_paths_are_filled_with_encoded_values() {
        let p = fill(NODE_TOOLS[1].2, &[("tablet", " 20001 ".into())]);
        assert_eq!(p, "/api/compact?tablet_id=20001&compaction_type=base");
        let p = fill(DOWNLOADS[2].1, &[("file", "a&b=c".into())]);
        assert_eq!(p, "/api/_load_error_log?file=a%26b%3Dc");
        assert!(NODE_TOOLS.iter().all(|t| t.2.starts_with("/api/")));
        assert_eq!(as_text(&Value::String("x".into())), "x");
    }
}
