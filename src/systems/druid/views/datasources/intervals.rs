//! A datasource's intervals: `?simple` in a table (or the plain list, or `?full`), and one
//! interval's segments (`/intervals/{i}`, `?simple`, `?full`, `/serverview`).

use crate::systems::druid::api::datasources as api;
use crate::systems::druid::model::datasources::{interval_rows, IntervalStats};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, count};
use crate::ui::kit::{load, load_once, query, set_query, status};
use crate::ui::{DataTable, JsonView};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use serde_json::{json, Value};

/// How the intervals are listed: absent (`?simple` table), `plain` (the bare list), `full`.
pub const LIST: QueryKey = QueryKey::new("list");
/// The interval opened (`start/end`).
pub const INTERVAL: QueryKey = QueryKey::new("interval");
/// What is shown of the opened interval: absent (segment ids), `simple`, `full`, `serverview`.
pub const DETAIL: QueryKey = QueryKey::new("detail");

/// A row of the intervals table.
#[derive(Clone)]
struct Row(String, IntervalStats);

/// The Intervals tab of datasource `ds`.
#[component]
pub fn IntervalsTab(ds: String) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let list = query(LIST);
    let opened = query(INTERVAL);
    let set = set_query();
    let r = load(move |c| async move {
        let rows = api::intervals_simple(&c, &ds.get_value()).await?.unwrap_or_default();
        Ok(interval_rows(rows)
            .into_iter()
            .map(|(i, s)| Row(i, s))
            .collect::<Vec<_>>())
    });
    let other = load_once(move |c| {
        let mode = list.get();
        async move {
            Ok(match mode.as_deref() {
                Some("plain") => json!(api::intervals(&c, &ds.get_value()).await?),
                Some("full") => api::intervals_full(&c, &ds.get_value()).await?.unwrap_or_default(),
                _ => Value::Null,
            })
        }
    });
    let columns = vec![
        col::text("interval", "Interval", |r: &Row| r.0.as_str().into()),
        col::num_text("count", "Segments", |r: &Row| r.1.count.into(), |r: &Row| count(r.1.count)),
        col::num_text("size", "Size", |r: &Row| r.1.size.into(), |r: &Row| bytes(r.1.size)),
    ];
    let open = {
        let set = set.clone();
        on_row(move |r: Row| set(&[(INTERVAL, r.0.clone())]))
    };
    let set2 = set.clone();
    view! {
        <div>
            <div class="sb-row">
                <label>"List "
                    <select aria-label="Interval list" prop:value=move || list.get().unwrap_or_default()
                        on:change=move |ev| set2(&[(LIST, event_target_value(&ev))])>
                        <option value="">"Size and count per interval (?simple)"</option>
                        <option value="plain">"Intervals only"</option>
                        <option value="full">"Segments and servers per interval (?full)"</option>
                    </select>
                </label>
            </div>
            {move || opened.get().map(|i| view! { <IntervalDetail ds=ds.get_value() interval=i /> })}
            {move || match list.get().as_deref() {
                Some("plain") | Some("full") => view! {
                    {status(other, "intervals")}
                    <JsonView value=Signal::derive(move || other.get().unwrap_or_default()) open_depth=1 />
                }.into_any(),
                _ => view! {
                    {status(r, "intervals")}
                    <DataTable id="ivs" columns=columns.clone() rows=Signal::derive(move || any_rows(r.get().unwrap_or_default())) on_row_click=open />
                }.into_any(),
            }}
        </div>
    }
}

/// One interval of the datasource: its segment ids, `?simple`, `?full` or `/serverview`.
#[component]
fn IntervalDetail(ds: String, interval: String) -> impl IntoView {
    let (ds, iv) = (StoredValue::new(ds), StoredValue::new(interval));
    let detail = query(DETAIL);
    let set = set_query();
    let r = load_once(move |c| {
        let d = detail.get();
        async move {
            let (ds, iv) = (ds.get_value(), iv.get_value());
            Ok(match d.as_deref() {
                Some("simple") => json!(api::interval_simple(&c, &ds, &iv)
                    .await?
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k, json!({"count": v.count, "size": v.size})))
                    .collect::<serde_json::Map<String, Value>>()),
                Some("full") => api::interval_full(&c, &ds, &iv).await?.unwrap_or_default(),
                Some("serverview") => api::interval_serverview(&c, &ds, &iv)
                    .await?
                    .unwrap_or_default(),
                _ => json!(api::interval_segment_ids(&c, &ds, &iv).await?.unwrap_or_default()),
            })
        }
    });
    let (set1, set2) = (set.clone(), set.clone());
    view! {
        <section class="sb-card" data-interval-detail="">
            <div class="sb-row">
                <h2>{iv.get_value()}</h2>
                <select aria-label="Interval detail" prop:value=move || detail.get().unwrap_or_default()
                    on:change=move |ev| set1(&[(DETAIL, event_target_value(&ev))])>
                    <option value="">"Segment ids"</option>
                    <option value="simple">"Size and count per interval inside (?simple)"</option>
                    <option value="full">"Segments and servers (?full)"</option>
                    <option value="serverview">"Server view"</option>
                </select>
                <button on:click=move |_| set2(&[(INTERVAL, String::new()), (DETAIL, String::new())])>"Close"</button>
            </div>
            {status(r, "interval")}
            <JsonView value=Signal::derive(move || r.get().unwrap_or_default()) open_depth=2 />
        </section>
    }
}
