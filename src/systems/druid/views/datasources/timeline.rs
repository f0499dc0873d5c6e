//! The segment timeline of a datasource: segment count and size per day or hour, from
//! `GET /datasources/{ds}/intervals?simple`, drawn as two bar charts (SVG).

use crate::systems::druid::api::datasources as api;
use crate::systems::druid::model::datasources::{interval_rows, timeline, Bucket};
use crate::ui::format::{bytes, count};
use crate::ui::kit::{empty, load, query, set_query, status};
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// Bucket size: absent (day) or `hour`.
pub const BY: QueryKey = QueryKey::new("by");

const W: f64 = 900.0;
const H: f64 = 140.0;

/// The Timeline tab of datasource `ds`.
#[component]
pub fn TimelineTab(ds: String) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let by = query(BY);
    let set = set_query();
    let r = load(move |c| {
        let hourly = by.get().as_deref() == Some("hour");
        async move {
            let m = api::intervals_simple(&c, &ds.get_value())
                .await?
                .unwrap_or_default();
            Ok(timeline(&interval_rows(m), hourly))
        }
    });
    let charts = move || {
        r.with(|b| match b {
            None => ().into_any(),
            Some(b) if b.is_empty() => empty("No served segments: nothing to draw."),
            Some(b) => view! {
                <p class="sb-dim">{format!("{} to {}, {} buckets", b.first().map(|x| x.label.clone()).unwrap_or_default(), b.last().map(|x| x.label.clone()).unwrap_or_default(), b.len())}</p>
                <h2>"Segments"</h2>
                {bars(b, "count", |x| x.count as f64, |x| count(x.count))}
                <h2>"Size"</h2>
                {bars(b, "size", |x| x.size as f64, |x| bytes(x.size))}
            }
            .into_any(),
        })
    };
    view! {
        <div data-timeline="">
            <div class="sb-row">
                <label>"Per "
                    <select aria-label="Bucket" prop:value=move || by.get().unwrap_or_default()
                        on:change=move |ev| set(&[(BY, event_target_value(&ev))])>
                        <option value="">"day"</option>
                        <option value="hour">"hour"</option>
                    </select>
                </label>
            </div>
            {status(r, "intervals")}
            {charts}
        </div>
    }
}

/// One bar chart of `value` per bucket, each bar titled with its label and `text`.
fn bars(
    buckets: &[Bucket],
    name: &'static str,
    value: impl Fn(&Bucket) -> f64,
    text: impl Fn(&Bucket) -> String,
) -> AnyView {
    let max = buckets.iter().map(&value).fold(0.0_f64, f64::max).max(1.0);
    let w = W / buckets.len().max(1) as f64;
    let gap = if w > 3.0 { 1.0 } else { 0.0 };
    let rects = buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| value(b) > 0.0)
        .map(|(i, b)| {
            let h = (value(b) / max * (H - 4.0)).max(1.0);
            let title = format!("{}: {}", b.label, text(b));
            view! {
                <rect x=format!("{:.2}", i as f64 * w) y=format!("{:.2}", H - h) width=format!("{:.2}", (w - gap).max(0.5))
                    height=format!("{h:.2}") fill="var(--sb-accent)"><title>{title}</title></rect>
            }
        })
        .collect_view();
    let top = buckets
        .iter()
        .max_by(|a, b| value(a).total_cmp(&value(b)))
        .map(|b| format!("{} ({})", text(b), b.label))
        .unwrap_or_default();
    view! {
        <figure style="margin:0">
            <svg data-chart=name viewBox=format!("0 0 {W} {H}") width="100%" height=H.to_string()
                preserveAspectRatio="none" role="img" aria-label=format!("{name} per bucket")
                style="background:var(--sb-surface);border:1px solid var(--sb-border);border-radius:var(--sb-radius)">
                {rects}
            </svg>
            <figcaption class="sb-dim">{format!("highest: {top}")}</figcaption>
        </figure>
    }
    .into_any()
}
