//! One datasource: tabs for its overview (totals, tiers, load status, actions), intervals,
//! segments, timeline, and links to its retention rules and compaction.

use super::actions::Actions;
use super::intervals::IntervalsTab;
use super::segments::SegmentsTab;
use super::timeline::TimelineTab;
use super::ds_view;
use crate::shell::use_cluster;
use crate::systems::druid::api::{datasources as api, error_text};
use crate::systems::druid::model::datasources::DatasourceProperties;
use crate::ui::format::{bytes, count};
use crate::ui::kit::{empty, kv, link, load, load_once, param, status};
use crate::ui::tabs::{tab_links, tab_set, TabSet, Tabs};
use crate::ui::{JsonView, KeyValue};
use leptos::prelude::*;

tab_set! {
    /// The tabs of a datasource.
    pub enum DsTab {
        /// Totals, tiers, load status and actions.
        Overview = ("", "Overview"),
        /// Its intervals.
        Intervals = ("intervals", "Intervals"),
        /// Its segments.
        Segments = ("segments", "Segments"),
        /// Segment count and size over time.
        Timeline = ("timeline", "Timeline"),
        /// Retention rules.
        Rules = ("rules", "Rules"),
        /// Automatic compaction.
        Compaction = ("compaction", "Compaction"),
    }
}

/// The datasource page: `datasources/:ds/:tab?`.
#[component]
pub fn DatasourcePage() -> impl IntoView {
    let cluster = use_cluster();
    let ds = param("ds");
    let tab = param("tab");
    let current = Memo::new(move |_| DsTab::parse(Some(tab.get().as_str())));
    let tabs = Signal::derive(move || {
        let c = cluster.get();
        let d = ds.get();
        tab_links(
            current.get(),
            |t| link(&c, &ds_view(&d, t.slug())),
            |t| t.label().to_string(),
        )
    });
    view! {
        <div>
            <h1 data-ds-name="">{move || ds.get()}</h1>
            <Tabs tabs />
            {move || {
                let d = ds.get();
                match current.get() {
                    DsTab::Overview => view! { <Overview ds=d /> }.into_any(),
                    DsTab::Intervals => view! { <IntervalsTab ds=d /> }.into_any(),
                    DsTab::Segments => view! { <SegmentsTab ds=d /> }.into_any(),
                    DsTab::Timeline => view! { <TimelineTab ds=d /> }.into_any(),
                    DsTab::Rules => view! { <crate::systems::druid::views::config::rules::DatasourceRules datasource=d /> }.into_any(),
                    DsTab::Compaction => view! { <crate::systems::druid::views::config::compaction::DatasourceCompaction datasource=d /> }.into_any(),
                }
            }}
        </div>
    }
}

/// Totals, tiers, load status, full metadata and the actions.
#[component]
fn Overview(ds: String) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let r = load(move |c| async move {
        let d = ds.get_value();
        let props = api::datasource(&c, &d).await?;
        let tiers = api::tiers(&c, &d).await?;
        Ok((props, tiers))
    });
    let summary = move || {
        r.with(|v| match v {
            None => ().into_any(),
            Some((None, _)) => empty("The coordinator serves no segment of this datasource (unknown, or all its segments are unused)."),
            Some((Some(p), tiers)) => summary_view(p, tiers),
        })
    };
    let count_now = Signal::derive(move || {
        r.with(|v| v.and_then(|(p, _)| p.as_ref().map(|p| p.segments.count)))
    });
    view! {
        <div>
            {status(r, "datasource")}
            {summary}
            <Actions ds=ds.get_value() segment_count=count_now on_done=Callback::new(move |_| r.refetch()) />
            <LoadStatus ds=ds.get_value() />
            <FullMetadata ds=ds.get_value() />
        </div>
    }
}

/// Totals and tiers of a served datasource.
fn summary_view(p: &DatasourceProperties, tiers: &[String]) -> AnyView {
    let s = &p.segments;
    let items = kv(&[
        ("Segments", count(s.count)),
        ("Size", bytes(s.size)),
        ("Replicated size", bytes(s.replicated_size)),
        ("Time range", s.range_text()),
        ("Tiers", tiers.join(", ")),
    ]);
    let per_tier: Vec<(String, String)> = p
        .tiers
        .iter()
        .map(|(t, v)| {
            (
                t.clone(),
                format!(
                    "{} segments, {} ({} replicated)",
                    count(v.segment_count),
                    bytes(v.size),
                    bytes(v.replicated_size)
                ),
            )
        })
        .collect();
    view! {
        <section class="sb-card">
            <p>"Segments served: "<strong data-segment-count=s.count.to_string()>{count(s.count)}</strong></p>
            <KeyValue items=items />
            <h2>"Per tier"</h2>
            <KeyValue items=per_tier />
        </section>
    }
    .into_any()
}

/// `GET /datasources/{ds}/loadstatus` (percentage, `?simple`, `?full`) with its inputs.
#[component]
fn LoadStatus(ds: String) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let cluster = use_cluster();
    let mode = RwSignal::new("percent".to_string());
    let force = RwSignal::new(false);
    let cluster_view = RwSignal::new(false);
    let interval = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<Vec<(String, String)>, String>>);
    let busy = RwSignal::new(false);
    let check = move |_| {
        let (c, d) = (cluster.get_untracked(), ds.get_value());
        let (m, f, cv, i) = (
            mode.get_untracked(),
            force.get_untracked(),
            cluster_view.get_untracked(),
            interval.get_untracked(),
        );
        busy.set(true);
        leptos::task::spawn_local(async move {
            let i = Some(i.as_str()).filter(|i| !i.trim().is_empty());
            let flat = |m: Option<std::collections::BTreeMap<String, f64>>, unit: &str| {
                m.map(|m| {
                    m.into_iter()
                        .map(|(k, v)| (k, format!("{v}{unit}")))
                        .collect::<Vec<_>>()
                })
            };
            let out = match m.as_str() {
                "simple" => api::load_status_simple(&c, &d, f, i)
                    .await
                    .map(|m| flat(m, " segments left to load")),
                "full" => api::load_status_full(&c, &d, f, i, cv).await.map(|m| {
                    m.map(|m| {
                        m.into_iter()
                            .flat_map(|(tier, per)| {
                                per.into_iter().map(move |(k, v)| {
                                    (format!("{tier} / {k}"), format!("{v} segments left to load"))
                                })
                            })
                            .collect()
                    })
                }),
                _ => api::load_status_percent(&c, &d, f, i)
                    .await
                    .map(|m| flat(m, " % loaded")),
            };
            let _ = busy.try_set(false);
            let _ = result.try_set(Some(match out {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Ok(vec![(
                    "No used segments".into(),
                    "in this interval (204 No Content)".into(),
                )]),
                Err(e) => Err(error_text(&e)),
            }));
        });
    };
    view! {
        <section class="sb-card" data-load-status="">
            <h2>"Load status"</h2>
            <div class="sb-row">
                <select aria-label="Load status kind" on:change=move |ev| mode.set(event_target_value(&ev)) prop:value=move || mode.get()>
                    <option value="percent">"Percentage loaded"</option>
                    <option value="simple">"Segments left (simple)"</option>
                    <option value="full">"Segments left per tier, with replicas (full)"</option>
                </select>
                <input type="text" placeholder="interval, e.g. 2024-01-01/2024-01-15 (default: last 2 weeks)" size="44"
                    aria-label="Load status interval" prop:value=move || interval.get()
                    on:input=move |ev| interval.set(event_target_value(&ev)) />
                <label><input type="checkbox" prop:checked=move || force.get() on:change=move |ev| force.set(event_target_checked(&ev)) />" forceMetadataRefresh"</label>
                <label title="Only for the full kind"><input type="checkbox" prop:checked=move || cluster_view.get() on:change=move |ev| cluster_view.set(event_target_checked(&ev)) />" computeUsingClusterView"</label>
                <button on:click=check disabled=move || busy.get()>"Check"</button>
            </div>
            {move || match result.get() {
                None => ().into_any(),
                Some(Ok(items)) => view! { <KeyValue items=items /> }.into_any(),
                Some(Err(e)) => view! { <p class="sb-field-error" role="alert">{e}</p> }.into_any(),
            }}
        </section>
    }
}

/// `GET /datasources/{ds}?full` and `GET /metadata/datasources/{ds}`, on demand.
#[component]
fn FullMetadata(ds: String) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let open = RwSignal::new(None::<bool>);
    let r = load_once(move |c| {
        let which = open.get();
        async move {
            match which {
                None => Ok(serde_json::Value::Null),
                Some(false) => Ok(api::datasource_full(&c, &ds.get_value())
                    .await?
                    .unwrap_or_default()),
                Some(true) => api::metadata_datasource(&c, &ds.get_value()).await,
            }
        }
    });
    view! {
        <section class="sb-card">
            <div class="sb-row">
                <h2>"Full metadata"</h2>
                <button on:click=move |_| open.set(Some(false))>"Coordinator (?full)"</button>
                <button on:click=move |_| open.set(Some(true))>"Metadata store"</button>
                <button on:click=move |_| open.set(None)>"Hide"</button>
            </div>
            {move || open.get().map(|_| view! {
                {status(r, "full metadata")}
                <JsonView value=Signal::derive(move || r.get().unwrap_or_default()) open_depth=1 />
            })}
        </section>
    }
}
