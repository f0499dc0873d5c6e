//! Aggregated metrics of an aggregating scope (`/taskmanagers/metrics`, `/jobs/metrics`): every
//! id the scope lists with its minimum, maximum, average and sum.

use crate::systems::flink::api::{self, MetricScope};
use crate::systems::flink::model::AggregatedMetric;
use crate::ui::kit::{load, status};
use crate::ui::any_row::{any_rows, col};
use crate::ui::format::number;
use crate::ui::{Cell, DataTable};
use leptos::prelude::*;

/// Every metric of `source`, aggregated.
#[component]
pub fn AggregatedMetrics(
    /// Table id.
    id: &'static str,
    /// An aggregating scope.
    source: MetricScope,
) -> impl IntoView {
    let source = StoredValue::new(source);
    let r = load(move |c| {
        let sc = source.get_value();
        async move {
            let ids: Vec<String> = api::metric_ids(&c, &sc)
                .await?
                .into_iter()
                .map(|m| m.id)
                .collect();
            api::metric_aggregates(&c, &sc, &ids, "min,max,avg,sum").await
        }
    });
    let data = r;
    let f = |v: Option<f64>| v.map(|x| number(x, 3)).unwrap_or_default();
    let columns = vec![
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
    view! {
        {status(r, "aggregated metrics")}
        <DataTable id columns rows=Signal::derive(move || any_rows(data.get().unwrap_or_default())) export_name=id />
    }
}

/// Every metric of `source` with its current value (`?get=` with all listed ids).
#[component]
pub fn MetricValues(
    /// Table id.
    id: &'static str,
    /// A scope.
    source: MetricScope,
) -> impl IntoView {
    let source = StoredValue::new(source);
    let r = load(move |c| {
        let sc = source.get_value();
        async move {
            let ids: Vec<String> = api::metric_ids(&c, &sc)
                .await?
                .into_iter()
                .map(|m| m.id)
                .collect();
            api::metric_values(&c, &sc, &ids).await
        }
    });
    let data = r;
    let columns = vec![
        col::text(
            "metric",
            "Metric",
            |m: &crate::systems::flink::model::MetricValue| m.id.as_str().into(),
        ),
        col::num(
            "value",
            "Value",
            |m: &crate::systems::flink::model::MetricValue| {
                m.as_f64()
                    .map(Cell::Num)
                    .unwrap_or_else(|| m.value.clone().unwrap_or_default().into())
            },
        ),
    ];
    view! {
        {status(r, "metrics")}
        <DataTable id columns rows=Signal::derive(move || any_rows(data.get().unwrap_or_default())) export_name=id />
    }
}
