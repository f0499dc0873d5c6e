//! StarRocks answers: the one decoder that tells failure from data whatever the HTTP status
//! (`decode`), proc tables with their column order, sizes ("1.234 MB"), and the JSON that
//! `show_proc` puts inside strings (`Status`).

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// What a StarRocks endpoint answered once failures are set apart.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// JSON data (for v2 `{code,message,result}`, the `result`).
    Json(Value),
    /// Plain text data (`show_data`, BE tools, Prometheus text).
    Text(String),
}

/// A failure StarRocks reported, often with HTTP 200.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The HTTP status it came with.
    pub status: u16,
    /// What the server said.
    pub message: String,
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The message fields of an object, in the order StarRocks fills them.
fn message_of(v: &Value) -> Option<String> {
    ["msg", "message", "exception", "error", "ErrorMessage"]
        .iter()
        .find_map(|k| text_of(&v[*k]))
}

/// The title (or first text) of an HTML page, for error messages.
fn html_title(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let title = lower
        .find("<title>")
        .and_then(|a| lower[a..].find("</title>").map(|b| (a + 7, a + b)))
        .and_then(|(a, b)| body.get(a..b))
        .unwrap_or("an HTML page");
    title.trim().to_string()
}

/// Decodes any StarRocks answer: v1 `{status,code,msg}`, flat maps, proc arrays, Jackson maps
/// with an integer `status`, plain text and v2 `{code,message,result}`, telling failures
/// (`"status":"FAILED"|"Fail"|"BAD"`, a `code` other than 0, Jackson `status` other than 200,
/// `"Fail"` text, HTML, HTTP status ≥ 400) from data.
pub fn decode(status: u16, body: &str) -> Result<Answer, Failure> {
    let trimmed = body.trim();
    let fail = |message: String| Failure { status, message };
    if trimmed.starts_with('<') {
        return Err(fail(format!("HTML answer: {}", html_title(trimmed))));
    }
    let Ok(v) = serde_json::from_str::<Value>(trimmed) else {
        let first = trimmed.split_whitespace().next().unwrap_or_default();
        if status >= 400 {
            return Err(fail(if trimmed.is_empty() {
                format!("HTTP {status}")
            } else {
                trimmed.to_string()
            }));
        }
        if ["fail", "failed", "error"].contains(&first.trim_end_matches([':', '.']).to_ascii_lowercase().as_str()) {
            return Err(fail(trimmed.to_string()));
        }
        return Ok(Answer::Text(body.to_string()));
    };
    let message = || message_of(&v).unwrap_or_else(|| excerpt(trimmed));
    match &v {
        Value::String(s) => {
            let l = s.to_ascii_lowercase();
            if status >= 400 || l.starts_with("fail") || l.starts_with("error") {
                return Err(fail(s.clone()));
            }
            Ok(Answer::Text(s.clone()))
        }
        Value::Object(o) => {
            // Jackson maps: integer status.
            if let Some(n) = o.get("status").and_then(Value::as_i64) {
                return if n == 200 && status < 400 { Ok(Answer::Json(v)) } else { Err(fail(message())) };
            }
            if let Some(s) = o.get("status").and_then(Value::as_str) {
                let ok = ["ok", "success"].contains(&s.to_ascii_lowercase().as_str());
                return if ok && status < 400 { Ok(Answer::Json(v)) } else { Err(fail(message())) };
            }
            if let Some(code) = o.get("code").and_then(text_of) {
                if code != "0" || status >= 400 {
                    return Err(fail(message()));
                }
                return Ok(Answer::Json(o.get("result").cloned().unwrap_or(Value::Null)));
            }
            if status >= 400 {
                return Err(fail(message()));
            }
            Ok(Answer::Json(v))
        }
        _ if status >= 400 => Err(fail(excerpt(trimmed))),
        _ => Ok(Answer::Json(v)),
    }
}

/// The start of a long text.
pub fn excerpt(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// One `show_proc` row: `(column, value)` pairs in the server's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcRow(pub Vec<(String, String)>);

impl ProcRow {
    /// The value of `column` (empty when absent).
    pub fn get(&self, column: &str) -> &str {
        self.0.iter().find(|(k, _)| k == column).map(|(_, v)| v.as_str()).unwrap_or_default()
    }

    /// The first column's value.
    pub fn first(&self) -> &str {
        self.0.first().map(|(_, v)| v.as_str()).unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for ProcRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ProcRow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<ProcRow, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, Value>()? {
                    let v = match v {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    out.push((k, v));
                }
                Ok(ProcRow(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A `show_proc` answer: its columns (in order) and rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcTable {
    /// Column names, in the server's order.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<ProcRow>,
}

impl ProcTable {
    /// Reads a proc array from the body's text (kept as text so the column order survives).
    pub fn parse(body: &str) -> Result<ProcTable, String> {
        struct Rows(Vec<ProcRow>);
        impl<'de> Deserialize<'de> for Rows {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Rows;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("an array of objects")
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Rows, A::Error> {
                        let mut out = Vec::new();
                        while let Some(r) = s.next_element::<ProcRow>()? {
                            out.push(r);
                        }
                        Ok(Rows(out))
                    }
                }
                d.deserialize_seq(V)
            }
        }
        let rows = serde_json::from_str::<Rows>(body.trim()).map_err(|e| e.to_string())?.0;
        let mut columns: Vec<String> = Vec::new();
        for r in &rows {
            for (k, _) in &r.0 {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
        Ok(ProcTable { columns, rows })
    }
}

/// Reads a size as StarRocks prints it ("1.234 MB", "12.800GB", "0B", "1048576") in bytes.
pub fn parse_size(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.trim().parse().ok()?;
    let mult = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1.0,
        "KB" | "K" => 1024.0,
        "MB" | "M" => 1024.0 * 1024.0,
        "GB" | "G" => 1024f64.powi(3),
        "TB" | "T" => 1024f64.powi(4),
        "PB" | "P" => 1024f64.powi(5),
        _ => return None,
    };
    Some(n * mult)
}

/// Whether a column's values look like sizes ("1.234 MB"): every non-empty value has a unit.
pub fn is_size_column(values: &[&str]) -> bool {
    let mut any = false;
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        let has_unit = v.trim().ends_with('B') && parse_size(v).is_some();
        if !has_unit {
            return false;
        }
        any = true;
    }
    any
}

/// Reads a percentage ("19.89 %") or a plain number.
pub fn parse_number(s: &str) -> Option<f64> {
    s.trim().trim_end_matches('%').trim().parse().ok()
}

/// The fields of JSON kept inside a string (the `Status` column of backends), as
/// `(key, value)` text pairs; `None` when the string is not a JSON object.
pub fn json_in_string(s: &str) -> Option<Vec<(String, String)>> {
    let row: ProcRow = serde_json::from_str(s.trim()).ok()?;
    Some(row.0)
}

/// The column whose value names a row's child under the proc directory at `path`, as the FE's
/// proc tree registers them (rows come as JSON objects whose key order the FE does not keep, so
/// the column is chosen by name, never by position): the root by `name`, `/dbs` by `DbId`,
/// `/dbs/<db>` by `TableId`, `/dbs/<db>/<table>` by `Nodes` (`partitions`, `temp_partitions`,
/// `index_schema`), partitions by `PartitionId`, a partition by `IndexId`, an index by
/// `TabletId`, and the other directories (backends, transactions, jobs, statistic, routine
/// loads, colocation groups, tasks, cluster balance, monitor) by their id or name column.
pub fn child_column(path: &str) -> Option<&'static str> {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    Some(match parts.as_slice() {
        [] => "name",
        ["dbs"] | ["statistic"] | ["transactions"] | ["jobs"] => "DbId",
        ["dbs", _] => "TableId",
        ["dbs", _, _] => "Nodes",
        ["dbs", _, _, "partitions" | "temp_partitions"] => "PartitionId",
        ["dbs", _, _, "partitions" | "temp_partitions", _] | ["dbs", _, _, "index_schema"] => "IndexId",
        ["dbs", _, _, "partitions" | "temp_partitions", _, _] => "TabletId",
        ["backends"] => "BackendId",
        ["transactions", _] => "State",
        ["transactions", _, _] => "TransactionId",
        ["jobs", _] => "JobType",
        ["routine_loads"] => "Name",
        ["routine_loads", _] => "Id",
        ["colocation_group"] => "GroupId",
        ["tasks"] => "TaskType",
        ["cluster_balance"] => "Item",
        ["monitor"] => "Name",
        _ => return None,
    })
}

/// The path of the child that a row of the proc table at `path` opens, when it has one: the
/// value of the row's [`child_column`] appended to the path.
pub fn child_path(path: &str, row: &ProcRow) -> Option<String> {
    let key = row.get(child_column(path)?).trim();
    if key.is_empty() || key.contains('/') {
        return None;
    }
    Some(format!("{}/{key}", normalize(path).trim_end_matches('/')))
}

/// A proc path with one leading slash and no trailing one (`/` for the root).
pub fn normalize(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    format!("/{}", parts.join("/"))
}

/// The breadcrumbs of a proc path: `(label, path)` from the root.
pub fn breadcrumbs(path: &str) -> Vec<(String, String)> {
    let mut out = vec![("/".to_string(), "/".to_string())];
    let mut at = String::new();
    for p in path.split('/').filter(|s| !s.is_empty()) {
        at.push('/');
        at.push_str(p);
        out.push((p.to_string(), at.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> Answer {
        decode(200, body).unwrap_or_else(|f| panic!("failed: {f:?}"))
    }
    fn failed(status: u16, body: &str) -> String {
        decode(status, body).err().unwrap_or_else(|| panic!("not a failure: {body}")).message
    }

    #[test]
    fn the_decoder_tells_failure_from_data_in_all_six_shapes() {
        // 1. v1
        assert!(matches!(ok(include_str!("fixtures/cancel-ok.json")), Answer::Json(_)));
        assert_eq!(failed(401, include_str!("fixtures/error-401.json")), "Access denied for root@172.26.0.1");
        assert_eq!(failed(200, r#"{"status":"FAILED","code":"1","msg":"Database[x] does not exist","message":"x"}"#), "Database[x] does not exist");
        // 2. flat maps
        for f in [
            include_str!("fixtures/show_meta_info-SHOW_HA.json"),
            include_str!("fixtures/show_meta_info-SHOW_DB_SIZE.json"),
            include_str!("fixtures/show_runtime_info.json"),
            include_str!("fixtures/fe-api-health.json"),
            include_str!("fixtures/be-api-health.json"),
            include_str!("fixtures/be-update_config-ok.json"),
        ] {
            assert!(matches!(ok(f), Answer::Json(Value::Object(_))), "{f}");
        }
        // 3. proc arrays (an empty one is data to the decoder; the proc view says why)
        for f in [
            include_str!("fixtures/show_proc-backends.json"),
            include_str!("fixtures/show_proc-frontends.json"),
            include_str!("fixtures/show_proc-root.json"),
            "[]",
        ] {
            assert!(matches!(ok(f), Answer::Json(Value::Array(_))));
        }
        // 4. Jackson
        assert!(matches!(ok(include_str!("fixtures/table-schema.json")), Answer::Json(_)));
        assert_eq!(failed(200, include_str!("fixtures/table-schema-404.json")), "Table [nope] does not exists");
        // 5. text
        // (`show_data` is a bare number, which is also JSON)
        assert_eq!(ok(include_str!("fixtures/show_data.txt")), Answer::Json(serde_json::json!(1048576)));
        assert!(matches!(ok("# TYPE jvm_heap_size_bytes gauge\njvm_heap_size_bytes{type=\"max\"} 1\n"), Answer::Text(_)));
        assert!(failed(200, "Fail").contains("Fail"));
        assert!(failed(200, "\"Fail\"").contains("Fail"));
        assert_eq!(failed(400, "Miss type parameter"), "Miss type parameter");
        assert_eq!(failed(404, "<html><head><title>404 Not Found</title></head></html>"), "HTML answer: 404 Not Found");
        assert_eq!(failed(200, include_str!("fixtures/be-update_config-bad.json")), "Now only support to set a single config once, via 'config_name=new_value'");
        assert!(failed(200, r#"{"status":"Fail","msg":"tablet_id or tablet_ids is required"}"#).contains("tablet_id"));
        // 6. v2
        assert_eq!(ok(include_str!("fixtures/v2-wrapper-ok.json")), Answer::Json(serde_json::json!({})));
        assert_eq!(failed(200, r#"{"code":"404","message":"no such table"}"#), "no such table");
        assert_eq!(failed(200, r#"{"code":1,"message":"bad"}"#), "bad");
    }

    #[test]
    fn proc_tables_keep_the_server_column_order() {
        let t = ProcTable::parse(include_str!("fixtures/show_proc-backends.json")).unwrap();
        assert_eq!(t.columns[..3], ["BackendId", "IP", "HeartbeatPort"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].get("Alive"), "true");
        let status = json_in_string(t.rows[0].get("Status")).unwrap();
        assert_eq!(status, vec![("lastSuccessReportTabletsTime".to_string(), "2025-01-15 10:30:40".to_string())]);
        assert_eq!(json_in_string("not json"), None);
    }

    #[test]
    fn sizes_parse_and_sort_as_sizes() {
        assert_eq!(parse_size("1.234 MB"), Some(1.234 * 1024.0 * 1024.0));
        assert_eq!(parse_size("12.800GB"), Some(12.8 * 1024f64.powi(3)));
        assert_eq!(parse_size("0B"), Some(0.0));
        assert_eq!(parse_size("19.89 %"), None);
        let mut v = vec!["80.112 GB", "1.234 MB", "100.000 GB", "900.000 KB"];
        assert!(is_size_column(&v));
        v.sort_by(|a, b| parse_size(a).unwrap().total_cmp(&parse_size(b).unwrap()));
        assert_eq!(v, ["900.000 KB", "1.234 MB", "80.112 GB", "100.000 GB"]);
        assert!(!is_size_column(&["42", "1.0 MB"]));
        assert_eq!(parse_number("19.89 %"), Some(19.89));
    }

    #[test]
    fn proc_rows_open_their_child_path() {
        let row = |pairs: &[(&str, &str)]| ProcRow(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        assert_eq!(child_path("/", &row(&[("name", "dbs")])).as_deref(), Some("/dbs"));
        assert_eq!(child_path("/dbs", &row(&[("DbName", "demo"), ("DbId", "10100")])).as_deref(), Some("/dbs/10100"));
        // The table id, wherever the column comes in the row (the FE keeps no key order).
        let table = row(&[("IndexNum", "1"), ("PartitionNum", "3"), ("TableId", "10200"), ("TableName", "t")]);
        assert_eq!(child_path("dbs/10100/", &table).as_deref(), Some("/dbs/10100/10200"));
        assert_eq!(child_path("/dbs/1/2", &row(&[("Nodes", "partitions")])).as_deref(), Some("/dbs/1/2/partitions"));
        assert_eq!(child_path("/dbs/1/2/partitions", &row(&[("PartitionName", "p1"), ("PartitionId", "5")])).as_deref(), Some("/dbs/1/2/partitions/5"));
        assert_eq!(child_path("/dbs/1/2/partitions/5", &row(&[("IndexId", "6")])).as_deref(), Some("/dbs/1/2/partitions/5/6"));
        assert_eq!(child_path("/dbs/1/2/partitions/5/6", &row(&[("TabletId", "7")])).as_deref(), Some("/dbs/1/2/partitions/5/6/7"));
        assert_eq!(child_path("/dbs/1/2/partitions/5/6/7", &row(&[("ReplicaId", "8")])), None);
        assert_eq!(child_path("/backends", &row(&[("IP", "h"), ("BackendId", "10001")])).as_deref(), Some("/backends/10001"));
        assert_eq!(child_path("/frontends", &row(&[("Name", "fe1")])), None);
        assert_eq!(child_path("/dbs", &row(&[("DbName", "no id")])), None);
        assert_eq!(child_path("/", &row(&[("name", "a/b")])), None);
        assert_eq!(breadcrumbs("/dbs/1").len(), 3);
        assert_eq!(normalize("dbs//1/"), "/dbs/1");
    }
}
