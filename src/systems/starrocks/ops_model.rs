//! What the operator views read: a BE's `/varz` page as `(key, value)` rows, the result of
//! `_set_config` per key, the query history (`/api/query_detail`), the `key=value` lines of the
//! config forms, and node targets taken from the URL (checked before any request).

use serde::Deserialize;
use serde_json::Value;

/// Decodes the few HTML entities a server puts in text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The text of an HTML fragment: tags dropped, entities decoded (never rendered as HTML).
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// The contents of every `<tag ...>...</tag>` in `html` (case-insensitive), in order.
fn elements<'a>(html: &'a str, lower: &str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find(&open).map(|i| at + i) {
        let Some(body) = lower[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let end = lower[body..].find(&close).map(|i| body + i).unwrap_or(lower.len());
        out.push(html.get(body..end).unwrap_or_default());
        at = end;
    }
    out
}

/// Reads a BE's `/varz` page into `(key, value)` rows: table rows (`<tr><td>k</td><td>v</td>`)
/// or `key=value` lines (inside `<pre>` or bare). `None` when neither is found; the caller then
/// shows the page's text.
pub fn parse_varz(body: &str) -> Option<Vec<(String, String)>> {
    let lower = body.to_ascii_lowercase();
    let mut rows: Vec<(String, String)> = Vec::new();
    if lower.contains("<td") {
        for tr in elements(body, &lower, "tr") {
            let tr_lower = tr.to_ascii_lowercase();
            let cells = elements(tr, &tr_lower, "td");
            if let [k, v, ..] = cells.as_slice() {
                let k = strip_tags(k).trim().to_string();
                if !k.is_empty() {
                    rows.push((k, strip_tags(v).trim().to_string()));
                }
            }
        }
    } else {
        let text = match elements(body, &lower, "pre").as_slice() {
            [] => strip_tags(body),
            pres => pres.iter().map(|p| strip_tags(p)).collect::<Vec<_>>().join("\n"),
        };
        for line in text.lines() {
            if let Some((k, v)) = line.split_once('=') {
                let k = k.trim();
                if !k.is_empty() && !k.contains(char::is_whitespace) {
                    rows.push((k.to_string(), v.trim().to_string()));
                }
            }
        }
    }
    (!rows.is_empty()).then_some(rows)
}

/// The rows of `rows` whose key or value contains every word of `needle` (case-insensitive).
pub fn filter_rows<'a>(rows: &'a [(String, String)], needle: &str) -> Vec<&'a (String, String)> {
    let words: Vec<String> = needle.split_whitespace().map(str::to_lowercase).collect();
    rows.iter()
        .filter(|(k, v)| {
            let t = format!("{k} {v}").to_lowercase();
            words.iter().all(|w| t.contains(w.as_str()))
        })
        .collect()
}

/// `key=value` lines (blank lines and `#` comments skipped) as pairs; a line without `=` is an
/// error naming it.
pub fn parse_assignments(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((k, v)) = line.split_once('=') else {
            return Err(format!("not key=value: {line}"));
        };
        let k = k.trim();
        if k.is_empty() || k.contains(char::is_whitespace) {
            return Err(format!("bad key in: {line}"));
        }
        out.retain(|(x, _)| x != k);
        out.push((k.to_string(), v.trim().to_string()));
    }
    Ok(out)
}

/// Assignments as text (`key = value` lines, sorted), the form the config diffs compare.
pub fn assignments_text(pairs: &[(String, String)]) -> String {
    let mut lines: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    lines.sort();
    lines.join("\n")
}

/// The known values of the keys in `new` (`?` when unknown), as the old side of a diff.
pub fn known_values(new: &[(String, String)], known: &[(String, String)]) -> Vec<(String, String)> {
    new.iter()
        .map(|(k, _)| {
            let v = known.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
            (k.clone(), v.unwrap_or_else(|| "? (not read yet)".into()))
        })
        .collect()
}

/// One key's outcome in a `_set_config` answer.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyResult {
    /// The config key.
    pub key: String,
    /// Whether the FE set it.
    pub ok: bool,
    /// The value set, or what the FE said about the failure.
    pub detail: String,
}

/// Reads `_set_config`'s `{"set": {key: value}, "err": {key: why}}` into one result per key,
/// the keys sent first in their order (a key the FE does not mention is a failure).
pub fn set_config_results(v: &Value, sent: &[(String, String)]) -> Vec<KeyResult> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out: Vec<KeyResult> = Vec::new();
    let mut push = |key: &str| {
        if out.iter().any(|r| r.key == key) {
            return;
        }
        let (ok, detail) = match (v["set"].get(key), v["err"].get(key)) {
            (_, Some(e)) => (false, format!("not set: {}", text(e))),
            (Some(s), None) => (true, text(s)),
            (None, None) => (false, "not mentioned in the answer".into()),
        };
        out.push(KeyResult { key: key.to_string(), ok, detail });
    };
    for (k, _) in sent {
        push(k);
    }
    for field in ["set", "err"] {
        if let Some(o) = v[field].as_object() {
            for k in o.keys() {
                push(k);
            }
        }
    }
    out
}

/// One finished (or running) query of `/api/query_detail`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct QueryDetail {
    /// Event time, nanoseconds since the epoch.
    pub event_time: i64,
    /// The query id.
    pub query_id: String,
    /// The connection id.
    pub conn_id: i64,
    /// Start, epoch ms.
    pub start_time: i64,
    /// Latency in ms.
    pub latency: i64,
    /// `FINISHED`, `FAILED`, `RUNNING`.
    pub state: String,
    /// The database.
    pub database: String,
    /// The SQL text.
    pub sql: String,
    /// The user.
    pub user: String,
    /// Rows scanned.
    pub scan_rows: i64,
    /// Rows returned.
    pub return_rows: i64,
    /// Peak memory in bytes.
    pub mem_cost_bytes: i64,
}

/// The query history, newest first; entries that are not objects are skipped.
pub fn query_details(v: &Value) -> Vec<QueryDetail> {
    let mut out: Vec<QueryDetail> = v
        .as_array()
        .map(|a| a.iter().filter_map(|q| QueryDetail::deserialize(q).ok()).collect())
        .unwrap_or_default();
    out.sort_by_key(|q| std::cmp::Reverse(q.event_time));
    out
}

/// A node target from the URL (`be:<host>:<port>` or `cn:<host>:<port>`, percent-encoded as a
/// path segment or not), returned only when
/// it is one: a known kind, a host of letters, digits, dots and dashes, a port number.
pub fn node_target(raw: &str) -> Option<String> {
    let s = crate::url_state::decode(raw);
    let mut parts = s.splitn(3, ':');
    let (kind, host, port) = (parts.next()?, parts.next()?, parts.next()?);
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let port_ok = port.parse::<u16>().is_ok_and(|p| p > 0);
    (matches!(kind, "be" | "cn") && host_ok && port_ok).then(|| format!("{kind}:{host}:{port}"))
}

/// The failure a pprof endpoint reports as text with HTTP 200 (heap profiling not built in, a
/// profiler that cannot start): its first line, when that line says so.
pub fn pprof_failure(text: &str) -> Option<String> {
    let first = text.trim_start().lines().next().unwrap_or_default().trim();
    let l = first.to_ascii_lowercase();
    let failed = ["not available", "not supported", "not enabled", "failed", "error"].iter().any(|w| l.contains(w))
        || l.starts_with("fail");
    failed.then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::starrocks::model::{decode, Answer};

    fn json(body: &str) -> Value {
        match decode(200, body) {
            Ok(Answer::Json(v)) => v,
            other => panic!("not JSON data: {other:?}"),
        }
    }

    #[test]
    fn varz_reads_table_rows_and_key_value_lines() {
        let table = "<!DOCTYPE html><html><head><title>StarRocks BE</title></head><body><h2>Configurations</h2><table>\n<tr><td>mem_limit</td><td>90%</td></tr>\n<tr><td>x&amp;y</td><td><b>&lt;1&gt;</b></td></tr>\n</table></body></html>";
        assert_eq!(
            parse_varz(table).unwrap(),
            vec![("mem_limit".into(), "90%".into()), ("x&y".into(), "<1>".into())]
        );
        let pre = "<h2>Configurations</h2><pre>tablet_max_versions=1000\nstorage_root_path=/data/a;/data/b\nnot a pair\n</pre>";
        let rows = parse_varz(pre).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], ("storage_root_path".into(), "/data/a;/data/b".into()));
        assert_eq!(parse_varz("<html><body>nothing here</body></html>"), None);
        assert_eq!(strip_tags("<script>alert(1)</script>ok"), "alert(1)ok");
        assert_eq!(filter_rows(&rows, "VERSIONS").len(), 1);
        assert_eq!(filter_rows(&rows, "").len(), 2);
    }

    #[test]
    fn set_config_results_come_per_key() {
        let v = json(include_str!("fixtures/set_config.json"));
        let sent = vec![("no_such_config".to_string(), "1".to_string())];
        let r = set_config_results(&v, &sent);
        assert_eq!(r[0], KeyResult { key: "no_such_config".into(), ok: false, detail: "not set: [1]".into() });
        assert_eq!(r[1], KeyResult { key: "tablet_sched_max_scheduling_tablets".into(), ok: true, detail: "2000".into() });
        let missing = set_config_results(&serde_json::json!({"set": {}, "err": {}}), &[("a".into(), "1".into())]);
        assert!(!missing[0].ok);
    }

    #[test]
    fn assignments_parse_and_diff_against_known_values() {
        let p = parse_assignments("# c\n a = 1 \n\nb=x=y\na=2").unwrap();
        assert_eq!(p, vec![("b".to_string(), "x=y".to_string()), ("a".to_string(), "2".to_string())]);
        assert!(parse_assignments("oops").unwrap_err().contains("oops"));
        assert!(parse_assignments("a b=1").is_err());
        let known = vec![("a".to_string(), "1".to_string())];
        assert_eq!(assignments_text(&known_values(&p, &known)), "a = 1\nb = ? (not read yet)");
        assert_eq!(assignments_text(&p), "a = 2\nb = x=y");
    }

    #[test]
    fn query_details_decode_from_the_jackson_list() {
        let v = json(include_str!("fixtures/query_detail.json"));
        let q = query_details(&v);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].query_id, "a1b2c3d4-0000-11ef-8c6e-0242ac1a0002");
        assert_eq!((q[0].conn_id, q[0].latency, q[0].scan_rows), (5, 80, 1000));
        assert_eq!(q[0].state, "FINISHED");
        assert!(query_details(&serde_json::json!([1, {"queryId": "x"}]))[0].query_id == "x");
    }

    #[test]
    fn other_operator_samples_decode_through_their_shape() {
        // flat map (hand-built JSON)
        assert_eq!(json(include_str!("fixtures/connection.json"))["query_id"], "a1b2c3d4-0000-11ef-8c6e-0242ac1a0002");
        // v1-like map with a string status
        assert!(json(include_str!("fixtures/colocate.json"))["colocate_meta"]["unstableGroups"].is_array());
        // BE flat map and v1 Success
        assert_eq!(json(include_str!("fixtures/be-compaction-show.json"))["cumulative point"], 50);
        assert_eq!(json(include_str!("fixtures/be-compact-run-ok.json"))["msg"], "compaction task executed successful");
        // proc-like array
        assert!(json(include_str!("fixtures/fe-metrics-type-json.json")).as_array().is_some_and(|a| a.len() == 4));
        // plain text (the profile)
        assert!(matches!(decode(200, include_str!("fixtures/profile.txt")), Ok(Answer::Text(_))));
        // BE update_config: OK, and a failure with HTTP 200
        assert!(decode(200, include_str!("fixtures/be-update_config-ok.json")).is_ok());
        assert!(decode(200, include_str!("fixtures/be-update_config-bad.json")).is_err());
    }

    #[test]
    fn node_targets_from_the_url_are_checked() {
        assert_eq!(node_target("be:172.26.0.3:8040").as_deref(), Some("be:172.26.0.3:8040"));
        assert_eq!(node_target("cn:host-1.local:8040").as_deref(), Some("cn:host-1.local:8040"));
        assert_eq!(node_target("be%3A172.26.0.3%3A8040").as_deref(), Some("be:172.26.0.3:8040"));
        assert_eq!(node_target("be%3Ah%2F..%3A1"), None);
        for bad in ["fe", "be:1.2.3.4", "xx:h:1", "be:h/../x:1", "be:h:99999", "be:h:0", "be:evil.com@x:80", "be::80"] {
            assert_eq!(node_target(bad), None, "{bad}");
        }
    }

    #[test]
    fn pprof_text_failures_are_failures() {
        assert_eq!(
            pprof_failure("heap profile is not available: StarRocks is not built with tcmalloc heap profiling\n").as_deref(),
            Some("heap profile is not available: StarRocks is not built with tcmalloc heap profiling")
        );
        assert!(pprof_failure("Heap profiling is not available with address sanitizer builds.").is_some());
        assert_eq!(pprof_failure("/opt/starrocks/be/lib/starrocks_be\n"), None);
        assert_eq!(pprof_failure("--- contention\nsampling period = 1\n"), None);
        assert_eq!(pprof_failure("num_symbols: 1\n"), None);
    }
}
