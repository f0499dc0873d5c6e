//! Intervals across datasources: `GET /intervals` (size and count per interval), and one interval
//! (`/intervals/{interval}` total, `?simple` per interval inside, `?full` per datasource).

use crate::systems::druid::api::datasources as api;
use crate::systems::druid::model::datasources::{interval_rows, parse_interval, IntervalStats};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, count};
use crate::ui::kit::{kv, load, load_once, query, set_query, status};
use crate::ui::{DataTable, KeyValue};
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// The interval looked into (`start/end`).
pub const INTERVAL: QueryKey = QueryKey::new("interval");
/// What of it: absent (total), `simple` (per interval), `full` (per datasource).
pub const MODE: QueryKey = QueryKey::new("mode");

/// A row: interval, datasource (for `?full`), stats.
#[derive(Clone)]
struct Row(String, String, IntervalStats);

/// What the chosen interval shows.
#[derive(Clone, Default)]
struct Detail {
    total: Option<IntervalStats>,
    rows: Vec<Row>,
}

/// The intervals page.
#[component]
pub fn IntervalsPage() -> impl IntoView {
    let interval = query(INTERVAL);
    let mode = query(MODE);
    let set = set_query();
    let r = load(|c| async move {
        Ok(interval_rows(api::all_intervals(&c).await?)
            .into_iter()
            .map(|(i, s)| Row(i, String::new(), s))
            .collect::<Vec<_>>())
    });
    let typed = RwSignal::new(interval.get_untracked().unwrap_or_default());
    Effect::new(move |_| typed.set(interval.get().unwrap_or_default()));
    let invalid = Memo::new(move |_| {
        let t = typed.get();
        !t.trim().is_empty() && parse_interval(t.trim()).is_none()
    });
    let columns = vec![
        col::text("interval", "Interval", |r: &Row| r.0.as_str().into()),
        col::num_text("count", "Segments", |r: &Row| r.2.count.into(), |r: &Row| count(r.2.count)),
        col::num_text("size", "Size", |r: &Row| r.2.size.into(), |r: &Row| bytes(r.2.size)),
    ];
    let (set1, set2, set3) = (set.clone(), set.clone(), set.clone());
    let open = on_row(move |r: Row| set3(&[(INTERVAL, r.0.clone())]));
    let apply = move || {
        if !invalid.get_untracked() {
            set1(&[(INTERVAL, typed.get_untracked().trim().to_string())]);
        }
    };
    view! {
        <div>
            <h1>"Intervals"</h1>
            <form class="sb-row" on:submit=move |ev| { ev.prevent_default(); apply(); }>
                <input type="text" size="56" aria-label="Interval" data-interval-input=""
                    aria-invalid=move || invalid.get().to_string()
                    placeholder="start/end, e.g. 2024-01-01/2024-02-01"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                <select aria-label="Interval detail" prop:value=move || mode.get().unwrap_or_default()
                    on:change=move |ev| set2(&[(MODE, event_target_value(&ev))])>
                    <option value="">"Total"</option>
                    <option value="simple">"Per interval inside (?simple)"</option>
                    <option value="full">"Per datasource (?full)"</option>
                </select>
                <button type="submit" disabled=move || invalid.get()>"Show"</button>
                {move || invalid.get().then(|| view! { <span class="sb-field-error">"Write the interval as start/end."</span> })}
            </form>
            {move || interval.get().map(|i| view! { <IntervalDetail interval=i /> })}
            <h2>"All intervals"</h2>
            {status(r, "intervals")}
            <DataTable id="ivall" columns rows=Signal::derive(move || any_rows(r.get().unwrap_or_default())) on_row_click=open export_name="intervals" />
        </div>
    }
}

/// One interval, as the `mode` key asks.
#[component]
fn IntervalDetail(interval: String) -> impl IntoView {
    let iv = StoredValue::new(interval);
    let mode = query(MODE);
    let r = load_once(move |c| {
        let m = mode.get();
        async move {
            let i = iv.get_value();
            let mut d = Detail::default();
            match m.as_deref() {
                Some("simple") => {
                    d.rows = interval_rows(api::interval_breakdown(&c, &i).await?)
                        .into_iter()
                        .map(|(k, s)| Row(k, String::new(), s))
                        .collect()
                }
                Some("full") => {
                    let mut m: Vec<_> = api::interval_by_datasource(&c, &i).await?.into_iter().collect();
                    m.sort_by(|a, b| b.0.cmp(&a.0));
                    d.rows = m
                        .into_iter()
                        .flat_map(|(k, per)| per.into_iter().map(move |(ds, s)| Row(k.clone(), ds, s)))
                        .collect()
                }
                _ => d.total = Some(api::interval_total(&c, &i).await?),
            }
            Ok(d)
        }
    });
    let columns = vec![
        col::text("interval", "Interval", |r: &Row| r.0.as_str().into()),
        col::text("ds", "Datasource", |r: &Row| r.1.as_str().into()),
        col::num_text("count", "Segments", |r: &Row| r.2.count.into(), |r: &Row| count(r.2.count)),
        col::num_text("size", "Size", |r: &Row| r.2.size.into(), |r: &Row| bytes(r.2.size)),
    ];
    view! {
        <section class="sb-card" data-interval-detail="">
            <h2>{iv.get_value()}</h2>
            {status(r, "interval")}
            {move || r.with(|d| match d {
                None => ().into_any(),
                Some(Detail { total: Some(t), .. }) => view! {
                    <KeyValue items=kv(&[("Segments", count(t.count)), ("Size", bytes(t.size))]) />
                }.into_any(),
                Some(_) => view! {
                    <DataTable id="ivone" columns=columns.clone() rows=Signal::derive(move || any_rows(r.with(|d| d.map(|d| d.rows.clone()).unwrap_or_default()))) />
                }.into_any(),
            })}
        </section>
    }
}
