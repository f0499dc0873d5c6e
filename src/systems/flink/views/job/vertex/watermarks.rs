//! Watermarks of a vertex's subtasks (`.../vertices/:vertexid/watermarks`): `<index>.currentInputWatermark`
//! metrics, where Long.MIN_VALUE means "no watermark yet".

use super::load_vertex;
use crate::systems::flink::api;
use crate::systems::flink::model::MetricValue;
use crate::ui::kit::status;
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::local_time;
use crate::ui::{Cell, DataTable};
use leptos::prelude::*;

/// One subtask's watermark.
#[derive(Clone, Debug, PartialEq)]
pub struct Watermark {
    /// Subtask index (`None` if the id has no index).
    pub subtask: Option<i64>,
    /// The metric name after the index.
    pub metric: String,
    /// Epoch ms; `None` when there is no watermark yet (Long.MIN_VALUE) or it is not a number.
    pub value: Option<i64>,
}

/// Reads `0.currentInputWatermark` → subtask 0; Long.MIN_VALUE → no watermark.
pub fn parse_watermark(m: &MetricValue) -> Watermark {
    let (subtask, metric) = match m.id.split_once('.') {
        Some((i, rest)) if i.parse::<i64>().is_ok() => (i.parse().ok(), rest.to_string()),
        _ => (None, m.id.clone()),
    };
    let value = m
        .value
        .as_deref()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|v| *v != i64::MIN);
    Watermark {
        subtask,
        metric,
        value,
    }
}

/// The watermarks of vertex `vid`.
#[component]
pub fn WatermarksView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let vid = StoredValue::new(vid);
    let r = load_vertex(vid, move |c, j, v| async move {
        api::watermarks(&c, &j, &v)
            .await
            .map(|ms| ms.iter().map(parse_watermark).collect::<Vec<_>>())
    });
    let data = r;
    let columns = vec![
        col::num("subtask", "Subtask", |w: &Watermark| Cell::from(w.subtask)),
        col::text("metric", "Metric", |w: &Watermark| w.metric.as_str().into()),
        col::text("watermark", "Watermark", |w: &Watermark| {
            w.value
                .map(local_time)
                .unwrap_or_else(|| "No watermark".into())
                .into()
        }),
        col::num("raw", "Epoch ms", |w: &Watermark| Cell::from(w.value)).hidden(),
    ];
    view! {
        {status(r, "watermarks")}
        <DataTable id="wm" columns rows=Signal::derive(move || any_rows(data.get().unwrap_or_default())) export_name="watermarks" />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watermarks_read_per_subtask_with_long_min_as_none() {
        let old: Vec<MetricValue> = serde_json::from_str(include_str!(
            "../../../fixtures/1.12/vertex-watermarks.json"
        ))
        .unwrap();
        let w: Vec<Watermark> = old.iter().map(parse_watermark).collect();
        assert_eq!(
            w[0],
            Watermark {
                subtask: Some(0),
                metric: "currentInputWatermark".into(),
                value: Some(1612349217000)
            }
        );
        assert_eq!(w[1].value, None, "Long.MIN_VALUE is no watermark");
        let new: Vec<MetricValue> = serde_json::from_str(include_str!(
            "../../../fixtures/2.3/vertex-watermarks-sink.json"
        ))
        .unwrap();
        assert!(new
            .iter()
            .map(parse_watermark)
            .all(|w| w.value.is_some() && w.subtask.is_some()));
    }
}
