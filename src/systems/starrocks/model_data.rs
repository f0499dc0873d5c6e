//! Databases, tables and loads: the stream load and transaction results (PascalCase JSON whose
//! `Status` says whether it worked, whatever the HTTP status), the headers a stream load sends,
//! the error log link of a load (followed only to a node the cluster reports), table schemas,
//! DDL, tablet lists and the SQL API's NDJSON.

use serde_json::Value;

/// A JSON value as text (strings without quotes, null as nothing).
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn int(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// What a stream load, or a step of the transaction interface, answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadResult {
    /// `Status`: `Success`, `OK`, `Publish Timeout`, `Fail`, `FAILED`, `Label Already Exists`...
    pub status: String,
    /// `Message`.
    pub message: String,
    /// `Label`.
    pub label: String,
    /// `TxnId`.
    pub txn_id: Option<i64>,
    /// `ExistingJobStatus`, when the label was taken.
    pub existing: String,
    /// `(name, value)` of the row counts present: total, loaded, filtered, unselected.
    pub rows: Vec<(&'static str, i64)>,
    /// `LoadBytes`.
    pub bytes: Option<i64>,
    /// `(name, ms)` of the times present (`LoadTimeMs`, `WriteDataTimeMs`...).
    pub times: Vec<(String, i64)>,
    /// `ErrorURL`: where the BE keeps the rejected rows.
    pub error_url: Option<String>,
}

const ROWS: [(&str, &str); 4] = [
    ("NumberTotalRows", "total"),
    ("NumberLoadedRows", "loaded"),
    ("NumberFilteredRows", "filtered"),
    ("NumberUnselectedRows", "unselected"),
];

impl LoadResult {
    /// Reads a result object; `None` when it has no `Status` (not a load result).
    pub fn from_value(v: &Value) -> Option<LoadResult> {
        let o = v.as_object()?;
        let status = o.get("Status").map(text).filter(|s| !s.is_empty())?;
        let rows = ROWS
            .iter()
            .filter_map(|(k, name)| o.get(*k).and_then(int).map(|n| (*name, n)))
            .collect();
        let times = o
            .iter()
            .filter(|(k, _)| k.ends_with("TimeMs"))
            .filter_map(|(k, v)| int(v).map(|n| (k.trim_end_matches("Ms").to_string(), n)))
            .collect();
        Some(LoadResult {
            status,
            message: o.get("Message").map(text).unwrap_or_default(),
            label: o.get("Label").map(text).unwrap_or_default(),
            txn_id: o.get("TxnId").and_then(int),
            existing: o.get("ExistingJobStatus").map(text).unwrap_or_default(),
            rows,
            bytes: o.get("LoadBytes").and_then(int),
            times,
            error_url: o.get("ErrorURL").map(text).filter(|u| !u.is_empty()),
        })
    }

    /// Reads a result from the body's text.
    pub fn parse(body: &str) -> Result<LoadResult, String> {
        let v: Value = serde_json::from_str(body.trim())
            .map_err(|e| format!("the answer is not JSON ({e}): {}", super::model::excerpt(body)))?;
        LoadResult::from_value(&v)
            .ok_or_else(|| format!("the answer has no Status: {}", super::model::excerpt(body)))
    }

    /// Whether the load (or step) worked: `Success`, `OK` or `Publish Timeout` (committed,
    /// visible a little later).
    pub fn ok(&self) -> bool {
        ["success", "ok", "publish timeout"].contains(&self.status.to_ascii_lowercase().as_str())
    }

    /// The count of `name` (`total`, `loaded`, `filtered`, `unselected`), when present.
    pub fn count(&self, name: &str) -> Option<i64> {
        self.rows.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// The input of the stream load form, kept as typed so a failed upload loses nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadForm {
    /// Database.
    pub db: String,
    /// Table.
    pub table: String,
    /// `csv` or `json`.
    pub format: String,
    /// `label` (empty: the BE makes one).
    pub label: String,
    /// `column_separator` (CSV).
    pub column_separator: String,
    /// `columns`.
    pub columns: String,
    /// `where`.
    pub where_: String,
    /// `max_filter_ratio` (0 to 1).
    pub max_filter_ratio: String,
    /// `jsonpaths` (JSON).
    pub jsonpaths: String,
    /// `strip_outer_array` (JSON).
    pub strip_outer_array: bool,
    /// `skip_header` rows (CSV).
    pub skip_header: String,
}

/// Whether `s` is a label StarRocks accepts: 1 to 128 of `A-Z a-z 0-9 - _ :`.
pub fn valid_label(s: &str) -> bool {
    (1..=128).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_:".contains(c))
}

/// Whether `s` is a database or table name that can go into a path segment as it is.
pub fn valid_name(s: &str) -> bool {
    (1..=256).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-$".contains(c))
}

impl LoadForm {
    /// The stream load headers of the form, or what is wrong with it (nothing is sent then).
    pub fn headers(&self) -> Result<Vec<(String, String)>, String> {
        if !valid_name(&self.db) || !valid_name(&self.table) {
            return Err("Pick a database and a table.".into());
        }
        let mut h: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, v: &str| {
            let v = v.trim();
            if !v.is_empty() {
                h.push((k.to_string(), v.to_string()));
            }
        };
        let json = self.format == "json";
        put("format", if json { "json" } else { "csv" });
        if !self.label.trim().is_empty() && !valid_label(self.label.trim()) {
            return Err("A label is 1 to 128 letters, digits, '-', '_' or ':'.".into());
        }
        put("label", &self.label);
        if json {
            put("jsonpaths", &self.jsonpaths);
            if self.strip_outer_array {
                put("strip_outer_array", "true");
            }
        } else {
            put("column_separator", &self.column_separator);
            if !self.skip_header.trim().is_empty() && self.skip_header.trim().parse::<u32>().is_err() {
                return Err("skip_header is a number of rows.".into());
            }
            put("skip_header", &self.skip_header);
        }
        put("columns", &self.columns);
        put("where", &self.where_);
        let ratio = self.max_filter_ratio.trim();
        if !ratio.is_empty() && !ratio.parse::<f64>().is_ok_and(|r| (0.0..=1.0).contains(&r)) {
            return Err("max_filter_ratio is a number from 0 to 1.".into());
        }
        put("max_filter_ratio", ratio);
        if h.iter().any(|(_, v)| v.contains(['\r', '\n'])) {
            return Err("Header values are one line each.".into());
        }
        Ok(h)
    }
}

/// The node target (`be:<host>:<port>` or `cn:<host>:<port>`) and path of a load's error log,
/// when `url` is an `http(s)://<host>:<port>/api/_load_error_log?file=<name>` link of one of the
/// cluster's `nodes` (targets as the metrics view names them). Anything else is refused: an
/// error URL comes from a server and is never followed to an address the cluster does not list.
pub fn error_log_target(url: &str, nodes: &[String]) -> Result<(String, String), String> {
    let refuse = |why: &str| Err(format!("Not followed ({why}): {url}"));
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    let Some(rest) = rest else {
        return refuse("not an http link");
    };
    let Some((hostport, path)) = rest.split_once('/') else {
        return refuse("no path");
    };
    let Some(file) = path.strip_prefix("api/_load_error_log?file=") else {
        return refuse("not a load error log");
    };
    if file.is_empty() || !file.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) || file.contains("..") {
        return refuse("unexpected file name");
    }
    let target = nodes
        .iter()
        .find(|t| t.split_once(':').is_some_and(|(_, hp)| hp == hostport));
    match target {
        Some(t) => Ok((t.clone(), format!("/api/_load_error_log?file={file}"))),
        None => refuse("not a node of this cluster"),
    }
}

/// A column of `_schema`: name, type (with precision and scale), comment.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaColumn {
    /// Name.
    pub name: String,
    /// Type, e.g. `DECIMAL(10, 2)`.
    pub ty: String,
    /// Comment.
    pub comment: String,
}

/// The columns of a `_schema` answer (`properties`).
pub fn schema_columns(v: &Value) -> Vec<SchemaColumn> {
    v["properties"]
        .as_array()
        .map(|cols| {
            cols.iter()
                .map(|c| {
                    let mut ty = text(&c["type"]);
                    if let (Some(p), Some(s)) = (int(&c["precision"]), int(&c["scale"])) {
                        ty = format!("{ty}({p}, {s})");
                    }
                    SchemaColumn {
                        name: text(&c["name"]),
                        ty,
                        comment: text(&c["comment"]),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The DDL of `_get_ddl` as one text: the `TABLE`, `PARTITION` and `ROLLUP` statements.
pub fn ddl_text(v: &Value) -> String {
    ["TABLE", "PARTITION", "ROLLUP"]
        .iter()
        .flat_map(|k| v[*k].as_array().cloned().unwrap_or_default())
        .map(|s| text(&s))
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The columns of `_migration`'s rows (arrays), in the FE's order.
pub const MIGRATION_COLUMNS: [&str; 6] = ["Table", "Partition", "Tablet", "Schema hash", "Host", "Backend"];

/// The rows of `_migration` (`data`: arrays of values) as text.
pub fn migration_rows(v: &Value) -> Vec<Vec<String>> {
    v["data"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| r.as_array().map(|c| c.iter().map(text).collect()).unwrap_or_else(|| vec![text(r)]))
                .collect()
        })
        .unwrap_or_default()
}

/// The `(index, storage type, schema hash)` rows of `_check_storagetype` for `table` (all
/// tables when empty).
pub fn storage_types(v: &Value, table: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    if let Some(tables) = v["data"].as_object() {
        for (t, info) in tables.iter().filter(|(t, _)| table.is_empty() || *t == table) {
            if let Some(idx) = info["schema_info"].as_object() {
                for (name, i) in idx {
                    let label = if name == t { name.clone() } else { format!("{t} / {name}") };
                    out.push((label, text(&i["storage_type"]), text(&i["schema_hash"])));
                }
            }
        }
    }
    out
}

/// The `(tablet, routings, version)` of a `_query_plan` answer, and the plan's length in bytes.
pub fn query_plan_tablets(v: &Value) -> (Vec<(String, String, String)>, usize) {
    let tablets = v["partitions"]
        .as_object()
        .map(|p| {
            p.iter()
                .map(|(id, t)| {
                    let routings = t["routings"]
                        .as_array()
                        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(", "))
                        .unwrap_or_default();
                    (id.clone(), routings, text(&t["version"]))
                })
                .collect()
        })
        .unwrap_or_default();
    (tablets, v["opaqued_query_plan"].as_str().map(str::len).unwrap_or(0))
}

/// `(name, count)` pairs of `/api/rowcount` (a flat map of index name to rows).
pub fn row_counts(v: &Value) -> Vec<(String, i64)> {
    v.as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| !["status", "code", "msg", "message"].contains(&k.as_str()))
                .filter_map(|(k, v)| int(v).map(|n| (k.clone(), n)))
                .collect()
        })
        .unwrap_or_default()
}

/// The SQL API's answer: columns, rows, statistics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SqlResult {
    /// Column names (`meta`).
    pub columns: Vec<String>,
    /// Rows (`data`), values as text.
    pub rows: Vec<Vec<String>>,
    /// `statistics` as `(name, value)`.
    pub statistics: Vec<(String, String)>,
    /// `connectionId`.
    pub connection: String,
}

/// Reads the NDJSON of `POST /api/v2/{catalog}/{db}/sql`. A line that is a failure (`status`
/// `FAILED`, a `code` other than 0) makes the whole answer a failure with the server's message.
pub fn parse_sql_ndjson(body: &str) -> Result<SqlResult, String> {
    let mut out = SqlResult::default();
    for (i, line) in body.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let v: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {} is not JSON ({e}): {}", i + 1, super::model::excerpt(line)))?;
        if let Err(f) = super::model::decode(200, line) {
            return Err(f.message);
        }
        if let Some(meta) = v["meta"].as_array() {
            out.columns = meta.iter().map(|m| text(&m["name"])).collect();
        } else if let Some(row) = v["data"].as_array() {
            out.rows.push(row.iter().map(text).collect());
        } else if let Some(stats) = v["statistics"].as_object() {
            out.statistics = stats.iter().map(|(k, v)| (k.clone(), text(v))).collect();
        } else if !v["connectionId"].is_null() {
            out.connection = text(&v["connectionId"]);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::model::{decode, Answer};
    use super::*;

    fn sample(body: &str) -> Value {
        match decode(200, body) {
            Ok(Answer::Json(v)) => v,
            other => panic!("not JSON data: {other:?}"),
        }
    }

    #[test]
    fn stream_load_results_are_read_by_their_status_not_the_http_one() {
        let ok = LoadResult::from_value(&sample(include_str!("fixtures/stream-load-success.json"))).unwrap();
        assert!(ok.ok());
        assert_eq!(ok.count("loaded"), Some(999999));
        assert_eq!(ok.count("filtered"), Some(1));
        assert_eq!(ok.count("unselected"), Some(0));
        assert_eq!(ok.txn_id, Some(1003));
        assert_eq!(ok.bytes, Some(40888898));
        assert!(ok.times.contains(&("LoadTime".to_string(), 2144)));
        assert!(ok.error_url.as_deref().unwrap().ends_with("error_log_3a4eb8421f0878a6_9a54df29fd9206be"));

        // A failure the FE sends with HTTP 200 and a capital `Status` is data to the decoder
        // but not a successful load.
        let fe = LoadResult::from_value(&sample(include_str!("fixtures/stream-load-fe-error.json"))).unwrap();
        assert!(!fe.ok());
        assert!(fe.message.contains("100-continue"));
        let taken = LoadResult::from_value(&sample(include_str!("fixtures/stream-load-label-exists.json"))).unwrap();
        assert!(!taken.ok());
        assert_eq!(taken.existing, "FINISHED");

        // The documentation's sample has a trailing comma: text, and not a result.
        let doc = include_str!("fixtures/stream-load-success.doc.txt");
        assert!(matches!(decode(200, doc), Ok(Answer::Text(_))));
        assert!(LoadResult::parse(doc).unwrap_err().contains("not JSON"));
        assert!(LoadResult::parse("{}").unwrap_err().contains("no Status"));
    }

    #[test]
    fn transaction_steps_are_read_with_their_state() {
        let begin = LoadResult::from_value(&sample(include_str!("fixtures/txn-begin.doc.json"))).unwrap();
        assert!(begin.ok());
        assert_eq!(begin.txn_id, Some(9032));
        let load = LoadResult::from_value(&sample(include_str!("fixtures/txn-load.json"))).unwrap();
        assert!(load.ok() && load.bytes == Some(10737418067));
        let commit = LoadResult::from_value(&sample(include_str!("fixtures/txn-commit.json"))).unwrap();
        assert_eq!(commit.count("loaded"), Some(5265644));
        let gone = LoadResult::from_value(&sample(include_str!("fixtures/txn-load-txn-not-exists.doc.json"))).unwrap();
        assert!(!gone.ok());
        assert_eq!(gone.message, "TXN_NOT_EXISTS");
        let exists = LoadResult::from_value(&sample(include_str!("fixtures/txn-begin-label-exists.doc.json"))).unwrap();
        assert!(!exists.ok() && exists.existing == "RUNNING");
        assert!(LoadResult::from_value(&sample(include_str!("fixtures/txn-rollback.doc.json"))).unwrap().ok());
    }

    #[test]
    fn load_state_ddl_and_count_decode_through_their_shapes() {
        // v1 with the state merged in.
        let state = sample(include_str!("fixtures/get_load_state.json"));
        assert_eq!(text(&state["state"]), "VISIBLE");
        // A flat map of DDL statements.
        let ddl = ddl_text(&sample(include_str!("fixtures/get_ddl.json")));
        assert!(ddl.starts_with("CREATE TABLE `t` (\n  `id` int(11)"));
        assert!(ddl.ends_with(");"));
        // Jackson with an integer status.
        assert_eq!(sample(include_str!("fixtures/table-count.json"))["size"], 1000);
        let cols = schema_columns(&sample(include_str!("fixtures/table-schema.json")));
        assert_eq!(cols.len(), 3);
        assert_eq!((cols[1].name.as_str(), cols[1].ty.as_str(), cols[1].comment.as_str()), ("price", "DECIMAL64(10, 2)", "price"));
        assert_eq!(cols[0].ty, "INT");
    }

    #[test]
    fn error_logs_are_followed_only_to_known_nodes() {
        let nodes = vec!["be:127.0.0.1:28040".to_string(), "cn:127.0.0.1:28050".to_string()];
        let (t, p) = error_log_target("http://127.0.0.1:28040/api/_load_error_log?file=error_log_ab_cd", &nodes).unwrap();
        assert_eq!(t, "be:127.0.0.1:28040");
        assert_eq!(p, "/api/_load_error_log?file=error_log_ab_cd");
        let doc: Value = serde_json::from_str(include_str!("fixtures/stream-load-errorurl-fragment.doc.json")).unwrap();
        let url = text(&doc["ErrorURL"]);
        assert!(error_log_target(&url, &nodes).unwrap_err().contains("not a node of this cluster"));
        for bad in [
            "http://evil.example:28040/api/_load_error_log?file=x",
            "http://127.0.0.1:28040/api/_stop_be",
            "http://127.0.0.1:28040/api/_load_error_log?file=x&y=z",
            "http://127.0.0.1:28040/api/_load_error_log?file=../x",
            "javascript:alert(1)",
            "http://user:pw@127.0.0.1:28040/api/_load_error_log?file=x",
        ] {
            assert!(error_log_target(bad, &nodes).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_form_sends_only_the_headers_that_apply() {
        let mut f = LoadForm {
            db: "demo".into(),
            table: "orders".into(),
            format: "csv".into(),
            column_separator: ",".into(),
            max_filter_ratio: "0".into(),
            jsonpaths: "[\"$.a\"]".into(),
            ..Default::default()
        };
        let h = f.headers().unwrap();
        assert_eq!(h, vec![("format".into(), "csv".into()), ("column_separator".into(), ",".into()), ("max_filter_ratio".into(), "0".into())]);
        f.format = "json".into();
        f.strip_outer_array = true;
        f.label = "load_1".into();
        let h = f.headers().unwrap();
        assert!(h.contains(&("strip_outer_array".into(), "true".into())));
        assert!(h.contains(&("jsonpaths".into(), "[\"$.a\"]".into())));
        assert!(!h.iter().any(|(k, _)| k == "column_separator"));
        f.max_filter_ratio = "2".into();
        assert!(f.headers().unwrap_err().contains("max_filter_ratio"));
        f.max_filter_ratio = "0.1".into();
        f.label = "bad label".into();
        assert!(f.headers().unwrap_err().contains("label"));
        f.label.clear();
        f.table = "a/b".into();
        assert!(f.headers().is_err());
    }

    #[test]
    fn table_lists_read_their_rows() {
        let m: Value = serde_json::json!({"status":"OK","code":"0","data":[["t","p1",10,99,"127.0.0.1","10001"]],"count":1});
        assert_eq!(migration_rows(&m), vec![vec!["t", "p1", "10", "99", "127.0.0.1", "10001"]]);
        let s: Value = serde_json::json!({"data":{"t":{"schema_info":{"t":{"schema_hash":7,"storage_type":"COLUMN"}}}}});
        assert_eq!(storage_types(&s, "t"), vec![("t".to_string(), "COLUMN".to_string(), "7".to_string())]);
        assert!(storage_types(&s, "u").is_empty());
        let q: Value = serde_json::json!({"partitions":{"101":{"routings":["a:9060","b:9060"],"version":3}},"opaqued_query_plan":"QUJD","status":200});
        assert_eq!(query_plan_tablets(&q), (vec![("101".into(), "a:9060, b:9060".into(), "3".into())], 4));
        assert_eq!(row_counts(&serde_json::json!({"orders": 5})), vec![("orders".to_string(), 5)]);
    }

    #[test]
    fn sql_ndjson_is_read_and_a_failure_line_is_an_error() {
        let body = "{\"connectionId\":7}\n{\"meta\":[{\"name\":\"a\",\"type\":\"int\"}]}\n{\"data\":[1]}\n{\"data\":[null]}\n{\"statistics\":{\"returnRows\":2}}\n";
        let r = parse_sql_ndjson(body).unwrap();
        assert_eq!(r.columns, ["a"]);
        assert_eq!(r.rows, vec![vec!["1".to_string()], vec![String::new()]]);
        assert_eq!(r.connection, "7");
        assert_eq!(r.statistics, vec![("returnRows".to_string(), "2".to_string())]);
        let e = parse_sql_ndjson(r#"{"status":"FAILED","code":"1","msg":"Unknown table 'demo.nope'.","message":"x"}"#);
        assert_eq!(e.unwrap_err(), "Unknown table 'demo.nope'.");
        assert_eq!(parse_sql_ndjson("").unwrap(), SqlResult::default());
    }
}
