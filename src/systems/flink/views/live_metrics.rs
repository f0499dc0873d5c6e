//! Live metric charts: samples metric values of one scope on an interval (the page's refresh
//! interval, else every few seconds) and draws one chart per [`ChartSpec`].

use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, MetricScope};
use crate::systems::flink::views::scope;
use crate::ui::chart::{default_format, sample_every, History, LineChart, Series};
use crate::ui::format::now_epoch_ms;
use crate::ui::refresh::parse_interval;
use crate::ui::ErrorPanel;
use crate::url_state::{Query, REFRESH};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::time::Duration;

/// Sampling interval when the page has no refresh interval.
pub const DEFAULT_SAMPLE: Duration = Duration::from_secs(3);

/// One chart: a title, its lines as `(label, metric id)`, and how values read.
#[derive(Clone, Debug)]
pub struct ChartSpec {
    /// Title.
    pub title: String,
    /// Lines: legend label and metric id.
    pub series: Vec<(String, String)>,
    /// Value format.
    pub format: fn(f64) -> String,
}

impl ChartSpec {
    /// A chart of one metric, titled by its id.
    pub fn single(id: &str) -> ChartSpec {
        ChartSpec {
            title: id.to_string(),
            series: vec![("value".into(), id.to_string())],
            format: default_format,
        }
    }
}

/// The ids every chart needs, without repeats.
pub fn wanted_ids(charts: &[ChartSpec]) -> Vec<String> {
    let mut ids: Vec<String> = charts
        .iter()
        .flat_map(|c| c.series.iter().map(|s| s.1.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The lines of one chart out of the sampled history (renamed to their labels).
pub fn chart_series(all: &[Series], spec: &ChartSpec) -> Vec<Series> {
    spec.series
        .iter()
        .filter_map(|(label, id)| {
            all.iter().find(|s| &s.label == id).map(|s| Series {
                label: label.clone(),
                points: s.points.clone(),
            })
        })
        .collect()
}

/// Charts of `charts`, sampled from `scope`.
#[component]
pub fn LiveCharts(
    /// Where the metrics are read.
    #[prop(into)]
    source: Signal<MetricScope>,
    /// The charts.
    #[prop(into)]
    charts: Signal<Vec<ChartSpec>>,
) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let history = History::new();
    let texts = RwSignal::new(BTreeMap::<String, String>::new());
    let error = RwSignal::new(None::<FetchError>);
    Effect::new(move |_| {
        source.track();
        history.clear();
    });
    let every = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| Query::parse(&q).get(REFRESH.name()).and_then(parse_interval))
        .unwrap_or(DEFAULT_SAMPLE);
    sample_every(every, move || {
        let Some(ids) = charts.try_with_untracked(|c| wanted_ids(c)) else {
            return;
        };
        if ids.is_empty() {
            return;
        }
        let (c, sc) = (cluster.get_untracked(), source.get_untracked());
        leptos::task::spawn_local(async move {
            match api::metric_values(&c, &sc, &ids).await {
                Ok(values) => {
                    let numbers: Vec<(String, f64)> = values
                        .iter()
                        .filter_map(|m| m.as_f64().map(|v| (m.id.clone(), v)))
                        .collect();
                    history.push(now_epoch_ms() as f64, &numbers);
                    texts.try_update(|t| {
                        for m in values.iter().filter(|m| m.as_f64().is_none()) {
                            t.insert(m.id.clone(), m.value.clone().unwrap_or_default());
                        }
                    });
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    });
    view! {
        {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
        <div class=s.cls("charts")>
            {move || charts.get().into_iter().map(|spec| {
                let text = spec.series.iter().find_map(|(_, id)| texts.with(|t| t.get(id).cloned()));
                match text {
                    Some(t) => view! { <div class="sb-card"><strong>{spec.title.clone()}</strong><div class="sb-mono" style="word-break:break-all">{t}</div></div> }.into_any(),
                    None => {
                        let title = spec.title.clone();
                        let format = spec.format;
                        let series = Signal::derive(move || history.series.with(|all| chart_series(all, &spec)));
                        view! { <LineChart title series format /> }.into_any()
                    }
                }
            }).collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_pick_their_series_and_share_samples() {
        let heap = ChartSpec {
            title: "Heap".into(),
            series: vec![
                ("used".into(), "H.Used".into()),
                ("max".into(), "H.Max".into()),
            ],
            format: default_format,
        };
        let one = ChartSpec::single("H.Used");
        assert_eq!(
            wanted_ids(&[heap.clone(), one]),
            vec!["H.Max".to_string(), "H.Used".to_string()]
        );
        let all = vec![
            Series {
                label: "H.Used".into(),
                points: vec![(1.0, 2.0)],
            },
            Series {
                label: "Other".into(),
                points: vec![],
            },
        ];
        let s = chart_series(&all, &heap);
        assert_eq!(
            s,
            vec![Series {
                label: "used".into(),
                points: vec![(1.0, 2.0)]
            }]
        );
    }
}
