//! Segments across datasources: `GET /metadata/segments` with `datasources=` and
//! `includeOvershadowedStatus` from the URL, decoded into lean rows and shown one page at a time
//! (the answer can hold hundreds of thousands of segments: only the page is rendered).

use crate::shell::use_cluster;
use crate::systems::druid::api::datasources as api;
use crate::systems::druid::model::datasources::SegmentRow;
use crate::systems::druid::views::datasources::ds_view;
use crate::ui::format::{bytes, count};
use crate::ui::kit::{link, load, load_once, query, set_query, status};
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// Datasources to list, comma-separated (absent: all).
pub const DATASOURCES: QueryKey = QueryKey::new("datasources");
/// `1`: ask for the overshadowed status.
pub const OVERSHADOWED: QueryKey = QueryKey::new("overshadowed");
/// The page shown, from 1.
pub const PAGE: QueryKey = QueryKey::new("page");

/// Rows per page.
pub const PAGE_SIZE: usize = 100;

/// The datasource names of the `datasources=` value.
pub fn split_names(v: &str) -> Vec<String> {
    let mut out: Vec<String> = v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    out.dedup();
    out
}

/// The 0-based page to show of `total` rows for the URL's 1-based `page` (clamped).
pub fn page_index(page: Option<&str>, total: usize) -> usize {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    page.and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages)
        - 1
}

/// Above this many datasources, the page lists segments only of the datasources it is given.
pub const MAX_UNFILTERED_DATASOURCES: usize = 100;

/// The segments page.
#[component]
pub fn SegmentsPage() -> impl IntoView {
    let cluster = use_cluster();
    let names = query(DATASOURCES);
    let over = query(OVERSHADOWED);
    let page = query(PAGE);
    let set = set_query();
    let known = load_once(|c| async move { api::datasource_names(&c).await });
    // Every segment of a large cluster is hundreds of megabytes: without a datasource filter the
    // list is fetched only when the cluster is small enough (and known to be).
    let too_many = Memo::new(move |_| {
        known.with(|k| k.is_none_or(|k| k.len() > MAX_UNFILTERED_DATASOURCES))
    });
    let r = load(move |c| {
        let ds = split_names(&names.get().unwrap_or_default());
        let over = over.get().as_deref() == Some("1");
        let skip = ds.is_empty() && too_many.get();
        async move {
            if skip {
                return Ok(Vec::new());
            }
            api::metadata_segments(&c, &ds, over).await
        }
    });
    let need_filter = move || {
        names.with(|n| n.as_deref().unwrap_or("").trim().is_empty()) && too_many.get()
    };
    let total = Memo::new(move |_| r.with(|v| v.map(Vec::len).unwrap_or(0)));
    let current = Memo::new(move |_| page_index(page.get().as_deref(), total.get()));
    let pages = move || total.get().div_ceil(PAGE_SIZE).max(1);
    let with_status = move || over.get().as_deref() == Some("1");
    let body = move || {
        let c = cluster.get_untracked();
        let from = current.get() * PAGE_SIZE;
        r.with(|v| {
            v.map(|v| {
                v.iter()
                    .skip(from)
                    .take(PAGE_SIZE)
                    .map(|s| row(&c, s))
                    .collect_view()
            })
        })
    };
    let (set1, set2, set3) = (set.clone(), set.clone(), set.clone());
    let go = Callback::new(move |p: usize| set3(&[(PAGE, (p + 1).to_string())]));
    view! {
        <div>
            <h1>"Segments"</h1>
            <div class="sb-row">
                <label>"Datasources "
                    <input type="text" list="druid-ds-names" size="50" data-seg-datasources="" placeholder="all; or names, comma-separated"
                        prop:value=move || names.get().unwrap_or_default()
                        on:change=move |ev| set1(&[(DATASOURCES, event_target_value(&ev)), (PAGE, String::new())]) />
                </label>
                <datalist id="druid-ds-names">
                    {move || known.get().unwrap_or_default().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                </datalist>
                <label><input type="checkbox" data-seg-overshadowed="" prop:checked=with_status
                    on:change=move |ev| set2(&[(OVERSHADOWED, if event_target_checked(&ev) { "1".into() } else { String::new() }), (PAGE, String::new())]) />
                    " include overshadowed status"</label>
                <span class="sb-dim" data-seg-total="">{move || format!("{} segments", count(total.get() as i64))}</span>
            </div>
            {status(r, "segments")}
            <Show when=need_filter>
                <p class="sb-dim" data-seg-choose="">{move || format!(
                    "This cluster has {} datasources: name one or more above to list their segments (all of them at once would be too large to fetch).",
                    count(known.with(|k| k.map(Vec::len).unwrap_or(0)) as i64)
                )}</p>
            </Show>
            <table class="sb-card" style="width:100%;border-collapse:collapse" data-segments="">
                <thead><tr>
                    <th>"Datasource"</th><th>"Interval"</th><th>"Version"</th><th>"Partition"</th><th>"Size"</th><th>"Overshadowed"</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
            <div class="sb-row" data-pager="">
                <button disabled=move || current.get() == 0 on:click=move |_| go.run(0)>"First"</button>
                <button disabled=move || current.get() == 0 on:click=move |_| go.run(current.get_untracked().saturating_sub(1))>"Previous"</button>
                <span>{move || format!("Page {} of {}", current.get() + 1, pages())}</span>
                <button disabled=move || current.get() + 1 >= pages() on:click=move |_| go.run(current.get_untracked() + 1)>"Next"</button>
                <button disabled=move || current.get() + 1 >= pages() on:click=move |_| go.run(pages() - 1)>"Last"</button>
            </div>
        </div>
    }
}

/// One table row.
fn row(c: &crate::cluster::Cluster, s: &SegmentRow) -> impl IntoView {
    let href = link(c, &format!("{}?segment={}", ds_view(&s.data_source, "segments"), crate::url_state::encode(&s.identifier)));
    let over = match s.overshadowed {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    view! {
        <tr>
            <td><a href=href>{s.data_source.clone()}</a></td>
            <td class="sb-mono">{s.interval.clone()}</td>
            <td class="sb-mono">{s.version.clone()}</td>
            <td style="text-align:right">{s.partition()}</td>
            <td style="text-align:right">{bytes(s.size)}</td>
            <td>{over}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_pages_come_from_the_url() {
        assert_eq!(split_names(" a, b,,c "), ["a", "b", "c"]);
        assert!(split_names("").is_empty());
        assert_eq!(page_index(None, 1000), 0);
        assert_eq!(page_index(Some("3"), 1000), 2);
        assert_eq!(page_index(Some("99"), 1000), 9);
        assert_eq!(page_index(Some("0"), 1000), 0);
        assert_eq!(page_index(Some("x"), 0), 0);
        assert_eq!(page_index(Some("2"), 200_000), 1);
    }
}
