//! Dynamic configuration: the coordinator's (`/druid/coordinator/v1/config`), the overlord's
//! workers' (`/druid/indexer/v1/worker`), and automatic compaction (`/config/compaction`,
//! `/compaction/status`). The configs themselves stay `serde_json::Value`s (free-form, and Druid
//! adds fields between versions); the forms read and write the fields they know.

use serde::Deserialize;
use serde_json::{Map, Value};

/// The coordinator's dynamic config fields the form offers as inputs: (name, is a boolean).
pub const COORDINATOR_FIELDS: [(&str, bool); 12] = [
    ("millisToWaitBeforeDeleting", false),
    ("maxSegmentsToMove", false),
    ("replicantLifetime", false),
    ("replicationThrottleLimit", false),
    ("balancerComputeThreads", false),
    ("maxSegmentsInNodeLoadingQueue", false),
    ("decommissioningMaxPercentOfMaxSegmentsToMove", false),
    ("maxNonPrimaryReplicantsToLoad", false),
    ("pauseCoordination", true),
    ("replicateAfterLoadTimeout", true),
    ("useRoundRobinSegmentAssignment", true),
    ("smartSegmentLoading", true),
];

/// A field of a config object as the form shows it (`""` when absent or null).
pub fn field_text(config: &Value, name: &str) -> String {
    match config.get(name) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// `config` with the number field `name` set from `text` (empty removes it); an error when the
/// text is not a number.
pub fn set_number(config: &Value, name: &str, text: &str) -> Result<Value, String> {
    let mut out = config.clone();
    let Some(obj) = out.as_object_mut() else {
        return Err("the config is not a JSON object".into());
    };
    let t = text.trim();
    if t.is_empty() {
        obj.remove(name);
    } else if let Ok(n) = t.parse::<i64>() {
        obj.insert(name.into(), Value::from(n));
    } else {
        match t.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            Some(n) => {
                obj.insert(name.into(), Value::Number(n));
            }
            None => return Err(format!("{name} must be a number, not '{t}'")),
        }
    }
    Ok(out)
}

/// `config` with the boolean field `name` set.
pub fn set_bool(config: &Value, name: &str, on: bool) -> Value {
    let mut out = config.clone();
    if let Some(obj) = out.as_object_mut() {
        obj.insert(name.into(), Value::Bool(on));
    }
    out
}

/// What the workers tab starts from when the worker config was never set (Druid then answers
/// `null` and uses this behaviour).
pub const DEFAULT_WORKER_CONFIG: &str =
    "{\n  \"type\": \"default\",\n  \"selectStrategy\": {\n    \"type\": \"equalDistribution\"\n  },\n  \"autoScaler\": null\n}";

/// `GET /druid/coordinator/v1/config/compaction`: every datasource's config and the task slots.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CompactionConfigs {
    /// One config per datasource (free-form).
    #[serde(rename = "compactionConfigs", deserialize_with = "crate::net::lenient::nullable")]
    pub configs: Vec<Value>,
    /// `compactionTaskSlotRatio`.
    #[serde(rename = "compactionTaskSlotRatio", deserialize_with = "crate::net::lenient::opt_float")]
    pub slot_ratio: Option<f64>,
    /// `maxCompactionTaskSlots`.
    #[serde(rename = "maxCompactionTaskSlots", deserialize_with = "crate::net::lenient::opt_int")]
    pub max_slots: Option<i64>,
}

impl CompactionConfigs {
    /// The datasources that have a config.
    pub fn datasources(&self) -> Vec<String> {
        self.configs
            .iter()
            .filter_map(|c| c.get("dataSource").and_then(Value::as_str))
            .map(str::to_string)
            .collect()
    }
}

/// One datasource's line of `GET /druid/coordinator/v1/compaction/status`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, rename_all = "camelCase")]
pub struct CompactionStatus {
    /// The datasource.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub data_source: String,
    /// `RUNNING` or `NOT_ENABLED`.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub schedule_status: String,
    /// Bytes waiting to be compacted.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub bytes_awaiting_compaction: i64,
    /// Bytes already compacted.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub bytes_compacted: i64,
    /// Bytes not eligible.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub bytes_skipped: i64,
    /// Segments waiting.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub segment_count_awaiting_compaction: i64,
    /// Segments compacted.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub segment_count_compacted: i64,
    /// Segments skipped.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub segment_count_skipped: i64,
    /// Intervals waiting.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub interval_count_awaiting_compaction: i64,
    /// Intervals compacted.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub interval_count_compacted: i64,
    /// Intervals skipped.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub interval_count_skipped: i64,
}

impl CompactionStatus {
    /// The share of eligible bytes already compacted (0..=1), `None` when there is nothing.
    pub fn progress(&self) -> Option<f64> {
        let done = self.bytes_compacted.max(0) as f64;
        let total = done + self.bytes_awaiting_compaction.max(0) as f64;
        (total > 0.0).then(|| done / total)
    }
}

/// `GET /druid/coordinator/v1/compaction/status`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CompactionStatuses {
    /// One line per datasource with auto-compaction.
    #[serde(rename = "latestStatus", deserialize_with = "crate::net::lenient::nullable")]
    pub latest: Vec<CompactionStatus>,
}

/// `GET /druid/coordinator/v1/compaction/progress`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CompactionProgress {
    /// Bytes still to compact.
    #[serde(rename = "remainingSegmentSize", deserialize_with = "crate::net::lenient::int")]
    pub remaining: i64,
}

/// A datasource's compaction config as form fields; `rest` holds every other field as JSON text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompactionForm {
    /// `dataSource`.
    pub datasource: String,
    /// `skipOffsetFromLatest` (ISO period, e.g. `P1D`).
    pub skip_offset: String,
    /// `tuningConfig.partitionsSpec.targetRowsPerSegment` or else `maxRowsPerSegment`.
    pub target_rows: String,
    /// `taskPriority`.
    pub task_priority: String,
    /// `inputSegmentSizeBytes`.
    pub input_segment_size: String,
    /// Every other field, pretty-printed.
    pub rest: String,
}

const COMPACTION_FIELDS: [&str; 5] = [
    "dataSource",
    "skipOffsetFromLatest",
    "maxRowsPerSegment",
    "taskPriority",
    "inputSegmentSizeBytes",
];

impl CompactionForm {
    /// The form of `config` (a new one for `datasource` when `config` is null).
    pub fn from_json(datasource: &str, config: &Value) -> CompactionForm {
        let target = config
            .pointer("/tuningConfig/partitionsSpec/targetRowsPerSegment")
            .filter(|v| !v.is_null())
            .or_else(|| config.get("maxRowsPerSegment"))
            .map(|v| field_text(&serde_json::json!({ "v": v }), "v"))
            .unwrap_or_default();
        let rest: Map<String, Value> = config
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| !COMPACTION_FIELDS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        CompactionForm {
            datasource: datasource.to_string(),
            skip_offset: match field_text(config, "skipOffsetFromLatest") {
                s if s.is_empty() && config.is_null() => "P1D".into(),
                s => s,
            },
            target_rows: target,
            task_priority: field_text(config, "taskPriority"),
            input_segment_size: field_text(config, "inputSegmentSizeBytes"),
            rest: super::rules::pretty(&Value::Object(rest)),
        }
    }

    /// The config to send, or which field is wrong. Target rows go where the config keeps them:
    /// into `tuningConfig.partitionsSpec.targetRowsPerSegment` when there is a partitionsSpec,
    /// into `maxRowsPerSegment` otherwise.
    pub fn to_json(&self) -> Result<Value, String> {
        let rest = crate::ui::json_editor::check_json(&self.rest)
            .map_err(|p| format!("other fields: {}", p.describe()))?;
        let Value::Object(mut obj) = rest else {
            return Err("other fields: must be a JSON object".into());
        };
        obj.insert("dataSource".into(), Value::String(self.datasource.clone()));
        let mut v = Value::Object(obj);
        if !self.skip_offset.trim().is_empty() {
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "skipOffsetFromLatest".into(),
                    Value::String(self.skip_offset.trim().into()),
                );
            }
        }
        for (name, text) in [
            ("taskPriority", &self.task_priority),
            ("inputSegmentSizeBytes", &self.input_segment_size),
        ] {
            v = set_number(&v, name, text)?;
        }
        let has_spec = v
            .pointer("/tuningConfig/partitionsSpec")
            .is_some_and(Value::is_object);
        if has_spec {
            let rows = set_number(&serde_json::json!({}), "targetRowsPerSegment", &self.target_rows)
                .map_err(|e| e.replace("targetRowsPerSegment", "target rows per segment"))?;
            if let Some(spec) = v
                .pointer_mut("/tuningConfig/partitionsSpec")
                .and_then(Value::as_object_mut)
            {
                match rows.get("targetRowsPerSegment") {
                    Some(n) => {
                        spec.insert("targetRowsPerSegment".into(), n.clone());
                    }
                    None => {
                        spec.remove("targetRowsPerSegment");
                    }
                }
            }
        } else {
            v = set_number(&v, "maxRowsPerSegment", &self.target_rows)?;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_recorded_coordinator_config_and_edits_its_fields() {
        let c: Value =
            serde_json::from_str(include_str!("../fixtures/coordinator-config.json")).unwrap();
        for (name, _) in COORDINATOR_FIELDS {
            assert!(c.get(name).is_some(), "{name} missing from the sample");
        }
        assert_eq!(field_text(&c, "maxSegmentsToMove"), "100");
        assert_eq!(field_text(&c, "pauseCoordination"), "false");
        assert_eq!(field_text(&c, "debugDimensions"), "");
        let c2 = set_number(&c, "maxSegmentsToMove", " 150 ").unwrap();
        assert_eq!(c2["maxSegmentsToMove"], json!(150));
        assert_eq!(c2["replicantLifetime"], json!(15));
        assert!(set_number(&c, "maxSegmentsToMove", "lots")
            .unwrap_err()
            .contains("'lots'"));
        assert_eq!(set_number(&c, "x", "0.5").unwrap()["x"], json!(0.5));
        assert!(set_number(&c, "maxSegmentsToMove", "").unwrap().get("maxSegmentsToMove").is_none());
        assert_eq!(set_bool(&c, "pauseCoordination", true)["pauseCoordination"], json!(true));
        assert!(set_number(&json!(null), "a", "1").is_err());
    }

    #[test]
    fn the_default_worker_config_is_json() {
        let v: Value = serde_json::from_str(DEFAULT_WORKER_CONFIG).unwrap();
        assert_eq!(v["type"], json!("default"));
    }

    #[test]
    fn reads_compaction_configs_and_statuses() {
        let all: CompactionConfigs = serde_json::from_value(json!({
            "compactionConfigs": [{"dataSource": "kttm", "taskPriority": 25}, {"dataSource": "wikipedia"}],
            "compactionTaskSlotRatio": 0.1, "maxCompactionTaskSlots": 2147483647, "engine": "native"
        }))
        .unwrap();
        assert_eq!(all.datasources(), ["kttm", "wikipedia"]);
        assert_eq!(all.slot_ratio, Some(0.1));
        assert_eq!(all.max_slots, Some(2147483647));
        let s: CompactionStatuses = serde_json::from_value(json!({"latestStatus": [{
            "dataSource": "kttm", "scheduleStatus": "RUNNING", "message": null,
            "bytesAwaitingCompaction": 300, "bytesCompacted": 100, "bytesSkipped": 5,
            "segmentCountAwaitingCompaction": 3, "segmentCountCompacted": 1, "segmentCountSkipped": 1,
            "intervalCountAwaitingCompaction": 2, "intervalCountCompacted": 1, "intervalCountSkipped": 1
        }]}))
        .unwrap();
        let k = &s.latest[0];
        assert_eq!((k.data_source.as_str(), k.segment_count_awaiting_compaction), ("kttm", 3));
        assert_eq!(k.progress(), Some(0.25));
        assert_eq!(CompactionStatus::default().progress(), None);
        let p: CompactionProgress = serde_json::from_str(r#"{"remainingSegmentSize": 42}"#).unwrap();
        assert_eq!(p.remaining, 42);
    }

    #[test]
    fn the_compaction_form_round_trips_and_keeps_the_rest() {
        let cfg = json!({
            "dataSource": "kttm", "taskPriority": 25, "inputSegmentSizeBytes": 100000000000000i64,
            "maxRowsPerSegment": null, "skipOffsetFromLatest": "P1D", "tuningConfig": null, "engine": null
        });
        let f = CompactionForm::from_json("kttm", &cfg);
        assert_eq!((f.skip_offset.as_str(), f.task_priority.as_str()), ("P1D", "25"));
        assert_eq!(f.target_rows, "");
        assert!(f.rest.contains("\"tuningConfig\": null"));
        let mut back = f.to_json().unwrap();
        back.as_object_mut().unwrap().insert("maxRowsPerSegment".into(), Value::Null);
        assert_eq!(back, cfg);

        let mut f2 = f.clone();
        f2.target_rows = "5000000".into();
        assert_eq!(f2.to_json().unwrap()["maxRowsPerSegment"], json!(5000000));
        f2.task_priority = "high".into();
        assert!(f2.to_json().unwrap_err().contains("taskPriority"));

        let spec = json!({"dataSource": "w", "tuningConfig": {"partitionsSpec": {"type": "dynamic", "targetRowsPerSegment": 10}}});
        let mut f3 = CompactionForm::from_json("w", &spec);
        assert_eq!(f3.target_rows, "10");
        f3.target_rows = "20".into();
        let v = f3.to_json().unwrap();
        assert_eq!(v.pointer("/tuningConfig/partitionsSpec/targetRowsPerSegment"), Some(&json!(20)));
        assert!(v.get("maxRowsPerSegment").is_none());

        let new = CompactionForm::from_json("fresh", &Value::Null);
        assert_eq!(new.skip_offset, "P1D");
        assert_eq!(new.to_json().unwrap(), json!({"dataSource": "fresh", "skipOffsetFromLatest": "P1D"}));
        let mut bad = new.clone();
        bad.rest = "[1]".into();
        assert!(bad.to_json().is_err());
    }
}

/// One change of a datasource's auto-compaction config
/// (`GET /config/compaction/{ds}/history`): the config after the change, who and when.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct CompactionAudit {
    /// The datasource's compaction config after the change.
    #[serde(rename = "compactionConfig")]
    pub compaction_config: Value,
    /// Who changed it and why.
    #[serde(rename = "auditInfo", deserialize_with = "crate::net::lenient::nullable")]
    pub audit_info: crate::systems::druid::model::rules::AuditInfo,
    /// When (ISO 8601).
    #[serde(rename = "auditTime", deserialize_with = "crate::net::lenient::nullable")]
    pub audit_time: String,
}

impl CompactionAudit {
    /// As an entry of the audit histories the history view shows (payload: the config as JSON).
    pub fn into_entry(self, datasource: &str) -> crate::systems::druid::model::rules::AuditEntry {
        crate::systems::druid::model::rules::AuditEntry {
            key: datasource.to_string(),
            audit_info: self.audit_info,
            payload: self.compaction_config.to_string(),
            audit_time: self.audit_time,
        }
    }
}

#[cfg(test)]
mod compaction_audit_tests {
    use super::*;

    #[test]
    fn a_compaction_history_entry_reads_as_an_audit_entry() {
        let text = r#"[{"globalConfig": {"compactionTaskSlotRatio": 0.1}, "compactionConfig": {"dataSource": "kttm", "skipOffsetFromLatest": "P1D"},
            "auditInfo": {"author": "ops", "comment": "one day", "ip": "10.0.0.1"}, "auditTime": "2024-05-01T10:00:00.000Z"},
            {"compactionConfig": null, "auditInfo": null, "auditTime": null}]"#;
        let list: Vec<CompactionAudit> = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(list.len(), 2);
        let e = list[0].clone().into_entry("kttm");
        assert_eq!(e.key, "kttm");
        assert_eq!(e.audit_info.comment, "one day");
        assert!(e.payload.contains("\"skipOffsetFromLatest\":\"P1D\""), "{}", e.payload);
        assert_eq!(list[1].clone().into_entry("kttm").audit_time, "");
    }
}
