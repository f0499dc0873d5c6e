//! The spec editor (`submit`): write or pick a template of an ingestion spec, see where the JSON
//! breaks before anything is sent, and submit it as a task (`POST /task`) or, for streaming
//! specs, as a supervisor (`POST /supervisor`). `?supervisor=<id>` opens a supervisor's current
//! spec for editing, `?template=<name>` starts from a template.

use crate::shell::use_cluster;
use crate::systems::druid::api::{error_text, supervisors as sup_api, tasks as task_api};
use crate::ui::json_editor::{check_json, JsonEditor};
use crate::ui::kit::{link, path, query, status};
use crate::ui::refresh::hold_while_mounted;
use crate::url_state::{encode_segment, QueryKey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

/// The supervisor whose spec is opened for editing.
pub const SUPERVISOR: QueryKey = QueryKey::new("supervisor");
/// The template to start from.
pub const TEMPLATE: QueryKey = QueryKey::new("template");

/// Where a spec is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecRoute {
    /// `POST /druid/indexer/v1/task`.
    Task,
    /// `POST /druid/indexer/v1/supervisor`.
    Supervisor,
}

impl SpecRoute {
    /// The endpoint, for the user to see.
    pub fn endpoint(self) -> &'static str {
        match self {
            SpecRoute::Task => "POST /druid/indexer/v1/task",
            SpecRoute::Supervisor => "POST /druid/indexer/v1/supervisor",
        }
    }
}

/// Supervisor types Druid knows.
const SUPERVISOR_TYPES: [&str; 5] = ["kafka", "kinesis", "rabbit", "autocompact", "scheduled_batch"];
/// Streaming input types whose specs, without a type of their own, are supervisor specs.
const STREAM_TYPES: [&str; 3] = ["kafka", "kinesis", "rabbit"];

/// Where `spec` goes: a supervisor when its `type` is a supervisor type (`kafka`, `kinesis`, ...),
/// or when it has no `type` and its `spec.ioConfig.type` is a stream (`kafka`, `kinesis`); a
/// task otherwise (`index_kafka` tasks included: their own type says they are tasks).
pub fn route(spec: &Value) -> SpecRoute {
    let top = spec.get("type").and_then(Value::as_str);
    let io = spec
        .pointer("/spec/ioConfig/type")
        .or_else(|| spec.pointer("/ioConfig/type"))
        .and_then(Value::as_str);
    match (top, io) {
        (Some(t), _) if SUPERVISOR_TYPES.contains(&t) => SpecRoute::Supervisor,
        (None, Some(i)) if STREAM_TYPES.contains(&i) => SpecRoute::Supervisor,
        _ => SpecRoute::Task,
    }
}

/// The templates offered: `(name in the URL, label, spec)`.
pub const TEMPLATES: [(&str, &str, &str); 5] = [
    ("inline", "Batch: index_parallel from inline data", INLINE),
    ("local", "Batch: index_parallel from local files", LOCAL),
    ("http", "Batch: index_parallel from HTTP", HTTP),
    ("kafka", "Streaming: Kafka supervisor", KAFKA),
    ("kinesis", "Streaming: Kinesis supervisor", KINESIS),
];

/// The template named `name`.
pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|t| t.0 == name).map(|t| t.2)
}

const INLINE: &str = r#"{
  "type": "index_parallel",
  "spec": {
    "dataSchema": {
      "dataSource": "inline_data",
      "timestampSpec": { "column": "timestamp", "format": "iso" },
      "dimensionsSpec": { "dimensions": ["page", "user"] },
      "metricsSpec": [{ "type": "count", "name": "count" }],
      "granularitySpec": {
        "segmentGranularity": "day",
        "queryGranularity": "none",
        "rollup": false,
        "intervals": ["2024-01-01/2024-01-02"]
      }
    },
    "ioConfig": {
      "type": "index_parallel",
      "inputSource": {
        "type": "inline",
        "data": "{\"timestamp\":\"2024-01-01T10:00:00Z\",\"page\":\"Main\",\"user\":\"alice\"}\n{\"timestamp\":\"2024-01-01T11:00:00Z\",\"page\":\"Talk\",\"user\":\"bob\"}"
      },
      "inputFormat": { "type": "json" },
      "appendToExisting": false
    },
    "tuningConfig": {
      "type": "index_parallel",
      "partitionsSpec": { "type": "dynamic" },
      "maxNumConcurrentSubTasks": 1
    }
  },
  "context": {}
}"#;

const LOCAL: &str = r#"{
  "type": "index_parallel",
  "spec": {
    "dataSchema": {
      "dataSource": "local_files",
      "timestampSpec": { "column": "time", "format": "iso" },
      "dimensionsSpec": { "dimensions": [] , "useSchemaDiscovery": true },
      "granularitySpec": {
        "segmentGranularity": "day",
        "queryGranularity": "none",
        "rollup": false
      }
    },
    "ioConfig": {
      "type": "index_parallel",
      "inputSource": {
        "type": "local",
        "baseDir": "quickstart/tutorial/",
        "filter": "wikiticker-2015-09-12-sampled.json.gz"
      },
      "inputFormat": { "type": "json" },
      "appendToExisting": false
    },
    "tuningConfig": {
      "type": "index_parallel",
      "partitionsSpec": { "type": "dynamic" },
      "maxNumConcurrentSubTasks": 2
    }
  }
}"#;

const HTTP: &str = r#"{
  "type": "index_parallel",
  "spec": {
    "dataSchema": {
      "dataSource": "http_data",
      "timestampSpec": { "column": "time", "format": "iso" },
      "dimensionsSpec": { "dimensions": [], "useSchemaDiscovery": true },
      "granularitySpec": {
        "segmentGranularity": "day",
        "queryGranularity": "none",
        "rollup": false
      }
    },
    "ioConfig": {
      "type": "index_parallel",
      "inputSource": {
        "type": "http",
        "uris": ["https://druid.apache.org/data/wikipedia.json.gz"]
      },
      "inputFormat": { "type": "json" },
      "appendToExisting": false
    },
    "tuningConfig": {
      "type": "index_parallel",
      "partitionsSpec": { "type": "dynamic" },
      "maxNumConcurrentSubTasks": 2
    }
  }
}"#;

const KAFKA: &str = r#"{
  "type": "kafka",
  "spec": {
    "dataSchema": {
      "dataSource": "kafka_events",
      "timestampSpec": { "column": "timestamp", "format": "iso" },
      "dimensionsSpec": { "dimensions": [], "useSchemaDiscovery": true },
      "granularitySpec": {
        "segmentGranularity": "hour",
        "queryGranularity": "none",
        "rollup": false
      }
    },
    "ioConfig": {
      "type": "kafka",
      "topic": "events",
      "inputFormat": { "type": "json" },
      "consumerProperties": { "bootstrap.servers": "localhost:9092" },
      "taskCount": 1,
      "replicas": 1,
      "taskDuration": "PT1H",
      "useEarliestOffset": true
    },
    "tuningConfig": { "type": "kafka", "maxRowsPerSegment": 5000000 }
  }
}"#;

const KINESIS: &str = r#"{
  "type": "kinesis",
  "spec": {
    "dataSchema": {
      "dataSource": "kinesis_events",
      "timestampSpec": { "column": "timestamp", "format": "iso" },
      "dimensionsSpec": { "dimensions": [], "useSchemaDiscovery": true },
      "granularitySpec": {
        "segmentGranularity": "hour",
        "queryGranularity": "none",
        "rollup": false
      }
    },
    "ioConfig": {
      "type": "kinesis",
      "stream": "events",
      "endpoint": "kinesis.us-east-1.amazonaws.com",
      "inputFormat": { "type": "json" },
      "taskCount": 1,
      "replicas": 1,
      "taskDuration": "PT1H",
      "useEarliestSequenceNumber": true
    },
    "tuningConfig": { "type": "kinesis" }
  }
}"#;

/// The spec editor page.
#[component]
pub fn SubmitSpecPage() -> impl IntoView {
    hold_while_mounted();
    let cluster = use_cluster();
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let sup = query(SUPERVISOR);
    let tpl = query(TEMPLATE);
    // Start from the template in the URL, or the first one.
    text.set(
        template(&tpl.get_untracked().unwrap_or_default())
            .unwrap_or(INLINE)
            .to_string(),
    );
    // `?supervisor=<id>`: its current spec, once loaded.
    let current = crate::ui::kit::load_once(move |c| {
        let id = sup.get();
        async move {
            match id {
                Some(id) => sup_api::spec(&c, &id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match current.with(|v| v.cloned().flatten()) {
            Some(v) => {
                text.set(serde_json::to_string_pretty(&v).unwrap_or_default());
                true
            }
            None => false,
        }
    });
    let parsed = Memo::new(move |_| text.with(|t| check_json(t).ok()));
    let target = Memo::new(move |_| parsed.with(|v| v.as_ref().map(route)));
    let pick = move |ev: leptos::ev::Event| {
        if let Some(t) = template(&event_target_value(&ev)) {
            text.set(t.to_string());
            error.set(None);
        }
    };
    let submit = move |_| {
        let Some(route) = target.get_untracked() else {
            return;
        };
        let (c, spec) = (cluster.get_untracked(), text.get_untracked());
        let navigate = navigate.clone();
        sending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let to = match route {
                SpecRoute::Task => task_api::submit(&c, &spec)
                    .await
                    .map(|a| format!("tasks/{}", encode_segment(&a.task))),
                SpecRoute::Supervisor => sup_api::create(&c, &spec)
                    .await
                    .map(|a| format!("supervisors/{}", encode_segment(&a.id))),
            };
            let _ = sending.try_set(false);
            match to {
                Ok(view) => navigate(&path(&c, &view), Default::default()),
                Err(e) => {
                    let _ = error.try_set(Some(format!(
                        "{} failed: {}",
                        route.endpoint(),
                        error_text(&e)
                    )));
                }
            }
        });
    };
    view! {
        <div class="sb-stack" data-view="druid-submit">
            <p><a href=move || link(&cluster.get(), "tasks")>"Tasks"</a>" · "<a href=move || link(&cluster.get(), "supervisors")>"Supervisors"</a></p>
            <h1>{move || match sup.get() { Some(id) => format!("Edit supervisor {id}"), None => "Submit an ingestion spec".to_string() }}</h1>
            {status(current, "supervisor spec")}
            <label class="sb-row">"Start from a template "
                <select aria-label="Template" data-template-select="" on:change=pick>
                    <option value="" selected=true disabled=true>"Choose a template…"</option>
                    {TEMPLATES.iter().map(|(name, label, _)| view! { <option value=*name>{*label}</option> }).collect_view()}
                </select>
            </label>
            <JsonEditor text label="Ingestion spec" rows=28 />
            <div class="sb-row">
                <button class="sb-primary" data-submit-spec=""
                    disabled=move || target.get().is_none() || sending.get()
                    on:click=submit>
                    {move || match target.get() {
                        Some(SpecRoute::Supervisor) => "Submit supervisor",
                        _ => "Submit task",
                    }}
                </button>
                <span class="sb-dim sb-mono" data-spec-route=move || match target.get() { Some(SpecRoute::Supervisor) => "supervisor", Some(SpecRoute::Task) => "task", None => "" }>
                    {move || match target.get() {
                        Some(r) => r.endpoint().to_string(),
                        None => "Fix the JSON to submit".to_string(),
                    }}
                </span>
            </div>
            {move || error.get().map(|e| view! { <pre class="sb-field-error" role="alert" data-submit-error="">{e}</pre> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_template_is_valid_json_and_routed_as_intended() {
        for (name, _, spec) in TEMPLATES {
            let v = check_json(spec).unwrap_or_else(|p| panic!("{name}: {}", p.describe()));
            let expected = if name == "kafka" || name == "kinesis" {
                SpecRoute::Supervisor
            } else {
                SpecRoute::Task
            };
            assert_eq!(route(&v), expected, "{name}");
        }
        assert_eq!(template("kafka"), Some(KAFKA));
        assert_eq!(template("nope"), None);
    }

    #[test]
    fn streaming_specs_go_to_the_supervisor_endpoint() {
        assert_eq!(route(&json!({"type": "kafka"})), SpecRoute::Supervisor);
        assert_eq!(route(&json!({"type": "autocompact"})), SpecRoute::Supervisor);
        assert_eq!(
            route(&json!({"spec": {"ioConfig": {"type": "kinesis"}}})),
            SpecRoute::Supervisor
        );
        // A task that reads Kafka is still a task.
        assert_eq!(
            route(&json!({"type": "index_kafka", "spec": {"ioConfig": {"type": "kafka"}}})),
            SpecRoute::Task
        );
        assert_eq!(route(&json!({"type": "index_parallel"})), SpecRoute::Task);
        assert_eq!(route(&json!({})), SpecRoute::Task);
        assert_eq!(route(&json!([1])), SpecRoute::Task);
    }
}
