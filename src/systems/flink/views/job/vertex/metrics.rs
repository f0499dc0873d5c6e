//! A vertex's metrics: pick names from `.../vertices/:vertexid/metrics`, then see each
//! subtask's value (`?get=<index>.<name>,...`) and the aggregates over subtasks
//! (`.../subtasks/metrics?get=...&agg=min,max,avg,sum`). The choice is kept in the URL (`vm=`).

use crate::systems::flink::views::keys;
use crate::systems::flink::api::{self, MetricScope};
use crate::systems::flink::model::{AggregatedMetric, MetricValue};
use crate::ui::kit::{load, load_once, query, set_query, status};
use crate::systems::flink::views::job::use_job;
use crate::systems::flink::views::metric_pick::{
    metric_names, parse_selection, selection_value, MetricPicker,
};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::number;
use crate::ui::{Cell, DataTable};
use leptos::prelude::*;

/// One subtask's value of a metric.
#[derive(Clone, Debug, PartialEq)]
pub struct SubtaskValue {
    /// Metric name.
    pub name: String,
    /// Subtask index.
    pub subtask: i64,
    /// Value as Flink sent it.
    pub value: String,
}

/// Splits `<index>.<name>` answers into rows.
pub fn subtask_values(values: &[MetricValue]) -> Vec<SubtaskValue> {
    values
        .iter()
        .filter_map(|m| {
            let (i, name) = m.id.split_once('.')?;
            Some(SubtaskValue {
                name: name.to_string(),
                subtask: i.parse().ok()?,
                value: m.value.clone().unwrap_or_default(),
            })
        })
        .collect()
}

/// The ids to ask for: every chosen name for every subtask.
pub fn subtask_ids(names: &[String], parallelism: i64) -> Vec<String> {
    names
        .iter()
        .flat_map(|n| (0..parallelism.max(0)).map(move |i| format!("{i}.{n}")))
        .collect()
}

/// Metrics of vertex `vid`.
#[component]
pub fn VertexMetricsView(
    /// Vertex id.
    vid: String,
) -> impl IntoView {
    let job = use_job();
    let setq = set_query();
    let vid = StoredValue::new(vid);
    let vm = query(keys::VERTEX_METRICS);
    let chosen = Memo::new(move |_| parse_selection(vm.get().as_deref()));
    let parallelism = Memo::new(move |_| {
        job.details.with(|d| {
            d.and_then(|d| d.vertex(&vid.get_value()).map(|v| v.parallelism))
                .unwrap_or(1)
        })
    });
    let ids = load_once(move |c| {
        let scope = MetricScope::Vertex(job.jid.get(), vid.get_value());
        async move {
            api::metric_ids(&c, &scope)
                .await
                .map(|l| metric_names(&l.into_iter().map(|m| m.id).collect::<Vec<_>>()))
        }
    });
    let names = ids;
    let values = load(move |c| {
        let (scope, wanted) = (
            MetricScope::Vertex(job.jid.get(), vid.get_value()),
            subtask_ids(&chosen.get(), parallelism.get()),
        );
        async move {
            api::metric_values(&c, &scope, &wanted)
                .await
                .map(|v| subtask_values(&v))
        }
    });
    let aggs = load(move |c| {
        let (scope, wanted) = (
            MetricScope::Subtasks(job.jid.get(), vid.get_value()),
            chosen.get(),
        );
        async move { api::metric_aggregates(&c, &scope, &wanted, "min,max,avg,sum").await }
    });
    let value_rows = values;
    let agg_rows = aggs;
    let f = |v: Option<f64>| v.map(|x| number(x, 3)).unwrap_or_default();
    let agg_columns = vec![
        col::text("metric", "Metric", |m: &AggregatedMetric| {
            m.id.as_str().into()
        }),
        col::num_text(
            "min",
            "Min",
            |m: &AggregatedMetric| Cell::from(m.min),
            move |m: &AggregatedMetric| f(m.min),
        ),
        col::num_text(
            "max",
            "Max",
            |m: &AggregatedMetric| Cell::from(m.max),
            move |m: &AggregatedMetric| f(m.max),
        ),
        col::num_text(
            "avg",
            "Average",
            |m: &AggregatedMetric| Cell::from(m.avg),
            move |m: &AggregatedMetric| f(m.avg),
        ),
        col::num_text(
            "sum",
            "Sum",
            |m: &AggregatedMetric| Cell::from(m.sum),
            move |m: &AggregatedMetric| f(m.sum),
        ),
    ];
    let value_columns = vec![
        col::text("metric", "Metric", |v: &SubtaskValue| {
            v.name.as_str().into()
        }),
        col::num("subtask", "Subtask", |v: &SubtaskValue| v.subtask.into()),
        col::num("value", "Value", |v: &SubtaskValue| {
            v.value
                .trim()
                .parse::<f64>()
                .map(Cell::Num)
                .unwrap_or_else(|_| v.value.as_str().into())
        }),
    ];
    let change = Callback::new(move |s: Vec<String>| setq(&[(keys::VERTEX_METRICS, selection_value(&s))]));
    view! {
        {status(ids, "metric list")}
        <MetricPicker available=Signal::derive(move || names.get().unwrap_or_default()) selected=chosen on_change=change />
        <Show when=move || !chosen.with(Vec::is_empty) fallback=|| view! { <p class="sb-dim">"Choose metrics above to see their values."</p> }>
            <h3>"Over all subtasks"</h3>
            {status(aggs, "aggregates")}
            <DataTable id="vmagg" columns=agg_columns.clone() rows=Signal::derive(move || any_rows(agg_rows.get().unwrap_or_default())) export_name="vertex-metric-aggregates" />
            <h3>"Per subtask"</h3>
            {status(values, "values")}
            <DataTable id="vmval" columns=value_columns.clone() rows=Signal::derive(move || any_rows(value_rows.get().unwrap_or_default())) export_name="vertex-metrics" />
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_per_subtask_and_back() {
        let ids = subtask_ids(&["numRecordsIn".into()], 2);
        assert_eq!(ids, vec!["0.numRecordsIn", "1.numRecordsIn"]);
        let values: Vec<MetricValue> =
            serde_json::from_str(include_str!("../../../fixtures/2.3/vertex-metrics.json"))
                .unwrap();
        let rows = subtask_values(&values);
        assert_eq!(
            rows.len(),
            values
                .iter()
                .filter(|m| m
                    .id
                    .split_once('.')
                    .is_some_and(|(i, _)| i.parse::<i64>().is_ok()))
                .count()
        );
        assert!(rows.iter().all(|r| !r.name.is_empty()));
    }
}
