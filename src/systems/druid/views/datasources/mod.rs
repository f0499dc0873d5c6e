//! Datasources: the list (served by the coordinator, optionally with the names only the metadata
//! store knows), and one datasource's page with its overview, intervals, segments, timeline and
//! the actions that mark its segments used or unused or kill them.

mod actions;
mod intervals;
mod page;
mod segments;
mod timeline;

pub use page::DatasourcePage;

use crate::shell::use_cluster;
use crate::systems::druid::api::datasources as api;
use crate::systems::druid::model::datasources::{datasource_rows, DatasourceRow};
use crate::ui::any_row::{any_rows, col, on_row};
use crate::ui::format::{bytes, count};
use crate::ui::kit::{badge, link, load, load_once, path, query, set_query, status};
use crate::ui::{DataTable, JsonView, Tone};
use crate::url_state::{encode_segment, QueryKey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Which datasources the list shows: served ones (absent), `all` (with the names only the
/// metadata store knows, `?includeUnused`), `disabled` (the same with `?includeDisabled`),
/// `metadata` (with the metadata store's names of datasources with used segments), `unused`
/// (only the names the coordinator does not serve).
pub const SHOW: QueryKey = QueryKey::new("show");

/// The app path of a datasource's page (tab `tab`, "" for the overview).
pub fn ds_view(ds: &str, tab: &str) -> String {
    if tab.is_empty() {
        format!("datasources/{}", encode_segment(ds))
    } else {
        format!("datasources/{}/{tab}", encode_segment(ds))
    }
}

/// The datasources page: `GET /datasources?simple` in a table (name, segments, sizes, time
/// range), with the metadata store's names on demand and the `?full` answer on demand.
#[component]
pub fn DatasourcesPage() -> impl IntoView {
    let cluster = use_cluster();
    let navigate = use_navigate();
    let show = query(SHOW);
    let set = set_query();
    let r = load(move |c| {
        let show = show.get();
        async move {
            let served = api::datasources_simple(&c).await?;
            let meta = match show.as_deref() {
                Some("all") | Some("unused") => {
                    Some(api::metadata_datasources_include_unused(&c).await?)
                }
                Some("disabled") => Some(api::metadata_datasources_include_disabled(&c).await?),
                Some("metadata") => Some(api::metadata_datasources(&c).await?),
                _ => None,
            };
            Ok(datasource_rows(served, meta))
        }
    });
    let rows = super::rows_memo(move || {
        let only_unused = show.get().as_deref() == Some("unused");
        r.with(|d| {
            any_rows(
                d.map(|v| {
                    v.iter()
                        .filter(|x| !only_unused || x.unused_only)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default(),
            )
        })
    });
    let columns = vec![
        col::view(
            "name",
            "Datasource",
            |d: &DatasourceRow| d.name.as_str().into(),
            move |d: &DatasourceRow| {
                view! { <a href=link(&cluster.get_untracked(), &ds_view(&d.name, "")) on:click=|ev| ev.stop_propagation()>{d.name.clone()}</a> }.into_any()
            },
        ),
        col::num_text(
            "segments",
            "Segments",
            |d: &DatasourceRow| d.count.into(),
            |d: &DatasourceRow| count(d.count),
        ),
        col::num_text(
            "size",
            "Size",
            |d: &DatasourceRow| d.size.into(),
            |d: &DatasourceRow| bytes(d.size),
        ),
        col::num_text(
            "replicated",
            "Replicated size",
            |d: &DatasourceRow| d.replicated_size.into(),
            |d: &DatasourceRow| bytes(d.replicated_size),
        ),
        col::text("range", "Time range", |d: &DatasourceRow| {
            d.range.as_str().into()
        }),
        col::view(
            "state",
            "State",
            |d: &DatasourceRow| if d.unused_only { "unused only" } else { "served" }.into(),
            |d: &DatasourceRow| {
                if d.unused_only {
                    badge(Tone::Warn, "unused only")
                } else {
                    badge(Tone::Ok, "served")
                }
            },
        ),
    ];
    let open = on_row(move |d: DatasourceRow| {
        navigate(
            &path(&cluster.get_untracked(), &ds_view(&d.name, "")),
            Default::default(),
        )
    });
    let full_open = RwSignal::new(false);
    let on_show = move |ev| set(&[(SHOW, event_target_value(&ev))]);
    view! {
        <div>
            <h1>"Datasources"</h1>
            <div class="sb-row">
                <label>
                    "Show "
                    <select data-show="" aria-label="Which datasources" on:change=on_show
                        prop:value=move || show.get().unwrap_or_default()>
                        <option value="">"Served by the coordinator"</option>
                        <option value="all">"Served and known to the metadata store (includeUnused)"</option>
                        <option value="disabled">"Served and known to the metadata store, disabled too (includeDisabled)"</option>
                        <option value="metadata">"Served and those with used segments in the metadata store"</option>
                        <option value="unused">"Only those with no used segment (unused only)"</option>
                    </select>
                </label>
                <span class="sb-dim" data-ds-total="">{move || r.with(|d| d.map(|v| format!("{} datasources", count(v.len() as i64))).unwrap_or_default())}</span>
                <button on:click=move |_| full_open.update(|o| *o = !*o)>
                    {move || if full_open.get() { "Hide full metadata" } else { "Full metadata (?full)" }}
                </button>
            </div>
            {status(r, "datasources")}
            <DataTable id="ds" columns rows on_row_click=open export_name="datasources" />
            {move || full_open.get().then(|| view! { <FullList /> })}
        </div>
    }
}

/// `GET /datasources?full` and `GET /metadata/datasources?full`, on demand.
#[component]
fn FullList() -> impl IntoView {
    let which = RwSignal::new(false);
    let r = load_once(move |c| {
        let meta = which.get();
        async move {
            if meta {
                api::metadata_datasources_full(&c).await
            } else {
                api::datasources_full(&c).await
            }
        }
    });
    view! {
        <section class="sb-card">
            <div class="sb-row">
                <h2>"Full metadata"</h2>
                <label><input type="checkbox" prop:checked=move || which.get()
                    on:change=move |ev| which.set(event_target_checked(&ev)) />
                    " from the metadata store (/metadata/datasources?full)"</label>
            </div>
            {status(r, "full metadata")}
            <JsonView value=Signal::derive(move || r.get().unwrap_or_default()) open_depth=1 />
        </section>
    }
}
