//! Query results as tables: SQL answers (`array` with a header, or objects) and the usual shapes
//! of native query results flattened to rows; the position Druid names in a SQL error; the
//! native query templates; a timeseries as chart lines.

use serde_json::{json, Map, Value};

/// A result as a table: column names and rows of JSON values (one per column).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultTable {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows, each with one value per column (`null` where absent).
    pub rows: Vec<Vec<Value>>,
}

impl ResultTable {
    /// Adds the columns of `names` not there yet.
    fn add_columns<'a>(&mut self, names: impl IntoIterator<Item = &'a String>) {
        for n in names {
            if !self.columns.iter().any(|c| c == n) {
                self.columns.push(n.clone());
            }
        }
    }

    /// Builds a table from rows given as `(column, value)` pairs; columns in first-seen order.
    fn from_pairs(rows: Vec<Vec<(String, Value)>>) -> ResultTable {
        let mut t = ResultTable::default();
        for r in &rows {
            let names: Vec<String> = r.iter().map(|(k, _)| k.clone()).collect();
            t.add_columns(names.iter());
        }
        t.rows = rows
            .into_iter()
            .map(|r| {
                t.columns
                    .iter()
                    .map(|c| {
                        r.iter()
                            .find(|(k, _)| k == c)
                            .map(|(_, v)| v.clone())
                            .unwrap_or(Value::Null)
                    })
                    .collect()
            })
            .collect();
        t
    }
}

fn pairs(prefix: Option<(&str, &Value)>, obj: &Map<String, Value>) -> Vec<(String, Value)> {
    let mut v: Vec<(String, Value)> = prefix
        .map(|(k, x)| vec![(k.to_string(), x.clone())])
        .unwrap_or_default();
    v.extend(obj.iter().map(|(k, x)| (k.clone(), x.clone())));
    v
}

/// Flattens the answer of `POST /druid/v2/` into a table:
/// timeseries and timeBoundary `[{timestamp, result:{..}}]`, topN `[{timestamp, result:[{..}]}]`,
/// groupBy `[{version, timestamp, event:{..}}]`, scan `[{segmentId, columns, events}]` (list or
/// compactedList), and any other list of objects (segmentMetadata...) by its top-level fields.
pub fn flatten_native(answer: &Value) -> ResultTable {
    let items: Vec<&Value> = match answer {
        Value::Array(a) => a.iter().collect(),
        Value::Null => vec![],
        other => vec![other],
    };
    let mut rows: Vec<Vec<(String, Value)>> = Vec::new();
    for item in items {
        let Some(obj) = item.as_object() else {
            match item {
                Value::Array(a) => rows.push(
                    a.iter()
                        .enumerate()
                        .map(|(i, v)| (format!("c{i}"), v.clone()))
                        .collect(),
                ),
                v => rows.push(vec![("value".into(), v.clone())]),
            }
            continue;
        };
        let ts = obj.get("timestamp");
        match (obj.get("result"), obj.get("event"), obj.get("events")) {
            (Some(Value::Object(r)), _, _) => rows.push(pairs(ts.map(|t| ("timestamp", t)), r)),
            (Some(Value::Array(list)), _, _) => {
                for r in list {
                    if let Some(r) = r.as_object() {
                        rows.push(pairs(ts.map(|t| ("timestamp", t)), r));
                    }
                }
            }
            (_, Some(Value::Object(e)), _) => rows.push(pairs(ts.map(|t| ("timestamp", t)), e)),
            (_, _, Some(Value::Array(events))) => {
                let columns: Vec<String> = obj
                    .get("columns")
                    .and_then(Value::as_array)
                    .map(|c| {
                        c.iter()
                            .filter_map(|c| c.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                for e in events {
                    match e {
                        Value::Object(o) => rows.push(pairs(None, o)),
                        Value::Array(a) => rows.push(
                            a.iter()
                                .enumerate()
                                .map(|(i, v)| {
                                    let name =
                                        columns.get(i).cloned().unwrap_or_else(|| format!("c{i}"));
                                    (name, v.clone())
                                })
                                .collect(),
                        ),
                        _ => {}
                    }
                }
            }
            _ => rows.push(pairs(None, obj)),
        }
    }
    ResultTable::from_pairs(rows)
}

/// The answer of `POST /druid/v2/sql` as a table: `array` rows whose first row is the header
/// (`header: true`), or objects.
pub fn sql_table(answer: &Value, header: bool) -> ResultTable {
    let Some(list) = answer.as_array() else {
        return flatten_native(answer);
    };
    match list.first() {
        Some(Value::Array(first)) => {
            let (columns, body) = if header {
                (
                    first
                        .iter()
                        .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
                        .collect::<Vec<_>>(),
                    list.get(1..).unwrap_or_default(),
                )
            } else {
                let n = list.iter().filter_map(Value::as_array).map(Vec::len).max().unwrap_or(0);
                ((0..n).map(|i| format!("EXPR${i}")).collect(), &list[..])
            };
            let rows = body
                .iter()
                .map(|r| {
                    let r = r.as_array().cloned().unwrap_or_default();
                    (0..columns.len())
                        .map(|i| r.get(i).cloned().unwrap_or(Value::Null))
                        .collect()
                })
                .collect();
            ResultTable { columns, rows }
        }
        _ => {
            let rows = list
                .iter()
                .filter_map(Value::as_object)
                .map(|o| pairs(None, o))
                .collect();
            ResultTable::from_pairs(rows)
        }
    }
}

fn number_after(text: &str, word: &str) -> Option<(u32, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|s| s.find(word)) {
        let start = from + i + word.len();
        let rest = lower.get(start..).unwrap_or_default();
        let skipped = rest
            .chars()
            .take_while(|c| matches!(c, ' ' | '[' | ':' | '='))
            .count();
        let digits: String = rest
            .get(skipped..)
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse() {
            return Some((n, start + skipped + digits.len()));
        }
        from = start;
    }
    None
}

/// The `(line, column)` a SQL error message names: `Line 1, column 8: ...`,
/// `... (line [1], column [8])`, `at line 1, column 8`.
pub fn sql_error_position(message: &str) -> Option<(u32, u32)> {
    let (line, end) = number_after(message, "line")?;
    let (column, _) = number_after(message.get(end..)?, "column")?;
    Some((line, column))
}

/// The line of `sql` at `line` (from 1) and a caret under `column` (from 1).
pub fn point_at(sql: &str, line: u32, column: u32) -> Option<String> {
    let text = sql.lines().nth((line as usize).checked_sub(1)?)?;
    Some(format!(
        "{text}\n{}^",
        " ".repeat((column as usize).saturating_sub(1))
    ))
}

/// The native query templates, as `(query type, label)`.
pub const TEMPLATES: [(&str, &str); 6] = [
    ("timeseries", "Timeseries"),
    ("topN", "TopN"),
    ("groupBy", "GroupBy"),
    ("scan", "Scan"),
    ("segmentMetadata", "Segment metadata"),
    ("timeBoundary", "Time boundary"),
];

/// An interval wide enough for any datasource.
pub const ALL_TIME: &str = "1000-01-01T00:00:00.000Z/3000-01-01T00:00:00.000Z";

/// A native query of `kind` over datasource `ds`, using its first dimension and metric when known.
pub fn template(kind: &str, ds: &str, dims: &[String], metrics: &[String]) -> Value {
    let dim = dims.first().map(String::as_str).unwrap_or("dim");
    let mut aggs = vec![json!({"type": "count", "name": "count"})];
    if let Some(m) = metrics.iter().find(|m| m.as_str() != "count") {
        aggs.push(json!({"type": "doubleSum", "name": m, "fieldName": m}));
    }
    match kind {
        "timeseries" => json!({
            "queryType": "timeseries", "dataSource": ds, "granularity": "hour",
            "intervals": [ALL_TIME], "aggregations": aggs,
        }),
        "topN" => json!({
            "queryType": "topN", "dataSource": ds, "granularity": "all", "dimension": dim,
            "metric": "count", "threshold": 10, "intervals": [ALL_TIME], "aggregations": aggs,
        }),
        "groupBy" => json!({
            "queryType": "groupBy", "dataSource": ds, "granularity": "all", "dimensions": [dim],
            "intervals": [ALL_TIME], "aggregations": aggs, "limitSpec": {"type": "default", "limit": 100},
        }),
        "scan" => json!({
            "queryType": "scan", "dataSource": ds, "intervals": [ALL_TIME],
            "resultFormat": "compactedList", "limit": 100,
        }),
        "segmentMetadata" => json!({
            "queryType": "segmentMetadata", "dataSource": ds, "intervals": [ALL_TIME],
            "merge": true,
        }),
        _ => json!({"queryType": "timeBoundary", "dataSource": ds}),
    }
}

/// `2024-01-02T03:04:05.678Z` (or `+hh:mm` offsets, or no fraction) as epoch milliseconds.
pub fn iso_ms(text: &str) -> Option<f64> {
    let (date, time) = text.split_once('T')?;
    let mut d = date.split('-');
    let (y, m, day): (i64, i64, i64) = (
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
    );
    let (clock, offset_min) = if let Some(c) = time.strip_suffix('Z') {
        (c, 0)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let (c, off) = time.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let mut p = off.get(1..)?.split(':');
        let h: i64 = p.next()?.parse().ok()?;
        let mi: i64 = p.next().unwrap_or("0").parse().ok()?;
        (c, sign * (h * 60 + mi))
    } else {
        (time, 0)
    };
    let mut c = clock.split(':');
    let h: i64 = c.next()?.parse().ok()?;
    let mi: i64 = c.next()?.parse().ok()?;
    let s: f64 = c.next().unwrap_or("0").parse().ok()?;
    // Days from civil (Howard Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3_600 + mi * 60 - offset_min * 60;
    Some(secs as f64 * 1000.0 + s * 1000.0)
}

/// The numeric columns of a flattened timeseries as `(label, [(epoch ms, value)])` lines.
pub fn timeseries_lines(t: &ResultTable) -> Vec<(String, Vec<(f64, f64)>)> {
    let Some(ts) = t.columns.iter().position(|c| c == "timestamp") else {
        return vec![];
    };
    let times: Vec<Option<f64>> = t
        .rows
        .iter()
        .map(|r| r.get(ts).and_then(Value::as_str).and_then(iso_ms))
        .collect();
    t.columns
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != ts)
        .filter_map(|(i, name)| {
            let points: Vec<(f64, f64)> = t
                .rows
                .iter()
                .zip(&times)
                .filter_map(|(r, at)| Some(((*at)?, r.get(i)?.as_f64()?)))
                .collect();
            (!points.is_empty()).then(|| (name.clone(), points))
        })
        .collect()
}

/// A cell value as text: strings as they are, `null` empty, anything else as JSON.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(v: &[String]) -> Vec<String> {
        let mut v = v.to_vec();
        v.sort();
        v
    }

    #[test]
    fn flattens_each_native_result_shape() {
        let ts = flatten_native(&json!([
            {"timestamp": "2024-01-01T00:00:00.000Z", "result": {"count": 3, "added": 1.5}},
            {"timestamp": "2024-01-01T01:00:00.000Z", "result": {"count": 4, "added": 2.5}}
        ]));
        assert_eq!(ts.columns[0], "timestamp");
        assert_eq!(sorted(&ts.columns), vec!["added", "count", "timestamp"]);
        assert_eq!(ts.rows.len(), 2);
        let count = ts.columns.iter().position(|c| c == "count").unwrap();
        assert_eq!(ts.rows[1][count], json!(4));
        let lines = timeseries_lines(&ts);
        assert_eq!(lines.len(), 2);
        let count_line = lines.iter().find(|l| l.0 == "count").unwrap();
        assert_eq!(count_line.1[1], (1_704_070_800_000.0, 4.0));

        let top = flatten_native(&json!([{"timestamp": "2024-01-01T00:00:00.000Z", "result": [
            {"page": "a", "count": 9}, {"page": "b", "count": 7}]}]));
        assert_eq!(sorted(&top.columns), vec!["count", "page", "timestamp"]);
        assert_eq!(top.rows.len(), 2);
        let page = top.columns.iter().position(|c| c == "page").unwrap();
        assert_eq!(top.rows[1][page], json!("b"));

        let gb = flatten_native(&json!([{"version": "v1", "timestamp": "2024-01-01T00:00:00.000Z",
            "event": {"channel": "#en", "count": 2}}]));
        assert_eq!(sorted(&gb.columns), vec!["channel", "count", "timestamp"]);

        let scan = flatten_native(&json!([
            {"segmentId": "s1", "columns": ["__time", "page"], "events": [[1, "a"], [2, "b"]]},
            {"segmentId": "s2", "columns": ["__time", "page"], "events": [{"__time": 3, "page": "c"}]}
        ]));
        assert_eq!(scan.columns, vec!["__time", "page"]);
        assert_eq!(scan.rows.len(), 3);
        let page = scan.columns.iter().position(|c| c == "page").unwrap();
        assert_eq!(scan.rows[2][page], json!("c"));

        let meta = flatten_native(&json!([{"id": "merged", "intervals": ["x"], "numRows": 5}]));
        assert_eq!(sorted(&meta.columns), vec!["id", "intervals", "numRows"]);
        let iv = meta.columns.iter().position(|c| c == "intervals").unwrap();
        assert_eq!(cell_text(&meta.rows[0][iv]), "[\"x\"]");

        let tb = flatten_native(&json!([{"timestamp": "t", "result": {"minTime": "a", "maxTime": "b"}}]));
        assert_eq!(sorted(&tb.columns), vec!["maxTime", "minTime", "timestamp"]);
        assert_eq!(flatten_native(&Value::Null).rows.len(), 0);
    }

    #[test]
    fn sql_answers_become_tables() {
        let a = sql_table(&json!([["datasource", "EXPR$1"], ["wiki", 3], ["logs", 5]]), true);
        assert_eq!(a.columns, vec!["datasource", "EXPR$1"]);
        assert_eq!(a.rows, vec![vec![json!("wiki"), json!(3)], vec![json!("logs"), json!(5)]]);
        let o = sql_table(&json!([{"a": 1, "b": "x"}, {"a": 2}]), false);
        assert_eq!(sorted(&o.columns), vec!["a", "b"]);
        let b = o.columns.iter().position(|c| c == "b").unwrap();
        assert_eq!(o.rows[1][b], Value::Null);
        let empty = sql_table(&json!([["a"]]), true);
        assert_eq!((empty.columns.len(), empty.rows.len()), (1, 0));
    }

    #[test]
    fn finds_the_position_in_sql_errors() {
        assert_eq!(
            sql_error_position("Received an unexpected token [FORM] (line [1], column [10]), acceptable options"),
            Some((1, 10))
        );
        assert_eq!(sql_error_position("Line 2, column 8: Column 'x' not found"), Some((2, 8)));
        assert_eq!(sql_error_position("Encountered \"x\" at line 3, column 14."), Some((3, 14)));
        assert_eq!(sql_error_position("Object 'foo' not found"), None);
        assert_eq!(sql_error_position("timeline is empty, column 3"), None);
        assert_eq!(point_at("SELECT\n  x FORM t", 2, 5).as_deref(), Some("  x FORM t\n    ^"));
        assert_eq!(point_at("SELECT", 4, 1), None);
    }

    #[test]
    fn templates_name_the_datasource_and_parse_times() {
        for (kind, _) in TEMPLATES {
            let q = template(kind, "wiki", &["page".into()], &["added".into()]);
            assert_eq!(q["queryType"], json!(kind));
            assert_eq!(q["dataSource"], json!("wiki"));
        }
        assert_eq!(template("topN", "w", &["page".into()], &[])["dimension"], json!("page"));
        assert_eq!(iso_ms("1970-01-02T00:00:00.000Z"), Some(86_400_000.0));
        assert_eq!(iso_ms("1970-01-01T01:00:00+01:00"), Some(0.0));
        assert_eq!(iso_ms("nope"), None);
    }
}
