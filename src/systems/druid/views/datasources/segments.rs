//! A datasource's segments: the coordinator's (served) or the metadata store's, all of them or
//! those overlapping given intervals, or its unused segments a page at a time; one segment's
//! metadata from both; mark one used or unused.

use crate::shell::use_cluster;
use crate::systems::druid::api::{datasources as api, error_text};
use crate::systems::druid::model::datasources::SegmentRow;
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::bytes;
use crate::ui::kit::{load, load_once, query, set_query, status, toaster};
use crate::ui::{ConfirmButton, DataTable, JsonView, ToastKind};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use serde_json::json;

/// Which segments: absent (served, `?full`), `ids` (served ids), `metadata` (metadata store,
/// `?full`), `metadata-ids`, `in` (metadata store, overlapping [`IN`], `POST ?full`), `in-ids`.
pub const SOURCE: QueryKey = QueryKey::new("source");
/// Intervals for the `in` sources, comma-separated.
pub const IN: QueryKey = QueryKey::new("in");
/// The unused segments' page: the last segment id of the previous page.
pub const AFTER: QueryKey = QueryKey::new("after");
/// Unused segments newest id first (`desc`).
pub const ORDER: QueryKey = QueryKey::new("order");
/// Unused segments per page.
pub const UNUSED_PAGE: u32 = 1000;
/// The segment opened (its id).
pub const SEGMENT: QueryKey = QueryKey::new("segment");

/// What the tab lists: full rows, or ids only.
#[derive(Clone, Default)]
struct Listing {
    rows: Vec<SegmentRow>,
    ids: Vec<String>,
}

/// A row of the ids table.
#[derive(Clone)]
struct Id(String);

/// The Segments tab of datasource `ds`.
#[component]
pub fn SegmentsTab(ds: String) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let cluster = use_cluster();
    let toast = toaster();
    let source = query(SOURCE);
    let within = query(IN);
    let opened = query(SEGMENT);
    let (after, order) = (query(AFTER), query(ORDER));
    let set = set_query();
    let r = load(move |c| {
        let (src, within) = (source.get(), within.get().unwrap_or_default());
        let (after, desc) = (after.get(), order.get().as_deref() == Some("desc"));
        async move {
            let d = ds.get_value();
            let ivs: Vec<String> = within
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let mut l = Listing::default();
            match src.as_deref() {
                Some("ids") => l.ids = api::segment_ids(&c, &d).await?.unwrap_or_default(),
                Some("metadata") => l.rows = api::metadata_segments_full(&c, &d).await?,
                Some("metadata-ids") => l.ids = api::metadata_segment_ids(&c, &d).await?,
                Some("in") if !ivs.is_empty() => {
                    l.rows = api::metadata_segments_in(&c, &d, &ivs).await?
                }
                Some("in-ids") if !ivs.is_empty() => {
                    l.ids = api::metadata_segment_ids_in(&c, &d, &ivs).await?
                }
                Some("in") | Some("in-ids") => {}
                Some("unused") => {
                    let page = api::metadata_unused_segments(
                        &c,
                        &d,
                        ivs.first().map(String::as_str),
                        UNUSED_PAGE,
                        after.as_deref(),
                        desc,
                    )
                    .await?;
                    l.rows = page.into_iter().map(|u| u.segment).collect();
                }
                _ => l.rows = api::segments_full(&c, &d).await?.unwrap_or_default(),
            }
            Ok(l)
        }
    });
    let mark = move |id: String, used: bool| {
        let (c, d) = (cluster.get_untracked(), ds.get_value());
        leptos::task::spawn_local(async move {
            let out = if used {
                api::mark_segment_used(&c, &d, &id).await
            } else {
                api::mark_segment_unused(&c, &d, &id).await
            };
            match out {
                Ok(m) => {
                    toast(ToastKind::Success, format!("{id}: {}", m.describe()));
                    r.refetch();
                }
                Err(e) => toast(ToastKind::Error, format!("{id}: {}", error_text(&e))),
            }
        });
    };
    let columns = vec![
        col::text("interval", "Interval", |s: &SegmentRow| s.interval.as_str().into()),
        col::text("version", "Version", |s: &SegmentRow| s.version.as_str().into()),
        col::num("partition", "Partition", |s: &SegmentRow| s.partition().into()),
        col::num_text("size", "Size", |s: &SegmentRow| s.size.into(), |s: &SegmentRow| bytes(s.size)),
        col::text("id", "Id", |s: &SegmentRow| s.identifier.as_str().into()).hidden(),
        crate::ui::Column::actions("act", move |row: &crate::ui::any_row::AnyRow| {
            let Some(s) = crate::ui::any_row::row_as::<SegmentRow>(row) else {
                return ().into_any();
            };
            let (a, b) = (s.identifier.clone(), s.identifier.clone());
            view! {
                <span class="sb-row" on:click=|ev| ev.stop_propagation()>
                    <ConfirmButton label="Mark unused" title="Mark this segment unused?" message=format!("Marks segment {a} unused: historicals drop it.")
                        confirm_label="Mark unused" danger=true on_confirm=Callback::new(move |_| mark(a.clone(), false)) />
                    <ConfirmButton label="Mark used" title="Mark this segment used?" message=format!("Marks segment {b} used (if it is not overshadowed).")
                        confirm_label="Mark used" on_confirm=Callback::new(move |_| mark(b.clone(), true)) />
                </span>
            }
            .into_any()
        }),
    ];
    let id_columns = vec![col::text("id", "Segment id", |s: &Id| s.0.as_str().into())];
    let (set1, set2, set3, set4) = (set.clone(), set.clone(), set.clone(), set.clone());
    let open_row = on_row(move |s: SegmentRow| set3(&[(SEGMENT, s.identifier.clone())]));
    let open_id = on_row(move |s: Id| set4(&[(SEGMENT, s.0.clone())]));
    let needs_in = move || matches!(source.get().as_deref(), Some("in") | Some("in-ids") | Some("unused"));
    let unused = move || source.get().as_deref() == Some("unused");
    let set5 = set.clone();
    let next_page = move |_| {
        let last = r.with_untracked(|l| l.and_then(|l| l.rows.last().map(|s| s.identifier.clone())));
        if let Some(last) = last {
            set5(&[(AFTER, last)]);
        }
    };
    let set6 = set.clone();
    let paging = move || unused().then(|| {
        let (set6, set7, next_page) = (set6.clone(), set6.clone(), next_page.clone());
        let full = move || r.with(|l| l.is_some_and(|l| l.rows.len() as u32 >= UNUSED_PAGE));
        view! {
            <div class="sb-row" data-unused-paging="">
                <label>"Order "
                    <select aria-label="Order" prop:value=move || order.get().unwrap_or_default()
                        on:change=move |ev| set6(&[(ORDER, event_target_value(&ev)), (AFTER, String::new())])>
                        <option value="">"by id, ascending"</option>
                        <option value="desc">"by id, descending"</option>
                    </select>
                </label>
                <button disabled=move || after.get().is_none() on:click=move |_| set7(&[(AFTER, String::new())])>"First page"</button>
                <button disabled=move || !full() on:click=next_page>{format!("Next {UNUSED_PAGE}")}</button>
                <span class="sb-dim" data-unused-count=move || r.with(|l| l.map(|l| l.rows.len()).unwrap_or(0)).to_string()>
                    {move || r.with(|l| l.map(|l| format!("{} unused segments on this page", l.rows.len())).unwrap_or_default())}</span>
            </div>
        }
    });
    let ids_mode = move || {
        matches!(
            source.get().as_deref(),
            Some("ids") | Some("metadata-ids") | Some("in-ids")
        )
    };
    view! {
        <div>
            <div class="sb-row">
                <label>"Segments "
                    <select aria-label="Segment source" prop:value=move || source.get().unwrap_or_default()
                        on:change=move |ev| set1(&[(SOURCE, event_target_value(&ev)), (AFTER, String::new())])>
                        <option value="">"Served by the cluster (used)"</option>
                        <option value="ids">"Served, ids only"</option>
                        <option value="metadata">"In the metadata store"</option>
                        <option value="metadata-ids">"In the metadata store, ids only"</option>
                        <option value="in">"In the metadata store, overlapping intervals"</option>
                        <option value="in-ids">"In the metadata store, overlapping intervals, ids only"</option>
                        <option value="unused">"Unused (metadata store)"</option>
                    </select>
                </label>
                {move || needs_in().then(|| {
                    let set2 = set2.clone();
                    let hint = if unused() { "within one interval: 2024-01-01/2024-02-01 (optional)" } else { "intervals, comma-separated: 2024-01-01/2024-01-02, ..." };
                    view! {
                        <input type="text" size="60" aria-label="Intervals" placeholder=hint
                            prop:value=move || within.get().unwrap_or_default()
                            on:change=move |ev| set2(&[(IN, event_target_value(&ev)), (AFTER, String::new())]) />
                    }
                })}
            </div>
            {paging}
            {move || opened.get().map(|id| view! { <SegmentDetail ds=ds.get_value() id=id /> })}
            {status(r, "segments")}
            {move || if ids_mode() {
                view! { <DataTable id="segids" columns=id_columns.clone() rows=Signal::derive(move || any_rows(r.with(|l| l.map(|l| l.ids.iter().cloned().map(Id).collect::<Vec<_>>()).unwrap_or_default()))) on_row_click=open_id /> }.into_any()
            } else {
                view! { <DataTable id="segs" columns=columns.clone() rows=crate::systems::druid::views::rows_memo(move || any_rows(r.with(|l| l.map(|l| l.rows.clone()).unwrap_or_default()))) on_row_click=open_row export_name="segments" /> }.into_any()
            }}
        </div>
    }
}

/// One segment: `GET /datasources/{ds}/segments/{id}` and the metadata store's record.
#[component]
fn SegmentDetail(ds: String, id: String) -> impl IntoView {
    let (ds, id) = (StoredValue::new(ds), StoredValue::new(id));
    let set = set_query();
    let r = load_once(move |c| async move {
        let (d, i) = (ds.get_value(), id.get_value());
        let served = api::segment(&c, &d, &i).await?;
        let meta = match api::metadata_segment(&c, &d, &i).await {
            Ok(v) => v,
            Err(e) if e.error.status() == Some(404) => {
                json!("not in the metadata store as a used segment (404)")
            }
            Err(e) => return Err(e),
        };
        Ok(json!({
            "served": served.unwrap_or_else(|| json!("not served (204)")),
            "metadataStore": meta,
        }))
    });
    view! {
        <section class="sb-card" data-segment-detail="">
            <div class="sb-row">
                <h2 class="sb-mono">{id.get_value()}</h2>
                <button on:click=move |_| set(&[(SEGMENT, String::new())])>"Close"</button>
            </div>
            {status(r, "segment")}
            <JsonView value=Signal::derive(move || r.get().unwrap_or_default()) open_depth=2 />
        </section>
    }
}
