//! The FE's `/metrics?type=json` read into the series model of the Prometheus parser
//! ([`Scrape`]), so the metrics explorer charts it like the text form. Each element is
//! `{"tags": {"metric": <name>, <label>: <value>..}, "unit": <unit>, "value": <number>}`; the
//! JSON form leaves out the `starrocks_fe_` prefix the text form gives the FE's own metrics
//! (JVM metrics have none in either), so it is put back and a series has the same key in both.

use crate::net::prometheus::{parse_value, Family, Sample, Scrape};
use serde_json::Value;

/// The name the text form gives a metric the JSON form names `name`.
pub fn text_name(name: &str) -> String {
    if name.starts_with("jvm_") || name.starts_with("starrocks_") {
        name.to_string()
    } else {
        format!("starrocks_fe_{name}")
    }
}

/// Reads the JSON form; an answer that is not a list of metrics is an error, an element
/// without a name or a numeric value is skipped and reported in [`Scrape::errors`].
pub fn parse_json_metrics(body: &str) -> Result<Scrape, String> {
    let v: Value = serde_json::from_str(body.trim()).map_err(|e| format!("not JSON: {e}"))?;
    let list = v.as_array().ok_or("not a list of metrics")?;
    let mut scrape = Scrape::default();
    for (i, m) in list.iter().enumerate() {
        let tags = m["tags"].as_object();
        let Some(name) = tags.and_then(|t| t.get("metric")).and_then(Value::as_str).filter(|n| !n.is_empty()) else {
            scrape.errors.push((i + 1, "no tags.metric".into()));
            continue;
        };
        let value = match &m["value"] {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => parse_value(s.trim()),
            _ => None,
        };
        let Some(value) = value else {
            scrape.errors.push((i + 1, format!("{name}: no numeric value")));
            continue;
        };
        let name = text_name(name);
        let labels = tags
            .into_iter()
            .flatten()
            .filter(|(k, _)| k.as_str() != "metric")
            .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
            .collect();
        if !scrape.families.iter().any(|f| f.name == name) {
            let unit = m["unit"].as_str().unwrap_or_default();
            let help = if unit.is_empty() || unit == "nounit" { String::new() } else { format!("unit: {unit}") };
            scrape.families.push(Family { name: name.clone(), help, ..Family::default() });
        }
        scrape.samples.push(Sample { name, labels, value, timestamp_ms: None });
    }
    Ok(scrape)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::prometheus::parse;

    #[test]
    fn the_json_form_reads_into_the_same_series_as_the_text_form() {
        let s = parse_json_metrics(include_str!("fixtures/fe-metrics-type-json.json")).unwrap();
        assert!(s.errors.is_empty(), "{:?}", s.errors);
        assert_eq!(s.samples.len(), 4);
        assert_eq!(s.value("jvm_heap_size_bytes{type=\"used\"}"), Some(1234567890.0));
        assert_eq!(s.value("starrocks_fe_connection_total"), Some(3.0));
        assert_eq!(s.value("starrocks_fe_query_latency{type=\"99_quantile\"}"), Some(12.5));
        assert_eq!(s.families.iter().find(|f| f.name == "jvm_heap_size_bytes").map(|f| f.help.as_str()), Some("unit: bytes"));
        // The same series key as the text form.
        let text = parse("# TYPE jvm_heap_size_bytes gauge\njvm_heap_size_bytes{type=\"used\"} 1234567890\nstarrocks_fe_connection_total 3\n");
        for sample in &text.samples {
            assert_eq!(s.value(&sample.key()), Some(sample.value), "{}", sample.key());
        }
    }

    #[test]
    fn failures_and_odd_elements_are_told_apart() {
        assert!(parse_json_metrics(r#"{"status":"FAILED","msg":"x"}"#).is_err());
        assert!(parse_json_metrics("# TYPE a counter\na 1").is_err());
        let s = parse_json_metrics(r#"[{"tags":{},"value":1},{"tags":{"metric":"a"},"value":"NaN"},{"tags":{"metric":"b"},"value":null},{"tags":{"metric":"c","k":7},"value":2}]"#).unwrap();
        assert_eq!(s.errors.len(), 2);
        assert!(s.value("starrocks_fe_a").is_some_and(f64::is_nan));
        assert_eq!(s.value("starrocks_fe_c{k=\"7\"}"), Some(2.0));
    }
}
