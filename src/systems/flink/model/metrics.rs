//! Metric queries: the same two shapes serve the job manager, task managers, jobs, vertices,
//! subtasks and watermarks.

use serde::Deserialize;

/// A metric id with its current value, as answered by
/// `GET /jobmanager/metrics`, `/taskmanagers/:tmid/metrics`, `/jobs/:jobid/metrics`,
/// `/jobs/:jobid/vertices/:vertexid/metrics`, `.../subtasks/:subtaskindex/metrics` and
/// `.../watermarks` (the lists are JSON arrays of these). Without `?get=` the server lists
/// the available ids and `value` is absent. Values are always strings in Flink's JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct MetricValue {
    /// Metric id, e.g. "Status.JVM.CPU.Load" or "0.numRecordsIn" (subtask prefix).
    pub id: String,
    /// Value as text; `None` in id listings.
    pub value: Option<String>,
}

impl MetricValue {
    /// The value as a number, if it is one ("NaN" gives `None`).
    pub fn as_f64(&self) -> Option<f64> {
        self.value
            .as_deref()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
    }
}

/// An aggregated metric: entries of `GET /jobs/metrics`, `/taskmanagers/metrics` and
/// `/jobs/:jobid/vertices/:vertexid/subtasks/metrics` with `?get=...&agg=min,max,sum,avg`.
/// Only the requested aggregations are present.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct AggregatedMetric {
    /// Metric id.
    pub id: String,
    /// Minimum.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub min: Option<f64>,
    /// Maximum.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub max: Option<f64>,
    /// Average.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub avg: Option<f64>,
    /// Sum.
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub sum: Option<f64>,
    /// Skew in percent (1.19+ with `agg=skew`).
    #[serde(deserialize_with = "crate::net::lenient::opt_float")]
    pub skew: Option<f64>,
}

/// Looks a metric up by id in a metric list.
pub fn metric<'a>(list: &'a [MetricValue], id: &str) -> Option<&'a MetricValue> {
    list.iter().find(|m| m.id == id)
}
