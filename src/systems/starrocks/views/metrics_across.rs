//! One series across every BE, side by side: the BEs of `show_proc /backends` are scraped
//! (`/metrics`) every two seconds, each into its own history, and the series picked (in the
//! URL, `across=`, `rate <key>` for a rate per second) is drawn with one line per BE over the
//! last minute (or the window picked).

use super::scope;
use super::metrics::node_targets;
use crate::shell::use_cluster;
use crate::systems::starrocks::api;
use crate::ui::chart::{sample_every, LineChart, Series};
use crate::ui::kit::{load_once, query, set_query, status};
use crate::ui::metrics_explorer::{parse_picks, search, series_points, write_picks, Pick, ScrapeHistory};
use crate::url_state::QueryKey;
use leptos::prelude::*;
use std::time::Duration;

/// The series charted across the BEs.
pub const ACROSS: QueryKey = QueryKey::new("across");
/// The search text.
pub const FIND: QueryKey = QueryKey::new("find");
/// The window in seconds.
pub const WINDOW: QueryKey = QueryKey::new("window");

/// The points of the last `window_ms` before the latest one.
pub fn last_window(points: Vec<(f64, f64)>, window_ms: f64) -> Vec<(f64, f64)> {
    let end = points.last().map(|p| p.0).unwrap_or(0.0);
    points.into_iter().filter(|p| p.0 >= end - window_ms).collect()
}

/// The metrics-across-BEs page.
#[component]
pub fn AcrossPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let picked = query(ACROSS);
    let needle = query(FIND);
    let window = query(WINDOW);
    let set = set_query();
    let pick = Memo::new(move |_| parse_picks(&picked.get().unwrap_or_default()).into_iter().next());
    let window_ms = Memo::new(move |_| window.get().and_then(|w| w.parse::<f64>().ok()).filter(|w| *w >= 10.0).unwrap_or(60.0) * 1000.0);
    let nodes = load_once(|c| async move { Ok(node_targets("be", &api::show_proc(&c, "/backends").await?)) });
    let histories = RwSignal::new(Vec::<(String, ScrapeHistory, RwSignal<Option<String>>)>::new());
    Effect::new(move |_| {
        if let Some(list) = nodes.get() {
            histories.set(list.into_iter().map(|n| (n, ScrapeHistory::new(), RwSignal::new(None))).collect());
        }
    });
    let busy = StoredValue::new(0usize);
    sample_every(Duration::from_secs(2), move || {
        if busy.try_get_value().unwrap_or(1) > 0 {
            return;
        }
        let all = histories.get_untracked();
        let c = cluster.get_untracked();
        busy.try_set_value(all.len());
        for (node, h, err) in all {
            let c = c.clone();
            leptos::task::spawn_local(async move {
                let r = api::metrics(&c, &node).await;
                busy.try_update_value(|b| *b = b.saturating_sub(1));
                match r {
                    Ok(scrape) => {
                        err.try_set(None);
                        h.push(crate::ui::format::now_epoch_ms() as f64, scrape);
                    }
                    Err(e) => {
                        err.try_set(Some(format!("{} ({})", e.error, e.error.server_message().unwrap_or_default())));
                    }
                }
            });
        }
    });
    let series = Signal::derive(move || {
        let Some(p) = pick.get() else { return Vec::new() };
        let w = window_ms.get();
        histories.with(|hs| {
            hs.iter()
                .map(|(node, h, _)| Series {
                    label: node.clone(),
                    points: h.scrapes.with(|all| last_window(series_points(all, &p.key, p.rate), w)),
                })
                .collect()
        })
    });
    let set_pick = set.clone();
    let choose = move |key: String, rate: bool| set_pick(&[(ACROSS, write_picks(&[Pick { key, rate }]))]);
    let set_find = set.clone();
    let set_window = set.clone();
    let matches = move || {
        let first = histories.with(|hs| hs.first().map(|(_, h, _)| *h));
        let Some(h) = first else { return view! { <p class="sb-dim">"Waiting for the backends…"</p> }.into_any() };
        h.scrapes.with(|all| match all.last() {
            None => view! { <p class="sb-dim">"Waiting for the first scrape…"</p> }.into_any(),
            Some((_, scrape)) => {
                let found = search(scrape, &needle.get().unwrap_or_default(), 40);
                let choose = choose.clone();
                view! {
                    <table class=s.cls("table")><tbody>
                        {found.into_iter().map(|(k, _, kind)| {
                            let (a, b) = (choose.clone(), choose.clone());
                            let (k1, k2) = (k.clone(), k.clone());
                            view! { <tr data-across-series=k.clone()>
                                <td class="sb-mono">{k.clone()}</td><td class="sb-dim">{kind}</td>
                                <td><button on:click=move |_| a(k1.clone(), false)>"Value across BEs"</button>
                                    <button data-across-rate="" on:click=move |_| b(k2.clone(), true)>"Rate across BEs"</button></td>
                            </tr> }
                        }).collect_view()}
                    </tbody></table>
                }.into_any()
            }
        })
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"Metrics across BEs"</h1>
            {status(nodes, "backends")}
            <div class=s.cls("form")>
                <label class=s.cls("picker")>"Window "
                    <select on:change=move |ev| set_window(&[(WINDOW, event_target_value(&ev))])>
                        {[(60, "1 min"), (120, "2 min"), (300, "5 min")].into_iter().map(|(v, l)| view! {
                            <option value=v.to_string() selected=move || window_ms.get() == v as f64 * 1000.0>{l}</option>
                        }).collect_view()}
                    </select>
                </label>
                <span class="sb-dim" data-across-nodes=move || histories.with(|h| h.len().to_string())>
                    {move || histories.with(|h| format!("{} backends", h.len()))}
                </span>
            </div>
            {move || histories.with(|hs| hs.iter().filter_map(|(n, _, e)| e.get().map(|e| view! {
                <div class=s.cls("alert badline") data-metrics-error="">{format!("{n}: /metrics did not answer: {e}")}</div>
            })).collect_view())}
            {move || pick.get().map(|p| {
                let title = if p.rate { format!("rate({}) per BE", p.key) } else { format!("{} per BE", p.key) };
                view! { <div class=s.cls("panel") data-across-chart=p.key.clone() data-rate=p.rate.to_string()
                    data-points=move || series.with(|all| all.iter().map(|x| x.points.len()).min().unwrap_or(0).to_string())>
                    <LineChart title=title series=series />
                </div> }
            })}
            <div class=s.cls("panel")>
                <h2>"Find a series"</h2>
                <input type="search" placeholder="words of a series name or label" data-across-find=""
                    prop:value=move || needle.get().unwrap_or_default() on:input=move |ev| set_find(&[(FIND, event_target_value(&ev))]) />
                {matches}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_keeps_the_last_points() {
        let pts = vec![(0.0, 1.0), (30_000.0, 2.0), (70_000.0, 3.0), (90_000.0, 4.0)];
        assert_eq!(last_window(pts.clone(), 60_000.0), vec![(30_000.0, 2.0), (70_000.0, 3.0), (90_000.0, 4.0)]);
        assert_eq!(last_window(pts, 10_000.0).len(), 1);
        assert!(last_window(Vec::new(), 60_000.0).is_empty());
    }
}
