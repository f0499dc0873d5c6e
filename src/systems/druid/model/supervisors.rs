//! Overlord supervisor answers: the list with states and specs, one supervisor's status (lag per
//! partition, tasks, errors), and spec history.

use crate::net::lenient::{int, nullable};
use crate::ui::Tone;
use serde::Deserialize;
use serde_json::Value;

/// One entry of `GET /supervisor?state=true` (and of `?full`, whose `spec` is kept).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisorEntry {
    /// Supervisor id.
    #[serde(default)]
    pub id: String,
    /// Basic state (`RUNNING`, `SUSPENDED`, `UNHEALTHY_SUPERVISOR`, ...).
    #[serde(default, deserialize_with = "nullable")]
    pub state: String,
    /// Detailed state (`CONNECTING_TO_STREAM`, ...).
    #[serde(default, deserialize_with = "nullable")]
    pub detailed_state: String,
    /// Whether it is healthy.
    #[serde(default)]
    pub healthy: bool,
    /// Whether it is suspended.
    #[serde(default)]
    pub suspended: bool,
    /// The spec (only with `?full`).
    #[serde(default)]
    pub spec: Value,
}

/// A row of the supervisors page: the `?full` and `?state=true` answers merged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SupervisorRow {
    /// Supervisor id.
    pub id: String,
    /// `kafka`, `kinesis`, ...
    pub kind: String,
    /// Its datasource.
    pub datasource: String,
    /// Basic state.
    pub state: String,
    /// Detailed state.
    pub detailed_state: String,
    /// Whether it is healthy.
    pub healthy: bool,
    /// Whether it is suspended.
    pub suspended: bool,
}

/// The type and datasource a supervisor spec names.
pub fn spec_kind_and_datasource(spec: &Value) -> (String, String) {
    let s = |p: &str| spec.pointer(p).and_then(Value::as_str).map(str::to_string);
    (
        s("/type").unwrap_or_default(),
        s("/spec/dataSchema/dataSource")
            .or_else(|| s("/dataSchema/dataSource"))
            .or_else(|| {
                spec.pointer("/dataSources/0")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_default(),
    )
}

/// Merges the `?full` answer (type, datasource) with the `?state=true` answer (states); a
/// supervisor in only one of them is kept with what is known.
pub fn merge_rows(full: &[SupervisorEntry], states: &[SupervisorEntry]) -> Vec<SupervisorRow> {
    let mut rows: Vec<SupervisorRow> = full
        .iter()
        .map(|f| {
            let (kind, datasource) = spec_kind_and_datasource(&f.spec);
            let st = states.iter().find(|s| s.id == f.id).unwrap_or(f);
            SupervisorRow {
                id: f.id.clone(),
                kind,
                datasource,
                state: st.state.clone(),
                detailed_state: st.detailed_state.clone(),
                healthy: st.healthy,
                suspended: st.suspended || f.suspended,
            }
        })
        .collect();
    for s in states {
        if !rows.iter().any(|r| r.id == s.id) {
            rows.push(SupervisorRow {
                id: s.id.clone(),
                state: s.state.clone(),
                detailed_state: s.detailed_state.clone(),
                healthy: s.healthy,
                suspended: s.suspended,
                ..Default::default()
            });
        }
    }
    rows
}

/// The tone of a supervisor state.
pub fn supervisor_tone(state: &str) -> Tone {
    match state {
        "RUNNING" => Tone::Ok,
        "SUSPENDED" | "PENDING" | "IDLE" | "STOPPING" | "CREATING_TASKS" | "DISCOVERING_INITIAL_TASKS"
        | "CONNECTING_TO_STREAM" => Tone::Warn,
        s if s.starts_with("UNHEALTHY") || s.starts_with("UNABLE") || s == "LOST_CONTACT_WITH_STREAM" => {
            Tone::Bad
        }
        _ => Tone::Unknown,
    }
}

/// A task of a supervisor's status.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisorTask {
    /// Task id.
    #[serde(default)]
    pub id: String,
    /// Start time (ISO).
    #[serde(default, deserialize_with = "nullable")]
    pub start_time: String,
    /// Seconds left before it publishes.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub remaining_seconds: i64,
}

/// The `payload` of a supervisor's status.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisorPayload {
    /// Datasource.
    #[serde(default, deserialize_with = "nullable")]
    pub data_source: String,
    /// Topic or stream.
    #[serde(default, deserialize_with = "nullable")]
    pub stream: String,
    /// Number of partitions (shards).
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub partitions: i64,
    /// Replicas.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub replicas: i64,
    /// Task duration in seconds.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub duration_seconds: i64,
    /// Tasks reading now.
    #[serde(default, deserialize_with = "nullable")]
    pub active_tasks: Vec<SupervisorTask>,
    /// Tasks publishing.
    #[serde(default, deserialize_with = "nullable")]
    pub publishing_tasks: Vec<SupervisorTask>,
    /// Lag per partition (offsets for Kafka, milliseconds for Kinesis).
    #[serde(default)]
    pub minimum_lag: Value,
    /// Kinesis' lag per shard in milliseconds.
    #[serde(default)]
    pub minimum_lag_millis: Value,
    /// Total lag.
    #[serde(default = "crate::net::lenient::unknown", deserialize_with = "int")]
    pub aggregate_lag: i64,
    /// When the offsets were last read.
    #[serde(default, deserialize_with = "nullable")]
    pub offsets_last_updated: String,
    /// Whether suspended.
    #[serde(default)]
    pub suspended: bool,
    /// Whether healthy.
    #[serde(default)]
    pub healthy: bool,
    /// Basic state.
    #[serde(default, deserialize_with = "nullable")]
    pub state: String,
    /// Detailed state.
    #[serde(default, deserialize_with = "nullable")]
    pub detailed_state: String,
    /// Recent errors (free-form).
    #[serde(default, deserialize_with = "nullable")]
    pub recent_errors: Vec<Value>,
}

impl SupervisorPayload {
    /// Lag per partition as `(partition, lag)`, in partition order.
    pub fn lags(&self) -> Vec<(String, f64)> {
        let src = if self.minimum_lag.is_object() {
            &self.minimum_lag
        } else {
            &self.minimum_lag_millis
        };
        let mut out: Vec<(String, f64)> = src
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| {
                let f = v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))?;
                Some((k.clone(), f))
            })
            .collect();
        out.sort_by_key(|(k, _)| (k.parse::<i64>().unwrap_or(i64::MAX), k.clone()));
        out
    }
}

/// `GET /supervisor/{id}/status`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisorStatus {
    /// Supervisor id.
    #[serde(default)]
    pub id: String,
    /// When the status was made.
    #[serde(default, deserialize_with = "nullable")]
    pub generation_time: String,
    /// The status itself.
    #[serde(default, deserialize_with = "nullable")]
    pub payload: SupervisorPayload,
}

/// One version of a supervisor's spec (`/supervisor/{id}/history`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SpecVersion {
    /// The spec.
    #[serde(default)]
    pub spec: Value,
    /// The version (an ISO time).
    #[serde(default, deserialize_with = "nullable")]
    pub version: String,
}

/// `POST /supervisor`: the supervisor's id.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CreateAnswer {
    /// The id.
    #[serde(default)]
    pub id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_full_and_state_answers() {
        let full: Vec<SupervisorEntry> =
            serde_json::from_str(include_str!("../fixtures/supervisor-full.abridged.json")).unwrap();
        let states: Vec<SupervisorEntry> =
            serde_json::from_str(include_str!("../fixtures/supervisor-state-true.json")).unwrap();
        let rows = merge_rows(&full, &states);
        let w = rows.iter().find(|r| r.id == "wikipedia_stream").unwrap();
        assert_eq!(w.kind, "kafka");
        assert_eq!(w.datasource, "wikipedia_stream");
        assert_eq!(w.state, "UNHEALTHY_SUPERVISOR");
        assert!(!w.healthy);
        assert!(rows.iter().any(|r| r.id == "social_media" && r.state == "RUNNING"));
        assert_eq!(supervisor_tone("UNHEALTHY_SUPERVISOR"), Tone::Bad);
        assert_eq!(supervisor_tone("RUNNING"), Tone::Ok);
        assert_eq!(supervisor_tone("SUSPENDED"), Tone::Warn);
        let ids: Vec<String> =
            serde_json::from_str(include_str!("../fixtures/supervisor-list.json")).unwrap();
        assert_eq!(ids.len(), 2);
    }

    #[test]
    fn decodes_a_status_with_lag_per_partition() {
        let s: SupervisorStatus =
            serde_json::from_str(include_str!("../fixtures/supervisor-status.json")).unwrap();
        assert_eq!(s.id, "social_media");
        let p = &s.payload;
        assert_eq!(p.state, "RUNNING");
        assert_eq!(p.aggregate_lag, 3);
        assert_eq!(p.active_tasks.len(), 1);
        assert_eq!(p.active_tasks[0].remaining_seconds, 3415);
        assert_eq!(p.lags(), vec![("0".to_string(), 3.0)]);
        let kinesis: SupervisorPayload = serde_json::from_str(
            r#"{"minimumLagMillis":{"shardId-10":"7","shardId-2":5},"recentErrors":null}"#,
        )
        .unwrap();
        assert_eq!(kinesis.lags().len(), 2);
        let c: CreateAnswer =
            serde_json::from_str(include_str!("../fixtures/supervisor-create-response.json")).unwrap();
        assert_eq!(c.id, "social_media");
    }

    #[test]
    fn decodes_spec_history() {
        let h: Vec<SpecVersion> = serde_json::from_str(
            r#"[{"spec":{"type":"kafka"},"version":"2023-07-05T23:24:43.934Z"},{"spec":{"type":"NoopSupervisorSpec"},"version":null}]"#,
        )
        .unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].version, "");
    }
}
